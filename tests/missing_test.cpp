// The values missing for want of data (issue 15): listed with what they earned, never silent.
#include "test_util.h"

namespace makerscore {
namespace {

const char* kRules = R"(format: makerscore/1
id: m
title: 缺失
fields:
  - {id: income, name: 总收入, unit: 万元}
  - {id: staff, name: 服务人员数量, unit: 人}
scales:
  level: {levels: {优: 1, 良: 0.5}}
indicators:
  - {id: A, name: 收入增长, weight: 40, value: income / prev(income), score: {method: goalposts, low: 0, high: 2}}
  - {id: B, name: 服务人员, weight: 40, value: staff, score: {method: goalposts, low: 0, high: 10}}
  - {id: R, name: 运营管理, weight: 20, rated: {scale: level}}
)";

TEST(Missing, EachMissingValueWithItsEmptyInputsAndPoints) {
  Model m = Model::Compile(testing::RulesFromText(kRules));
  // S1 complete; S2's staff empty; S3 absent from last year; S4's income of last year empty and no rating.
  auto now = std::make_shared<Dataset>(
      ParseDatasetCsv("id,name,income,staff\nS1,甲,10,5\nS2,乙,10,\nS3,丙,10,5\nS4,丁,10,5\n", m.rules(), "2019.csv"));
  auto last =
      std::make_shared<Dataset>(ParseDatasetCsv("id,income,staff\nS1,5,5\nS2,10,5\nS4,,5\n", m.rules(), "2018.csv"));
  auto ratings = std::make_shared<Ratings>(
      ParseRatingsCsv("entity,indicator,expert,rating\nS1,R,E1,优\nS2,R,E1,良\nS3,R,E1,良\n", "r.csv"));
  Result r = Score(m, now, last, ratings);
  // By hand: S1 = 40 x (10/5)/2 + 40 x 5/10 + 20 = 80; S2 = 40 x 0.5 + 0 + 10 = 30; S3 = 0 + 20 + 10 = 30;
  // S4 = 0 + 20 + 0 = 20. Ranks: S1, then S2 and S3 (30), then S4.
  EXPECT_DOUBLE_EQ(r.total(0), 80);
  EXPECT_DOUBLE_EQ(r.total(1), 30);
  const std::vector<MissingValue> missing = MissingValues(r);
  ASSERT_EQ(missing.size(), 4u);
  std::vector<std::string> lines;
  for (const auto& v : missing) lines.push_back(DescribeMissing(r, v));
  // What each cost, against the median points of those who reported the indicator: B: S1, S3, S4 earned 20
  // each (median 20); A: S1 40 x (10/5)/2 = 40, S2 40 x (10/10)/2 = 20 (median 30); R: S1 优 20, S2 and S3 良 10
  // (median 10).
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "S2 乙: B 服务人员: not reported: staff (服务人员数量); 0 of 40 points (those who reported "
                       "it: median 20)",
                       "S3 丙: A 收入增长: not reported: not in last year's data; 0 of 40 points (those who reported "
                       "it: median 30)",
                       "S4 丁: A 收入增长: not reported: prev(income) (总收入, last year); 0 of 40 points (those who "
                       "reported it: median 30)",
                       "S4 丁: R 运营管理: not reported: no usable expert rating; 0 of 20 points (those who reported "
                       "it: median 10)"}));
  EXPECT_DOUBLE_EQ(missing[0].reported_median, 20);
  EXPECT_DOUBLE_EQ(missing[1].reported_median, 30);
  EXPECT_DOUBLE_EQ(missing[3].reported_median, 10);
  EXPECT_EQ(missing[0].fields, std::vector<std::string>{"staff"});
  EXPECT_TRUE(missing[1].no_row_last_year);
  EXPECT_THAT_CONTAINS(MissingSummary(r, 2), "4 values are missing from the data (未填报)");
  EXPECT_THAT_CONTAINS(MissingSummary(r, 2), "  ... and 2 more ('makerscore explain' shows each)");
  EXPECT_THAT_CONTAINS(FormatTable(r), "S2 乙: B 服务人员: not reported: staff (服务人员数量); 0 of 40 points (those");
  // The scorecard shows 未填报 beside the 0, not a plain 0.00.
  ReportOptions one;
  one.entity = "S2";
  EXPECT_THAT_CONTAINS(
      HtmlReport(r, one),
      "<span class=\"missing\">未填报 <span class=\"en\" lang=\"en\">not reported</span></span> · 0.00 / 40");
}

TEST(Missing, EmptyCellsBeforeScoring) {
  Model m = Model::Compile(testing::RulesFromText(kRules));
  Dataset d = ParseDatasetCsv("id,income,staff\nS1,10,\nS2,,5\n", m.rules(), "d.csv");
  const std::vector<CellProblem> empty = EmptyCells(m, d);
  ASSERT_EQ(empty.size(), 2u);
  EXPECT_EQ(empty[0].row, 2);
  EXPECT_EQ(empty[0].message,
            "column 'staff' (服务人员数量) is empty (未填报); the missing-data policy decides the points of B");
  EXPECT_EQ(empty[1].message,
            "column 'income' (总收入) is empty (未填报); the missing-data policy decides the points of A");
}

}  // namespace
}  // namespace makerscore
