// Semantic checks of what follows scoring: grades, bonus and deductions,
// vetoes, and the consistency checks of report forms.
#include <cmath>

#include "rules/validator.h"
#include "util/text.h"

namespace makerscore::detail {

void Validator::CheckGrades() {
  std::set<std::string> labels;
  for (size_t i = 0; i < rules_.grades.size(); ++i) {
    const Grade& g = rules_.grades[i];
    if (g.label.empty()) continue;
    std::string path = "grades/" + g.label;
    if (!labels.insert(g.label).second) Error(path + "/grade", "duplicate grade '" + g.label + "'");
    if (g.min && (*g.min < 0 || *g.min > rules_.total)) {
      Error(path + "/min",
            "'min' " + FormatNumber(*g.min) + " lies outside 0 to the total " + FormatNumber(rules_.total));
    }
    if (g.top && !(*g.top > 0 && *g.top <= 1)) {
      Error(path + "/top",
            "'top' is a share of the cohort, more than 0% and at most 100%, not " + FormatNumber(*g.top));
    }
    if (!g.min && !g.top && i + 1 < rules_.grades.size()) {
      Error(path, "grade '" + g.label +
                      "' has no 'min' or 'top', so it takes everyone and the grades after it "
                      "can never apply; give it a condition or list it last");
    }
    // Grades go best first: an earlier grade with a lower bar would take everyone a later one could.
    for (size_t j = 0; j < i; ++j) {
      const Grade& e = rules_.grades[j];
      if (g.min && e.min && !e.top && !g.top && *e.min <= *g.min) {
        Error(path + "/min", "grade '" + g.label + "' needs " + FormatNumber(*g.min) + " but the earlier grade '" +
                                 e.label + "' needs only " + FormatNumber(*e.min) +
                                 ", so it can never apply; list grades best first");
      }
    }
  }
}

void Validator::CheckAdjustments(const Adjustments& a, const std::string& which) {
  if (a.max && !(*a.max >= 0)) Error(which + "/max", "'max' must be 0 or more");
  for (const auto& item : a.items) {
    std::string path = UniquePath(which + "/" + item.id, &paths_);
    if (item.id.empty()) continue;
    if (!indicator_ids_.insert(item.id).second) {
      Error(path + "/id", "the id '" + item.id + "' is already used by an indicator or another item");
    }
    if (item.max && !(*item.max >= 0)) Error(path + "/max", "'max' must be 0 or more");
    Formula f;
    if (!item.value.empty()) CheckFormula(item.value, path + "/value", &f);
  }
}

void Validator::CheckVetoes() {
  std::set<std::string> ids;
  for (const auto& v : rules_.vetoes) {
    std::string path = UniquePath("vetoes/" + v.id, &paths_);
    if (v.id.empty()) continue;
    if (!ids.insert(v.id).second) Error(path + "/id", "duplicate veto id '" + v.id + "'");
    Formula f;
    if (!v.when.empty()) CheckFormula(v.when, path + "/when", &f);
    if (v.grade.empty() == !v.exclude) {
      Error(path, "veto '" + v.id + "' needs either 'grade' (the grade it forces) or 'exclude: true', not " +
                      (v.exclude ? "both" : "neither"));
    }
    if (!v.grade.empty()) {
      std::vector<std::string> labels;
      for (const auto& g : rules_.grades) labels.push_back(g.label);
      if (std::find(labels.begin(), labels.end(), v.grade) == labels.end()) {
        Error(path + "/grade", "'" + v.grade + "' is not a grade of this rule set" + DidYouMean(v.grade, labels) +
                                   (labels.empty() ? "" : "; the grades are " + Join(labels, ", ")));
      }
    }
  }
}

void Validator::CheckChecks() {
  std::set<std::string> ids;
  for (const auto& c : rules_.checks) {
    if (c.id.empty()) continue;
    std::string path = "checks/" + c.id;
    if (!ids.insert(c.id).second) Error(path + "/id", "duplicate check id '" + c.id + "'");
    if (c.tolerance < 0) Error(path + "/tolerance", "'tolerance' must not be negative");
    Formula f;
    if (!c.rule.empty() && CheckFormula(c.rule, path + "/rule", &f) && !f.is_comparison()) {
      Error(path + "/rule",
            "a check's rule must compare two sides with == != < <= > or >=, as in "
            "'income_service + income_investment <= income_total'");
    }
  }
}

}  // namespace makerscore::detail
