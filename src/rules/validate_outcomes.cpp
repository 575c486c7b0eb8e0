// Semantic checks of what follows scoring: grades, bonus and deductions,
// vetoes, and the consistency checks of report forms.
#include <algorithm>
#include <cmath>

#include "rules/validator.h"
#include "util/text.h"

namespace makerscore::detail {

// True when a grade after grades[i] can be given by the total (so grades[i] taking everyone hides it).
bool Validator::LaterByTotal(size_t i) const {
  for (size_t j = i + 1; j < rules_.grades.size(); ++j) {
    if (rules_.grades[j].by_total()) return true;
  }
  return false;
}

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
    if (rules_.indicators.empty() && (g.min || g.top || g.rank)) {
      Error(path, "grade '" + g.label +
                      "' needs a total ('min', 'top' or 'rank'), but the rule file has no indicators to make one; "
                      "grade by conditions alone: a grade's 'when', vetoes, and one grade without conditions for "
                      "everyone else");
    }
    if (g.rank && *g.rank < 1) Error(path + "/rank", "'rank' is a place, 1 or more, not " + std::to_string(*g.rank));
    if (g.round && !g.top) Error(path + "/round", "'round' says how 'top' becomes places; this grade has no 'top'");
    Formula f;
    if (!g.when.empty()) CheckFormula(g.when, path + "/when", &f);
    const bool forced =
        std::any_of(rules_.vetoes.begin(), rules_.vetoes.end(), [&](const Veto& v) { return v.grade == g.label; });
    if (g.by_veto_only && !forced && g.when.empty()) {
      Error(path + "/by_veto_only", "grade '" + g.label +
                                        "' is given only by a veto, but no veto gives it (a veto's 'grade: " + g.label +
                                        "') and it has no 'when'");
    }
    if (g.by_veto_only && (g.min || g.top || g.rank)) {
      Error(path + "/by_veto_only",
            "grade '" + g.label + "' is given only by a veto, so 'min', 'top' and 'rank' would never be read");
    }
    if (g.by_total() && !g.min && !g.top && !g.rank && LaterByTotal(i)) {
      Error(path, "grade '" + g.label +
                      "' has no 'min', 'top' or 'rank', so it takes everyone and the grades after it "
                      "can never apply; give it a condition, list it last, or, if only a veto gives it, "
                      "say 'by_veto_only: true'");
    }
    // Grades go best first: an earlier grade with a lower bar would take everyone a later one could.
    for (size_t j = 0; j < i; ++j) {
      const Grade& e = rules_.grades[j];
      const bool both_by_min = g.when.empty() && e.when.empty() && !g.by_veto_only && !e.by_veto_only && !e.top &&
                               !g.top && !e.rank && !g.rank;
      if (g.min && e.min && both_by_min && *e.min <= *g.min) {
        Error(path + "/min", "grade '" + g.label + "' needs " + FormatNumber(*g.min) + " but the earlier grade '" +
                                 e.label + "' needs only " + FormatNumber(*e.min) +
                                 ", so it can never apply; list grades best first");
      }
    }
  }
}

void Validator::CheckAdjustments(const Adjustments& a, const std::string& which) {
  if (a.max && !(*a.max >= 0)) Error(which + "/max", "'max' must be 0 or more");
  if (rules_.indicators.empty() && !a.items.empty()) {
    Error(which, "'" + which + "' adds to the indicators' total, but the rule file has no indicators to make one");
  }
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
    if (!v.when.empty() && CheckFormula(v.when, path + "/when", &f, /*this_year=*/true) &&
        (f.uses(kThisTotal) || f.uses(kThisRank) || f.uses(kThisGrade)) && v.exclude) {
      // Read after ranking: leaving the entity out then would change the others' ranks and shares.
      Error(path + "/exclude", "veto '" + v.id +
                                   "' reads this year's total, rank or grade, so it is decided after ranking and can "
                                   "only give a grade ('grade: 取消资格'), not exclude");
    }
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
