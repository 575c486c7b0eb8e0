// Loading a YAML rule file into a RuleSet, collecting every problem.
//
// The walk is driven by the schema table through YamlReader (yaml_reader.h):
// each map is checked for unknown, duplicate and missing keys and each value
// for its type before it is converted here. Semantic checks that need the
// whole rule set (references, weights) are in validate_*.cpp.
#include "makerscore/load.h"
#include "makerscore/methods.h"
#include "rules/uncertainty_reader.h"
#include "rules/yaml_guard.h"
#include "util/read_file.h"
#include "util/unicode.h"

namespace makerscore {

namespace {

constexpr const char* kFormat = "makerscore/1";

using detail::Describe;
using detail::ExpandedSize;
using detail::FileProblem;
using detail::KeyNodes;
using detail::kMaxDepth;
using detail::kMaxNodes;
using detail::ParseBool;
using detail::ParseDouble;
using detail::RefuseTags;
using detail::WithoutBom;
using detail::YamlNode;

// Builds a RuleSet from the YAML, section by section.
class Loader : public detail::UncertaintyReader {
 public:
  using UncertaintyReader::UncertaintyReader;

  LoadResult Run() {
    LoadResult result;
    RuleSet rules;
    detail::YamlDocument document;
    try {
      document = detail::YamlDocument::Parse(text_);
    } catch (const YAML::Exception& e) {
      Error(e.mark, "", "this is not valid YAML: " + e.msg);
      result.diagnostics = std::move(diags_);
      return result;
    }
    const YamlNode root = document.root();
    bool walked = false;
    bool too_deep = false;
    const size_t size = ExpandedSize(root, kMaxNodes, &too_deep);
    if (too_deep) {
      Error(YAML::Mark(), "",
            "the rule file nests more than " + std::to_string(kMaxDepth) +
                " levels deep (an alias inside the item it names, like '&a [*a]'?)");
    } else if (size > kMaxNodes) {
      Error(YAML::Mark(), "",
            "the rule file expands to more than " + std::to_string(kMaxNodes) +
                " YAML nodes (aliases repeating aliases?); a rule file is far smaller");
    } else if (int tags = 0;
               RefuseTags(
                   root, [&](const YAML::Mark& m, const std::string& message) { Error(m, "", message); }, &tags),
               tags > 0) {
      // reported
    } else if (!root.IsDefined() || root.IsNull()) {
      Error(YAML::Mark(), "", "the rule file is empty; it needs at least 'format', 'id', 'title' and 'fields'");
    } else if (!root.IsMap()) {
      Error(root.Mark(), "", "a rule file is a map of keys (format, id, title, fields ...), not " + Describe(root));
    } else {
      ReadRules(root, &rules);
      walked = true;
    }
    rules.source_map = map_;
    // Semantic checks run even when the structure had errors, so that one run
    // reports everything; they skip what was already reported (a weight that
    // is not a number is NaN and is left out of the sums, for example).
    if (walked) {
      Diagnostics semantic = Validate(rules);
      for (const auto& d : semantic.items()) diags_.Add(d);
    }
    diags_.SortByPosition();
    result.diagnostics = std::move(diags_);
    if (!result.diagnostics.HasErrors()) result.rules = std::move(rules);
    return result;
  }

 private:
  void ReadRules(const YamlNode& root, RuleSet* rules) {
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
    WordOf(top, "rules", "weighting", &rules->weighting);
    WordOf(top, "rules", "language", &rules->language);
    Num(top, "total", &rules->total);
    WordOf(top, "rules", "missing", &rules->missing);
    Str(top, "missing_group", &rules->missing_group);
    WordOf(top, "rules", "bad_cells", &rules->bad_cells);
    OptNum(top, "boundary_margin", &rules->boundary_margin);
    if (top.count("weights") && top["weights"].IsMap()) rules->weights = ReadWeights(top["weights"], "weights");
    if (top.count("outliers") && top["outliers"].IsMap()) rules->outliers = ReadOutliers(top["outliers"], "outliers");
    if (top.count("report") && top["report"].IsMap()) rules->report = ReadReportInfo(top["report"], "report");
    if (top.count("screen") && top["screen"].IsMap()) {
      ScreenSpec screen;
      KeyNodes m = Section(top["screen"], "screen", "screen");
      WordOf(m, "screen", "by", &screen.by);
      Num(m, "min_available", &screen.min_available);
      Num(m, "min_nonzero", &screen.min_nonzero);
      screen.include = StringList(m, "include", "screen/include");
      screen.exclude = StringList(m, "exclude", "screen/exclude");
      rules->screen = screen;
    }
    if (top.count("uncertainty") && top["uncertainty"].IsMap()) {
      rules->uncertainty = ReadUncertainty(top["uncertainty"], "uncertainty");
    }
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
    if (top.count("experts") && top["experts"].IsSequence()) {
      int i = 0;
      for (const auto& item : top["experts"]) {
        Expert e;
        KeyNodes m = Section(item, "expert", detail::UniquePath("experts/" + ItemId(item, "id", ++i), &seen_paths_));
        Str(m, "id", &e.id);
        Str(m, "name", &e.name);
        Num(m, "authority", &e.authority);
        rules->experts.push_back(e);
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
        WordOf(m, "veto", "if_missing", &v.if_missing);
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
        double places = 0;
        if (Num(m, "rank", &places)) g.rank = static_cast<int>(places);
        PlacesRounding rounding = PlacesRounding::kDown;
        if (WordOf(m, "grade", "round", &rounding)) g.round = rounding;
        Str(m, "when", &g.when);
        Bool(m, "by_veto_only", &g.by_veto_only);
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

  void ReadField(const YamlNode& item, int index, RuleSet* rules) {
    Field f;
    std::string path = detail::UniquePath("fields/" + ItemId(item, "id", index), &seen_paths_);
    KeyNodes m = Section(item, "field", path);
    Str(m, "id", &f.id);
    Str(m, "name", &f.name);
    Str(m, "unit", &f.unit);
    Str(m, "section", &f.section);
    Str(m, "description", &f.description);
    WordOf(m, "field", "kind", &f.kind);
    double d;
    if (Num(m, "min", &d)) f.min = d;
    if (Num(m, "max", &d)) f.max = d;
    rules->fields.push_back(f);
  }

  void ReadScale(const YamlNode& key, const YamlNode& value, RuleSet* rules) {
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
    if (m.count("bands") && m["bands"].IsMap()) {
      for (const auto& kv : m["bands"]) {
        std::string label = kv.first.IsScalar() ? kv.first.Scalar() : "";
        std::string bpath = path + "/bands/" + label;
        Record(bpath, kv.second);
        double lo = 0, hi = 0;
        if (!kv.second.IsSequence() || kv.second.size() != 2 || !kv.second[0].IsScalar() || !kv.second[1].IsScalar() ||
            !ParseDouble(kv.second[0].Scalar(), &lo) || !ParseDouble(kv.second[1].Scalar(), &hi)) {
          Error(kv.second.Mark(), bpath,
                "the band '" + label + "' needs [lowest, highest] points, not " + Describe(kv.second));
          continue;
        }
        s.bands.push_back({label, lo, hi});
      }
    }
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

  Indicator ReadIndicator(const YamlNode& item, const std::string& parent_path, int index) {
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
          Error(kv.second.Mark(), wpath,
                "the weight of class '" + label + "' must be a number, found " + Describe(kv.second));
          continue;
        }
        ind.class_weights[label] = w;
      }
    } else if (!Num(m, "weight", &ind.weight)) {
      ind.weight = std::nan("");
    }
    Str(m, "value", &ind.value);
    std::string s;
    MissingPolicy missing;
    if (WordOf(m, "indicator", "missing", &missing)) ind.missing = missing;
    Str(m, "missing_group", &ind.missing_group);
    if (m.count("outliers") && m["outliers"].IsMap()) ind.outliers = ReadOutliers(m["outliers"], path + "/outliers");
    if (m.count("aggregate") && m["aggregate"].IsMap()) {
      ReadAggregate(m["aggregate"], path + "/aggregate", &ind);
    } else {
      WordOf(m, "indicator", "aggregate", &ind.aggregate);
    }
    Num(m, "power", &ind.power);
    if (m.count("weights") && m["weights"].IsMap()) ind.weights = ReadWeights(m["weights"], path + "/weights");
    if (m.count("score") && m["score"].IsMap()) ind.score = ReadScore(m["score"], path + "/score");
    if (m.count("rated") && m["rated"].IsMap()) {
      RatedSpec r;
      KeyNodes rm = Section(m["rated"], "rated", path + "/rated");
      Str(rm, "scale", &r.scale);
      WordOf(rm, "rated", "combine", &r.combine);
      double d;
      if (Num(rm, "min_ratings", &d)) r.min_ratings = static_cast<int>(d);
      OptNum(rm, "max_cv", &r.max_cv);
      ind.rated = r;
    }
    if (m.count("children") && m["children"].IsSequence()) {
      int i = 0;
      for (const auto& child : m["children"]) ind.children.push_back(ReadIndicator(child, path, ++i));
    }
    return ind;
  }
};

}  // namespace

namespace {

// Reads a file holding only the keys of `uncertainty:`.
// A file holding the keys of one section of the rule file: --inputs (uncertainty:), --report-info (report:).
class SectionFileLoader : public detail::UncertaintyReader {
 public:
  using UncertaintyReader::ReadReportInfo;
  using UncertaintyReader::ReadUncertainty;
  using UncertaintyReader::UncertaintyReader;

  // The section read by read, or nullopt with errors in *diags; *map gets the positions. what names the
  // file and its keys for a message ("an uncertainty file is a map of the keys of 'uncertainty:' (...)").
  template <typename T, typename Read>
  std::optional<T> Run(Diagnostics* diags, SourceMap* map, const std::string& what, Read read) {
    std::optional<T> out;
    try {
      const detail::YamlDocument document = detail::YamlDocument::Parse(text_);
      const YamlNode root = document.root();
      bool too_deep = false;
      if (ExpandedSize(root, kMaxNodes, &too_deep) > kMaxNodes || too_deep) {
        Error(YAML::Mark(), "", "the file nests too deep or expands to too many YAML nodes");
      } else if (int tags = 0;
                 RefuseTags(
                     root, [&](const YAML::Mark& m, const std::string& message) { Error(m, "", message); }, &tags),
                 tags > 0) {
        // reported
      } else if (!root.IsMap()) {
        Error(root.Mark(), "", what + ", not " + Describe(root));
      } else {
        out = read(this, root);
      }
    } catch (const YAML::Exception& e) {
      Error(e.mark, "", "this is not valid YAML: " + e.msg);
    }
    *map = map_;
    for (const auto& d : diags_.items()) diags->Add(d);
    return out;
  }
};

}  // namespace

// The rule file with one section replaced by a file of its own (what: "uncertainty file" ...; read reads
// the section; member is the RuleSet's field). The rule set is valid first: only the new section can have
// errors, placed in its file.
template <typename T, typename Read>
LoadResult LoadRulesWithSection(const std::string& rules_path, const std::string& path, const char* what,
                                const std::string& shape, std::optional<T> RuleSet::*member, Read read) {
  LoadResult r = LoadRules(rules_path);
  if (!r.ok()) return r;
  Diagnostics diags;
  detail::FileBytes bytes;
  if (std::string problem = detail::ReadFileBounded(path, detail::kMaxRuleFileBytes, what, &bytes); !problem.empty()) {
    diags.Add(FileProblem(path, problem));
    return {std::nullopt, diags};
  }
  std::string_view text = WithoutBom(bytes.view());
  SourceMap map;
  std::optional<T> section = SectionFileLoader(path, text).Run<T>(&diags, &map, shape, read);
  if (!section) return {std::nullopt, diags};
  RuleSet checked = *r.rules;
  checked.*member = section;
  checked.source_map = map;
  const Diagnostics semantic = Validate(checked);
  for (const auto& d : semantic.items()) diags.Add(d);
  if (diags.HasErrors()) return {std::nullopt, diags};
  (*r.rules).*member = std::move(section);
  return r;
}

LoadResult LoadRulesWithInputs(const std::string& rules_path, const std::string& inputs_path) {
  return LoadRulesWithSection<UncertainInputs>(
      rules_path, inputs_path, "uncertainty file",
      "an uncertainty file is a map of the keys of 'uncertainty:' (replications, weights, methods ...)",
      &RuleSet::uncertainty,
      [](SectionFileLoader* l, const YamlNode& root) { return l->ReadUncertainty(root, "uncertainty"); });
}

LoadResult LoadRulesWithReportInfo(const std::string& rules_path, const std::string& info_path) {
  return LoadRulesWithSection<ReportInfo>(
      rules_path, info_path, "report information file",
      "a report information file is a map of the keys of 'report:' (title, issuer, year, date, note)", &RuleSet::report,
      [](SectionFileLoader* l, const YamlNode& root) { return l->ReadReportInfo(root, "report"); });
}

LoadResult ParseRules(std::string_view yaml, const std::string& file_name) {
  // One spelling of every name: the text in Unicode NFC ("é" composed, as keyboards type it), so that an id
  // typed decomposed is the same id. Canonical equivalents look the same, so nothing visible changes.
  if (detail::IsAscii(yaml)) return Loader(file_name, yaml).Run();
  const std::string nfc = detail::Nfc(yaml);
  return Loader(file_name, nfc).Run();
}

LoadResult LoadRules(const std::string& path) {
  detail::FileBytes bytes;
  if (std::string problem = detail::ReadFileBounded(path, detail::kMaxRuleFileBytes, "rule file", &bytes);
      !problem.empty()) {
    LoadResult r;
    r.diagnostics.Add(FileProblem(path, problem));
    return r;
  }
  return ParseRules(WithoutBom(bytes.view()), path);
}

RuleSet LoadRulesOrThrow(const std::string& path) {
  LoadResult r = LoadRules(path);
  if (!r.ok()) throw RuleError(std::move(r.diagnostics));
  return std::move(*r.rules);
}

}  // namespace makerscore
