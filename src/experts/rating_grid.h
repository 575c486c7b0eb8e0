// Ratings written out as a grid, read into the dense layout by each row's place (internal; the combiner
// tries it before checking the ratings one by one).
#ifndef MAKERSCORE_SRC_EXPERTS_RATING_GRID_H_
#define MAKERSCORE_SRC_EXPERTS_RATING_GRID_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "experts/dense_ratings.h"

namespace makerscore::detail {

// What the grid is read from: the ratings' codes (a byte each, but the entity's) and what each code stands
// for in the cohort.
struct GridCodes {
  std::size_t count;              // ratings
  std::size_t values;             // value labels
  const std::uint8_t* indicator;  // each rating's indicator, expert and value codes
  const std::uint8_t* expert;
  const std::uint8_t* value;
  const std::vector<int>& item_of;            // per indicator label: its rated item (-1: none)
  const std::vector<int>& row_of;             // per entity label: its row in the data (-1: not in it)
  const std::vector<double>& authority;       // per expert label: its authority (negative: off the panel)
  const std::vector<std::uint8_t>& on_scale;  // [q * values + v]: 1 where value label v is on item q's scale
  std::array<std::int32_t, 4> empty;          // the code of "" (an empty cell) in each column (Ratings::Column)
};

// Fills cube (its cells all 0, sized for the cohort) from ratings that form a grid, and returns true; returns
// false, with the cube all 0 again, when they do not, or when a value is off its item's scale: the ratings are
// then checked one by one. In a grid the first entity's ratings (its rows up to the first row of another
// entity) name each rated indicator and expert of the panel at most once, and every entity after it has the
// same rows in the same order: entity k's ratings are rows k * P .. k * P + P - 1 (P the first entity's rows),
// and it is the k-th entity named. EntityCode: std::uint8_t or std::int32_t.
template <typename EntityCode>
bool FillCubeFromGrid(const EntityCode* entity, const GridCodes& codes, DenseRatings* cube);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_EXPERTS_RATING_GRID_H_
