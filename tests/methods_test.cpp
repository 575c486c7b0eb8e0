// Scoring methods: each against numbers worked out by hand.
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

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

MethodContext Context(const char* method, std::map<std::string, double> params = {}, Direction dir = Direction::kHigher,
                      std::vector<Band> bands = {}, double max_points = 10) {
  const MethodInfo* info = FindMethod(method);
  EXPECT_NE(info, nullptr) << method;
  ScoreSpec spec{method, dir, std::move(params), std::move(bands)};
  return ResolveContext(*info, spec, max_points);
}

Scored ScoreWith(const char* method, std::vector<double> x, std::map<std::string, double> params = {},
                 Direction dir = Direction::kHigher, std::vector<Band> bands = {}, double max_points = 10) {
  MethodContext c = Context(method, std::move(params), dir, std::move(bands), max_points);
  Eigen::ArrayXd values = Eigen::Map<Eigen::ArrayXd>(x.data(), static_cast<Eigen::Index>(x.size()));
  Scored out{Eigen::ArrayXd(values.size()), FlagColumn::Zero(values.size()), {}};
  ImplOf(*FindMethod(method)).score(values, c, &out.score, &out.flags, &out.stats);
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

// The cohort's least and greatest value, read in place, are the bits min_element and max_element give over
// the values present, the first of equal ones (-0.0 and 0.0 compare equal), with NaN anywhere, all NaN or none.
TEST(MinMax, TheCohortsRangeIsThatOfTheValuesPresent) {
  std::mt19937 random(9);
  const double pool[] = {kNaN, 0.0, -0.0, 1.5, -1.5, 1e300, -1e300, 3.0};
  for (int trial = 0; trial < 2000; ++trial) {
    Eigen::ArrayXd x(static_cast<Eigen::Index>(random() % 9));
    for (Eigen::Index i = 0; i < x.size(); ++i) x[i] = pool[random() % (trial % 2 ? 3 : 8)];
    const std::vector<double> v = Present(x);
    const double low = v.empty() ? 0 : *std::min_element(v.begin(), v.end());
    const double high = v.empty() ? 0 : *std::max_element(v.begin(), v.end());
    const Range r = PresentRange(x);
    ASSERT_EQ(std::signbit(r.low), std::signbit(low)) << trial;
    ASSERT_EQ(std::signbit(r.high), std::signbit(high)) << trial;
    ASSERT_EQ(r.low, low) << trial;
    ASSERT_EQ(r.high, high) << trial;
  }
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

TEST(Efficacy, CohortEndsByDefault) {
  // 功效系数 with base 0.6 and the cohort's min 10 and max 50 as 不允许值 and 满意值:
  // 10 -> 0.6; 20 -> 0.6 + 0.4 x (20 - 10) / 40 = 0.7; 50 -> 1.
  Scored s = ScoreWith("efficacy", {10, 20, 50});
  EXPECT_DOUBLE_EQ(s.score[0], 0.6);
  EXPECT_DOUBLE_EQ(s.score[1], 0.7);
  EXPECT_DOUBLE_EQ(s.score[2], 1);
}

TEST(Efficacy, FixedEndsWithAndWithoutClamping) {
  // 不允许值 20, 满意值 80. Unclamped: 10 -> 0.6 + 0.4 x (-10/60) = 0.5333 (below 60 points of 100),
  // 50 -> 0.6 + 0.4 x 0.5 = 0.8, 100 -> 0.6 + 0.4 x (80/60) = 1.1333.
  std::map<std::string, double> p = {{"low", 20}, {"high", 80}, {"clamp", 0}};
  Scored s = ScoreWith("efficacy", {10, 50, 100}, p);
  EXPECT_NEAR(s.score[0], 0.6 - 0.4 / 6, 1e-12);
  EXPECT_DOUBLE_EQ(s.score[1], 0.8);
  EXPECT_NEAR(s.score[2], 0.6 + 0.4 * 80 / 60, 1e-12);
  // 1.1333 is more than the indicator's points: flagged, never silent. 0.5333 is below the base but within 0..1.
  EXPECT_TRUE(s.flags[2] & kFlagBeyondRange);
  EXPECT_FALSE(s.flags[0] & kFlagBeyondRange);
  EXPECT_FALSE(s.flags[1] & kFlagBeyondRange);
  p["clamp"] = 1;
  Scored c = ScoreWith("efficacy", {10, 50, 100}, p);
  EXPECT_DOUBLE_EQ(c.score[0], 0.6);
  EXPECT_TRUE(c.flags[0] & kFlagCapped);
  EXPECT_DOUBLE_EQ(c.score[2], 1);
  // Base 0.5, lower is better (a cost): 20 earns full, 80 half; 50 -> 0.5 + 0.5 x (80 - 50) / 60 = 0.75.
  Scored l = ScoreWith("efficacy", {50}, {{"base", 0.5}, {"low", 20}, {"high", 80}}, Direction::kLower);
  EXPECT_DOUBLE_EQ(l.score[0], 0.75);
}

TEST(ZScore, StandardisesWithTheSampleDeviation) {
  // {2, 4, 6}: mean 4, sample sd sqrt((4 + 0 + 4) / 2) = 2 -> -1, 0, 1.
  Scored s = ScoreWith("zscore", {2, 4, 6});
  EXPECT_DOUBLE_EQ(s.score[0], -1);
  EXPECT_DOUBLE_EQ(s.score[1], 0);
  EXPECT_DOUBLE_EQ(s.score[2], 1);
  EXPECT_DOUBLE_EQ(ScoreWith("zscore", {2, 4, 6}, {}, Direction::kLower).score[0], 1);
}

TEST(RankBased, PercentileCountsTiesHalfBordaCountsThemNot) {
  // {10, 20, 20, 30}: 3 others each.
  // percentile: 10 -> 0/3; 20 -> (1 below + 0.5 x 1 tie) / 3 = 0.5; 30 -> 3/3.
  Scored p = ScoreWith("percentile", {10, 20, 20, 30});
  EXPECT_DOUBLE_EQ(p.score[0], 0);
  EXPECT_DOUBLE_EQ(p.score[1], 0.5);
  EXPECT_DOUBLE_EQ(p.score[2], 0.5);
  EXPECT_DOUBLE_EQ(p.score[3], 1);
  // Borda: 20 beats one entity -> 1/3.
  Scored b = ScoreWith("borda", {10, 20, 20, 30});
  EXPECT_DOUBLE_EQ(b.score[1], 1.0 / 3);
  EXPECT_DOUBLE_EQ(b.score[3], 1);
  // Lower is better reverses: 10 is best.
  EXPECT_DOUBLE_EQ(ScoreWith("borda", {10, 20, 20, 30}, {}, Direction::kLower).score[0], 1);
}

TEST(DistanceToBest, TheLeaderIsTheBenchmark) {
  // {25, 50, 100}: x / 100 -> 0.25, 0.5, 1; lower is better: 25 / x -> 1, 0.5, 0.25.
  Scored h = ScoreWith("distance_to_best", {25, 50, 100});
  EXPECT_DOUBLE_EQ(h.score[0], 0.25);
  EXPECT_DOUBLE_EQ(h.score[2], 1);
  Scored l = ScoreWith("distance_to_best", {25, 50, 100}, {}, Direction::kLower);
  EXPECT_DOUBLE_EQ(l.score[0], 1);
  EXPECT_DOUBLE_EQ(l.score[2], 0.25);
}

TEST(Bands, FirstBandThatHolds) {
  // >= 30% -> full, >= 10% -> 70%, else 0.
  std::vector<Band> bands = {{0.3, std::nullopt, 1}, {0.1, std::nullopt, 0.7}};
  Scored s = ScoreWith("bands", {0.35, 0.3, 0.2, 0.05}, {}, Direction::kHigher, bands);
  EXPECT_DOUBLE_EQ(s.score[0], 1);
  EXPECT_DOUBLE_EQ(s.score[1], 1);
  EXPECT_DOUBLE_EQ(s.score[2], 0.7);
  EXPECT_DOUBLE_EQ(s.score[3], 0);
  // Lower is better with max: <= 5 -> full, <= 10 -> half, else 0.1 (otherwise).
  std::vector<Band> low = {{std::nullopt, 5, 1}, {std::nullopt, 10, 0.5}};
  Scored l = ScoreWith("bands", {3, 7, 12}, {{"otherwise", 0.1}}, Direction::kLower, low);
  EXPECT_DOUBLE_EQ(l.score[0], 1);
  EXPECT_DOUBLE_EQ(l.score[1], 0.5);
  EXPECT_DOUBLE_EQ(l.score[2], 0.1);
}

TEST(Points, TheFormulaGivesPointsCappedAtTheIndicators) {
  // An indicator of 4 points: 2 -> 0.5; 6 -> capped 1; -1 -> 0.
  Scored s = ScoreWith("points", {0, 2, 6, -1}, {}, Direction::kHigher, {}, 4);
  EXPECT_DOUBLE_EQ(s.score[1], 0.5);
  EXPECT_DOUBLE_EQ(s.score[2], 1);
  EXPECT_TRUE(s.flags[2] & kFlagCapped);
  EXPECT_DOUBLE_EQ(s.score[3], 0);
}

TEST(Registry, ParameterChecks) {
  const MethodInfo* g = FindMethod("goalposts");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(ImplOf(*g).check(Context("goalposts", {{"low", 1}, {"high", 0}})),
            "'low' (1) must be less than 'high' (0); use 'direction: lower' to reverse");
  EXPECT_EQ(ImplOf(*FindMethod("ratio")).check(Context("ratio", {{"benchmark", 0}})),
            "'benchmark' must be greater than 0, not 0");
  std::vector<Band> unordered = {{0.1, std::nullopt, 0.7}, {0.3, std::nullopt, 1}};
  EXPECT_EQ(ImplOf(*FindMethod("bands")).check(Context("bands", {}, Direction::kHigher, unordered)),
            "band 2 can never apply: bands are checked in order, so list the best first");
  EXPECT_EQ(FindMethod("nope"), nullptr);
}

}  // namespace
}  // namespace makerscore::detail
