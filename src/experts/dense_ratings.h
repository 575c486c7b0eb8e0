// The dense layout of a regular panel's ratings, and combining from it
// (internal; experts/combiner.cpp decides when a panel is regular enough).
#ifndef MAKERSCORE_SRC_EXPERTS_DENSE_RATINGS_H_
#define MAKERSCORE_SRC_EXPERTS_DENSE_RATINGS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "experts/combine.h"

namespace makerscore::detail {

// One byte per entity x rated item x expert: 1 + the code of the rating's
// value (Ratings::kValue), or 0 for no rating. Entity first, as rating files
// list one entity's ratings together.
struct DenseRatings {
  std::size_t entities = 0, items = 0, experts = 0;
  std::vector<std::uint8_t> cells;
  std::uint8_t& at(std::size_t e, std::size_t q, std::size_t x) { return cells[(e * items + q) * experts + x]; }
};

// Combines every item of the cube into out (sized here): per item and entity the value, count and (where the
// item asks for it) coefficient of variation, and per item the panel's Kendall's W. fraction[q][c] is the
// share of the points value code c earns on item q's scale (negative or NaN: not on it; no such cell is
// filled); authority[x] each expert's. Each item's ratings are taken in ascending order from the counts of
// its levels, and each expert's ranks for Kendall's W from the expert's counts of each level: no sort. The
// results are those of ItemRatings and KendallW over the same ratings, bit for bit, on any number of threads.
void CombineDense(const DenseRatings& cube, const std::vector<RatedItem>& items,
                  const std::vector<const std::vector<double>*>& fraction, const std::vector<double>& authority,
                  int threads, CombinedRatings* out);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_EXPERTS_DENSE_RATINGS_H_
