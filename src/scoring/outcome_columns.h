// The outcomes formulas read besides fields (internal): last year's (a previous result, matched to this
// year's entities by id) and this year's total, rank and grade, once the cohort is ranked and graded.
#ifndef MAKERSCORE_SRC_SCORING_OUTCOME_COLUMNS_H_
#define MAKERSCORE_SRC_SCORING_OUTCOME_COLUMNS_H_

#include <string>
#include <vector>

#include "formula/formula.h"
#include "makerscore/previous_result.h"
#include "makerscore/rules.h"

namespace makerscore::detail {

class OutcomeColumns {
 public:
  // Last year's outcome of each of ids, from last (may be nullptr: then missing for all). An entity that
  // last year's result lacks is named in *warnings.
  OutcomeColumns(const RuleSet& rules, const std::vector<std::string>& ids, const PreviousResult* last,
                 std::vector<std::string>* warnings);

  // This year's: totals (NaN: none), ranks (0: not ranked), grades (index into rules.grades, -1: none).
  void SetThisYear(const std::vector<double>& totals, const std::vector<int>& ranks, const std::vector<int>& grades);

  // For Columns::outcomes and Columns::outcome_labels.
  const double* const* columns() const { return pointers_.data(); }
  const std::vector<std::string>* const* labels() const { return label_pointers_.data(); }

 private:
  std::vector<std::vector<double>> values_;  // per Outcome; empty where unknown
  std::vector<const double*> pointers_;
  std::vector<std::string> grades_, last_grades_;  // the labels the grade codes stand for
  std::vector<const std::vector<std::string>*> label_pointers_;
};

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_SCORING_OUTCOME_COLUMNS_H_
