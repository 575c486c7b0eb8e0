// CRITIC weights (Diakoulaki et al. 1995): sd_j x sum_k (1 - r_jk), Pearson's r, normalised.
#include "weights/weighting.h"

namespace makerscore::detail {

namespace {

Eigen::VectorXd Weigh(const Eigen::MatrixXd& x) {
  const Eigen::Index k = x.cols();
  Eigen::VectorXd sd = ColumnSd(x);
  Eigen::MatrixXd centred = x.rowwise() - x.colwise().mean();
  Eigen::VectorXd c(k);
  for (Eigen::Index j = 0; j < k; ++j) {
    double conflict = 0;
    for (Eigen::Index m = 0; m < k; ++m) {
      double denom = centred.col(j).norm() * centred.col(m).norm();
      double r = denom > 0 ? centred.col(j).dot(centred.col(m)) / denom : 0;  // a constant column correlates with none
      conflict += 1 - r;
    }
    c[j] = sd[j] * conflict;
  }
  return Normalised(c);
}

}  // namespace

const WeightingDef kCriticWeighting = {Weigh, /*from_judgments=*/false, /*from_scores=*/true, /*min_entities=*/2,
                                       "SD x sum of (1 - correlation) (CRITIC)"};

}  // namespace makerscore::detail
