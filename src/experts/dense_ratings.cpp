// Combining a regular panel's ratings from the dense layout (dense_ratings.h).
//
// Two passes over the cube, each over blocks of entities on the threads asked for. The first combines every
// item of each entity and counts each expert's ratings at each level; the second, once the counts say which
// experts rated every entity and where each level ranks, adds up each entity's ranks for Kendall's W. Each
// block writes only its own entities; the counts are whole numbers, merged after the pass: nothing depends on
// the number of threads.
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

}  // namespace

void CombineDense(const DenseRatings& cube, const std::vector<RatedItem>& items,
                  const std::vector<const std::vector<double>*>& fraction, const std::vector<double>& authority,
                  int threads, CombinedRatings* out) {
  const double kNaN = std::numeric_limits<double>::quiet_NaN();
  const std::size_t n = cube.entities, m = items.size(), experts = cube.experts;
  const auto rows = static_cast<Eigen::Index>(n);
  out->value.assign(m, Eigen::ArrayXd(rows));  // every entry written below
  out->count.assign(m, Eigen::ArrayXi(rows));
  out->cv.assign(m, Eigen::ArrayXd());
  for (std::size_t q = 0; q < m; ++q) {
    if (items[q].cv) out->cv[q] = Eigen::ArrayXd::Constant(rows, kNaN);
  }
  out->agreement_w.assign(m, kNaN);
  out->agreement_p.assign(m, kNaN);
  out->dense = true;
  std::vector<Levels> levels;
  std::size_t most = 1;
  for (std::size_t q = 0; q < m; ++q) {
    levels.push_back(LevelsOf(*fraction[q]));
    most = std::max(most, levels.back().level.size());
  }
  // tally[q][x * most + l]: how many entities expert x rated at level l on item q, per block, merged below.
  const long blocks = static_cast<long>((n + kBlock - 1) / kBlock);
  std::vector<std::vector<std::vector<std::size_t>>> tally(
      blocks, std::vector<std::vector<std::size_t>>(m, std::vector<std::size_t>(experts * most, 0)));
  ParallelFor(blocks, threads, [&](long b) {
    std::vector<int> at(most, 0);
    std::vector<double> sorted(experts);
    ItemRatings run;  // the weighted mean's (fraction, authority) pairs
    const std::size_t first = static_cast<std::size_t>(b) * kBlock, last = std::min(n, first + kBlock);
    for (std::size_t q = 0; q < m; ++q) {
      const RatedItem& item = items[q];
      const std::vector<double>& level = levels[q].level;
      const std::vector<int>& place = levels[q].place;
      std::size_t* counted = tally[b][q].data();
      double* value = out->value[q].data();
      int* count = out->count[q].data();
      for (std::size_t e = first; e < last; ++e) {
        const std::uint8_t* cell = cube.cells.data() + (e * m + q) * experts;  // none when nobody rated
        int k = 0;
        for (std::size_t x = 0; x < experts; ++x) {
          if (cell[x] == 0) continue;
          const int l = place[cell[x] - 1];
          ++at[l];
          ++counted[x * most + l];
          ++k;
        }
        count[e] = k;
        value[e] = kNaN;
        if (k == 0) continue;
        for (std::size_t l = 0, j = 0; l < level.size(); ++l) {  // the ratings in ascending order
          for (; at[l] > 0; --at[l]) sorted[j++] = level[l];
        }
        const auto size = static_cast<std::size_t>(k);
        if (item.cv) {
          out->cv[q][static_cast<Eigen::Index>(e)] = Cv(sorted.data(), size);
        }
        if (item.combine == Combine::kWeightedMean) {
          run.clear();
          for (std::size_t x = 0; x < experts; ++x) {
            if (cell[x] != 0) run.Add((*fraction[q])[cell[x] - 1], authority[x]);
          }
          value[e] = run.Combine(item);
        } else if (k >= item.min_ratings) {
          value[e] = CombineSorted(sorted.data(), size, item.combine);
        }
      }
    }
  });
  if (n < 2) return;
  // Kendall's W per item: the experts who rated every entity, each ranking the entities by level (ties sharing
  // their mean place), added rater by rater in the order of their codes, as KendallW adds them.
  std::vector<std::vector<std::size_t>> raters(m);
  std::vector<std::vector<double>> rank(m);  // rank[q][r * most + l]: rater r's rank of level l
  std::vector<double> ties(m, 0);
  for (std::size_t q = 0; q < m; ++q) {
    std::vector<std::size_t> total(experts * most, 0);
    for (const auto& block : tally) {
      for (std::size_t j = 0; j < total.size(); ++j) total[j] += block[q][j];
    }
    const std::size_t l_count = levels[q].level.size();
    for (std::size_t x = 0; x < experts; ++x) {
      std::size_t rated = 0;
      for (std::size_t l = 0; l < l_count; ++l) rated += total[x * most + l];
      if (rated != n) continue;
      raters[q].push_back(x);
      std::size_t below = 0;
      for (std::size_t l = 0; l < most; ++l) {
        const std::size_t c = l < l_count ? total[x * most + l] : 0;
        rank[q].push_back(static_cast<double>(2 * below + c + 1) / 2);  // the mean of places below+1 .. below+c
        const double t = static_cast<double>(c);
        ties[q] += t * t * t - t;
        below += c;
      }
    }
  }
  std::vector<std::vector<double>> rank_sums(m);
  for (std::size_t q = 0; q < m; ++q) {
    if (raters[q].size() >= 2) rank_sums[q].assign(n, 0.0);
  }
  ParallelFor(blocks, threads, [&](long b) {
    const std::size_t first = static_cast<std::size_t>(b) * kBlock, last = std::min(n, first + kBlock);
    for (std::size_t q = 0; q < m; ++q) {
      if (rank_sums[q].empty()) continue;
      const std::vector<int>& place = levels[q].place;
      for (std::size_t r = 0; r < raters[q].size(); ++r) {
        const double* ranks = rank[q].data() + r * most;
        const std::size_t x = raters[q][r];
        for (std::size_t e = first; e < last; ++e) {
          rank_sums[q][e] += ranks[place[cube.cells[(e * m + q) * experts + x] - 1]];
        }
      }
    }
  });
  for (std::size_t q = 0; q < m; ++q) {
    if (rank_sums[q].empty()) continue;  // fewer than 2 experts rated every entity: no agreement to report
    const Concordance c = ConcordanceOfRanks(rank_sums[q], ties[q], static_cast<int>(raters[q].size()), true);
    out->agreement_w[q] = c.w;
    out->agreement_p[q] = c.p_value;
  }
}

}  // namespace makerscore::detail
