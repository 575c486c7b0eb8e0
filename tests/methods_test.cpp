// Scoring methods: each against numbers worked out by hand.
#include <cmath>
#include <limits>

#include "methods/method.h"
#include "test_util.h"

namespace makerscore::detail {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Scored {
  Eigen::ArrayXd score;
  FlagColumn flags;
  IndicatorStats stats;
};

Scored ScoreWith(const char* method, std::vector<double> x, std::map<std::string, double> params = {},
           Direction dir = Direction::kHigher) {
  const MethodInfo* info = FindMethod(method);
  EXPECT_NE(info, nullptr);
  Eigen::ArrayXd values = Eigen::Map<Eigen::ArrayXd>(x.data(), static_cast<Eigen::Index>(x.size()));
  Scored out{Eigen::ArrayXd(values.size()), FlagColumn::Zero(values.size()), {}};
  ImplOf(*info).score(values, ResolveParams(*info, params), dir, &out.score, &out.flags, &out.stats);
  return out;
}

TEST(MinMax, ScoresRelativeToTheCohort) {
  // min 10, max 50: (10-10)/40 = 0, (20-10)/40 = 0.25, (50-10)/40 = 1; NaN stays NaN.
  Scored s = ScoreWith("minmax", {10, 20, 50, kNaN});
  EXPECT_DOUBLE_EQ(s.score[0], 0);
  EXPECT_DOUBLE_EQ(s.score[1], 0.25);
  EXPECT_DOUBLE_EQ(s.score[2], 1);
  EXPECT_TRUE(std::isnan(s.score[3]));
  EXPECT_DOUBLE_EQ(s.stats.low, 10);
  EXPECT_DOUBLE_EQ(s.stats.high, 50);
}

TEST(MinMax, LowerIsBetterReverses) {
  // (50 - 20) / 40 = 0.75.
  Scored s = ScoreWith("minmax", {10, 20, 50}, {}, Direction::kLower);
  EXPECT_DOUBLE_EQ(s.score[0], 1);
  EXPECT_DOUBLE_EQ(s.score[1], 0.75);
  EXPECT_DOUBLE_EQ(s.score[2], 0);
}

TEST(MinMax, NoSpreadGivesFullPointsWithAFlag) {
  Scored s = ScoreWith("minmax", {3, 3});
  EXPECT_DOUBLE_EQ(s.score[0], 1);
  EXPECT_TRUE(s.flags[0] & kFlagNoSpread);
}

TEST(Goalposts, LinearBetweenAndClamped) {
  // low 0, high 0.5: 0.3 -> 0.6; 0.8 -> 1 (capped); -0.2 -> 0 (capped).
  Scored s = ScoreWith("goalposts", {0.3, 0.8, -0.2}, {{"low", 0}, {"high", 0.5}});
  EXPECT_DOUBLE_EQ(s.score[0], 0.6);
  EXPECT_DOUBLE_EQ(s.score[1], 1);
  EXPECT_TRUE(s.flags[1] & kFlagCapped);
  EXPECT_DOUBLE_EQ(s.score[2], 0);
  EXPECT_TRUE(s.flags[2] & kFlagCapped);
  EXPECT_EQ(s.flags[0], 0);
}

TEST(Goalposts, LowerIsBetter) {
  // A cost: 20 earns full points, 100 none; 40 -> (100 - 40) / 80 = 0.75.
  Scored s = ScoreWith("goalposts", {40}, {{"low", 20}, {"high", 100}}, Direction::kLower);
  EXPECT_DOUBLE_EQ(s.score[0], 0.75);
}

TEST(Ratio, ToABenchmarkCappedAtFull) {
  // benchmark 0.5: 0.2 -> 0.4; 0.75 -> 1.5 capped to 1; -1 -> 0.
  Scored s = ScoreWith("ratio", {0.2, 0.75, -1}, {{"benchmark", 0.5}});
  EXPECT_DOUBLE_EQ(s.score[0], 0.4);
  EXPECT_DOUBLE_EQ(s.score[1], 1);
  EXPECT_TRUE(s.flags[1] & kFlagCapped);
  EXPECT_DOUBLE_EQ(s.score[2], 0);
  // Lower is better: benchmark 10, value 40 -> 10 / 40 = 0.25.
  EXPECT_DOUBLE_EQ(ScoreWith("ratio", {40}, {{"benchmark", 10}}, Direction::kLower).score[0], 0.25);
}

TEST(Registry, ParameterChecks) {
  const MethodInfo* g = FindMethod("goalposts");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(ImplOf(*g).check({1, 0}), "'low' (1) must be less than 'high' (0); use 'direction: lower' to reverse");
  EXPECT_EQ(ImplOf(*FindMethod("ratio")).check({0}), "'benchmark' must be greater than 0, not 0");
  EXPECT_EQ(FindMethod("nope"), nullptr);
}

}  // namespace
}  // namespace makerscore::detail
