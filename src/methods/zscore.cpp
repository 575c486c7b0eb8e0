// Standardisation: (x - mean) / standard deviation over the cohort.
#include <cmath>
#include <numeric>

#include "methods/method.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

void Score(const Eigen::ArrayXd& x, const MethodContext& c, Eigen::ArrayXd* score, FlagColumn* flags,
           IndicatorStats* stats) {
  std::vector<double> v = Present(x);
  const double n = static_cast<double>(v.size());
  const double mean = v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / n;
  double ss = 0;
  for (double xi : v) ss += (xi - mean) * (xi - mean);
  const double sd = v.size() > 1 ? std::sqrt(ss / (n - 1)) : 0;
  stats->low = mean;  // explained as mean and standard deviation
  stats->high = sd;
  const double sign = c.direction == Direction::kHigher ? 1 : -1;
  ScoreEach(x, score, [&](Eigen::Index i, double xi) {
    if (!(sd > 0)) {
      (*flags)[i] |= kFlagNoSpread;
      return 0.0;
    }
    return sign * (xi - mean) / sd;
  });
}

std::string Explain(double x, double s, const MethodContext& c, const IndicatorStats& st) {
  const Say say{c.chinese};
  if (!(st.high > 0))
    return say("标准分数：各单位数值相同，得分率 = 0", "z-score: every entity has the same value, so score = 0");
  const std::string mean = FormatNumber(st.low), sd = FormatNumber(st.high);
  std::string out = say("标准分数（全体均值 " + mean + "，标准差 " + sd + "）：得分率 = ",
                        "z-score (cohort mean " + mean + ", standard deviation " + sd + "): score = ") +
                    (c.direction == Direction::kLower ? "-" : "") + "(" + FormatNumber(x) + " - " + mean + ") / " + sd +
                    " = " + FormatNumber(s);
  return out;
}

std::string Check(const MethodContext&) { return ""; }

}  // namespace

const MethodImpl kZScore = {
    {"zscore",
     true,
     "(x - cohort mean) / cohort standard deviation (n - 1); lower is better: the negative",
     "Standardisation: how many standard deviations a value lies above the cohort mean. Scores are not "
     "bounded, so it needs `weighting: relative` (composite indices aggregated by mean); under "
     "`weighting: points` it would hand out negative points and more than an indicator's maximum. "
     "When every entity has the same value, each scores 0 (flag `no_spread`).",
     {},
     // not bounded, so only with relative weights
     {/*bounded=*/false, /*bounded_by=*/nullptr, /*gives_points=*/false, /*needs_relative_weighting=*/true}},
    Score,
    Explain,
    Check};

}  // namespace makerscore::detail
