// 功效系数法, the efficacy coefficient: base + (1 - base) x position between
// the 不允许值 (low) and the 满意值 (high).
#include <algorithm>
#include <cmath>
#include <limits>

#include "methods/method.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

constexpr double kCohort = std::numeric_limits<double>::quiet_NaN();  // "the cohort's value"

// params: base, low, high, clamp.
void Score(const Eigen::ArrayXd& x, const MethodContext& c, Eigen::ArrayXd* score, FlagColumn* flags,
           IndicatorStats* stats) {
  const double base = c.params[0];
  const bool clamp = c.params[3] != 0;
  const Range present = PresentRange(x);
  double low = c.params[1], high = c.params[2];
  if (std::isnan(low)) low = present.low;
  if (std::isnan(high)) high = present.high;
  stats->low = low;
  stats->high = high;
  const double range = high - low;
  ScoreEach(x, score, [&](Eigen::Index i, double xi) {
    if (!(range > 0)) {
      (*flags)[i] |= kFlagNoSpread;
      return 1.0;
    }
    double t = c.direction == Direction::kHigher ? (xi - low) / range : (high - xi) / range;
    if (clamp && (t < 0 || t > 1)) {
      (*flags)[i] |= kFlagCapped;
      t = t < 0 ? 0.0 : 1.0;
    }
    const double s = base + (1 - base) * t;
    if (s > 1 || s < 0) (*flags)[i] |= kFlagBeyondRange;  // unclamped: more than the points, or below none
    return s;
  });
}

std::string Explain(double x, double s, const MethodContext& c, const IndicatorStats& st) {
  const double base = c.params[0];
  std::string lo = FormatNumber(st.low), hi = FormatNumber(st.high), v = FormatNumber(x), b = FormatNumber(base);
  const Say say{c.chinese};
  if (!(st.high > st.low)) {
    return say("功效系数法：不允许值与满意值相等（" + lo + "），得分率 = 1",
               "efficacy coefficient: 不允许值 and 满意值 are equal (" + lo + "), so score = 1");
  }
  std::string where = std::string(std::isnan(c.params[1]) ? say("（全体最小值）", " (cohort min)") : "") +
                      say("，满意值 ", ", 满意值 ") + hi +
                      (std::isnan(c.params[2]) ? say("（全体最大值）", " (cohort max)") : "");
  double t = c.direction == Direction::kHigher ? (x - st.low) / (st.high - st.low) : (st.high - x) / (st.high - st.low);
  std::string pos = c.direction == Direction::kHigher ? "(" + v + " - " + lo + ") / (" + hi + " - " + lo + ")"
                                                      : "(" + hi + " - " + v + ") / (" + hi + " - " + lo + ")";
  std::string out = say("功效系数法（不允许值 " + lo + where + "）：得分率 = ",
                        "efficacy coefficient (不允许值 " + lo + where + "): score = ") +
                    b + " + " + FormatNumber(1 - base) + " x " + pos + " = " + b + " + " + FormatNumber(1 - base) +
                    " x " + FormatNumber(t);
  double unclamped = base + (1 - base) * t;
  out += " = " + FormatNumber(unclamped);
  if (std::fabs(unclamped - s) > 1e-12) out += say("，截取为 ", ", clamped to ") + FormatNumber(s);
  if (s > 1) {
    out += say("：大于 1，得分超过该指标满分（clamp: false；标记 beyond_range）",
               ": above 1, so more than the indicator's points (clamp: false; flagged beyond_range)");
  }
  if (s < 0) {
    out += say("：小于 0，得分为负（clamp: false；标记 beyond_range）",
               ": below 0, so negative points (clamp: false; flagged beyond_range)");
  }
  return out;
}

std::string Check(const MethodContext& c) {
  if (!(c.params[0] >= 0 && c.params[0] <= 1)) return "'base' must be between 0 and 1";
  if (!std::isnan(c.params[1]) && !std::isnan(c.params[2]) && !(c.params[1] < c.params[2])) {
    return "'low' (不允许值) must be less than 'high' (满意值); use 'direction: lower' to reverse";
  }
  return "";
}

}  // namespace

const MethodImpl kEfficacy = {
    {"efficacy",
     true,
     "base + (1 - base) x (x - low) / (high - low); lower is better: base + (1 - base) x (high - x) / (high - low)",
     "功效系数法 (efficacy coefficient): the 不允许值 `low` earns `base` of the points (60% by default) and "
     "the 满意值 `high` full points. Without `low` and `high` the cohort's minimum and maximum are used. "
     "With `clamp: false` a value below `low` earns less than `base` (down to 0 and below) and one above "
     "`high` more than full points, as published worked examples do.",
     {{"base", ParamType::kNumber, false, 0.6, "The share of the points that `low` earns; from 0 to 1."},
      {"low", ParamType::kNumber, false, kCohort,
       "不允许值: the value that earns `base`; default the cohort's minimum."},
      {"high", ParamType::kNumber, false, kCohort,
       "满意值: the value that earns full points; default the cohort's maximum."},
      {"clamp", ParamType::kBool, false, 1, "Keep scores between `base` and 1 (true, the default) or not (false)."}},
     // bounded unless clamp: false
     {/*bounded=*/true, /*bounded_by=*/"clamp"}},
    Score,
    Explain,
    Check};

}  // namespace makerscore::detail
