// Reading YAML that may be hostile (internal): the limits every rule-format file is read within, shared by
// the rule file, the uncertainty-inputs file and the weights file.
#ifndef MAKERSCORE_SRC_RULES_YAML_GUARD_H_
#define MAKERSCORE_SRC_RULES_YAML_GUARD_H_

#include <string>
#include <string_view>

#include "makerscore/diagnostics.h"
#include "rules/yaml_tree.h"

namespace makerscore::detail {

// Limits on what a hostile rule file can make the loader do (docs/rule-format.md).
constexpr size_t kMaxNodes = 1000000;  // YAML nodes after expanding aliases
constexpr int kMaxDepth = 100;         // YAML nesting levels (the Guangxi file uses 9)

// The number of the tree under node with aliases expanded, counting
// stops past limit; *too_deep is set when the tree nests deeper than
// kMaxDepth (an alias that contains itself nests forever).
inline size_t ExpandedSize(const YamlNode& node, size_t limit, bool* too_deep, int depth = 0, size_t count = 0) {
  ++count;
  if (depth > kMaxDepth) *too_deep = true;
  if (*too_deep || count > limit || !(node.IsSequence() || node.IsMap())) return count;
  for (const auto& item : node) {
    if (node.IsMap()) {
      count = ExpandedSize(item.first, limit, too_deep, depth + 1, count);
      if (count <= limit) count = ExpandedSize(item.second, limit, too_deep, depth + 1, count);
    } else {
      count = ExpandedSize(item, limit, too_deep, depth + 1, count);
    }
    if (*too_deep || count > limit) break;
  }
  return count;
}

// A problem with the file as a whole (it cannot be read), as a diagnostic.
inline Diagnostic FileProblem(const std::string& path, const std::string& message) {
  Diagnostic d;
  d.pos.file = path;
  d.message = message;
  return d;
}

// The text without the UTF-8 byte-order mark that Windows editors write.
inline std::string_view WithoutBom(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
}

// YAML tags ('!!binary', '!!str', '!custom') ask a YAML library to read a value another way; the rule format
// has none, and ignoring one would read the value other than its author meant. Reports each (at most 20).
template <typename Report>
void RefuseTags(const YamlNode& node, const Report& report, int* count, int depth = 0) {
  if (*count >= 20 || depth > kMaxDepth) return;
  const std::string& tag = node.Tag();
  if (!tag.empty() && tag != "?" && tag != "!") {
    ++*count;
    std::string shown = tag.rfind("tag:yaml.org,2002:", 0) == 0 ? "!!" + tag.substr(18) : tag;
    report(node.Mark(), "the YAML tag '" + shown +
                            "' is not part of the rule format (makerscore reads every "
                            "value as the rule format says); remove it");
  }
  if (!(node.IsSequence() || node.IsMap())) return;
  for (const auto& item : node) {
    if (node.IsMap()) {
      RefuseTags(item.first, report, count, depth + 1);
      RefuseTags(item.second, report, count, depth + 1);
    } else {
      RefuseTags(item, report, count, depth + 1);
    }
  }
}

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_RULES_YAML_GUARD_H_
