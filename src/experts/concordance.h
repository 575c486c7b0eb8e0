// Kendall's W from the raters' rank sums (internal): the last step of
// KendallW (makerscore/delphi.h), shared with the dense layout of the ratings,
// which ranks each expert's levels from their counts (combiner.cpp).
#ifndef MAKERSCORE_SRC_EXPERTS_CONCORDANCE_H_
#define MAKERSCORE_SRC_EXPERTS_CONCORDANCE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "makerscore/delphi.h"

namespace makerscore::detail {

// The sum over the items of (rank sum - m (n + 1) / 2)^2 for m raters and n items, exactly. A rank is a whole number or
// a half, so each deviation doubled is a whole number: the squares are added as integers, and the sum rounded once, at
// the end. So the sum is the same whatever the order or grouping it is added in (a million makerspaces' sums of squares
// pass 2^53, where adding doubles in another order would change the last bits). Exact while items x (2 x raters x
// items)^2 < 2^128: past 10^10 items of 10 raters.
class RankSquares {
  __extension__ typedef unsigned __int128 Wide;  // GCC's and Clang's 128-bit integer (__extension__: not ISO C++)

 public:
  RankSquares(int raters, std::size_t items)
      : twice_mean_(static_cast<std::int64_t>(raters) * (static_cast<std::int64_t>(items) + 1)) {}
  // Adds `times` items whose rank sum is twice_sum / 2.
  void Add(std::int64_t twice_sum, std::uint64_t times = 1) {
    const std::int64_t d = twice_sum - twice_mean_;
    const auto magnitude = static_cast<Wide>(d < 0 ? -d : d);
    sum_ += magnitude * magnitude * times;
  }
  // Adds the squares another part of the items added.
  void Add(const RankSquares& other) { sum_ += other.sum_; }
  // The sum of squared deviations, rounded once.
  double Sum() const { return static_cast<double>(sum_) / 4; }

 private:
  std::int64_t twice_mean_;
  Wide sum_ = 0;  // of the doubled deviations' squares
};

// W, its chi-square and p-value from each item's sum of ranks over `raters` raters (at least 2; each rater's
// ranks 1 = lowest, ties sharing their mean rank, added in the raters' order) and ties, the sum of t^3 - t over
// every rater's groups of ties.
Concordance ConcordanceOfRanks(const std::vector<double>& rank_sums, double ties, int raters, bool tie_correction);

// The same from s, the sum over the items of (rank sum - m (n + 1) / 2)^2 (RankSquares).
Concordance ConcordanceOfSquares(double s, std::size_t items, double ties, int raters, bool tie_correction);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_EXPERTS_CONCORDANCE_H_
