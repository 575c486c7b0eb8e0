// MEREC weights (Keshavarz-Ghorabaee, Amiri, Zavadskas, Turskis & Antucheviciene 2021, "Determination of
// objective weights using a new method based on the removal effects of criteria", Symmetry 13(4), 525):
// a child weighs as much as leaving it out changes the entities' overall performance.
//   n_ij = min_k x_kj / x_ij                       (every score higher-is-better, so every column a benefit)
//   S_i  = ln(1 + (1/m) sum_j |ln n_ij|)           the overall performance of entity i
//   S'_ij = ln(1 + (1/m) sum_{k != j} |ln n_ik|)   the same without child j (still over m)
//   E_j  = sum_i |S'_ij - S_i|,  w_j = E_j / sum E
#include <cmath>

#include "makerscore/error.h"
#include "weights/weighting.h"

namespace makerscore::detail {

namespace {

Eigen::VectorXd Weigh(const Eigen::MatrixXd& x, const DerivedWeights& /*how*/) {
  if (!(x.array() > 0).all()) {
    throw Error(
        "MEREC weights need every score above 0 (they take the logarithm of the lowest score over each "
        "score); a score of 0 comes from methods such as minmax for the lowest value: score the children "
        "by a method whose scores stay above 0 (ratio, or goalposts below every value), or weigh them "
        "another way");
  }
  const Eigen::Index m = x.cols();
  Eigen::ArrayXXd distance(x.rows(), m);  // |ln n_ij|
  for (Eigen::Index j = 0; j < m; ++j) distance.col(j) = (x.col(j).minCoeff() / x.col(j).array()).log().abs();
  const Eigen::ArrayXd all = distance.rowwise().sum();
  const double per = 1.0 / static_cast<double>(m);
  const Eigen::ArrayXd s = (1 + per * all).log();
  Eigen::VectorXd effect(m);
  for (Eigen::Index j = 0; j < m; ++j) effect[j] = ((1 + per * (all - distance.col(j))).log() - s).abs().sum();
  return Normalised(effect);
}

// Over values: the paper's normalisation, min / x for a benefit and x / max for a cost, is min / x of the
// benefit form (a cost as 1 / x).
Eigen::VectorXd WeighValues(const Eigen::MatrixXd& x, const std::vector<char>& lower, const DerivedWeights& how) {
  return Weigh(BenefitForm(x, lower), how);
}

}  // namespace

const WeightingDef kMerecWeighting = {
    Weigh,
    /*from_judgments=*/false,
    /*from_scores=*/true,
    /*min_entities=*/2,
    "what leaving each child out changes the entities' overall performance, which needs "
    "scores above 0 (MEREC, Keshavarz-Ghorabaee et al. 2021)",
    WeighValues};

}  // namespace makerscore::detail
