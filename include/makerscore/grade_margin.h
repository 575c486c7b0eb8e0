// makerscore: why this grade: the cut-offs of a cohort and how far each total lies from them.
#ifndef MAKERSCORE_GRADE_MARGIN_H_
#define MAKERSCORE_GRADE_MARGIN_H_

#include <limits>
#include <string>
#include <vector>

#include "makerscore/result.h"

namespace makerscore {

// The least total that earns each grade in this cohort (in the rule set's order): its `min`, or for a grade
// limited to the top places (`top`, `rank`) the total of the last place it reaches, whichever is higher.
// NaN for a grade no total earns (given only directly or by a veto) or that no place is left for.
std::vector<double> GradeCutoffs(const Result& result);

// How far one entity's total lies from the cut-offs, at the others' totals as they are.
struct GradeMargin {
  // Graded by its total (or ranked below every grade); false: graded directly, capped or excluded by a
  // veto, or without a total or rank: then no margins.
  bool by_total = false;
  std::string next_up;  // the next better grade a total can earn; "" for the best
  double to_next_up = std::numeric_limits<double>::quiet_NaN();    // the points it lacks for next_up
  std::string next_down;                                           // the grade below its own; "" for the lowest
  double above_cutoff = std::numeric_limits<double>::quiet_NaN();  // points it could lose and keep its grade
  bool near = false;  // to_next_up or above_cutoff within the margin (RuleSet::boundary_margin)
};

// Entity i's margins; cutoffs from GradeCutoffs(result).
GradeMargin MarginOf(const Result& result, int i, const std::vector<double>& cutoffs);

// The margin within which a total is near a cut-off: the rule set's boundary_margin, or 1% of its total.
double BoundaryMargin(const RuleSet& rules);

}  // namespace makerscore

#endif  // MAKERSCORE_GRADE_MARGIN_H_
