// Fuzzy comprehensive evaluation (aggregate: fuzzy): published worked examples with the membership
// matrix built from the experts' ratings, each composition operator by hand, authority-weighted shares,
// two levels, missing ratings, explanations and the rule file's refusals.
#include <cmath>

#include "test_util.h"

namespace makerscore {
namespace {

// A rule file with one fuzzy group G over rated children u1..uk with the given weights, all rated on the
// four levels 很欢迎 1, 比较欢迎 0.8, 不太欢迎 0.6, 不欢迎 0.4 (the values are this test's choice).
std::string Rules(const std::string& aggregate, const std::vector<double>& weights, const std::string& experts = "") {
  std::string children;
  for (size_t j = 0; j < weights.size(); ++j) {
    const std::string u = "u" + std::to_string(j + 1);
    children += "      - {id: " + u + ", name: 因素" + std::to_string(j + 1) +
                ", weight: " + std::to_string(weights[j]) +
                ", rated: {scale: v, combine: " + (experts.empty() ? "mean" : "weighted_mean") + ", min_ratings: 2}}\n";
  }
  return "format: makerscore/1\nid: f\ntitle: 模糊\nweighting: relative\nfields: [{id: x, name: 数量}]\n" + experts +
         "scales:\n  v: {levels: {很欢迎: 1, 比较欢迎: 0.8, 不太欢迎: 0.6, 不欢迎: 0.4}}\n"
         "indicators:\n  - id: G\n    name: 服装\n    weight: 1\n    aggregate: " +
         aggregate + "\n    children:\n" + children;
}

const std::vector<std::string> kLevels = {"很欢迎", "比较欢迎", "不太欢迎", "不欢迎"};

// The ratings of entity `entity` on item `item`: counts[l] experts (E1, E2, ... in turn) on level l.
std::string Votes(const std::string& entity, const std::string& item, const std::vector<int>& counts) {
  std::string out;
  int expert = 0;
  for (size_t l = 0; l < counts.size(); ++l) {
    for (int c = 0; c < counts[l]; ++c)
      out += entity + "," + item + ",E" + std::to_string(++expert) + "," + kLevels[l] + "\n";
  }
  return out;
}

Result ScoreWith(const std::string& rules, const std::string& ratings, const std::string& entities = "A") {
  Model m = Model::Compile(testing::RulesFromText(rules));
  std::string csv = "id,x\n";
  for (char e : entities) csv += std::string(1, e) + ",1\n";
  auto data = std::make_shared<Dataset>(ParseDatasetCsv(csv, m.rules(), "d.csv"));
  return Score(m, data, nullptr,
               std::make_shared<Ratings>(ParseRatingsCsv("entity,indicator,expert,rating\n" + ratings, "r.csv")));
}

// The clothing example (服装评判) of fuzzy comprehensive evaluation, after 汪培庄《模糊集合论及其应用》
// (上海科学技术出版社, 1983), as given in 司守奎、孙玺菁《数学建模算法与应用》(国防工业出版社), 模糊综合评价:
// factors 花色, 式样, 耐穿程度, 价格 over the levels 很欢迎, 比较欢迎, 不太欢迎, 不欢迎, with the single-factor
// rows from a panel's votes
//   R = (0.2 0.5 0.2 0.1; 0.7 0.2 0.1 0; 0 0.4 0.5 0.1; 0.2 0.3 0.5 0),
// here ten experts voting 2/5/2/1, 7/2/1/0, 0/4/5/1 and 2/3/5/0.
std::string ClothingRatings(const std::string& entity = "A") {
  return Votes(entity, "u1", {2, 5, 2, 1}) + Votes(entity, "u2", {7, 2, 1, 0}) + Votes(entity, "u3", {0, 4, 5, 1}) +
         Votes(entity, "u4", {2, 3, 5, 0});
}

void ExpectB(const AggregationTrace& t, const std::vector<double>& b, double tolerance = 1e-12) {
  for (size_t l = 0; l < b.size(); ++l) EXPECT_NEAR(t.figures(0, static_cast<Eigen::Index>(l)), b[l], tolerance) << l;
}

TEST(Fuzzy, TheClothingExampleByMinMax) {
  // M(∧,∨) with the weights A1 = (0.1, 0.2, 0.3, 0.4): the book's B1 = (0.2, 0.3, 0.4, 0.1), 不太欢迎.
  //   b1 = max(0.1∧0.2, 0.2∧0.7, 0.3∧0, 0.4∧0.2) = 0.2; b2 = max(0.1, 0.2, 0.3, 0.3) = 0.3;
  //   b3 = max(0.1, 0.1, 0.3, 0.4) = 0.4; b4 = max(0.1, 0, 0.1, 0) = 0.1.
  Result r1 = ScoreWith(Rules("{method: fuzzy, operator: min_max}", {0.1, 0.2, 0.3, 0.4}), ClothingRatings());
  const AggregationTrace* t1 = r1.aggregation_trace(1);
  ASSERT_NE(t1, nullptr);
  ExpectB(*t1, {0.2, 0.3, 0.4, 0.1});
  // sum(B) = 1: the score is 0.2 x 1 + 0.3 x 0.8 + 0.4 x 0.6 + 0.1 x 0.4 = 0.72.
  EXPECT_NEAR(r1.scores()(0, 1), 0.72, 1e-12);
  EXPECT_THAT_CONTAINS(Explain(r1, "A", "G"), "grade by maximum membership: 不太欢迎 (0.4)");
  // With A2 = (0.4, 0.35, 0.15, 0.1): the book's B2 = (0.35, 0.4, 0.2, 0.1), 比较欢迎.
  //   b1 = max(0.2, 0.35, 0, 0.1); b2 = max(0.4, 0.2, 0.15, 0.1); b3 = max(0.2, 0.1, 0.15, 0.1);
  //   b4 = max(0.1, 0, 0.1, 0). sum(B) = 1.05: score = (0.35 + 0.32 + 0.12 + 0.04) / 1.05.
  Result r2 = ScoreWith(Rules("{method: fuzzy, operator: min_max}", {0.4, 0.35, 0.15, 0.1}), ClothingRatings());
  ExpectB(*r2.aggregation_trace(1), {0.35, 0.4, 0.2, 0.1});
  EXPECT_NEAR(r2.aggregation_trace(1)->membership(0, 0), 0.35 / 1.05, 1e-12);
  EXPECT_NEAR(r2.scores()(0, 1), 0.83 / 1.05, 1e-12);
  EXPECT_THAT_CONTAINS(Explain(r2, "A", "G"), "grade by maximum membership: 比较欢迎 (0.4)");
  // The group's points: its score times its 1 point... the root has G alone, so the total is 100 x score.
  EXPECT_NEAR(r2.total(0), 100 * 0.83 / 1.05, 1e-9);
}

TEST(Fuzzy, TheOtherOperatorsByHand) {
  // The clothing matrix with A1 = (0.1, 0.2, 0.3, 0.4).
  // M(·,⊕): b1 = 0.02 + 0.14 + 0 + 0.08 = 0.24; b2 = 0.05 + 0.04 + 0.12 + 0.12 = 0.33;
  //         b3 = 0.02 + 0.02 + 0.15 + 0.2 = 0.39; b4 = 0.01 + 0 + 0.03 + 0 = 0.04 (the default operator).
  Result avg = ScoreWith(Rules("fuzzy", {0.1, 0.2, 0.3, 0.4}), ClothingRatings());
  ExpectB(*avg.aggregation_trace(1), {0.24, 0.33, 0.39, 0.04});
  EXPECT_NEAR(avg.scores()(0, 1), 0.24 + 0.33 * 0.8 + 0.39 * 0.6 + 0.04 * 0.4, 1e-12);
  // M(·,∨): b1 = max(0.02, 0.14, 0, 0.08) = 0.14; b2 = max(0.05, 0.04, 0.12, 0.12) = 0.12;
  //         b3 = max(0.02, 0.02, 0.15, 0.2) = 0.2; b4 = max(0.01, 0, 0.03, 0) = 0.03.
  Result pmax = ScoreWith(Rules("{method: fuzzy, operator: product_max}", {0.1, 0.2, 0.3, 0.4}), ClothingRatings());
  ExpectB(*pmax.aggregation_trace(1), {0.14, 0.12, 0.2, 0.03});
  EXPECT_NEAR(pmax.scores()(0, 1), (0.14 + 0.12 * 0.8 + 0.2 * 0.6 + 0.03 * 0.4) / 0.49, 1e-12);
  // M(∧,⊕): b1 = 0.1 + 0.2 + 0 + 0.2 = 0.5; b2 = 0.1 + 0.2 + 0.3 + 0.3 = 0.9; b3 = 0.1 + 0.1 + 0.3 + 0.4
  //         = 0.9; b4 = 0.1 + 0 + 0.1 + 0 = 0.2: none reaches the bound 1.
  Result msum = ScoreWith(Rules("{method: fuzzy, operator: min_sum, score: max_membership}", {0.1, 0.2, 0.3, 0.4}),
                          ClothingRatings());
  ExpectB(*msum.aggregation_trace(1), {0.5, 0.9, 0.9, 0.2});
  // 比较欢迎 and 不太欢迎 tie at 0.9: the maximum-membership score takes the first listed, 比较欢迎 (0.8).
  EXPECT_NEAR(msum.scores()(0, 1), 0.8, 1e-12);
  const std::string e = Explain(msum, "A", "G");
  EXPECT_THAT_CONTAINS(e, "a tie between 比较欢迎, 不太欢迎: the first listed on the scale is taken");
  // The bound: equal weights 0.5 over two children both wholly 很欢迎 give min(1, 0.5 + 0.5) = 1, and with
  // weights 0.5 and 0.5 and rows (1, 0, 0, 0), (0.5, 0.5, 0, 0): b1 = min(1, 0.5 + 0.5) = 1, b2 = 0.5.
  Result bound = ScoreWith(Rules("{method: fuzzy, operator: min_sum}", {1, 1}),
                           Votes("A", "u1", {2, 0, 0, 0}) + Votes("A", "u2", {1, 1, 0, 0}));
  ExpectB(*bound.aggregation_trace(1), {1, 0.5, 0, 0});
}

TEST(Fuzzy, AnotherPublishedMatrixByWeightedAverage) {
  // The three-factor clothing example of 《模糊数学之F综合评判》(花色样式, 耐穿程度, 价格费用; the weights
  // A = (0.5, 0.3, 0.2)) with the rows (0.7, 0.2, 0.1, 0), (0.2, 0.3, 0.4, 0.1), (0.3, 0.4, 0.2, 0.1):
  //   B = A·R = (0.35 + 0.06 + 0.06, 0.1 + 0.09 + 0.08, 0.05 + 0.12 + 0.04, 0 + 0.03 + 0.02)
  //     = (0.47, 0.27, 0.21, 0.05): 很欢迎.
  Result r =
      ScoreWith(Rules("fuzzy", {0.5, 0.3, 0.2}),
                Votes("A", "u1", {7, 2, 1, 0}) + Votes("A", "u2", {2, 3, 4, 1}) + Votes("A", "u3", {3, 4, 2, 1}));
  ExpectB(*r.aggregation_trace(1), {0.47, 0.27, 0.21, 0.05});
  EXPECT_THAT_CONTAINS(Explain(r, "A", "G"), "grade by maximum membership: 很欢迎 (0.47)");
}

TEST(Fuzzy, ExpertsCountByTheirAuthorityUnderTheWeightedMean) {
  // Three experts of authority 0.5, 0.3 and 0.2 rate u1 很欢迎, 比较欢迎, 很欢迎: the row is
  // (0.5 + 0.2, 0.3, 0, 0) / 1 = (0.7, 0.3, 0, 0); u2 is 不欢迎 by all. Weights 1 and 1 (M(·,⊕)):
  // B = (0.35, 0.15, 0, 0.5).
  const std::string experts =
      "experts:\n  - {id: E1, name: 甲, authority: 0.5}\n  - {id: E2, name: 乙, authority: 0.3}\n"
      "  - {id: E3, name: 丙, authority: 0.2}\n";
  Result r =
      ScoreWith(Rules("fuzzy", {1, 1}, experts),
                "A,u1,E1,很欢迎\nA,u1,E2,比较欢迎\nA,u1,E3,很欢迎\nA,u2,E1,不欢迎\nA,u2,E2,不欢迎\nA,u2,E3,不欢迎\n");
  ExpectB(*r.aggregation_trace(1), {0.35, 0.15, 0, 0.5});
  // Under the plain mean each expert counts once: u1's row is (2/3, 1/3, 0, 0).
  Result plain = ScoreWith(Rules("fuzzy", {1, 1}),
                           "A,u1,E1,很欢迎\nA,u1,E2,比较欢迎\nA,u1,E3,很欢迎\nA,u2,E1,不欢迎\nA,u2,E2,不欢迎\n");
  ExpectB(*plain.aggregation_trace(1), {1.0 / 3, 1.0 / 6, 0, 0.5});
}

TEST(Fuzzy, TwoLevelsBringTheSubgroupsNormalisedB) {
  // 多级模糊综合评价: H is fuzzy over G1 (u1, u2) and G2 (u3), weights 0.6 and 0.4.
  // G1 (M(·,⊕), equal weights): u1 (1, 0, 0, 0), u2 (0, 1, 0, 0) -> B = (0.5, 0.5, 0, 0), sum 1.
  // G2: u3 (0, 0, 0.5, 0.5) -> B = (0, 0, 0.5, 0.5).
  // H: 0.6 x (0.5, 0.5, 0, 0) + 0.4 x (0, 0, 0.5, 0.5) = (0.3, 0.3, 0.2, 0.2);
  // score 0.3 + 0.24 + 0.12 + 0.08 = 0.74.
  const std::string rules = R"(format: makerscore/1
id: f
title: 两级
weighting: relative
fields: [{id: x, name: 数量}]
scales:
  v: {levels: {很欢迎: 1, 比较欢迎: 0.8, 不太欢迎: 0.6, 不欢迎: 0.4}}
indicators:
  - id: H
    name: 总体
    weight: 1
    aggregate: fuzzy
    children:
      - id: G1
        name: 一组
        weight: 0.6
        aggregate: fuzzy
        children:
          - {id: u1, name: 因素1, weight: 1, rated: {scale: v, min_ratings: 1}}
          - {id: u2, name: 因素2, weight: 1, rated: {scale: v, min_ratings: 1}}
      - id: G2
        name: 二组
        weight: 0.4
        aggregate: fuzzy
        children:
          - {id: u3, name: 因素3, weight: 1, rated: {scale: v, min_ratings: 1}}
)";
  Result r = ScoreWith(
      rules, Votes("A", "u1", {2, 0, 0, 0}) + Votes("A", "u2", {0, 2, 0, 0}) + Votes("A", "u3", {0, 0, 1, 1}));
  const int h = r.model().FindNode("H");
  ExpectB(*r.aggregation_trace(h), {0.3, 0.3, 0.2, 0.2});
  EXPECT_NEAR(r.scores()(0, h), 0.74, 1e-12);
  EXPECT_THAT_CONTAINS(Explain(r, "A", "H"), "G1 一组: membership 很欢迎 0.5, 比较欢迎 0.5, 不太欢迎 0, 不欢迎 0");
}

TEST(Fuzzy, AChildWithTooFewRatingsIsLeftOutAndSaysSo) {
  // B has one rating on u2 (min_ratings 2): u2 is left out of B's evaluation and u1 carries the whole
  // weight, B = u1's row (0.5, 0.5, 0, 0). A is evaluated on both.
  Result r = ScoreWith(Rules("fuzzy", {1, 1}),
                       Votes("A", "u1", {2, 0, 0, 0}) + Votes("A", "u2", {0, 0, 2, 0}) +
                           Votes("B", "u1", {1, 1, 0, 0}) + "B,u2,E1,不欢迎\n",
                       "AB");
  const AggregationTrace* t = r.aggregation_trace(1);
  EXPECT_NEAR(t->figures(1, 0), 0.5, 1e-12);
  EXPECT_NEAR(t->figures(1, 3), 0, 1e-12);
  EXPECT_NEAR(r.scores()(1, 1), 0.9, 1e-12);
  const int u2 = r.model().FindNode("u2");
  EXPECT_TRUE(r.flags()(1, u2) & kFlagExcluded);
  EXPECT_FALSE(r.flags()(0, u2) & kFlagExcluded);
  EXPECT_NEAR(r.scores()(0, 1), 0.5 * 1 + 0.5 * 0.6, 1e-12);
}

TEST(Fuzzy, TheRuleFileIsChecked) {
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("{method: fuzzy, operator: max_min}", {1, 1})),
                       "'operator' of 'fuzzy' must be one of weighted_average, min_max, product_max, min_sum");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("{method: fuzzy, score: mean}", {1, 1})),
                       "'score' of 'fuzzy' must be one of levels, max_membership");
  // A child scored from a value.
  std::string valued = Rules("fuzzy", {1, 1});
  valued.replace(valued.find("rated: {scale: v, combine: mean, min_ratings: 2}"),
                 std::string("rated: {scale: v, combine: mean, min_ratings: 2}").size(),
                 "value: x, score: {method: minmax}");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(valued), "its child 'u1' is scored from a value, not rated by experts");
  // A numeric scale has no levels.
  std::string numeric = Rules("fuzzy", {1, 1});
  numeric.replace(numeric.find("scales:\n"), 8, "scales:\n  ten: {min: 0, max: 10}\n");
  numeric.replace(numeric.find("rated: {scale: v"), 16, "rated: {scale: ten");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(numeric), "which has no levels (a numeric or banded scale)");
  // Two scales.
  std::string two = Rules("fuzzy", {1, 1});
  two.replace(two.find("scales:\n"), 8, "scales:\n  w: {levels: {好: 1, 差: 0}}\n");
  two.replace(two.rfind("rated: {scale: v"), 16, "rated: {scale: w");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(two), "must be rated on one scale: 'u2' is rated on 'w' and 'u1' on 'v'");
}

}  // namespace
}  // namespace makerscore
