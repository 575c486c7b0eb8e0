// A YAML reader driven by the schema table (internal): it checks each map's
// keys and types against a section of the table (schema.cpp), records every
// position in a SourceMap and collects diagnostics. loader.cpp builds the
// rule set on it. Only the rules' readers parse YAML (yaml_tree.h).
#ifndef MAKERSCORE_SRC_RULES_YAML_READER_H_
#define MAKERSCORE_SRC_RULES_YAML_READER_H_

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "makerscore/diagnostics.h"
#include "makerscore/rules.h"
#include "makerscore/schema.h"
#include "rules/source_excerpt.h"
#include "rules/yaml_tree.h"
#include "util/number_cell.h"
#include "util/text.h"

namespace makerscore::detail {

// The keys of one YAML map, by name, after checking them against a section.
using KeyNodes = std::map<std::string, YamlNode>;

inline std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

inline std::string Describe(const YamlNode& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a map";
  return "'" + node.Scalar() + "'";
}

// A number as a rule file writes it: "0.3", "-2", "30%" (= 0.3), or a fraction "1/6" (of two plain numbers).
inline bool ParseDouble(const std::string& s, double* out) {
  if (s.empty()) return false;
  if (const size_t slash = s.find('/'); slash != std::string::npos) {
    double a = 0, b = 0;
    const std::string top = s.substr(0, slash), bottom = s.substr(slash + 1);
    if (top.empty() || bottom.empty() || top.back() == '%' || bottom.back() == '%' || !ParseDouble(top, &a) ||
        !ParseDouble(bottom, &b) || b == 0) {
      return false;
    }
    *out = a / b;
    return std::isfinite(*out);
  }
  const char* begin = s.data();
  const char* last = s.data() + s.size();
  bool percent = s.back() == '%';
  if (percent) --last;
  if (*begin == '+') ++begin;
  auto [end, ec] = std::from_chars(begin, last, *out);
  if (ec != std::errc() || end != last || begin == last || !std::isfinite(*out)) return false;
  if (percent) *out /= 100;
  return true;
}

inline bool ParseBool(const std::string& s, bool* out) {
  if (s == "true" || s == "yes")
    *out = true;
  else if (s == "false" || s == "no")
    *out = false;
  else
    return false;
  return true;
}

class YamlReader {
 public:
  YamlReader(std::string file, std::string_view text) : text_(text) {
    map_.file = std::move(file);
    map_.lines = SplitLines(text);
  }

 protected:
  // yaml-cpp counts columns in bytes; people (and editors) count characters.
  // The reader asks in file order, so the count resumes from the last answer
  // on the same line: a one-line file of megabytes costs one pass, not one
  // pass per node.
  SourcePos Pos(const YAML::Mark& m) const {
    if (m.line < 0 || m.line >= static_cast<int>(map_.lines.size()))
      return SourcePos{map_.file, m.line < 0 ? 0 : m.line + 1, 0};
    const std::string& line = map_.lines[m.line];
    const int stop = std::min(m.column, static_cast<int>(line.size()));
    if (cursor_.line != m.line || cursor_.byte > stop) cursor_ = {m.line, 0, 0};
    for (int b = cursor_.byte; b < stop; ++b) cursor_.chars += (static_cast<unsigned char>(line[b]) & 0xC0) != 0x80;
    cursor_.byte = stop;
    return SourcePos{map_.file, m.line + 1, cursor_.chars + 1};
  }

  void Error(const YAML::Mark& mark, const std::string& path, const std::string& message) {
    Diagnostic d;
    d.pos = Pos(mark);
    d.path = path;
    d.message = message;
    if (d.pos.line >= 1 && d.pos.line <= static_cast<int>(map_.lines.size())) {
      SetSourceLine(&d, map_.lines[d.pos.line - 1], &excerpt_);
    }
    diags_.Add(std::move(d));
  }

  void Record(const std::string& path, const YamlNode& node) { map_.positions[path] = Pos(node.Mark()); }

  // Checks a map against a section's keys. Unknown keys are errors unless
  // listed in extra (a method's parameters, say); keys in extra are returned
  // too. Missing required keys are reported at the map.
  KeyNodes Section(const YamlNode& node, const std::string& section, const std::string& path,
                   const std::vector<std::string>& extra = {}, bool extra_open = false) {
    KeyNodes out;
    const std::vector<KeyInfo>& keys = KeysOf(section);
    const auto is_known = [&](const std::string& key) {
      return std::any_of(keys.begin(), keys.end(), [&](const KeyInfo& k) { return key == k.key; }) ||
             std::find(extra.begin(), extra.end(), key) != extra.end();
    };
    if (!node.IsMap()) {
      Error(node.Mark(), path, "expected a map of keys here, found " + Describe(node));
      return out;
    }
    Record(path, node);
    std::string previous, previous_text;  // the key before and its text, for the hint on a comma inside { }
    for (const auto& kv : node) {
      if (!kv.first.IsScalar()) {
        Error(kv.first.Mark(), path, "a key must be a word, not " + Describe(kv.first));
        continue;
      }
      std::string key = kv.first.Scalar();
      const std::string before = std::exchange(previous, key);
      const std::string before_text =
          std::exchange(previous_text, kv.second.IsScalar() ? kv.second.Scalar() : std::string());
      if (out.count(key)) {
        Error(kv.first.Mark(), detail::ChildPath(path, key), "duplicate key '" + key + "'");
        continue;
      }
      if (!is_known(key) && !extra_open) {
        std::vector<std::string> known;
        for (const auto& k : keys) known.push_back(k.key);
        known.insert(known.end(), extra.begin(), extra.end());
        // {name: 获得荣誉, 每项1分, value: ...}: YAML ends a value at a comma inside { }, so the rest of the
        // text becomes a key without a value.
        const bool comma = node.Style() == YAML::EmitterStyle::Flow && kv.second.IsNull() && !before_text.empty();
        Error(kv.first.Mark(), detail::ChildPath(path, key),
              "unknown key '" + key + "'" + detail::DidYouMean(key, known) + " in " + section +
                  (comma ? "; if '" + key + "' belongs to the text of '" + before +
                               "' before it, a comma inside { } ended that text: put it in quotes, " + before + ": \"" +
                               before_text + ", " + key + "\""
                         : "; known keys: " + detail::Join(known, ", ")));
        continue;
      }
      out[key] = kv.second;
      Record(detail::ChildPath(path, key), kv.second.IsNull() ? kv.first : kv.second);
      for (const auto& k : keys) {
        if (key == k.key) CheckType(kv.second, k, detail::ChildPath(path, key), kv.first.Mark());
      }
    }
    for (const auto& k : keys) {
      if (k.required && !out.count(k.key)) {
        Error(node.Mark(), path, std::string("missing required key '") + k.key + "' in " + section);
      }
    }
    return out;
  }

  // Reports a value of the wrong type; the caller then skips it.
  bool CheckType(const YamlNode& v, const KeyInfo& k, const std::string& path, const YAML::Mark& key_mark) {
    bool ok = false;
    double d = 0;
    switch (k.type) {
      case KeyType::kString:
        ok = v.IsScalar();
        break;
      case KeyType::kBool: {
        bool b;
        ok = v.IsScalar() && ParseBool(v.Scalar(), &b);
        break;
      }
      case KeyType::kNumberOrMap:
        ok = v.IsMap() || (v.IsScalar() && ParseDouble(v.Scalar(), &d));
        break;
      case KeyType::kStringOrMap:
        ok = v.IsMap() || v.IsScalar();
        break;
      case KeyType::kNumber:
        ok = v.IsScalar() && ParseDouble(v.Scalar(), &d);
        break;
      case KeyType::kInteger:
        ok = v.IsScalar() && ParseDouble(v.Scalar(), &d) && d == std::floor(d) && std::fabs(d) < 1e9;
        break;
      case KeyType::kMap:
        ok = v.IsMap();
        break;
      case KeyType::kList:
        ok = v.IsSequence();
        break;
    }
    if (!ok) {
      // A null value has no position of its own: point at its key.
      std::string found = Describe(v);
      if (v.IsScalar() &&
          (k.type == KeyType::kNumber || k.type == KeyType::kInteger || k.type == KeyType::kNumberOrMap)) {
        double ignored = 0;
        const std::string& text = v.Scalar();
        const char* begin = text.data() + (!text.empty() && text[0] == '+');
        const char* end = text.data() + text.size() - (!text.empty() && text.back() == '%');
        if (std::from_chars(begin, end, ignored).ec == std::errc::result_out_of_range) found += OutOfRange(text);
      }
      Error(v.IsNull() ? key_mark : v.Mark(), path,
            std::string("'") + k.key + "' must be " + Article(k.type) + ", found " + found);
      return false;
    }
    if (*k.allowed && v.IsScalar()) {
      std::vector<std::string> allowed;
      std::stringstream ss(k.allowed);
      for (std::string w; std::getline(ss, w, '|');) allowed.push_back(w);
      if (std::find(allowed.begin(), allowed.end(), v.Scalar()) == allowed.end()) {
        Error(v.Mark(), path,
              std::string("'") + k.key + "' must be one of " + detail::Join(allowed, ", ") + ", not '" + v.Scalar() +
                  "'" + detail::DidYouMean(v.Scalar(), allowed));
        return false;
      }
    }
    return true;
  }

  static std::string Article(KeyType t) {
    switch (t) {
      case KeyType::kString:
        return "text";
      case KeyType::kNumber:
        return "a number";
      case KeyType::kInteger:
        return "a whole number";
      case KeyType::kMap:
        return "a map";
      case KeyType::kList:
        return "a list";
      case KeyType::kBool:
        return "true or false";
      case KeyType::kNumberOrMap:
        return "a number (or, with classes, a map of class weights)";
      case KeyType::kStringOrMap:
        return "a word or a map";
    }
    return "?";
  }

  // Typed getters: they return false when the key is absent or was already
  // reported as the wrong type.
  bool Str(const KeyNodes& m, const char* key, std::string* out) {
    auto it = m.find(key);
    if (it == m.end() || !it->second.IsScalar()) return false;
    *out = it->second.Scalar();
    return true;
  }
  bool Num(const KeyNodes& m, const char* key, double* out) {
    auto it = m.find(key);
    if (it == m.end() || !it->second.IsScalar()) return false;
    return ParseDouble(it->second.Scalar(), out);
  }
  bool IsAllowed(const KeyNodes& m, const std::string& section, const char* key, std::string* out) {
    if (!Str(m, key, out)) return false;
    for (const auto& k : KeysOf(section)) {
      if (k.key == std::string(key) && *k.allowed) {
        std::string allowed = std::string("|") + k.allowed + "|";
        return allowed.find("|" + *out + "|") != std::string::npos;
      }
    }
    return true;
  }

  bool Bool(const KeyNodes& m, const char* key, bool* out) {
    auto it = m.find(key);
    return it != m.end() && it->second.IsScalar() && ParseBool(it->second.Scalar(), out);
  }
  bool OptNum(const KeyNodes& m, const char* key, std::optional<double>* out) {
    double d;
    if (!Num(m, key, &d)) return false;
    *out = d;
    return true;
  }

  // The id of an item, read before the rest so that paths can use it.
  std::string ItemId(const YamlNode& item, const char* key, int index) {
    if (item.IsMap() && item[key] && item[key].IsScalar() && !item[key].Scalar().empty()) {
      return item[key].Scalar();
    }
    return "#" + std::to_string(index);
  }

  // A list of text items under key; reports items that are not text.
  std::vector<std::string> StringList(const KeyNodes& m, const char* key, const std::string& path) {
    std::vector<std::string> out;
    auto it = m.find(key);
    if (it == m.end() || !it->second.IsSequence()) return out;
    for (const auto& item : it->second) {
      if (!item.IsScalar()) {
        Error(item.Mark(), path, std::string("each item of '") + key + "' must be text, found " + Describe(item));
        continue;
      }
      out.push_back(item.Scalar());
    }
    return out;
  }

  std::string_view text_;
  struct Cursor {
    int line = -1, byte = 0, chars = 0;
  };
  mutable Cursor cursor_;             // where Pos() last counted to
  LineCursor excerpt_;                // for the excerpts of long lines
  std::set<std::string> seen_paths_;  // see UniquePath
  SourceMap map_;
  Diagnostics diags_;
};

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_RULES_YAML_READER_H_
