// Loading rule files: every problem reported in one pass, with positions.
#include <cstdio>
#include <fstream>

#include "test_util.h"

namespace makerscore {
namespace {

using testing::ErrorsOf;
using testing::RulesFromText;

const char* kMinimal = R"(format: makerscore/1
id: mini
title: 最小规则
fields:
  - {id: x, name: 数量, unit: 个, kind: count}
scales:
  four: {levels: {优: 1, 良: 0.8, 中: 0.6, 差: 0.4}}
indicators:
  - id: "1"
    name: 甲
    weight: 60
    value: x
    score: {method: minmax}
  - id: "2"
    name: 乙
    weight: 40
    rated: {scale: four}
grades:
  - {grade: 优, min: 80}
)";

TEST(Loader, LoadsAValidFile) {
  RuleSet r = RulesFromText(kMinimal);
  EXPECT_EQ(r.id, "mini");
  EXPECT_EQ(r.title, "最小规则");
  ASSERT_EQ(r.fields.size(), 1u);
  EXPECT_EQ(r.fields[0].kind, FieldKind::kCount);
  EXPECT_EQ(r.fields[0].unit, "个");
  ASSERT_EQ(r.indicators.size(), 2u);
  EXPECT_EQ(r.indicators[0].weight, 60);
  EXPECT_EQ(r.indicators[0].score->method, "minmax");
  EXPECT_EQ(r.indicators[1].rated->scale, "four");
  ASSERT_EQ(r.scales.size(), 1u);
  ASSERT_EQ(r.scales[0].levels.size(), 4u);
  EXPECT_EQ(r.scales[0].levels[1].label, "良");
  EXPECT_DOUBLE_EQ(r.scales[0].levels[1].fraction, 0.8);
  EXPECT_EQ(r.missing, MissingPolicy::kZero);
  EXPECT_EQ(r.source_map.Find("indicators/2/rated/scale").line, 17);
}

TEST(Loader, ReportsEveryPlantedMistakeWithItsPosition) {
  std::string path = testing::SourcePath("tests/data/planted-mistakes.yaml");
  LoadResult r = LoadRules(path);
  ASSERT_FALSE(r.ok());
  std::string text = r.diagnostics.ToString();
  // Golden file, with the absolute path made relative.
  size_t at;
  while ((at = text.find(path)) != std::string::npos) text.replace(at, path.size(), "planted-mistakes.yaml");
  testing::ExpectGolden(text, "planted-mistakes.txt");
  EXPECT_EQ(r.diagnostics.ErrorCount(), 19);
}

TEST(Loader, UnknownKeySuggestsTheKnownOne) {
  std::string e = ErrorsOf(std::string(kMinimal) + "missnig: zero\n");
  EXPECT_NE(e.find("test.yaml:20:1: error: unknown key 'missnig' (did you mean 'missing'?)"), std::string::npos) << e;
}

TEST(Loader, ACommaThatSplitsATextInBracesGetsAHint) {
  // {name: 获得荣誉, 每项1分, value: h}: YAML ends the name at the comma, and 每项1分 becomes a key of its own.
  std::string e =
      ErrorsOf(std::string(kMinimal) + "bonus:\n  items:\n    - {id: B1, name: 获得荣誉, 每项1分, value: a}\n");
  EXPECT_THAT_CONTAINS(e,
                       "unknown key '每项1分' in adjustment; if '每项1分' belongs to the text of 'name' before it, a "
                       "comma inside { } ended that text: put it in quotes, name: \"获得荣誉, 每项1分\"");
}

TEST(Loader, PercentMeansOneThingOrIsRefused) {
  // 80% in a rule file is the fraction 0.8. Against a field in percent points (unit %: 69.5 means 69.5%) it
  // would score 69.5 / 0.801 (capped at full points) for everyone: refused, in a parameter, a band and a
  // formula. Against a share (a fraction) it is right, and accepted.
  const std::string head = R"(format: makerscore/1
id: p
title: 百分比
fields: [{id: rate, name: 增长率, unit: "%"}, {id: occ, name: 入驻率, kind: share}]
indicators:
)";
  EXPECT_THAT_CONTAINS(
      ErrorsOf(head + "  - {id: A, name: 增长, weight: 100, value: rate, score: {method: ratio, benchmark: 80.10%}}\n"),
      "'benchmark' is written 80.1%, the fraction 0.801, but the value rate (增长率) is in percent points (unit "
      "'%': 69.5 means 69.5%), so the two would not compare; write 80.1 without '%'");
  EXPECT_THAT_CONTAINS(ErrorsOf(head + "  - {id: A, name: 增长, weight: 100, value: rate, score: {method: bands, "
                                       "bands: [{min: 30%, score: 1}]}}\n"),
                       "'bands' is written with '%', but the value rate (增长率) is in percent points");
  EXPECT_THAT_CONTAINS(ErrorsOf(head + "  - {id: A, name: 增长, weight: 100, value: \"if(rate >= 80%, 100, 0)\", "
                                       "score: {method: points}}\n"),
                       "80% is the fraction 0.8, but rate (增长率) is in percent points (unit '%': 69.5 means 69.5%); "
                       "write 80 without '%'");
  EXPECT_TRUE(
      ParseRules(head + "  - {id: A, name: 入驻, weight: 100, value: occ, score: {method: ratio, benchmark: 80%}}\n",
                 "t.yaml")
          .ok());
}

TEST(Loader, AWeightsFileReplacesThisYearsWeights) {
  // A 试行 system: the rule file states A (60) = A1 30 + A2 30, B 40. This year's weights file moves A's
  // points to A1 20 + A2 40. X scores 1 on A1, 0.5 on A2, 0.5 on B: 30 + 15 + 20 = 65 by the rule file,
  // 20 + 20 + 20 = 60 by this year's weights.
  const std::string rules_text = R"(format: makerscore/1
id: w
title: 试行
fields: [{id: a1, name: 甲一}, {id: a2, name: 甲二}, {id: b, name: 乙}]
indicators:
  - id: A
    name: 甲
    weight: 60
    children:
      - {id: A1, name: 甲一, weight: 30, value: a1, score: {method: goalposts, low: 0, high: 10}}
      - {id: A2, name: 甲二, weight: 30, value: a2, score: {method: goalposts, low: 0, high: 10}}
  - {id: B, name: 乙, weight: 40, value: b, score: {method: goalposts, low: 0, high: 10}}
)";
  const RuleSet rules = testing::RulesFromText(rules_text);
  const std::string dir = ::testing::TempDir();
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir + "/" + name) << text;
    return dir + "/" + name;
  };
  const auto data = [&](const RuleSet& r) {
    return std::make_shared<Dataset>(ParseDatasetCsv("id,a1,a2,b\nX,10,5,5\n", r, "d.csv"));
  };
  EXPECT_DOUBLE_EQ(Score(Model::Compile(rules), data(rules)).total(0), 65);
  LoadResult weighted = ReplaceWeights(rules, write("w2020.yaml", "note: 2020年度\nweights:\n  A1: 20\n  A2: 40\n"));
  ASSERT_TRUE(weighted.ok()) << weighted.diagnostics.ToString();
  EXPECT_EQ(weighted.rules->weights_file, dir + "/w2020.yaml");
  Result r = Score(Model::Compile(*weighted.rules), data(*weighted.rules));
  EXPECT_DOUBLE_EQ(r.total(0), 60);
  EXPECT_THAT_CONTAINS(FormatTable(r), "试行 (weights: " + dir + "/w2020.yaml)");
  // Weights that no longer add up, an unknown id and a weight that is not a number: each at its line.
  LoadResult bad = ReplaceWeights(rules, write("bad.yaml", "weights:\n  A1: 25\n  A2: 30\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT_CONTAINS(bad.diagnostics.ToString(),
                       "bad.yaml:2:7: error: the weights of the children of 'A' add up to 25 + 30 = 55, not 60");
  EXPECT_THAT_CONTAINS(ReplaceWeights(rules, write("typo.yaml", "weights:\n  A3: 25\n")).diagnostics.ToString(),
                       "typo.yaml:2:3: error: no indicator 'A3' in the rule file (did you mean");
  EXPECT_THAT_CONTAINS(ReplaceWeights(rules, write("text.yaml", "weights:\n  A1: 二十\n")).diagnostics.ToString(),
                       "the weight of 'A1' must be a number");
  EXPECT_THAT_CONTAINS(ReplaceWeights(rules, write("none.yaml", "A1: 20\n")).diagnostics.ToString(),
                       "a weights file is a map with the key 'weights:'");
}

TEST(Loader, WrongTypeNamesWhatWasExpectedAndFound) {
  std::string text = kMinimal;
  text.replace(text.find("weight: 60"), 10, "weight: sixty");
  std::string e = ErrorsOf(text);
  EXPECT_NE(e.find("test.yaml:11:13: error: 'weight' must be a number (or, with classes, a map of class weights), "
                   "found 'sixty' [indicators/1/weight]"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find(" | ............^"), std::string::npos) << e;
}

TEST(Loader, WeightsMustAddUpToTheTotal) {
  std::string text = kMinimal;
  text.replace(text.find("weight: 40"), 10, "weight: 30");
  std::string e = ErrorsOf(text);
  EXPECT_NE(e.find("the weights of the children of the rule set's total add up to 60 + 30 = 90, not 100"),
            std::string::npos)
      << e;
}

TEST(Loader, RelativeWeightsNeedNotAddUp) {
  std::string text = kMinimal;
  text.replace(text.find("weight: 40"), 10, "weight: 1");
  text += "weighting: relative\n";
  RuleSet r = RulesFromText(text);
  EXPECT_EQ(r.weighting, Weighting::kRelative);
}

TEST(Loader, FormulaErrorsPointIntoTheFormula) {
  std::string text = kMinimal;
  text.replace(text.find("value: x"), 8, "value: x / y");
  std::string e = ErrorsOf(text);
  EXPECT_NE(e.find("test.yaml:12:16: error: in formula: unknown field 'y' (did you mean 'x'?) [indicators/1/value]"),
            std::string::npos)
      << e;
}

TEST(Loader, NewerFormatIsRefusedClearly) {
  std::string text = kMinimal;
  text.replace(0, 20, "format: makerscore/2");
  std::string e = ErrorsOf(text);
  EXPECT_NE(e.find("this makerscore reads rule format 'makerscore/1', not 'makerscore/2'; a newer format needs a "
                   "newer makerscore"),
            std::string::npos)
      << e;
}

TEST(Loader, BrokenYamlIsOneClearError) {
  std::string e = ErrorsOf("format: makerscore/1\nid: [unclosed\n");
  EXPECT_NE(e.find("test.yaml:3:1: error: this is not valid YAML"), std::string::npos) << e;
}

TEST(Loader, EmptyAndNonMapFiles) {
  EXPECT_NE(ErrorsOf("").find("the rule file is empty"), std::string::npos);
  EXPECT_NE(ErrorsOf("- a\n- b\n").find("a rule file is a map of keys"), std::string::npos);
}

TEST(Loader, DuplicateKeysAreErrors) {
  std::string e = ErrorsOf(std::string(kMinimal) + "title: again\n");
  EXPECT_NE(e.find("duplicate key 'title'"), std::string::npos) << e;
}

TEST(Loader, MissingFileIsADiagnosticNotACrash) {
  LoadResult r = LoadRules("/nonexistent/rules.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.ToString(),
            "/nonexistent/rules.yaml: error: cannot open the rule file (does it exist, and may it be read?)\n");
}

TEST(Limits, AliasesExpandingBeyondTheLimitAreRefusedQuickly) {
  // A "billion laughs" rule file: each level repeats the previous one 9 times (9^8 = 43 million nodes).
  std::string text =
      "format: makerscore/1\nid: x\ntitle: t\nfields: [{id: a, name: a}]\n"
      "x0: &x0 {id: L, name: n, weight: 1, value: a, score: {method: minmax}}\n";
  for (int k = 1; k <= 8; ++k) {
    text += "x" + std::to_string(k) + ": &x" + std::to_string(k) + " {id: G, name: g, weight: 1, children: [";
    for (int r = 0; r < 9; ++r) text += std::string(r ? ", " : "") + "*x" + std::to_string(k - 1);
    text += "]}\n";
  }
  text += "indicators: [*x8]\n";
  LoadResult r = ParseRules(text, "laughs.yaml");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.ErrorCount(), 1);
  EXPECT_NE(r.diagnostics.ToString().find("expands to more than 1000000 YAML nodes"), std::string::npos);
}

TEST(Limits, AnAliasInsideItselfAndDeepNestingAreRefused) {
  // Found writing docs/errors.md: an alias inside the item it names made yaml-cpp build a node that
  // contains itself, and walking it overflowed the stack (a crash).
  for (const char* text : {"a: &x [*x]\n",
                           "format: makerscore/1\nid: x\ntitle: t\nfields: [{id: a, name: a}]\n"
                           "indicators:\n  - &n {id: A, name: n, weight: 100, value: a, children: [*n]}\n"}) {
    LoadResult r = ParseRules(text, "self.yaml");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.diagnostics.ErrorCount(), 1);
    EXPECT_NE(r.diagnostics.ToString().find("nests more than 100 levels deep (an alias inside the item it names"),
              std::string::npos)
        << r.diagnostics.ToString();
  }
  // 101 levels of plain nesting: the same limit; 100 levels pass it (and fail later, as a rule file).
  auto nested = [](int levels) { return "a: " + std::string(levels, '[') + std::string(levels, ']') + "\n"; };
  EXPECT_NE(ParseRules(nested(101), "deep.yaml").diagnostics.ToString().find("nests more than 100 levels"),
            std::string::npos);
  EXPECT_EQ(ParseRules(nested(99), "deep.yaml").diagnostics.ToString().find("nests more than 100 levels"),
            std::string::npos);
}

TEST(Limits, MoreThan10000IndicatorsAreRefused) {
  // 10,001 indicators of 1 point each under a total of 10,001.
  std::string text = "format: makerscore/1\nid: x\ntitle: t\ntotal: 10001\nfields: [{id: a, name: a}]\nindicators:\n";
  for (int k = 0; k < 10001; ++k) {
    text += "  - {id: I" + std::to_string(k) + ", name: n, weight: 1, value: a, score: {method: minmax}}\n";
  }
  LoadResult r = ParseRules(text, "many.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.diagnostics.ToString().find("the rule file has 10001 indicators; at most 10000 are allowed"),
            std::string::npos);
}

TEST(Limits, HugeFilesAndLinesStayReadable) {
  std::string path = ::testing::TempDir() + "/huge-rules.yaml";
  {
    std::ofstream out(path, std::ios::binary);
    std::string chunk(1 << 20, '#');
    for (int k = 0; k < 17; ++k) out << chunk;
  }
  LoadResult big = LoadRules(path);
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.diagnostics.ToString().find("larger than 16 MiB"), std::string::npos);
  std::remove(path.c_str());
  // A mistake at the end of a 50,000-character line: the diagnostic shows 100 characters around it.
  LoadResult r =
      ParseRules("format: makerscore/1\nid: a\nfields: []\ntitle2: " + std::string(50000, 'y') + "\n", "t.yaml");
  std::string text = r.diagnostics.ToString();
  EXPECT_LT(text.size(), 2000u) << text.size();
  EXPECT_NE(text.find("unknown key 'title2'"), std::string::npos);
}

TEST(Loader, ValidateChecksARuleSetBuiltInCode) {
  RuleSet r;
  r.id = "code";
  r.fields.push_back({"x", "数量"});
  Indicator a;
  a.id = "a";
  a.name = "甲";
  a.weight = 100;
  a.value = "x * 2";
  a.score = ScoreSpec{"minmax"};
  r.indicators.push_back(a);
  EXPECT_FALSE(Validate(r).HasErrors()) << Validate(r).ToString();
  r.indicators[0].value = "z";
  Diagnostics d = Validate(r);
  ASSERT_TRUE(d.HasErrors());
  EXPECT_NE(d.ToString().find("unknown field 'z'"), std::string::npos);
  EXPECT_THROW(Model::Compile(r), RuleError);
}

}  // namespace
}  // namespace makerscore
