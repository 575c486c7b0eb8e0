// Kendall's W from the raters' rank sums (internal): the last step of
// KendallW (makerscore/delphi.h), shared with the dense layout of the ratings,
// which ranks each expert's levels from their counts (combiner.cpp).
#ifndef MAKERSCORE_SRC_EXPERTS_CONCORDANCE_H_
#define MAKERSCORE_SRC_EXPERTS_CONCORDANCE_H_

#include <vector>

#include "makerscore/delphi.h"

namespace makerscore::detail {

// W, its chi-square and p-value from each item's sum of ranks over `raters` raters (at least 2; each rater's
// ranks 1 = lowest, ties sharing their mean rank, added in the raters' order) and ties, the sum of t^3 - t over
// every rater's groups of ties.
Concordance ConcordanceOfRanks(const std::vector<double>& rank_sums, double ties, int raters, bool tie_correction);

// The mean of the items' sums of ranks, m (n + 1) / 2 for m raters and n items.
double RankSumMean(int raters, std::size_t items);

// The same from s, the sum over the items, in their order, of (rank sum - RankSumMean)^2.
Concordance ConcordanceOfSquares(double s, std::size_t items, double ties, int raters, bool tie_correction);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_EXPERTS_CONCORDANCE_H_
