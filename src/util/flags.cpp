// The names of the flags (makerscore/flags.h).
#include "makerscore/flags.h"

#include <utility>

namespace makerscore {

std::vector<std::string> FlagNames(std::uint16_t flags) {
  static const std::pair<Flag, const char*> kNames[] = {
      {kFlagMissing, "missing"},
      {kFlagImputed, "imputed"},
      {kFlagDivisionByZero, "division_by_zero"},
      {kFlagExcluded, "excluded"},
      {kFlagTooFewRatings, "too_few_ratings"},
      {kFlagOutOfDomain, "out_of_domain"},
      {kFlagNoSpread, "no_spread"},
      {kFlagCapped, "capped"},
      {kFlagNotScored, "not_scored"},
      {kFlagWinsorised, "winsorised"},
      {kFlagLogTransformed, "log_transformed"},
      {kFlagDisagreement, "disagreement"},
      {kFlagSetAside, "set_aside"},
      {kFlagNotFinite, "not_finite"},
      {kFlagAdjustmentCapped, "adjustment_capped"},
      {kFlagBeyondRange, "beyond_range"},
  };
  std::vector<std::string> out;
  for (const auto& [flag, name] : kNames) {
    if (flags & flag) out.push_back(name);
  }
  return out;
}

}  // namespace makerscore
