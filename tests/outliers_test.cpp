// Outlier treatment: skewness and kurtosis, winsorisation, the log fallback,
// percentile capping. Numbers worked out by hand or from the formulas.
#include <cmath>

#include "scoring/steps.h"
#include "test_util.h"
#include "util/statistics.h"
#include "util/text.h"

namespace makerscore {
namespace {

using detail::FlagColumn;

TEST(Moments, BiasCorrectedSkewnessAndKurtosis) {
  // {0, 0, 0, 1}: mean 1/4; m2 = 3/16 + 9/16 = 3/4, m3 = -3/64 + 27/64 = 3/8, m4 = 3/256 + 81/256 = 21/64.
  // g1 = sqrt(4) (3/8) / (3/4)^1.5 = 1.1547; G1 = g1 sqrt(4 x 3) / 2 = 2 (Excel: SKEW = 2).
  // r = 4 (21/64) / (9/16) = 7/3; G2 = (5 (7/3 - 3) + 6) x 3 / (2 x 1) = 4 (Excel: KURT = 4).
  EXPECT_NEAR(detail::SampleSkewness({0, 0, 0, 1}), 2, 1e-12);
  EXPECT_NEAR(detail::SampleKurtosis({0, 0, 0, 1}), 4, 1e-12);
  EXPECT_TRUE(std::isnan(detail::SampleSkewness({1, 2})));
  EXPECT_TRUE(std::isnan(detail::SampleKurtosis({1, 2, 3})));
}

TEST(Moments, QuantileType7) {
  // 1..11: the 10th percentile is at position 10 x 0.1 = 1 -> 2; the 95th at 9.5 -> 10.5.
  std::vector<double> x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  EXPECT_DOUBLE_EQ(detail::Quantile(x, 0.1), 2);
  EXPECT_DOUBLE_EQ(detail::Quantile(x, 0.95), 10.5);
}

struct Treated {
  Eigen::ArrayXd x;
  FlagColumn flags;
  IndicatorStats stats;
};

Treated Treat(const OutlierSpec& spec, std::vector<double> values) {
  Treated t{Eigen::Map<Eigen::ArrayXd>(values.data(), static_cast<Eigen::Index>(values.size())),
            FlagColumn::Zero(static_cast<Eigen::Index>(values.size())),
            {}};
  detail::TreatOutliers(spec, &t.x, &t.flags, &t.stats);
  return t;
}

// COINr's own example of two outliers: 1..10, 30, 100.
const std::vector<double> kTwoOutliers = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100};

TEST(Winsorise, OnePointBringsTheShapeWithinLimits) {
  // Before: skewness 3.063, kurtosis 9.741 (both over 2 and 3.5): treat.
  // 100 takes the next value, 30; then skewness 1.712 < 2: done, one point.
  OutlierSpec spec;
  spec.method = OutlierMethod::kWinsorise;
  Treated t = Treat(spec, kTwoOutliers);
  EXPECT_NEAR(t.stats.skew, 3.0632, 1e-4);
  EXPECT_NEAR(t.stats.kurtosis, 9.7414, 1e-4);
  EXPECT_DOUBLE_EQ(t.x[11], 30);
  EXPECT_DOUBLE_EQ(t.x[10], 30);
  EXPECT_TRUE(t.flags[11] & kFlagWinsorised);
  EXPECT_FALSE(t.flags[10] & kFlagWinsorised);
  EXPECT_EQ(t.stats.treated, 1);
  EXPECT_FALSE(t.stats.log_transformed);
}

TEST(Winsorise, LogTransformWhenTheLimitIsReached) {
  // With thresholds 1.5 and 1.5 the data still fails after 100 -> 30 (skewness 1.712, kurtosis 1.816);
  // the next step would move the two 30s, 3 points in all, over max_points 1: so the original values
  // are log-transformed instead: log(x - 1 + 0.01 x (100 - 1)) = log(x - 0.01).
  OutlierSpec spec;
  spec.method = OutlierMethod::kWinsorise;
  spec.skew = 1.5;
  spec.kurtosis = 1.5;
  spec.max_points = 1;
  Treated t = Treat(spec, kTwoOutliers);
  EXPECT_TRUE(t.stats.log_transformed);
  EXPECT_NEAR(t.x[0], std::log(0.99), 1e-12);
  EXPECT_NEAR(t.x[11], std::log(99.99), 1e-12);
  EXPECT_TRUE(t.flags[0] & kFlagLogTransformed);
  // Without the fallback the one winsorised point stays.
  spec.log_fallback = false;
  Treated w = Treat(spec, kTwoOutliers);
  EXPECT_DOUBLE_EQ(w.x[11], 30);
  EXPECT_FALSE(w.stats.log_transformed);
}

TEST(Winsorise, TwoStepsCountTheValuesMovedOnce) {
  // Thresholds 1.5 and 1.5, max_points 5: 100 -> 30 (1 point), then the data still fails (skewness 1.712,
  // kurtosis 1.816) and both 30s -> 10 (2 more points: 3 of the 5). Two values were winsorised, 100 and
  // 30, and the explanation must say so (it said "one of 3").
  OutlierSpec spec;
  spec.method = OutlierMethod::kWinsorise;
  spec.skew = 1.5;
  spec.kurtosis = 1.5;
  spec.log_fallback = false;
  Treated t = Treat(spec, kTwoOutliers);
  EXPECT_DOUBLE_EQ(t.x[10], 10);
  EXPECT_DOUBLE_EQ(t.x[11], 10);
  EXPECT_EQ(t.stats.treated, 2);
  EXPECT_EQ((t.flags != 0).count(), 2);
}

TEST(Winsorise, WellShapedDataIsLeftAlone) {
  OutlierSpec spec;
  spec.method = OutlierMethod::kWinsorise;
  Treated t = Treat(spec, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  EXPECT_EQ(t.stats.treated, 0);
  EXPECT_EQ((t.flags != 0).count(), 0);
}

TEST(Cap, AtPercentiles) {
  // 1..11 capped at the 10th and 90th percentiles, 2 and 10: 1 -> 2 and 11 -> 10.
  OutlierSpec spec;
  spec.method = OutlierMethod::kCap;
  spec.lower = 0.1;
  spec.upper = 0.9;
  Treated t = Treat(spec, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  EXPECT_DOUBLE_EQ(t.x[0], 2);
  EXPECT_DOUBLE_EQ(t.x[10], 10);
  EXPECT_DOUBLE_EQ(t.x[5], 6);
  EXPECT_EQ(t.stats.treated, 2);
}

TEST(Outliers, FromTheRuleFileThroughScoring) {
  // The same data in a rule file: after treatment min-max runs over 1..30, so 10 scores (10 - 1) / 29.
  const char* rules = R"(format: makerscore/1
id: o
title: 离群值
fields: [{id: x, name: 数值}]
outliers: {method: winsorise, skew: 2, kurtosis: 3.5, max_points: 5}
indicators:
  - {id: A, name: 甲, weight: 100, value: x, score: {method: minmax}}
)";
  Model m = Model::Compile(testing::RulesFromText(rules));
  std::string csv = "id,x\n";
  for (size_t i = 0; i < kTwoOutliers.size(); ++i) {
    csv += "E" + std::to_string(i) + "," + detail::FormatNumber(kTwoOutliers[i]) + "\n";
  }
  Result r = Score(m, std::make_shared<Dataset>(ParseDatasetCsv(csv, m.rules(), "o.csv")));
  EXPECT_DOUBLE_EQ(r.values()(11, 1), 100);
  EXPECT_DOUBLE_EQ(r.used_values()(11, 1), 30);
  EXPECT_NEAR(r.total(9), 100.0 * 9 / 29, 1e-12);
  EXPECT_DOUBLE_EQ(r.total(11), 100);
  std::string text = Explain(r, "E11", "A");
  EXPECT_NE(text.find("winsorised, one of 1 values pulled in to the next value: 100 -> 30"), std::string::npos) << text;
}

}  // namespace
}  // namespace makerscore
