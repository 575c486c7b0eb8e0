// Names people type (issue 14): ids are compared in Unicode NFC; invisible
// characters and look-alike twins are refused, naming the code point or both
// names; a byte-order mark inside a file, a NUL byte, YAML tags and numbers
// out of range each get a message of their own.
#include <utf8proc.h>

#include "test_util.h"
#include "util/unicode.h"

namespace makerscore {
namespace {

const char* kRules = R"(format: makerscore/1
id: names
title: 名称
fields:
  - {id: a, name: 数}
scales:
  level: {levels: {优: 1, 良: 0.5}}
indicators:
  - {id: A, name: 数, weight: 60, value: a, score: {method: minmax}}
  - {id: R, name: 评, weight: 40, rated: {scale: level}}
)";

Model TheModel() { return Model::Compile(testing::RulesFromText(kRules)); }

// NFC changes a text only where a character decomposes, has a combining class (and may be reordered), or is
// the second of a pair that composes. Checked against utf8proc's tables for every code point: no inert
// character is any of these, so a text of inert characters is its own NFC without asking utf8proc.
TEST(Unicode, NfcInertCharactersNeitherDecomposeNorCombineNorCompose) {
  int inert = 0;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    utf8proc_int32_t decomposed[8];
    int options = UTF8PROC_DECOMPOSE;
    const utf8proc_ssize_t n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(c), decomposed, 8,
                                                       static_cast<utf8proc_option_t>(options), nullptr);
    ASSERT_GT(n, 0);
    if (detail::NfcInert(c)) {
      ++inert;
      EXPECT_EQ(utf8proc_get_property(static_cast<utf8proc_int32_t>(c))->combining_class, 0) << std::hex << c;
      EXPECT_TRUE(n == 1 && decomposed[0] == static_cast<utf8proc_int32_t>(c)) << "decomposes: " << std::hex << c;
    }
    // Whatever decomposes canonically into several characters: none after the first is inert.
    for (utf8proc_ssize_t k = 1; k < n; ++k) {
      EXPECT_FALSE(detail::NfcInert(static_cast<char32_t>(decomposed[k])))
          << std::hex << c << " composes from " << decomposed[k];
    }
  }
  EXPECT_EQ(inert, 0x80 + 0x20 + 2 + 0x18 + 3 + 0x2A + 0x5200 + 0x60);
  EXPECT_TRUE(detail::IsNfcInert("梧州创客工场（南宁）：2019年度，评分·优，≥ 80 × 1.5 ℃"));
  EXPECT_FALSE(detail::IsNfcInert("e\xCC\x81"));           // a combining accent
  EXPECT_FALSE(detail::IsNfcInert("\xEF\xA4\x80"));        // U+F900, a compatibility ideograph: NFC changes it
  EXPECT_EQ(detail::Nfc("\xEF\xA4\x80"), "\xE8\xB1\x88");  // to U+8C48
}

TEST(Unicode, NfcComposesAndLeavesAsciiAlone) {
  EXPECT_EQ(detail::Nfc("e\xCC\x81"), "\xC3\xA9");  // e + COMBINING ACUTE ACCENT -> é
  EXPECT_EQ(detail::Nfc("GX001"), "GX001");
  EXPECT_EQ(detail::Nfc("梧州创客工场"), "梧州创客工场");
}

TEST(Unicode, InvisibleCharactersAreNamedByCodePoint) {
  EXPECT_EQ(detail::IdProblem("GX\xE2\x80\x8B"
                              "001"),
            "U+200B ZERO WIDTH SPACE, an invisible formatting character, at character 3");
  EXPECT_EQ(detail::IdProblem("\xE2\x80\xAE"
                              "100XG"),
            "U+202E RIGHT-TO-LEFT OVERRIDE, an invisible formatting character, at character 1");
  EXPECT_EQ(detail::IdProblem("A\xEF\xBB\xBF"),
            "U+FEFF ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK), an invisible formatting character, at character 2");
  EXPECT_EQ(detail::IdProblem("专家\xE3\x80\x80"
                              "1"),
            "U+3000 IDEOGRAPHIC SPACE, a space that is not the ordinary one, at character 3");
  EXPECT_EQ(detail::IdProblem(std::string("E\0"
                                          "1",
                                          3)),
            "U+0000 NULL, a control character, at character 2");
  EXPECT_EQ(detail::IdProblem("专家 1"), "");  // the ordinary space is allowed
  EXPECT_EQ(detail::Visible(std::string("a\0b\xE2\x80\x8B", 6)), "a<U+0000 NULL>b<U+200B ZERO WIDTH SPACE>");
}

TEST(Unicode, LookAlikePairsFoldFullWidthFormsOnly) {
  // Ｅ01 (FULLWIDTH LATIN CAPITAL LETTER E) folds to E01 under NFKC; E01 and e01 are different names.
  const std::vector<std::string> names = {"E01", "e01",
                                          "\xEF\xBC\xA5"
                                          "01",
                                          "E02"};
  EXPECT_EQ(detail::LookAlikePairs(names), (std::vector<std::pair<size_t, size_t>>{{0, 2}}));
  EXPECT_TRUE(detail::LookAlikePairs({"GX001", "GX002"}).empty());
}

TEST(Names, EntityIdsSpeltTwoWaysAreOneId) {
  Model m = TheModel();
  // é composed in one row and decomposed in another: one id, so it appears twice.
  EXPECT_THROW_WITH(ParseDatasetCsv("id,a\n\xC3\xA9,1\ne\xCC\x81,2\n", m.rules(), "d.csv"), DataError,
                    "d.csv: row 3: entity id '\xC3\xA9' appears twice (first in row 2)");
}

TEST(Names, InvisibleAndLookAlikeEntityIdsAreRefused) {
  Model m = TheModel();
  EXPECT_THROW_WITH(ParseDatasetCsv("id,a\nGX001\xE2\x80\x8B,1\n", m.rules(), "d.csv"), DataError,
                    "d.csv: row 2: the entity id 'GX001<U+200B ZERO WIDTH SPACE>' contains U+200B ZERO WIDTH SPACE, an "
                    "invisible formatting character, at character 6; remove it");
  EXPECT_THROW_WITH(ParseDatasetCsv("id,a\nGX001,1\n\xEF\xBC\xA7X001,2\n", m.rules(), "d.csv"), DataError,
                    "d.csv: row 3: the entity ids 'GX001' and '\xEF\xBC\xA7X001' look alike: they differ only in "
                    "full-width or other compatibility forms of the same characters; write them the same way (the "
                    "first is in row 2)");
  // The same holds for data built in code (Python's DataFrames).
  EXPECT_THROW_WITH(Dataset({"a"}, {"X", "X\xE2\x80\x8D"}, {}, Eigen::MatrixXd::Ones(2, 1)), DataError,
                    "U+200D ZERO WIDTH JOINER");
}

TEST(Names, ExpertsWhoLookAlikeAreNotAveragedAsTwo) {
  // E01 and Ｅ01 rating the same item were two experts, averaged; now the file is refused, naming both.
  EXPECT_THROW_WITH(ParseRatingsCsv("entity,indicator,expert,rating\nS1,R,E01,优\nS1,R,\xEF\xBC\xA5"
                                    "01,良\n",
                                    "r.csv"),
                    DataError,
                    "r.csv:3: the expert ids 'E01' and '\xEF\xBC\xA5"
                    "01' look alike: they differ only in full-width "
                    "or other compatibility forms of the same characters; write them the same way (the first is in "
                    "row 2)");
  EXPECT_THROW_WITH(ParseRatingsCsv("entity,indicator,expert,rating\nS1,R,E\xE2\x80\x8B"
                                    "1,优\n",
                                    "r.csv"),
                    DataError, "r.csv:2: the expert 'E<U+200B ZERO WIDTH SPACE>1' contains U+200B ZERO WIDTH SPACE");
}

TEST(Names, RatingsSpeltInNfdMatchTheDataAndTheScale) {
  Model m = TheModel();
  auto data = std::make_shared<Dataset>(ParseDatasetCsv("id,a\n\xC3\xA9,1\nB,3\n", m.rules(), "d.csv"));
  // The entity é decomposed, and the level 优 (no decomposition) as is: both found.
  auto ratings = std::make_shared<Ratings>(
      ParseRatingsCsv("entity,indicator,expert,rating\ne\xCC\x81,R,E1,优\nB,R,E1,良\n", "r.csv"));
  EXPECT_EQ(ratings->labels(Ratings::kEntity)[0], "\xC3\xA9");
  Result r = Score(m, data, nullptr, ratings);
  // é: A = 0 (the lowest a), R = 40 x 1; B: A = 60, R = 40 x 0.5 = 20.
  EXPECT_DOUBLE_EQ(r.total(0), 40);
  EXPECT_DOUBLE_EQ(r.total(1), 80);
}

TEST(Names, RuleFileNamesAreChecked) {
  std::string rules = kRules;
  const std::string zw =
      testing::ErrorsOf(std::string(rules).replace(rules.find("{id: A,"), 7, "{id: \"A\xE2\x80\x8B\","));
  EXPECT_THAT_CONTAINS(zw, "error: the indicator id 'A<U+200B ZERO WIDTH SPACE>' contains U+200B ZERO WIDTH SPACE");
  const std::string twin =
      testing::ErrorsOf(std::string(rules).replace(rules.find("{id: R,"), 7, "{id: \xEF\xBC\xA1,"));
  EXPECT_THAT_CONTAINS(twin, "error: the indicator ids 'A' and '\xEF\xBC\xA1' look alike");
  const std::string level =
      testing::ErrorsOf(std::string(rules).replace(rules.find("良: 0.5"), 7, "\"优\xEF\xB8\x8F\": 0.5"));
  EXPECT_THAT_CONTAINS(level, "the level of the scale 'level' '优<U+FE0F>' contains U+FE0F, a variation selector");
  // An id typed decomposed in the rule file is the id typed composed.
  std::string nfd = std::string(rules).replace(rules.find("{id: A,"), 7, "{id: e\xCC\x81,");
  RuleSet r = testing::RulesFromText(nfd);
  EXPECT_EQ(r.indicators[0].id, "\xC3\xA9");
}

TEST(Names, AByteOrderMarkInsideAFileNamesItsRow) {
  Model m = TheModel();
  EXPECT_THROW_WITH(ParseDatasetCsv("\xEF\xBB\xBFid,a\nS1,1\n\xEF\xBB\xBFS2,2\n", m.rules(), "d.csv"), DataError,
                    "d.csv:3: a byte-order mark (U+FEFF) in the middle of the file");
  // At the very start it is Excel's "CSV UTF-8" and means nothing.
  EXPECT_EQ(ParseDatasetCsv("\xEF\xBB\xBFid,a\nS1,1\n", m.rules(), "d.csv").entity_count(), 1);
}

TEST(Messages, ANulByteDoesNotCutTheMessageShort) {
  Model m = TheModel();
  // Two problems, the first quoting a NUL: both are in the message, the NUL named.
  const char text[] =
      "id,a\nS1,1\0"
      "0\nS2,x\n";
  EXPECT_THROW_WITH(ParseDatasetCsv(std::string(text, sizeof text - 1), m.rules(), "d.csv"), DataError,
                    "found '1<U+0000 NULL>0' (leave the cell empty if the value is unknown)\nd.csv:3: column 'a' (数): "
                    "expected a number, found 'x'");
}

TEST(Messages, YamlTagsAreRefused) {
  std::string rules = kRules;
  const std::string out =
      testing::ErrorsOf(std::string(rules).replace(rules.find("title: 名称"), 13, "title: !!binary 5ZCN56ew"));
  EXPECT_THAT_CONTAINS(out, "test.yaml:3:8: error: the YAML tag '!!binary' is not part of the rule format");
  const std::string custom =
      testing::ErrorsOf(std::string(rules).replace(rules.find("weight: 60"), 10, "weight: !custom 60"));
  EXPECT_THAT_CONTAINS(custom, "the YAML tag '!custom' is not part of the rule format");
}

TEST(Messages, NumbersOutOfRangeAreNamedSo) {
  std::string rules = kRules;
  const std::string formula =
      testing::ErrorsOf(std::string(rules).replace(rules.find("value: a,"), 9, "value: a * 1e999,"));
  EXPECT_THAT_CONTAINS(formula,
                       "in formula: the number '1e999', which is larger than the largest number makerscore "
                       "holds (about 1.8e308)");
  const std::string tiny =
      testing::ErrorsOf(std::string(rules).replace(rules.find("value: a,"), 9, "value: a + 1e-400,"));
  EXPECT_THAT_CONTAINS(tiny, "the number '1e-400', which is closer to 0 than the smallest number makerscore holds");
  const std::string weight =
      testing::ErrorsOf(std::string(rules).replace(rules.find("weight: 60"), 10, "weight: 6e400"));
  EXPECT_THAT_CONTAINS(weight, "found '6e400', which is larger than the largest number makerscore holds");
}

TEST(Messages, ALongOneLineFileShowsOnlyThePartAroundTheColumn) {
  // A rule file on one line of about 1 MB with a mistake at its end: the diagnostic holds a window of it.
  std::string fields;
  for (int i = 0; i < 9000; ++i) fields += "{id: f" + std::to_string(i) + ", name: 字段" + std::to_string(i) + "}, ";
  const std::string text = "{format: makerscore/1, id: x, title: x, fields: [" + fields +
                           "{id: a, name: x}], indicators: [{id: A, name: x, weight: 100, value: a, scor: 1}]}";
  LoadResult r = ParseRules(text, "one-line.yaml");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.ErrorCount(), 2) << r.diagnostics.ToString().substr(0, 2000);  // 'scor', and no 'score'
  const Diagnostic& d = r.diagnostics.items().back();
  EXPECT_GT(text.size(), 200000u);
  EXPECT_LE(d.source_line.size(), 800u);
  EXPECT_NE(d.source_line.find("scor: 1"), std::string::npos);
  EXPECT_THAT_CONTAINS(r.diagnostics.ToString(), "unknown key 'scor'");
}

}  // namespace
}  // namespace makerscore
