// rules/asem-connectivity.yaml on the real ASEM data reproduces COINr's
// published results.
//
// Source: COINr vignette "Presenting Results" (get_results() of
// build_example_coin()), e.g. https://cran.r-project.org/web/packages/COINr/vignettes/results.html
// (COINr 1.1.14): the first six countries with their index, sub-index and
// pillar scores, rounded to 2 decimals.
#include <cmath>

#include "test_util.h"

namespace makerscore {
namespace {

struct Published {
  const char* code;
  int rank;
  double index, conn, sust, physical, conecfin, political, instit, p2p, environ, social, susecfin;
};

const Published kPublished[] = {
    {"CHE", 1, 68.38, 62.79, 73.98, 63.41, 32.87, 74.78, 85.94, 56.93, 77.21, 87.85, 56.88},
    {"NLD", 2, 64.82, 61.94, 67.70, 64.87, 46.62, 84.55, 71.74, 41.92, 58.73, 86.58, 57.78},
    {"DNK", 3, 64.80, 57.10, 72.51, 50.52, 30.43, 78.13, 75.35, 51.04, 69.83, 86.40, 61.29},
    {"NOR", 4, 64.47, 57.44, 71.50, 58.18, 25.70, 80.03, 89.46, 33.80, 70.90, 87.00, 56.59},
    {"BEL", 5, 63.54, 63.99, 63.09, 71.97, 48.22, 80.84, 75.60, 43.32, 53.01, 86.17, 50.09},
    {"SWE", 6, 63.00, 53.87, 72.12, 51.51, 23.87, 80.98, 74.51, 38.50, 66.37, 87.74, 62.27},
};

Result ScoreAsem() {
  Model m = Model::Compile(LoadRulesOrThrow(testing::SourcePath("rules/asem-connectivity.yaml")));
  auto data =
      std::make_shared<Dataset>(ReadDatasetCsv(testing::SourcePath("examples/data/asem/ASEM_iData.csv"), m.rules()));
  return Score(m, data);
}

TEST(Asem, FrameworkFromTheMetadata) {
  RuleSet r = LoadRulesOrThrow(testing::SourcePath("rules/asem-connectivity.yaml"));
  ASSERT_EQ(r.indicators.size(), 2u);  // Conn, Sust
  Model m = Model::Compile(r);
  int leaves = 0, pillars = 0;
  for (const auto& n : m.nodes()) {
    leaves += n.kind == NodeKind::kQuantitative;
    pillars += n.depth == 2;
  }
  EXPECT_EQ(leaves, 49);
  EXPECT_EQ(pillars, 8);
  EXPECT_EQ(r.FindIndicator("Flights")->value, "Flights / Population");  // a denominator
  EXPECT_EQ(r.FindIndicator("Tariff")->score->direction, Direction::kLower);
}

TEST(Asem, ReproducesCoinrPublishedResults) {
  Result r = ScoreAsem();
  ASSERT_EQ(r.entity_count(), 51);
  const Model& m = r.model();
  auto score = [&](int i, const char* id) { return 100 * r.scores()(i, m.FindNode(id)); };
  for (const auto& p : kPublished) {
    int i = r.FindEntity(p.code);
    ASSERT_GE(i, 0) << p.code;
    EXPECT_EQ(r.rank(i), p.rank) << p.code;
    EXPECT_NEAR(r.total(i), p.index, 0.005) << p.code;
    EXPECT_NEAR(score(i, "Conn"), p.conn, 0.005) << p.code;
    EXPECT_NEAR(score(i, "Sust"), p.sust, 0.005) << p.code;
    EXPECT_NEAR(score(i, "Physical"), p.physical, 0.005) << p.code;
    EXPECT_NEAR(score(i, "ConEcFin"), p.conecfin, 0.005) << p.code;
    EXPECT_NEAR(score(i, "Political"), p.political, 0.005) << p.code;
    EXPECT_NEAR(score(i, "Instit"), p.instit, 0.005) << p.code;
    EXPECT_NEAR(score(i, "P2P"), p.p2p, 0.005) << p.code;
    EXPECT_NEAR(score(i, "Environ"), p.environ, 0.005) << p.code;
    EXPECT_NEAR(score(i, "Social"), p.social, 0.005) << p.code;
    EXPECT_NEAR(score(i, "SusEcFin"), p.susecfin, 0.005) << p.code;
  }
}

TEST(Asem, TheConstructionSteps) {
  Result r = ScoreAsem();
  const Model& m = r.model();
  // 65 values are missing (COINr reports "Missing data points detected = 65" for this data);
  // each is imputed with its EurAsia group's mean and flagged.
  int imputed = 0;
  for (int k = 0; k < static_cast<int>(m.nodes().size()); ++k) {
    for (int i = 0; i < r.entity_count(); ++i) imputed += (r.flags()(i, k) & kFlagImputed) != 0;
  }
  EXPECT_EQ(imputed, 65);
  // Min-max to 0..100 with direction: every indicator has a best (100) and a worst (0).
  int tariff = m.FindNode("Tariff");
  EXPECT_DOUBLE_EQ(r.scores().col(tariff).maxCoeff(), 1);
  EXPECT_DOUBLE_EQ(r.scores().col(tariff).minCoeff(), 0);
  // Flights per person is skewed (|skew| >= 2, kurtosis >= 3.5) and winsorised.
  int flights = m.FindNode("Flights");
  EXPECT_GE(std::fabs(r.stats()[flights].skew), 2);
  EXPECT_GE(r.stats()[flights].treated, 1);
}

}  // namespace
}  // namespace makerscore
