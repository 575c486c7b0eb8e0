// rules/shanxi-2018-form.yaml: the form's items, and its consistency checks.
#include <regex>
#include <set>
#include <sstream>

#include "test_util.h"

namespace makerscore {
namespace {

RuleSet Shanxi() { return LoadRulesOrThrow(testing::SourcePath("rules/shanxi-2018-form.yaml")); }

TEST(ShanxiForm, EveryNumericItemOfSectionsTwoToSixIsAField) {
  // Items of the source form: between "（二）自身建设" and the date line, three
  // lines each: "\t<name>", "\t<unit>" (the unit may be blank) and "\t" (the
  // empty cell for the quantity). Section headings start with "（".
  std::string source =
      testing::ReadText(testing::SourcePath("docs/sources/shanxi-2018-makerspace-annual-report-form.txt"));
  size_t begin = source.find("（二）自身建设"), end = source.find("报出日期");
  ASSERT_NE(begin, std::string::npos);
  std::istringstream in(source.substr(begin, end - begin));
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::set<std::string> units = {"平米", "个", "人", "是/否", "万元", "次", "场次", ""};
  RuleSet r = Shanxi();
  int items = 0;
  for (size_t i = 0; i + 2 < lines.size(); ++i) {
    if (lines[i].size() < 2 || lines[i][0] != '\t' || lines[i + 1].empty() || lines[i + 1][0] != '\t' ||
        lines[i + 2] != "\t") {
      continue;
    }
    std::string name = lines[i].substr(1), unit = lines[i + 1].substr(1);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (!units.count(unit) || units.count(name) || name.rfind("（", 0) == 0) continue;
    ++items;
    // Strip the form's layout words ("其中：", "其中;") and spaces.
    for (const char* prefix : {"其中：", "其中;"}) {
      size_t at = name.find(prefix);
      if (at != std::string::npos) name = name.substr(at + std::string(prefix).size());
    }
    name = name.substr(name.find_first_not_of(' '));
    // The field carries the item's name, or (for items the form names only by
    // their place, such as 其他 and 专职) quotes it in its name or description.
    bool found = false;
    for (const auto& f : r.fields) {
      found |= f.name == name || (name.size() <= 9 && (f.name.find(name) != std::string::npos ||
                                                       f.description.find(name) != std::string::npos));
    }
    EXPECT_TRUE(found) << "no field for the form's item '" << name << "'";
  }
  EXPECT_EQ(items, 67);
  EXPECT_EQ(r.fields.size(), 67u);
  EXPECT_TRUE(r.indicators.empty());
}

TEST(ShanxiForm, ChecksFindEveryViolationByRow) {
  Model m = Model::Compile(Shanxi());
  Dataset d = ReadDatasetCsv(testing::SourcePath("examples/data/shanxi-example-2018.csv"), m.rules());
  std::vector<Violation> v = CheckDataset(m, d);
  // The generator planted exactly three mistakes (make_shanxi_example.py, PLANTED).
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].entity, "SX002");
  EXPECT_EQ(v[0].check, "income_parts");
  EXPECT_EQ(v[0].row, 5);
  EXPECT_EQ(v[1].check, "mentor_parts");
  EXPECT_EQ(v[2].check, "staff_college");
  EXPECT_EQ(v[2].fields, "服务人员数量, 大专以上服务人员数量");
}

TEST(ShanxiForm, ToleranceAndMissingValues) {
  RuleSet rules = testing::RulesFromText(R"(format: makerscore/1
id: c
title: 检查
fields: [{id: total, name: 总收入}, {id: a, name: 甲}, {id: b, name: 乙}]
checks:
  - {id: parts, name: 合计, rule: a + b == total, tolerance: 0.01}
  - {id: order, rule: a <= total}
)");
  Model m = Model::Compile(rules);
  Dataset d = ParseDatasetCsv("id,total,a,b\nR1,10,4,6.005\nR2,10,4,6.5\nR3,10,,6\nR4,3,4,-1\n", rules, "f.csv");
  std::vector<Violation> v = CheckDataset(m, d);
  // R1: 10.005 vs 10 within 0.01: fine. R2: 10.5 vs 10: broken. R3: a missing: skipped. R4: 4 > 3.
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].entity, "R2");
  EXPECT_EQ(v[0].message, "合计: 4 + 6.5 = 10.5 should equal 10 (within 0.01)");
  EXPECT_EQ(v[1].message, "order: 4 should be at most 3");
  EXPECT_EQ(v[1].entity, "R4");
  EXPECT_EQ(v[1].row, 5);
}

TEST(ShanxiForm, CheckRulesMustBeComparisons) {
  std::string e = testing::ErrorsOf(R"(format: makerscore/1
id: c
title: 检查
fields: [{id: a, name: 甲}]
checks:
  - {id: bad, rule: a + 1}
)");
  EXPECT_NE(e.find("a check's rule must compare two sides"), std::string::npos) << e;
}

}  // namespace
}  // namespace makerscore
