// CILOS weights (Criterion Impact LOSs; Zavadskas & Podvezko 2016, "Integrated determination of objective
// criteria weights in MCDM", International Journal of Information Technology & Decision Making 15(2),
// 267-283): a child weighs as much as the others lose when it is made the best.
//   a_kj = x_(i_k) j / max_i x_ij     the row of the entity best at child k (every score higher-is-better)
//   p_kj = (a_jj - a_kj) / a_jj       what child j loses when the entity best at child k is chosen
//   F = P - diag(column sums of P);   F q = 0, q summing to 1
#include <Eigen/SVD>
#include <cmath>

#include "makerscore/error.h"
#include "weights/weighting.h"

namespace makerscore::detail {

namespace {

Eigen::VectorXd Weigh(const Eigen::MatrixXd& x, const DerivedWeights& /*how*/) {
  const Eigen::Index k = x.cols();
  Eigen::MatrixXd a(k, k);
  for (Eigen::Index j = 0; j < k; ++j) {
    Eigen::Index best = 0;
    const double top = x.col(j).maxCoeff(&best);
    if (!(top > 0)) {
      throw Error("CILOS weights need each child's best score above 0; child " + std::to_string(j + 1) +
                  " scores 0 or less for every entity");
    }
    a.row(j) = x.row(best);
  }
  Eigen::MatrixXd p(k, k);
  for (Eigen::Index r = 0; r < k; ++r) {
    for (Eigen::Index j = 0; j < k; ++j) p(r, j) = (a(j, j) - a(r, j)) / a(j, j);
  }
  Eigen::MatrixXd f = p;
  f.diagonal() -= p.colwise().sum().transpose();
  // The columns of F add up to 0, so F is singular; its null space is the weights when it is one line.
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(f, Eigen::ComputeFullV);
  const Eigen::VectorXd& sv = svd.singularValues();
  const double scale = std::max(1.0, sv[0]);
  if (k > 1 && sv[k - 2] <= 1e-12 * scale) {
    throw Error(
        "CILOS weights are not determined: an entity best at one child loses nothing on the others "
        "(the losses split the children into separate sets); weigh them another way");
  }
  Eigen::VectorXd q = svd.matrixV().col(k - 1);
  if (q.sum() < 0) q = -q;
  return Normalised(q.cwiseMax(0.0));
}

// Over values: a lower-is-better child as min / x, as the paper turns costs into benefits.
Eigen::VectorXd WeighValues(const Eigen::MatrixXd& x, const std::vector<char>& lower, const DerivedWeights& how) {
  return Weigh(BenefitForm(x, lower), how);
}

}  // namespace

const WeightingDef kCilosWeighting = {
    Weigh,
    /*from_judgments=*/false,
    /*from_scores=*/true,
    /*min_entities=*/2,
    "what the other children lose, relative to their best, when the entity best at each child is chosen "
    "(CILOS, Zavadskas & Podvezko 2016)",
    WeighValues};

}  // namespace makerscore::detail
