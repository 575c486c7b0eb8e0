// The conditions of a rule set, evaluated over the cohort (internal): the points of bonus and deduction
// items, the vetoes, the grades given directly (直接认定), and labels no entity has.
#include <algorithm>
#include <cmath>

#include "makerscore/error.h"
#include "scoring/steps.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

// "the formula of the veto 'V1' overflowed ... for 3 entities: ...", when any entity's flags show the
// arithmetic overflowed.
void NoteOverflow(const FlagColumn& flags, const std::string& what, const std::string& outcome,
                  std::vector<std::string>* out) {
  const auto count = (flags.unaryExpr([](std::uint16_t f) { return (f & kFlagNotFinite) != 0; })).count();
  if (count == 0) return;
  out->push_back("the formula of " + what + " overflowed (a number beyond about 1.8e308) for " + std::to_string(count) +
                 (count == 1 ? " entity" : " entities") + ": " + outcome);
}

// "teams_served (服务的创业团队数量) is missing, last year's income_total is missing": the inputs of
// formula that row i lacks; "a division by zero" when none is missing.
std::string MissingInputs(const CompiledModel& m, const Formula& formula, const Columns& cols, Eigen::Index i) {
  std::vector<std::string> lacking;
  for (const FormulaNode& node : formula.nodes()) {
    if (node.op == Op::kOutcome) {
      const double* column = cols.outcomes == nullptr ? nullptr : cols.outcomes[node.field];
      if (column == nullptr || std::isnan(column[i])) {
        lacking.push_back(node.field >= kLastTotal ? node.name + " (not in last year's result)"
                                                   : node.name + " (none this year)");
      }
      continue;
    }
    if (node.op != Op::kField && node.op != Op::kPrev) continue;
    const double* const* table = node.op == Op::kField ? cols.current : cols.prev;
    const double* column = table == nullptr ? nullptr : table[node.field];
    if (column != nullptr && !std::isnan(column[i])) continue;
    const Field& f = m.rules.fields[node.field];
    std::string what = (node.op == Op::kPrev ? "last year's " : "") + f.id + " (" + f.name + ")";
    if (std::find(lacking.begin(), lacking.end(), what) == lacking.end()) lacking.push_back(what);
  }
  return lacking.empty() ? "its arithmetic has no value (a division by zero?)" : Join(lacking, ", ") + " missing";
}

}  // namespace

// A label a formula compares with that no entity has this year: most likely misspelt ("专业化众创空问"), as
// a comparison with it is then false for everyone.
void UnknownLabels(const CompiledModel& m, const std::vector<const std::vector<std::string>*>& labels,
                   const std::vector<std::string>* last_grades, std::vector<std::string>* warnings) {
  auto check = [&](const Formula& formula, const std::string& where) {
    for (const FormulaNode& n : formula.nodes()) {
      if (n.op != Op::kIn && n.op != Op::kNotIn) continue;
      const FormulaNode& x = formula.nodes()[n.args[0]];
      const bool last = x.op == Op::kOutcome && x.field == kLastGrade;
      if (x.op != Op::kField && !(last && last_grades != nullptr)) continue;  // this year's grades: validated
      const std::vector<std::string> none;
      const std::vector<std::string>& known = last                                           ? *last_grades
                                              : labels.empty() || labels[x.field] == nullptr ? none
                                                                                             : *labels[x.field];
      const std::string what = last ? "last_grade (last year's grades)"
                                    : m.rules.fields[x.field].id + " (" + m.rules.fields[x.field].name + ")";
      for (const std::string& label : n.labels) {
        if (std::find(known.begin(), known.end(), label) != known.end()) continue;
        warnings->push_back(where + " compares " + what + " with \"" + label + "\", which no entity has" +
                            detail::DidYouMean(label, known) +
                            "; the labels there are: " + (known.empty() ? "none" : detail::Join(known, ", ")));
      }
    }
  };
  for (const auto& leaf : m.leaves) {
    if (!leaf.qualitative()) check(leaf.formula, "the formula of indicator " + m.nodes[leaf.node].id);
  }
  for (const auto& a : m.adjustments) check(a.formula, "the formula of item " + a.item->id);
  for (const auto& v : m.vetoes) check(v.formula, "the condition of veto " + v.veto->id);
  for (const auto& g : m.direct_grades) check(g.formula, "the condition of grade " + m.rules.grades[g.grade].label);
}

// Points of each bonus and deduction item: missing counts as none,
// negative as none, and each is capped at its max.
Eigen::ArrayXXd Adjustments(const CompiledModel& m, const Columns& cols, std::vector<std::string>* overflowed) {
  Eigen::ArrayXXd out(cols.rows, static_cast<Eigen::Index>(m.adjustments.size()));
  for (size_t a = 0; a < m.adjustments.size(); ++a) {
    Eigen::ArrayXd v(cols.rows);
    FlagColumn flags = FlagColumn::Zero(cols.rows);
    Evaluate(m.adjustments[a].formula, cols, &v, &flags);
    NoteOverflow(flags, "the bonus or deduction item '" + m.adjustments[a].item->id + "'", "it counts as none for them",
                 overflowed);
    const auto& max = m.adjustments[a].item->max;
    for (Eigen::Index i = 0; i < cols.rows; ++i) {
      double p = std::isnan(v[i]) ? 0 : std::max(0.0, v[i]);
      out(i, static_cast<Eigen::Index>(a)) = max ? std::min(p, *max) : p;
    }
  }
  return out;
}

// The vetoes that apply to each entity, of those decided before ranking or (after_grading) after it.
std::vector<std::vector<int>> Vetoes(const CompiledModel& m, const Columns& cols, const Dataset& data,
                                     bool after_grading, std::vector<std::string>* overflowed) {
  std::vector<std::vector<int>> out(cols.rows);
  std::string undecided;  // the entities whose veto cannot be decided, under if_missing: error
  int count = 0;
  for (size_t v = 0; v < m.vetoes.size(); ++v) {
    if (m.vetoes[v].after_grading != after_grading) continue;
    const Veto& veto = *m.vetoes[v].veto;
    Eigen::ArrayXd when(cols.rows);
    FlagColumn flags = FlagColumn::Zero(cols.rows);
    Evaluate(m.vetoes[v].formula, cols, &when, &flags);
    NoteOverflow(flags, "the veto '" + veto.id + "'",
                 "its condition has no value for them, so it does not apply to them; check their data", overflowed);
    for (Eigen::Index i = 0; i < cols.rows; ++i) {
      if (!std::isnan(when[i])) {
        if (when[i] != 0) out[i].push_back(static_cast<int>(v));
        continue;
      }
      if (veto.if_missing == VetoIfMissing::kApplies) out[i].push_back(static_cast<int>(v));
      if (veto.if_missing != VetoIfMissing::kError || flags[i] & kFlagNotFinite) continue;
      if (count++ < 20) {
        undecided += Where(data) + ":" + std::to_string(data.row(static_cast<int>(i))) + ": " + data.entity_ids()[i] +
                     ": veto '" + veto.id + "' (" + veto.name +
                     ") cannot be decided: " + MissingInputs(m, m.vetoes[v].formula, cols, i) + "\n";
      }
    }
  }
  if (count) {
    throw DataError(undecided + std::to_string(count) + (count == 1 ? " entity's veto" : " entities' vetoes") +
                    " cannot be decided because an input is missing. Give the missing figures, or say in the "
                    "rule file what a missing input means for the veto: 'if_missing: applies' (the veto "
                    "applies) or 'if_missing: passes' (it does not)");
  }
  return out;
}

// Each entity's grade by the first grade whose `when` holds for it (直接认定), or -1; empty when no grade
// has `when`. A condition that cannot be decided (a missing input) does not hold, and is named in
// `warnings`: those entities are graded by their totals.
std::vector<int> DirectGrades(const CompiledModel& m, const Columns& cols, const std::vector<std::string>& ids,
                              std::vector<std::string>* warnings) {
  if (m.direct_grades.empty()) return {};
  std::vector<int> out(cols.rows, -1);
  for (auto it = m.direct_grades.rbegin(); it != m.direct_grades.rend(); ++it) {  // the first listed wins
    Eigen::ArrayXd when(cols.rows);
    FlagColumn flags = FlagColumn::Zero(cols.rows);
    Evaluate(it->formula, cols, &when, &flags);
    std::vector<std::string> undecided;
    for (Eigen::Index i = 0; i < cols.rows; ++i) {
      if (std::isnan(when[i])) undecided.push_back(ids[i]);
      if (!std::isnan(when[i]) && when[i] != 0) out[i] = it->grade;
    }
    if (!undecided.empty()) {
      const Grade& g = m.rules.grades[it->grade];
      warnings->push_back("grade " + g.label + " given directly when " + g.when + ": cannot be decided for " +
                          std::to_string(undecided.size()) + " (" + detail::ListSome(undecided, 5) +
                          "), a value it reads is missing; they are graded by their totals");
    }
  }
  return out;
}

}  // namespace makerscore::detail
