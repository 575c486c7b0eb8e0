// Screening a cohort by data availability (internal): the rule file's `screen:`, COINr's Screen().
#ifndef MAKERSCORE_SRC_SCORING_SCREEN_H_
#define MAKERSCORE_SRC_SCORING_SCREEN_H_

#include "makerscore/result.h"
#include "makerscore/score.h"
#include "makerscore/screening.h"

namespace makerscore::detail {

// Every entity's share of data in full, a result scored over the whole cohort as given: its indicators'
// values as reported (Result::values, before imputation), counted over the indicators that apply to its
// class. Throws DataError naming an id of spec's include or exclude that is not in the data.
Screening ScreenCohort(const Result& full, const ScreenSpec& spec);

// The cohort without the entities screening left out: this year's rows of the kept entities (in their
// order) and the ratings of everyone but those left out. Last year's data and result are matched by id
// and stay as they are.
Cohort KeptCohort(const Cohort& cohort, const Screening& screening);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_SCORING_SCREEN_H_
