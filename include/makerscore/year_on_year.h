// makerscore: year on year: each entity's total and rank against last year's result.
#ifndef MAKERSCORE_YEAR_ON_YEAR_H_
#define MAKERSCORE_YEAR_ON_YEAR_H_

#include <limits>
#include <string>

#include "makerscore/result.h"

namespace makerscore {

// One entity's outcome last year (Result::previous_result) and the change since.
struct YearOnYear {
  bool listed = false;  // last year's result lists the entity (false: new this year, or no result given)
  double last_total = std::numeric_limits<double>::quiet_NaN();    // NaN: no total last year
  int last_rank = 0;                                               // 0: not ranked last year
  std::string last_grade;                                          // "": no grade last year
  double total_change = std::numeric_limits<double>::quiet_NaN();  // this year's total minus last year's
  int rank_change = 0;       // places moved up (last rank minus this rank; negative: down); 0 when either is missing
  bool ranked_both = false;  // ranked both years, so rank_change means something
};

// Entity i's year-on-year change; listed is false without a previous result or when it lacks the entity.
YearOnYear YearOnYearOf(const Result& result, int i);

// "+3" (up three places), "-2", "0", or "" when not ranked both years: the rank change as a table shows it.
std::string RankChangeText(const YearOnYear& y);

}  // namespace makerscore

#endif  // MAKERSCORE_YEAR_ON_YEAR_H_
