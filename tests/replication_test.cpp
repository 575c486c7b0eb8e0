// The uncertainty analysis's replications against the engine: each
// replication re-aggregates its base's leaf scores with a weight set and
// finishes as the engine does, and must give bit for bit what Score() gives
// on the replication as a rule set of its own (Replicator::VariantOf). And
// the leave-one-out panel, with numbers worked out by hand.
#include <cmath>
#include <cstring>
#include <random>

#include "generator.h"
#include "test_util.h"
#include "uncertainty/replicator.h"

namespace makerscore {
namespace {

using detail::Outcomes;
using detail::Replicator;
using testing::Generator;
using testing::Options;

constexpr int kCases = 60;         // generated rule sets
constexpr int kReplications = 12;  // replications checked per rule set

bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// `count` replications drawn as the analysis draws them: uniform numbers for each input, through Choose.
std::vector<std::vector<int>> DrawChoices(const Replicator& rep, std::uint64_t seed, int count) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<std::vector<int>> choices;
  for (int k = 0; k < count; ++k) {
    std::vector<double> u(rep.inputs().size());
    for (double& x : u) x = unit(rng);
    choices.push_back(rep.Choose(u.data()));
  }
  return choices;
}

// Inputs that vary everything the generated rule set has: the weights (uniform or Dirichlet), up to
// two leaves' methods, the missing-data policy, and the panel when some leaf is rated.
UncertainInputs InputsFor(const Generator& g, std::uint64_t seed) {
  UncertainInputs u;
  if (seed % 2) {
    u.weight_noise = 0.3;
  } else {
    u.dirichlet = true;
    u.concentration = 20;
  }
  for (size_t k = 0; k < g.quantitative().size() && k < 2; ++k) {
    UncertainInputs::Methods m{g.quantitative()[k], {}};
    for (const char* method : {"minmax", "percentile", "distance_to_best"}) {
      ScoreSpec spec;
      spec.method = method;
      m.alternatives.push_back(spec);
    }
    u.methods.push_back(m);
  }
  u.missing = {MissingPolicy::kZero, MissingPolicy::kMedian};
  if (!g.rated().empty()) {
    u.panel = seed % 3 == 0 ? UncertainInputs::Panel::kLeaveOneOut : UncertainInputs::Panel::kBootstrap;
  }
  return u;
}

TEST(Replication, EveryReplicationIsScoreOfItsVariantBitForBit) {
  int rated_cases = 0, checked = 0;
  for (std::uint64_t seed = 1; seed <= kCases; ++seed) {
    Options options{seed % 2 == 0};
    options.experts = seed % 4 == 0 ? 0 : 3 + static_cast<int>(seed % 3);
    options.grades = true;
    options.panel = seed % 5 < 2;  // authorities, the weighted mean, rated leaves' own missing policies
    Generator g(seed, options);
    const std::string yaml = g.Rules();
    const int n = g.Pick(4, 30);
    const std::string csv = g.Cohort(n);
    const std::string ratings_csv = g.Ratings(n);
    Model model = Model::Compile(testing::RulesFromText(yaml));
    Cohort cohort{std::make_shared<Dataset>(ParseDatasetCsv(csv, model.rules(), "generated.csv")), nullptr,
                  g.rated().empty() ? nullptr : std::make_shared<Ratings>(ParseRatingsCsv(ratings_csv)), nullptr};
    rated_cases += !g.rated().empty();
    const UncertainInputs inputs = InputsFor(g, seed);
    Replicator rep(model, cohort, inputs, seed);
    const std::vector<std::vector<int>> choices = DrawChoices(rep, seed, kReplications);
    rep.Prepare(choices, 1);
    for (const auto& choice : choices) {
      const Outcomes out = rep.Run(choice);
      const detail::Variant variant = rep.VariantOf(choice);
      const Result r = Score(variant.model, variant.cohort);
      for (int i = 0; i < n; ++i) {
        if (getenv("DBG") && i == 0)
          for (int k = 0; k < r.scores().cols(); ++k)
            fprintf(stderr, "score node %d: value %g used %g score %g\n", k, r.values()(0, k), r.used_values()(0, k),
                    r.scores()(0, k));
        ASSERT_TRUE(SameBits(out.totals[i], r.total(i))) << "seed " << seed << ", entity " << i << ": replication "
                                                         << out.totals[i] << ", Score() " << r.total(i) << "\n"
                                                         << yaml;
        ASSERT_EQ(out.ranks[i], r.rank(i)) << "seed " << seed << ", entity " << i;
        ASSERT_EQ(out.grades[i] < 0 ? std::string() : model.rules().grades[out.grades[i]].label, r.grade(i))
            << "seed " << seed << ", entity " << i;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, kCases * kReplications);
  EXPECT_GT(rated_cases, kCases / 2);  // the panel varied in most cases
}

// Two makerspaces, one indicator rated by three experts (mean of the ratings, 50 points) and one
// measured (goalposts 0-100, 50 points):
//   E1: A 优 (1.0), B 优 (1.0), C 差 (0.4); measured 40 -> 0.4 x 50 = 20 points
//   E2: A 良 (0.8), B 良 (0.8), C 良 (0.8); measured 50 -> 0.5 x 50 = 25 points
// The whole panel:  E1 (1 + 1 + 0.4) / 3 = 0.8 -> 40 + 20 = 60;  E2 0.8 -> 40 + 25 = 65
// Without A (or B): E1 (1 + 0.4) / 2 = 0.7 -> 35 + 20 = 55;      E2 65
// Without C:        E1 (1 + 1) / 2 = 1.0   -> 50 + 20 = 70;      E2 65
constexpr const char* kPanelRules = R"(format: makerscore/1
id: panel
title: 专家组
weighting: points
total: 100
scales:
  four:
    name: 四级
    levels: {优: 1.0, 良: 0.8, 中: 0.6, 差: 0.4}
fields:
  - {id: f, name: 数量}
indicators:
  - {id: R, name: 专家评价, weight: 50, rated: {scale: four, combine: mean}}
  - {id: Q, name: 数量, weight: 50, value: f, score: {method: goalposts, low: 0, high: 100}}
uncertainty:
  experts: leave_one_out
  replications: 300
)";

constexpr const char* kPanelRatings = R"(entity,indicator,expert,rating
E1,R,A,优
E1,R,B,优
E1,R,C,差
E2,R,A,良
E2,R,B,良
E2,R,C,良
)";

Cohort PanelCohort(const Model& model) {
  return {std::make_shared<Dataset>(ParseDatasetCsv("id,f\nE1,40\nE2,50\n", model.rules(), "panel.csv")), nullptr,
          std::make_shared<Ratings>(ParseRatingsCsv(kPanelRatings))};
}

// Groups that read the values used (TOPSIS and entropy weights over values) beside a rated leaf, the weights
// varying and the panel resampled: each replication's base keeps the values used for them.
TEST(Replication, GroupsOverValuesWithADrawnPanelAreScoreOfTheirVariant) {
  const std::string rules = R"(format: makerscore/1
id: t
title: 测试
weighting: relative
scales:
  four: {name: 四级, levels: {优: 1.0, 良: 0.8, 中: 0.6, 差: 0.4}}
fields:
  - {id: a, name: 甲}
  - {id: b, name: 乙}
  - {id: c, name: 丙}
indicators:
  - id: G
    name: 组
    weight: 2
    aggregate: {method: topsis, over: values}
    children:
      - {id: A, name: 甲, weight: 1, value: a, score: {method: minmax}}
      - {id: B, name: 乙, weight: 1, value: b, score: {method: minmax}}
  - id: W
    name: 熵权组
    weight: 1
    weights: {method: entropy, over: values}
    children:
      - {id: C, name: 丙, value: c, score: {method: minmax}}
      - {id: D, name: 丁, value: a + c, score: {method: minmax}}
  - {id: R, name: 评, weight: 1, rated: {scale: four, combine: mean}}
uncertainty:
  weights: {noise: 0.2}
  experts: bootstrap
)";
  Model model = Model::Compile(testing::RulesFromText(rules));
  std::string csv = "id,a,b,c\n", ratings = "entity,indicator,expert,rating\n";
  const char* levels[] = {"优", "良", "中", "差"};
  for (int i = 0; i < 12; ++i) {
    csv += "E" + std::to_string(i) + "," + std::to_string(3 + (i * 7) % 11) + "," + std::to_string(1 + (i * 5) % 9) +
           "," + std::to_string(2 + (i * 3) % 13) + "\n";
    for (int x = 0; x < 4; ++x) {
      ratings += "E" + std::to_string(i) + ",R,X" + std::to_string(x) + "," + levels[(i + 3 * x) % 4] + "\n";
    }
  }
  const Cohort cohort{std::make_shared<Dataset>(ParseDatasetCsv(csv, model.rules(), "t.csv")), nullptr,
                      std::make_shared<Ratings>(ParseRatingsCsv(ratings)), nullptr};
  Replicator rep(model, cohort, *model.rules().uncertainty, 5);
  const std::vector<std::vector<int>> choices = DrawChoices(rep, 5, 20);
  rep.Prepare(choices, 2);
  for (const auto& choice : choices) {
    const Outcomes out = rep.Run(choice);
    const detail::Variant variant = rep.VariantOf(choice);
    const Result r = Score(variant.model, variant.cohort);
    for (int i = 0; i < 12; ++i) {
      ASSERT_TRUE(SameBits(out.totals[i], r.total(i))) << "entity " << i << ": " << out.totals[i] << " " << r.total(i);
    }
  }
}

TEST(Replication, LeaveOneOutPanelsByHand) {
  Model model = Model::Compile(testing::RulesFromText(kPanelRules));
  const Cohort cohort = PanelCohort(model);
  Replicator rep(model, cohort, *model.rules().uncertainty, 1);
  ASSERT_EQ(rep.inputs().size(), 1u);
  EXPECT_EQ(rep.inputs()[0].name, "experts (leave one out)");
  ASSERT_EQ(rep.inputs()[0].count, 3);  // A, B, C left out in turn, in the order they first rate
  rep.Prepare({{0}, {1}, {2}}, 1);
  const double e1[] = {55, 55, 70};
  for (int panel = 0; panel < 3; ++panel) {
    const Outcomes out = rep.Run({panel});
    EXPECT_NEAR(out.totals[0], e1[panel], 1e-9) << "panel without expert "
                                                << "ABC"[panel];
    EXPECT_NEAR(out.totals[1], 65, 1e-9) << "panel without expert "
                                         << "ABC"[panel];
    EXPECT_EQ(out.ranks[0], panel == 2 ? 1 : 2);
    EXPECT_EQ(out.ranks[1], panel == 2 ? 2 : 1);
  }
  EXPECT_NEAR(rep.nominal().total(0), 60, 1e-9);
  EXPECT_NEAR(rep.nominal().total(1), 65, 1e-9);
}

TEST(Replication, LeaveOneOutAnalysisSeesOnlyTheThreePanels) {
  Model model = Model::Compile(testing::RulesFromText(kPanelRules));
  UncertaintyResult r = AnalyseUncertainty(model, PanelCohort(model), *model.rules().uncertainty);
  ASSERT_EQ(r.totals.rows(), 300);
  int without_c = 0;
  for (Eigen::Index k = 0; k < r.totals.rows(); ++k) {
    const double t1 = r.totals(k, 0);
    ASSERT_TRUE(std::fabs(t1 - 55) < 1e-9 || std::fabs(t1 - 70) < 1e-9) << "replication " << k << ": " << t1;
    ASSERT_NEAR(r.totals(k, 1), 65, 1e-9);
    without_c += std::fabs(t1 - 70) < 1e-9;
  }
  // Each replication leaves out one of the three at random: C about a third of the time (300 draws:
  // a binomial standard deviation of about 8).
  EXPECT_GT(without_c, 60);
  EXPECT_LT(without_c, 140);
  EXPECT_EQ(r.entities[0].nominal_rank, 2);  // 60 against 65 with the whole panel
  EXPECT_EQ(r.entities[0].rank_p05, 1);
  EXPECT_EQ(r.entities[0].rank_p95, 2);
}

// A fuzzy evaluation (M(∧,∨), weights 1/2 each) recomposes its memberships from each panel. E1's ratings:
// u1 A 优, B 优, C 差; u2 A 良, B 良, C 良, so u2's row is (0, 1, 0, 0) whatever the panel.
//   The whole panel: u1 (2/3, 0, 0, 1/3): B = (0.5, 0.5, 0, 1/3), sum 4/3,
//                    score (0.5 + 0.4 + 0.4/3) / (4/3) = 0.775 -> 77.5 points
//   Without A (or B): u1 (1/2, 0, 0, 1/2): B = (0.5, 0.5, 0, 0.5), score (0.5 + 0.4 + 0.2) / 1.5 -> 73.33
//   Without C:        u1 (1, 0, 0, 0): B = (0.5, 0.5, 0, 0), score (0.5 + 0.4) / 1 -> 90
// Each replication also equals Score() of its own rule set and panel, bit for bit, with the weights varied.
TEST(Replication, AFuzzyEvaluationRecomposesEachPanelsMemberships) {
  Model model = Model::Compile(testing::RulesFromText(R"(format: makerscore/1
id: fuzzy
title: 模糊
weighting: relative
scales:
  four: {levels: {优: 1.0, 良: 0.8, 中: 0.6, 差: 0.4}}
fields: [{id: f, name: 数量}]
indicators:
  - id: G
    name: 评价
    weight: 1
    aggregate: {method: fuzzy, operator: min_max}
    children:
      - {id: u1, name: 甲, weight: 1, rated: {scale: four, min_ratings: 1}}
      - {id: u2, name: 乙, weight: 1, rated: {scale: four, min_ratings: 1}}
uncertainty:
  experts: leave_one_out
  weights: {noise: 0.3}
)"));
  const Cohort cohort{
      std::make_shared<Dataset>(ParseDatasetCsv("id,f\nE1,40\n", model.rules(), "fuzzy.csv")), nullptr,
      std::make_shared<Ratings>(ParseRatingsCsv("entity,indicator,expert,rating\nE1,u1,A,优\nE1,u1,B,优\n"
                                                "E1,u1,C,差\nE1,u2,A,良\nE1,u2,B,良\nE1,u2,C,良\n"))};
  EXPECT_NEAR(Score(model, cohort).total(0), 77.5, 1e-9);
  UncertainInputs fixed_weights = *model.rules().uncertainty;
  fixed_weights.weight_noise = 0;
  Replicator panels(model, cohort, fixed_weights, 1);
  ASSERT_EQ(panels.inputs().size(), 1u);
  panels.Prepare({{0}, {1}, {2}}, 1);
  const double expected[] = {1.1 / 1.5 * 100, 1.1 / 1.5 * 100, 90};
  for (int panel = 0; panel < 3; ++panel) EXPECT_NEAR(panels.Run({panel}).totals[0], expected[panel], 1e-9) << panel;
  Replicator rep(model, cohort, *model.rules().uncertainty, 7);
  const std::vector<std::vector<int>> choices = DrawChoices(rep, 7, 12);
  rep.Prepare(choices, 1);
  for (const auto& choice : choices) {
    const detail::Variant variant = rep.VariantOf(choice);
    EXPECT_TRUE(SameBits(rep.Run(choice).totals[0], Score(variant.model, variant.cohort).total(0)));
  }
}

}  // namespace
}  // namespace makerscore
