// Imputation of missing values: cohort mean or median, or the group's mean.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "scoring/steps.h"
#include "util/statistics.h"

namespace makerscore::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

void ImputeMissing(const CompiledLeaf& leaf, const Eigen::ArrayXd& x, const double* groups, Eigen::ArrayXd* used,
                   FlagColumn* flags, IndicatorStats* stats) {
  const Eigen::Index n = x.size();
  // The values present, listed only for the policies that fill from them.
  const bool fills = leaf.missing == MissingPolicy::kMean || leaf.missing == MissingPolicy::kMedian ||
                     leaf.missing == MissingPolicy::kGroupMean;
  std::vector<double> present;
  if (fills) present.reserve(n);
  int count = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (std::isnan(x[i])) continue;
    ++count;
    if (fills) present.push_back(x[i]);
  }
  stats->present = count;
  if (used != &x) *used = x;  // else x is used in place: each entry is read before it is written below
  stats->fill = kNaN;
  switch (leaf.missing) {
    case MissingPolicy::kMean:
      stats->fill = Mean(present);
      break;
    case MissingPolicy::kMedian:
      stats->fill = Median(present);
      break;
    case MissingPolicy::kGroupMean: {
      // The mean of each group, then per row its group's (or the cohort's).
      stats->fill = Mean(present);
      std::unordered_map<long, std::pair<double, int>> sums;
      for (Eigen::Index i = 0; i < n; ++i) {
        if (std::isnan(x[i]) || std::isnan(groups[i])) continue;
        auto& s = sums[static_cast<long>(groups[i])];
        s.first += x[i];
        ++s.second;
      }
      for (Eigen::Index i = 0; i < n; ++i) {
        if (!std::isnan(x[i])) continue;
        auto it = std::isnan(groups[i]) ? sums.end() : sums.find(static_cast<long>(groups[i]));
        double fill = it != sums.end() ? it->second.first / it->second.second : stats->fill;
        if (!std::isnan(fill)) {
          (*used)[i] = fill;
          (*flags)[i] |= kFlagImputed;
        }
      }
      return;
    }
    default:
      return;
  }
  if (std::isnan(stats->fill)) return;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (std::isnan(x[i])) {
      (*used)[i] = stats->fill;
      (*flags)[i] |= kFlagImputed;
    }
  }
}

}  // namespace makerscore::detail
