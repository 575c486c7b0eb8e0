#include "util/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace makerscore::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Sums of the squared, cubed and fourth powers of the deviations from the mean.
struct CentralSums {
  double m2 = 0, m3 = 0, m4 = 0;
};

CentralSums SumsOf(const std::vector<double>& x) {
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  CentralSums s;
  for (double v : x) {
    double d = v - mean;
    s.m2 += d * d;
    s.m3 += d * d * d;
    s.m4 += d * d * d * d;
  }
  return s;
}

}  // namespace

double Mean(const std::vector<double>& v) {
  return v.empty() ? kNaN : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double Median(std::vector<double> v) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double SampleSd(const std::vector<double>& v) {
  if (v.size() < 2) return 0;
  double m = Mean(v), ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

double Cv(const double* v, std::size_t n) {
  if (n < 2) return kNaN;
  const double mean = std::accumulate(v, v + n, 0.0) / static_cast<double>(n);  // as Mean
  if (!(mean > 0)) return kNaN;
  double ss = 0;  // as SampleSd
  for (std::size_t j = 0; j < n; ++j) ss += (v[j] - mean) * (v[j] - mean);
  return std::sqrt(ss / static_cast<double>(n - 1)) / mean;
}

double Cv(const std::vector<double>& v) { return Cv(v.data(), v.size()); }

double Quantile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return kNaN;
  double h = (static_cast<double>(sorted.size()) - 1) * p;
  size_t lo = static_cast<size_t>(std::floor(h));
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double SampleSkewness(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  if (x.size() < 3) return kNaN;
  CentralSums s = SumsOf(x);
  if (s.m2 == 0) return 0;
  double g1 = std::sqrt(n) * s.m3 / std::pow(s.m2, 1.5);
  return g1 * std::sqrt(n * (n - 1)) / (n - 2);
}

double SampleKurtosis(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  if (x.size() < 4) return kNaN;
  CentralSums s = SumsOf(x);
  if (s.m2 == 0) return 0;
  double r = n * s.m4 / (s.m2 * s.m2);
  return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3));
}

}  // namespace makerscore::detail
