// Combined subjective-objective weights (组合赋权, weights: {method: combined}): the two mixes by hand on a
// published objective half, through rule files with stated and AHP subjective halves, the explanation,
// the weights table, the uncertainty analysis, and the rule file's refusals.
#include <cmath>
#include <random>

#include "makerscore/present.h"
#include "test_util.h"
#include "uncertainty/replicator.h"

namespace makerscore {
namespace {

Eigen::VectorXd V(std::initializer_list<double> v) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double x : v) out[i++] = x;
  return out;
}

TEST(CombineWeights, ProductAndLinearOnXusEntropyWeights) {
  // The objective half: the entropy weights of X. Xu (2004), EJOR 156(2):530-532 (tests/weights_test.cpp,
  // Published.EntropyXu2004), printed as 0.4630, 0.3992, 0.1378, 0.0000. The subjective half: stated
  // weights 0.4, 0.3, 0.2, 0.1.
  const Eigen::VectorXd o = V({0.4630, 0.3992, 0.1378, 0.0000});
  const Eigen::VectorXd s = V({0.4, 0.3, 0.2, 0.1});
  // Product: s o = 0.18520, 0.11976, 0.02756, 0; sum 0.33252 -> 0.55696, 0.36016, 0.08288, 0.
  const Eigen::VectorXd p = CombineWeights(s, o, WeightMix::kProduct);
  const double sum = 0.18520 + 0.11976 + 0.02756;
  EXPECT_NEAR(p[0], 0.18520 / sum, 1e-12);
  EXPECT_NEAR(p[1], 0.11976 / sum, 1e-12);
  EXPECT_NEAR(p[2], 0.02756 / sum, 1e-12);
  EXPECT_EQ(p[3], 0);
  EXPECT_NEAR(p[0], 0.55696, 5e-6);
  // Linear, alpha 0.5: (0.4 + 0.4630) / 2 = 0.4315, (0.3 + 0.3992) / 2 = 0.3496, 0.1689, 0.05.
  const Eigen::VectorXd l = CombineWeights(s, o, WeightMix::kLinear, 0.5);
  EXPECT_NEAR(l[0], 0.4315, 1e-12);
  EXPECT_NEAR(l[1], 0.3496, 1e-12);
  EXPECT_NEAR(l[2], 0.1689, 1e-12);
  EXPECT_NEAR(l[3], 0.05, 1e-12);
  EXPECT_NEAR(l.sum(), 1, 1e-12);
  // alpha 1 is the subjective weights, 0 the objective.
  EXPECT_NEAR((CombineWeights(s, o, WeightMix::kLinear, 1) - s).norm(), 0, 1e-15);
  EXPECT_NEAR((CombineWeights(s, o, WeightMix::kLinear, 0) - o).norm(), 0, 1e-15);
  EXPECT_THROW_WITH(CombineWeights(s, o, WeightMix::kLinear, 1.5), Error, "alpha must lie between 0 and 1");
  EXPECT_THROW_WITH(CombineWeights(V({1, 0}), V({0, 1}), WeightMix::kProduct), Error,
                    "no child has both a subjective and an objective weight above 0");
  EXPECT_THROW_WITH(CombineWeights(V({1}), V({0.5, 0.5}), WeightMix::kProduct), Error, "1 subjective and 2 objective");
}

// H (100 points) over C (value c) and D (value a), both goalposts 0-10; the combined weights' subjective
// half as `subjective` says (the children's points, or an AHP matrix).
std::string Rules(const std::string& weights, const std::string& c_weight, const std::string& d_weight) {
  return "format: makerscore/1\nid: cw\ntitle: 组合赋权\ntotal: 100\nfields: [{id: a, name: 甲}, {id: c, name: 丙}]\n"
         "indicators:\n  - id: H\n    name: 组\n    weight: 100\n    weights: " +
         weights + "\n    children:\n      - {id: C, name: 丙" + c_weight +
         ", value: c, score: {method: goalposts, low: 0, high: 10}}\n      - {id: D, name: 甲" + d_weight +
         ", value: a, score: {method: goalposts, low: 0, high: 10}}\n";
}

// C scores 0.2, 0.4, 0.6 and D 0, 0.5, 1 (X, Y, Z): the entropy example of tests/weights_test.cpp.
const char* kData = "id,a,c\nX,0,2\nY,5,4\nZ,10,6\n";

Result ScoreText(const std::string& rules) {
  Model m = Model::Compile(testing::RulesFromText(rules));
  return Score(m, std::make_shared<Dataset>(ParseDatasetCsv(kData, m.rules(), "d.csv")));
}

// The entropy weights of C and D by hand (tests/weights_test.cpp, DataWeights.EntropyByHand).
std::pair<double, double> Entropy() {
  auto e = [](std::initializer_list<double> ps) {
    double s = 0;
    for (double p : ps) s -= p > 0 ? p * std::log(p) : 0;
    return s / std::log(3.0);
  };
  const double d1 = 1 - e({1.0 / 6, 1.0 / 3, 1.0 / 2}), d2 = 1 - e({0, 1.0 / 3, 2.0 / 3});
  return {d1 / (d1 + d2), d2 / (d1 + d2)};
}

TEST(CombinedWeights, StatedPointsTimesEntropy) {
  // Subjective 75 and 25 of H's 100 points: s = 0.75, 0.25. w_C = 0.75 o_C / (0.75 o_C + 0.25 o_D).
  Result r = ScoreText(Rules("{method: combined, objective: entropy, mix: product}", ", weight: 75", ", weight: 25"));
  const auto [oc, od] = Entropy();
  const double wc = 0.75 * oc / (0.75 * oc + 0.25 * od);
  const Model& m = r.model();
  EXPECT_NEAR(r.shares()[m.FindNode("C")], wc, 1e-12);
  EXPECT_NEAR(r.shares()[m.FindNode("D")], 1 - wc, 1e-12);
  // Z: 100 x (w_C x 0.6 + w_D x 1).
  EXPECT_NEAR(r.total(2), 100 * (wc * 0.6 + (1 - wc) * 1), 1e-9);
  // What each child could earn follows the weights as used, not the stated 75 and 25: 36.1498 and 63.8502.
  EXPECT_NEAR(r.max_points(2, m.FindNode("C")), 100 * wc, 1e-9);
  EXPECT_NEAR(r.max_points(0, m.FindNode("D")), 100 * (1 - wc), 1e-9);
  const std::string e = Explain(r, "Z", "H");
  EXPECT_THAT_CONTAINS(e, "C 丙: 21.6899 of 36.1498");  // 0.6 x 36.1498
  EXPECT_THAT_CONTAINS(e,
                       "weights combined (组合赋权) from the subjective weights s (as stated) and the objective "
                       "weights o (entropy, from the cohort's scores), w = s x o / sum(s x o)");
  // o_C = 0.0794 / 0.5 = 0.1588 (d = 1 - e: 0.0794 and 0.4206); w_C = 0.1191 / (0.1191 + 0.2103) = 0.3615.
  EXPECT_THAT_CONTAINS(e, "C: s 0.75, o 0.1588 -> w 0.3615");
  EXPECT_THAT_CONTAINS(e, "D: s 0.25, o 0.8412 -> w 0.6385");
  // Before any data the weights table shows the subjective half, and says so.
  const std::string table = FormatWeights(m);
  EXPECT_THAT_CONTAINS(table, "combined (stated x entropy)");
  EXPECT_THAT_CONTAINS(table, "Combined weights are shown as their subjective half until a cohort is given");
}

TEST(CombinedWeights, AhpLinearWithAlpha) {
  // AHP [[1, 3], [1/3, 1]] gives s = 0.75, 0.25 (CR 0 for two children); linear, alpha 0.3:
  // w_C = 0.3 x 0.75 + 0.7 o_C.
  Result r = ScoreText(
      Rules("{method: combined, matrix: [[1, 3], [1/3, 1]], objective: entropy, mix: linear, alpha: 0.3}", "", ""));
  const auto [oc, od] = Entropy();
  const double wc = 0.3 * 0.75 + 0.7 * oc;
  EXPECT_NEAR(r.shares()[r.model().FindNode("C")], wc, 1e-12);
  EXPECT_NEAR(r.total(1), 100 * (wc * 0.4 + (1 - wc) * 0.5), 1e-9);
  EXPECT_THAT_CONTAINS(Explain(r, "Y", "H"), "s (AHP, CR 0, RI of Saaty 1980)");
  EXPECT_THAT_CONTAINS(Explain(r, "Y", "H"), "w = 0.3 x s + 0.7 x o");
  // The same AHP half by product equals the stated 75 / 25 by product.
  Result ahp =
      ScoreText(Rules("{method: combined, matrix: [[1, 3], [1/3, 1]], objective: entropy, mix: product}", "", ""));
  Result stated =
      ScoreText(Rules("{method: combined, objective: entropy, mix: product}", ", weight: 75", ", weight: 25"));
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(ahp.total(i), stated.total(i), 1e-12);
  // CRITIC as the objective half takes its correlation option beside it.
  Result critic = ScoreText(Rules("{method: combined, objective: critic, correlation: spearman, mix: product}",
                                  ", weight: 50", ", weight: 50"));
  EXPECT_NEAR(critic.shares()[1 + 1] + critic.shares()[1 + 2], 1, 1e-12);
}

TEST(CombinedWeights, TheUncertaintyAnalysisVariesTheSubjectiveHalf) {
  // With the weights varied, each replication's subjective half is perturbed and joined with the same
  // objective half; each equals Score() of its own rule set bit for bit.
  Model model = Model::Compile(testing::RulesFromText(
      Rules("{method: combined, objective: entropy, mix: product}", ", weight: 75", ", weight: 25") +
      "uncertainty:\n  weights: {noise: 0.3}\n"));
  const Cohort cohort{std::make_shared<Dataset>(ParseDatasetCsv(kData, model.rules(), "d.csv"))};
  detail::Replicator rep(model, cohort, *model.rules().uncertainty, 3);
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<std::vector<int>> choices;
  for (int k = 0; k < 10; ++k) {
    std::vector<double> u(rep.inputs().size());
    for (double& x : u) x = unit(rng);
    choices.push_back(rep.Choose(u.data()));
  }
  rep.Prepare(choices, 1);
  std::set<double> totals;
  for (const auto& choice : choices) {
    const detail::Variant variant = rep.VariantOf(choice);
    const double replicated = rep.Run(choice).totals[2];
    EXPECT_EQ(replicated, Score(variant.model, variant.cohort).total(2));
    totals.insert(replicated);
  }
  EXPECT_GT(totals.size(), 1u);  // the weights did vary
}

TEST(CombinedWeights, TheRuleFileIsChecked) {
  const std::string stated = ", weight: 75", other = ", weight: 25";
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("{method: combined, mix: product}", stated, other)),
                       "'method: combined' needs 'objective'");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("{method: combined, objective: entropy}", stated, other)),
                       "'method: combined' needs 'mix': 'product'");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("{method: combined, objective: entropy, mix: linear}", stated, other)),
                       "'mix: linear' needs 'alpha'");
  EXPECT_THAT_CONTAINS(
      testing::ErrorsOf(Rules("{method: combined, objective: entropy, mix: linear, alpha: 1.2}", stated, other)),
      "'alpha' must lie between 0 and 1, not 1.2");
  EXPECT_THAT_CONTAINS(
      testing::ErrorsOf(Rules("{method: combined, objective: entropy, mix: product, alpha: 0.5}", stated, other)),
      "'alpha' is for 'mix: linear'");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("{method: combined, objective: ahp, mix: product}", stated, other)),
                       "objective");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("{method: entropy, objective: critic}", "", "")),
                       "'objective' is for 'method: combined'");
  EXPECT_THAT_CONTAINS(
      testing::ErrorsOf(
          Rules("{method: combined, objective: entropy, mix: product, correlation: spearman}", stated, other)),
      "'correlation' is for 'objective: critic'");
  // With a matrix the children state no weight; without one they must.
  EXPECT_THAT_CONTAINS(
      testing::ErrorsOf(
          Rules("{method: combined, matrix: [[1, 3], [1/3, 1]], objective: entropy, mix: product}", stated, other)),
      "gets its weight from its parent's 'weights'");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("{method: combined, objective: entropy, mix: product}", "", other)),
                       "'C' needs a 'weight'");
  // Stated points still add up to the group's.
  EXPECT_THAT_CONTAINS(
      testing::ErrorsOf(Rules("{method: combined, objective: entropy, mix: product}", stated, ", weight: 20")),
      "add up to 75 + 20 = 95, not 100");
}

}  // namespace
}  // namespace makerscore
