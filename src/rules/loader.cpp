// Loading a YAML rule file into a RuleSet, collecting every problem.
//
// yaml-cpp stays inside this file. The walk is driven by the schema table
// (schema.cpp): each map is checked for unknown, duplicate and missing keys
// and each value for its type before it is converted. Semantic checks that
// need the whole rule set (references, weights) are in validate.cpp.
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <charconv>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "makerscore/load.h"
#include "makerscore/schema.h"
#include "makerscore/methods.h"
#include "util/text.h"

namespace makerscore {

namespace {

constexpr const char* kFormat = "makerscore/1";

// The keys of one YAML map, by name, after checking them against a section.
using KeyNodes = std::map<std::string, YAML::Node>;

std::vector<std::string> SplitLines(std::string_view text) {
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

std::string Describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a map";
  return "'" + node.Scalar() + "'";
}

// A number as a rule file writes it: "0.3", "-2", "30%" (= 0.3).
bool ParseDouble(const std::string& s, double* out) {
  if (s.empty()) return false;
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

bool ParseBool(const std::string& s, bool* out) {
  if (s == "true" || s == "yes") *out = true;
  else if (s == "false" || s == "no") *out = false;
  else return false;
  return true;
}

class Loader {
 public:
  Loader(std::string file, std::string_view text) {
    map_.file = std::move(file);
    map_.lines = SplitLines(text);
    text_ = text;
  }

  LoadResult Run() {
    LoadResult result;
    RuleSet rules;
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text_));
    } catch (const YAML::Exception& e) {
      Error(e.mark, "", "this is not valid YAML: " + e.msg);
      result.diagnostics = std::move(diags_);
      return result;
    }
    if (!root.IsDefined() || root.IsNull()) {
      Error(YAML::Mark(), "", "the rule file is empty; it needs at least 'format', 'id', 'title' and 'fields'");
    } else if (!root.IsMap()) {
      Error(root.Mark(), "", "a rule file is a map of keys (format, id, title, fields ...), not " + Describe(root));
    } else {
      ReadRules(root, &rules);
    }
    rules.source_map = map_;
    // Semantic checks run even when the structure had errors, so that one run
    // reports everything; they skip what was already reported (a weight that
    // is not a number is NaN and is left out of the sums, for example).
    Diagnostics semantic = Validate(rules);
    for (const auto& d : semantic.items()) diags_.Add(d);
    diags_.SortByPosition();
    result.diagnostics = std::move(diags_);
    if (!result.diagnostics.HasErrors()) result.rules = std::move(rules);
    return result;
  }

 private:
  // yaml-cpp counts columns in bytes; people (and editors) count characters.
  SourcePos Pos(const YAML::Mark& m) const {
    if (m.line < 0) return SourcePos{map_.file, 0, 0};
    std::string line = map_.Line(m.line + 1);
    int chars = 0;
    for (int b = 0; b < m.column && b < static_cast<int>(line.size()); ++b) {
      chars += (static_cast<unsigned char>(line[b]) & 0xC0) != 0x80;
    }
    return SourcePos{map_.file, m.line + 1, chars + 1};
  }

  void Error(const YAML::Mark& mark, const std::string& path, const std::string& message) {
    Diagnostic d;
    d.pos = Pos(mark);
    d.path = path;
    d.message = message;
    d.source_line = map_.Line(d.pos.line);
    diags_.Add(std::move(d));
  }

  void Record(const std::string& path, const YAML::Node& node) { map_.positions[path] = Pos(node.Mark()); }

  // Checks a map against a section's keys. Unknown keys are errors unless
  // listed in extra (a method's parameters, say); keys in extra are returned
  // too. Missing required keys are reported at the map.
  KeyNodes Section(const YAML::Node& node, const std::string& section, const std::string& path,
                   const std::vector<std::string>& extra = {}, bool extra_open = false) {
    KeyNodes out;
    std::vector<KeyInfo> keys = KeysOf(section);
    std::vector<std::string> known;
    for (const auto& k : keys) known.push_back(k.key);
    known.insert(known.end(), extra.begin(), extra.end());
    if (!node.IsMap()) {
      Error(node.Mark(), path, "expected a map of keys here, found " + Describe(node));
      return out;
    }
    Record(path, node);
    for (const auto& kv : node) {
      if (!kv.first.IsScalar()) {
        Error(kv.first.Mark(), path, "a key must be a word, not " + Describe(kv.first));
        continue;
      }
      std::string key = kv.first.Scalar();
      if (out.count(key)) {
        Error(kv.first.Mark(), detail::ChildPath(path, key), "duplicate key '" + key + "'");
        continue;
      }
      bool is_known = std::find(known.begin(), known.end(), key) != known.end();
      if (!is_known && !extra_open) {
        Error(kv.first.Mark(), detail::ChildPath(path, key),
              "unknown key '" + key + "'" + detail::DidYouMean(key, known) +
                  " in " + section + "; known keys: " + detail::Join(known, ", "));
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
  bool CheckType(const YAML::Node& v, const KeyInfo& k, const std::string& path,
                 const YAML::Mark& key_mark) {
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
      Error(v.IsNull() ? key_mark : v.Mark(), path,
            std::string("'") + k.key + "' must be " + Article(k.type) + ", found " + Describe(v));
      return false;
    }
    if (*k.allowed && v.IsScalar()) {
      std::vector<std::string> allowed;
      std::stringstream ss(k.allowed);
      for (std::string w; std::getline(ss, w, '|');) allowed.push_back(w);
      if (std::find(allowed.begin(), allowed.end(), v.Scalar()) == allowed.end()) {
        Error(v.Mark(), path,
              std::string("'") + k.key + "' must be one of " + detail::Join(allowed, ", ") +
                  ", not '" + v.Scalar() + "'" + detail::DidYouMean(v.Scalar(), allowed));
        return false;
      }
    }
    return true;
  }

  static std::string Article(KeyType t) {
    switch (t) {
      case KeyType::kString: return "text";
      case KeyType::kNumber: return "a number";
      case KeyType::kInteger: return "a whole number";
      case KeyType::kMap: return "a map";
      case KeyType::kList: return "a list";
      case KeyType::kBool: return "true or false";
      case KeyType::kNumberOrMap: return "a number (or, with classes, a map of class weights)";
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

  static MissingPolicy ToMissing(const std::string& s) {
    if (s == "error") return MissingPolicy::kError;
    if (s == "group_mean") return MissingPolicy::kGroupMean;
    if (s == "mean") return MissingPolicy::kMean;
    if (s == "median") return MissingPolicy::kMedian;
    if (s == "exclude") return MissingPolicy::kExclude;
    return MissingPolicy::kZero;
  }

  void ReadRules(const YAML::Node& root, RuleSet* rules) {
    KeyNodes top = Section(root, "rules", "");
    std::string s;
    if (Str(top, "format", &s)) {
      if (s != kFormat) {
        std::string message = "this makerscore reads rule format '" + std::string(kFormat) + "', not '" + s + "'";
        if (s.rfind("makerscore/", 0) == 0) message += "; a newer format needs a newer makerscore";
        Error(top["format"].Mark(), "format", message);
      }
    }
    Str(top, "id", &rules->id);
    Str(top, "title", &rules->title);
    Str(top, "source", &rules->source);
    Str(top, "description", &rules->description);
    if (IsAllowed(top, "rules", "weighting", &s)) {
      rules->weighting = s == "relative" ? Weighting::kRelative : Weighting::kPoints;
    }
    Num(top, "total", &rules->total);
    if (IsAllowed(top, "rules", "missing", &s)) rules->missing = ToMissing(s);
    Str(top, "missing_group", &rules->missing_group);
    if (top.count("outliers") && top["outliers"].IsMap()) rules->outliers = ReadOutliers(top["outliers"], "outliers");
    if (top.count("classes") && top["classes"].IsMap()) {
      Classes c;
      KeyNodes m = Section(top["classes"], "classes", "classes");
      Str(m, "field", &c.field);
      c.labels = StringList(m, "labels", "classes/labels");
      rules->classes = c;
    }
    for (const char* which : {"bonus", "deductions"}) {
      if (!top.count(which) || !top[which].IsMap()) continue;
      Adjustments& a = std::string(which) == "bonus" ? rules->bonus : rules->deductions;
      KeyNodes m = Section(top[which], "adjustments", which);
      OptNum(m, "max", &a.max);
      Bool(m, "within_total", &a.within_total);
      if (a.within_total && std::string(which) == "deductions") {
        Error(m["within_total"].Mark(), std::string(which) + "/within_total",
              "'within_total' is for bonus items; deductions always stay within the total");
      }
      if (m.count("items") && m["items"].IsSequence()) {
        int i = 0;
        for (const auto& item : m["items"]) {
          Adjustment adj;
          std::string path = detail::UniquePath(std::string(which) + "/" + ItemId(item, "id", ++i), &seen_paths_);
          KeyNodes im = Section(item, "adjustment", path);
          Str(im, "id", &adj.id);
          Str(im, "name", &adj.name);
          Str(im, "value", &adj.value);
          Str(im, "description", &adj.description);
          OptNum(im, "max", &adj.max);
          a.items.push_back(adj);
        }
      }
    }
    if (top.count("vetoes") && top["vetoes"].IsSequence()) {
      int i = 0;
      for (const auto& item : top["vetoes"]) {
        Veto v;
        std::string path = detail::UniquePath("vetoes/" + ItemId(item, "id", ++i), &seen_paths_);
        KeyNodes m = Section(item, "veto", path);
        Str(m, "id", &v.id);
        Str(m, "name", &v.name);
        Str(m, "when", &v.when);
        Str(m, "grade", &v.grade);
        Bool(m, "exclude", &v.exclude);
        Str(m, "description", &v.description);
        rules->vetoes.push_back(v);
      }
    }
    if (top.count("entity") && top["entity"].IsMap()) {
      KeyNodes e = Section(top["entity"], "entity", "entity");
      Str(e, "id", &rules->id_column);
      Str(e, "name", &rules->name_column);
    }
    if (top.count("fields") && top["fields"].IsSequence()) {
      int i = 0;
      for (const auto& item : top["fields"]) ReadField(item, ++i, rules);
    }
    if (top.count("scales") && top["scales"].IsMap()) {
      for (const auto& kv : top["scales"]) ReadScale(kv.first, kv.second, rules);
    }
    if (top.count("indicators") && top["indicators"].IsSequence()) {
      int i = 0;
      for (const auto& item : top["indicators"]) {
        rules->indicators.push_back(ReadIndicator(item, "indicators", ++i));
      }
    }
    if (top.count("grades") && top["grades"].IsSequence()) {
      int i = 0;
      for (const auto& item : top["grades"]) {
        ++i;
        Grade g;
        std::string path = "grades/#" + std::to_string(i);
        KeyNodes m = Section(item, "grade", path);
        Str(m, "grade", &g.label);
        OptNum(m, "min", &g.min);
        OptNum(m, "top", &g.top);
        if (!g.label.empty()) {
          // Also index the positions by label, for the validator's messages.
          for (const auto& [key, node] : m) Record("grades/" + g.label + "/" + key, node);
          Record("grades/" + g.label, item);
        }
        rules->grades.push_back(g);
      }
    }
    if (top.count("checks") && top["checks"].IsSequence()) {
      int i = 0;
      for (const auto& item : top["checks"]) {
        ++i;
        Check c;
        KeyNodes m = Section(item, "check", "checks/#" + std::to_string(i));
        Str(m, "id", &c.id);
        Str(m, "name", &c.name);
        Str(m, "rule", &c.rule);
        Num(m, "tolerance", &c.tolerance);
        Str(m, "description", &c.description);
        if (!c.id.empty()) {
          for (const auto& [key, node] : m) Record("checks/" + c.id + "/" + key, node);
          Record("checks/" + c.id, item);
        }
        rules->checks.push_back(c);
      }
    }
  }

  // The id of an item, read before the rest so that paths can use it.
  std::string ItemId(const YAML::Node& item, const char* key, int index) {
    if (item.IsMap() && item[key] && item[key].IsScalar() && !item[key].Scalar().empty()) {
      return item[key].Scalar();
    }
    return "#" + std::to_string(index);
  }

  void ReadField(const YAML::Node& item, int index, RuleSet* rules) {
    Field f;
    std::string path = detail::UniquePath("fields/" + ItemId(item, "id", index), &seen_paths_);
    KeyNodes m = Section(item, "field", path);
    Str(m, "id", &f.id);
    Str(m, "name", &f.name);
    Str(m, "unit", &f.unit);
    Str(m, "section", &f.section);
    Str(m, "description", &f.description);
    std::string kind;
    if (IsAllowed(m, "field", "kind", &kind)) {
      if (kind == "count") f.kind = FieldKind::kCount;
      else if (kind == "amount") f.kind = FieldKind::kAmount;
      else if (kind == "share") f.kind = FieldKind::kShare;
      else if (kind == "flag") f.kind = FieldKind::kFlag;
      else if (kind == "category") f.kind = FieldKind::kCategory;
    }
    double d;
    if (Num(m, "min", &d)) f.min = d;
    if (Num(m, "max", &d)) f.max = d;
    rules->fields.push_back(f);
  }

  void ReadScale(const YAML::Node& key, const YAML::Node& value, RuleSet* rules) {
    Scale s;
    s.id = key.IsScalar() ? key.Scalar() : "";
    std::string path = "scales/" + s.id;
    Record(path, key);
    KeyNodes m = Section(value, "scale", path);
    Str(m, "name", &s.name);
    Str(m, "description", &s.description);
    double d;
    if (Num(m, "min", &d)) s.min = d;
    if (Num(m, "max", &d)) s.max = d;
    if (m.count("levels") && m["levels"].IsMap()) {
      for (const auto& kv : m["levels"]) {
        std::string label = kv.first.IsScalar() ? kv.first.Scalar() : "";
        std::string lpath = path + "/levels/" + label;
        Record(lpath, kv.second);
        double fraction = 0;
        if (!kv.second.IsScalar() || !ParseDouble(kv.second.Scalar(), &fraction)) {
          Error(kv.second.Mark(), lpath,
                "the level '" + label + "' needs the share of points it earns, a number from 0 to 1, not " +
                    Describe(kv.second));
          continue;
        }
        s.levels.push_back({label, fraction});
      }
    }
    rules->scales.push_back(s);
  }

  Indicator ReadIndicator(const YAML::Node& item, const std::string& parent_path, int index) {
    Indicator ind;
    std::string path = detail::UniquePath(parent_path + "/" + ItemId(item, "id", index), &seen_paths_);
    KeyNodes m = Section(item, "indicator", path);
    Str(m, "id", &ind.id);
    Str(m, "name", &ind.name);
    Str(m, "description", &ind.description);
    if (m.count("weight") && m["weight"].IsMap()) {
      ind.weight = std::nan("");
      for (const auto& kv : m["weight"]) {
        std::string label = kv.first.IsScalar() ? kv.first.Scalar() : "";
        std::string wpath = path + "/weight/" + label;
        Record(wpath, kv.second);
        double w = 0;
        if (!kv.second.IsScalar() || !ParseDouble(kv.second.Scalar(), &w)) {
          Error(kv.second.Mark(), wpath, "the weight of class '" + label + "' must be a number, found " + Describe(kv.second));
          continue;
        }
        ind.class_weights[label] = w;
      }
    } else if (!Num(m, "weight", &ind.weight)) {
      ind.weight = std::nan("");
    }
    Str(m, "value", &ind.value);
    std::string s;
    if (IsAllowed(m, "indicator", "missing", &s)) ind.missing = ToMissing(s);
    Str(m, "missing_group", &ind.missing_group);
    if (m.count("outliers") && m["outliers"].IsMap()) ind.outliers = ReadOutliers(m["outliers"], path + "/outliers");
    if (IsAllowed(m, "indicator", "aggregate", &s)) {
      ind.aggregate = s == "geometric" ? Aggregation::kGeometric
                      : s == "harmonic" ? Aggregation::kHarmonic
                      : s == "power"    ? Aggregation::kPower
                                        : Aggregation::kArithmetic;
    }
    Num(m, "power", &ind.power);
    if (m.count("score") && m["score"].IsMap()) ind.score = ReadScore(m["score"], path + "/score");
    if (m.count("rated") && m["rated"].IsMap()) {
      RatedSpec r;
      KeyNodes rm = Section(m["rated"], "rated", path + "/rated");
      Str(rm, "scale", &r.scale);
      if (IsAllowed(rm, "rated", "combine", &s)) {
        r.combine = s == "median" ? Combine::kMedian : s == "trimmed_mean" ? Combine::kTrimmedMean : Combine::kMean;
      }
      double d;
      if (Num(rm, "min_ratings", &d)) r.min_ratings = static_cast<int>(d);
      ind.rated = r;
    }
    if (m.count("children") && m["children"].IsSequence()) {
      int i = 0;
      for (const auto& child : m["children"]) ind.children.push_back(ReadIndicator(child, path, ++i));
    }
    return ind;
  }

  OutlierSpec ReadOutliers(const YAML::Node& node, const std::string& path) {
    OutlierSpec o;
    KeyNodes m = Section(node, "outliers", path);
    std::string s;
    if (IsAllowed(m, "outliers", "method", &s)) {
      o.method = s == "winsorise" ? OutlierMethod::kWinsorise : s == "cap" ? OutlierMethod::kCap : OutlierMethod::kNone;
    }
    Num(m, "skew", &o.skew);
    Num(m, "kurtosis", &o.kurtosis);
    double d;
    if (Num(m, "max_points", &d)) o.max_points = static_cast<int>(d);
    if (IsAllowed(m, "outliers", "fallback", &s)) o.log_fallback = s == "log";
    if (IsAllowed(m, "outliers", "count", &s)) o.per_step = s == "last_step";
    Num(m, "lower", &o.lower);
    Num(m, "upper", &o.upper);
    return o;
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

  // The bands parameter: a list of {min|max, score}.
  std::vector<Band> ReadBands(const YAML::Node& node, const std::string& path) {
    std::vector<Band> out;
    if (!node.IsSequence()) {
      Error(node.Mark(), path, "'bands' must be a list such as [{min: 30%, score: 1}, {min: 10%, score: 0.7}], found " +
                                   Describe(node));
      return out;
    }
    int i = 0;
    for (const auto& item : node) {
      std::string bpath = path + "/#" + std::to_string(++i);
      if (!item.IsMap()) {
        Error(item.Mark(), bpath, "each band is a map such as {min: 30%, score: 1}, not " + Describe(item));
        continue;
      }
      Band b;
      bool has_score = false;
      for (const auto& kv : item) {
        std::string k = kv.first.IsScalar() ? kv.first.Scalar() : "";
        double d = 0;
        if (k != "min" && k != "max" && k != "score") {
          Error(kv.first.Mark(), bpath + "/" + k,
                "unknown key '" + k + "' in a band" + detail::DidYouMean(k, {"min", "max", "score"}) +
                    "; a band has 'min' or 'max', and 'score'");
          continue;
        }
        if (!kv.second.IsScalar() || !ParseDouble(kv.second.Scalar(), &d)) {
          Error(kv.second.Mark(), bpath + "/" + k, "'" + k + "' must be a number, found " + Describe(kv.second));
          continue;
        }
        Record(bpath + "/" + k, kv.second);
        if (k == "min") b.min = d;
        if (k == "max") b.max = d;
        if (k == "score") {
          b.score = d;
          has_score = true;
        }
      }
      if (!has_score) Error(item.Mark(), bpath, "a band needs a 'score' (the share of points it earns)");
      Record(bpath, item);
      out.push_back(b);
    }
    return out;
  }

  ScoreSpec ReadScore(const YAML::Node& node, const std::string& path) {
    ScoreSpec spec;
    KeyNodes m = Section(node, "score", path, {}, /*extra_open=*/true);
    std::string s;
    Str(m, "method", &spec.method);
    if (IsAllowed(m, "score", "direction", &s)) spec.direction = s == "lower" ? Direction::kLower : Direction::kHigher;
    const MethodInfo* method = FindMethod(spec.method);
    if (!spec.method.empty() && method == nullptr) {
      std::vector<std::string> names;
      for (const auto& mi : ScoringMethods()) names.push_back(mi.name);
      Error(m["method"].Mark(), path + "/method",
            "unknown scoring method '" + spec.method + "'" + detail::DidYouMean(spec.method, names) +
                "; known: " + detail::Join(names, ", "));
    }
    std::vector<std::string> keys = {"method", "direction"};
    std::vector<std::string> params;
    if (method) {
      for (const auto& p : method->params) params.push_back(p.name);
    }
    for (const auto& [key, value] : m) {
      if (key == "method" || key == "direction") continue;
      if (method == nullptr) continue;  // unknown method: its parameters cannot be checked
      if (std::find(params.begin(), params.end(), key) == params.end()) {
        std::vector<std::string> known = keys;
        known.insert(known.end(), params.begin(), params.end());
        Error(node[key].IsNull() ? node.Mark() : value.Mark(), detail::ChildPath(path, key),
              "unknown parameter '" + key + "' of method '" + spec.method + "'" +
                  detail::DidYouMean(key, known) +
                  (params.empty() ? "; it takes none" : "; it takes " + detail::Join(params, ", ")));
        continue;
      }
      const MethodParam& param = *std::find_if(method->params.begin(), method->params.end(),
                                               [&](const MethodParam& p) { return key == p.name; });
      if (param.type == ParamType::kBands) {
        spec.bands = ReadBands(value, detail::ChildPath(path, key));
        continue;
      }
      double d;
      bool b;
      if (param.type == ParamType::kBool) {
        if (!value.IsScalar() || !ParseBool(value.Scalar(), &b)) {
          Error(value.Mark(), detail::ChildPath(path, key), "'" + key + "' must be true or false, found " + Describe(value));
          continue;
        }
        d = b ? 1 : 0;
      } else if (!value.IsScalar() || !ParseDouble(value.Scalar(), &d)) {
        Error(value.Mark(), detail::ChildPath(path, key), "'" + key + "' must be a number, found " + Describe(value));
        continue;
      }
      spec.params[key] = d;
    }
    if (method) {
      for (const auto& p : method->params) {
        if (p.required && !m.count(p.name)) {
          Error(node.Mark(), path,
                "method '" + spec.method + "' needs the parameter '" + p.name + "' (" + p.doc + ")");
        }
      }
    }
    return spec;
  }

  std::string_view text_;
  std::set<std::string> seen_paths_;
  SourceMap map_;
  Diagnostics diags_;
};

}  // namespace

LoadResult ParseRules(std::string_view yaml, const std::string& file_name) {
  return Loader(file_name, yaml).Run();
}

LoadResult LoadRules(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult r;
    Diagnostic d;
    d.pos.file = path;
    d.message = "cannot open the rule file (does it exist, and may it be read?)";
    r.diagnostics.Add(d);
    return r;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  return ParseRules(text, path);
}

RuleSet LoadRulesOrThrow(const std::string& path) {
  LoadResult r = LoadRules(path);
  if (!r.ok()) throw RuleError(std::move(r.diagnostics));
  return std::move(*r.rules);
}

}  // namespace makerscore
