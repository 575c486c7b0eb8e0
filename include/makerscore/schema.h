// makerscore: the rule-file schema, one declarative table.
//
// Every key a rule file may hold is declared once, with its type, whether it
// is required, its default and its meaning. The loader checks keys and types
// against this table, and the reference in docs/rule-format.md is generated
// from it (`makerscore schema`), so the two cannot drift apart.
#ifndef MAKERSCORE_SCHEMA_H_
#define MAKERSCORE_SCHEMA_H_

#include <string>
#include <vector>

namespace makerscore {

// The YAML type a key expects.
enum class KeyType { kString, kNumber, kInteger, kBool, kMap, kList, kNumberOrMap, kStringOrMap };

// One key of one section of a rule file.
struct KeyInfo {
  const char* section;  // e.g. "indicator", "field", "score"
  const char* key;      // e.g. "weight"
  KeyType type;
  bool required;
  const char* default_value;  // "" when none
  const char* allowed;        // allowed words, "a|b|c", or "" when free
  std::string doc;            // one sentence for the reference
};

// A section of a rule file (a kind of YAML map) and what it describes.
struct SectionInfo {
  const char* name;
  const char* where;  // where it appears, e.g. "each item of `fields:`"
  const char* doc;
};

// All sections, in the order the reference presents them.
const std::vector<SectionInfo>& RuleSections();
// All keys of all sections.
const std::vector<KeyInfo>& RuleKeys();
// The keys of one section, in declaration order (none for an unknown one); the
// table is made once, on the first call.
const std::vector<KeyInfo>& KeysOf(const std::string& section);
const char* ToString(KeyType type);

// The rule-format reference (Markdown) generated from the tables above and
// the method registry.
std::string RuleFormatReference();

}  // namespace makerscore

#endif  // MAKERSCORE_SCHEMA_H_
