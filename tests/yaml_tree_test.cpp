// The rule readers' YAML tree (src/rules/yaml_tree.h) against yaml-cpp's own YAML::Load, the tree it
// replaces: for every text, the same nodes (kind, text, tag, style, position, order) or the same error.
#include "rules/yaml_tree.h"

#include <yaml-cpp/yaml.h>

#include <random>
#include <string>
#include <vector>

#include "test_util.h"

namespace makerscore::detail {
namespace {

// The node kinds as yaml-cpp names them.
YAML::NodeType::value KindOf(const YamlNode& t) {
  if (t.IsScalar()) return YAML::NodeType::Scalar;
  if (t.IsSequence()) return YAML::NodeType::Sequence;
  if (t.IsMap()) return YAML::NodeType::Map;
  return YAML::NodeType::Null;
}

// Adds to *problems where t differs from y (depth-limited: an alias inside its own anchor repeats forever).
void Compare(const YAML::Node& y, const YamlNode& t, const std::string& path, int depth,
             std::vector<std::string>* problems) {
  if (depth > 12 || problems->size() > 5) return;
  const auto differ = [&](const std::string& what) { problems->push_back(path + ": " + what); };
  if (!t.IsDefined()) {
    differ("undefined in our tree");
    return;
  }
  if (y.Type() != KindOf(t)) return differ("a different kind of node");
  if (y.Mark().pos != t.Mark().pos || y.Mark().line != t.Mark().line || y.Mark().column != t.Mark().column)
    differ("a different position");
  if (y.Tag() != t.Tag()) differ("tag '" + y.Tag() + "' against '" + t.Tag() + "'");
  if (y.IsScalar() && y.Scalar() != t.Scalar()) differ("text '" + y.Scalar() + "' against '" + t.Scalar() + "'");
  if ((y.IsMap() || y.IsSequence()) && y.Style() != t.Style()) differ("a different style");
  if (y.size() != t.size()) return differ("a different size");
  if (y.IsSequence()) {
    for (std::size_t i = 0; i < y.size(); ++i) Compare(y[i], t[i], path + "/" + std::to_string(i), depth + 1, problems);
  } else if (y.IsMap()) {
    auto ours = t.begin();
    int k = 0;
    for (const auto& kv : y) {
      const YamlItem entry = *ours;
      Compare(kv.first, entry.first, path + "/key" + std::to_string(k), depth + 1, problems);
      Compare(kv.second, entry.second, path + "/value" + std::to_string(k), depth + 1, problems);
      // A lookup by key finds the first entry with that text, as yaml-cpp's does.
      if (kv.first.IsScalar()) Compare(y[kv.first.Scalar()], t[kv.first.Scalar()], path + "/[]", depth + 1, problems);
      ++ours;
      ++k;
    }
  }
}

// The differences between the two trees of text, or between the errors both parsers stop with.
std::vector<std::string> Differences(const std::string& text) {
  std::vector<std::string> problems;
  std::string their_error, our_error;
  YAML::Node theirs;
  YamlDocument ours;
  try {
    theirs = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    their_error = e.what();
  }
  try {
    ours = YamlDocument::Parse(text);
  } catch (const YAML::Exception& e) {
    our_error = e.what();
  }
  if (their_error != our_error) {
    problems.push_back("errors '" + their_error + "' against '" + our_error + "'");
  } else if (their_error.empty()) {
    if (!ours.root().IsDefined()) {  // no document: yaml-cpp gives a null node of no position
      if (!theirs.IsNull() || theirs.Mark().line != -1) problems.push_back("no root in our tree");
    } else {
      Compare(theirs, ours.root(), "", 0, &problems);
    }
  }
  return problems;
}

std::string Show(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& p : problems) out += p + "\n";
  return out;
}

TEST(YamlTree, EveryRuleFileOfTheProjectIsTheTreeYamlCppBuilds) {
  for (const char* file : {"rules/guangxi-2019.yaml", "rules/shanxi-2018-form.yaml", "rules/asem-connectivity.yaml",
                           "examples/data/guangxi-uncertainty.yaml", "examples/data/guangxi-weights-2020.yaml",
                           "tests/data/guangxi-with-uncertainty.yaml", "tests/data/planted-mistakes.yaml"}) {
    const std::string text = testing::ReadText(testing::SourcePath(file));
    ASSERT_GT(text.size(), 100u) << file;
    EXPECT_EQ(Show(Differences(text)), "") << file;
  }
}

TEST(YamlTree, EveryKindOfNodeAndEveryErrorIsYamlCpps) {
  const std::vector<std::string> texts = {
      "",
      "# a comment only\n",
      "---\n",
      "---\n...\n",
      "a: 1\n---\nb: 2\n",  // only the first document, as YAML::Load
      "a:\nb: ~\nc: null\nd: Null\ne: ''\nf: \"\"\n",
      "? complex key\n? [a, b]\n: both\n",
      "a: &x {p: 1, q: [2, 3]}\nb: *x\nc: *x\n",
      "&s shared: 1\n*s : 2\n",
      "a: &l [&i 1, *i, {k: *i}]\nb: *l\n",
      "&self [*self]\n",
      "a: !!str 12\nb: !custom x\nc: !<tag:yaml.org,2002:int> 3\nd: !!map {x: 1}\ne: !!seq [1]\n",
      "a: 1\na: 2\nb: {a: 3, a: 4}\n",
      "{a: 1, b: [x, y], c: {d: e}}\n",
      "- 1\n- - 2\n  - 3\n- {x: 1}\n- [a, {b: c}]\n",
      "text: \"escapes \\t \\u00e9 \\x41 \\\"q\\\"\"\nsingle: 'it''s'\n",
      "lit: |\n  line one\n  line two\n\nfold: >-\n  folded\n  text\nkeep: |+\n  kept\n\n",
      "plain: this is\n  several lines\n  of plain text\nnext: 1\n",
      "a: 1\r\nb:\r\n  - 2\r\n",
      "名称: 广西众创空间\n指标: [运行管理, 服务能力]\n说明: {权重: 15%, 类型: 定量}\n",
      "  indented: 1\n  other: 2\n",
      "a: {name: 获得荣誉, 每项1分, value: 2}\n",
      // Errors: the same message at the same place.
      "a: [1, 2\n",
      "a: *nope\n",
      "a: 'unclosed\n",
      "a: 1\n b: 2\n",
      "- a\nb: 1\n",
      "a: {b: 1\n",
      "\t- x\n",
      "a: \"bad \\q escape\"\n",
      "key: value: more\n",
      "!<tag:yaml.org,2002:str\n",
      std::string(200, '[') + std::string(200, ']'),
  };
  for (const auto& text : texts) EXPECT_EQ(Show(Differences(text)), "") << "text:\n" << text;
}

// Damaged rule files: bytes dropped, doubled and changed at random places, each read by both.
TEST(YamlTree, DamagedRuleFilesGiveTheSameTreeOrTheSameError) {
  const std::string original = testing::ReadText(testing::SourcePath("rules/guangxi-2019.yaml"));
  const std::string special = ":-?[]{},#&*!|>'\"%@` \n\t";
  std::mt19937 random(2026);
  int failed_to_parse = 0;
  for (int variant = 0; variant < 150; ++variant) {
    const std::string text = testing::Damaged(original, special, &random);
    try {
      YAML::Load(text);
    } catch (const YAML::Exception&) {
      ++failed_to_parse;
    }
    EXPECT_EQ(Show(Differences(text)), "") << "variant " << variant;
  }
  // Both branches were exercised: damaged files that parse and ones that do not.
  EXPECT_GT(failed_to_parse, 10);
  EXPECT_LT(failed_to_parse, 140);
}

}  // namespace
}  // namespace makerscore::detail
