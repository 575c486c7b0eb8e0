// Points written as rules: the formula gives points, capped at the indicator's.
#include "methods/method.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

void Score(const Eigen::ArrayXd& x, const MethodContext& c, Eigen::ArrayXd* score, FlagColumn* flags,
           IndicatorStats* stats) {
  stats->high = c.max_points;
  ScoreEach(x, score, [&](Eigen::Index i, double xi) {
    const double most = c.entity_max_points != nullptr ? c.entity_max_points[i] : c.max_points;
    if (most == 0) return 0.0;  // weighted 0 for the entity's class
    double s = xi / most;
    if (s < 0 || s > 1) {
      (*flags)[i] |= kFlagCapped;
      return s < 0 ? 0.0 : 1.0;
    }
    return s;
  });
}

std::string Explain(double x, double s, const MethodContext& c, const IndicatorStats&) {
  const Say say{c.chinese};
  std::string out =
      say("按公式直接计分 " + FormatNumber(x) + " 分", "the formula gives " + FormatNumber(x) + " points");
  if (x > c.max_points) {  // c: the entity's
    out += say("，以该指标满分 " + FormatNumber(c.max_points) + " 为上限",
               ", capped at the indicator's " + FormatNumber(c.max_points));
  }
  if (x < 0) out += say("；负分按 0 计", "; negative points count as none");
  return out + say("：得分率 = ", ": score = ") + FormatNumber(s);
}

std::string Check(const MethodContext&) { return ""; }

}  // namespace

const MethodImpl kPoints = {
    {"points",
     false,
     "x / the indicator's points, capped to [0, 1]",
     "The formula gives the points directly (\"20 workstations earn 4 points, each more 0.2\"); "
     "they are capped at the indicator's points (flag `capped`) and negative points count as none.",
     {},
     // the formula gives the points
     {/*bounded=*/true, /*bounded_by=*/nullptr, /*gives_points=*/true}},
    Score,
    Explain,
    Check};

}  // namespace makerscore::detail
