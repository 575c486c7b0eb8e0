// Uncertainty and sensitivity analysis against analytic cases.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>

#include "test_util.h"

namespace makerscore {
namespace {

// Two indicators of 50 points each, scored 0..1 by goalposts; the
// uncertainty section is appended by each test.
std::string Rules(const std::string& uncertainty) {
  return R"(format: makerscore/1
id: u
title: 不确定性
fields: [{id: a, name: 甲}, {id: b, name: 乙}]
indicators:
  - {id: A, name: 甲, weight: 50, value: a, score: {method: goalposts, low: 0, high: 10}}
  - {id: B, name: 乙, weight: 50, value: b, score: {method: goalposts, low: 0, high: 10}}
grades: [{grade: 优, min: 60}, {grade: 良, min: 0}]
uncertainty:
)" + uncertainty;
}

struct Cohort {
  Model model;
  std::shared_ptr<Dataset> data;
};

Cohort Make(const std::string& uncertainty, const std::string& csv) {
  Model m = Model::Compile(testing::RulesFromText(Rules(uncertainty)));
  return {m, std::make_shared<Dataset>(ParseDatasetCsv(csv, m.rules(), "d.csv"))};
}

// Three inputs drawn n times each for two sample matrices A and B, uniform on [low, high), and f run on A,
// on B and on A with column i from B: the estimators' inputs (Saltelli et al. 2010's pick-freeze design).
template <typename F>
std::vector<SensitivityIndex> PickFreeze(int n, double low, double high, std::uint64_t seed, const F& f) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> draw(low, high);
  Eigen::MatrixXd a(n, 3), b(n, 3);
  for (int j = 0; j < n; ++j) {
    for (int k = 0; k < 3; ++k) a(j, k) = draw(rng), b(j, k) = draw(rng);
  }
  Eigen::VectorXd fa(n), fb(n);
  std::vector<Eigen::VectorXd> fab(3, Eigen::VectorXd(n));
  for (int j = 0; j < n; ++j) {
    fa[j] = f(a.row(j));
    fb[j] = f(b.row(j));
    for (int i = 0; i < 3; ++i) {
      Eigen::RowVectorXd x = a.row(j);
      x[i] = b(j, i);
      fab[i][j] = f(x);
    }
  }
  return EstimateSobolIndices(fa, fb, fab, 200, 1);
}

TEST(Sobol, LinearModelWithKnownIndices) {
  // Y = X1 + 2 X2 (+ 0 X3) with independent uniform X: V(Y) = 1/12 + 4/12, so S1 = ST1 = 1/5,
  // S2 = ST2 = 4/5, S3 = ST3 = 0 (Saltelli et al. 2010, the additive case).
  const std::vector<SensitivityIndex> s =
      PickFreeze(20000, 0, 1, 7, [](const Eigen::RowVectorXd& x) { return x[0] + 2 * x[1]; });
  EXPECT_NEAR(s[0].first_order, 0.2, 0.03);
  EXPECT_NEAR(s[0].total_effect, 0.2, 0.03);
  EXPECT_NEAR(s[1].first_order, 0.8, 0.03);
  EXPECT_NEAR(s[1].total_effect, 0.8, 0.03);
  EXPECT_NEAR(s[2].first_order, 0, 0.03);
  EXPECT_EQ(s[2].total_effect, 0);  // A_B with X3 changed gives exactly f(A)
  EXPECT_LE(s[1].first_low, s[1].first_order);
  EXPECT_GE(s[1].first_high, s[1].first_order);
  EXPECT_LT(s[1].first_high - s[1].first_low, 0.1);
}

TEST(Sobol, IshigamiFunctionsPublishedIndices) {
  // The Ishigami function Y = sin X1 + 7 sin^2 X2 + 0.1 X3^4 sin X1, X uniform on [-pi, pi]^3, with a = 7,
  // b = 0.1 (Ishigami & Homma 1990; Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, 4.2 and
  // table 4.1 give the analytic indices): S1 = 0.3139, S2 = 0.4424, S3 = 0; ST1 = 0.5576, ST2 = 0.4424,
  // ST3 = 0.2437. Janon's first-order and Jansen's total-effect estimators on 100,000 samples.
  const double pi = 3.14159265358979323846;
  const std::vector<SensitivityIndex> s = PickFreeze(100000, -pi, pi, 11, [](const Eigen::RowVectorXd& x) {
    return std::sin(x[0]) + 7 * std::pow(std::sin(x[1]), 2) + 0.1 * std::pow(x[2], 4) * std::sin(x[0]);
  });
  EXPECT_NEAR(s[0].first_order, 0.3139, 0.01);
  EXPECT_NEAR(s[1].first_order, 0.4424, 0.01);
  EXPECT_NEAR(s[2].first_order, 0.0, 0.01);
  EXPECT_NEAR(s[0].total_effect, 0.5576, 0.01);
  EXPECT_NEAR(s[1].total_effect, 0.4424, 0.01);
  EXPECT_NEAR(s[2].total_effect, 0.2437, 0.01);
  // The intervals hold the published values, for the first order too.
  EXPECT_LE(s[0].first_low, 0.3139);
  EXPECT_GE(s[0].first_high, 0.3139);
  EXPECT_LE(s[2].total_low, 0.2437);
  EXPECT_GE(s[2].total_high, 0.2437);
}

TEST(Uncertainty, SymmetricWeightsGiveEvenOdds) {
  // X has a = 10, b = 0; Y the reverse. With the two shares multiplied by independent uniform factors,
  // X ranks first exactly when A's factor exceeds B's: probability 1/2 by symmetry. Its total,
  // 100 x w_A, is 优 (>= 60) when w_A >= 0.6, i.e. f_A / (f_A + f_B) >= 0.6 with f uniform on [0.5, 1.5]:
  // f_A >= 1.5 f_B (worked out below). The replications draw from 1000 weight sets, so the shares
  // carry a sampling error of about 0.016: the tolerances are 2 of those.
  Cohort s = Make("  weights: {noise: 0.5}\n  replications: 4000\n", "id,a,b\nX,10,0\nY,0,10\n");
  UncertaintyResult r = AnalyseUncertainty(s.model, s.data, nullptr, nullptr, *s.model.rules().uncertainty);
  ASSERT_EQ(r.inputs, std::vector<std::string>{"weights"});
  const EntityUncertainty& x = r.entities[0];
  EXPECT_EQ(x.nominal_rank, 1);  // 50 = 50 nominally: X and Y tie at rank 1
  double first = 0;
  for (int k = 0; k < r.ranks.rows(); ++k) first += r.ranks(k, 0) == 1;
  EXPECT_NEAR(first / r.ranks.rows(), 0.5, 0.03);
  // P(f_A >= 1.5 f_B) for f_A, f_B uniform on [0.5, 1.5]: f_B must be <= 1, and for f_B = t the chance
  // is (1.5 - 1.5t) / 1; integrating over t in [0.5, 1]: 1.5 x (0.5 - (1 - 0.25) / 2) = 0.1875.
  EXPECT_NEAR(x.grade_probability[0], 0.1875, 0.03);
  EXPECT_NEAR(x.grade_probability[0] + x.grade_probability[1] + x.grade_probability[2], 1, 1e-9);
  // The rank percentiles are the type-7 quantiles of the replications' ranks, worked out here by sorting.
  for (int i = 0; i < 2; ++i) {
    std::vector<double> ranks;
    for (int k = 0; k < r.ranks.rows(); ++k) ranks.push_back(r.ranks(k, i));
    std::sort(ranks.begin(), ranks.end());
    auto quantile = [&](double p) {
      const double h = (ranks.size() - 1) * p;
      const size_t lo = static_cast<size_t>(h);
      return ranks[lo] + (h - lo) * (ranks[std::min(lo + 1, ranks.size() - 1)] - ranks[lo]);
    };
    EXPECT_DOUBLE_EQ(r.entities[i].rank_p05, quantile(0.05));
    EXPECT_DOUBLE_EQ(r.entities[i].median_rank, quantile(0.5));
    EXPECT_DOUBLE_EQ(r.entities[i].rank_p95, quantile(0.95));
  }
}

TEST(Uncertainty, APerturbationThatCannotChangeRanksGivesZeroWidthIntervals) {
  // X beats Y beats Z on both indicators: no weights and no method can reorder them.
  Cohort s = Make(R"(  weights: {noise: 0.6}
  methods:
    - {indicator: A, alternatives: [{method: minmax}, {method: percentile}, {method: distance_to_best}]}
  replications: 500
)",
                  "id,a,b\nX,9,8\nY,5,4\nZ,1,2\n");
  UncertaintyResult r = AnalyseUncertainty(s.model, s.data, nullptr, nullptr, *s.model.rules().uncertainty);
  ASSERT_EQ(r.inputs.size(), 2u);
  EXPECT_EQ(r.inputs[0], "method of A");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(r.entities[i].rank_p05, i + 1);
    EXPECT_EQ(r.entities[i].rank_p95, i + 1);
    EXPECT_EQ(r.entities[i].median_rank, i + 1);
  }
  SensitivityResult sens = AnalyseSensitivity(s.model, s.data, nullptr, nullptr, *s.model.rules().uncertainty,
                                              {200, std::nullopt, 0, nullptr}, 100);
  EXPECT_EQ(sens.output_variance, 0);
  EXPECT_EQ(sens.runs, 200 * 4);
  for (const auto& index : sens.indices) EXPECT_EQ(index.total_effect, 0);
}

TEST(Uncertainty, SensitivityFindsTheInputThatMatters) {
  // X = 100 w_A, Y = 100 (1 - w_A), Z = 100 (0.5 w_A + 0.4 w_B) = 40 + 10 w_A: the weights reorder all
  // three (nominally X and Y tie at 50, Z is third with 45). On A (10, 0, 5) minmax and percentile both
  // give 1, 0, 0.5, so the method cannot matter: its total effect is exactly 0.
  Cohort s = Make(R"(  weights: {noise: 0.5}
  methods:
    - {indicator: A, alternatives: [{method: minmax}, {method: percentile}]}
)",
                  "id,a,b\nX,10,0\nY,0,10\nZ,5,4\n");
  SensitivityResult sens =
      AnalyseSensitivity(s.model, s.data, nullptr, nullptr, *s.model.rules().uncertainty, {2000, 3, 0, nullptr}, 200);
  ASSERT_EQ(sens.indices.size(), 2u);
  EXPECT_EQ(sens.indices[1].input, "weights");
  EXPECT_GT(sens.output_variance, 0);
  EXPECT_GT(sens.indices[1].total_effect, 0.8);
  EXPECT_EQ(sens.indices[0].total_effect, 0);
  // The convergence check: the weights' indices from 1000 and 2000 base samples agree within 0.05, and
  // what the check compares is reported.
  EXPECT_TRUE(sens.converged) << sens.largest_change;
  EXPECT_LE(sens.largest_change, 0.05);
  EXPECT_NEAR(sens.indices[1].total_effect_half, sens.indices[1].total_effect, 0.05);
  EXPECT_EQ(sens.indices[0].total_effect_half, 0);
  // Three base samples cannot be checked against one and a half: not converged, said so.
  const SensitivityResult few =
      AnalyseSensitivity(s.model, s.data, nullptr, nullptr, *s.model.rules().uncertainty, {3, 3, 0, nullptr}, 10);
  EXPECT_FALSE(few.converged);
  EXPECT_TRUE(std::isinf(few.largest_change));
  EXPECT_THAT_CONTAINS(FormatSensitivity(few), "NOT converged: too few base samples to check");
  EXPECT_THAT_CONTAINS(FormatSensitivity(sens),
                       "converged: every index is within 0.05 of its value from the "
                       "first 1000 base samples");
}

TEST(Uncertainty, TheSameSeedGivesTheSameBitsOnOneAndTwoThreads) {
  Cohort s = Make(R"(  weights: {distribution: dirichlet, concentration: 20}
  methods:
    - {indicator: B, alternatives: [{method: minmax}, {method: percentile}]}
  missing: [zero, mean]
  seed: 11
  replications: 300
)",
                  "id,a,b\nX,10,0\nY,0,10\nZ,5,5\nW,7,\nV,3,6\n");
  const UncertainInputs& u = *s.model.rules().uncertainty;
  UncertaintyResult one = AnalyseUncertainty(s.model, s.data, nullptr, nullptr, u, {std::nullopt, std::nullopt, 1});
  UncertaintyResult two = AnalyseUncertainty(s.model, s.data, nullptr, nullptr, u, {std::nullopt, std::nullopt, 2});
  ASSERT_EQ(one.totals.size(), two.totals.size());
  EXPECT_EQ(std::memcmp(one.totals.data(), two.totals.data(), sizeof(double) * one.totals.size()), 0);
  EXPECT_EQ(std::memcmp(one.ranks.data(), two.ranks.data(), sizeof(int) * one.ranks.size()), 0);
  // Another seed gives other draws.
  UncertaintyResult other = AnalyseUncertainty(s.model, s.data, nullptr, nullptr, u, {std::nullopt, 12, 2});
  EXPECT_NE(std::memcmp(one.totals.data(), other.totals.data(), sizeof(double) * one.totals.size()), 0);
}

TEST(Uncertainty, TheSectionInARuleFileAndInItsOwnFile) {
  // tests/data/guangxi-with-uncertainty.yaml is the Guangxi rule file with
  // examples/data/guangxi-uncertainty.yaml as its section (also a seed of the rule-file fuzzer).
  const std::string root = MAKERSCORE_SOURCE_DIR;
  RuleSet inline_section = LoadRulesOrThrow(root + "/tests/data/guangxi-with-uncertainty.yaml");
  LoadResult own_file =
      LoadRulesWithInputs(root + "/rules/guangxi-2019.yaml", root + "/examples/data/guangxi-uncertainty.yaml");
  ASSERT_TRUE(own_file.ok()) << own_file.diagnostics.ToString();
  for (const RuleSet* r : {&inline_section, &*own_file.rules}) {
    ASSERT_TRUE(r->uncertainty.has_value());
    const UncertainInputs& u = *r->uncertainty;
    EXPECT_EQ(u.replications, 1000);
    EXPECT_EQ(u.seed, 2019u);
    EXPECT_DOUBLE_EQ(u.weight_noise, 0.25);
    ASSERT_EQ(u.methods.size(), 3u);
    EXPECT_EQ(u.methods[1].indicator, "3.3");
    EXPECT_EQ(u.methods[1].alternatives[1].method, "percentile");
    EXPECT_EQ(u.missing, (std::vector<MissingPolicy>{MissingPolicy::kZero, MissingPolicy::kMedian}));
    EXPECT_EQ(u.panel, UncertainInputs::Panel::kBootstrap);
  }
}

TEST(Uncertainty, AggregationsOverTheCohortAsAlternatives) {
  // A group G (100 points) of A and B, weighted equally, by the arithmetic mean or by TOPSIS (its default
  // options: vector normalisation, the cohort's ideal). Scores by goalposts 0..10: X (1, 0), Y (0.45, 0.45),
  // Z (0, 0.1). Arithmetic: X 50, Y 45, Z 5. TOPSIS by hand: the column norms are sqrt(1 + 0.45^2) =
  // 1.096586 and sqrt(0.45^2 + 0.1^2) = 0.460977, so r = (0.911922, 0.410365, 0) and (0, 0.976187,
  // 0.216930); ideal (0.911922, 0.976187), anti-ideal (0, 0). With the weights 1/2:
  //   X: D+ = 0.5 x 0.976187 = 0.488094, D- = 0.5 x 0.911922 = 0.455961, closeness 0.482982
  //   Y: D+ = 0.5 x 0.501557 = 0.250779, D- = 0.5 x sqrt(0.410365^2 + 0.976187^2) = 0.529473, 0.678581
  //   Z: D+ = 0.5 x sqrt(0.911922^2 + 0.759257^2) = 0.593327, D- = 0.5 x 0.216930 = 0.108465, 0.154557
  // so TOPSIS ranks Y first where the mean ranks X first, and Y is 优 (>= 60) only under TOPSIS.
  Model m = Model::Compile(testing::RulesFromText(R"(format: makerscore/1
id: u
title: 不确定性
fields: [{id: a, name: 甲}, {id: b, name: 乙}]
indicators:
  - id: G
    name: 组
    weight: 100
    children:
      - {id: A, name: 甲, weight: 50, value: a, score: {method: goalposts, low: 0, high: 10}}
      - {id: B, name: 乙, weight: 50, value: b, score: {method: goalposts, low: 0, high: 10}}
grades: [{grade: 优, min: 60}, {grade: 良, min: 0}]
uncertainty:
  aggregation: [{indicator: G, alternatives: [arithmetic, topsis]}]
  replications: 2000
)"));
  auto data = std::make_shared<Dataset>(ParseDatasetCsv("id,a,b\nX,10,0\nY,4.5,4.5\nZ,0,1\n", m.rules(), "d.csv"));
  UncertaintyResult r = AnalyseUncertainty(m, data, nullptr, nullptr, *m.rules().uncertainty);
  ASSERT_EQ(r.inputs, std::vector<std::string>{"aggregation of G"});
  const double mean[] = {50, 45, 5}, topsis[] = {48.2982, 67.8581, 15.4557};
  int by_topsis = 0;
  for (int k = 0; k < r.totals.rows(); ++k) {
    const bool t = std::fabs(r.totals(k, 1) - topsis[1]) < 1e-3;
    by_topsis += t;
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(r.totals(k, i), t ? topsis[i] : mean[i], 1e-3) << k << " " << i;
    EXPECT_EQ(r.ranks(k, 0), t ? 2 : 1);
    EXPECT_EQ(r.ranks(k, 2), 3);
  }
  // Each replication picks one of the two at random: about half each (SD of the share 0.011).
  EXPECT_NEAR(by_topsis / static_cast<double>(r.totals.rows()), 0.5, 0.04);
  EXPECT_NEAR(r.entities[1].grade_probability[0], by_topsis / static_cast<double>(r.totals.rows()), 1e-12);
}

TEST(Uncertainty, RuleFileChecks) {
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("  methods:\n    - {indicator: C, alternatives: [{method: minmax}]}\n")),
                       "'C' is not a quantitative indicator of the tree");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("  methods:\n    - {indicator: A, alternatives: [{method: zscore}]}\n")),
                       "alternative 1 of the method of A does not work: 'zscore' scores are not bounded");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("  missing: [zero, average]\n")),
                       "'average' is not a missing-data policy");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("  weights: {noise: 1.5}\n")),
                       "'noise' must be at least 0 and less than 1");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(Rules("  winsorisation: [1, 3]\n")), "need the rule set's 'outliers:'");
  Cohort s = Make("  replications: 10\n", "id,a,b\nX,1,2\n");
  EXPECT_THROW_WITH(AnalyseUncertainty(s.model, s.data, nullptr, nullptr, *s.model.rules().uncertainty), Error,
                    "nothing varies");
}

}  // namespace
}  // namespace makerscore
