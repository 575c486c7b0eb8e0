// The names of the flags (makerscore/flags.h).
#include "makerscore/flags.h"

#include <utility>

namespace makerscore {

namespace {

// Each flag with its English name (CSV, JSON) and its Chinese one (explanations in Chinese).
struct FlagName {
  Flag flag;
  const char* english;
  const char* chinese;
};
constexpr FlagName kNames[] = {
    {kFlagMissing, "missing", "缺失"},
    {kFlagImputed, "imputed", "插补"},
    {kFlagDivisionByZero, "division_by_zero", "除数为零"},
    {kFlagExcluded, "excluded", "不计入"},
    {kFlagTooFewRatings, "too_few_ratings", "评分不足"},
    {kFlagOutOfDomain, "out_of_domain", "对数无定义"},
    {kFlagNoSpread, "no_spread", "数值无差异"},
    {kFlagCapped, "capped", "按上下限计分"},
    {kFlagNotScored, "not_scored", "无总分"},
    {kFlagWinsorised, "winsorised", "离群值处理"},
    {kFlagLogTransformed, "log_transformed", "取对数"},
    {kFlagDisagreement, "disagreement", "专家分歧"},
    {kFlagSetAside, "set_aside", "数据不可用"},
    {kFlagNotFinite, "not_finite", "运算溢出"},
    {kFlagAdjustmentCapped, "adjustment_capped", "加扣分封顶"},
    {kFlagBeyondRange, "beyond_range", "超出满分区间"},
};

std::vector<std::string> Names(std::uint16_t flags, bool chinese) {
  std::vector<std::string> out;
  for (const FlagName& name : kNames) {
    if (flags & name.flag) out.push_back(chinese ? name.chinese : name.english);
  }
  return out;
}

}  // namespace

std::vector<std::string> FlagNames(std::uint16_t flags) { return Names(flags, false); }

std::vector<std::string> FlagNamesChinese(std::uint16_t flags) { return Names(flags, true); }

}  // namespace makerscore
