// The weighted arithmetic mean: with point weights, the sum of the children's points.
#include "means/mean.h"

namespace makerscore::detail {

namespace {

double Combine(double, const double* s, const double* w, int k) {
  double acc = 0;
  for (int j = 0; j < k; ++j) acc += w[j] * s[j];
  return acc;
}

}  // namespace

const MeanDef kArithmeticMean = {Combine, /*needs_nonnegative=*/false, /*takes_power=*/false,
                                 "weighted `arithmetic` mean (with point weights, the sum of the points)"};

}  // namespace makerscore::detail
