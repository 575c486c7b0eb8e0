// Min-max normalisation over the cohort.
#include <cmath>
#include <limits>

#include "methods/method.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

void Score(const Eigen::ArrayXd& x, const ParamValues&, Direction dir, Eigen::ArrayXd* score,
           FlagColumn* flags, IndicatorStats* stats) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (std::isnan(x[i])) continue;
    lo = std::min(lo, x[i]);
    hi = std::max(hi, x[i]);
  }
  stats->low = lo;
  stats->high = hi;
  const double range = hi - lo;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (std::isnan(x[i])) {
      (*score)[i] = std::numeric_limits<double>::quiet_NaN();
    } else if (!(range > 0)) {
      (*score)[i] = 1.0;
      (*flags)[i] |= kFlagNoSpread;
    } else {
      (*score)[i] = dir == Direction::kHigher ? (x[i] - lo) / range : (hi - x[i]) / range;
    }
  }
}

std::string Explain(double x, double s, const ParamValues&, Direction dir, const IndicatorStats& st) {
  if (!(st.high > st.low)) {
    return "min-max: every entity has the same value " + FormatNumber(st.low) +
           ", so each earns full points: score = 1";
  }
  std::string lo = FormatNumber(st.low), hi = FormatNumber(st.high), v = FormatNumber(x);
  std::string head = "min-max over the cohort (min " + lo + ", max " + hi + "): score = ";
  if (dir == Direction::kHigher) {
    return head + "(" + v + " - " + lo + ") / (" + hi + " - " + lo + ") = " + FormatNumber(s);
  }
  return head + "(" + hi + " - " + v + ") / (" + hi + " - " + lo + ") = " + FormatNumber(s) +
         " (lower is better)";
}

std::string Check(const ParamValues&) { return ""; }

}  // namespace

const MethodImpl kMinMax = {Score, Explain, Check};

}  // namespace makerscore::detail
