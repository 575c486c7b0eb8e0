// Outlier treatment: winsorisation triggered by skewness and kurtosis, with
// a log transform as fallback (as COINr's Treat() does by default), or
// capping at percentiles.
#include <algorithm>
#include <cmath>
#include <limits>

#include "methods/method.h"
#include "scoring/steps.h"
#include "util/statistics.h"

namespace makerscore::detail {

namespace {

// Fails the test (needs treatment) when |skew| >= skew and kurtosis >= kurtosis.
bool NeedsTreatment(const std::vector<double>& v, const OutlierSpec& spec) {
  double s = SampleSkewness(v), k = SampleKurtosis(v);
  return std::fabs(s) >= spec.skew && k >= spec.kurtosis;
}

}  // namespace

void TreatOutliers(const OutlierSpec& spec, Eigen::ArrayXd* used, FlagColumn* flags, IndicatorStats* stats) {
  if (spec.method == OutlierMethod::kNone) return;
  std::vector<double> v = Present(*used);
  stats->skew = SampleSkewness(v);
  stats->kurtosis = SampleKurtosis(v);
  const Eigen::Index n = used->size();
  if (spec.method == OutlierMethod::kCap) {
    std::sort(v.begin(), v.end());
    stats->cap_low = Quantile(v, spec.lower);
    stats->cap_high = Quantile(v, spec.upper);
    for (Eigen::Index i = 0; i < n; ++i) {
      double& x = (*used)[i];
      if (std::isnan(x) || (x >= stats->cap_low && x <= stats->cap_high)) continue;
      x = std::clamp(x, stats->cap_low, stats->cap_high);
      (*flags)[i] |= kFlagWinsorised;
      ++stats->treated;
    }
    return;
  }
  if (v.size() < 4 || !NeedsTreatment(v, spec)) return;
  // Winsorise: pull the most extreme value(s) on the side of the skew in to
  // the next value, one step at a time, until the test passes or the next
  // step would exceed max_points values (per_step: until a step has moved
  // max_points values, as COINr counts).
  Eigen::ArrayXd x = *used;
  FlagColumn marked = FlagColumn::Zero(n);
  int count = 0;
  bool passed = false;
  while (true) {
    std::vector<double> now = Present(x);
    if (!NeedsTreatment(now, spec)) {
      passed = true;
      break;
    }
    bool high = SampleSkewness(now) >= 0;
    double extreme = high ? *std::max_element(now.begin(), now.end()) : *std::min_element(now.begin(), now.end());
    double next = high ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    int ties = 0;
    for (double y : now) {
      if (y == extreme)
        ++ties;
      else
        next = high ? std::max(next, y) : std::min(next, y);
    }
    if (!std::isfinite(next) || (!spec.per_step && count + ties > spec.max_points)) break;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (x[i] == extreme) {
        x[i] = next;
        marked[i] = 1;
      }
    }
    count += ties;
    if (spec.per_step && ties >= spec.max_points) {
      passed = !NeedsTreatment(Present(x), spec);
      break;
    }
  }
  if (passed || !spec.log_fallback) {
    for (Eigen::Index i = 0; i < n; ++i) {
      if (marked[i]) (*flags)[i] |= kFlagWinsorised;
    }
    *used = x;
    // The values winsorised, each once: a value pulled in twice (100 -> 30, then with the other 30 -> 10)
    // is one value, though it counts twice towards max_points.
    stats->treated = static_cast<int>((marked != 0).count());
    return;
  }
  // Fallback: the original values, log-transformed: log(x - min + 0.01 (max - min)).
  double lo = *std::min_element(v.begin(), v.end()), hi = *std::max_element(v.begin(), v.end());
  for (Eigen::Index i = 0; i < n; ++i) {
    double& y = (*used)[i];
    if (std::isnan(y)) continue;
    y = std::log(y - lo + 0.01 * (hi - lo));
    (*flags)[i] |= kFlagLogTransformed;
  }
  stats->log_transformed = true;
}

}  // namespace makerscore::detail
