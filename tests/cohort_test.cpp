// Aggregations over the cohort (TOPSIS, VIKOR, grey relational analysis): published worked examples,
// hand calculations, missing children, classes, explanations and the rule file's refusals.
#include <cmath>
#include <sstream>

#include "test_util.h"

namespace makerscore {
namespace {

// A rule file with one group G over children c1..ck: `value: cj`, relative weights, and the group's
// aggregate line as given; directions "h" (higher is better) or "l" (lower).
std::string Rules(const std::string& aggregate, const std::vector<double>& weights, const std::string& directions) {
  std::string fields, children;
  for (size_t j = 0; j < weights.size(); ++j) {
    const std::string c = "c" + std::to_string(j + 1);
    fields += "  - {id: " + c + ", name: 指标" + std::to_string(j + 1) + "}\n";
    children += "      - {id: \"" + c + "\", name: 指标" + std::to_string(j + 1) +
                ", weight: " + std::to_string(weights[j]) + ", value: " + c +
                ", score: {method: minmax, direction: " + (directions[j] == 'l' ? "lower" : "higher") + "}}\n";
  }
  return "format: makerscore/1\nid: t\ntitle: 测试\nweighting: relative\nfields:\n" + fields +
         "indicators:\n  - id: G\n    name: 组\n    weight: 1\n    aggregate: " + aggregate + "\n    children:\n" +
         children;
}

std::string FormatNumberForTest(double v) {
  std::ostringstream s;
  s.precision(17);
  s << v;
  return s.str();
}

// The data: entities A1..An, one row each (NaN: an empty cell).
std::string Csv(const std::vector<std::vector<double>>& rows) {
  std::string out = "id";
  for (size_t j = 0; j < rows[0].size(); ++j) out += ",c" + std::to_string(j + 1);
  out += "\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    out += "A" + std::to_string(i + 1);
    for (double v : rows[i]) out += "," + (std::isnan(v) ? std::string() : FormatNumberForTest(v));
    out += "\n";
  }
  return out;
}

Result ScoreText(const std::string& rules, const std::string& csv) {
  Model m = Model::Compile(testing::RulesFromText(rules));
  return Score(m, std::make_shared<Dataset>(ParseDatasetCsv(csv, m.rules(), "d.csv")));
}

// The group's score of each entity (the root has one child, G, node 1).
std::vector<double> GroupScores(const Result& r) {
  std::vector<double> out;
  for (int i = 0; i < r.entity_count(); ++i) out.push_back(r.scores()(i, 1));
  return out;
}

TEST(Topsis, TzengAndHuang2011) {
  // Tzeng, G.-H. & Huang, J.-J. (2011), Multiple Attribute Decision Making: Methods and Applications, CRC
  // Press: the TOPSIS example of 4 alternatives and 3 benefit criteria, weights 0.3, 0.4, 0.3, vector
  // normalisation; the closeness coefficients printed to 4 decimals (also scikit-criteria's test
  // test_TOPSIS_tzeng2011multiple).
  Result r = ScoreText(Rules("{method: topsis, over: values}", {0.3, 0.4, 0.3}, "hhh"),
                       Csv({{5, 8, 4}, {7, 6, 8}, {8, 8, 6}, {7, 4, 6}}));
  const std::vector<double> expected = {0.5037, 0.6581, 0.7482, 0.3340};
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(r.scores()(i, 1), expected[i], 5e-5) << i;
  EXPECT_EQ(r.rank(2), 1);
  EXPECT_EQ(r.rank(3), 4);
  // The group's score is its closeness times its 100 points.
  EXPECT_NEAR(r.total(2), 74.82, 5e-3);
}

TEST(Topsis, OverValuesOnTheLeanPath) {
  // The lean path keeps the values used when an aggregation reads them: the same closeness as the full one.
  const std::string rules = Rules("{method: topsis, over: values}", {0.3, 0.4, 0.3}, "hhh");
  Result full = ScoreText(rules, Csv({{7, 9, 9}, {8, 7, 8}, {9, 6, 8}, {6, 7, 8}}));
  Model model = Model::Compile(testing::RulesFromText(rules));
  ScoreOptions lean;
  lean.detail = ScoreDetail::kOutcomes;
  Result r = Score(model,
                   Cohort{std::make_shared<Dataset>(
                       ParseDatasetCsv(Csv({{7, 9, 9}, {8, 7, 8}, {9, 6, 8}, {6, 7, 8}}), model.rules(), "t.csv"))},
                   lean);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(r.scores()(i, 1), full.scores()(i, 1)) << i;
  EXPECT_NO_THROW(r.used_values());  // kept: the aggregation read them
  EXPECT_THROW(r.points(), Error);
}

TEST(Topsis, ACostCriterionTakesTheSmallestAsIdeal) {
  // 4 alternatives, 6 criteria, the first a cost (price), weights 4 5 4 3 3 2: the TOPSIS test of the
  // topsis2 package (its expected order: A1, A3, A2, A4). By hand, with vector normalisation, the
  // closeness is A1 0.6142, A2 0.5409, A3 0.5552, A4 0.2668.
  Result r = ScoreText(Rules("{method: topsis, over: values}", {4, 5, 4, 3, 3, 2}, "lhhhhh"),
                       Csv({{3500, 70, 10, 80, 3000, 36},
                            {4500, 90, 10, 60, 2500, 48},
                            {4000, 80, 9, 90, 2000, 48},
                            {4000, 70, 8, 50, 1500, 60}}));
  const std::vector<double> expected = {0.61423, 0.54094, 0.55517, 0.26677};
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(r.scores()(i, 1), expected[i], 5e-6) << i;
  EXPECT_EQ(r.rank(0), 1);
  EXPECT_EQ(r.rank(2), 2);
  EXPECT_EQ(r.rank(1), 3);
}

TEST(Topsis, OverScoresWithAFixedIdealByHand) {
  // Children scored by min-max over A1..A3: c1 = 0, 0.5, 1 and c2 = 1, 0, 0.5. Fixed ideal (1, 1) and
  // anti-ideal (0, 0), weights 1/2 each, no further normalisation:
  //   A1: D+ = sqrt((0.5 x 1)^2 + 0) = 0.5, D- = 0.5 -> 0.5
  //   A2: D+ = sqrt(0.25^2 + 0.5^2) = 0.559017, D- = 0.25 -> 0.25 / 0.809017 = 0.309017
  //   A3: D+ = sqrt(0 + 0.25^2) = 0.25, D- = sqrt(0.5^2 + 0.25^2) = 0.559017 -> 0.690983
  Result r = ScoreText(Rules("{method: topsis, normalise: none, ideal: fixed}", {1, 1}, "hh"),
                       Csv({{0, 10}, {5, 0}, {10, 5}}));
  EXPECT_NEAR(r.scores()(0, 1), 0.5, 1e-12);
  EXPECT_NEAR(r.scores()(1, 1), 0.25 / (0.25 + std::sqrt(0.3125)), 1e-12);
  EXPECT_NEAR(r.scores()(2, 1), std::sqrt(0.3125) / (0.25 + std::sqrt(0.3125)), 1e-12);
}

TEST(Topsis, AMissingChildIsLeftOutOfThatEntitysDistances) {
  // A3 has no c2: its distances use c1 alone with the full weight. c1 vector-normalised: 3/5, 4/5 (A1,
  // A2), and A3's 0 ... here c1 = 3, 4, 0 has norm 5: A3's c1 is 0 = the anti-ideal -> closeness 0.
  Result r = ScoreText(Rules("{method: topsis, over: values}", {1, 1}, "hh"), Csv({{3, 1}, {4, 2}, {0, NAN}}));
  EXPECT_NEAR(r.scores()(2, 1), 0, 1e-12);
  EXPECT_FALSE(std::isnan(r.scores()(2, 1)));
  // The missing policy (zero) scored A3's c2 0, but there is no value to compare: the child says it was
  // left out (node 3 is c2).
  EXPECT_TRUE(r.flags()(2, 3) & kFlagExcluded);
  EXPECT_FALSE(r.flags()(1, 3) & kFlagExcluded);
  // A1 and A2 compare both children: c2 = 1, 2 (norm sqrt 5); A2 is best on both, so it is the ideal.
  EXPECT_NEAR(r.scores()(1, 1), 1, 1e-12);
}

TEST(Vikor, SatmanKiraciAkay2021) {
  // JMcDM (Satman, Kiracı & Akay 2021, Journal of Open Source Software 6(65), 3430), the VIKOR test: 4
  // alternatives, 8 benefit criteria, the weights below, v = 0.5; Q printed to 2 decimals as 0.74, 0.73,
  // 1.00, 0.00 (A4 the compromise solution). By hand S = 0.6361, 0.7181, 0.9000, 0.1382 and
  // R = 0.3417, 0.3035, 0.3844, 0.1101 (the weights, which add up to 0.999, divided by their sum).
  Result r = ScoreText(Rules("vikor", {0.110, 0.035, 0.379, 0.384, 0.002, 0.002, 0.010, 0.077}, "hhhhhhhh"),
                       Csv({{100, 92, 10, 2, 80, 70, 95, 80},
                            {80, 70, 8, 4, 100, 80, 80, 90},
                            {90, 85, 5, 0, 75, 95, 70, 70},
                            {70, 88, 20, 18, 60, 90, 95, 85}}));
  const AggregationTrace* t = r.aggregation_trace(1);
  ASSERT_NE(t, nullptr);
  const std::vector<double> q = {0.74, 0.73, 1.0, 0.0};
  const std::vector<double> s = {0.6361, 0.7181, 0.9000, 0.1382};
  const std::vector<double> rr = {0.3417, 0.3035, 0.3844, 0.1101};
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(t->figures(i, 2), q[i], 0.01) << i;
    EXPECT_NEAR(t->figures(i, 0), s[i], 5e-5) << i;
    EXPECT_NEAR(t->figures(i, 1), rr[i], 5e-5) << i;
    EXPECT_NEAR(r.scores()(i, 1), 1 - t->figures(i, 2), 1e-12);
  }
  EXPECT_EQ(r.rank(3), 1);
  // A4 leads A2 (the second by Q) by 0.733 >= DQ = 1/3, and is best by S and R too: both conditions hold.
  ASSERT_EQ(t->notes.size(), 3u);
  EXPECT_THAT_CONTAINS(t->notes[0], "acceptable advantage (C1), Q(A2) - Q(A4) >= DQ = 0.3333: met");
  EXPECT_THAT_CONTAINS(t->notes[1], "A4 also best by S or R: met");
  EXPECT_THAT_CONTAINS(t->notes[2], "compromise solution: A4 alone");
}

TEST(Vikor, OpricovicTzeng2004AndYangWu2020) {
  // Opricovic, S. & Tzeng, G.-H. (2004), "Compromise solution by MCDM methods: a comparative analysis of
  // VIKOR and TOPSIS", EJOR 156(2), 445-455, the numerical example: three alternatives, risk (a cost) and
  // altitude, weights 1/2: A1 (1, 3000), A2 (2, 3750), A3 (5, 4500). Q = 1, 0, 1 (as pymcdm's test quotes
  // it). By hand: regrets A1 (0, 0.5), A2 (0.125, 0.25), A3 (0.5, 0); S = 0.5, 0.375, 0.5; R = 0.5, 0.25,
  // 0.5. TOPSIS on the same case gives closeness 0.500, 0.617, 0.500 with min-max normalisation.
  const std::string csv = Csv({{1, 3000}, {2, 3750}, {5, 4500}});
  Result r = ScoreText(Rules("{method: vikor, over: values}", {1, 1}, "lh"), csv);
  const AggregationTrace* t = r.aggregation_trace(1);
  ASSERT_NE(t, nullptr);
  const double q[] = {1, 0, 1}, s[] = {0.5, 0.375, 0.5}, rr[] = {0.5, 0.25, 0.5};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(t->figures(i, 2), q[i], 1e-12) << i;
    EXPECT_NEAR(t->figures(i, 0), s[i], 1e-12) << i;
    EXPECT_NEAR(t->figures(i, 1), rr[i], 1e-12) << i;
  }
  Result topsis = ScoreText(Rules("{method: topsis, over: values, normalise: minmax}", {1, 1}, "lh"), csv);
  const double closeness[] = {0.500, 0.617, 0.500};
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(topsis.scores()(i, 1), closeness[i], 0.5e-3) << i;
  // Yang, W. & Wu, Y. (2020), "A new improvement method to avoid rank reversal in VIKOR", IEEE Access 8,
  // 21261-21271 (pymcdm's test): five alternatives, four benefit criteria of equal weight; Q = 0.5679,
  // 0.7667, 1, 0.7493, 0.
  Result y = ScoreText(Rules("{method: vikor, over: values}", {1, 1, 1, 1}, "hhhh"),
                       Csv({{78, 56, 34, 6}, {4, 45, 3, 97}, {18, 2, 50, 63}, {9, 14, 11, 92}, {85, 9, 100, 29}}));
  const double qy[] = {0.5679, 0.7667, 1, 0.7493, 0};
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(y.aggregation_trace(1)->figures(i, 2), qy[i], 0.5e-4) << i;
}

TEST(Vikor, WithoutAcceptableAdvantageTheCompromiseSetIsNamed) {
  // Two criteria of equal weight, three alternatives (c1, c2): A1 (10, 0), A2 (0, 10), A3 (6, 6).
  // Regrets w (f* - f) / (f* - f-): A1 (0, 0.5), A2 (0.5, 0), A3 (0.2, 0.2).
  // S = 0.5, 0.5, 0.4; R = 0.5, 0.5, 0.2. Q (v = 0.5) = 0.5 x (S - 0.4) / 0.1 + 0.5 x (R - 0.2) / 0.3
  // = 1, 1, 0. DQ = 1 / 2; Q(A1) - Q(A3) = 1 >= 0.5: advantage met, A3 best by S and R: stable.
  Result r = ScoreText(Rules("{method: vikor, over: values}", {1, 1}, "hh"), Csv({{10, 0}, {0, 10}, {6, 6}}));
  const AggregationTrace* t = r.aggregation_trace(1);
  ASSERT_NE(t, nullptr);
  EXPECT_NEAR(t->figures(0, 2), 1, 1e-12);
  EXPECT_NEAR(t->figures(2, 2), 0, 1e-12);
  EXPECT_THAT_CONTAINS(t->notes[2], "A3 alone");
  // v = 1 (utility only) with A3 (5, 5): S = 0.5, 0.5, 0.5 -> all Q = 0; no advantage: all three form the set.
  Result tie = ScoreText(Rules("{method: vikor, over: values, v: 1}", {1, 1}, "hh"), Csv({{10, 0}, {0, 10}, {5, 5}}));
  const AggregationTrace* u = tie.aggregation_trace(1);
  EXPECT_THAT_CONTAINS(u->notes[0], "not met");
  EXPECT_THAT_CONTAINS(u->notes[2], "compromise solutions: A1, A2, A3");
}

TEST(Grey, DengsCoefficientByHand) {
  // Three entities, two benefit children (c1, c2): A1 (2, 30), A2 (4, 10), A3 (6, 20).
  // Min-max normalised: A1 (0, 1), A2 (0.5, 0), A3 (1, 0.5); the reference series is the ideal (1, 1).
  // Differences Δ: A1 (1, 0), A2 (0.5, 1), A3 (0, 0.5); Δmin = 0, Δmax = 1; ρ = 0.5:
  //   ξ = (0 + 0.5) / (Δ + 0.5): Δ 0 -> 1, Δ 0.5 -> 0.5, Δ 1 -> 1/3.
  // Weights 0.4 and 0.6: A1 0.4/3 + 0.6 = 0.733333, A2 0.4 x 0.5 + 0.6/3 = 0.4, A3 0.4 + 0.3 = 0.7.
  Result r = ScoreText(Rules("{method: grey, over: values}", {0.4, 0.6}, "hh"), Csv({{2, 30}, {4, 10}, {6, 20}}));
  EXPECT_NEAR(r.scores()(0, 1), 0.4 / 3 + 0.6, 1e-12);
  EXPECT_NEAR(r.scores()(1, 1), 0.4, 1e-12);
  EXPECT_NEAR(r.scores()(2, 1), 0.7, 1e-12);
  // ρ = 0.25: ξ = 0.25 / (Δ + 0.25): Δ 0.5 -> 1/3, Δ 1 -> 0.2. A2: 0.4/3 + 0.6 x 0.2 = 0.253333.
  Result rho =
      ScoreText(Rules("{method: grey, over: values, rho: 0.25}", {0.4, 0.6}, "hh"), Csv({{2, 30}, {4, 10}, {6, 20}}));
  EXPECT_NEAR(rho.scores()(1, 1), 0.4 / 3 + 0.12, 1e-12);
}

TEST(Grey, KuoYangHuang2008AsJMcDMTestsIt) {
  // Grey relational analysis as Kuo, Yang & Huang (2008), "The use of grey relational analysis in solving
  // multiple attribute decision-making problems", Computers & Industrial Engineering 55(1), 80-93, set it out
  // (min-max normalisation by direction, the ideal as reference, rho = 0.5, the grade the weighted mean of
  // the coefficients); the case and its grades are JMcDM's published test (Satman, Kiracı & Akay 2021):
  // five alternatives, six criteria (the first, third and sixth costs), weights 0.05, 0.20, 0.10, 0.15,
  // 0.10, 0.40; grades 0.525, 0.700714, 0.546429, 0.576282, 0.650952 (A2 best).
  Result r = ScoreText(Rules("{method: grey, over: values}", {0.05, 0.20, 0.10, 0.15, 0.10, 0.40}, "lhlhhl"),
                       Csv({{105000, 105, 10, 4, 300, 10},
                            {120000, 110, 15, 4, 500, 8},
                            {150000, 120, 12, 3, 550, 12},
                            {115000, 105, 20, 4, 600, 9},
                            {135000, 115, 15, 5, 400, 9}}));
  const std::vector<double> published = {0.525, 0.7007142857142857, 0.5464285714285715, 0.5762820512820512,
                                         0.650952380952381};
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(r.scores()(i, 1), published[i], 1e-4) << "A" << i + 1;
  EXPECT_EQ(r.rank(1), 1);
}

TEST(Grey, AGivenReferenceAndACostChild) {
  // c2 is a cost: A1 (2, 30), A2 (4, 10), A3 (6, 20) normalise to A1 (0, 0), A2 (0.5, 1), A3 (1, 0.5).
  // The reference (4, 10) normalises to (0.5, 1): Δ A1 (0.5, 1), A2 (0, 0), A3 (0.5, 0.5); Δmax = 1.
  // ξ: Δ 0 -> 1, 0.5 -> 0.5, 1 -> 1/3; equal weights: A1 (0.5 + 1/3) / 2, A2 1, A3 0.5.
  Result r = ScoreText(Rules("{method: grey, over: values, reference: [4, 10]}", {1, 1}, "hl"),
                       Csv({{2, 30}, {4, 10}, {6, 20}}));
  EXPECT_NEAR(r.scores()(0, 1), (0.5 + 1.0 / 3) / 2, 1e-12);
  EXPECT_NEAR(r.scores()(1, 1), 1, 1e-12);
  EXPECT_NEAR(r.scores()(2, 1), 0.5, 1e-12);
}

TEST(Cohort, ExplanationsShowEveryStep) {
  Result r = ScoreText(Rules("{method: topsis, over: values}", {0.3, 0.4, 0.3}, "hhh"),
                       Csv({{5, 8, 4}, {7, 6, 8}, {8, 8, 6}, {7, 4, 6}}));
  const std::string e = Explain(r, "A3", "G");
  // c1 = 5, 7, 8, 7 has the norm sqrt(187): A3's 8 / 13.675 = 0.5850 is the ideal, A1's 5 / 13.675 = 0.3656
  // the anti-ideal.
  EXPECT_THAT_CONTAINS(e, "c1 指标1: normalised value 0.585 (ideal 0.585, anti-ideal 0.3656)");
  EXPECT_THAT_CONTAINS(e, "TOPSIS: weighted distance to the ideal D+ =");
  EXPECT_THAT_CONTAINS(e, "score = closeness D- / (D+ + D-) = 0.7482");
  Result v = ScoreText(Rules("vikor", {1, 1}, "hh"), Csv({{10, 0}, {0, 10}, {6, 6}}));
  EXPECT_THAT_CONTAINS(Explain(v, "A3", "G"), "score = 1 - Q = 1");
  EXPECT_THAT_CONTAINS(Explain(v, "A3", "G"), "(VIKOR compromise solution: A3 alone)");
}

TEST(Cohort, ClassesWeighTheirChildrenDifferently) {
  // Class 甲 weighs only c1, class 乙 only c2 (weight 0 leaves a child out for the class). Over scores
  // (min-max): A1 (1, 0) 甲, A2 (0, 1) 乙, A3 (0.5, 0.5) 甲. TOPSIS with vector normalisation of the
  // scores: c1 = 1, 0, 0.5 (norm sqrt 1.25), c2 = 0, 1, 0.5. A1 and A3 are compared on c1 alone, over the
  // entities it counts for (A1, A3): ideal 1/sqrt 1.25, anti-ideal 0.5/sqrt 1.25: A1 1, A3 0. A2 alone on c2: 1 is
  // both ideal and anti-ideal: undefined, flagged no_spread.
  const std::string rules = R"(format: makerscore/1
id: t
title: 测试
weighting: relative
fields: [{id: type, name: 类型, kind: category}, {id: c1, name: 甲}, {id: c2, name: 乙}]
classes: {field: type, labels: [甲, 乙]}
indicators:
  - id: G
    name: 组
    weight: 1
    aggregate: topsis
    children:
      - {id: c1, name: 甲, weight: {甲: 1, 乙: 0}, value: c1, score: {method: minmax}}
      - {id: c2, name: 乙, weight: {甲: 0, 乙: 1}, value: c2, score: {method: minmax}}
)";
  Result r = ScoreText(rules, "id,type,c1,c2\nA1,甲,10,0\nA2,乙,0,10\nA3,甲,5,5\n");
  EXPECT_NEAR(r.scores()(0, 1), 1, 1e-12);
  EXPECT_NEAR(r.scores()(2, 1), 0, 1e-12);
  EXPECT_TRUE(std::isnan(r.scores()(1, 1)));
  EXPECT_TRUE(r.flags()(1, 1) & kFlagNoSpread);
}

TEST(Cohort, TheRuleFileIsCheckedAgainstEachAggregationsOptions) {
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("{method: vikor, rho: 0.5}", {1, 1}, "hh")),
                       "'vikor' has no option 'rho'; its options are v, over");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("{method: vikor, v: 1.5}", {1, 1}, "hh")),
                       "'v' of 'vikor' must lie between 0 and 1, not 1.5");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("{method: grey, normalise: vector}", {1, 1}, "hh")),
                       "'normalise' of 'grey' must be one of minmax, none, not 'vector'");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("{method: grey, reference: [1]}", {1, 1}, "hh")),
                       "the reference series of 'G' has 1 values for 2 children");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("{method: topsis, ideal: fixed}", {1, 1}, "hh")),
                       "'ideal: fixed' (1 and 0) needs scores on the scale of 0 to 1");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("{method: geometric, v: 0.5}", {1, 1}, "hh")),
                       "'aggregate: geometric' takes no options");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("{method: topsiss}", {1, 1}, "hh")), "topsis");
}

}  // namespace
}  // namespace makerscore
