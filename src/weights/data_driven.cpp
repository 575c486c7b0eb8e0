// Derived weights from the cohort's data: the registry of weightings.def and DataWeights (weights.h).
#include <string>

#include "makerscore/error.h"
#include "makerscore/weights.h"
#include "weights/weighting.h"

namespace makerscore {

namespace detail {

const WeightingDef& WeightingOf(WeightsMethod method) {
  static const WeightingDef* const kWeightings[] = {
#define MAKERSCORE_WEIGHTING(kind, word) &kind##Weighting,
#include "makerscore/weightings.def"
#undef MAKERSCORE_WEIGHTING
  };
  return *kWeightings[static_cast<int>(method) - 1];  // WeightsMethod::kStated comes first and has none
}

Eigen::VectorXd Normalised(const Eigen::VectorXd& w) {
  double sum = w.sum();
  if (!(sum > 0)) return Eigen::VectorXd::Constant(w.size(), 1.0 / static_cast<double>(w.size()));
  return w / sum;
}

Eigen::VectorXd ColumnSd(const Eigen::MatrixXd& x) {
  Eigen::RowVectorXd mean = x.colwise().mean();
  return ((x.rowwise() - mean).array().square().colwise().sum() / static_cast<double>(x.rows() - 1)).sqrt().transpose();
}

}  // namespace detail

Eigen::VectorXd DataWeights(DataWeighting method, const Eigen::MatrixXd& x, const DerivedWeights& how) {
  if (method == WeightsMethod::kStated || !detail::WeightingOf(method).weigh) {
    throw Error(std::string("'") + ToString(method) + "' does not derive weights from data");
  }
  const detail::WeightingDef& w = detail::WeightingOf(method);
  if (x.rows() < w.min_entities) {
    throw Error("data-driven weights need at least " + std::to_string(w.min_entities) +
                " entities with every score, not " + std::to_string(x.rows()));
  }
  return w.weigh(x, how);
}

}  // namespace makerscore
