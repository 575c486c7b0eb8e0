// The HTML report on a small cohort whose every figure is worked out by hand;
// tests/report_browser_test.py opens the example cohort's report in Chromium.
#include <filesystem>
#include <fstream>
#include <regex>

#include "test_util.h"

namespace makerscore {
namespace {

// 1 规模 (60): 1.1 人数 = a, min-max (60). 2 评价 (40): the mean of the experts' ratings.
const char* kRules = R"(format: makerscore/1
id: r
title: 报告测试
fields:
  - {id: a, name: 人数}
scales:
  four: {levels: {优: 1, 良: 0.8, 中: 0.6, 差: 0.4}}
indicators:
  - id: "1"
    name: 规模
    weight: 60
    children:
      - {id: "1.1", name: 人数, weight: 60, value: a, score: {method: minmax}}
  - {id: "2", name: 评价, weight: 40, rated: {scale: four}}
grades:
  - {grade: 优, min: 80}
  - {grade: 良, min: 60}
  - {grade: 中, min: 40}
)";
// A's name holds characters HTML gives a meaning to.
const char* kData = "id,name,a\nA,甲<b>&乙,10\nB,乙,30\nC,丙,20\nD,丁,20\n";
const char* kRatings =
    "entity,indicator,expert,rating\n"
    "A,2,X,优\nA,2,Y,良\nB,2,X,中\nB,2,Y,中\nC,2,X,优\nD,2,X,差\nD,2,Y,中\n";

// By hand: 1.1 min-max over a = 10, 30, 20, 20 gives A 0, B 60, C 30, D 30 points.
// 2: A (1 + 0.8) / 2 = 0.9 -> 36; B 0.6 -> 24; C 1 -> 40; D (0.4 + 0.6) / 2 = 0.5 -> 20.
// Totals A 36, B 84, C 70, D 50: ranks B 1, C 2, D 3, A 4; grades B 优, C 良, D 中, A none (below 40).
// Cohort medians: totals (50 + 70) / 2 = 60; node 1: 0 30 30 60 -> 30; node 2: 20 24 36 40 -> 30.
Result HandCohort() {
  Model m = Model::Compile(testing::RulesFromText(kRules));
  auto data = std::make_shared<Dataset>(ParseDatasetCsv(kData, m.rules(), "d.csv"));
  auto ratings = std::make_shared<Ratings>(ParseRatingsCsv(kRatings, "r.csv"));
  return Score(m, data, nullptr, ratings);
}

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// The part of html from the element with this id to the end of its table.
std::string Table(const std::string& html, const std::string& id) {
  const size_t start = html.find("id=\"" + id + "\"");
  if (start == std::string::npos) return "";
  return html.substr(start, html.find("</table>", start) - start);
}

TEST(Report, OverviewByHand) {
  const std::string html = HtmlReport(HandCohort());
  // The ranked table, in rank order.
  const std::string ranking = Table(html, "ranking-table");
  std::vector<std::string> order;
  const std::regex row("<tr data-entity=\"([^\"]+)\">");
  for (auto it = std::sregex_iterator(ranking.begin(), ranking.end(), row); it != std::sregex_iterator(); ++it) {
    order.push_back((*it)[1]);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"B", "C", "D", "A"}));
  EXPECT_NE(ranking.find("<b>84.00</b>"), std::string::npos);
  EXPECT_NE(ranking.find("<b>36.00</b>"), std::string::npos);
  // Key figures: highest 84, median 60, lowest 36.
  EXPECT_NE(html.find("最高分 <span class=\"en\" lang=\"en\">highest</span><b>84.00</b>"), std::string::npos);
  EXPECT_NE(html.find("中位数 <span class=\"en\" lang=\"en\">median</span><b>60.00</b>"), std::string::npos);
  EXPECT_NE(html.find("最低分 <span class=\"en\" lang=\"en\">lowest</span><b>36.00</b>"), std::string::npos);
  // Grades: one each of 优 良 中, and one with none: 25% each.
  const std::string grades = Table(html, "grade-chart");
  EXPECT_EQ(Count(grades, "<td class=\"num\">1</td><td class=\"num\">25.0%</td>"), 4);
  // The split bar in the ranked table: B (乙) has 60 points of 1 and 24 of 2 on a scale of 100; A's name
  // escaped once.
  EXPECT_NE(ranking.find("aria-label=\"乙: 1 60.00 2 24.00\""), std::string::npos);
  EXPECT_NE(ranking.find("aria-label=\"甲&lt;b&gt;&amp;乙: 1 0.00 2 36.00\""), std::string::npos);
  // The distribution of 1.1's points: shares 0, 0.5, 0.5, 1 -> quartiles (type 7) 0.375 and 0.625.
  EXPECT_NE(Table(html, "distribution-chart").find("1.1: min 0%, quartiles 38% and 62%, median 50%, max 100%"),
            std::string::npos);
  // Every chart, and a scorecard per makerspace.
  for (const char* id : {"grade-chart", "ranking-table", "distribution-chart", "agreement"}) {
    EXPECT_NE(html.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
  }
  EXPECT_EQ(Count(html, "<section class=\"scorecard\""), 4);
  // Self-contained: nothing loaded from elsewhere, no script.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);
  // Names as text, not markup.
  EXPECT_NE(html.find("甲&lt;b&gt;&amp;乙"), std::string::npos);
  EXPECT_EQ(html.find("甲<b>"), std::string::npos);
}

TEST(Report, ScorecardByHand) {
  Result r = HandCohort();
  ReportOptions options;
  options.entity = "A";
  const std::string html = HtmlReport(r, options);
  EXPECT_EQ(Count(html, "<section class=\"scorecard\""), 1);
  EXPECT_EQ(html.find("id=\"ranking-table\""), std::string::npos);  // the scorecard alone
  EXPECT_NE(html.find("<b>36.00 <span class=\"en\">/ 100</span></b>"), std::string::npos);
  EXPECT_NE(html.find("<b>4 <span class=\"en\">/ 4</span></b>"), std::string::npos);
  // Points against the maximum and the cohort median.
  EXPECT_NE(html.find("aria-label=\"1: 0.00 of 60.00, cohort median 30.00\""), std::string::npos);
  EXPECT_NE(html.find("aria-label=\"2: 36.00 of 40.00, cohort median 30.00\""), std::string::npos);
  // The radar: 1 at 0% of its maximum (median 50%), 2 at 90% (median 75%).
  EXPECT_NE(html.find("规模 0% / 50%; 评价 90% / 75%"), std::string::npos);
  // The experts' ratings: X 优, Y 良, combined 90%.
  const std::string ratings = html.substr(html.find("<table class=\"ratings cards\">"));
  EXPECT_NE(ratings.find("<th>X</th><th>Y</th>"), std::string::npos);
  EXPECT_NE(ratings.find("<td class=\"inline\" data-label=\"X\">优</td><td class=\"inline\" data-label=\"Y\">良</td>"
                         "<td class=\"num inline\" data-label=\"综合\">90.0%</td>"),
            std::string::npos);
  // How 1.1 became points, from Explain().
  EXPECT_NE(html.find("min-max over the cohort (min 10, max 30)"), std::string::npos);
  EXPECT_THROW_WITH(HtmlReport(r, ReportOptions{"Z", nullptr}), Error, "no entity 'Z' in the data");
}

TEST(Report, RankIntervalAndGradeProbabilities) {
  Result r = HandCohort();
  UncertaintyResult u;
  u.entity_ids = {"A"};
  u.grades = {"优", "良", "中"};
  u.inputs = {"weights"};
  u.totals.resize(10, 1);
  EntityUncertainty a;
  a.median_rank = 3;
  a.rank_p05 = 2;
  a.rank_p95 = 4;
  a.grade_probability = {0, 0, 0.3, 0.7};  // 中 in 3 of 10 replications, none in 7
  u.entities = {a};
  ReportOptions options{"A", &u};
  const std::string html = HtmlReport(r, options);
  EXPECT_NE(html.find("<td class=\"num\">2 – 4</td>"), std::string::npos);
  EXPECT_NE(html.find("10 replications, each varying the weights."), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">30.0%</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">70.0%</td>"), std::string::npos);
  // A (36) has no grade, which 7 of the 10 replications give: 70%, below 90%, so the grade is flagged unstable.
  EXPECT_THAT_CONTAINS(html, "等级不稳定：无等级的概率为 70.0%，低于 90%");
  a.grade_probability = {0, 0, 0.05, 0.95};
  u.entities = {a};
  EXPECT_EQ(HtmlReport(r, options).find("grade-unstable"), std::string::npos);
  // B is not in the analysis: its scorecard has no interval.
  options.entity = "B";
  EXPECT_EQ(HtmlReport(r, options).find("class=\"stability\""), std::string::npos);
}

TEST(Report, WrittenToAFileOrAFolder) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("makerscore-report-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  Result r = HandCohort();
  EXPECT_EQ(WriteHtmlReport(r, (dir / "all.HTML").string()), std::vector<std::string>{(dir / "all.HTML").string()});
  const auto pages = WriteHtmlReport(r, (dir / "pages").string());
  EXPECT_EQ(pages.size(), 5u);  // index.html and 4 scorecards
  for (const char* name : {"index.html", "A.html", "B.html", "C.html", "D.html"}) {
    EXPECT_TRUE(fs::exists(dir / "pages" / name)) << name;
  }
  // The overview links to each scorecard's page.
  EXPECT_NE(testing::ReadText((dir / "pages" / "index.html").string()).find("<a href=\"A.html\">"), std::string::npos);
  ReportOptions one{"C", nullptr};
  EXPECT_EQ(WriteHtmlReport(r, (dir / "one").string(), one),
            std::vector<std::string>{(dir / "one" / "C.html").string()});
  // Places a report cannot go.
  std::ofstream(dir / "plain") << "x";
  EXPECT_THROW_WITH(WriteHtmlReport(r, (dir / "plain").string()), Error, "it is a file, not a folder");
  EXPECT_THROW_WITH(WriteHtmlReport(r, (dir / "no" / "such").string()), Error,
                    "cannot write the report folder: the folder");
  EXPECT_THROW_WITH(WriteHtmlReport(r, (dir / "no" / "such.html").string()), Error, "does not exist");
  fs::remove_all(dir);
}

TEST(Report, FileNamesFromIdsAFileSystemAccepts) {
  namespace fs = std::filesystem;
  const char* rules = R"(format: makerscore/1
id: f
title: 文件名
fields:
  - {id: a, name: 数}
indicators:
  - {id: "1", name: 数, weight: 100, value: a, score: {method: minmax}}
)";
  Model m = Model::Compile(testing::RulesFromText(rules));
  auto data = std::make_shared<Dataset>(ParseDatasetCsv("id,a\na/b,1\na_b,2\n..,3\n", m.rules(), "d.csv"));
  Result r = Score(m, data);
  const fs::path dir = fs::temp_directory_path() / ("makerscore-names-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto pages = WriteHtmlReport(r, dir.string());
  std::vector<std::string> names;
  for (const auto& p : pages) names.push_back(fs::path(p).filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"_...html", "a_b-2.html", "a_b.html", "index.html"}));
  fs::remove_all(dir);
  // Issue 14: an id too long for a file name (84 Chinese characters, 252 bytes) gets a page whose name is cut
  // at a character boundary, and the folder is written whole.
  std::string id;
  for (int k = 0; k < 84; ++k) id += "创";
  auto long_id = std::make_shared<Dataset>(ParseDatasetCsv("id,a\n" + id + ",1\nB,2\n", m.rules(), "d.csv"));
  pages = WriteHtmlReport(Score(m, long_id), dir.string());
  ASSERT_EQ(pages.size(), 3u);
  for (const auto& p : pages) {
    EXPECT_TRUE(fs::exists(p)) << p;
    EXPECT_LE(fs::path(p).filename().string().size(), 255u);
  }
  EXPECT_TRUE(fs::exists(dir / (id.substr(0, 198) + ".html")));  // 66 characters: 198 bytes, within 200
  fs::remove_all(dir);
}

TEST(Report, AReportFormHasOnlyItsChecks) {
  // Shanxi's annual report form: fields and consistency checks, no indicators. Its example breaks three
  // checks (docs: examples/data/make_shanxi_example.py plants them in SX002, SX004 and SX005).
  Model m = Model::Compile(LoadRulesOrThrow(testing::SourcePath("rules/shanxi-2018-form.yaml")));
  auto data = std::make_shared<Dataset>(
      ReadDatasetCsv(testing::SourcePath("examples/data/shanxi-example-2018.csv"), m.rules()));
  Result r = Score(m, data);
  const std::string html = HtmlReport(r);
  EXPECT_EQ(html.find("<section class=\"scorecard\""), std::string::npos);
  EXPECT_EQ(html.find("id=\"ranking-table\""), std::string::npos);
  const std::string checks = Table(html, "violations");
  EXPECT_EQ(Count(checks, "<tr><td class=\"num\">"), 3);
  for (const char* id : {"SX002", "SX004", "SX005"}) EXPECT_NE(checks.find(id), std::string::npos) << id;
  EXPECT_THROW_WITH(HtmlReport(r, ReportOptions{"SX001", nullptr}), Error,
                    "has no indicators to score, so no scorecard");
}

TEST(Report, ACellSetAsideIsNamedInTheOverviewAndTheScorecard) {
  std::string rules = kRules;
  rules.replace(rules.find("fields:"), 0, "bad_cells: set_aside\n");
  Model m = Model::Compile(testing::RulesFromText(rules));
  // B's a is not a number: B is scored without it and neither ranked nor graded.
  auto data = std::make_shared<Dataset>(
      ParseDatasetCsvLenient("id,name,a\nA,甲,10\nB,乙,三十\nC,丙,20\nD,丁,20\n", m.rules(), "d.csv").data);
  auto ratings = std::make_shared<Ratings>(ParseRatingsCsv(kRatings, "r.csv"));
  const std::string html = HtmlReport(Score(m, data, nullptr, ratings));
  const std::string listed = html.substr(html.find("<ul id=\"not-ranked\">"));
  EXPECT_NE(listed.find("<li><b>B</b>"), std::string::npos);
  EXPECT_NE(listed.find("第 3 行 <span class=\"en\" lang=\"en\">row 3</span>, column &#39;a&#39;"), std::string::npos);
  const size_t card = html.find("<section class=\"scorecard\" id=\"scorecard-2\" data-entity=\"B\">");
  ASSERT_NE(card, std::string::npos);
  EXPECT_LT(html.find("<p class=\"warning\">", card), html.find("</section>", card));
}

TEST(Report, AnEmptyCohort) {
  // Found by fuzzing: a data file with a header and no rows once read past the end of the arrays.
  Model m = Model::Compile(testing::RulesFromText(kRules));
  auto data = std::make_shared<Dataset>(ParseDatasetCsv("id,name,a\n", m.rules(), "d.csv"));
  const std::string html = HtmlReport(Score(m, data, nullptr, std::make_shared<Ratings>()));
  EXPECT_NE(html.find("参评 <span class=\"en\" lang=\"en\">entities</span><b>0</b>"), std::string::npos);
  EXPECT_EQ(html.find("<section class=\"scorecard\""), std::string::npos);
}

}  // namespace
}  // namespace makerscore

namespace makerscore {
namespace {

TEST(Report, TheIssuersPageAndWhyThisGrade) {
  // report: replaces the rule file's title and source in the header; the scorecards carry it too.
  std::string rules = kRules;
  rules.replace(rules.find("grades:"), 7,
                "report: {title: 2019年度评价结果, issuer: 某省科学技术厅, year: \"2019\", date: 2020年6月30日, "
                "note: 作为后补助依据}\ngrades:");
  Model m = Model::Compile(testing::RulesFromText(rules));
  auto data = std::make_shared<Dataset>(ParseDatasetCsv(kData, m.rules(), "d.csv"));
  auto ratings = std::make_shared<Ratings>(ParseRatingsCsv(kRatings, "r.csv"));
  const std::string html = HtmlReport(Score(m, data, nullptr, ratings));
  EXPECT_THAT_CONTAINS(html, "<title>2019年度评价结果</title>");
  EXPECT_THAT_CONTAINS(html, "<h1>2019年度评价结果</h1>");
  EXPECT_THAT_CONTAINS(html, "某省科学技术厅");
  EXPECT_THAT_CONTAINS(html, "2020年6月30日");
  EXPECT_THAT_CONTAINS(html, "作为后补助依据");
  EXPECT_THAT_CONTAINS(html, "《报告测试》");
  // The cut-offs by hand (优 80, 良 60, 中 40) in the grade table. On the scorecards: C (70, 良) is 10 short of
  // 优 and 10 above 良's cut-off; D (50, 中, the lowest grade) 10 short of 良; A (36, no grade) 4 short of 中.
  EXPECT_THAT_CONTAINS(html, "≥ 80");
  EXPECT_THAT_CONTAINS(html, "≥ 40");
  EXPECT_THAT_CONTAINS(html, "距“优”还差 10 分");
  EXPECT_THAT_CONTAINS(html, "高出“良”的分界 10 分");
  EXPECT_THAT_CONTAINS(html, "距“良”还差 10 分");
  EXPECT_THAT_CONTAINS(html, "距“中”还差 4 分");
  // Without report: the rule file's title, as before.
  EXPECT_THAT_CONTAINS(HtmlReport(HandCohort()), "<h1>报告测试</h1>");
}

TEST(Report, AReportInformationFileIsCheckedWhereItIs) {
  const std::string dir = ::testing::TempDir() + "/report-info";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/rules.yaml") << kRules;
  std::ofstream(dir + "/info.yaml") << "title: 年度结果\nissuer: 科技厅\n";
  LoadResult ok = LoadRulesWithReportInfo(dir + "/rules.yaml", dir + "/info.yaml");
  ASSERT_TRUE(ok.ok()) << ok.diagnostics.ToString();
  EXPECT_EQ(ok.rules->report->issuer, "科技厅");
  std::ofstream(dir + "/bad.yaml") << "title: 年度结果\nissuer: 科技厅\nyaer: 2019\n";
  LoadResult bad = LoadRulesWithReportInfo(dir + "/rules.yaml", dir + "/bad.yaml");
  EXPECT_FALSE(bad.ok());
  EXPECT_THAT_CONTAINS(bad.diagnostics.ToString(), "bad.yaml:3:1: error: unknown key 'yaer' (did you mean 'year'?)");
  std::ofstream(dir + "/list.yaml") << "- title\n";
  EXPECT_THAT_CONTAINS(LoadRulesWithReportInfo(dir + "/rules.yaml", dir + "/list.yaml").diagnostics.ToString(),
                       "a report information file is a map of the keys of 'report:'");
}

}  // namespace
}  // namespace makerscore

namespace makerscore {
namespace {

TEST(Report, ClampingIsSaidToBeNormalScoringNotBadData) {
  // B's 20 lies beyond the goalposts' 10: full points, flagged capped. The data-quality table counts it under
  // 按上下限计分 and says under the table that this is normal scoring.
  Model m = Model::Compile(testing::RulesFromText(R"(format: makerscore/1
id: c
title: 封顶
fields: [{id: g, name: 增长率}]
indicators:
  - {id: G, name: 增长, weight: 100, value: g, score: {method: goalposts, low: 0, high: 10}}
)"));
  const std::string html =
      HtmlReport(Score(m, std::make_shared<Dataset>(ParseDatasetCsv("id,g\nA,5\nB,20\n", m.rules(), "c.csv"))));
  EXPECT_THAT_CONTAINS(html, "按上下限计分");
  EXPECT_THAT_CONTAINS(html, "是正常计分");
  EXPECT_EQ(html.find("超出范围"), std::string::npos);
}

// Issue 19: the overview or the scorecards alone, for printing one without the other.
TEST(Report, OverviewOrScorecardsAlone) {
  const Result r = HandCohort();
  ReportOptions o;
  o.parts = ReportParts::kOverview;
  const std::string overview = HtmlReport(r, o);
  EXPECT_NE(overview.find("id=\"ranking-table\""), std::string::npos);
  EXPECT_EQ(Count(overview, "<section class=\"scorecard\""), 0);
  EXPECT_EQ(overview.find("href=\"#scorecard-"), std::string::npos);  // no link to a scorecard not there
  o.parts = ReportParts::kScorecards;
  const std::string cards = HtmlReport(r, o);
  EXPECT_EQ(cards.find("id=\"ranking-table\""), std::string::npos);
  EXPECT_EQ(Count(cards, "<section class=\"scorecard\""), 4);
  // A folder of scorecards alone holds no index.html.
  const auto dir = std::filesystem::temp_directory_path() / "makerscore-report-cards";
  std::filesystem::remove_all(dir);
  const std::vector<std::string> written = WriteHtmlReport(r, dir.string(), o);
  EXPECT_EQ(written.size(), 4u);
  EXPECT_FALSE(std::filesystem::exists(dir / "index.html"));
  EXPECT_TRUE(std::filesystem::exists(dir / "B.html"));
  std::filesystem::remove_all(dir);
}

// Issue 19: a scorecard sent to a makerspace names its experts 专家1...N (by the order of their ids, the
// same on every scorecard), or shows only the combined rating; nowhere the ids.
TEST(Report, AnonymousExperts) {
  const Result r = HandCohort();
  ReportOptions o;
  o.entity = "A";  // rated by X (优) and Y (良)
  o.experts = ExpertNames::kNumbered;
  std::string card = HtmlReport(r, o);
  EXPECT_THAT_CONTAINS(card, "<th>专家1</th><th>专家2</th>");
  EXPECT_THAT_CONTAINS(card, "expert 1: 优 = 1\n");
  EXPECT_THAT_CONTAINS(card, "expert 2: 良 = 0.8\n");
  EXPECT_EQ(card.find("expert X"), std::string::npos);
  EXPECT_EQ(card.find("<th>X</th>"), std::string::npos);
  o.entity = "C";  // rated by X alone: still 专家1, as on A's
  EXPECT_THAT_CONTAINS(HtmlReport(r, o), "<th>专家1</th><th class=\"num\">");
  o.entity = "A";
  o.experts = ExpertNames::kCombinedOnly;
  card = HtmlReport(r, o);
  EXPECT_EQ(card.find("专家1"), std::string::npos);
  EXPECT_EQ(card.find("expert "), std::string::npos);
  // The combined rating stays: (1 + 0.8) / 2 = 90%.
  EXPECT_THAT_CONTAINS(card, "data-label=\"综合\">90.0%</td>");
  EXPECT_EQ(card.find("data-label=\"X\""), std::string::npos);
  ExplainOptions how;
  how.experts = ExpertNames::kNumbered;
  EXPECT_THAT_CONTAINS(Explain(r, "D", "2", how), "    expert 1: 差 = 0.4\n    expert 2: 中 = 0.6\n");
}

// Issue 19: given last year's result, the ranking's move column, the movement chart and each scorecard's
// last year; a missing figure with what it cost.
TEST(Report, LastYearAndWhatMissingCost) {
  Model m = Model::Compile(testing::RulesFromText(kRules));
  // B's a is empty: 1.1 min-max over 10, 20, 20 gives A 0, C 60, D 60 points; B earns 0 there.
  auto data =
      std::make_shared<Dataset>(ParseDatasetCsv("id,name,a\nA,甲,10\nB,乙,\nC,丙,20\nD,丁,20\n", m.rules(), "d.csv"));
  auto ratings = std::make_shared<Ratings>(ParseRatingsCsv(kRatings, "r.csv"));
  auto last = std::make_shared<PreviousResult>(
      ParsePreviousResult("rank,id,name,total,grade\n1,C,,75,良\n2,A,,50,中\n3,B,,45,中\n", "2018.csv"));
  const Result r = Score(m, Cohort{data, nullptr, ratings, last});
  // This year by hand: A 0 + 36 = 36, B 0 + 24 = 24, C 60 + 40 = 100, D 60 + 20 = 80: ranks C, D, A, B.
  ASSERT_EQ(r.rank(2), 1);
  ASSERT_EQ(r.rank(0), 3);
  const std::string html = HtmlReport(r);
  const std::string ranking = Table(html, "ranking-table");
  // C stays 1st (0); A falls 2 -> 3 (↓1); B 3 -> 4 (↓1); D is new.
  EXPECT_THAT_CONTAINS(ranking,
                       "data-label=\"上年排名\">1</td><td class=\"num inline\" data-label=\"名次变化\">0</td>");
  EXPECT_THAT_CONTAINS(ranking,
                       "data-label=\"上年排名\">2</td><td class=\"num inline\" data-label=\"名次变化\">↓1</td>");
  EXPECT_THAT_CONTAINS(ranking,
                       "data-label=\"上年排名\">-</td><td class=\"num inline\" data-label=\"名次变化\">新</td>");
  EXPECT_THAT_CONTAINS(html, "id=\"movement-chart\"");
  EXPECT_THAT_CONTAINS(html, "上升 0，下降 2，持平 1，新参评 1");
  EXPECT_THAT_CONTAINS(html, "2 丁 (新)</text>");
  // A's scorecard: 2nd last year with 50 points (中); this year 36: -14.
  EXPECT_THAT_CONTAINS(html, "第 2 名 · 50.00 分 · 中");
  EXPECT_THAT_CONTAINS(html, "-14.00");
  // B's missing 1.1: those who reported it earned 0, 60, 60 (median 60), B earned 0: it cost 60.
  const std::string missing = Table(html, "missing");
  EXPECT_THAT_CONTAINS(missing, "data-label=\"填报者中位数\">60</td><td class=\"num\" data-label=\"少得\">60.00</td>");
  EXPECT_THAT_CONTAINS(html, "1.1 人数（少得约 60.00 分）");
}

}  // namespace
}  // namespace makerscore
