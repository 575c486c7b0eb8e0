// Fixed goalposts: linear between low and high, clamped.
#include <cmath>
#include <limits>

#include "methods/method.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

void Score(const Eigen::ArrayXd& x, const ParamValues& p, Direction dir, Eigen::ArrayXd* score,
           FlagColumn* flags, IndicatorStats* stats) {
  const double low = p[0], high = p[1], range = high - low;
  stats->low = low;
  stats->high = high;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (std::isnan(x[i])) {
      (*score)[i] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    double s = dir == Direction::kHigher ? (x[i] - low) / range : (high - x[i]) / range;
    if (s < 0 || s > 1) {
      s = s < 0 ? 0.0 : 1.0;
      (*flags)[i] |= kFlagCapped;
    }
    (*score)[i] = s;
  }
}

std::string Explain(double x, double s, const ParamValues& p, Direction dir, const IndicatorStats&) {
  std::string lo = FormatNumber(p[0]), hi = FormatNumber(p[1]), v = FormatNumber(x);
  std::string head = "goalposts " + lo + " (no points) to " + hi + " (full points)";
  if (dir == Direction::kLower) head = "goalposts " + hi + " (no points) to " + lo + " (full points)";
  std::string raw = dir == Direction::kHigher ? "(" + v + " - " + lo + ") / (" + hi + " - " + lo + ")"
                                              : "(" + hi + " - " + v + ") / (" + hi + " - " + lo + ")";
  double unclamped = dir == Direction::kHigher ? (x - p[0]) / (p[1] - p[0]) : (p[1] - x) / (p[1] - p[0]);
  std::string out = head + ": score = " + raw + " = " + FormatNumber(unclamped);
  if (unclamped != s) out += ", clamped to " + FormatNumber(s);
  return out;
}

std::string Check(const ParamValues& p) {
  return p[0] < p[1] ? "" : "'low' (" + FormatNumber(p[0]) + ") must be less than 'high' (" +
                                FormatNumber(p[1]) + "); use 'direction: lower' to reverse";
}

}  // namespace

const MethodImpl kGoalposts = {Score, Explain, Check};

}  // namespace makerscore::detail
