// Semantic checks of a rule set: ids, references, formulas, weights, grades.
#include <cmath>
#include <functional>
#include <set>

#include "formula/formula.h"
#include "makerscore/load.h"
#include "makerscore/methods.h"
#include "methods/method.h"
#include "util/text.h"

namespace makerscore {

namespace {

class Validator {
 public:
  explicit Validator(const RuleSet& rules) : rules_(rules) {
    for (const auto& f : rules.fields) field_ids_.push_back(f.id);
  }

  Diagnostics Run() {
    CheckTop();
    CheckFields();
    CheckScales();
    std::set<std::string> ids;
    for (size_t i = 0; i < rules_.indicators.size(); ++i) {
      CheckIndicator(rules_.indicators[i], "indicators", static_cast<int>(i) + 1, &ids);
    }
    CheckWeights(rules_.indicators, rules_.total, "total", "the rule set's total");
    CheckGrades();
    CheckChecks();
    return std::move(diags_);
  }

 private:
  void Error(const std::string& path, const std::string& message) { At(rules_.source_map.Find(path), path, message); }

  void At(SourcePos pos, const std::string& path, const std::string& message) {
    Diagnostic d;
    if (pos.file.empty()) pos.file = rules_.source_map.file;
    d.pos = pos;
    d.path = path;
    d.message = message;
    d.source_line = rules_.source_map.Line(pos.line);
    diags_.Add(std::move(d));
  }

  void CheckTop() {
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
  }

  void CheckFields() {
    std::set<std::string> seen;
    for (size_t i = 0; i < rules_.fields.size(); ++i) {
      const Field& f = rules_.fields[i];
      std::string path = detail::UniquePath("fields/" + (f.id.empty() ? "#" + std::to_string(i + 1) : f.id), &paths_);
      if (f.id.empty()) continue;  // reported by the loader
      if (!detail::IsIdentifier(f.id)) {
        Error(path + "/id", "field id '" + f.id +
                                "' must be letters, digits and '_', not starting with a digit, "
                                "so that formulas can name it");
      }
      if (!seen.insert(f.id).second) Error(path + "/id", "duplicate field id '" + f.id + "'");
      if (f.id == rules_.id_column || f.id == rules_.name_column) {
        Error(path + "/id", "field id '" + f.id + "' is also the entity id or name column");
      }
      if (f.min && f.max && *f.min > *f.max) {
        Error(path + "/max", "'max' (" + detail::FormatNumber(*f.max) + ") is below 'min' (" +
                                 detail::FormatNumber(*f.min) + ")");
      }
    }
  }

  void CheckScales() {
    std::set<std::string> seen;
    for (const auto& s : rules_.scales) {
      std::string path = "scales/" + s.id;
      if (!seen.insert(s.id).second) Error(path, "duplicate scale id '" + s.id + "'");
      bool numeric = s.min.has_value() || s.max.has_value();
      if (s.levels.empty() && !numeric) {
        Error(path, "scale '" + s.id + "' needs either 'levels' or 'min' and 'max'");
      }
      if (!s.levels.empty() && numeric) {
        Error(path, "scale '" + s.id + "' has both 'levels' and 'min'/'max'; give one or the other");
      }
      if (numeric && !(s.min && s.max && *s.min < *s.max)) {
        Error(path, "a numeric scale needs both 'min' and 'max', with min < max");
      }
      std::set<std::string> labels;
      for (const auto& l : s.levels) {
        std::string lpath = path + "/levels/" + l.label;
        if (!labels.insert(l.label).second) Error(lpath, "duplicate level '" + l.label + "'");
        if (!(l.fraction >= 0 && l.fraction <= 1)) {
          Error(lpath, "the level '" + l.label + "' earns " + detail::FormatNumber(l.fraction) +
                           " of the points; it must be between 0 and 1");
        }
      }
    }
  }

  // Position of a character of a formula, from the position of its YAML value.
  SourcePos FormulaPos(const std::string& path, const std::string& text, int offset) {
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
  bool CheckFormula(const std::string& text, const std::string& path, detail::Formula* out) {
    std::vector<detail::FormulaError> errors;
    bool ok = detail::Formula::Parse(text, out, &errors) &&
              out->Resolve([&](const std::string& name) { return FieldIndex(name); }, field_ids_, &errors);
    for (const auto& e : errors) {
      At(FormulaPos(path, text, e.offset), path, "in formula: " + e.message);
    }
    return ok;
  }

  int FieldIndex(const std::string& name) const {
    for (size_t i = 0; i < rules_.fields.size(); ++i) {
      if (rules_.fields[i].id == name) return static_cast<int>(i);
    }
    return -1;
  }

  void CheckIndicator(const Indicator& ind, const std::string& parent, int index, std::set<std::string>* ids) {
    std::string path =
        detail::UniquePath(parent + "/" + (ind.id.empty() ? "#" + std::to_string(index) : ind.id), &paths_);
    if (!ind.id.empty() && !ids->insert(ind.id).second) {
      Error(path + "/id", "duplicate indicator id '" + ind.id + "'");
    }
    if (!std::isnan(ind.weight) && !(ind.weight > 0)) {
      Error(path + "/weight", "'weight' must be greater than 0, not " + detail::FormatNumber(ind.weight));
    }
    if (!ind.is_leaf()) {
      for (const char* key : {"value", "score", "rated"}) {
        bool has = (std::string(key) == "value" && !ind.value.empty()) ||
                   (std::string(key) == "score" && ind.score) || (std::string(key) == "rated" && ind.rated);
        if (has) {
          Error(path + "/" + key, "'" + ind.id + "' has children, so it is scored from them and cannot have '" +
                                      key + "'");
        }
      }
      for (size_t i = 0; i < ind.children.size(); ++i) {
        CheckIndicator(ind.children[i], path, static_cast<int>(i) + 1, ids);
      }
      CheckWeights(ind.children, ind.weight, path + "/weight", "'" + ind.id + "'");
      return;
    }
    bool quantitative = !ind.value.empty() || ind.score;
    if (quantitative && ind.rated) {
      Error(path + "/rated", "'" + ind.id + "' has both 'value'/'score' (quantitative) and 'rated' "
                             "(qualitative); give one kind");
      return;
    }
    if (!quantitative && !ind.rated) {
      Error(path, "'" + ind.id + "' needs either 'value' and 'score' (a quantitative indicator), "
                  "'rated' (rated by experts) or 'children'");
      return;
    }
    if (quantitative) {
      if (ind.value.empty()) Error(path, "'" + ind.id + "' has 'score' but no 'value' formula");
      if (!ind.score) Error(path, "'" + ind.id + "' has a 'value' but no 'score' saying how it earns points");
      if (!ind.value.empty()) {
        detail::Formula f;
        CheckFormula(ind.value, path + "/value", &f);
      }
      if (ind.score) {
        const MethodInfo* m = FindMethod(ind.score->method);
        if (m) {
          std::string problem = detail::ImplOf(*m).check(detail::ResolveParams(*m, ind.score->params));
          bool all_given = true;
          for (const auto& p : m->params) all_given &= !p.required || ind.score->params.count(p.name) > 0;
          if (!problem.empty() && all_given) Error(path + "/score", problem);
        } else if (rules_.source_map.positions.empty()) {
          Error(path + "/score/method", "unknown scoring method '" + ind.score->method + "'");
        }
      }
      return;
    }
    const RatedSpec& r = *ind.rated;
    if (!r.scale.empty() && rules_.FindScale(r.scale) == nullptr) {
      std::vector<std::string> scales;
      for (const auto& s : rules_.scales) scales.push_back(s.id);
      Error(path + "/rated/scale", "unknown scale '" + r.scale + "'" + detail::DidYouMean(r.scale, scales) +
                                       (scales.empty() ? "; the rule set defines no 'scales'"
                                                       : "; defined: " + detail::Join(scales, ", ")));
    }
    if (r.min_ratings < 1) Error(path + "/rated/min_ratings", "'min_ratings' must be at least 1");
    if (r.combine == Combine::kTrimmedMean && r.min_ratings < 3) {
      Error(path + "/rated/min_ratings",
            "'trimmed_mean' drops the highest and the lowest rating, so it needs 'min_ratings' of at "
            "least 3, not " + std::to_string(r.min_ratings));
    }
  }

  // With point weights, siblings must add up to their parent's points.
  void CheckWeights(const std::vector<Indicator>& children, double expected, const std::string& path,
                    const std::string& what) {
    if (rules_.weighting != Weighting::kPoints || children.empty() || std::isnan(expected)) return;
    double sum = 0;
    std::string terms;
    for (const auto& c : children) {
      if (std::isnan(c.weight)) return;  // already reported
      sum += c.weight;
      terms += (terms.empty() ? "" : " + ") + detail::FormatNumber(c.weight);
    }
    if (std::fabs(sum - expected) > 1e-9 * std::max(1.0, std::fabs(expected))) {
      std::string where = path == "total" ? "indicators" : path;
      Error(path == "total" ? "indicators" : path,
            "the weights of the children of " + what + " add up to " + terms + " = " +
                detail::FormatNumber(sum) + ", not " + detail::FormatNumber(expected) +
                " (with 'weighting: points' they must add up to the parent's points)");
    }
  }

  void CheckGrades() {
    std::set<std::string> labels;
    std::set<double> mins;
    for (size_t i = 0; i < rules_.grades.size(); ++i) {
      const Grade& g = rules_.grades[i];
      std::string path = "grades/" + (g.label.empty() ? "#" + std::to_string(i + 1) : g.label);
      if (g.label.empty()) continue;
      if (!labels.insert(g.label).second) Error(path + "/grade", "duplicate grade '" + g.label + "'");
      if (!mins.insert(g.min).second) {
        Error(path + "/min", "two grades have the same 'min' " + detail::FormatNumber(g.min));
      }
      if (g.min < 0 || g.min > rules_.total) {
        Error(path + "/min", "'min' " + detail::FormatNumber(g.min) + " lies outside 0 to the total " +
                                 detail::FormatNumber(rules_.total));
      }
    }
  }

  void CheckChecks() {
    std::set<std::string> ids;
    for (const auto& c : rules_.checks) {
      if (c.id.empty()) continue;
      std::string path = "checks/" + c.id;
      if (!ids.insert(c.id).second) Error(path + "/id", "duplicate check id '" + c.id + "'");
      if (c.tolerance < 0) Error(path + "/tolerance", "'tolerance' must not be negative");
      detail::Formula f;
      if (!c.rule.empty() && CheckFormula(c.rule, path + "/rule", &f) && !f.is_comparison()) {
        Error(path + "/rule", "a check's rule must compare two sides with == != < <= > or >=, as in "
                              "'income_service + income_investment <= income_total'");
      }
    }
  }

  const RuleSet& rules_;
  std::set<std::string> paths_;  // as the loader named them (see UniquePath)
  std::vector<std::string> field_ids_;
  Diagnostics diags_;
};

}  // namespace

Diagnostics Validate(const RuleSet& rules) { return Validator(rules).Run(); }

}  // namespace makerscore
