// Derived weights: AHP (priorities and consistency) and the data-driven
// methods, against hand-worked numbers and published worked examples; then
// through rule files.
#include <cmath>
#include <tuple>

#include "test_util.h"

namespace makerscore {
namespace {

using testing::M;

TEST(Ahp, ConsistentMatrixGivesItsWeights) {
  // a_ij = w_i / w_j for w = (0.6, 0.3, 0.1): the eigenvector is w, lambda_max = n, CI = CR = 0.
  AhpResult r = Ahp({M({{1, 2, 6}, {1.0 / 2, 1, 3}, {1.0 / 6, 1.0 / 3, 1}})});
  EXPECT_NEAR(r.weights[0], 0.6, 1e-12);
  EXPECT_NEAR(r.weights[2], 0.1, 1e-12);
  EXPECT_NEAR(r.lambda_max, 3, 1e-12);
  EXPECT_NEAR(r.cr, 0, 1e-12);
}

TEST(Ahp, ThreeByThreeByHand) {
  // [[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]]. For a 3 x 3 reciprocal matrix the principal eigenvector is
  // the normalised row geometric means (15^(1/3), 1, 15^(-1/3)) = (0.6370, 0.2583, 0.1047), and
  // lambda_max = 1 + (a13 / (a12 a23))^(1/3) + (a12 a23 / a13)^(1/3) = 1 + (5/9)^(1/3) + (9/5)^(1/3)
  // = 3.0385; CI = (lambda_max - 3) / 2 = 0.0193; with Saaty's RI(3) = 0.58, CR = 0.0332.
  Eigen::MatrixXd a = M({{1, 3, 5}, {1.0 / 3, 1, 3}, {1.0 / 5, 1.0 / 3, 1}});
  const double g1 = std::cbrt(15.0), g3 = std::cbrt(1.0 / 15), sum = g1 + 1 + g3;
  const double lambda = 1 + std::cbrt(5.0 / 9) + std::cbrt(9.0 / 5);
  for (AhpPriority p : {AhpPriority::kEigenvector, AhpPriority::kGeometricMean}) {
    AhpResult r = Ahp({a}, p);
    EXPECT_NEAR(r.weights[0], g1 / sum, 1e-9);
    EXPECT_NEAR(r.weights[1], 1 / sum, 1e-9);
    EXPECT_NEAR(r.lambda_max, lambda, 1e-9);
    EXPECT_NEAR(r.ci, (lambda - 3) / 2, 1e-9);
    EXPECT_NEAR(r.cr, (lambda - 3) / 2 / 0.58, 1e-9);
  }
  EXPECT_NEAR(Ahp({a}).weights[0], 0.6370, 5e-5);
  EXPECT_NEAR(Ahp({a}).cr, 0.0332, 5e-5);
}

TEST(Ahp, SmallMatricesAndGroups) {
  AhpResult two = Ahp({M({{1, 3}, {1.0 / 3, 1}})});
  EXPECT_NEAR(two.weights[0], 0.75, 1e-12);
  EXPECT_EQ(two.cr, 0);  // RI(2) = 0: a 2 x 2 matrix is always consistent
  EXPECT_NEAR(Ahp({M({{1}})}).weights[0], 1, 1e-12);
  // Two experts: 2 and 8 -> geometric mean of judgments 4 -> (0.8, 0.2); combining priorities
  // (2/3, 1/3) and (8/9, 1/9) by geometric mean gives (sqrt(16/27), sqrt(1/27)) normalised = (0.8, 0.2).
  std::vector<Eigen::MatrixXd> panel = {M({{1, 2}, {0.5, 1}}), M({{1, 8}, {0.125, 1}})};
  EXPECT_NEAR(Ahp(panel).weights[0], 0.8, 1e-12);
  EXPECT_NEAR(Ahp(panel, AhpPriority::kEigenvector, AhpCombine::kPriorities).weights[0], 0.8, 1e-12);
}

TEST(Ahp, MatrixChecksAndRandomIndex) {
  EXPECT_EQ(CheckComparisonMatrix(M({{1, 3}, {0.5, 1}})),
            "the matrix must be reciprocal: 3 and 0.5 (row 1, column 2) are not each other's inverse");
  EXPECT_EQ(CheckComparisonMatrix(M({{1, -2}, {-0.5, 1}})),
            "every comparison must be a positive number (row 1, column 2)");
  EXPECT_EQ(CheckComparisonMatrix(M({{2, 1}, {1, 1}})), "the diagonal must be 1 (row 1, column 1)");
  EXPECT_DOUBLE_EQ(RandomIndex(3), 0.58);
  EXPECT_DOUBLE_EQ(RandomIndex(10), 1.49);
}

TEST(DataWeights, EntropyByHand) {
  // Column 1: 0.2, 0.4, 0.6 -> p = 1/6, 1/3, 1/2; column 2: 0, 0.5, 1 -> p = 0, 1/3, 2/3.
  // e_j = -sum p ln p / ln 3; d_j = 1 - e_j; w = d / sum d.
  auto e = [](std::initializer_list<double> ps) {
    double s = 0;
    for (double p : ps) s -= p > 0 ? p * std::log(p) : 0;
    return s / std::log(3.0);
  };
  double d1 = 1 - e({1.0 / 6, 1.0 / 3, 1.0 / 2}), d2 = 1 - e({0, 1.0 / 3, 2.0 / 3});
  Eigen::VectorXd w = DataWeights(DataWeighting::kEntropy, M({{0.2, 0}, {0.4, 0.5}, {0.6, 1}}));
  EXPECT_NEAR(w[0], d1 / (d1 + d2), 1e-12);
  EXPECT_NEAR(w[1], d2 / (d1 + d2), 1e-12);
  EXPECT_THROW_WITH(DataWeights(DataWeighting::kEntropy, M({{-1, 0}, {1, 1}})), Error, "need scores of 0 or more");
}

TEST(DataWeights, CriticSdEqualByHand) {
  // CRITIC: columns a = (0, .5, 1), b = (1, .5, 0), c = a. SD 0.5 each; r_ab = r_bc = -1, r_ac = 1:
  // C_a = 0.5 x (2 + 0) = 1, C_b = 0.5 x (2 + 2) = 2, C_c = 1 -> (0.25, 0.5, 0.25).
  Eigen::VectorXd c = DataWeights(DataWeighting::kCritic, M({{0, 1, 0}, {0.5, 0.5, 0.5}, {1, 0, 1}}));
  EXPECT_NEAR(c[0], 0.25, 1e-12);
  EXPECT_NEAR(c[1], 0.5, 1e-12);
  // SD: (0, 1) and (0, 0.5): SDs sqrt(0.5) and sqrt(0.125) -> (2/3, 1/3).
  Eigen::VectorXd s = DataWeights(DataWeighting::kStandardDeviation, M({{0, 0}, {1, 0.5}}));
  EXPECT_NEAR(s[0], 2.0 / 3, 1e-12);
  // Constant columns carry no information: equal weights.
  Eigen::VectorXd flat = DataWeights(DataWeighting::kEntropy, M({{1, 1}, {1, 1}, {1, 1}}));
  EXPECT_NEAR(flat[0], 0.5, 1e-12);
  EXPECT_NEAR(DataWeights(DataWeighting::kEqual, M({{1, 2, 3}}))[2], 1.0 / 3, 1e-12);
  EXPECT_THROW_WITH(DataWeights(DataWeighting::kCritic, M({{1, 2}})), Error, "at least 2 entities");
}

// ---- Published worked examples -------------------------------------------------------------------

TEST(Published, AhpSaatyDrinks) {
  // T. L. Saaty (2008), "Decision making with the analytic hierarchy process", Int. J. Services Sciences
  // 1(1):83-98, Table 2: relative consumption of drinks in the US (coffee, wine, tea, beer, sodas, milk,
  // water), judgments of 30 people. Published eigenvector: .177 .019 .042 .116 .190 .129 .327; C.R. = .022.
  Eigen::MatrixXd drinks = M({{1, 9, 5, 2, 1, 1, 1.0 / 2},
                              {1.0 / 9, 1, 1.0 / 3, 1.0 / 9, 1.0 / 9, 1.0 / 9, 1.0 / 9},
                              {1.0 / 5, 3, 1, 1.0 / 3, 1.0 / 4, 1.0 / 3, 1.0 / 9},
                              {1.0 / 2, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3},
                              {1, 9, 4, 2, 1, 2, 1.0 / 2},
                              {1, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3},
                              {2, 9, 9, 3, 2, 3, 1}});
  AhpResult r = Ahp({drinks});
  const double published[] = {.177, .019, .042, .116, .190, .129, .327};
  for (int i = 0; i < 7; ++i) EXPECT_NEAR(r.weights[i], published[i], 5e-4) << "drink " << i;
  EXPECT_NEAR(r.cr, .022, 5e-4);
  EXPECT_DOUBLE_EQ(r.ri, 1.32);  // Saaty's RI(7), the table the paper uses
}

TEST(Published, EntropyXu2004) {
  // X. Xu (2004), "A note on the subjective and objective integrated approach to determine attribute
  // weights", European Journal of Operational Research 156(2):530-532: four alternatives, four benefit
  // attributes; entropy weights 0.4630, 0.3992, 0.1378, 0.0000 (the fourth attribute barely varies).
  // The same numbers are the reference in the pyrepo-mcda test suite (Test_Entropy.test_Entropy).
  Eigen::VectorXd w = DataWeights(DataWeighting::kEntropy,
                                  M({{30, 30, 38, 29}, {19, 54, 86, 29}, {19, 15, 85, 28.9}, {68, 70, 60, 29}}));
  const double published[] = {0.4630, 0.3992, 0.1378, 0.0000};
  for (int j = 0; j < 4; ++j) EXPECT_NEAR(w[j], published[j], 5e-5) << "attribute " << j;
}

TEST(Published, CriticTusAdali2019) {
  // A. Tuş and E. Aytaç Adalı (2019), "The new combination with CRITIC and WASPAS methods for the time
  // and attendance software selection problem", Opsearch 56(2):528-538: five software packages, six
  // criteria (the first, price, a cost). Published CRITIC weights 0.157, 0.249, 0.168, 0.121, 0.154,
  // 0.151, as also tabulated in the pyrepo-mcda test suite (Test_CRITIC). They follow from min-max
  // normalising every column as x' = (x - min) / (max - min) (the paper's step 1 as these numbers show;
  // reversing the cost column would flip its correlations) -- done here by hand, then CRITIC.
  Eigen::MatrixXd x = M(
      {{5000, 3, 3, 4, 3, 2}, {680, 5, 3, 2, 2, 1}, {2000, 3, 2, 3, 4, 3}, {600, 4, 3, 1, 2, 2}, {800, 2, 4, 3, 3, 4}});
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const double lo = x.col(j).minCoeff(), hi = x.col(j).maxCoeff();
    x.col(j) = (x.col(j).array() - lo) / (hi - lo);
  }
  Eigen::VectorXd w = DataWeights(DataWeighting::kCritic, x);
  const double published[] = {0.157, 0.249, 0.168, 0.121, 0.154, 0.151};
  for (int j = 0; j < 6; ++j) EXPECT_NEAR(w[j], published[j], 5e-4) << "criterion " << j;
}

TEST(Published, MerecKeshavarzGhorabaee2021) {
  // M. Keshavarz-Ghorabaee, M. Amiri, E. K. Zavadskas, Z. Turskis and J. Antucheviciene (2021),
  // "Determination of objective weights using a new method based on the removal effects of criteria
  // (MEREC)", Symmetry 13(4):525, section 4.1: five alternatives, four criteria (Table 2; the last two are
  // costs). Published weights (step 6): 0.5752, 0.0141, 0.4016, 0.0091; overall performances S (Table 4)
  // 0.77, 0.71, 0.65, 1.09, 0.21. makerscore weighs scores, where higher is always better: a cost column
  // enters as 1 / x, which MEREC normalises exactly as the paper normalises the cost x (min(1/x) / (1/x_ij)
  // = x_ij / max x).
  Eigen::MatrixXd x =
      M({{450, 8000, 54, 145}, {10, 9100, 2, 160}, {100, 8200, 31, 153}, {220, 9300, 1, 162}, {5, 8400, 23, 158}});
  for (Eigen::Index j : {2, 3}) x.col(j) = x.col(j).cwiseInverse();
  Eigen::VectorXd w = DataWeights(DataWeighting::kMerec, x);
  const double published[] = {0.5752, 0.0141, 0.4016, 0.0091};
  for (int j = 0; j < 4; ++j) EXPECT_NEAR(w[j], published[j], 5e-5) << "criterion " << j;
  // Section 4.2 (Table 5, seven criteria, the last four costs; Table 6, MEREC): 0.324, 0.055, 0.086,
  // 0.368, 0.044, 0.077, 0.045.
  Eigen::MatrixXd y = M({{23, 264, 2.37, 0.05, 167, 8900, 8.71},
                         {20, 220, 2.2, 0.04, 171, 9100, 8.23},
                         {17, 231, 1.98, 0.15, 192, 10800, 9.91},
                         {12, 210, 1.73, 0.2, 195, 12300, 10.21},
                         {15, 243, 2, 0.14, 187, 12600, 9.34},
                         {14, 222, 1.89, 0.13, 180, 13200, 9.22},
                         {21, 262, 2.43, 0.06, 160, 10300, 8.93},
                         {20, 256, 2.6, 0.07, 163, 11400, 8.44},
                         {19, 266, 2.1, 0.06, 157, 11200, 9.04},
                         {8, 218, 1.94, 0.11, 190, 13400, 10.11}});
  for (Eigen::Index j : {3, 4, 5, 6}) y.col(j) = y.col(j).cwiseInverse();
  Eigen::VectorXd v = DataWeights(DataWeighting::kMerec, y);
  const double table6[] = {0.324, 0.055, 0.086, 0.368, 0.044, 0.077, 0.045};
  for (int j = 0; j < 7; ++j) EXPECT_NEAR(v[j], table6[j], 5e-4) << "criterion " << j;
  // Over values (weights: {method: merec, over: values}): the paper's matrix as it is, the costs marked.
  Eigen::MatrixXd raw =
      M({{450, 8000, 54, 145}, {10, 9100, 2, 160}, {100, 8200, 31, 153}, {220, 9300, 1, 162}, {5, 8400, 23, 158}});
  Eigen::VectorXd u = DataWeightsOfValues(DataWeighting::kMerec, raw, {0, 0, 1, 1});
  for (int j = 0; j < 4; ++j) EXPECT_NEAR(u[j], published[j], 5e-5) << "criterion " << j;
  // A score of 0 (minmax's lowest) has no logarithm: refused, saying why.
  EXPECT_THROW_WITH(DataWeights(DataWeighting::kMerec, M({{0, 1}, {1, 0.5}})), Error, "every score above 0");
}

const char* kRules = R"(format: makerscore/1
id: w
title: 赋权
fields: [{id: a, name: 甲}, {id: b, name: 乙}, {id: c, name: 丙}]
indicators:
  - id: G
    name: 组
    weight: 40
    weights: {method: ahp, matrix: [[1, 3], [1/3, 1]]}
    children:
      - {id: A, name: 甲, value: a, score: {method: goalposts, low: 0, high: 10}}
      - {id: B, name: 乙, value: b, score: {method: goalposts, low: 0, high: 10}}
  - id: H
    name: 熵
    weight: 60
    weights: {method: entropy}
    children:
      - {id: C, name: 丙, value: c, score: {method: goalposts, low: 0, high: 10}}
      - {id: D, name: 甲, value: a, score: {method: goalposts, low: 0, high: 10}}
)";

TEST(DerivedWeights, ThroughARuleFile) {
  Model m = Model::Compile(testing::RulesFromText(kRules));
  // AHP on G: (0.75, 0.25) of 40 points -> 30 and 10.
  EXPECT_NEAR(m.nodes()[m.FindNode("A")].max_points, 30, 1e-12);
  EXPECT_EQ(m.nodes()[m.FindNode("G")].weights_method, WeightsMethod::kAhp);
  // Entropy on H from the cohort: C scores 0.2, 0.4, 0.6 and D scores 0, 0.5, 1 (the hand example above).
  auto d = std::make_shared<Dataset>(ParseDatasetCsv("id,a,b,c\nX,0,10,2\nY,5,10,4\nZ,10,10,6\n", m.rules(), "d.csv"));
  Result r = Score(m, d);
  Eigen::VectorXd w = DataWeights(DataWeighting::kEntropy, M({{0.2, 0}, {0.4, 0.5}, {0.6, 1}}));
  EXPECT_NEAR(r.shares()[m.FindNode("C")], w[0], 1e-12);
  // Z: G = 30 x 1 + 10 x 1 = 40; H = 60 x (w_C x 0.6 + w_D x 1).
  EXPECT_NEAR(r.total(2), 40 + 60 * (w[0] * 0.6 + w[1] * 1), 1e-9);
  EXPECT_NE(Explain(r, "Z", "H").find("weights derived by entropy"), std::string::npos) << Explain(r, "Z", "H");
}

TEST(DerivedWeights, MerecThroughARuleFile) {
  std::string rules = kRules;
  rules.replace(rules.find("{method: entropy}"), 17, "{method: merec}");
  Model m = Model::Compile(testing::RulesFromText(rules));
  EXPECT_EQ(m.nodes()[m.FindNode("H")].weights_method, WeightsMethod::kMerec);
  // C scores 0.2, 0.4, 0.6 and D 0.1, 0.5, 1 (goalposts 0-10 of c and a): every score above 0.
  auto d = std::make_shared<Dataset>(ParseDatasetCsv("id,a,b,c\nX,1,10,2\nY,5,10,4\nZ,10,10,6\n", m.rules(), "d.csv"));
  Result r = Score(m, d);
  Eigen::VectorXd w = DataWeights(DataWeighting::kMerec, M({{0.2, 0.1}, {0.4, 0.5}, {0.6, 1}}));
  EXPECT_NEAR(r.shares()[m.FindNode("C")], w[0], 1e-12);
  EXPECT_NEAR(r.total(2), 40 + 60 * (w[0] * 0.6 + w[1] * 1), 1e-9);
  // A score of 0 (X's a = 0): refused for the group, naming it.
  auto zero =
      std::make_shared<Dataset>(ParseDatasetCsv("id,a,b,c\nX,0,10,2\nY,5,10,4\nZ,10,10,6\n", m.rules(), "d.csv"));
  EXPECT_THROW_WITH(Score(m, zero), Error,
                    "weights of the children of 'H' by merec: MEREC weights need every score above 0");
}

TEST(DerivedWeights, RuleFileChecks) {
  std::string inconsistent = kRules;
  inconsistent.replace(inconsistent.find("[[1, 3], [1/3, 1]]"), std::string("[[1, 3], [1/3, 1]]").size(),
                       "[[1, 3], [1/2, 1]]");
  EXPECT_NE(testing::ErrorsOf(inconsistent).find("the matrix must be reciprocal"), std::string::npos);
  std::string wrong_size = kRules;
  wrong_size.replace(wrong_size.find("[[1, 3], [1/3, 1]]"), std::string("[[1, 3], [1/3, 1]]").size(), "[[1]]");
  EXPECT_NE(testing::ErrorsOf(wrong_size).find("the comparison matrix must be 2 x 2"), std::string::npos);
  std::string both = kRules;
  both.replace(both.find("{id: A, name: 甲,"), std::string("{id: A, name: 甲,").size(), "{id: A, name: 甲, weight: 3,");
  EXPECT_NE(testing::ErrorsOf(both).find("gets its weight from its parent's 'weights'"), std::string::npos);
}

TEST(DerivedWeights, InconsistentAhpIsAnErrorUnlessAccepted) {
  // 1 beats 2 nine times, 2 beats 3 nine times, 3 beats 1 nine times: CR far above 0.1.
  std::string text = R"(format: makerscore/1
id: c
title: 不一致
fields: [{id: a, name: 甲}]
weights: {method: ahp, matrix: [[1, 9, 1/9], [1/9, 1, 9], [9, 1/9, 1]]}
indicators:
  - {id: A, name: 甲, value: a, score: {method: minmax}}
  - {id: B, name: 乙, value: a, score: {method: minmax}}
  - {id: C, name: 丙, value: a, score: {method: minmax}}
)";
  EXPECT_NE(testing::ErrorsOf(text).find("the comparisons are inconsistent: CR ="), std::string::npos);
  text.replace(text.find("1]]}"), 4, "1]], accept_inconsistent: true}");
  RuleSet r = testing::RulesFromText(text);
  EXPECT_TRUE(r.weights.has_value());
}

}  // namespace
}  // namespace makerscore

namespace makerscore {
namespace {

TEST(Cilos, ByHandAfterZavadskasAndPodvezko2016) {
  // Zavadskas & Podvezko 2016 (IJITDM 15(2)), the CILOS steps by hand on three entities, three children:
  //   x = [10 1 2; 5 4 1; 2 2 4]. The best at each child: rows 1, 2, 3, so A = x (diagonal 10, 4, 4).
  //   P = (a_jj - a_kj) / a_jj = [0 .75 .5; .5 0 .75; .8 .5 0]; column sums 1.3, 1.25, 1.25.
  //   F = [-1.3 .75 .5; .5 -1.25 .75; .8 .5 -1.25]. With q3 = 1, rows 1 and 2 give q2 = 0.98, q1 = 0.95
  //   (row 3: 0.76 + 0.49 - 1.25 = 0); scaled to add up: 0.95 / 2.93, 0.98 / 2.93, 1 / 2.93.
  Eigen::MatrixXd x(3, 3);
  x << 10, 1, 2, 5, 4, 1, 2, 2, 4;
  Eigen::VectorXd w = DataWeights(DataWeighting::kCilos, x);
  EXPECT_NEAR(w[0], 0.95 / 2.93, 1e-12);
  EXPECT_NEAR(w[1], 0.98 / 2.93, 1e-12);
  EXPECT_NEAR(w[2], 1.00 / 2.93, 1e-12);
  // Two children: F q = 0 gives q1 / q2 = p12 / p21. x = [10 1; 5 4]: p12 = 3/4, p21 = 1/2: 0.6 and 0.4.
  Eigen::MatrixXd y(2, 2);
  y << 10, 1, 5, 4;
  Eigen::VectorXd v = DataWeights(DataWeighting::kCilos, y);
  EXPECT_NEAR(v[0], 0.6, 1e-12);
  EXPECT_NEAR(v[1], 0.4, 1e-12);
}

TEST(Cilos, UndeterminedWeightsAreRefused) {
  // One entity best at both children loses nothing: P = 0, every q solves F q = 0.
  Eigen::MatrixXd x(2, 2);
  x << 4, 4, 1, 2;
  EXPECT_THROW_WITH(DataWeights(DataWeighting::kCilos, x), Error, "CILOS weights are not determined");
}

TEST(Idocriw, EntropyTimesCilos) {
  // IDOCRIW (Zavadskas & Podvezko 2016): w_j = q_j W_j / sum q W. With x = [10 1; 5 4] the CILOS weights
  // are 0.6, 0.4 (above); the entropy weights by hand: p = 2/3, 1/3 and 1/5, 4/5;
  //   e1 = -(2/3 ln 2/3 + 1/3 ln 1/3) / ln 2 = 0.918296, e2 = -(0.2 ln 0.2 + 0.8 ln 0.8) / ln 2 = 0.721928;
  //   1 - e = 0.081704, 0.278072. IDOCRIW: 0.6 x 0.081704 = 0.049022 and 0.4 x 0.278072 = 0.111229.
  Eigen::MatrixXd y(2, 2);
  y << 10, 1, 5, 4;
  Eigen::VectorXd w = DataWeights(DataWeighting::kIdocriw, y);
  const double e1 = 1 + (2.0 / 3 * std::log(2.0 / 3) + 1.0 / 3 * std::log(1.0 / 3)) / std::log(2.0);
  const double e2 = 1 + (0.2 * std::log(0.2) + 0.8 * std::log(0.8)) / std::log(2.0);
  EXPECT_NEAR(w[0], 0.6 * e1 / (0.6 * e1 + 0.4 * e2), 1e-12);
  EXPECT_NEAR(w[1], 0.4 * e2 / (0.6 * e1 + 0.4 * e2), 1e-12);
  EXPECT_NEAR(w[0], 0.049022 / (0.049022 + 0.111229), 1e-5);
}

}  // namespace
}  // namespace makerscore

namespace makerscore {
namespace {

TEST(RandomIndex, SaatyOrAlonsoAndLamata) {
  // Alonso & Lamata 2006 (IJUFKS 14(4)), Table 3: RI 0.5245 for n = 3, 0.8815 for 4, 1.5838 for 15;
  // Saaty 1980: 0.58, 0.90, 1.59.
  EXPECT_DOUBLE_EQ(RandomIndex(3), 0.58);
  EXPECT_DOUBLE_EQ(RandomIndex(3, RandomIndexTable::kAlonsoLamata), 0.5245);
  EXPECT_DOUBLE_EQ(RandomIndex(4, RandomIndexTable::kAlonsoLamata), 0.8815);
  EXPECT_DOUBLE_EQ(RandomIndex(15, RandomIndexTable::kAlonsoLamata), 1.5838);
  EXPECT_DOUBLE_EQ(RandomIndex(15), 1.59);
  // The same judgments: the CI is the table's own, the CR divides it by the table's RI.
  Eigen::MatrixXd a(3, 3);
  a << 1, 3, 5, 1.0 / 3, 1, 3, 1.0 / 5, 1.0 / 3, 1;
  AhpResult saaty = Ahp({a});
  AhpResult al = Ahp({a}, AhpPriority::kEigenvector, AhpCombine::kJudgments, RandomIndexTable::kAlonsoLamata);
  EXPECT_DOUBLE_EQ(saaty.ci, al.ci);
  EXPECT_NEAR(saaty.cr, saaty.ci / 0.58, 1e-15);
  EXPECT_NEAR(al.cr, al.ci / 0.5245, 1e-15);
}

TEST(RandomIndex, TheRuleFileChoosesTheTableAndOutputsNameIt) {
  const std::string rules = R"(format: makerscore/1
id: ri
title: 随机一致性指标
weighting: relative
fields: [{id: a, name: 甲}, {id: b, name: 乙}, {id: c, name: 丙}]
weights:
  method: ahp
  random_index: alonso_lamata
  matrix: [[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]]
indicators:
  - {id: A, name: 甲, value: a, score: {method: minmax}}
  - {id: B, name: 乙, value: b, score: {method: minmax}}
  - {id: C, name: 丙, value: c, score: {method: minmax}}
)";
  Model m = Model::Compile(testing::RulesFromText(rules));
  EXPECT_EQ(m.nodes()[0].random_index, RandomIndexTable::kAlonsoLamata);
  EXPECT_THAT_CONTAINS(FormatWeights(m), "RI of Alonso & Lamata 2006");
  std::string bad = rules;
  bad.replace(bad.find("alonso_lamata"), 13, "alonso");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(bad), "'random_index' must be one of saaty, alonso_lamata, not 'alonso'");
}

}  // namespace
}  // namespace makerscore

namespace makerscore {
namespace {

TEST(Critic, PearsonOrSpearmanByHand) {
  // Four entities, three children: c1 = 1 2 3 4, c2 = 1 2 3 10 (rising with c1, not in a line),
  // c3 = 4 3 2 1. SDs (n - 1): sqrt(5/3), sqrt(50/3), sqrt(5/3).
  // Pearson: r12 = 14 / sqrt(5 x 50) = 0.885438, r13 = -1, r23 = -r12:
  //   C = sd1 (0 + 1 - r12 + 2), sd2 (1 - r12 + 0 + 1 + r12), sd3 (2 + 1 + r12 + 0).
  // Spearman (ranks 1 2 3 4, 1 2 3 4, 4 3 2 1): r12 = 1, r13 = r23 = -1: C = 2 sd1, 2 sd2, 4 sd3.
  Eigen::MatrixXd x(4, 3);
  x << 1, 1, 4, 2, 2, 3, 3, 3, 2, 4, 10, 1;
  const double sd1 = std::sqrt(5.0 / 3), sd2 = std::sqrt(50.0 / 3), r12 = 14 / std::sqrt(250.0);
  Eigen::Vector3d pearson(sd1 * (3 - r12), sd2 * 2, sd1 * (3 + r12));
  Eigen::Vector3d spearman(2 * sd1, 2 * sd2, 4 * sd1);
  pearson /= pearson.sum();
  spearman /= spearman.sum();
  EXPECT_TRUE(DataWeights(DataWeighting::kCritic, x).isApprox(pearson, 1e-12));
  DerivedWeights how;
  how.correlation = Correlation::kSpearman;
  EXPECT_TRUE(DataWeights(DataWeighting::kCritic, x, how).isApprox(spearman, 1e-12));
}

TEST(Critic, CorrelationIsForCriticOnly) {
  const std::string rules = R"(format: makerscore/1
id: c
title: 相关系数
weighting: relative
fields: [{id: a, name: 甲}, {id: b, name: 乙}]
weights: {method: entropy, correlation: spearman}
indicators:
  - {id: A, name: 甲, value: a, score: {method: minmax}}
  - {id: B, name: 乙, value: b, score: {method: minmax}}
)";
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(rules), "'correlation' is for 'method: critic'");
  std::string critic = rules;
  critic.replace(critic.find("entropy"), 7, "critic");
  Model m = Model::Compile(testing::RulesFromText(critic));
  ASSERT_NE(m.nodes()[0].weights, nullptr);
  EXPECT_EQ(m.nodes()[0].weights->correlation, Correlation::kSpearman);
}

}  // namespace
}  // namespace makerscore

namespace makerscore {
namespace {

// Zavadskas, E. K. & Podvezko, V. (2016), "Integrated determination of objective criteria weights in MCDM",
// International Journal of Information Technology & Decision Making 15(2), 267-283: four alternatives,
// four criteria, the first and third costs (the decision matrix as pymcdm's tests quote it). Printed: the
// entropy weights 0.1146, 0.1981, 0.4185, 0.2689; CILOS 0.3343, 0.2199, 0.1957, 0.2501 (from the costs
// turned into min / x); IDOCRIW 0.1658, 0.1886, 0.3546, 0.2911.
const char* kZavadskasPodvezko = R"(format: makerscore/1
id: zp
title: Zavadskas & Podvezko 2016
weighting: relative
fields: [{id: c1, name: c1}, {id: c2, name: c2}, {id: c3, name: c3}, {id: c4, name: c4}]
weights: {method: METHOD, over: values}
indicators:
  - {id: C1, name: c1, value: c1, score: {method: minmax, direction: lower}}
  - {id: C2, name: c2, value: c2, score: {method: minmax}}
  - {id: C3, name: c3, value: c3, score: {method: minmax, direction: lower}}
  - {id: C4, name: c4, value: c4, score: {method: minmax}}
)";

std::vector<double> ZavadskasPodvezkoShares(const std::string& method) {
  std::string text = kZavadskasPodvezko;
  text.replace(text.find("METHOD"), 6, method);
  Model m = Model::Compile(testing::RulesFromText(text));
  auto data = std::make_shared<Dataset>(ParseDatasetCsv(
      "id,c1,c2,c3,c4\nA1,3,100,10,7\nA2,2.5,80,8,5\nA3,1.8,50,20,11\nA4,2.2,70,12,9\n", m.rules(), "zp.csv"));
  const Result r = Score(m, data);
  std::vector<double> out;
  for (const char* id : {"C1", "C2", "C3", "C4"}) out.push_back(r.shares()[m.FindNode(id)]);
  return out;
}

TEST(Published, ZavadskasPodvezko2016EntropyCilosIdocriwOverValues) {
  // Entropy and CILOS to the 4 printed decimals. The paper's IDOCRIW multiplies those rounded weights:
  // 0.1146 x 0.3343 = 0.038311, 0.1981 x 0.2199 = 0.043562, 0.4185 x 0.1957 = 0.081900, 0.2689 x 0.2501
  // = 0.067252, over their sum 0.231025: 0.1658, 0.1886, 0.3545, 0.2911. From the unrounded weights the
  // middle two come out 0.18852 and 0.35454: the printed figures hold to 3 decimals (as pymcdm checks them).
  const std::vector<std::tuple<std::string, std::vector<double>, double>> printed = {
      {"entropy", {0.1146, 0.1981, 0.4185, 0.2689}, 0.5e-4},
      {"cilos", {0.3343, 0.2199, 0.1957, 0.2501}, 0.5e-4},
      {"idocriw", {0.1658, 0.1886, 0.3546, 0.2911}, 0.5e-3}};
  for (const auto& [method, weights, tolerance] : printed) {
    const std::vector<double> got = ZavadskasPodvezkoShares(method);
    for (size_t j = 0; j < 4; ++j) EXPECT_NEAR(got[j], weights[j], tolerance + 1e-12) << method << " C" << j + 1;
  }
  EXPECT_NEAR(0.038311 / 0.231025, 0.1658, 0.5e-4);  // the paper's arithmetic, as above
  EXPECT_NEAR(0.081900 / 0.231025, 0.3545, 0.5e-4);
  // The C++ API: the same from the matrix and the directions.
  Eigen::MatrixXd x(4, 4);
  x << 3, 100, 10, 7, 2.5, 80, 8, 5, 1.8, 50, 20, 11, 2.2, 70, 12, 9;
  const Eigen::VectorXd w = DataWeightsOfValues(DataWeighting::kIdocriw, x, {1, 0, 1, 0});
  EXPECT_NEAR(w[2], 0.3546, 0.5e-3);
  EXPECT_NEAR(w.sum(), 1, 1e-12);
}

TEST(DerivedWeights, OverValuesIsCheckedAndExplained) {
  std::string text = kZavadskasPodvezko;
  text.replace(text.find("METHOD"), 6, "critic");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(text),
                       "'over: values' is for the weightings the papers compute from "
                       "values: entropy, cilos, idocriw and merec, not critic");
  // A cost child with a value of 0 cannot be turned into min / x: refused with the reason.
  text = kZavadskasPodvezko;
  text.replace(text.find("METHOD"), 6, "cilos");
  Model m = Model::Compile(testing::RulesFromText(text));
  auto data =
      std::make_shared<Dataset>(ParseDatasetCsv("id,c1,c2,c3,c4\nA1,0,100,10,7\nA2,2.5,80,8,5\n", m.rules(), "z.csv"));
  EXPECT_THROW_WITH(Score(m, data), Error, "is better when lower and has a value of 0 or less");
  text = kZavadskasPodvezko;
  text.replace(text.find("METHOD"), 6, "entropy");
  m = Model::Compile(testing::RulesFromText(text));
  data =
      std::make_shared<Dataset>(ParseDatasetCsv("id,c1,c2,c3,c4\nA1,3,100,10,7\nA2,2.5,80,8,5\n", m.rules(), "z.csv"));
  EXPECT_THAT_CONTAINS(Explain(Score(m, data), "A1"), "weights derived by entropy from the cohort's values");
}

}  // namespace
}  // namespace makerscore
