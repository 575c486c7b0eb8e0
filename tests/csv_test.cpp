// Reading cohorts and ratings from CSV: what works, and every refusal.
#include <cmath>

#include "test_util.h"
#include "util/number_cell.h"

namespace makerscore {
namespace {

RuleSet Rules() {
  return testing::RulesFromText(R"(format: makerscore/1
id: csv
title: CSV
fields:
  - {id: income, name: 总收入, unit: 万元, kind: amount, min: 0}
  - {id: staff, name: 服务人员数量, unit: 人, kind: count}
  - {id: online, name: 是否建有在线交流平台, kind: flag}
)");
}

TEST(DatasetCsv, ReadsIdsNamesAndColumnsByIdOrChineseName) {
  Dataset d = ParseDatasetCsv(
      "id,name,总收入,staff,online\n"
      "A,甲空间,12.5,3,是\n"
      "B,\"乙, 空间\",,4,0\n",
      Rules(), "d.csv");
  ASSERT_EQ(d.entity_count(), 2);
  EXPECT_EQ(d.entity_ids()[1], "B");
  EXPECT_EQ(d.entity_names()[1], "乙, 空间");
  EXPECT_DOUBLE_EQ(d.value(0, 0), 12.5);
  EXPECT_TRUE(std::isnan(d.value(1, 0)));  // empty cell: missing, not 0
  EXPECT_DOUBLE_EQ(d.value(0, 2), 1);      // 是
  EXPECT_EQ(d.row(1), 3);
}

TEST(DatasetCsv, BomCrlfAndCommentLinesSimplyWork) {
  Dataset d = ParseDatasetCsv("\xEF\xBB\xBF# a note\r\nid,income,staff,online\r\nA,1,2,1\r\n", Rules(), "d.csv");
  ASSERT_EQ(d.entity_count(), 1);
  EXPECT_DOUBLE_EQ(d.value(0, 1), 2);
  EXPECT_EQ(d.row(0), 3);
}

TEST(DatasetCsv, SpreadsheetNumberFormsWhoseMeaningIsCertain) {
  RuleSet rules = testing::RulesFromText(R"(format: makerscore/1
id: csv
title: CSV
fields:
  - {id: income, name: 总收入, unit: 万元}
  - {id: share, name: 占比, unit: "%"}
)");
  // Thousands separators (quoted, as spreadsheets write them), full-width digits, point and minus,
  // a percent sign in a field measured in %, no-break and ideographic spaces around the number.
  Dataset d = ParseDatasetCsv(
      "id,income,share\n"
      "A,\"1,234,567.5\",12.5%\n"
      "B,１２３．５,－３\n"
      "C,\xC2\xA0"
      "42\xE3\x80\x80,７％\n",
      rules, "d.csv");
  EXPECT_DOUBLE_EQ(d.value(0, 0), 1234567.5);
  EXPECT_DOUBLE_EQ(d.value(0, 1), 12.5);
  EXPECT_DOUBLE_EQ(d.value(1, 0), 123.5);
  EXPECT_DOUBLE_EQ(d.value(1, 1), -3);
  EXPECT_DOUBLE_EQ(d.value(2, 0), 42);
  EXPECT_DOUBLE_EQ(d.value(2, 1), 7);
}

TEST(DatasetCsv, APercentageInAShareIsTheFractionExactly) {
  // kind: share is a fraction (0.25 is 25%), so "69.5%" there can only mean 0.695, and "56.7%" is the number
  // 0.567 as written (56.7 / 100 in binary is 0.5670000000000001, one bit off).
  RuleSet rules = testing::RulesFromText(R"(format: makerscore/1
id: csv
title: CSV
fields:
  - {id: occ, name: 入驻率, kind: share}
)");
  ASSERT_NE(56.7 / 100, 0.567);
  Dataset d = ParseDatasetCsv("id,occ\nA,69.5%\nB,56.7%\nC,0.4\nD,７％\n", rules, "d.csv");
  EXPECT_EQ(d.value(0, 0), 0.695);
  EXPECT_EQ(d.value(1, 0), 0.567);
  EXPECT_EQ(d.value(2, 0), 0.4);
  EXPECT_EQ(d.value(3, 0), 0.07);
}

TEST(NumberCell, ShiftDecimalMovesThePointInDecimal) {
  EXPECT_EQ(detail::ShiftDecimal("0.695", 2), "69.5");
  EXPECT_EQ(detail::ShiftDecimal("0.07", 2), "7");
  EXPECT_EQ(detail::ShiftDecimal("7.3", -2), "0.073");
  EXPECT_EQ(detail::ShiftDecimal("-6.95e-2", 2), "-6.95");
  EXPECT_EQ(detail::ShiftDecimal("12", 2), "1200");
  EXPECT_EQ(detail::ShiftDecimal("1.5E+3", -2), "15");
  EXPECT_EQ(detail::ShiftDecimal("0", 2), "0");
  EXPECT_EQ(detail::ShiftDecimal("abc", 2), "abc");  // not a plain decimal: as is
}

TEST(DatasetCsv, SpreadsheetFormsWhoseMeaningIsNotCertainAreRefused) {
  RuleSet rules = testing::RulesFromText(R"(format: makerscore/1
id: csv
title: CSV
fields: [{id: income, name: 总收入, unit: 万元}]
)");
  auto error_of = [&](const std::string& cell) {
    try {
      ParseDatasetCsv("id,income\nA,\"" + cell + "\"\n", rules, "d.csv");
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_THAT_CONTAINS(error_of("12%"),
                       "d.csv:2: column 'income' (总收入): expected a number in 万元, found the "
                       "percentage '12%' (write 12 if the field is measured in percent, 0.12 if it is a fraction)");
  EXPECT_THAT_CONTAINS(error_of("1,23"), "found '1,23': a comma may only separate thousands (1,234,567)");
  EXPECT_THAT_CONTAINS(error_of("12,34,567"), "a comma may only separate thousands");
  EXPECT_THAT_CONTAINS(error_of("1,234,"), "a comma may only separate thousands");
  EXPECT_THAT_CONTAINS(error_of("#DIV/0!"), "'#DIV/0!' is a spreadsheet error, not a value");
  EXPECT_THAT_CONTAINS(error_of("NaN"), "expected a finite number in 万元, found 'NaN'");
  EXPECT_THAT_CONTAINS(error_of("-inf"), "expected a finite number in 万元, found '-inf'");
  EXPECT_THAT_CONTAINS(error_of("1e999"),
                       "found '1e999', which is larger than the largest number makerscore holds (about 1.8e308)");
  // Issue 14: an underflow is not "too large".
  EXPECT_THAT_CONTAINS(error_of("1e-400"),
                       "found '1e-400', which is closer to 0 than the smallest number makerscore "
                       "holds (about 2.2e-308; write 0 if 0 is meant)");
  EXPECT_THAT_CONTAINS(error_of("1 234"), "expected a number in 万元, found '1 234'");
  EXPECT_THAT_CONTAINS(error_of("0x10"), "expected a number in 万元, found '0x10'");
}

TEST(DatasetCsv, MissingColumnNamesTheField) {
  EXPECT_THROW_WITH(ParseDatasetCsv("id,income,online\nA,1,1\n", Rules(), "d.csv"), DataError,
                    "d.csv:1: missing 1 column of the rule file's fields (by id or name): staff (服务人员数量)");
  EXPECT_THROW_WITH(ParseDatasetCsv("code,income,staff,online\nA,1,1,1\n", Rules(), "d.csv"), DataError,
                    "d.csv:1: no column holding the entity ids: head it 'id' (the rule file's entity id column) or "
                    "编号; the header has 'code', 'income', 'staff', 'online'");
}

// Issue 15: headers as departments write them.
TEST(DatasetCsv, TheUsualChineseIdAndNameHeadersAndUnitsInBrackets) {
  Dataset d = ParseDatasetCsv("编号,众创空间名称,总收入（万元）,服务人员数量(人),online\nA,甲空间,12.5,3,1\n", Rules(),
                              "d.csv");
  ASSERT_EQ(d.entity_count(), 1);
  EXPECT_EQ(d.entity_ids()[0], "A");
  EXPECT_EQ(d.entity_names()[0], "甲空间");
  EXPECT_DOUBLE_EQ(d.value(0, 0), 12.5);
  EXPECT_DOUBLE_EQ(d.value(0, 1), 3);
}

TEST(DatasetCsv, AUnitThatDiffersFromTheFieldsIsRefused) {
  // 元 against 万元: read as it is, every income would be 10,000 times too large.
  EXPECT_THROW_WITH(
      ParseDatasetCsv("id,总收入（元）,staff,online\nA,125000,3,1\n", Rules(), "d.csv"), DataError,
      "d.csv:1: the column '总收入（元）' is in 元, but the rule file's field income (总收入) is in 万元: "
      "convert the column to 万元, or head it '总收入' once it is");
}

TEST(DatasetCsv, AHeaderThatNearlyMatchesIsSuggested) {
  EXPECT_THROW_WITH(ParseDatasetCsv("id,income,服务人员数,online\nA,1,3,1\n", Rules(), "d.csv"), DataError,
                    "missing 1 column of the rule file's fields (by id or name): staff (服务人员数量; is it the column "
                    "'服务人员数'?)");
}

TEST(DatasetCsv, TitleRowsBlankRowsAndATotalsRowAreLeftOut) {
  const std::string csv =
      "2019年度众创空间统计表,,,,\n"
      ",,,,\n"
      "id,name,income,staff,online\n"
      "A,甲,10,1,1\n"
      "B,乙,20,3,0\n"
      ",,,,\n"
      ",合计,30,4,1\n"
      ",,,,\n";
  Dataset d = ParseDatasetCsv(csv, Rules(), "d.csv");
  ASSERT_EQ(d.entity_count(), 2);
  EXPECT_EQ(d.row(1), 5);
  EXPECT_EQ(d.notes(),
            (std::vector<std::string>{
                "d.csv:1: left out the title row '2019年度众创空间统计表' above the header",
                "d.csv:7: left out the totals row '合计': it sums or averages the makerspaces and is not one "
                "of them"}));
  // A totals row given an id of its own is left out too.
  EXPECT_EQ(
      ParseDatasetCsv("id,name,income,staff,online\nA,甲,10,1,1\n总 计,,10,1,1\n", Rules(), "d.csv").entity_count(), 1);
  // English labels, the shortest ("Sum") and one spaced out, are totals rows; names that only begin like one
  // ("Summit", "Totals Ltd") are makerspaces.
  const Dataset english = ParseDatasetCsv(
      "id,name,income,staff,online\nA,Summit,10,1,1\nB,Totals Ltd,1,1,1\nSum,,11,2,2\n,T o t a l,11,2,2\n"
      ",AVERAGE,5.5,1,1\n",
      Rules(), "d.csv");
  EXPECT_EQ(english.entity_ids(), (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(english.notes().size(), 3u);
}

TEST(DatasetCsv, NonNumericCellNamesRowColumnAndExpectation) {
  EXPECT_THROW_WITH(ParseDatasetCsv("id,income,staff,online\nA,1,2,1\nB,十二,2,1\n", Rules(), "d.csv"), DataError,
                    "d.csv:3: column 'income' (总收入): expected a number in 万元, found '十二' (leave the cell empty "
                    "if the value is unknown)");
}

TEST(DatasetCsv, CountsMustBeWholeAndBoundsHold) {
  EXPECT_THROW_WITH(ParseDatasetCsv("id,income,staff,online\nA,1,2.5,1\n", Rules(), "d.csv"), DataError,
                    "d.csv:2: column 'staff' (服务人员数量): expected a whole number of at least 0, found '2.5'");
  EXPECT_THROW_WITH(ParseDatasetCsv("id,income,staff,online\nA,-3,2,1\n", Rules(), "d.csv"), DataError,
                    "d.csv:2: column 'income' (总收入): -3 is below the smallest allowed value 0");
  EXPECT_THROW_WITH(ParseDatasetCsv("id,income,staff,online\nA,1,2,2\n", Rules(), "d.csv"), DataError,
                    "expected 0 or 1 (or 是/否), found '2'");
}

TEST(DatasetCsv, DuplicateIdsAndRaggedRows) {
  EXPECT_THROW_WITH(ParseDatasetCsv("id,income,staff,online\nA,1,2,1\nA,1,2,1\n", Rules(), "d.csv"), DataError,
                    "d.csv:3: the entity id 'A' appears twice (first in line 2)");
  EXPECT_THROW_WITH(ParseDatasetCsv("id,income,staff,online\nA,1,2\n", Rules(), "d.csv"), DataError,
                    "d.csv:2: this row has 3 cells but the header has 4");
  EXPECT_THROW_WITH(ParseDatasetCsv("id,income,staff,income,online\nA,1,2,1,1\n", Rules(), "d.csv"), DataError,
                    "the column 'income' appears twice (columns 2 and 4)");
}

TEST(DatasetCsv, EveryProblemIsListedAtOnce) {
  try {
    ParseDatasetCsv("id,income,staff,online\nA,x,2,1\nB,1,y,1\nC,1,2,z\n", Rules(), "d.csv");
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("d.csv:2:"), std::string::npos);
    EXPECT_NE(m.find("d.csv:3:"), std::string::npos);
    EXPECT_NE(m.find("d.csv:4:"), std::string::npos);
    EXPECT_NE(m.find("3 problems in d.csv"), std::string::npos);
  }
}

TEST(DatasetCsv, GbkIsRefusedWithHowToConvert) {
  // "众创" in GBK is D6 DA B4 B4: not UTF-8.
  EXPECT_THROW_WITH(ParseDatasetCsv("id,income,staff,online\nA,1,2,1\n\xD6\xDA\xB4\xB4,1,2,1\n", Rules(), "d.csv"),
                    DataError, "d.csv:3: the file is not UTF-8 text");
  EXPECT_THROW_WITH(ParseDatasetCsv("\xD6\xDA", Rules(), "d.csv"), DataError, "iconv -f GB18030 -t UTF-8");
}

TEST(DatasetCsv, InvalidUtf8FormsAreRefused) {
  // Found by fuzzing: ED B7 A5 encodes a surrogate (U+DDE5), which UTF-8 forbids; it passed the check and
  // later made the JSON writer throw. Overlong forms and code points past U+10FFFF are refused too.
  for (const char* bad : {"\xED\xB7\xA5", "\xE0\x80\xAF", "\xF0\x80\x80\xAF", "\xF4\x90\x80\x80", "\xC0\xAF"}) {
    EXPECT_THROW_WITH(ParseDatasetCsv(std::string("id,income,staff,online\nA") + bad + ",1,2,1\n", Rules(), "d.csv"),
                      DataError, "d.csv:2: the file is not UTF-8 text");
  }
  // The largest code point and the last before the surrogates are UTF-8: the file passes the encoding check,
  // and the id is then refused as a name, since neither is an assigned character.
  EXPECT_THROW_WITH(ParseDatasetCsv("id,income,staff,online\nA\xF4\x8F\xBF\xBF\xED\x9F\xBF,1,2,1\n", Rules(), "d.csv"),
                    DataError,
                    "d.csv: row 2: the entity id 'A<U+10FFFF><U+D7FF>' contains U+10FFFF, a code point that is not "
                    "an assigned character, at character 2; remove it");
}

TEST(DatasetCsv, EmptyFileAndUnclosedQuote) {
  EXPECT_THROW_WITH(ParseDatasetCsv("", Rules(), "d.csv"), DataError, "the file is empty");
  EXPECT_THROW_WITH(ParseDatasetCsv("id,income,staff,online\nA,\"1,2,1\n", Rules(), "d.csv"), DataError,
                    "d.csv:2: a quoted cell is never closed");
}

TEST(DatasetCsv, UnreadableFile) {
  EXPECT_THROW_WITH(ReadDatasetCsv("/nonexistent/d.csv", Rules()), DataError,
                    "/nonexistent/d.csv: cannot open the data file");
}

TEST(RatingsCsv, ReadsLongForm) {
  Ratings r = ParseRatingsCsv("entity,indicator,expert,rating\nA,1.1,E1,优\r\nA,1.1,E2, 良 \n", "r.csv");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r.at(1).value, "良");
  EXPECT_EQ(r.at(1).row, 3);
  EXPECT_EQ(r.source, "r.csv");
}

TEST(RatingsCsv, Refusals) {
  EXPECT_THROW_WITH(ParseRatingsCsv("entity,indicator,rating\n", "r.csv"), DataError,
                    "r.csv:1: no column 'expert'; a ratings file has the columns entity, indicator, expert, rating");
  EXPECT_THROW_WITH(ParseRatingsCsv("entity,indicator,expert,rating\nA,1.1,,优\n", "r.csv"), DataError,
                    "r.csv:2: the cell 'expert' is empty");
}

}  // namespace
}  // namespace makerscore
