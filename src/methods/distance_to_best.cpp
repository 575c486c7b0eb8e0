// Distance to the cohort's best: the leader is the benchmark.
#include <algorithm>

#include "methods/method.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

void Score(const Eigen::ArrayXd& x, const MethodContext& c, Eigen::ArrayXd* score, FlagColumn* flags,
           IndicatorStats* stats) {
  const bool higher = c.direction == Direction::kHigher;
  const Range range = PresentRange(x);
  const double best = higher ? range.high : range.low;
  stats->high = best;
  ScoreEach(x, score, [&](Eigen::Index i, double xi) {
    if (higher) {
      if (!(best > 0)) {
        (*flags)[i] |= kFlagNoSpread;
        return 1.0;
      }
      return xi <= 0 ? 0.0 : xi / best;
    }
    if (xi <= 0 || best <= 0) return 1.0;  // nothing can be lower than the best
    return best / xi;
  });
}

std::string Explain(double x, double s, const MethodContext& c, const IndicatorStats& st) {
  std::string b = FormatNumber(st.high), v = FormatNumber(x);
  const Say say{c.chinese};
  if (c.direction == Direction::kHigher) {
    if (!(st.high > 0)) {
      return say("标杆值法：最优值为 " + b + "，各单位得分率均为 1",
                 "distance to the best: the best value is " + b + ", so every entity scores 1");
    }
    return say("标杆值法（全体最优值 " + b + "）：得分率 = ", "distance to the cohort's best " + b + ": score = ") + v +
           " / " + b + " = " + FormatNumber(s);
  }
  return say("标杆值法（全体最优值，越低越好 " + b + "）：得分率 = ",
             "distance to the cohort's best (lowest) " + b + ": score = ") +
         b + " / " + v + " = " + FormatNumber(s);
}

std::string Check(const MethodContext&) { return ""; }

}  // namespace

const MethodImpl kDistanceToBest = {
    {"distance_to_best",
     true,
     "x / cohort max; lower is better: cohort min / x",
     "Distance to the cohort's best (the leader is the benchmark, 标杆值): the best earns full points and "
     "others in proportion. For values >= 0; a value <= 0 earns nothing when higher is better and full "
     "points when lower is better.",
     {},
     MethodTraits{}},
    Score,
    Explain,
    Check};

}  // namespace makerscore::detail
