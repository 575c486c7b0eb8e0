// Fixed goalposts: linear between low and high, clamped.
#include "methods/method.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

double Raw(double x, const MethodContext& c) {
  const double low = c.params[0], high = c.params[1];
  return c.direction == Direction::kHigher ? (x - low) / (high - low) : (high - x) / (high - low);
}

void Score(const Eigen::ArrayXd& x, const MethodContext& c, Eigen::ArrayXd* score, FlagColumn* flags,
           IndicatorStats* stats) {
  stats->low = c.params[0];
  stats->high = c.params[1];
  ScoreEach(x, score, [&](Eigen::Index i, double xi) {
    double s = Raw(xi, c);
    if (s < 0 || s > 1) {
      (*flags)[i] |= kFlagCapped;
      return s < 0 ? 0.0 : 1.0;
    }
    return s;
  });
}

std::string Explain(double x, double s, const MethodContext& c, const IndicatorStats&) {
  std::string lo = FormatNumber(c.params[0]), hi = FormatNumber(c.params[1]), v = FormatNumber(x);
  bool higher = c.direction == Direction::kHigher;
  const Say say{c.chinese};
  const std::string none = higher ? lo : hi, full = higher ? hi : lo;
  std::string head = say("阈值法：" + none + "（不得分）至 " + full + "（满分）",
                         "goalposts " + none + " (no points) to " + full + " (full points)");
  std::string raw = higher ? "(" + v + " - " + lo + ") / (" + hi + " - " + lo + ")"
                           : "(" + hi + " - " + v + ") / (" + hi + " - " + lo + ")";
  double unclamped = Raw(x, c);
  std::string out = head + say("：得分率 = ", ": score = ") + raw + " = " + FormatNumber(unclamped);
  if (unclamped != s) out += say("，截取为 ", ", clamped to ") + FormatNumber(s);
  return out;
}

std::string Check(const MethodContext& c) {
  return c.params[0] < c.params[1] ? ""
                                   : "'low' (" + FormatNumber(c.params[0]) + ") must be less than 'high' (" +
                                         FormatNumber(c.params[1]) + "); use 'direction: lower' to reverse";
}

}  // namespace

const MethodImpl kGoalposts = {
    {"goalposts",
     false,
     "(x - low) / (high - low), clamped to [0, 1]; lower is better: (high - x) / (high - low)",
     "Fixed goalposts: a value at or beyond `high` earns full points, at or beyond `low` none "
     "(reversed when lower is better). Values outside are clamped (flag `capped`).",
     {{"low", ParamType::kNumber, true, 0, "The value that earns no points (higher is better)."},
      {"high", ParamType::kNumber, true, 0, "The value that earns full points (higher is better); must exceed `low`."}},
     MethodTraits{}},
    Score,
    Explain,
    Check};

}  // namespace makerscore::detail
