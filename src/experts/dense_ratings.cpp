// Combining a regular panel's ratings from the dense layout (dense_ratings.h).
//
// A pass over the cube, over blocks of entities on the threads asked for, combines every item of each entity
// and counts what each block saw; once the counts say which experts rated every entity and where each level
// ranks, Kendall's W is worked out. Each block writes only its own entities; the counts are whole numbers and
// the squares of Kendall's W are added exactly (RankSquares), merged after the pass: nothing depends on the
// number of threads.
//
// What an item's ratings combine to depends only on how many ratings it has at each level (the ratings in
// ascending order are the levels, each as often as counted), except for the weighted mean, which needs each
// expert's authority. So each item gets a table, with an entry for every possible count of each level
// (Summarize computes each entry, and each entity's when the table would be too large), worked out by the
// same functions on the same sorted ratings as before: the same bits.
//
// When the tuples of cells an entity can have on an item (codes^experts: 5^5 = 3,125 for five experts of four
// levels) are fewer than the entities, a second table goes further: what every tuple combines to, weighted
// mean included. The pass then reads one entry per entity and item and counts the entities at each tuple;
// the experts' counts and the sums of ranks are worked out per tuple. Otherwise the pass counts each expert's
// cells of each value, and a second pass adds up each entity's sum of ranks.
#include "experts/dense_ratings.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "experts/concordance.h"
#include "util/huge_pages.h"
#include "util/parallel.h"
#include "util/statistics.h"

namespace makerscore::detail {

namespace {

constexpr long kBlock = 1 << 14;  // entities per piece of work

// An item's scale as the cube sees it: its distinct fractions in ascending order (the levels), and the place
// of each value code among them (-1: not on the scale).
struct Levels {
  std::vector<double> level;
  std::vector<int> place;
};

Levels LevelsOf(const std::vector<double>& fraction) {
  std::vector<std::pair<double, std::size_t>> by_fraction;
  for (std::size_t c = 0; c < fraction.size(); ++c) {
    if (fraction[c] >= 0) by_fraction.emplace_back(fraction[c], c);
  }
  std::sort(by_fraction.begin(), by_fraction.end());
  Levels out;
  out.place.assign(fraction.size(), -1);
  for (const auto& [f, c] : by_fraction) {
    if (out.level.empty() || out.level.back() != f) out.level.push_back(f);
    out.place[c] = static_cast<int>(out.level.size()) - 1;
  }
  return out;
}

// What the ratings of one item of one entity combine to: their number, the combined value (NaN under
// min_ratings, and for the weighted mean, which is worked out per entity) and their coefficient of variation
// (NaN where the item does not ask for it), from at[l], the number of ratings at level l.
struct Summary {
  int count = 0;
  double value = std::numeric_limits<double>::quiet_NaN();
  double cv = std::numeric_limits<double>::quiet_NaN();
  std::uint16_t flags = kFlagMissing;  // RatingFlags (of the weighted mean's, worked out per entity: the count's)
};

Summary Summarize(const RatedItem& item, const std::vector<double>& level, const int* at, std::vector<double>* sorted) {
  Summary out;
  sorted->clear();
  for (std::size_t l = 0; l < level.size(); ++l) sorted->insert(sorted->end(), at[l], level[l]);  // ascending
  out.count = static_cast<int>(sorted->size());
  if (out.count == 0) return out;
  if (item.max_cv) out.cv = Cv(sorted->data(), sorted->size());
  if (item.combine != Combine::kWeightedMean && out.count >= item.min_ratings) {
    out.value = CombineSorted(sorted->data(), sorted->size(), item.combine);
  }
  out.flags = RatingFlags(item, sorted->size(), out.value, out.cv);
  return out;
}

constexpr std::size_t kMaxTable = 1 << 16;  // entries of an item's table; larger: each entity summarised

// Every Summary of an item rated by up to `experts` experts, by key: the number of ratings at level l is
// digit l of the key in base experts + 1. step[c] is what a cell holding c adds to the key (0 for an empty
// cell). Empty when the table would pass kMaxTable entries.
struct SummaryTable {
  std::vector<Summary> entry;
  std::vector<std::uint32_t> step;
};

SummaryTable TableOf(const RatedItem& item, const Levels& levels, std::size_t experts) {
  SummaryTable t;
  const std::size_t base = experts + 1;
  std::size_t size = 1;
  std::vector<std::uint32_t> power;
  for (std::size_t l = 0; l < levels.level.size(); ++l) {
    power.push_back(static_cast<std::uint32_t>(size));
    size *= base;
    if (size > kMaxTable) return t;
  }
  t.step.assign(levels.place.size() + 1, 0);
  for (std::size_t c = 0; c < levels.place.size(); ++c) {
    if (levels.place[c] >= 0) t.step[c + 1] = power[static_cast<std::size_t>(levels.place[c])];
  }
  t.entry.resize(size);
  std::vector<int> at(levels.level.size());
  std::vector<double> sorted;
  for (std::size_t key = 0; key < size; ++key) {
    std::size_t total = 0;
    for (std::size_t l = 0, rest = key; l < at.size(); ++l, rest /= base) {
      at[l] = static_cast<int>(rest % base);
      total += rest % base;
    }
    if (total <= experts) t.entry[key] = Summarize(item, levels.level, at.data(), &sorted);  // else: no entity
  }
  return t;
}

// What one entity's cells on an item combine to.
struct Outcome {
  double value;
  std::uint16_t flags;  // RatingFlags
};

// What CombineCells needs of an item, and the memory it reuses.
struct ItemCells {
  const RatedItem& item;
  const Levels& levels;
  const SummaryTable& table;
  const std::vector<double>& fraction;   // of each value code on the item's scale
  const std::vector<double>& authority;  // of each expert
  std::size_t experts;
  std::vector<int> at;  // the scratch of Summarize
  std::vector<double> sorted;
  ItemRatings run;  // the weighted mean's (fraction, authority) pairs
};

// What the cells (one per expert) of an item combine to: the Summary of their level counts (from the table,
// else worked out), and the weighted mean from the experts' authorities, taken in the experts' order.
Outcome CombineCells(ItemCells* c, const std::uint8_t* cell) {
  Summary s;
  if (!c->table.entry.empty()) {
    std::uint32_t key = 0;
    for (std::size_t x = 0; x < c->experts; ++x) key += c->table.step[cell[x]];
    s = c->table.entry[key];
  } else {
    for (std::size_t x = 0; x < c->experts; ++x) {
      if (cell[x] != 0) ++c->at[static_cast<std::size_t>(c->levels.place[cell[x] - 1])];
    }
    s = Summarize(c->item, c->levels.level, c->at.data(), &c->sorted);
    std::fill(c->at.begin(), c->at.end(), 0);
  }
  Outcome out{s.value, s.flags};
  if (c->item.combine == Combine::kWeightedMean && s.count > 0) {
    c->run.clear();
    for (std::size_t x = 0; x < c->experts; ++x) {
      if (cell[x] != 0) c->run.Add(c->fraction[cell[x] - 1], c->authority[x]);
    }
    out.value = c->run.Combine(c->item);
    out.flags = RatingFlags(c->item, static_cast<std::size_t>(s.count), out.value, s.cv);
  }
  return out;
}

// The number of tuples of cells an entity can have on an item, codes^experts, where it is at most `limit`;
// else 0. A tuple's key is the sum of c_x x codes^x over expert x's cell c_x.
std::size_t TupleCount(std::size_t codes, std::size_t experts, std::size_t limit) {
  std::size_t count = 1;
  for (std::size_t x = 0; x < experts; ++x) {
    if (count > limit / codes) return 0;
    count *= codes;
  }
  return count;
}

// The cells of the tuple with key `key` (the inverse of sum of c_x x codes^x), expert by expert.
void CellsOf(std::size_t key, std::size_t codes, std::size_t experts, std::uint8_t* cell) {
  for (std::size_t x = 0; x < experts; ++x, key /= codes) cell[x] = static_cast<std::uint8_t>(key % codes);
}

// What every tuple of cells combines to, by key (CombineCells, the same bits as an entity's). A tuple holding
// a value off the item's scale, which no cell holds, is left missing.
std::vector<Outcome> TuplesOf(ItemCells* c, std::size_t codes, std::size_t tuples) {
  std::vector<Outcome> out(tuples, Outcome{std::numeric_limits<double>::quiet_NaN(), kFlagMissing});
  std::vector<std::uint8_t> cell(c->experts);
  for (std::size_t key = 0; key < tuples; ++key) {
    CellsOf(key, codes, c->experts, cell.data());
    bool on_scale = true;
    for (std::uint8_t v : cell) on_scale &= v == 0 || c->levels.place[v - 1] >= 0;
    if (on_scale) out[key] = CombineCells(c, cell.data());
  }
  return out;
}

// Every doubled sum of ranks the raters' cells can give, by key (sum of c_r x codes^r for rater r's cell c_r),
// from twice_rank[r * codes + c], rater r's doubled rank of cell value c. Empty past kMaxTable entries, and
// past the number of entities, whose sums are then added up directly in less time.
std::vector<std::int64_t> RankSums(const std::vector<std::int64_t>& twice_rank, std::size_t raters, std::size_t codes,
                                   std::size_t entities) {
  const std::size_t size = TupleCount(codes, raters, std::min(kMaxTable, entities));
  std::vector<std::int64_t> sum(size);
  for (std::size_t key = 0; key < size; ++key) {
    std::int64_t s = 0;
    for (std::size_t r = 0, rest = key; r < raters; ++r, rest /= codes) s += twice_rank[r * codes + rest % codes];
    sum[key] = s;
  }
  return sum;
}

}  // namespace

void CombineDense(const DenseRatings& cube, const std::vector<RatedItem>& items,
                  const std::vector<const std::vector<double>*>& fraction, const std::vector<double>& authority,
                  int threads, CombinedRatings* out) {
  const double kNaN = std::numeric_limits<double>::quiet_NaN();
  const std::size_t n = cube.entities, m = items.size(), experts = cube.experts;
  const auto rows = static_cast<Eigen::Index>(n);
  out->value.resize(m);  // every entry written below
  out->flags.resize(m);
  for (std::size_t q = 0; q < m; ++q) {
    ResizeOnHugePages(&out->value[q], rows);
    ResizeOnHugePages(&out->flags[q], rows);
  }
  out->agreement_w.assign(m, kNaN);
  out->agreement_p.assign(m, kNaN);
  out->dense = true;
  std::vector<Levels> levels;
  std::vector<SummaryTable> tables;
  std::size_t most = 1, codes = 1;  // the most levels of a scale; cell values (0: no rating)
  for (std::size_t q = 0; q < m; ++q) {
    levels.push_back(LevelsOf(*fraction[q]));
    tables.push_back(TableOf(items[q], levels.back(), experts));
    most = std::max(most, levels.back().level.size());
    codes = std::max(codes, levels.back().place.size() + 1);
  }
  auto cells_of = [&](std::size_t q) {
    return ItemCells{items[q], levels[q], tables[q], *fraction[q], authority, experts, std::vector<int>(most, 0),
                     {},       {}};
  };
  // Where an entity's cells on an item can form fewer tuples than there are entities (and than a block's
  // entities, so that the blocks' counts take less memory than the combined values), each item gets a table of
  // what every tuple combines to, and each block counts its entities at each tuple: a look-up and a count per
  // entity and item. The experts' counts of each level and the sums of ranks for Kendall's W are then worked
  // out once per tuple, not per entity.
  const std::size_t tuples = TupleCount(codes, experts, std::min({kMaxTable, n, static_cast<std::size_t>(kBlock)}));
  std::vector<std::vector<Outcome>> outcome;
  for (std::size_t q = 0; q < m && tuples > 0; ++q) {
    ItemCells c = cells_of(q);
    outcome.push_back(TuplesOf(&c, codes, tuples));
  }
  // seen[b][q][s]: how many entities of block b had, on item q, the tuple with key s (with tuples), or else
  // expert x's cell value c (s = x * codes + c).
  const long blocks = static_cast<long>((n + kBlock - 1) / kBlock);
  const std::size_t slots = tuples > 0 ? tuples : experts * codes;
  std::vector<std::vector<std::vector<std::uint32_t>>> seen(
      blocks, std::vector<std::vector<std::uint32_t>>(m, std::vector<std::uint32_t>(slots, 0)));
  const std::size_t stride = m * experts;  // from an entity's cells to the next one's
  ParallelFor(blocks, threads, [&](long b) {
    const std::size_t first = static_cast<std::size_t>(b) * kBlock, last = std::min(n, first + kBlock);
    for (std::size_t q = 0; q < m; ++q) {
      std::uint32_t* counted = seen[b][q].data();
      double* value = out->value[q].data();
      std::uint16_t* flags = out->flags[q].data();
      const std::uint8_t* cells = cube.cells.data() + q * experts;
      if (tuples > 0) {
        const Outcome* of = outcome[q].data();
        for (std::size_t e = first; e < last; ++e) {
          const std::uint8_t* cell = cells + e * stride;
          std::size_t key = 0;
          for (std::size_t x = experts; x-- > 0;) key = key * codes + cell[x];
          value[e] = of[key].value;
          flags[e] = of[key].flags;
          ++counted[key];
        }
        continue;
      }
      ItemCells c = cells_of(q);
      for (std::size_t e = first; e < last; ++e) {
        const std::uint8_t* cell = cells + e * stride;
        for (std::size_t x = 0; x < experts; ++x) ++counted[x * codes + cell[x]];
        const Outcome o = CombineCells(&c, cell);
        value[e] = o.value;
        flags[e] = o.flags;
      }
    }
  });
  if (n < 2) return;
  // Kendall's W per item: the experts who rated every entity, each ranking the entities by level (ties sharing
  // their mean place). The sums of squared deviations are added exactly (RankSquares), so that they are
  // KendallW's bits whatever the order they are added in: per tuple, weighted by its entities, or per entity.
  struct Raters {
    std::vector<std::size_t> who;          // the experts who rated every entity
    std::vector<std::int64_t> twice_rank;  // [r * codes + c]: twice rater r's rank of the level of cell value c
    double ties = 0;
    // sum[key]: the doubled sum of ranks of the raters' cells c_r, key = sum of c_r x codes^r (RankSums; empty
    // past kMaxTable entries, or the entities).
    std::vector<std::int64_t> sum;
  };
  std::vector<Raters> agreeing(m);
  std::vector<std::size_t> agreed;  // the items with 2 raters or more, left to add up entity by entity
  std::vector<std::uint64_t> at_tuple(tuples);
  std::vector<std::uint8_t> cell(experts);
  for (std::size_t q = 0; q < m; ++q) {
    std::vector<std::uint64_t> counted(experts * codes, 0);  // [x * codes + c]: expert x's cells of value c
    if (tuples > 0) {
      std::fill(at_tuple.begin(), at_tuple.end(), 0);
      for (const auto& block : seen) {
        for (std::size_t key = 0; key < tuples; ++key) at_tuple[key] += block[q][key];
      }
      for (std::size_t key = 0; key < tuples; ++key) {
        if (at_tuple[key] == 0) continue;
        CellsOf(key, codes, experts, cell.data());
        for (std::size_t x = 0; x < experts; ++x) counted[x * codes + cell[x]] += at_tuple[key];
      }
    } else {
      for (const auto& block : seen) {
        for (std::size_t s = 0; s < slots; ++s) counted[s] += block[q][s];
      }
    }
    const std::vector<int>& place = levels[q].place;
    const std::size_t l_count = levels[q].level.size();
    Raters& raters = agreeing[q];
    for (std::size_t x = 0; x < experts; ++x) {
      if (counted[x * codes] != 0) continue;      // an entity the expert did not rate
      std::vector<std::uint64_t> at(l_count, 0);  // the expert's ratings at each level
      for (std::size_t c = 1; c < codes; ++c) {
        if (place[c - 1] >= 0) at[static_cast<std::size_t>(place[c - 1])] += counted[x * codes + c];
      }
      raters.who.push_back(x);
      std::vector<std::int64_t> of_level;
      std::uint64_t below = 0;
      for (std::size_t l = 0; l < l_count; ++l) {
        of_level.push_back(
            static_cast<std::int64_t>(2 * below + at[l] + 1));  // twice the mean of places below+1 .. below+at[l]
        const double t = static_cast<double>(at[l]);
        raters.ties += t * t * t - t;
        below += at[l];
      }
      raters.twice_rank.push_back(0);  // an empty cell: none, as the rater rated every entity
      for (std::size_t c = 1; c < codes; ++c) {
        raters.twice_rank.push_back(place[c - 1] >= 0 ? of_level[static_cast<std::size_t>(place[c - 1])] : 0);
      }
    }
    const auto count = static_cast<int>(raters.who.size());
    if (count < 2) continue;  // fewer than 2 experts rated every entity
    if (tuples == 0) {
      agreed.push_back(q);
      raters.sum = RankSums(raters.twice_rank, raters.who.size(), codes, n);
      continue;
    }
    RankSquares squares(count, n);
    for (std::size_t key = 0; key < tuples; ++key) {
      if (at_tuple[key] == 0) continue;
      CellsOf(key, codes, experts, cell.data());
      std::int64_t sum = 0;
      for (std::size_t r = 0; r < raters.who.size(); ++r) sum += raters.twice_rank[r * codes + cell[raters.who[r]]];
      squares.Add(sum, at_tuple[key]);
    }
    const Concordance w = ConcordanceOfSquares(squares.Sum(), n, raters.ties, count, true);
    out->agreement_w[q] = w.w;
    out->agreement_p[q] = w.p_value;
  }
  if (agreed.empty()) return;
  // Each entity's sum of ranks on the items left, a block per piece of work, each adding its squares.
  std::vector<RankSquares> part;  // part[b * agreed + a]: block b's, of item agreed[a]
  for (long b = 0; b < blocks; ++b) {
    for (std::size_t q : agreed) part.emplace_back(static_cast<int>(agreeing[q].who.size()), n);
  }
  ParallelFor(blocks, threads, [&](long b) {
    const std::size_t first = static_cast<std::size_t>(b) * kBlock, last = std::min(n, first + kBlock);
    for (std::size_t a = 0; a < agreed.size(); ++a) {
      const std::size_t q = agreed[a];
      const Raters& raters = agreeing[q];
      RankSquares& squares = part[static_cast<std::size_t>(b) * agreed.size() + a];
      const std::uint8_t* cells = cube.cells.data() + q * experts;
      for (std::size_t e = first; e < last; ++e) {
        const std::uint8_t* at = cells + e * stride;
        if (!raters.sum.empty()) {
          std::size_t key = 0;
          for (std::size_t r = raters.who.size(); r-- > 0;) key = key * codes + at[raters.who[r]];
          squares.Add(raters.sum[key]);
          continue;
        }
        std::int64_t sum = 0;
        for (std::size_t r = 0; r < raters.who.size(); ++r) sum += raters.twice_rank[r * codes + at[raters.who[r]]];
        squares.Add(sum);
      }
    }
  });
  for (std::size_t a = 0; a < agreed.size(); ++a) {
    const std::size_t q = agreed[a];
    const auto count = static_cast<int>(agreeing[q].who.size());
    RankSquares squares(count, n);
    for (long b = 0; b < blocks; ++b) squares.Add(part[static_cast<std::size_t>(b) * agreed.size() + a]);
    const Concordance w = ConcordanceOfSquares(squares.Sum(), n, agreeing[q].ties, count, true);
    out->agreement_w[q] = w.w;
    out->agreement_p[q] = w.p_value;
  }
}

}  // namespace makerscore::detail
