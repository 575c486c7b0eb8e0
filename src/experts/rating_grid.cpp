// Ratings written out as a grid (rating_grid.h): how a rating form's rows are written out. It leaves no room
// for a problem a row could have other than its value, so each cell of the cube is known from the row's place,
// in one pass with no look-up per rating.
#include "experts/rating_grid.h"

#include <algorithm>
#include <cstring>

#include "makerscore/ratings.h"

namespace makerscore::detail {

template <typename EntityCode>
bool FillCubeFromGrid(const EntityCode* entity, const GridCodes& codes, DenseRatings* cube) {
  const std::size_t count = codes.count, values = codes.values;
  if (count == 0) return false;
  std::size_t period = 1;
  while (period < count && entity[period] == entity[0]) ++period;
  if (count % period != 0) return false;
  const std::uint8_t* indicator = codes.indicator;
  const std::uint8_t* expert = codes.expert;
  const std::uint8_t* value = codes.value;
  // The place of each of the first entity's rows in an entity's part of the cube (item, then expert), and
  // the values it may hold.
  const std::size_t experts = cube->experts, per_entity = cube->items * experts;
  std::vector<std::size_t> slot(period);
  std::vector<std::uint8_t> seen(per_entity, 0), allowed(period * values);
  for (std::size_t p = 0; p < period; ++p) {
    const int q = codes.item_of[indicator[p]];
    if (q < 0 || codes.authority[expert[p]] < 0 || indicator[p] == codes.empty[Ratings::kIndicator]) return false;
    slot[p] = static_cast<std::size_t>(q) * experts + expert[p];
    if (seen[slot[p]]++ != 0) return false;  // an expert twice on an indicator
    std::copy_n(codes.on_scale.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(q) * values), values,
                allowed.begin() + static_cast<std::ptrdiff_t>(p * values));
  }
  // Every entity's indicators and experts as the first one's; entity k named k-th and in the data.
  if (std::memcmp(indicator + period, indicator, count - period) != 0) return false;
  if (std::memcmp(expert + period, expert, count - period) != 0) return false;
  const std::size_t entities = count / period;
  for (std::size_t k = 0; k < entities; ++k) {
    const EntityCode* block = entity + k * period;
    bool same = static_cast<std::size_t>(block[0]) == k;
    for (std::size_t p = 1; p < period; ++p) same &= block[p] == block[0];
    if (!same || codes.row_of[static_cast<std::size_t>(block[0])] < 0 ||
        static_cast<std::int32_t>(block[0]) == codes.empty[Ratings::kEntity])
      return false;
  }
  // The values, each on its item's scale, into the cube; on the first that is not, the cube is emptied again.
  // Where every value label is on every item's scale (a file holding the scale's labels only) there is nothing
  // to check, and where the rows come in the cube's order (item, then expert) a row is copied whole.
  const bool every_value_allowed = std::all_of(allowed.begin(), allowed.end(), [](std::uint8_t a) { return a != 0; });
  bool in_order = period == per_entity;
  for (std::size_t p = 0; p < period; ++p) in_order &= slot[p] == p;
  std::uint8_t* cells = cube->cells.data();
  for (std::size_t k = 0; k < entities; ++k) {
    const std::uint8_t* row = value + k * period;
    std::uint8_t* cell =
        cells + static_cast<std::size_t>(codes.row_of[static_cast<std::size_t>(entity[k * period])]) * per_entity;
    if (every_value_allowed && in_order) {
      for (std::size_t p = 0; p < period; ++p) cell[p] = static_cast<std::uint8_t>(row[p] + 1);
      continue;
    }
    bool ok = true;
    for (std::size_t p = 0; p < period; ++p) {
      ok &= allowed[p * values + row[p]] != 0;
      cell[slot[p]] = static_cast<std::uint8_t>(row[p] + 1);
    }
    if (!ok) {
      std::fill(cube->cells.begin(), cube->cells.end(), 0);
      return false;
    }
  }
  return true;
}

template bool FillCubeFromGrid(const std::uint8_t* entity, const GridCodes& codes, DenseRatings* cube);
template bool FillCubeFromGrid(const std::int32_t* entity, const GridCodes& codes, DenseRatings* cube);

}  // namespace makerscore::detail
