// The weighted geometric mean, exp(sum w log s): a zero child makes the group zero.
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
    acc += w[j] * std::log(s[j]);
  }
  return std::exp(acc);
}

}  // namespace

const MeanDef kGeometricMean = {Combine, /*needs_nonnegative=*/true, /*takes_power=*/false, "`geometric`"};

}  // namespace makerscore::detail
