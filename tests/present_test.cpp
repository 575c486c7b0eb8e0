// Presenting results: display width, the aligned table, CSV and JSON.
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "data/xlsx_reader.h"
#include "test_util.h"
#include "util/text.h"

namespace makerscore {
namespace {

Result Small() {
  const char* rules = R"(format: makerscore/1
id: p
title: 展示测试
fields: [{id: a, name: 甲}]
indicators:
  - {id: "1", name: 服务能力, weight: 100, value: a, score: {method: goalposts, low: 0, high: 10}}
grades:
  - {grade: 优, min: 80}
  - {grade: 差, min: 0}
)";
  Model m = Model::Compile(testing::RulesFromText(rules));
  auto d = std::make_shared<Dataset>(ParseDatasetCsv(
      "id,name,a\nS1,南宁北部湾创新港众创空间,8.5\nS2,\"Maker, Ltd\",10\nS3,柳州,\n", m.rules(), "d.csv"));
  return Score(m, d);
}

TEST(DisplayWidth, ChineseCharactersTakeTwoColumns) {
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("众创空间"), 8);
  EXPECT_EQ(DisplayWidth("（优）"), 6);  // full-width brackets
  EXPECT_EQ(DisplayWidth("A优1"), 4);
  EXPECT_EQ(DisplayWidth(""), 0);
}

TEST(Table, ColumnsLineUpByDisplayWidth) {
  std::string table = FormatTable(Small());
  std::istringstream in(table);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  // Title, blank, header, rule, three rows.
  ASSERT_GE(lines.size(), 7u) << table;
  EXPECT_EQ(lines[0], "展示测试");
  // The last column is right-aligned, so every row and the header end at the same display column.
  int width = DisplayWidth(lines[2]);
  for (int k = 4; k < 7; ++k) EXPECT_EQ(DisplayWidth(lines[k]), width) << lines[k];
  // The total column starts at the same display column in every row: find "总分" in the header.
  EXPECT_NE(lines[4].find("S2"), std::string::npos);  // rank 1: 10 -> 100 points
  EXPECT_NE(lines[4].find("100.00"), std::string::npos);
  EXPECT_NE(lines[5].find("南宁北部湾创新港众创空间"), std::string::npos);
  EXPECT_NE(lines[5].find("85.00"), std::string::npos);
}

TEST(Csv, RowsInRankOrderWithQuotingAndFlags) {
  std::ostringstream out;
  WriteCsv(Small(), out);
  // Why this grade (优 from 80, 差 from 0): S2's 100 and S1's 85 are 20 and 5 above 优's cut-off, the best
  // grade; S3's 0 is 80 short of 优 and in the lowest grade. None lies within 1 point (1% of 100) of a cut-off.
  EXPECT_EQ(out.str(),
            "rank,id,name,total,grade,1,flags,to_next_grade,above_cutoff,near_boundary\n"
            "1,S2,\"Maker, Ltd\",100,优,100,,,20,\n"
            "2,S1,南宁北部湾创新港众创空间,85,优,85,,,5,\n"
            "3,S3,柳州,0,差,0,1:missing,80,,\n");
}

// What AppendNumber must write: std::to_chars' fixed notation of the exact binary value with `digits`
// decimals, its trailing zeros and then a bare '.' removed, "-0" written "0" (and from 1e15 on, the shortest
// form). Its fast path works from x·10^digits rounded; this checks it against that definition.
std::string NumberByDefinition(double x, int digits) {
  char buf[400];
  if (std::fabs(x) >= 1e15) return std::string(buf, std::to_chars(buf, buf + sizeof buf, x).ptr);
  std::string s(buf, std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, digits).ptr);
  if (digits > 0) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

TEST(Numbers, AppendNumberWritesToCharsFixedNotationTrimmed) {
  std::vector<double> xs = {0.0,
                            -0.0,
                            1,
                            -1,
                            0.5,
                            1.5,
                            2.5,
                            -2.5,
                            0.125,
                            0.0625,
                            1e-7,
                            -1e-7,
                            4e-7,
                            5e-7,
                            6e-7,
                            123456.789,
                            999999999.9999995,
                            1e9,
                            -1e9,
                            1e9 + 0.5,
                            1e15,
                            1e300,
                            5e-324,
                            85,
                            100,
                            0.1 + 0.2,
                            1.0 / 3,
                            2.0 / 3,
                            99.9999995,
                            0.0000005,
                            0.0000015};
  std::mt19937_64 random(20261207);
  std::uniform_real_distribution<double> exponent(-9, 11), unit(0, 1);
  for (int k = 0; k < 200000; ++k) {
    const double x = std::pow(10.0, exponent(random)) * (unit(random) < 0.5 ? -1 : 1);
    xs.push_back(x);
    // Near ties: k + 1/2 in the last decimal kept, and the doubles either side.
    const int d = k % 7;
    const double tie = (std::floor(std::fabs(x) * std::pow(10.0, d)) + 0.5) / std::pow(10.0, d);
    xs.insert(xs.end(), {tie, std::nextafter(tie, 0.0), std::nextafter(tie, 1e300), -tie});
  }
  for (int digits = 0; digits <= 8; ++digits) {
    for (double x : xs) {
      std::string written;
      detail::AppendNumber(x, digits, &written);
      ASSERT_EQ(written, NumberByDefinition(x, digits)) << "x = " << std::hexfloat << x << ", digits " << digits;
    }
  }
}

TEST(Json, CarriesTotalsAndPerIndicatorDetail) {
  nlohmann::json j = nlohmann::json::parse(ToJson(Small()));
  EXPECT_EQ(j["rules"]["id"], "p");
  ASSERT_EQ(j["entities"].size(), 3u);
  EXPECT_EQ(j["entities"][0]["id"], "S2");
  EXPECT_EQ(j["entities"][0]["rank"], 1);
  EXPECT_DOUBLE_EQ(j["entities"][1]["indicators"]["1"]["score"].get<double>(), 0.85);
  EXPECT_TRUE(j["entities"][2]["indicators"]["1"]["value"].is_null());
  EXPECT_EQ(j["entities"][2]["indicators"]["1"]["flags"][0], "missing");
}

TEST(Json, PointsThatAddUpShowAsTheirSum) {
  // Three indicators of 20 points, each earning 0.1 of a point per event: the JSON shows the decimal sum a
  // person would write, not the binary one.
  Model m = Model::Compile(testing::RulesFromText(R"(format: makerscore/1
id: s
title: 求和
total: 60
fields: [{id: a, name: 甲}, {id: b, name: 乙}, {id: c, name: 丙}]
indicators:
  - {id: A, name: 甲, weight: 20, value: a * 0.1, score: {method: points}}
  - {id: B, name: 乙, weight: 20, value: b * 0.1, score: {method: points}}
  - {id: C, name: 丙, weight: 20, value: c * 0.1, score: {method: points}}
)"));
  Result r = Score(m, std::make_shared<Dataset>(ParseDatasetCsv("id,a,b,c\nX,1,1,3\n", m.rules(), "d.csv")));
  // 0.1 + 0.1 + 0.3 points, each through its share of the total, come to 0.5000000000000001 in binary.
  ASSERT_NE(r.total(0), 0.5);
  nlohmann::json j = nlohmann::json::parse(ToJson(r));
  EXPECT_EQ(j["entities"][0]["total"].dump(), "0.5");
}

}  // namespace
}  // namespace makerscore

namespace makerscore {
namespace {

TEST(Workbook, AnIdThatLooksLikeANumberStaysText) {
  // 007 as a number would come back as 7: the id and name columns are text; other numbers stay numbers.
  const std::string book = TableWorkbook("id,name,total\n007,甲,1.5\n1e5,乙,2\n", "表");
  const detail::SheetRows rows = detail::ReadXlsxSheet(book, "", "t.xlsx");
  ASSERT_EQ(rows.cells.size(), 3u);
  EXPECT_EQ(rows.sheet, "表");
  EXPECT_EQ(rows.cells[1], (std::vector<std::string>{"007", "甲", "1.5"}));
  EXPECT_EQ(rows.cells[2], (std::vector<std::string>{"1e5", "乙", "2"}));
}

}  // namespace
}  // namespace makerscore
