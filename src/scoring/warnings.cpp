// What looks wrong with a run's inputs although it breaks no rule (Result::warnings): rows the readers left
// out, last year's data the same as this year's, a ratings file without ratings, an indicator with a value
// for nobody.
#include <cmath>

#include "scoring/steps.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

std::string Named(const Dataset& d) { return d.source().empty() ? "" : " (" + d.source() + ")"; }

// True when last year's data hold this year's entities in the same order with the same value in every
// field of the rule set that both have (bit for bit; NaN equal to NaN).
bool SameData(const CompiledModel& m, const Dataset& cur, const Dataset& prev) {
  if (&cur == &prev) return true;
  if (prev.entity_count() != cur.entity_count() || prev.entity_ids() != cur.entity_ids()) return false;
  bool compared = false;
  for (const auto& f : m.rules.fields) {
    const int a = cur.FindField(f.id), b = prev.FindField(f.id);
    if (a < 0 || b < 0) continue;
    compared = true;
    const double* x = cur.column(a);
    const double* y = prev.column(b);
    for (int i = 0; i < cur.entity_count(); ++i) {
      if (!(x[i] == y[i] || (std::isnan(x[i]) && std::isnan(y[i])))) return false;
    }
  }
  return compared;
}

}  // namespace

std::string QualitativeIds(const CompiledModel& m) {
  std::vector<std::string> ids;
  for (const auto& l : m.leaves) {
    if (l.qualitative()) ids.push_back(m.nodes[l.node].id);
  }
  return Join(ids, ", ");
}

std::vector<std::string> InputWarnings(const CompiledModel& m, const Result& r, const std::vector<char>& no_value) {
  std::vector<std::string> out;
  const Dataset& cur = r.current();
  const Eigen::Index n = cur.entity_count();
  out.insert(out.end(), cur.notes().begin(), cur.notes().end());  // rows the reader left out
  if (r.previous()) out.insert(out.end(), r.previous()->notes().begin(), r.previous()->notes().end());
  if (r.previous() && m.uses_prev && SameData(m, cur, *r.previous())) {
    out.push_back("last year's data" + Named(*r.previous()) + " is the same as this year's" + Named(cur) +
                  ": every indicator that compares with last year (prev(...)) compares a year with itself; "
                  "give last year's own file");
  }
  if (const std::string rated = QualitativeIds(m); r.ratings() && r.ratings()->empty() && !rated.empty()) {
    out.push_back("the ratings file" + (r.ratings()->source.empty() ? std::string() : " " + r.ratings()->source) +
                  " holds no ratings (only its header?): the indicators rated by experts (" + rated +
                  ") have no value for anyone");
  }
  if (n == 0) return out;
  for (const CompiledLeaf& leaf : m.leaves) {
    if (!no_value[leaf.node]) continue;
    const Node& node = m.nodes[leaf.node];
    out.push_back("indicator " + node.id + " (" + node.name + ") has no value for any of the " + std::to_string(n) +
                  " entities (" + (leaf.qualitative() ? "no usable rating" : "its data are missing in every row") +
                  "): the missing-data policy decides everyone's points for it");
  }
  return out;
}

}  // namespace makerscore::detail
