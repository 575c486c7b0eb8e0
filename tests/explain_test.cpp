// Explanations: golden files, and the numbers in them checked by hand.
#include <limits>

#include "result/common.h"
#include "test_util.h"

namespace makerscore {
namespace {

Result Cohort() {
  // The small cohort of scoring_test.cpp, with last year for a growth indicator.
  const char* rules = R"(format: makerscore/1
id: t
title: 测试
fields:
  - {id: a, name: 甲数, unit: 个}
  - {id: b, name: 乙数, unit: 万元}
scales:
  four: {levels: {优: 1, 良: 0.8, 中: 0.6, 差: 0.4}}
indicators:
  - id: "1"
    name: 定量
    weight: 60
    children:
      - {id: "1.1", name: 甲, weight: 30, value: a, score: {method: minmax}}
      - {id: "1.2", name: 乙, weight: 20, value: a / b, score: {method: goalposts, low: 0, high: 2}}
      - {id: "1.3", name: 乙增长, weight: 10, value: (b - prev(b)) / prev(b), score: {method: ratio, benchmark: 0.5}}
  - {id: "2", name: 定性, weight: 40, rated: {scale: four, combine: trimmed_mean, min_ratings: 3}}
grades:
  - {grade: 优, min: 80}
  - {grade: 良, min: 60}
)";
  Model m = Model::Compile(testing::RulesFromText(rules));
  auto now = std::make_shared<Dataset>(
      ParseDatasetCsv("id,name,a,b\nE1,一号空间,10,5\nE2,二号空间,30,0\n", m.rules(), "d.csv"));
  auto last = std::make_shared<Dataset>(ParseDatasetCsv("id,a,b\nE1,8,4\nE2,1,2\n", m.rules(), "p.csv"));
  auto ratings = std::make_shared<Ratings>(ParseRatingsCsv(
      "entity,indicator,expert,rating\nE1,2,X,优\nE1,2,Y,良\nE1,2,Z,差\nE1,2,W,良\nE2,2,X,优\n", "r.csv"));
  return Score(m, now, last, ratings);
}

TEST(Explain, OneIndicatorGolden) {
  Result r = Cohort();
  // By hand: 1.3 for E1 is (5 - 4) / 4 = 0.25; ratio to 0.5 = 0.5; x 10 = 5 points.
  std::string text = Explain(r, "E1", "1.3");
  EXPECT_NE(text.find("= (5 - 4) / 4 = 0.25"), std::string::npos) << text;
  EXPECT_NE(text.find("score = 0.25 / 0.5 = 0.5"), std::string::npos) << text;
  EXPECT_NE(text.find("points = 0.5 x 10 = 5"), std::string::npos) << text;
  testing::ExpectGolden(text, "explain-E1-1.3.txt");
}

TEST(Explain, WholeEntityGolden) {
  Result r = Cohort();
  // By hand for E1: 1.1 min-max over {10, 30}: 0 -> 0 points. 1.2: 10 / 5 = 2 -> 1 -> 20 points.
  // 1.3: 5 points. 2: ratings 1, 0.8, 0.4, 0.8 -> drop 1 and 0.4 -> 0.8 -> 32 points. Total 57.
  std::string text = Explain(r, "E1");
  EXPECT_NE(text.find("total: 57 of 100, rank 1 of 2, no grade"), std::string::npos) << text;
  EXPECT_NE(text.find("the mean after dropping the highest (1) and the lowest (0.4) = 0.8"), std::string::npos) << text;
  testing::ExpectGolden(text, "explain-E1.txt");
  // E2 divides by zero in 1.2 and has one rating of three required.
  std::string e2 = Explain(r, "E2");
  EXPECT_NE(e2.find("the formula divides by zero, so the value is missing"), std::string::npos) << e2;
  EXPECT_NE(e2.find("1 rating(s), fewer than the 3 the rule set requires"), std::string::npos) << e2;
  testing::ExpectGolden(e2, "explain-E2.txt");
}

// Issue 19: the same account in Chinese (`language: zh`, or ExplainOptions::language), the numbers the same.
TEST(Explain, InChinese) {
  Result r = Cohort();
  ExplainOptions zh;
  zh.language = Language::kChinese;
  const std::string e1 = Explain(r, "E1", "", zh);
  // The numbers worked out by hand above, in Chinese words.
  EXPECT_THAT_CONTAINS(e1, "总分：57 / 100，第 1 名（共 2 名），无等级\n");
  EXPECT_THAT_CONTAINS(e1, "1.3 乙增长（满分 10 分）\n");
  EXPECT_THAT_CONTAINS(e1, "与标杆值 0.5 之比：得分率 = 0.25 / 0.5 = 0.5\n  得分 = 0.5 x 10 = 5\n");
  EXPECT_THAT_CONTAINS(e1, "极差标准化（全体最小值 10，最大值 30）：得分率 = (10 - 10) / (30 - 10) = 0\n");
  EXPECT_THAT_CONTAINS(e1, "得分率 = 去掉一个最高分（1）和一个最低分（0.4）后的平均值 = 0.8\n");
  EXPECT_THAT_CONTAINS(e1, "    专家 X：优 = 1\n");
  const std::string e2 = Explain(r, "E2", "", zh);
  EXPECT_THAT_CONTAINS(e2, "  公式除数为零，数值缺失\n");
  EXPECT_THAT_CONTAINS(e2, "  1 个评分，少于规则要求的 3 个\n");
  // Nothing of the English account is left.
  for (const std::string& text : {e1, e2}) {
    for (const char* english : {"score =", "points =", "value =", "rated by", "total:", " of ", "the ", "missing;"}) {
      EXPECT_EQ(text.find(english), std::string::npos) << english << " in\n" << text;
    }
  }
  testing::ExpectGolden(e1, "explain-E1-zh.txt");
  testing::ExpectGolden(e2, "explain-E2-zh.txt");
  // The rule file's language is the default; the English account is still there on request.
  EXPECT_THAT_CONTAINS(Explain(r, "E1"), "total: 57 of 100");
  ExplainOptions en;
  en.language = Language::kEnglish;
  EXPECT_EQ(Explain(r, "E1", "", en), Explain(r, "E1"));
}

// The Guangxi rule file says `language: zh`: every makerspace's account is Chinese throughout, with the
// source's terms, and no English phrase of the account is left.
TEST(Explain, GuangxiInChinese) {
  Model m = Model::Compile(LoadRulesOrThrow(testing::SourcePath("rules/guangxi-2019.yaml")));
  ASSERT_EQ(m.rules().language, Language::kChinese);
  const std::string data = testing::SourcePath("examples/data/");
  auto now = std::make_shared<Dataset>(ReadDatasetCsv(data + "guangxi-example-2019.csv", m.rules()));
  auto last = std::make_shared<Dataset>(ReadDatasetCsv(data + "guangxi-example-2018.csv", m.rules()));
  auto ratings = std::make_shared<Ratings>(ReadRatingsCsv(data + "guangxi-example-ratings.csv"));
  const Result r = Score(m, now, last, ratings);
  for (const std::string& id : r.entity_ids()) {
    const std::string text = Explain(r, id);
    for (const char* english : {"score =", "points =", "value =", "rated by", "total:", " of ", "the ", "expert ",
                                "missing", "grade ", "rank ", "last year", "capped", "min-max", "goalposts"}) {
      EXPECT_EQ(text.find(english), std::string::npos) << "'" << english << "' in " << id << ":\n" << text;
    }
  }
  EXPECT_THAT_CONTAINS(Explain(r, "GX006"), "距“中”还差 0.0326 分");
}

TEST(Explain, PValuesBelowTheFourthDecimalAreBounded) {
  // Kendall's p for 32 makerspaces rated by 5 experts is ~1e-7: printed to 4 decimals it would read "0", which
  // says "impossible"; it is "< 0.0001", as the report prints it.
  EXPECT_EQ(detail::PValueText(3e-7), "< 0.0001");
  EXPECT_EQ(detail::PValueText(0.0001), "0.0001");
  EXPECT_EQ(detail::PValueText(0.01234), "0.0123");
  EXPECT_EQ(detail::PValueText(std::numeric_limits<double>::quiet_NaN()), "-");
}

TEST(Explain, ABlankCellReadsNotReported) {
  Model m = Model::Compile(testing::RulesFromText(R"(format: makerscore/1
id: n
title: 未填报
fields: [{id: a, name: 知识产权数量, unit: 件}]
indicators:
  - {id: A, name: 知识产权, weight: 100, value: a, score: {method: goalposts, low: 0, high: 10}}
)"));
  Result r = Score(m, std::make_shared<Dataset>(ParseDatasetCsv("id,a\nE1,\nE2,5\n", m.rules(), "d.csv")));
  const std::string text = Explain(r, "E1", "A");
  EXPECT_THAT_CONTAINS(text, "value = a (知识产权数量) = 未填报 (not reported)\n");
  EXPECT_EQ(text.find("missing 件"), std::string::npos) << text;
  EXPECT_THAT_CONTAINS(Explain(r, "E2", "A"), "value = a (知识产权数量) = 5 件\n");
}

TEST(Explain, UnknownIdsAreClearErrors) {
  Result r = Cohort();
  EXPECT_THROW_WITH(Explain(r, "E3"), Error, "no entity 'E3' in the data (did you mean 'E1'?)");
  EXPECT_THROW_WITH(Explain(r, "E1", "1.9"), Error, "no indicator '1.9' in the rule file (did you mean '1.1'?)");
}

}  // namespace
}  // namespace makerscore
