// Ordering a cohort's totals for ranking (internal).
#ifndef MAKERSCORE_SRC_SCORING_BEST_FIRST_H_
#define MAKERSCORE_SRC_SCORING_BEST_FIRST_H_

#include <utility>
#include <vector>

namespace makerscore::detail {

// Sorts (total, position) pairs best total first, equal totals by position: the order a stable sort by
// total gives the pairs listed by position. No total may be NaN; -0.0 and +0.0 are equal totals.
void SortBestFirst(std::vector<std::pair<double, int>>* pairs);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_SCORING_BEST_FIRST_H_
