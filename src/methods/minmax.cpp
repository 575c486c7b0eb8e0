// Min-max normalisation over the cohort.
#include <algorithm>
#include <cmath>

#include "methods/method.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

void Score(const Eigen::ArrayXd& x, const MethodContext& c, Eigen::ArrayXd* score, FlagColumn* flags,
           IndicatorStats* stats) {
  const Range range_of = PresentRange(x);
  const double lo = range_of.low, hi = range_of.high;
  stats->low = lo;
  stats->high = hi;
  const double range = hi - lo;
  ScoreEach(x, score, [&](Eigen::Index i, double xi) {
    if (!(range > 0)) {
      (*flags)[i] |= kFlagNoSpread;
      return 1.0;
    }
    return c.direction == Direction::kHigher ? (xi - lo) / range : (hi - xi) / range;
  });
}

std::string Explain(double x, double s, const MethodContext& c, const IndicatorStats& st) {
  const Say say{c.chinese};
  if (!(st.high > st.low)) {
    return say(
        "极差标准化：各单位数值相同（" + FormatNumber(st.low) + "），均得满分：得分率 = 1",
        "min-max: every entity has the same value " + FormatNumber(st.low) + ", so each earns full points: score = 1");
  }
  std::string lo = FormatNumber(st.low), hi = FormatNumber(st.high), v = FormatNumber(x);
  std::string head = say("极差标准化（全体最小值 " + lo + "，最大值 " + hi + "）：得分率 = ",
                         "min-max over the cohort (min " + lo + ", max " + hi + "): score = ");
  if (c.direction == Direction::kHigher) {
    return head + "(" + v + " - " + lo + ") / (" + hi + " - " + lo + ") = " + FormatNumber(s);
  }
  return head + "(" + hi + " - " + v + ") / (" + hi + " - " + lo + ") = " + FormatNumber(s) +
         say("（越低越好）", " (lower is better)");
}

std::string Check(const MethodContext&) { return ""; }

}  // namespace

const MethodImpl kMinMax = {
    {"minmax",
     true,
     "(x - cohort min) / (cohort max - cohort min); lower is better: (cohort max - x) / (cohort max - cohort min)",
     "Min-max normalisation over the cohort: the best entity earns full points, the worst none. "
     "When every entity has the same value, each earns full points (flag `no_spread`).",
     {},
     MethodTraits{}},
    Score,
    Explain,
    Check};

}  // namespace makerscore::detail
