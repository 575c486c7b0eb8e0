// Combining expert ratings, and refusing bad ones with their rows.
#include <cmath>

#include "experts/combine.h"
#include "test_util.h"

namespace makerscore {
namespace {

using detail::CombineSorted;

TEST(Combine, MeanMedianTrimmedMeanByHand) {
  // Five experts: 差 0.4, 中 0.6, 良 0.8, 优 1.0, 优 1.0 (sorted).
  std::vector<double> r = {0.4, 0.6, 0.8, 1.0, 1.0};
  EXPECT_DOUBLE_EQ(CombineSorted(r, Combine::kMean), 3.8 / 5);          // 0.76
  EXPECT_DOUBLE_EQ(CombineSorted(r, Combine::kMedian), 0.8);
  EXPECT_DOUBLE_EQ(CombineSorted(r, Combine::kTrimmedMean), 2.4 / 3);   // (0.6 + 0.8 + 1.0) / 3 = 0.8
  // Even count: median is the mean of the middle two.
  EXPECT_DOUBLE_EQ(CombineSorted({0.4, 0.6, 0.8, 1.0}, Combine::kMedian), 0.7);
}

TEST(Combine, NumericScale) {
  Scale s;
  s.id = "ten";
  s.min = 0;
  s.max = 10;
  EXPECT_DOUBLE_EQ(*detail::RatingFraction(s, "7.5"), 0.75);
  EXPECT_FALSE(detail::RatingFraction(s, "11").has_value());
  EXPECT_FALSE(detail::RatingFraction(s, "七").has_value());
}

const char* kRules = R"(format: makerscore/1
id: e
title: 专家
fields:
  - {id: x, name: 数量}
scales:
  four: {levels: {优: 1, 良: 0.8, 中: 0.6, 差: 0.4}}
indicators:
  - {id: q, name: 定性, weight: 50, rated: {scale: four, combine: trimmed_mean, min_ratings: 3}}
  - {id: n, name: 定量, weight: 50, value: x, score: {method: minmax}}
)";

Result ScoreWith(const std::string& ratings_csv) {
  Model m = Model::Compile(testing::RulesFromText(kRules));
  auto data = std::make_shared<Dataset>(ParseDatasetCsv("id,x\nA,1\nB,2\n", m.rules(), "d.csv"));
  auto ratings = std::make_shared<Ratings>(ParseRatingsCsv(ratings_csv, "r.csv"));
  return Score(m, data, nullptr, ratings);
}

TEST(Ratings, TooFewRatingsLeaveTheItemMissing) {
  Result r = ScoreWith(
      "entity,indicator,expert,rating\n"
      "A,q,E1,优\nA,q,E2,良\nA,q,E3,差\n"
      "B,q,E1,优\nB,q,E2,优\n");
  // A: trimmed mean of 0.4, 0.8, 1.0 = 0.8 -> 0.8 x 50 = 40 points.
  EXPECT_DOUBLE_EQ(r.points()(0, 1), 40);
  // B: two ratings < 3 -> missing -> zero points (the default policy), flagged.
  EXPECT_DOUBLE_EQ(r.points()(1, 1), 0);
  EXPECT_TRUE(r.flags()(1, 1) & kFlagTooFewRatings);
}

TEST(Ratings, BadRowsAreNamed) {
  EXPECT_THROW_WITH(ScoreWith("entity,indicator,expert,rating\nA,q,E1,优秀\n"), DataError,
                    "r.csv:2: rating '优秀' of indicator 'q' is not on the scale 'four' (one of 优, 良, 中, 差)");
  EXPECT_THROW_WITH(ScoreWith("entity,indicator,expert,rating\nZ,q,E1,优\n"), DataError,
                    "r.csv:2: entity 'Z' is not in the data");
  EXPECT_THROW_WITH(ScoreWith("entity,indicator,expert,rating\nA,n,E1,优\n"), DataError,
                    "r.csv:2: indicator 'n' is not rated by experts in this rule file");
  EXPECT_THROW_WITH(ScoreWith("entity,indicator,expert,rating\nA,q,E1,优\nA,q,E1,良\n"), DataError,
                    "r.csv:3: expert 'E1' rated entity 'A' on indicator 'q' twice (also in row 2)");
}

TEST(Ratings, RequiredWhenTheRulesHaveQualitativeIndicators) {
  Model m = Model::Compile(testing::RulesFromText(kRules));
  auto data = std::make_shared<Dataset>(ParseDatasetCsv("id,x\nA,1\n", m.rules(), "d.csv"));
  EXPECT_THROW_WITH(Score(m, data), DataError, "this rule file has indicators rated by experts (q)");
}

}  // namespace
}  // namespace makerscore
