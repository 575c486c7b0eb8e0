// Ratio to a benchmark value (标杆值), capped at full points.
#include <cmath>
#include <limits>

#include "methods/method.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

// Higher is better: x / b in [0, 1]; lower is better: b / x in [0, 1]
// (a value at or below zero is then the best possible).
double RawRatio(double x, double b, Direction dir) {
  if (dir == Direction::kHigher) return x / b;
  return x <= 0 ? std::numeric_limits<double>::infinity() : b / x;
}

void Score(const Eigen::ArrayXd& x, const ParamValues& p, Direction dir, Eigen::ArrayXd* score,
           FlagColumn* flags, IndicatorStats* stats) {
  const double b = p[0];
  stats->low = 0;
  stats->high = b;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (std::isnan(x[i])) {
      (*score)[i] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    double s = RawRatio(x[i], b, dir);
    if (s < 0 || s > 1) {
      s = s < 0 ? 0.0 : 1.0;
      (*flags)[i] |= kFlagCapped;
    }
    (*score)[i] = s;
  }
}

std::string Explain(double x, double s, const ParamValues& p, Direction dir, const IndicatorStats&) {
  std::string b = FormatNumber(p[0]), v = FormatNumber(x);
  double raw = RawRatio(x, p[0], dir);
  std::string out = dir == Direction::kHigher
                        ? "ratio to the benchmark " + b + ": score = " + v + " / " + b
                        : "ratio of the benchmark " + b + " to the value (lower is better): score = " +
                              b + " / " + v;
  if (std::isfinite(raw)) out += " = " + FormatNumber(raw);
  if (raw != s) out += ", capped to " + FormatNumber(s);
  return out;
}

std::string Check(const ParamValues& p) {
  return p[0] > 0 ? "" : "'benchmark' must be greater than 0, not " + FormatNumber(p[0]);
}

}  // namespace

const MethodImpl kRatio = {Score, Explain, Check};

}  // namespace makerscore::detail
