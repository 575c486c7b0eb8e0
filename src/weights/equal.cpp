// Equal weights: 1 / k for each of k children, whatever the data.
#include "weights/weighting.h"

namespace makerscore::detail {

namespace {

Eigen::VectorXd Weigh(const Eigen::MatrixXd& x, const DerivedWeights& /*how*/) {
  return Eigen::VectorXd::Constant(x.cols(), 1.0 / static_cast<double>(x.cols()));
}

}  // namespace

const WeightingDef kEqualWeighting = {
    Weigh,  /*from_judgments=*/false, /*from_scores=*/false, /*min_entities=*/0, "the same weight for every child",
    nullptr};

}  // namespace makerscore::detail
