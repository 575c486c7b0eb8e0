// Screening a cohort by data availability (`screen:`): COINr's Screen() on its own vignette's example, the
// ASEM data, zeros, forcing, classes, ratings, the outputs, and refusals.
#include <algorithm>
#include <cmath>

#include "test_util.h"

namespace makerscore {
namespace {

// COINr's vignette "Unit Screening" (https://bluefoxr.github.io/COINr/articles/screening.html, COINr 1.1):
// ASEM_iData[40:51, c("uCode", "Research", "Pat", "CultServ", "CultGood")] screened with
// Screen(iData, unit_screen = "byNA", dat_thresh = 0.75) leaves 9 of the 12 units; RemovedUnits is
// "LAO" "MMR" "VNM". The data as the vignette prints it:
const char* kVignetteData = R"(uCode,Research,Pat,CultServ,CultGood
KOR,20437,249.8,1.79800,
LAO,175,,,
MYS,8080,64.2,1.15292,7.555
MNG,293,0.3,0.00266,0.046
MMR,299,,0.08905,
NZL,7731,46.5,0.34615,1.213
PAK,7122,7.2,0.03553,1.256
PHL,1361,11.3,0.29555,3.185
RUS,16182,141.5,1.44633,8.379
SGP,11411,270.5,0.92780,14.507
THA,5317,53.6,0.08969,6.661
VNM,3618,,,
)";

std::string VignetteRules(const std::string& screen) {
  return R"(format: makerscore/1
id: screen
title: 筛选
entity: {id: uCode}
fields: [{id: Research, name: Research}, {id: Pat, name: Pat}, {id: CultServ, name: CultServ}, {id: CultGood, name: CultGood}]
missing: zero
indicators:
  - {id: R, name: Research, weight: 25, value: Research, score: {method: minmax}}
  - {id: P, name: Pat, weight: 25, value: Pat, score: {method: minmax}}
  - {id: S, name: CultServ, weight: 25, value: CultServ, score: {method: minmax}}
  - {id: G, name: CultGood, weight: 25, value: CultGood, score: {method: minmax}}
)" + screen;
}

Result ScoreText(const std::string& rules, const std::string& csv) {
  Model m = Model::Compile(testing::RulesFromText(rules));
  return Score(m, std::make_shared<Dataset>(ParseDatasetCsv(csv, m.rules(), "data.csv")));
}

TEST(Screen, CoinrVignetteByNA) {
  const Result r = ScoreText(VignetteRules("screen: {by: missing, min_available: 0.75}\n"), kVignetteData);
  ASSERT_NE(r.screening(), nullptr);
  const Screening& s = *r.screening();
  ASSERT_EQ(s.entities.size(), 12u);
  std::vector<std::string> removed;
  for (int e : s.removed()) removed.push_back(s.entities[e].id);
  EXPECT_EQ(removed, (std::vector<std::string>{"LAO", "MMR", "VNM"}));
  // Dat_Avail by hand: KOR 3 of 4 = 0.75, not below 0.75, so kept; LAO 1 of 4; MMR 2 of 4; the rest 4 of 4.
  EXPECT_DOUBLE_EQ(s.entities[0].available, 0.75);
  EXPECT_TRUE(s.entities[0].kept);
  EXPECT_DOUBLE_EQ(s.entities[1].available, 0.25);
  EXPECT_EQ(s.entities[1].missing, 3);
  EXPECT_DOUBLE_EQ(s.entities[4].available, 0.5);
  EXPECT_EQ(s.Reason(1), "left out: 1 of its 4 indicators have a value (25%), below the 75% required");
  // The result holds the 9 kept, and the 3 move no cohort figure: Research's min-max runs over the kept,
  // from MNG's 293 (LAO's 175 is gone) to KOR's 20437, so MNG scores 0 and MYS (8080 - 293) / (20437 - 293).
  ASSERT_EQ(r.entity_count(), 9);
  EXPECT_LT(r.FindEntity("LAO"), 0);
  const int k = r.model().FindNode("R");
  EXPECT_DOUBLE_EQ(r.scores()(r.FindEntity("MNG"), k), 0);
  EXPECT_NEAR(r.scores()(r.FindEntity("MYS"), k), (8080.0 - 293) / (20437 - 293), 1e-12);
  EXPECT_EQ(r.ranked_count(), 9);
}

// With less detail kept, screening keeps the same makerspaces and the same totals, ranks and scores, both
// when it leaves some out (a second run) and when it leaves none out (the first run, trimmed).
TEST(Screen, LessDetailKeepsTheSameOutcomes) {
  for (const char* screen :
       {"screen: {by: missing, min_available: 0.75}\n", "screen: {by: missing, min_available: 0.1}\n"}) {
    Model m = Model::Compile(testing::RulesFromText(VignetteRules(screen)));
    const Cohort cohort{std::make_shared<Dataset>(ParseDatasetCsv(kVignetteData, m.rules(), "data.csv"))};
    const Result full = Score(m, cohort);
    for (ScoreDetail detail : {ScoreDetail::kPoints, ScoreDetail::kOutcomes}) {
      ScoreOptions options;
      options.detail = detail;
      const Result lean = Score(m, cohort, options);
      ASSERT_EQ(lean.entity_ids(), full.entity_ids()) << screen;
      ASSERT_EQ(lean.screening()->removed(), full.screening()->removed()) << screen;
      for (int i = 0; i < full.entity_count(); ++i) {
        EXPECT_EQ(lean.total(i), full.total(i)) << screen << i;
        EXPECT_EQ(lean.rank(i), full.rank(i)) << screen << i;
      }
      EXPECT_TRUE((lean.scores() == full.scores() || (lean.scores().isNaN() && full.scores().isNaN())).all());
      EXPECT_THROW(lean.values(), Error);
      if (detail == ScoreDetail::kOutcomes) EXPECT_THROW(lean.points(), Error);
      if (detail == ScoreDetail::kPoints) EXPECT_TRUE((lean.points() == full.points() || lean.points().isNaN()).all());
    }
  }
}

TEST(Screen, ZerosForcingAndTheDefaults) {
  // Non_Zero = 1 - zeros / values: MNG with 0 for Pat and CultGood has 2 of 4 other than 0 (0.5).
  std::string data = kVignetteData;
  data.replace(data.find("MNG,293,0.3,0.00266,0.046"), 25, "MNG,293,0,0.00266,0");
  Result r = ScoreText(VignetteRules("screen: {by: zeros, min_nonzero: 0.6}\n"), data);
  const Screening& s = *r.screening();
  EXPECT_EQ(s.entities[3].zeros, 2);
  EXPECT_DOUBLE_EQ(s.entities[3].nonzero, 0.5);
  // By zeros alone, LAO (one value, not 0) is kept and MNG left out.
  ASSERT_EQ(s.removed(), std::vector<int>{3});
  EXPECT_EQ(s.Reason(3), "left out: 2 of its 4 values are other than 0 (50%), below the 60% required");
  // Either: LAO, MNG, MMR, VNM; include keeps MMR whatever its data, exclude drops THA.
  r = ScoreText(VignetteRules("screen: {by: missing_or_zeros, min_available: 0.75, min_nonzero: 0.6, include: [MMR], "
                              "exclude: [THA]}\n"),
                data);
  std::vector<std::string> removed;
  for (int e : r.screening()->removed()) removed.push_back(r.screening()->entities[e].id);
  EXPECT_EQ(removed, (std::vector<std::string>{"LAO", "MNG", "THA", "VNM"}));
  EXPECT_EQ(r.screening()->Reason(10), "left out by the rule file (screen: exclude)");
  EXPECT_EQ(r.screening()->Reason(4), "kept by the rule file (screen: include)");
  // The defaults are COINr's: dat_thresh 2/3 (so 2 of 4 is out, 3 of 4 in) and nonzero_thresh 0.05.
  r = ScoreText(VignetteRules("screen: {}\n"), kVignetteData);
  EXPECT_DOUBLE_EQ(r.screening()->spec.min_available, 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.screening()->spec.min_nonzero, 0.05);
  EXPECT_EQ(r.screening()->removed().size(), 3u);
  // A rule set without screen: scores everyone and has no screening.
  EXPECT_EQ(ScoreText(VignetteRules(""), kVignetteData).screening(), nullptr);
}

TEST(Screen, TheAsemDataAsReported) {
  // The 49 ASEM indicators as computed from ASEM_iData.csv (a ratio with a missing denominator has no
  // value, as COINr's Denominate() gives NA): counted independently with pandas, BGD 43, BRN 39, KHM 43,
  // LAO 39 (41 raw values, but its Energy is missing, so Elec / Energy and Gas / Energy are too) and MMR 41
  // of 49 have a value, below 90% (44.1 of 49); every other country has 45 or more.
  RuleSet rules = LoadRulesOrThrow(testing::SourcePath("rules/asem-connectivity.yaml"));
  rules.screen = ScreenSpec{};
  rules.screen->min_available = 0.9;
  Model m = Model::Compile(rules);
  auto data =
      std::make_shared<Dataset>(ReadDatasetCsv(testing::SourcePath("examples/data/asem/ASEM_iData.csv"), m.rules()));
  const Result r = Score(m, data);
  const Screening& s = *r.screening();
  std::vector<std::string> removed;
  std::vector<int> present;
  for (int e : s.removed()) {
    removed.push_back(s.entities[e].id);
    present.push_back(s.entities[e].indicators - s.entities[e].missing);
  }
  EXPECT_EQ(removed, (std::vector<std::string>{"BGD", "BRN", "KHM", "LAO", "MMR"}));
  EXPECT_EQ(present, (std::vector<int>{43, 39, 43, 39, 41}));
  EXPECT_EQ(r.entity_count(), 46);
  // The explanation of one left out names the rule and what it lacks.
  const std::string why = Explain(r, "LAO");
  EXPECT_THAT_CONTAINS(why,
                       "screened out before scoring (screen by data availability: at least 90% of the "
                       "indicators with a value): left out: 39 of its 49 indicators have a value (79.6%)");
  EXPECT_THAT_CONTAINS(why, "Elec Trade in electricity");
}

TEST(Screen, ClassesAndRatings) {
  // An indicator weighted 0 for a class is not the entity's: B-class entities are screened over X alone.
  // Ratings of an entity left out are dropped with it (not "an entity not in the data").
  const char* rules = R"(format: makerscore/1
id: sc
title: 分类筛选
fields: [{id: kind, name: 类型, kind: category}, {id: x, name: 甲}, {id: y, name: 乙}]
classes: {field: kind, labels: [A, B]}
scales: {q: {levels: {好: 1, 差: 0}}}
screen: {min_available: 1}
indicators:
  - {id: X, name: 甲, weight: 40, value: x, score: {method: goalposts, low: 0, high: 10}}
  - {id: Y, name: 乙, weight: {A: 30, B: 0}, value: y, score: {method: goalposts, low: 0, high: 10}}
  - {id: Q, name: 评, weight: {A: 30, B: 60}, rated: {scale: q}}
)";
  Model m = Model::Compile(testing::RulesFromText(rules));
  auto data =
      std::make_shared<Dataset>(ParseDatasetCsv("id,kind,x,y\nE1,A,5,\nE2,B,5,\nE3,A,5,5\n", m.rules(), "d.csv"));
  auto ratings = std::make_shared<Ratings>();
  for (const char* e : {"E1", "E2", "E3"}) ratings->Add(e, "Q", "P1", "好");
  const Result r = Score(m, data, nullptr, ratings);
  const Screening& s = *r.screening();
  EXPECT_EQ(s.entities[0].indicators, 3);  // A: X, Y, Q; Y missing
  EXPECT_EQ(s.entities[1].indicators, 2);  // B: X and Q (Y weighted 0)
  EXPECT_FALSE(s.entities[0].kept);
  EXPECT_TRUE(s.entities[1].kept);
  ASSERT_EQ(r.entity_count(), 2);
  EXPECT_EQ(r.entity_ids(), (std::vector<std::string>{"E2", "E3"}));
  EXPECT_DOUBLE_EQ(r.total(0), 20 + 60);  // E2: X 5 of 10 of 40 points, Q 好 of 60
}

TEST(Screen, OutputsListThoseLeftOut) {
  const Result r = ScoreText(VignetteRules("screen: {min_available: 0.75}\n"), kVignetteData);
  const std::string table = FormatTable(r);
  EXPECT_THAT_CONTAINS(table, "9 entities (3 more screened out, listed below)");
  EXPECT_THAT_CONTAINS(table, "  VNM (row 13): left out: 1 of its 4 indicators have a value (25%)");
  // CSV: the kept ranked, then one row per entity left out, as wide as the header, with its reason.
  std::ostringstream csv;
  WriteCsv(r, csv);
  std::istringstream lines(csv.str());
  std::string header, line, last;
  std::getline(lines, header);
  int rows = 0;
  while (std::getline(lines, line)) {
    last = line;
    ++rows;
  }
  EXPECT_EQ(rows, 12);
  // rank,id,name,total,grade,R,P,S,G,screened_out,flags: 11 cells, the reason quoted (it holds a comma).
  EXPECT_EQ(header, "rank,id,name,total,grade,R,P,S,G,screened_out,flags");
  EXPECT_EQ(last, ",VNM,,,,,,,,\"left out: 1 of its 4 indicators have a value (25%), below the 75% required\",");
  const std::string json = ToJson(r);
  EXPECT_THAT_CONTAINS(json, "\"removed\": [\n      \"LAO\",\n      \"MMR\",\n      \"VNM\"\n    ]");
}

TEST(Screen, TheUncertaintyAnalysisScreensOnce) {
  // Decided on the data as given, once: every replication scores the 9 kept.
  Model m = Model::Compile(testing::RulesFromText(
      VignetteRules("screen: {min_available: 0.75}\nuncertainty: {weights: {noise: 0.3}, replications: 50}\n")));
  auto data = std::make_shared<Dataset>(ParseDatasetCsv(kVignetteData, m.rules(), "data.csv"));
  const UncertaintyResult u = AnalyseUncertainty(m, data, nullptr, nullptr, *m.rules().uncertainty);
  EXPECT_EQ(u.entity_ids.size(), 9u);
  EXPECT_EQ(u.ranks.cols(), 9);
  EXPECT_EQ(std::find(u.entity_ids.begin(), u.entity_ids.end(), "LAO"), u.entity_ids.end());
  for (int k = 0; k < u.ranks.rows(); ++k) EXPECT_GT(u.ranks.row(k).minCoeff(), 0);
}

TEST(Screen, Refusals) {
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(VignetteRules("screen: {min_available: 90}\n")),
                       "'min_available' is a share between 0 and 1 (e.g. 90%), not 90");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(VignetteRules("screen: {include: [KOR], exclude: [KOR]}\n")),
                       "'KOR' is both kept (include) and left out (exclude)");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(VignetteRules("screen: {by: na}\n")), "na");
  EXPECT_THROW_WITH(ScoreText(VignetteRules("screen: {exclude: [KRO]}\n"), kVignetteData), DataError,
                    "screen: exclude names 'KRO', which is not in data.csv");
  EXPECT_THROW_WITH(ScoreText(VignetteRules("screen: {min_available: 1}\n"),
                              "uCode,Research,Pat,CultServ,CultGood\n"
                              "A,1,,,\nB,,2,,\n"),
                    DataError, "leaves every one of the 2 entities out of the cohort");
}

}  // namespace
}  // namespace makerscore
