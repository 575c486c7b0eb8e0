// Ordering a cohort's totals for ranking: a bucket sort on the totals' range.
//
// The pairs are put into as many buckets as there are pairs by where their total lies between the best and
// the worst, which takes two passes, and each bucket, a pair or two, is then sorted on its own. The bucket of a
// total is floor((best - total) x scale): subtraction, multiplication and floor each keep the order of their
// argument (IEEE arithmetic rounds monotonically), so a better total never lands in a later bucket and equal
// totals share one. Each bucket is sorted by the full order, so the result is that order whatever the
// buckets hold. Small cohorts, and ranges too wide or too narrow for the scale to be finite, are sorted by
// comparisons (std::sort). Not Boost's spreadsort, which this replaced: it takes pairs whose keys are equal to
// be equal and leaves them in any order, so equal totals did not come by position (their ranks were right).
#include "scoring/best_first.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "util/huge_pages.h"

namespace makerscore::detail {

namespace {

using Pair = std::pair<double, int>;

constexpr std::size_t kBucketed = 256;  // pairs from which the buckets pay (an uncertainty analysis ranks 1,000 often)
constexpr std::size_t kInsertion = 16;  // buckets up to this size are sorted by insertion

bool Better(const Pair& a, const Pair& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); }

// By comparisons alone, for what the buckets do not take.
void ComparisonSort(std::vector<Pair>* pairs) { std::sort(pairs->begin(), pairs->end(), Better); }

}  // namespace

void SortBestFirst(std::vector<Pair>* pairs) {
  std::vector<Pair>& v = *pairs;
  const std::size_t n = v.size();
  if (n < kBucketed) return ComparisonSort(pairs);
  double worst = v[0].first, best = worst;
  for (const Pair& p : v) {
    worst = std::min(worst, p.first);
    best = std::max(best, p.first);
  }
  const double scale = static_cast<double>(n - 1) / (best - worst);
  if (!(best > worst) || !std::isfinite(best - worst) || !std::isfinite(scale)) return ComparisonSort(pairs);
  // end[b + 1]: how many pairs bucket b takes; then, summed, where each bucket starts.
  std::vector<std::uint32_t> bucket, end;
  AssignOnHugePages(&bucket, n, std::uint32_t{0});
  AssignOnHugePages(&end, n + 1, std::uint32_t{0});
  for (std::size_t i = 0; i < n; ++i) {
    const auto b = std::min(static_cast<std::size_t>((best - v[i].first) * scale), n - 1);
    bucket[i] = static_cast<std::uint32_t>(b);
    ++end[b + 1];
  }
  for (std::size_t b = 0; b < n; ++b) end[b + 1] += end[b];
  std::vector<Pair> out;
  AssignOnHugePages(&out, n, Pair{});
  for (std::size_t i = 0; i < n; ++i) out[end[bucket[i]]++] = v[i];  // end[b]: now where bucket b ends
  std::size_t begin = 0;
  for (std::size_t b = 0; b < n; ++b) {
    const std::size_t stop = end[b];
    if (stop - begin <= kInsertion) {
      for (std::size_t j = begin + 1; j < stop; ++j) {
        const Pair p = out[j];
        std::size_t k = j;
        for (; k > begin && Better(p, out[k - 1]); --k) out[k] = out[k - 1];
        out[k] = p;
      }
    } else {
      std::sort(out.begin() + static_cast<std::ptrdiff_t>(begin), out.begin() + static_cast<std::ptrdiff_t>(stop),
                Better);
    }
    begin = stop;
  }
  v.swap(out);
}

}  // namespace makerscore::detail
