// Combining a regular panel's ratings from the dense layout (dense_ratings.h).
//
// Two passes over the cube, each over blocks of entities on the threads asked for. The first combines every
// item of each entity and counts each expert's ratings of each value; the second, once the counts say which
// experts rated every entity and where each level ranks, adds up each entity's ranks for Kendall's W. Each
// block writes only its own entities; the counts are whole numbers, merged after the pass: nothing depends on
// the number of threads.
//
// What an item's ratings combine to depends only on how many ratings it has at each level (the ratings in
// ascending order are the levels, each as often as counted), except for the weighted mean, which needs each
// expert's authority. So the first pass reads each entity's combined value and coefficient of variation from
// a table made once per item, with an entry for every possible count of each level (Summarize computes each
// entry, and the entities of a table too large to make), worked out by the same functions on the same sorted
// ratings as before: the same bits.
#include "experts/dense_ratings.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "experts/concordance.h"
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

// Every sum of ranks the raters' cells can give, by key (sum of c_r x codes^r for rater r's cell c_r), each
// added rater by rater from 0 as CombineDense adds an entity's: the same bits. Empty past kMaxTable entries,
// and past the number of entities, whose sums are then added up directly in less time.
std::vector<double> RankSums(const std::vector<double>& rank, std::size_t raters, std::size_t codes,
                             std::size_t entities) {
  std::size_t size = 1;
  for (std::size_t r = 0; r < raters; ++r) {
    size *= codes;
    if (size > kMaxTable || size > entities) return {};
  }
  std::vector<double> sum(size);
  for (std::size_t key = 0; key < size; ++key) {
    double s = 0;
    for (std::size_t r = 0, rest = key; r < raters; ++r, rest /= codes) s += rank[r * codes + rest % codes];
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
  out->value.assign(m, Eigen::ArrayXd(rows));  // every entry written below
  out->flags.assign(m, Eigen::Array<std::uint16_t, Eigen::Dynamic, 1>(rows));
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
  // tally[b][q][x * codes + c]: how many entities of block b expert x rated with cell value c on item q.
  const long blocks = static_cast<long>((n + kBlock - 1) / kBlock);
  std::vector<std::vector<std::vector<std::size_t>>> tally(
      blocks, std::vector<std::vector<std::size_t>>(m, std::vector<std::size_t>(experts * codes, 0)));
  ParallelFor(blocks, threads, [&](long b) {
    std::vector<int> at(most, 0);
    std::vector<double> sorted;
    ItemRatings run;  // the weighted mean's (fraction, authority) pairs
    const std::size_t first = static_cast<std::size_t>(b) * kBlock, last = std::min(n, first + kBlock);
    for (std::size_t q = 0; q < m; ++q) {
      const RatedItem& item = items[q];
      const SummaryTable& table = tables[q];
      std::size_t* counted = tally[b][q].data();
      double* value = out->value[q].data();
      std::uint16_t* flags = out->flags[q].data();
      for (std::size_t e = first; e < last; ++e) {
        const std::uint8_t* cell = cube.cells.data() + (e * m + q) * experts;
        Summary s;
        if (!table.entry.empty()) {
          std::uint32_t key = 0;
          for (std::size_t x = 0; x < experts; ++x) {
            key += table.step[cell[x]];
            ++counted[x * codes + cell[x]];
          }
          s = table.entry[key];
        } else {
          for (std::size_t x = 0; x < experts; ++x) {
            if (cell[x] != 0) ++at[static_cast<std::size_t>(levels[q].place[cell[x] - 1])];
            ++counted[x * codes + cell[x]];
          }
          s = Summarize(item, levels[q].level, at.data(), &sorted);
          std::fill(at.begin(), at.end(), 0);
        }
        value[e] = s.value;
        flags[e] = s.flags;
        if (item.combine == Combine::kWeightedMean && s.count > 0) {
          run.clear();
          for (std::size_t x = 0; x < experts; ++x) {
            if (cell[x] != 0) run.Add((*fraction[q])[cell[x] - 1], authority[x]);
          }
          value[e] = run.Combine(item);
          flags[e] = RatingFlags(item, static_cast<std::size_t>(s.count), value[e], s.cv);
        }
      }
    }
  });
  if (n < 2) return;
  // Kendall's W per item: the experts who rated every entity, each ranking the entities by level (ties sharing
  // their mean place), added rater by rater in the order of their codes, as KendallW adds them. An entity's
  // sum of ranks is added up entity by entity, in the same order, so that it is the same bits.
  struct Raters {
    std::vector<std::size_t> who;  // the experts who rated every entity
    std::vector<double> rank;      // rank[r * codes + c]: rater r's rank of the level cell value c stands for
    double ties = 0;
    // sum[key]: the sum of ranks of the raters' cells c_r, key = sum of c_r x codes^r, added as below (empty
    // when it would pass kMaxTable entries).
    std::vector<double> sum;
  };
  std::vector<Raters> agreeing(m);
  std::vector<std::size_t> agreed;  // the items with 2 raters or more: an agreement to report
  for (std::size_t q = 0; q < m; ++q) {
    const std::vector<int>& place = levels[q].place;
    std::vector<std::size_t> total(experts * most, 0);  // total[x * most + l]: expert x's ratings at level l
    for (const auto& block : tally) {
      for (std::size_t x = 0; x < experts; ++x) {
        for (std::size_t c = 1; c < codes; ++c) {
          if (const std::size_t k = block[q][x * codes + c]; k > 0) total[x * most + place[c - 1]] += k;
        }
      }
    }
    std::vector<std::size_t>& raters = agreeing[q].who;
    std::vector<double>& rank = agreeing[q].rank;
    double& ties = agreeing[q].ties;
    const std::size_t l_count = levels[q].level.size();
    for (std::size_t x = 0; x < experts; ++x) {
      std::size_t rated = 0;
      for (std::size_t l = 0; l < l_count; ++l) rated += total[x * most + l];
      if (rated != n) continue;
      raters.push_back(x);
      std::vector<double> of_level;
      std::size_t below = 0;
      for (std::size_t l = 0; l < most; ++l) {
        const std::size_t c = l < l_count ? total[x * most + l] : 0;
        of_level.push_back(static_cast<double>(2 * below + c + 1) / 2);  // the mean of places below+1 .. below+c
        const double t = static_cast<double>(c);
        ties += t * t * t - t;
        below += c;
      }
      rank.push_back(0);  // an empty cell: none, as the rater rated every entity
      for (std::size_t c = 1; c < codes; ++c) rank.push_back(place[c - 1] >= 0 ? of_level[place[c - 1]] : 0);
    }
    if (raters.size() < 2) continue;  // fewer than 2 experts rated every entity
    agreed.push_back(q);
    agreeing[q].sum = RankSums(rank, raters.size(), codes, n);
  }
  if (agreed.empty()) return;
  // Each entity's sum of ranks on every item, a round of blocks at a time (a block per thread) while the
  // round's part of the cube is in the cache: sums[(k * items + a) * kBlock + e] for block k of the round, item
  // agreed[a] and entity e of the block. Then each item's sum of squared deviations, entity by entity in the
  // cohort's order, as ConcordanceOfRanks adds it.
  const long round = std::max(1, threads);
  const std::size_t count = agreed.size();
  std::vector<double> sums(static_cast<std::size_t>(round) * count * kBlock), squares(count, 0.0), mean(count);
  for (std::size_t a = 0; a < count; ++a) mean[a] = RankSumMean(static_cast<int>(agreeing[agreed[a]].who.size()), n);
  for (long start = 0; start < blocks; start += round) {
    const long in_round = std::min(round, blocks - start);
    ParallelFor(in_round, threads, [&](long k) {
      const std::size_t first = static_cast<std::size_t>(start + k) * kBlock, last = std::min(n, first + kBlock);
      for (std::size_t a = 0; a < count; ++a) {
        const std::size_t q = agreed[a];
        const std::vector<std::size_t>& raters = agreeing[q].who;
        const double* rank = agreeing[q].rank.data();
        const std::vector<double>& table = agreeing[q].sum;
        double* sum_of = sums.data() + (static_cast<std::size_t>(k) * count + a) * kBlock;  // entity first at 0
        for (std::size_t e = first; e < last; ++e) {
          const std::uint8_t* cell = cube.cells.data() + (e * m + q) * experts;
          if (!table.empty()) {
            std::size_t key = 0;
            for (std::size_t r = raters.size(); r-- > 0;) key = key * codes + cell[raters[r]];
            sum_of[e - first] = table[key];
            continue;
          }
          double sum = 0;
          for (std::size_t r = 0; r < raters.size(); ++r) sum += rank[r * codes + cell[raters[r]]];
          sum_of[e - first] = sum;
        }
      }
    });
    for (long k = 0; k < in_round; ++k) {
      const std::size_t first = static_cast<std::size_t>(start + k) * kBlock, last = std::min(n, first + kBlock);
      for (std::size_t a = 0; a < count; ++a) {
        const double* sum_of = sums.data() + (static_cast<std::size_t>(k) * count + a) * kBlock;
        for (std::size_t e = 0; e < last - first; ++e) squares[a] += (sum_of[e] - mean[a]) * (sum_of[e] - mean[a]);
      }
    }
  }
  for (std::size_t a = 0; a < count; ++a) {
    const std::size_t q = agreed[a];
    const Concordance c =
        ConcordanceOfSquares(squares[a], n, agreeing[q].ties, static_cast<int>(agreeing[q].who.size()), true);
    out->agreement_w[q] = c.w;
    out->agreement_p[q] = c.p_value;
  }
}

}  // namespace makerscore::detail
