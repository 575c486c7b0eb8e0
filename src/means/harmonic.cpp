// The weighted harmonic mean, 1 / sum (w / s): a zero child makes the group zero.
#include <cmath>
#include <limits>

#include "means/mean.h"

namespace makerscore::detail {

namespace {

double Combine(double, const double* s, const double* w, int k) {
  double acc = 0;
  for (int j = 0; j < k; ++j) {
    if (s[j] < 0) return std::numeric_limits<double>::quiet_NaN();
    if (s[j] == 0) return 0;
    acc += w[j] / s[j];
  }
  return 1 / acc;
}

}  // namespace

const MeanDef kHarmonicMean = {Combine, /*needs_nonnegative=*/true, /*takes_power=*/false, "`harmonic`"};

}  // namespace makerscore::detail
