// The weighted generalised (power) mean, (sum w s^p)^(1/p), with the group's exponent p = `power`.
#include <cmath>
#include <limits>

#include "means/mean.h"

namespace makerscore::detail {

namespace {

double Combine(double power, const double* s, const double* w, int k) {
  double acc = 0;
  for (int j = 0; j < k; ++j) {
    if (s[j] < 0 && power != std::floor(power)) return std::numeric_limits<double>::quiet_NaN();
    if (s[j] == 0 && power < 0) return 0;
    acc += w[j] * std::pow(s[j], power);
  }
  return std::pow(acc, 1 / power);
}

}  // namespace

const MeanDef kPowerMean = {Combine, /*needs_nonnegative=*/true, /*takes_power=*/true,
                            "`power` mean with exponent `power`"};

}  // namespace makerscore::detail
