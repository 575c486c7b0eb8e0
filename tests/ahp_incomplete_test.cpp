// Incomplete AHP comparison matrices (Bozóki, Fülöp & Rónyai 2010): the optimal completion and the
// logarithmic least squares weights against the paper's example, hand calculations and the coincidence
// of the two for four children; group judgments; the rule file's ~ cells, outputs and refusals.
#include <cmath>

#include "makerscore/present.h"
#include "test_util.h"
#include "weights/incomplete.h"

namespace makerscore {
namespace {

constexpr double kNot = std::numeric_limits<double>::quiet_NaN();  // a comparison not made

using testing::M;

double LambdaMax(const Eigen::MatrixXd& a) { return Ahp({a}).lambda_max; }

TEST(IncompleteAhp, BozokiFulopRonyai2010Example3) {
  // S. Bozóki, J. Fülöp, L. Rónyai (2010), "On optimal completion of incomplete pairwise comparison
  // matrices", Mathematical and Computer Modelling 52:318-333, Example 3: one comparison (a34 = x) not
  // made; the lambda_max-optimal x is 0.7302965 as quoted from the paper in multiAHPy's tests.
  const Eigen::MatrixXd a = M({{1, 1, 5, 2}, {1, 1, 3, 4}, {1.0 / 5, 1.0 / 3, 1, kNot}, {1.0 / 2, 1.0 / 4, kNot, 1}});
  const Eigen::MatrixXd c = detail::OptimalCompletion(a);
  EXPECT_NEAR(c(2, 3), 0.7302965, 1e-6);
  EXPECT_NEAR(c(3, 2), 1 / c(2, 3), 1e-12);
  // Optimal: moving x by 1% either way raises lambda_max.
  for (double f : {0.99, 1.01}) {
    Eigen::MatrixXd moved = c;
    moved(2, 3) *= f;
    moved(3, 2) = 1 / moved(2, 3);
    EXPECT_GT(LambdaMax(moved), LambdaMax(c)) << f;
  }
  // Ahp() on the incomplete matrix: the completion's eigenvector and lambda_max, one comparison missing.
  const AhpResult r = Ahp({a});
  const AhpResult full = Ahp({c});
  EXPECT_EQ(r.missing, 1);
  EXPECT_NEAR(r.lambda_max, full.lambda_max, 1e-9);
  for (int j = 0; j < 4; ++j) EXPECT_NEAR(r.weights[j], full.weights[j], 1e-9) << j;
}

TEST(IncompleteAhp, ATreeOfComparisonsIsCompletedConsistently) {
  // Three children, a13 not made: the consistent completion a13 = a12 a23 = 6 gives lambda_max = 3 (CR
  // 0), and the weights are (a12 a23, a23, 1) / (6 + 3 + 1) by both methods.
  const Eigen::MatrixXd a = M({{1, 2, kNot}, {1.0 / 2, 1, 3}, {kNot, 1.0 / 3, 1}});
  EXPECT_NEAR(detail::OptimalCompletion(a)(0, 2), 6, 1e-10);
  for (AhpPriority p : {AhpPriority::kEigenvector, AhpPriority::kGeometricMean}) {
    const AhpResult r = Ahp({a}, p);
    EXPECT_NEAR(r.weights[0], 0.6, 1e-10);
    EXPECT_NEAR(r.weights[1], 0.3, 1e-10);
    EXPECT_NEAR(r.weights[2], 0.1, 1e-10);
    EXPECT_NEAR(r.lambda_max, 3, 1e-9);
    EXPECT_NEAR(r.cr, 0, 1e-9);
  }
}

TEST(IncompleteAhp, LlsmSharesACyclesErrorEqually) {
  // Four children; comparisons a12 = 2, a23 = 3, a13 = 5, a34 = 4 (a14, a24 not made). The pendant 4 fits
  // exactly: w3 / w4 = 4. The triangle 1-2-3 disagrees by ln(2 x 3 / 5) = ln 1.2, which least squares
  // spreads equally over its three comparisons: w1 / w2 = 2 / 1.2^(1/3), w2 / w3 = 3 / 1.2^(1/3),
  // w1 / w3 = 5 x 1.2^(1/3).
  const Eigen::MatrixXd a =
      M({{1, 2, 5, kNot}, {1.0 / 2, 1, 3, kNot}, {1.0 / 5, 1.0 / 3, 1, 4}, {kNot, kNot, 1.0 / 4, 1}});
  const Eigen::VectorXd w = detail::Llsm(a);
  const double k = std::cbrt(1.2);
  EXPECT_NEAR(w[2] / w[3], 4, 1e-12);
  EXPECT_NEAR(w[0] / w[1], 2 / k, 1e-12);
  EXPECT_NEAR(w[1] / w[2], 3 / k, 1e-12);
  EXPECT_NEAR(w[0] / w[2], 5 * k, 1e-12);
  EXPECT_NEAR(w.sum(), 1, 1e-12);
  // A complete matrix: LLSM is the normalised row geometric means.
  const Eigen::MatrixXd full = M({{1, 3, 5}, {1.0 / 3, 1, 3}, {1.0 / 5, 1.0 / 3, 1}});
  const double g1 = std::cbrt(15.0), g3 = std::cbrt(1.0 / 15);
  EXPECT_NEAR(detail::Llsm(full)[0], g1 / (g1 + 1 + g3), 1e-12);
}

TEST(IncompleteAhp, FourChildrenInACycleBothMethodsCompleteAlike) {
  // Four children compared around a cycle (a13 and a24 not made): a12 = 2, a23 = 3, a34 = 5, a14 = 4.
  // By LLSM the cycle's error ln(2 x 3 x 5 / 4) spreads equally over its four comparisons, so w1 / w3
  // is the geometric mean of the two paths, sqrt(a12 a23 x a14 a43) = sqrt(6 x 4 / 5) = sqrt(4.8), and
  // w2 / w4 = sqrt(a23 a34 x a21 a14) = sqrt(15 x 2) = sqrt(30). For n = 4 the lambda_max-optimal
  // completion coincides with it (Csató, Ágoston & Bozóki 2024, "On the coincidence of optimal
  // completions for small pairwise comparison matrices with missing entries").
  const Eigen::MatrixXd a =
      M({{1, 2, kNot, 4}, {1.0 / 2, 1, 3, kNot}, {kNot, 1.0 / 3, 1, 5}, {1.0 / 4, kNot, 1.0 / 5, 1}});
  const Eigen::VectorXd w = detail::Llsm(a);
  EXPECT_NEAR(w[0] / w[2], std::sqrt(4.8), 1e-12);
  EXPECT_NEAR(w[1] / w[3], std::sqrt(30.0), 1e-12);
  const Eigen::MatrixXd c = detail::OptimalCompletion(a);
  EXPECT_NEAR(c(0, 2), std::sqrt(4.8), 1e-10);
  EXPECT_NEAR(c(1, 3), std::sqrt(30.0), 1e-10);
  // The example of Csató et al. (2024), Example 1 (a12 = 12, a14 = 14, a23 = 23, a34 = 34): the same.
  const Eigen::MatrixXd e =
      M({{1, 12, kNot, 14}, {1.0 / 12, 1, 23, kNot}, {kNot, 1.0 / 23, 1, 34}, {1.0 / 14, kNot, 1.0 / 34, 1}});
  const Eigen::VectorXd we = detail::Llsm(e);
  const Eigen::MatrixXd ce = detail::OptimalCompletion(e);
  EXPECT_NEAR(ce(0, 2) / (we[0] / we[2]), 1, 1e-10);
  EXPECT_NEAR(ce(1, 3) / (we[1] / we[3]), 1, 1e-10);
}

TEST(IncompleteAhp, ExpertsJudgmentsCombineOverThoseWhoMadeThem) {
  // Expert 1 did not compare 1 with 3; expert 2 did (8). The combined a13 is expert 2's 8 alone; a12 =
  // 2 (both), a23 = sqrt(3 x 2) (the geometric mean).
  const Eigen::MatrixXd e1 = M({{1, 2, kNot}, {1.0 / 2, 1, 3}, {kNot, 1.0 / 3, 1}});
  const Eigen::MatrixXd e2 = M({{1, 2, 8}, {1.0 / 2, 1, 2}, {1.0 / 8, 1.0 / 2, 1}});
  const double a23 = std::sqrt(6.0);
  const AhpResult combined = Ahp({e1, e2});
  const AhpResult expected = Ahp({M({{1, 2, 8}, {1.0 / 2, 1, a23}, {1.0 / 8, 1 / a23, 1}})});
  EXPECT_EQ(combined.missing, 0);
  for (int j = 0; j < 3; ++j) EXPECT_NEAR(combined.weights[j], expected.weights[j], 1e-12) << j;
  // Neither compared 3 with the others: refused.
  const Eigen::MatrixXd apart = M({{1, 2, kNot}, {1.0 / 2, 1, kNot}, {kNot, kNot, 1}});
  EXPECT_THAT_CONTAINS(CheckComparisonMatrix(apart), "do not connect child 1 with child 3");
  EXPECT_THAT_CONTAINS(CheckComparisonMatrix(M({{1, 2, kNot}, {1.0 / 2, 1, 3}, {4, 1.0 / 3, 1}})),
                       "row 1, column 3 is empty but row 3, column 1 is 4");
}

const char* kRules = R"(format: makerscore/1
id: ia
title: 不完全判断矩阵
fields: [{id: a, name: 甲}, {id: b, name: 乙}, {id: c, name: 丙}]
weights: {method: ahp, matrix: [[1, 2, ~], [1/2, 1, 3], [~, 1/3, 1]]}
indicators:
  - {id: A, name: 甲, value: a, score: {method: goalposts, low: 0, high: 10}}
  - {id: B, name: 乙, value: b, score: {method: goalposts, low: 0, high: 10}}
  - {id: C, name: 丙, value: c, score: {method: goalposts, low: 0, high: 10}}
)";

TEST(IncompleteAhp, ThroughARuleFile) {
  // The tree of TreeOfComparisons above: 60, 30 and 10 of the 100 points.
  Model m = Model::Compile(testing::RulesFromText(kRules));
  EXPECT_NEAR(m.nodes()[m.FindNode("A")].max_points, 60, 1e-8);
  EXPECT_NEAR(m.nodes()[m.FindNode("C")].max_points, 10, 1e-8);
  EXPECT_EQ(m.nodes()[0].missing_comparisons, 1);
  EXPECT_THAT_CONTAINS(FormatWeights(m), "ahp (CR 0, RI of Saaty 1980; 1 comparison not made, completed optimally)");
  std::string text = kRules;
  // null also marks a comparison not made.
  text.replace(text.find("[[1, 2, ~]"), 10, "[[1, 2, null]");
  EXPECT_NEAR(Model::Compile(testing::RulesFromText(text)).nodes()[1].max_points, 60, 1e-8);
  // Left out on one side only, or leaving a child unconnected: refused with the cells named.
  std::string one_side = kRules;
  one_side.replace(one_side.find("[~, 1/3, 1]"), 11, "[1/6, 1/3, 1]");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(one_side), "row 1, column 3 is empty but row 3, column 1 is");
  std::string apart = kRules;
  apart.replace(apart.find("[[1, 2, ~], [1/2, 1, 3], [~, 1/3, 1]]"), 37, "[[1, 2, ~], [1/2, 1, ~], [~, ~, 1]]");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(apart), "do not connect child 1 with child 3");
  std::string word = kRules;
  word.replace(word.find("[[1, 2, ~]"), 10, "[[1, 2, x]");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(word), "(or ~ for one not made), not");
}

}  // namespace
}  // namespace makerscore
