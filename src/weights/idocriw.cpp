// IDOCRIW weights (Zavadskas & Podvezko 2016, IJITDM 15(2), 267-283): the entropy weights W and the CILOS
// weights q combined, w_j = q_j W_j / sum q W, so that a child weighs much when its scores vary much and
// the others lose much when it is made the best.
#include "weights/weighting.h"

namespace makerscore::detail {

namespace {

Eigen::VectorXd Weigh(const Eigen::MatrixXd& x, const DerivedWeights& how) {
  const Eigen::VectorXd entropy = kEntropyWeighting.weigh(x, how);
  const Eigen::VectorXd cilos = kCilosWeighting.weigh(x, how);
  return Normalised(entropy.cwiseProduct(cilos));
}

// Over values, as the paper: the entropy of the values as they are, CILOS of their benefit form.
Eigen::VectorXd WeighValues(const Eigen::MatrixXd& x, const std::vector<char>& lower, const DerivedWeights& how) {
  return Normalised(
      kEntropyWeighting.weigh_values(x, lower, how).cwiseProduct(kCilosWeighting.weigh_values(x, lower, how)));
}

}  // namespace

const WeightingDef kIdocriwWeighting = {
    Weigh,
    /*from_judgments=*/false,
    /*from_scores=*/true,
    /*min_entities=*/2,
    "the entropy and CILOS weights multiplied and scaled to add up (IDOCRIW, Zavadskas & Podvezko 2016)",
    WeighValues};

}  // namespace makerscore::detail
