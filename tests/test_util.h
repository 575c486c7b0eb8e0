// Helpers shared by the tests.
#ifndef MAKERSCORE_TESTS_TEST_UTIL_H_
#define MAKERSCORE_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <random>
#include <sstream>
#include <string>

#include "makerscore/makerscore.h"

namespace makerscore::testing {

// A path inside the source tree.
inline std::string SourcePath(const std::string& relative) {
  return std::string(MAKERSCORE_SOURCE_DIR) + "/" + relative;
}

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Compares actual text with a golden file under tests/golden/. On a mismatch
// the test fails and prints the actual text, to be reviewed and, if right,
// written with MAKERSCORE_UPDATE_GOLDEN=1.
inline void ExpectGolden(const std::string& actual, const std::string& name) {
  std::string path = SourcePath("tests/golden/" + name);
  if (std::getenv("MAKERSCORE_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::string expected = ReadText(path);
  EXPECT_EQ(expected, actual) << "golden file " << path << " differs; the actual text is:\n" << actual;
}

// Parses a rule file from text; fails the test with the diagnostics if it
// does not load.
// original with 1 to 4 edits at random places, drawn from random: bytes dropped (1 to 3), or one of
// special inserted or written over a byte.
inline std::string Damaged(const std::string& original, const std::string& special, std::mt19937* random) {
  std::string text = original;
  const int edits = 1 + static_cast<int>((*random)() % 4);
  for (int e = 0; e < edits; ++e) {
    const std::size_t at = (*random)() % text.size();
    switch ((*random)() % 3) {
      case 0:
        text.erase(at, 1 + (*random)() % 3);
        break;
      case 1:
        text.insert(at, 1, special[(*random)() % special.size()]);
        break;
      default:
        text[at] = special[(*random)() % special.size()];
    }
  }
  return text;
}

inline RuleSet RulesFromText(const std::string& yaml) {
  LoadResult r = ParseRules(yaml, "test.yaml");
  EXPECT_TRUE(r.ok()) << r.diagnostics.ToString();
  return r.ok() ? *r.rules : RuleSet();
}

// The diagnostics of a rule file that must not load, rendered.
inline std::string ErrorsOf(const std::string& yaml) {
  LoadResult r = ParseRules(yaml, "test.yaml");
  EXPECT_FALSE(r.ok()) << "expected the rule file to be refused";
  return r.diagnostics.ToString();
}

// A matrix written row by row: M({{1, 2}, {3, 4}}).
inline Eigen::MatrixXd M(std::initializer_list<std::initializer_list<double>> rows) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.begin()->size()));
  Eigen::Index i = 0;
  for (const auto& r : rows) {
    Eigen::Index j = 0;
    for (double v : r) m(i, j++) = v;
    ++i;
  }
  return m;
}

// Expects `statement` to throw exception type E whose what() contains text.
#define EXPECT_THROW_WITH(statement, E, text)                                \
  do {                                                                       \
    try {                                                                    \
      statement;                                                             \
      ADD_FAILURE() << "expected " #E " containing: " << (text);             \
    } catch (const E& e) {                                                   \
      EXPECT_NE(std::string(e.what()).find(text), std::string::npos)         \
          << "message: " << e.what() << "\nexpected to contain: " << (text); \
    }                                                                        \
  } while (0)

// Expects the string haystack to contain needle, showing both when it does not.
#define EXPECT_THAT_CONTAINS(haystack, needle)                     \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos) \
      << "text: " << (haystack) << "\nexpected to contain: " << (needle)

}  // namespace makerscore::testing

#endif  // MAKERSCORE_TESTS_TEST_UTIL_H_
