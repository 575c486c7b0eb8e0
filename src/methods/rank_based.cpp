// Rank-based scores: percentile rank and Borda count.
//
// Both count, for each entity, the other entities it does better than, using
// the values sorted once (O(n log n)); they differ only in ties.
#include <algorithm>

#include "methods/method.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

// For each present value: how many present values are strictly worse and
// how many are equal (itself included).
struct Counts {
  std::vector<double> sorted;  // ascending, "better" last
  long Below(double v) const { return std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin(); }
  long Equal(double v) const {
    auto [a, b] = std::equal_range(sorted.begin(), sorted.end(), v);
    return b - a;
  }
};

// Lower is better is higher is better on the negated value.
Counts Count(const Eigen::ArrayXd& x, Direction dir) {
  Counts c{Present(x)};
  if (dir == Direction::kLower) {
    for (double& v : c.sorted) v = -v;
  }
  std::sort(c.sorted.begin(), c.sorted.end());
  return c;
}

double Oriented(double x, Direction dir) { return dir == Direction::kLower ? -x : x; }

template <bool kHalfTies>
void Score(const Eigen::ArrayXd& x, const MethodContext& c, Eigen::ArrayXd* score, FlagColumn*, IndicatorStats* stats) {
  Counts counts = Count(x, c.direction);
  const double others = static_cast<double>(counts.sorted.size()) - 1;
  stats->low = 0;
  stats->high = static_cast<double>(counts.sorted.size());
  ScoreEach(x, score, [&](Eigen::Index, double xi) {
    if (others <= 0) return 1.0;
    double v = Oriented(xi, c.direction);
    double below = static_cast<double>(counts.Below(v));
    if (kHalfTies) below += 0.5 * static_cast<double>(counts.Equal(v) - 1);
    return below / others;
  });
}

template <bool kHalfTies>
std::string Explain(double x, double s, const MethodContext& c, const IndicatorStats& st) {
  // Recount from the score: s x (n - 1) entities beaten.
  const double others = st.high - 1;
  std::string n = FormatNumber(st.high);
  const Say say{c.chinese};
  if (others <= 0) return say("唯一有数值的单位：得分率 = 1", "the only entity with a value: score = 1");
  std::string lower = c.direction == Direction::kLower ? say("（越低越好）", " (lower is better)") : "";
  const std::string beaten = FormatNumber(s * others), rest = FormatNumber(others);
  if (kHalfTies) {
    return say(n + " 个单位中的百分位排名" + lower + "：优于其余 " + rest + " 个中的 " + beaten +
                   " 个（并列计一半）：得分率 = ",
               "percentile rank among " + n + " entities" + lower + ": better than " + beaten + " of the " + rest +
                   " others (ties count half): score = ") +
           FormatNumber(s);
  }
  return say(n + " 个单位中的波达计数" + lower + "：其余 " + rest + " 个中有 " + beaten + " 个数值更差：得分率 = ",
             "Borda count among " + n + " entities" + lower + ": " + beaten + " of the " + rest +
                 " others have a worse value: score = ") +
         FormatNumber(s);
}

std::string Check(const MethodContext&) { return ""; }

}  // namespace

const MethodImpl kPercentile = {
    {"percentile",
     true,
     "(entities below + half the other entities equal) / (entities - 1)",
     "Percentile rank in the cohort: the share of the other entities with a lower value, ties counting "
     "half. The best earns full points, the worst none; a cohort of one earns full points.",
     {},
     MethodTraits{}},
    Score<true>,
    Explain<true>,
    Check};
const MethodImpl kBorda = {
    {"borda",
     true,
     "entities strictly below / (entities - 1)",
     "Borda count: one point for every entity with a worse value, as a share of the most possible. Tied "
     "entities get the same, higher count (they beat the same entities), unlike `percentile`.",
     {},
     MethodTraits{}},
    Score<false>,
    Explain<false>,
    Check};

}  // namespace makerscore::detail
