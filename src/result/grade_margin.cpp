// Why this grade: each grade's cut-off in a cohort and the distance of every total from them.
#include "makerscore/grade_margin.h"

#include <algorithm>
#include <cmath>

#include "scoring/steps.h"

namespace makerscore {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double BoundaryMargin(const RuleSet& rules) { return rules.boundary_margin.value_or(0.01 * rules.total); }

std::vector<double> GradeCutoffs(const Result& r) {
  const std::vector<Grade>& grades = r.model().rules().grades;
  // The totals graded by their total (ranked, not graded directly), best first: the base `top` counts.
  std::vector<double> totals;
  for (int i = 0; i < r.entity_count(); ++i) {
    if (r.rank(i) > 0 && r.direct_grade(i) < 0 && !std::isnan(r.total(i))) totals.push_back(r.total(i));
  }
  std::sort(totals.begin(), totals.end(), std::greater<>());
  const int base = static_cast<int>(totals.size());
  std::vector<double> out(grades.size(), kNaN);
  for (size_t k = 0; k < grades.size(); ++k) {
    const Grade& g = grades[k];
    if (!g.by_total()) continue;
    double cut = g.min.value_or(-std::numeric_limits<double>::infinity());
    int places = base;
    if (g.top) places = std::min(places, detail::Places(*g.top, base, g.round.value_or(PlacesRounding::kDown)));
    if (g.rank) places = std::min(places, *g.rank);
    if (g.top || g.rank) {
      if (places <= 0) continue;  // no place is left for it
      if (places < base) cut = std::max(cut, totals[static_cast<size_t>(places - 1)]);
    }
    // No minimum and every place: any total, counted from 0 (or from the lowest total when that is below).
    out[k] = !std::isinf(cut) ? cut : totals.empty() ? 0.0 : std::min(0.0, totals.back());
  }
  return out;
}

GradeMargin MarginOf(const Result& r, int i, const std::vector<double>& cutoffs) {
  GradeMargin m;
  const std::vector<Grade>& grades = r.model().rules().grades;
  const double total = r.total(i);
  const int grade = r.grade_index(i);
  if (std::isnan(total) || r.rank(i) == 0 || r.direct_grade(i) >= 0) return m;
  // The grade its total earns, first in the rule set's order; a veto that capped it makes it another.
  int earned = -1;
  for (size_t k = 0; k < grades.size() && earned < 0; ++k) {
    if (!std::isnan(cutoffs[k]) && total >= cutoffs[k] - 1e-9) earned = static_cast<int>(k);
  }
  if (earned != grade) return m;
  m.by_total = true;
  // Below every grade (no grade): the next up is the lowest one a total earns.
  for (int k = (grade >= 0 ? grade : static_cast<int>(grades.size())) - 1; k >= 0; --k) {
    if (std::isnan(cutoffs[static_cast<size_t>(k)])) continue;
    m.next_up = grades[static_cast<size_t>(k)].label;
    m.to_next_up = cutoffs[static_cast<size_t>(k)] - total;
    break;
  }
  for (size_t k = static_cast<size_t>(grade) + 1; grade >= 0 && k < grades.size(); ++k) {
    if (std::isnan(cutoffs[k])) continue;
    m.next_down = grades[k].label;
    m.above_cutoff = total - cutoffs[static_cast<size_t>(grade)];
    break;
  }
  const double margin = BoundaryMargin(r.model().rules());
  m.near = m.to_next_up <= margin || m.above_cutoff < margin;
  return m;
}

}  // namespace makerscore
