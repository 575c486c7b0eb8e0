// Semantic checks of a rule set: reporting, formulas, fields, scales, classes.
#include <algorithm>
#include <cmath>
#include <functional>

#include "makerscore/load.h"
#include "rules/source_excerpt.h"
#include "rules/validator.h"
#include "util/number_cell.h"
#include "util/text.h"
#include "util/unicode.h"

namespace makerscore {

Diagnostics Validate(const RuleSet& rules) { return detail::Validator(rules).Run(); }

namespace detail {

Validator::Validator(const RuleSet& rules) : rules_(rules) {
  for (const auto& f : rules.fields) {
    field_index_.emplace(f.id, static_cast<int>(field_ids_.size()));  // the first of duplicates, as before
    field_ids_.push_back(f.id);
  }
}

Diagnostics Validator::Run() {
  CheckTop();
  CheckFields();
  CheckScales();
  CheckClasses();
  CheckExperts();
  if (rules_.outliers) CheckOutliers(*rules_.outliers, "outliers");
  if (rules_.screen) CheckScreen(*rules_.screen);
  if (rules_.boundary_margin && !(*rules_.boundary_margin >= 0)) {
    Error("boundary_margin",
          "'boundary_margin' is points, 0 or more (e.g. 1), not " + FormatNumber(*rules_.boundary_margin));
  }
  if (rules_.weights) CheckDerived(*rules_.weights, rules_.indicators, "weights");
  const bool derives = rules_.weights.has_value() && !StatesSubjectiveWeights(*rules_.weights);
  for (size_t i = 0; i < rules_.indicators.size(); ++i) {
    CheckIndicator(rules_.indicators[i], "indicators", static_cast<int>(i) + 1, derives);
  }
  if (!derives) CheckWeights(rules_.indicators, nullptr, "indicators");
  CheckGrades();
  CheckAdjustments(rules_.bonus, "bonus");
  CheckAdjustments(rules_.deductions, "deductions");
  CheckVetoes();
  CheckChecks();
  CheckUncertainty();
  CheckNames();
  return std::move(diags_);
}

// Names are compared as people read them: no invisible characters, and no two names of one kind that look
// alike (the rule file's text is already in NFC: see ParseRules).
void Validator::CheckNames() {
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> kinds = {
      {"indicator id", indicator_names_},
      {"field id", {}},
      {"scale id", {}},
      {"expert id", {}},
      {"class", {}},
      {"grade", {}}};
  for (const auto& f : rules_.fields) kinds[1].second.push_back({f.id, "fields/" + f.id + "/id"});
  // A field's name is matched against the data's column headers, so it is a name in the same sense.
  kinds.push_back({"field name", {}});
  for (const auto& f : rules_.fields) {
    if (!f.name.empty()) kinds.back().second.push_back({f.name, "fields/" + f.id + "/name"});
  }
  for (const auto& sc : rules_.scales) {
    kinds[2].second.push_back({sc.id, "scales/" + sc.id});
    std::vector<std::pair<std::string, std::string>> levels;
    for (const auto& l : sc.levels) levels.push_back({l.label, "scales/" + sc.id + "/levels/" + l.label});
    for (const auto& b : sc.bands) levels.push_back({b.label, "scales/" + sc.id + "/bands/" + b.label});
    kinds.push_back({"level of the scale '" + sc.id + "'", std::move(levels)});
  }
  for (const auto& e : rules_.experts) kinds[3].second.push_back({e.id, "experts/" + e.id + "/id"});
  if (rules_.classes) {
    for (const auto& l : rules_.classes->labels) kinds[4].second.push_back({l, "classes/labels"});
  }
  for (const auto& g : rules_.grades) kinds[5].second.push_back({g.label, "grades/" + g.label + "/grade"});
  for (const auto& [what, names] : kinds) {
    std::vector<std::string> texts;
    for (const auto& [name, path] : names) {
      texts.push_back(name);
      if (IsPlainAscii(name)) continue;
      if (std::string problem = IdProblem(name); !problem.empty()) {
        Error(path, "the " + what + " '" + Visible(name) + "' contains " + problem + "; remove it");
      }
    }
    for (const auto& [a, b] : LookAlikePairs(texts)) {
      Error(names[b].second, LookAlikeMessage("the " + what + "s", texts[a], texts[b]));
    }
  }
}

void Validator::Error(const std::string& path, const std::string& message) {
  At(rules_.source_map.Find(path), path, message);
}

void Validator::At(SourcePos pos, const std::string& path, const std::string& message) {
  Diagnostic d;
  if (pos.file.empty()) pos.file = rules_.source_map.file;
  d.pos = pos;
  d.path = path;
  d.message = message;
  if (pos.line >= 1 && pos.line <= static_cast<int>(rules_.source_map.lines.size())) {
    SetSourceLine(&d, rules_.source_map.lines[pos.line - 1], &excerpt_);
  }
  diags_.Add(std::move(d));
}

// Position of a character of a formula, from the position of its YAML value.
SourcePos Validator::FormulaPos(const std::string& path, const std::string& text, int offset) {
  SourcePos pos = rules_.source_map.Find(path);
  std::string line = rules_.source_map.Line(pos.line);
  if (pos.line > 0 && text.find('\n') == std::string::npos) {
    // Find the formula's text on its line (it may be quoted); columns count characters.
    size_t at = line.find(text);
    if (at != std::string::npos) {
      std::string prefix = line.substr(0, at) + text.substr(0, offset);
      int chars = 0;
      for (unsigned char c : prefix) chars += (c & 0xC0) != 0x80;
      pos.column = chars + 1;
    }
  }
  return pos;
}

// Parses and resolves a formula; reports its errors at their characters.
bool Validator::CheckFormula(const std::string& text, const std::string& path, Formula* out, bool this_year) {
  std::vector<FormulaError> errors;
  bool ok = Formula::Parse(text, out, &errors) &&
            out->Resolve([&](const std::string& name) { return FieldIndex(name); }, field_ids_, &errors);
  if (ok) {
    // A category field is read only by a comparison with labels; those comparisons read nothing else.
    std::vector<char> compared(out->nodes().size(), 0);
    for (const auto& n : out->nodes()) {
      if (n.op != Op::kIn && n.op != Op::kNotIn) continue;
      const FormulaNode& f = out->nodes()[n.args[0]];
      compared[n.args[0]] = 1;
      if (f.op == Op::kOutcome) {
        if (f.field != kThisGrade && f.field != kLastGrade) {
          errors.push_back({n.offset, "'" + f.name +
                                          "' is a number; a label in quotes compares a grade (grade, "
                                          "last_grade) or a field of kind 'category'"});
          ok = false;
        }
        for (const std::string& label : n.labels) {
          const bool known =
              std::any_of(rules_.grades.begin(), rules_.grades.end(), [&](const Grade& g) { return g.label == label; });
          if (!known && f.field == kThisGrade) {
            std::vector<std::string> labels;
            for (const Grade& g : rules_.grades) labels.push_back(g.label);
            errors.push_back({n.offset, "'" + label + "' is not a grade of this rule set" + DidYouMean(label, labels)});
            ok = false;
          }
        }
        continue;
      }
      if (rules_.fields[f.field].kind != FieldKind::kCategory) {
        errors.push_back({n.offset, "field '" + f.name +
                                        "' holds numbers; a label in quotes compares a field of kind "
                                        "'category'"});
        ok = false;
      }
    }
    // A field in percent points (69.5 means 69.5%) beside a number written with '%' (80% is 0.8).
    for (const auto& n : out->nodes()) {
      for (size_t a = 0; a < n.args.size(); ++a) {
        const FormulaNode& x = out->nodes()[n.args[a]];
        if ((x.op != Op::kField && x.op != Op::kPrev) || !IsPercentUnit(rules_.fields[x.field].unit)) continue;
        for (int other : n.args) {
          const FormulaNode& y = out->nodes()[other];
          if (y.op != Op::kNumber || !y.percent) continue;
          errors.push_back({y.offset, FormatNumber(y.number * 100) + "% is the fraction " + FormatNumber(y.number) +
                                          ", but " + x.name + " (" + rules_.fields[x.field].name +
                                          ") is in percent points (unit '%': 69.5 means 69.5%); write " +
                                          FormatNumber(y.number * 100) + " without '%'"});
          ok = false;
        }
      }
    }
    for (size_t k = 0; k < out->nodes().size(); ++k) {
      const FormulaNode& n = out->nodes()[k];
      if (n.op == Op::kOutcome) {
        if ((n.field == kThisGrade || n.field == kLastGrade) && !compared[k]) {
          errors.push_back({n.offset, "'" + n.name + "' is a grade (a label); compare it: " + n.name +
                                          " == \"不合格\" or " + n.name + " in [\"…\", \"…\"]"});
          ok = false;
        }
        if (n.field <= kThisGrade && !this_year) {
          errors.push_back({n.offset, "'" + n.name + "' is this year's " + n.name +
                                          ", known only once the cohort is scored and graded; only a veto's "
                                          "condition can read it (last_" +
                                          n.name + " is last year's)"});
          ok = false;
        }
        continue;
      }
      if (n.field >= 0 && !compared[k] && rules_.fields[n.field].kind == FieldKind::kCategory) {
        errors.push_back({n.offset, "field '" + n.name + "' holds categories (text labels); compare it with a label, " +
                                        n.name + " == \"…\" or " + n.name + " in [\"…\", \"…\"]"});
        ok = false;
      }
    }
  }
  for (const auto& e : errors) {
    SourcePos pos = FormulaPos(path, text, e.offset);
    std::string hint;
    // In a flow map {a: ..., b: ...} YAML splits an unquoted formula at its first comma.
    std::string line = rules_.source_map.Line(pos.line);
    if (e.message.find("')'") != std::string::npos && line.find('{') != std::string::npos &&
        line.find("\"" + text) == std::string::npos) {
      hint = " (inside { } YAML ends a value at a comma: put the formula in quotes, \"...\")";
    }
    At(pos, path, "in formula: " + e.message + hint);
  }
  return ok;
}

int Validator::FieldIndex(const std::string& name) const {
  auto it = field_index_.find(name);  // a hash: 10,000 fields referred to 10,000 times stay linear
  return it == field_index_.end() ? -1 : it->second;
}

void Validator::CheckCategoryField(const std::string& field, const std::string& path, const std::string& what) {
  int f = FieldIndex(field);
  if (f < 0) {
    Error(path,
          what + " names the field '" + field + "', which the rule set does not have" + DidYouMean(field, field_ids_));
  } else if (rules_.fields[f].kind != FieldKind::kCategory) {
    Error(path, what + " needs a field of kind 'category', and '" + field + "' is of kind '" +
                    ToString(rules_.fields[f].kind) + "'");
  }
}

void Validator::CheckTop() {
  if (rules_.source_map.positions.empty()) {
    // Built in code: the loader's required-key checks did not run.
    if (rules_.id.empty()) Error("id", "the rule set needs an 'id'");
    if (rules_.fields.empty()) Error("fields", "the rule set needs at least one field");
  }
  if (!(rules_.total > 0)) Error("total", "'total' must be greater than 0");
  if (rules_.id_column.empty()) Error("entity/id", "the id column needs a name");
  if (rules_.id_column == rules_.name_column) {
    Error("entity/name", "the id and name columns must differ, both are '" + rules_.id_column + "'");
  }
  if (!rules_.missing_group.empty()) CheckCategoryField(rules_.missing_group, "missing_group", "'missing_group'");
  // A real indicator system has tens of indicators; a file with more than these is a mistake or an attack
  // (every indicator costs a column per entity when scoring).
  constexpr size_t kMaxIndicators = 10000, kMaxFields = 10000;
  std::function<size_t(const std::vector<Indicator>&)> count = [&](const std::vector<Indicator>& list) {
    size_t n = list.size();
    for (const auto& ind : list) n += count(ind.children);
    return n;
  };
  if (const size_t n = count(rules_.indicators); n > kMaxIndicators) {
    Error("indicators", "the rule file has " + std::to_string(n) + " indicators; at most " +
                            std::to_string(kMaxIndicators) + " are allowed");
  }
  if (rules_.fields.size() > kMaxFields) {
    Error("fields", "the rule file has " + std::to_string(rules_.fields.size()) + " fields; at most " +
                        std::to_string(kMaxFields) + " are allowed");
  }
}

void Validator::CheckFields() {
  std::set<std::string> seen;
  for (size_t i = 0; i < rules_.fields.size(); ++i) {
    const Field& f = rules_.fields[i];
    std::string path = UniquePath("fields/" + (f.id.empty() ? "#" + std::to_string(i + 1) : f.id), &paths_);
    if (f.id.empty()) continue;  // reported by the loader
    if (!IsIdentifier(f.id)) {
      Error(path + "/id", "field id '" + f.id +
                              "' must be letters, digits and '_', not starting with a digit, "
                              "so that formulas can name it");
    }
    if (!seen.insert(f.id).second) Error(path + "/id", "duplicate field id '" + f.id + "'");

    if (f.id == rules_.id_column || f.id == rules_.name_column) {
      Error(path + "/id", "field id '" + f.id + "' is also the entity id or name column");
    }
    if (f.min && f.max && *f.min > *f.max) {
      Error(path + "/max", "'max' (" + FormatNumber(*f.max) + ") is below 'min' (" + FormatNumber(*f.min) + ")");
    }
    if (f.kind == FieldKind::kCategory && (f.min || f.max)) {
      Error(path + "/kind", "a category field holds text labels; it cannot have 'min' or 'max'");
    }
  }
}

void Validator::CheckScales() {
  std::set<std::string> seen;
  for (const auto& s : rules_.scales) {
    std::string path = "scales/" + s.id;
    if (!seen.insert(s.id).second) Error(path, "duplicate scale id '" + s.id + "'");
    bool numeric = s.min.has_value() || s.max.has_value();
    int kinds = !s.levels.empty() + numeric + !s.bands.empty();
    if (kinds == 0) Error(path, "scale '" + s.id + "' needs 'levels', 'bands', or 'min' and 'max'");
    if (kinds > 1) Error(path, "scale '" + s.id + "' mixes 'levels', 'bands' and 'min'/'max'; give one of them");
    for (size_t b = 0; b < s.bands.size(); ++b) {
      const ScaleBand& band = s.bands[b];
      if (!(band.low <= band.high) || band.low < 0) {
        Error(path + "/bands/" + band.label, "the band '" + band.label + "' needs 0 <= lowest <= highest");
      }
      for (size_t c = 0; c < b; ++c) {
        if (band.low <= s.bands[c].high && s.bands[c].low <= band.high) {
          Error(path + "/bands/" + band.label, "the bands '" + s.bands[c].label + "' and '" + band.label + "' overlap");
        }
      }
    }
    if (numeric && !(s.min && s.max && *s.min < *s.max)) {
      Error(path, "a numeric scale needs both 'min' and 'max', with min < max");
    }
    std::set<std::string> labels;
    for (const auto& l : s.levels) {
      std::string lpath = path + "/levels/" + l.label;
      if (!labels.insert(l.label).second) Error(lpath, "duplicate level '" + l.label + "'");
      if (!(l.fraction >= 0 && l.fraction <= 1)) {
        Error(lpath, "the level '" + l.label + "' earns " + FormatNumber(l.fraction) +
                         " of the points; it must be between 0 and 1");
      }
    }
  }
}

void Validator::CheckExperts() {
  std::set<std::string> ids;
  for (const auto& e : rules_.experts) {
    std::string path = "experts/" + e.id;
    if (e.id.empty()) continue;
    if (!ids.insert(e.id).second) Error(path + "/id", "duplicate expert id '" + e.id + "'");
    if (!(e.authority > 0)) Error(path + "/authority", "'authority' must be greater than 0");
  }
}

void Validator::CheckClasses() {
  if (!rules_.classes) return;
  const Classes& c = *rules_.classes;
  if (!c.field.empty()) CheckCategoryField(c.field, "classes/field", "'classes'");
  if (c.labels.empty()) Error("classes/labels", "'classes' needs at least one label");
  std::set<std::string> seen;
  for (const auto& l : c.labels) {
    if (!seen.insert(l).second) Error("classes/labels", "the class '" + l + "' is listed twice");
  }
}

void Validator::CheckOutliers(const OutlierSpec& o, const std::string& path) {
  if (o.method == OutlierMethod::kWinsorise) {
    if (o.max_points < 1) Error(path + "/max_points", "'max_points' must be at least 1");
    if (!(o.skew > 0)) Error(path + "/skew", "'skew' must be greater than 0");
  }
  if (o.method == OutlierMethod::kCap && !(o.lower >= 0 && o.lower < o.upper && o.upper <= 1)) {
    Error(path, "'lower' and 'upper' must be percentiles with 0 <= lower < upper <= 1 (e.g. 5% and 95%)");
  }
}

void Validator::CheckScreen(const ScreenSpec& s) {
  for (const auto& [key, share] : {std::pair{"min_available", s.min_available}, {"min_nonzero", s.min_nonzero}}) {
    if (!(share >= 0 && share <= 1)) {
      Error(std::string("screen/") + key,
            "'" + std::string(key) + "' is a share between 0 and 1 (e.g. 90%), not " + FormatNumber(share));
    }
  }
  for (const auto& id : s.include) {
    if (std::find(s.exclude.begin(), s.exclude.end(), id) != s.exclude.end()) {
      Error("screen/exclude", "'" + id + "' is both kept (include) and left out (exclude); name it in one of them");
    }
  }
}

}  // namespace detail
}  // namespace makerscore
