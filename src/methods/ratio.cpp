// Ratio to a benchmark value (标杆值), capped at full points.
#include <cmath>
#include <limits>

#include "methods/method.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

// Higher is better: x / b; lower is better: b / x (a value at or below zero
// is then the best possible).
double Raw(double x, double b, Direction dir) {
  if (dir == Direction::kHigher) return x / b;
  return x <= 0 ? std::numeric_limits<double>::infinity() : b / x;
}

void Score(const Eigen::ArrayXd& x, const MethodContext& c, Eigen::ArrayXd* score, FlagColumn* flags,
           IndicatorStats* stats) {
  const double b = c.params[0];
  stats->low = 0;
  stats->high = b;
  ScoreEach(x, score, [&](Eigen::Index i, double xi) {
    double s = Raw(xi, b, c.direction);
    if (s < 0 || s > 1) {
      (*flags)[i] |= kFlagCapped;
      return s < 0 ? 0.0 : 1.0;
    }
    return s;
  });
}

std::string Explain(double x, double s, const MethodContext& c, const IndicatorStats&) {
  std::string b = FormatNumber(c.params[0]), v = FormatNumber(x);
  double raw = Raw(x, c.params[0], c.direction);
  const Say say{c.chinese};
  std::string out =
      c.direction == Direction::kHigher
          ? say("与标杆值 " + b + " 之比：得分率 = ", "ratio to the benchmark " + b + ": score = ") + v + " / " + b
          : say("标杆值 " + b + " 与数值之比（越低越好）：得分率 = ",
                "ratio of the benchmark " + b + " to the value (lower is better): score = ") +
                b + " / " + v;
  if (std::isfinite(raw)) out += " = " + FormatNumber(raw);
  if (raw != s) out += say("，截取为 ", ", capped to ") + FormatNumber(s);
  return out;
}

std::string Check(const MethodContext& c) {
  return c.params[0] > 0 ? "" : "'benchmark' must be greater than 0, not " + FormatNumber(c.params[0]);
}

}  // namespace

const MethodImpl kRatio = {
    {"ratio",
     false,
     "x / benchmark, at most 1; lower is better: benchmark / x, at most 1",
     "Ratio to a benchmark value (标杆值), capped at full points (flag `capped`). "
     "Negative values earn nothing.",
     {{"benchmark", ParamType::kNumber, true, 0, "The value that earns full points; must be > 0."}},
     MethodTraits{}},
    Score,
    Explain,
    Check};

}  // namespace makerscore::detail
