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

Eigen::MatrixXd BenefitForm(const Eigen::MatrixXd& values, const std::vector<char>& lower) {
  Eigen::MatrixXd out = values;
  for (Eigen::Index j = 0; j < values.cols(); ++j) {
    if (!lower[static_cast<size_t>(j)]) continue;
    if (!(values.col(j).array() > 0).all()) {
      throw Error("child " + std::to_string(j + 1) +
                  " is better when lower and has a value of 0 or less, which cannot be turned into a benefit "
                  "(min / x); weigh over scores instead");
    }
    out.col(j) = values.col(j).cwiseInverse();
  }
  return out;
}

}  // namespace detail

Eigen::VectorXd DataWeightsOfValues(DataWeighting method, const Eigen::MatrixXd& values, const std::vector<char>& lower,
                                    const DerivedWeights& how) {
  const detail::WeightingDef& w = detail::WeightingOf(method);
  if (method == WeightsMethod::kStated || !w.weigh_values) {
    throw Error(std::string("'") + ToString(method) +
                "' does not derive weights from values (over: values is for entropy, cilos, idocriw and merec)");
  }
  if (values.rows() < w.min_entities) {
    throw Error("data-driven weights need at least " + std::to_string(w.min_entities) +
                " entities with every value, not " + std::to_string(values.rows()));
  }
  if (lower.size() != static_cast<size_t>(values.cols())) throw Error("DataWeightsOfValues: one direction per column");
  return w.weigh_values(values, lower, how);
}

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
