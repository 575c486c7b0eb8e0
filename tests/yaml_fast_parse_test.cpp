// The fast way into the YAML tree (src/rules/yaml_fast_parse.h: libfyaml's events, translated) against
// yaml-cpp's own parser: wherever the fast path answers, it must hand over exactly the events yaml-cpp's
// parser hands over (every kind, position, tag, style and text), and yaml-cpp must not have refused the
// text. Where it does not answer, yaml-cpp reads the text (yaml_tree_test checks that tree).
#include "rules/yaml_fast_parse.h"

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "test_util.h"
#include "yaml_events.h"

namespace makerscore::detail {
namespace {

TEST(YamlFastParse, EveryYamlFileOfTheProjectIsReadTheFastWayAsYamlCppReadsIt) {
  for (const char* file : {"rules/guangxi-2019.yaml", "rules/shanxi-2018-form.yaml", "rules/asem-connectivity.yaml",
                           "examples/data/guangxi-uncertainty.yaml", "examples/data/guangxi-weights-2020.yaml",
                           "tests/data/guangxi-with-uncertainty.yaml", "tests/data/planted-mistakes.yaml"}) {
    const std::string text = testing::ReadText(testing::SourcePath(file));
    std::string why;
    EXPECT_EQ(Compare(text, &why), Outcome::kFastAgrees) << file << ": " << why;
  }
}

TEST(YamlFastParse, PlainTextsOfEveryShapeGiveYamlCppsEvents) {
  const std::vector<std::string> texts = {
      "",
      "# a comment only\n",
      "---\n",
      "---\n...\n",
      "a: 1\n---\nb: 2\n",
      "a:\nb: ~\nc: null\nd: Null\ne: ''\nf: \"\"\ng: NULL\nh: nul\n",
      "a:\n",
      "a:\n  b:\n",
      "- \n-\n- x\n-\n",
      "a:\n  - \n  -\n",
      "{a: , b: , : c}\n",
      "[a, , b]\n",
      "[, a]\n",
      "? complex key\n? [a, b]\n: both\n",
      "? a\n",
      "a: 1\na: 2\nb: {a: 3, a: 4}\n",
      "{a: 1, b: [x, y], c: {d: e}}\n",
      "- 1\n- - 2\n  - 3\n- {x: 1}\n- [a, {b: c}]\n",
      "key:\n- a\n- b\nother: 1\n",
      "key:\n- a:\n  b: 2\n- c\n",
      "text: \"escapes \\t \\u00e9 \\x41 \\\"q\\\" \\\\ \\/ \\N \\_ \\L \\P \\0 \\a \\e\"\nsingle: 'it''s'\n",
      "\"multi\n  line\n\n  quoted\"\n",
      "'multi\n  line\n\n\n  single'\n",
      "lit: |\n  line one\n  line two\n\nfold: >-\n  folded\n  text\nkeep: |+\n  kept\n\n",
      "a: |2\n    indented\n  less\n",
      "a: >\n  one\n\n  two\n   more indented\n  three\n",
      "a: |-\n\n  after a blank\n\nb: 1\n",
      "a: |\n",
      "- |\n  x\n- >\n  y\n",
      "plain: this is\n  several lines\n  of plain text\nnext: 1\n",
      "plain: with # not a comment\nb: x #a comment\n",
      "url: http://a.b/c?d=e\ncolon: a:b\ndash: -x\nq: ?x\n",
      "名称: 广西众创空间\n指标: [运行管理, 服务能力]\n说明: {权重: 15%, 类型: 定量}\n",
      "  indented: 1\n  other: 2\n",
      "a: {name: 获得荣誉, 每项1分, value: 2}\n",
      "a: [1, 2\n   , 3]\n",
      "{a: [1, {b: c}], d: \"e\"}",
      "no newline at the end",
      "a: 1 # comment\n# another\n\n\nb: 2   \n",
      "a: 'x' \nb: \"y\"\t\n",
      "- - - deep\n    - x\n  - y\n",
      "...\n",
      "--- a\n",
      "--- |\n  text\n",
      "--- [1]\n...\n--- 2\n",
      "a: -1.5e3\nb: 0x1F\nc: .inf\nd: yes\n",
      "\"a\": 1\n'b': 2\n\"c d\" : 3\n",
      "? |\n  block key\n: v\n",
      "a: b\n  c\n",
      "- {a: 1,\n\n   b: 2}\n",
      "- {a: 1,\n  b: 2}\n",
      "key: [1,\n  2]\n",
      "a: \"x\"\nb:\n",
      "- \"q\"\n-\n",
  };
  int fast = 0;
  for (const auto& text : texts) {
    std::string why;
    const Outcome outcome = Compare(text, &why);
    EXPECT_NE(outcome, Outcome::kDiffers) << why << "\ntext:\n" << text;
    fast += outcome == Outcome::kFastAgrees;
  }
  // The fast path is exercised: the others are a scalar or nothing at the root, end in an empty node or
  // hold a construct it leaves to yaml-cpp (block scalars with "|+", "|2" ...).
  EXPECT_GE(fast, 20);
}

TEST(YamlFastParse, WhatTheFastPathLeavesToYamlCppIsLeft) {
  const std::vector<std::string> texts = {
      "a: !!str 1\n", "a: &x 1\nb: *x\n", "%YAML 1.2\n---\na: 1\n", "a:\t1\n", "a: 1\r\nb: 2\r\n",
      "\xEF\xBB\xBF"
      "a: 1\n",
      "a: b\xC2\x85"
      "c\n",
      "a: [1, 2\n", "a: 'unclosed\n", "a: 1\n b: 2\n", "- a\nb: 1\n", "key: value: more\n", std::string("a: 1\0b", 6),
      // where libfyaml reads what yaml-cpp refuses or reads otherwise
      "- {a: 1, descrip\ntion: 2}\n", "{scale?: x}\n", "a: \"\\N \\_\"\n", "a: |\n    # x\n  y\n", "a: [1, , 2]\n",
      "? a\n: b\n", "...\n", "a: |\n",
      // found by fuzz_yaml
      "a: [.\": 4\n  b]\n", "a: : b\n", "a:\n  : 6\n", " \n:", "weights\n\n\n: {noise: 0.2}\n", "a: 1\n# c\nb\n",
      "[a]: 1\n", "?\x04\x04", "a: \x01\n", "a: >\n  one\n   more\n  t",
      "scales:\n # a comment, and the end of the text", "a:\n  b:", "a:\n-", "  k: >\n  j: 6\n", " >-\n x\n    t2\n",
      "- \n{}", "a: {b :[1]}\n", "'a\n\n  b'\n", std::string(600, 'k') + ": v\n",
      std::string(40, '[') + std::string(40, ']') + "\n", "'x''y'\n", "\n---\n--- : - : -", "a: >1-\n  x\n",
      "a: >+\n  x\n   \n\n", "a: >\n\n\n\nb: 1\n", "a:\n  - |\n\n  - x\n", "a: >-\n x\n\n  y\n", " '''''': 5",
      "a: 'it''s'\n"};
  for (const std::string& text : texts) {
    Recorder recorder;
    EXPECT_FALSE(ParseFirstDocumentFast(text, &recorder)) << text;
  }
}

// The inputs on which fuzz_yaml found the two parsers to differ (tests/data/yaml-differences/): each is now
// left to yaml-cpp, or read alike.
TEST(YamlFastParse, WhatTheFuzzerFoundIsNoLongerADifference) {
  namespace fs = std::filesystem;
  int files = 0;
  for (const auto& entry : fs::directory_iterator(testing::SourcePath("tests/data/yaml-differences"))) {
    const std::string text = testing::ReadText(entry.path().string());
    std::string why;
    EXPECT_NE(Compare(text, &why), Outcome::kDiffers) << entry.path().filename() << ": " << why;
    ++files;
  }
  EXPECT_GE(files, 40);
}

// Damaged rule files, each of the three: bytes dropped, doubled and changed at random places.
TEST(YamlFastParse, DamagedRuleFilesAreReadAsYamlCppReadsThemOrLeftToIt) {
  const std::string special = ":-?[]{},#&*!|>'\"%@` \n\t";
  std::mt19937 random(20261207);
  int fast = 0, left = 0;
  for (const char* file : {"rules/guangxi-2019.yaml", "rules/shanxi-2018-form.yaml", "rules/asem-connectivity.yaml"}) {
    const std::string original = testing::ReadText(testing::SourcePath(file));
    for (int variant = 0; variant < 400; ++variant) {
      const std::string text = testing::Damaged(original, special, &random);
      std::string why;
      const Outcome outcome = Compare(text, &why);
      EXPECT_NE(outcome, Outcome::kDiffers) << file << ", variant " << variant << ": " << why;
      fast += outcome == Outcome::kFastAgrees;
      left += outcome == Outcome::kLeftToYamlCpp;
    }
  }
  EXPECT_GT(fast, 200);  // both branches exercised
  EXPECT_GT(left, 100);
}

// Random plain documents: nested block and flow collections, scalars of every style, empty values,
// comments, blank lines, Chinese text, each built from a seeded stream.
class RandomYaml {
 public:
  explicit RandomYaml(unsigned seed) : random_(seed) {}

  std::string Document() {
    out_.clear();
    Block(0, 0);
    return out_;
  }

 private:
  std::string Word() {
    static const std::vector<std::string> words = {"a",    "名称",       "key two", "x-1", "3",    "1.5",
                                                   "null", "~",          "yes",     "是",  "c: d", "#no",
                                                   "e#f",  "值 带 空格", "-",       "--",  "?x",   "50%"};
    return words[random_() % words.size()];
  }
  std::string Scalar(int indent) {
    const std::string w = Word();
    switch (random_() % 8) {
      case 0:
        return "'" + w + "'";
      case 1:
        return "\"" + w + "\\n\"";
      case 2:
        return "";  // an empty node
      default: {
        // a plain scalar only where it is one: not a word that starts or holds an indicator
        if (w == "-" || w == "--" || w == "~" || w == "null" || w.find(": ") != std::string::npos || w[0] == '#' ||
            w[0] == '?')
          return "\"" + w + "\"";
        return w;
      }
    }
  }
  std::string Flow(int depth) {
    if (depth > 2 || random_() % 3 == 0) {
      const std::string s = Scalar(0);
      return s.empty() ? "x" : s;
    }
    std::string t;
    const bool map = random_() % 2;
    const int n = static_cast<int>(random_() % 4);
    t += map ? "{" : "[";
    for (int i = 0; i < n; ++i) {
      if (i) t += random_() % 2 ? ", " : ",\n  ";
      t += map ? "k" + std::to_string(i) + ": " + Flow(depth + 1) : Flow(depth + 1);
    }
    t += map ? "}" : "]";
    return t;
  }
  void Line(int indent, const std::string& text) {
    out_ += std::string(indent, ' ') + text;
    if (random_() % 6 == 0) out_ += "  # note";
    out_ += "\n";
    if (random_() % 8 == 0) out_ += random_() % 2 ? "\n" : std::string(indent, ' ') + "# comment\n";
  }
  void Value(int indent, int depth, const std::string& head) {
    const unsigned kind = depth > 3 ? 0 : random_() % 6;
    if (kind == 0 || kind == 1) {
      const std::string s = Scalar(indent);
      Line(indent, s.empty() ? head : head + " " + s);
    } else if (kind == 2) {
      Line(indent, head + " " + Flow(0));
    } else if (kind == 3) {
      Line(indent, head + (random_() % 2 ? " |" : " >-"));
      for (int i = 0; i < 2; ++i) out_ += std::string(indent + 2, ' ') + Word() + "\n";
    } else {
      Line(indent, head);
      Block(indent + 2, depth + 1);
    }
  }
  void Block(int indent, int depth) {
    const bool map = random_() % 3 != 0;
    const int n = 1 + static_cast<int>(random_() % 4);
    for (int i = 0; i < n; ++i) {
      Value(indent, depth, map ? "k" + std::to_string(depth) + std::to_string(i) + ":" : "-");
    }
  }

  std::mt19937 random_;
  std::string out_;
};

TEST(YamlFastParse, RandomPlainDocumentsGiveYamlCppsEvents) {
  RandomYaml generator(7);
  int fast = 0;
  for (int i = 0; i < 2000; ++i) {
    const std::string text = generator.Document();
    std::string why;
    const Outcome outcome = Compare(text, &why);
    EXPECT_NE(outcome, Outcome::kDiffers) << why << "\ntext:\n" << text;
    fast += outcome == Outcome::kFastAgrees;
    if (HasFailure()) break;
  }
  EXPECT_GT(fast, 1200);  // the rest: texts the generator made invalid, block scalars with lines of "#"
}

}  // namespace
}  // namespace makerscore::detail
