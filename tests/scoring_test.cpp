// The scoring engine on a small rule set, every number worked out by hand.
#include <cmath>
#include <cstring>

#include "test_util.h"

namespace makerscore {
namespace {

// 1 定量 (60): 1.1 甲 = a, min-max (40); 1.2 乙 = a / b, goalposts 0..2 (20).
// 2 定性 (40): mean of the experts' ratings.
std::string RulesText(const std::string& missing_12 = "zero") {
  return R"(format: makerscore/1
id: t
title: 测试
fields:
  - {id: a, name: 甲数}
  - {id: b, name: 乙数}
scales:
  four: {levels: {优: 1, 良: 0.8, 中: 0.6, 差: 0.4}}
indicators:
  - id: "1"
    name: 定量
    weight: 60
    children:
      - {id: "1.1", name: 甲, weight: 40, value: a, score: {method: minmax}}
      - {id: "1.2", name: 乙, weight: 20, value: a / b, score: {method: goalposts, low: 0, high: 2}, missing: )" +
         missing_12 + R"(}
  - {id: "2", name: 定性, weight: 40, rated: {scale: four}}
grades:
  - {grade: 优, min: 80}
  - {grade: 良, min: 60}
  - {grade: 中, min: 40}
)";
}

// E3 divides by zero in 1.2.
const char* kData = "id,name,a,b\nE1,一,10,5\nE2,二,30,10\nE3,三,20,0\nE4,四,20,40\n";
const char* kRatings =
    "entity,indicator,expert,rating\n"
    "E1,2,X,优\nE1,2,Y,良\n"
    "E2,2,X,中\nE2,2,Y,中\n"
    "E3,2,X,优\n"
    "E4,2,X,差\nE4,2,Y,中\n";

Result RunCohort(const std::string& rules, const std::string& data = kData) {
  Model m = Model::Compile(testing::RulesFromText(rules));
  auto d = std::make_shared<Dataset>(ParseDatasetCsv(data, m.rules(), "d.csv"));
  auto r = std::make_shared<Ratings>(ParseRatingsCsv(kRatings, "r.csv"));
  return Score(m, d, nullptr, r);
}

TEST(Scoring, HandWorkedCohort) {
  Result r = RunCohort(RulesText());
  const Model& m = r.model();
  int n11 = m.FindNode("1.1"), n12 = m.FindNode("1.2"), n1 = m.FindNode("1"), n2 = m.FindNode("2");
  // 1.1 min-max over a = {10, 30, 20, 20}: min 10, max 30.
  //   E1 0/20 = 0 -> 0; E2 20/20 = 1 -> 40; E3 10/20 = 0.5 -> 20; E4 0.5 -> 20.
  EXPECT_DOUBLE_EQ(r.points()(0, n11), 0);
  EXPECT_DOUBLE_EQ(r.points()(1, n11), 40);
  EXPECT_DOUBLE_EQ(r.points()(2, n11), 20);
  EXPECT_DOUBLE_EQ(r.points()(3, n11), 20);
  // 1.2 a / b: E1 10/5 = 2 -> (2-0)/2 = 1 -> 20; E2 3 -> capped 1 -> 20;
  //   E3 20/0: division by zero -> missing -> 0 (policy zero); E4 0.5 -> 0.25 -> 5.
  EXPECT_DOUBLE_EQ(r.points()(0, n12), 20);
  EXPECT_DOUBLE_EQ(r.points()(1, n12), 20);
  EXPECT_TRUE(r.flags()(1, n12) & kFlagCapped);
  EXPECT_DOUBLE_EQ(r.points()(2, n12), 0);
  EXPECT_TRUE(r.flags()(2, n12) & kFlagDivisionByZero);
  EXPECT_DOUBLE_EQ(r.points()(3, n12), 5);
  // 2 mean rating: E1 (1 + 0.8)/2 = 0.9 -> 36; E2 0.6 -> 24; E3 1 -> 40; E4 (0.4+0.6)/2 = 0.5 -> 20.
  EXPECT_DOUBLE_EQ(r.points()(0, n2), 36);
  EXPECT_DOUBLE_EQ(r.points()(1, n2), 24);
  EXPECT_DOUBLE_EQ(r.points()(2, n2), 40);
  EXPECT_DOUBLE_EQ(r.points()(3, n2), 20);
  // Subtotals of 1: 20, 60, 20, 25. Totals: 56, 84, 60, 45.
  EXPECT_DOUBLE_EQ(r.points()(3, n1), 25);
  EXPECT_DOUBLE_EQ(r.total(0), 56);
  EXPECT_DOUBLE_EQ(r.total(1), 84);
  EXPECT_DOUBLE_EQ(r.total(2), 60);
  EXPECT_DOUBLE_EQ(r.total(3), 45);
  EXPECT_EQ(r.rank(1), 1);
  EXPECT_EQ(r.rank(2), 2);
  EXPECT_EQ(r.rank(0), 3);
  EXPECT_EQ(r.rank(3), 4);
  EXPECT_EQ(r.grade(1), "优");  // 84 >= 80
  EXPECT_EQ(r.grade(2), "良");  // 60 >= 60
  EXPECT_EQ(r.grade(0), "中");  // 56
  EXPECT_EQ(r.grade(3), "中");  // 45
}

TEST(Scoring, ThreadsChangeNoBitAndAreChecked) {
  Model m = Model::Compile(testing::RulesFromText(RulesText()));
  Cohort c{std::make_shared<Dataset>(ParseDatasetCsv(kData, m.rules(), "d.csv")), nullptr,
           std::make_shared<Ratings>(ParseRatingsCsv(kRatings, "r.csv")), nullptr};
  const Result one = Score(m, c), every = Score(m, c, ScoreOptions{0}), two = Score(m, c, ScoreOptions{2});
  for (int i = 0; i < one.entity_count(); ++i) {
    EXPECT_EQ(std::memcmp(one.points().row(i).eval().data(), every.points().row(i).eval().data(),
                          sizeof(double) * one.points().cols()),
              0);
    EXPECT_EQ(one.total(i), two.total(i));
  }
  EXPECT_THROW_WITH(Score(m, c, ScoreOptions{-1}), Error, "threads is -1; give 1 or more threads");
}

TEST(Scoring, ACompositeOfZScoresKeepsItsSign) {
  // Two z-scored indicators, equal relative weights, the total's scale 100. a = (1, 2, 3, 0): mean 1.5,
  // sample sd sqrt(5/3). b = (2, 1, 5, 0): mean 2, sd sqrt(14/3). A composite below zero is a real value
  // (below the cohort's mean), not a points total to floor at 0: three makerspaces must not tie at 0.
  Model m = Model::Compile(testing::RulesFromText(R"(format: makerscore/1
id: z
title: z
weighting: relative
fields: [{id: a, name: 甲}, {id: b, name: 乙}]
indicators:
  - {id: A, name: 甲, weight: 1, value: a, score: {method: zscore}}
  - {id: B, name: 乙, weight: 1, value: b, score: {method: zscore}}
)"));
  Result r =
      Score(m, std::make_shared<Dataset>(ParseDatasetCsv("id,a,b\nX,1,2\nY,2,1\nZ,3,5\nW,0,0\n", m.rules(), "z.csv")));
  const double sa = std::sqrt(5.0 / 3), sb = std::sqrt(14.0 / 3);
  const double a[] = {1, 2, 3, 0}, b[] = {2, 1, 5, 0};
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(r.total(i), 100 * ((a[i] - 1.5) / sa + (b[i] - 2) / sb) / 2, 1e-9) << i;
  }
  EXPECT_LT(r.total(0), 0);
  EXPECT_EQ(r.rank(2), 1);  // Z
  EXPECT_EQ(r.rank(1), 2);  // Y: 100 x (0.387 - 0.463) / 2 = -3.78
  EXPECT_EQ(r.rank(0), 3);  // X: -19.36
  EXPECT_EQ(r.rank(3), 4);  // W: -104.39
}

TEST(Scoring, MissingImputedWithTheCohortMean) {
  // 1.2 values present: 2, 3, 0.5; mean 11/6. E3 gets 11/6 -> (11/6)/2 = 11/12 -> 20 x 11/12 points.
  Result r = RunCohort(RulesText("mean"));
  int n12 = r.model().FindNode("1.2");
  EXPECT_DOUBLE_EQ(r.used_values()(2, n12), 11.0 / 6);
  EXPECT_NEAR(r.points()(2, n12), 20.0 * 11 / 12, 1e-12);
  EXPECT_TRUE(r.flags()(2, n12) & kFlagImputed);
  EXPECT_NEAR(r.total(2), 20 + 20.0 * 11 / 12 + 40, 1e-12);
}

TEST(Scoring, MissingImputedWithTheCohortMedian) {
  // Median of 0.5, 2, 3 is 2 -> score 1 -> 20 points; E3 total 20 + 20 + 40 = 80 -> 优.
  Result r = RunCohort(RulesText("median"));
  EXPECT_DOUBLE_EQ(r.points()(2, r.model().FindNode("1.2")), 20);
  EXPECT_DOUBLE_EQ(r.total(2), 80);
  EXPECT_EQ(r.grade(2), "优");
}

TEST(Scoring, ExcludedIndicatorSharesItsWeight) {
  // E3 without 1.2: group 1 = 1.1 alone, score 0.5 -> 60 x 0.5 = 30 points, all of them 1.1's.
  Result r = RunCohort(RulesText("exclude"));
  int n11 = r.model().FindNode("1.1"), n12 = r.model().FindNode("1.2"), n1 = r.model().FindNode("1");
  EXPECT_TRUE(std::isnan(r.scores()(2, n12)));
  EXPECT_TRUE(r.flags()(2, n12) & kFlagExcluded);
  EXPECT_DOUBLE_EQ(r.points()(2, n12), 0);
  EXPECT_DOUBLE_EQ(r.points()(2, n11), 30);
  EXPECT_DOUBLE_EQ(r.points()(2, n1), 30);
  EXPECT_DOUBLE_EQ(r.total(2), 70);
  // Others are unchanged.
  EXPECT_DOUBLE_EQ(r.total(1), 84);
}

TEST(Scoring, MissingRequiredValueLeavesTheEntityUnscored) {
  Result r = RunCohort(RulesText("error"));
  EXPECT_TRUE(std::isnan(r.total(2)));
  EXPECT_EQ(r.rank(2), 0);
  EXPECT_EQ(r.grade(2), "");
  EXPECT_TRUE(r.flags()(2, 0) & kFlagNotScored);
  // The rest are ranked among themselves: 84, 56, 45.
  EXPECT_EQ(r.rank(1), 1);
  EXPECT_EQ(r.rank(0), 2);
  EXPECT_EQ(r.rank(3), 3);
}

TEST(Scoring, TiesShareARankAndLeaveAGap) {
  // E1 and E2 identical; ratings differ, so give the qualitative part equal ratings via data only:
  // E1 = E2 = (a 30, b 15): 1.1 full 40, 1.2 a/b = 2 -> 20. E3 (10, 5): 0 + 20.
  std::string rules = RulesText();
  rules.replace(rules.find("  - {id: \"2\""), std::string::npos, "");
  rules.replace(rules.find("weight: 60"), 10, "weight: 100");
  rules.replace(rules.find("weight: 40"), 10, "weight: 80");
  Model m = Model::Compile(testing::RulesFromText(rules + "grades: []\n"));
  auto d = std::make_shared<Dataset>(ParseDatasetCsv("id,a,b\nE1,30,15\nE2,30,15\nE3,10,5\n", m.rules(), "d.csv"));
  Result r = Score(m, d);
  // 1.1 is now 80 points, 1.2 20: E1 = E2 = 80 + 20 = 100; E3 = 0 + 20 = 20.
  EXPECT_DOUBLE_EQ(r.total(0), 100);
  EXPECT_EQ(r.rank(0), 1);
  EXPECT_EQ(r.rank(1), 1);
  EXPECT_EQ(r.rank(2), 3);
}

TEST(Scoring, RelativeWeightsAreNormalised) {
  // Weights 3 and 1 under a total of 100: shares 0.75 and 0.25.
  const char* rules = R"(format: makerscore/1
id: rel
title: 相对权重
weighting: relative
fields: [{id: a, name: 甲}, {id: b, name: 乙}]
indicators:
  - {id: A, name: 甲, weight: 3, value: a, score: {method: goalposts, low: 0, high: 10}}
  - {id: B, name: 乙, weight: 1, value: b, score: {method: goalposts, low: 0, high: 10}}
)";
  Model m = Model::Compile(testing::RulesFromText(rules));
  auto d = std::make_shared<Dataset>(ParseDatasetCsv("id,a,b\nX,5,10\n", m.rules(), "d.csv"));
  Result r = Score(m, d);
  // 0.75 x 0.5 + 0.25 x 1 = 0.625 -> 62.5 points; A earns 37.5 of its 75, B 25 of 25.
  EXPECT_DOUBLE_EQ(r.total(0), 62.5);
  EXPECT_DOUBLE_EQ(r.points()(0, m.FindNode("A")), 37.5);
  EXPECT_DOUBLE_EQ(m.nodes()[m.FindNode("A")].max_points, 75);
}

TEST(Scoring, MissingColumnsAndPreviousYearAreRequired) {
  const char* rules = R"(format: makerscore/1
id: g
title: 增长
fields: [{id: a, name: 甲}]
indicators:
  - {id: G, name: 增长, weight: 100, value: (a - prev(a)) / prev(a), score: {method: goalposts, low: 0, high: 1}}
)";
  Model m = Model::Compile(testing::RulesFromText(rules));
  EXPECT_TRUE(m.uses_previous_year());
  auto d = std::make_shared<Dataset>(ParseDatasetCsv("id,a\nX,150\nY,80\n", m.rules(), "d.csv"));
  EXPECT_THROW_WITH(Score(m, d), DataError, "indicators G compare with last year (prev(...)); give last year's data");
  // Last year in another order, with Y absent: X grows (150-100)/100 = 0.5 -> 50 points; Y missing -> 0.
  auto p = std::make_shared<Dataset>(ParseDatasetCsv("id,a\nZ,1\nX,100\n", m.rules(), "p.csv"));
  Result r = Score(m, d, p);
  EXPECT_DOUBLE_EQ(r.values()(0, 1), 0.5);
  EXPECT_DOUBLE_EQ(r.total(0), 50);
  EXPECT_EQ(r.previous_row(1), -1);
  EXPECT_DOUBLE_EQ(r.total(1), 0);
  EXPECT_TRUE(r.flags()(1, 1) & kFlagMissing);
  // A dataset lacking a field of the rule set.
  auto wrong = std::make_shared<Dataset>(std::vector<std::string>{"b"}, std::vector<std::string>{"X"},
                                         std::vector<std::string>{}, Eigen::MatrixXd::Zero(1, 1));
  EXPECT_THROW_WITH(Score(m, wrong, p), DataError, "the data lacks field a of the rule file");
}

TEST(Scoring, GroupMeanImputation) {
  // 南宁: A 10, B missing -> 10 (the mean of 南宁). 柳州: C 4, D 6. 桂林: E missing and no
  // value in its group -> the cohort mean (10 + 4 + 6) / 3.
  const char* rules = R"(format: makerscore/1
id: gm
title: 分组均值
fields: [{id: region, name: 地区, kind: category}, {id: x, name: 数值}]
missing: group_mean
missing_group: region
indicators:
  - {id: X, name: 数值, weight: 100, value: x, score: {method: goalposts, low: 0, high: 20}}
)";
  Model m = Model::Compile(testing::RulesFromText(rules));
  auto d = std::make_shared<Dataset>(
      ParseDatasetCsv("id,region,x\nA,南宁,10\nB,南宁,\nC,柳州,4\nD,柳州,6\nE,桂林,\n", m.rules(), "d.csv"));
  Result r = Score(m, d);
  EXPECT_DOUBLE_EQ(r.used_values()(1, 1), 10);
  EXPECT_TRUE(r.flags()(1, 1) & kFlagImputed);
  EXPECT_DOUBLE_EQ(r.used_values()(4, 1), 20.0 / 3);
  EXPECT_DOUBLE_EQ(r.total(1), 50);
  EXPECT_NE(Explain(r, "B", "X").find("imputes the mean of its group (region = 南宁)"), std::string::npos);
  // group_mean without a group field is refused.
  std::string no_group = rules;
  no_group.replace(no_group.find("missing_group: region\n"), 22, "");
  EXPECT_NE(testing::ErrorsOf(no_group).find("'missing: group_mean' needs 'missing_group'"), std::string::npos);
  // Category fields cannot be used in formulas.
  std::string in_formula = rules;
  in_formula.replace(in_formula.find("value: x,"), 9, "value: region,");
  EXPECT_NE(testing::ErrorsOf(in_formula).find("field 'region' holds categories"), std::string::npos);
}

TEST(Scoring, PointsWrittenAsRules) {
  // Four rules from real tables, each capped at its indicator's points:
  //  W (6): fewer than 20 workstations none; 20 earn 4, each more 0.2.
  //  T (3): 1 point per full 50,000 yuan of tax (5 万元); only complete steps count.
  //  E (5): each event hosted 1, co-hosted 0.5.
  //  H (10): each hire with a bachelor's degree 1, a master's 2, a doctorate 3.
  const char* rules = R"yaml(format: makerscore/1
id: pts
title: 计分规则
weighting: points
total: 24
fields:
  - {id: workstations, name: 工位, kind: count}
  - {id: tax, name: 纳税额, unit: 万元}
  - {id: hosted, name: 主办活动, kind: count}
  - {id: cohosted, name: 协办活动, kind: count}
  - {id: bachelor, name: 本科, kind: count}
  - {id: master, name: 硕士, kind: count}
  - {id: phd, name: 博士, kind: count}
indicators:
  - {id: W, name: 工位, weight: 6, value: "if(workstations < 20, 0, 4 + 0.2 * (workstations - 20))", score: {method: points}}
  - {id: T, name: 纳税, weight: 3, value: floor(tax / 5), score: {method: points}}
  - {id: E, name: 活动, weight: 5, value: hosted + 0.5 * cohosted, score: {method: points}}
  - {id: H, name: 人才, weight: 10, value: bachelor + 2 * master + 3 * phd, score: {method: points}}
)yaml";
  Model m = Model::Compile(testing::RulesFromText(rules));
  auto d = std::make_shared<Dataset>(
      ParseDatasetCsv("id,workstations,tax,hosted,cohosted,bachelor,master,phd\n"
                      "A,15,4.9,2,1,1,1,1\n"   // W 0; T floor(0.98) = 0; E 2.5; H 1 + 2 + 3 = 6
                      "B,25,12.3,3,5,4,2,1\n"  // W 4 + 1 = 5; T floor(2.46) = 2; E 5.5 -> 5; H 4 + 4 + 3 = 11 -> 10
                      "C,40,20,0,0,0,0,0\n",   // W 4 + 4 = 8 -> 6; T 4 -> 3; E 0; H 0
                      m.rules(), "d.csv"));
  Result r = Score(m, d);
  EXPECT_DOUBLE_EQ(r.total(0), 0 + 0 + 2.5 + 6);
  EXPECT_DOUBLE_EQ(r.points()(1, m.FindNode("W")), 5);
  EXPECT_DOUBLE_EQ(r.points()(1, m.FindNode("T")), 2);
  EXPECT_DOUBLE_EQ(r.total(1), 5 + 2 + 5 + 10);
  EXPECT_DOUBLE_EQ(r.total(2), 6 + 3 + 0 + 0);
  EXPECT_TRUE(r.flags()(2, m.FindNode("W")) & kFlagCapped);
}

TEST(Scoring, BadCellsSetAsideScoreTheRestAndLeaveTheirEntitiesUnranked) {
  const std::string rules = R"(format: makerscore/1
id: sa
title: 搁置
bad_cells: set_aside
fields:
  - {id: income, name: 总收入, unit: 万元, min: 0}
  - {id: staff, name: 人员, unit: 人, kind: count}
indicators:
  - {id: A, name: 收入, weight: 60, value: income, score: {method: minmax}}
  - {id: B, name: 人员, weight: 40, value: staff, score: {method: minmax}}
grades: [{grade: 优, min: 80}, {grade: 良, min: 0}]
)";
  const std::string csv = "id,name,income,staff\nX,甲,100,10\nY,乙,abc,5\nZ,丙,50,2.5\nW,丁,0,0\n";
  Model m = Model::Compile(testing::RulesFromText(rules));
  DatasetReading reading = ParseDatasetCsvLenient(csv, m.rules(), "d.csv");
  ASSERT_EQ(reading.data.set_aside().size(), 2u);
  Result r = Score(m, std::make_shared<Dataset>(reading.data));
  // Income without Y's cell: X 100, Z 50, W 0 -> A = 60, 30, 0. Staff without Z's: X 10, Y 5, W 0 -> B = 40, 20, 0.
  // X = 100 (rank 1, 优), W = 0 (rank 2, 良); Y = 0 + 20 and Z = 30 + 0 are scored but not ranked or graded.
  const int x = r.FindEntity("X"), y = r.FindEntity("Y"), z = r.FindEntity("Z"), w = r.FindEntity("W");
  EXPECT_DOUBLE_EQ(r.total(x), 100);
  EXPECT_DOUBLE_EQ(r.total(y), 20);
  EXPECT_DOUBLE_EQ(r.total(z), 30);
  EXPECT_EQ(r.rank(x), 1);
  EXPECT_EQ(r.rank(w), 2);
  EXPECT_EQ(r.rank(y), 0);
  EXPECT_EQ(r.grade(z), "");
  EXPECT_EQ(r.ranked_count(), 2);
  ASSERT_EQ(r.set_aside(y).size(), 1u);
  EXPECT_EQ(r.set_aside(y)[0].row, 3);
  EXPECT_THAT_CONTAINS(r.set_aside(y)[0].message, "found 'abc'");
  EXPECT_TRUE(r.flags()(y, 0) & kFlagSetAside);
  EXPECT_THAT_CONTAINS(Explain(r, "Y"), "set aside (not ranked and not graded): row 3, column 'income' (总收入)");
  EXPECT_THAT_CONTAINS(FormatTable(r),
                       "Not ranked or graded because a cell of their data cannot be used:\n"
                       "  Y: row 3, column 'income'");

  // The same data under the default bad_cells: error is refused, whichever reader was used.
  std::string strict = rules;
  strict.erase(strict.find("bad_cells: set_aside\n"), std::string("bad_cells: set_aside\n").size());
  Model ms = Model::Compile(testing::RulesFromText(strict));
  EXPECT_THROW_WITH(ParseDatasetCsv(csv, ms.rules(), "d.csv"), DataError, "d.csv:3: column 'income' (总收入)");
  auto lenient = std::make_shared<Dataset>(ParseDatasetCsvLenient(csv, ms.rules(), "d.csv").data);
  EXPECT_THROW_WITH(Score(ms, lenient), DataError, "2 cells cannot be used, and the rule file's bad_cells is 'error'");
}

TEST(Scoring, ResultsAreDeterministic) {
  Result a = RunCohort(RulesText()), b = RunCohort(RulesText());
  EXPECT_TRUE((a.points().isNaN() == b.points().isNaN()).all());
  EXPECT_EQ(std::memcmp(a.points().data(), b.points().data(), sizeof(double) * a.points().size()), 0);
}

}  // namespace
}  // namespace makerscore
