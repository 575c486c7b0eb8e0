// The schema table drives the loader and the reference in docs/rule-format.md.
#include "test_util.h"

namespace makerscore {
namespace {

TEST(Schema, DocsHoldTheGeneratedReference) {
  // Like LightGBM's parameter docs: docs/rule-format.md must contain the text
  // generated from the table, so that the two never drift apart. Regenerate
  // it with `makerscore schema` when this fails.
  std::string docs = testing::ReadText(testing::SourcePath("docs/rule-format.md"));
  std::string reference = RuleFormatReference();
  EXPECT_NE(docs.find(reference), std::string::npos)
      << "docs/rule-format.md is out of date; run `bash scripts/update-reference.sh` (it pastes the output of "
         "`makerscore schema`):\n"
      << reference;
}

TEST(Schema, EveryKeyBelongsToADeclaredSection) {
  for (const auto& k : RuleKeys()) {
    bool found = false;
    for (const auto& s : RuleSections()) found |= std::string(s.name) == k.section;
    EXPECT_TRUE(found) << k.section << "/" << k.key;
    EXPECT_GT(std::string(k.doc).size(), 10u) << k.key << " needs a meaning";
  }
}

TEST(Schema, EveryMethodIsDocumented) {
  ASSERT_GE(ScoringMethods().size(), 3u);
  for (const auto& m : ScoringMethods()) {
    EXPECT_GT(std::string(m.doc).size(), 10u) << m.name;
    for (const auto& p : m.params) EXPECT_GT(std::string(p.doc).size(), 5u) << m.name << "." << p.name;
  }
}

TEST(Schema, LoaderRejectsKeysTheTableDoesNotList) {
  // A key valid in one section is unknown in another.
  LoadResult r = ParseRules("format: makerscore/1\nid: a\ntitle: b\nfields: []\nunit: 万元\n", "t.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.diagnostics.ToString().find("unknown key 'unit'"), std::string::npos);
}

}  // namespace
}  // namespace makerscore
