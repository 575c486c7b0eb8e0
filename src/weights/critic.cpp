// CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995): sd_j x sum_k (1 - r_jk), normalised, with
// Pearson's r of the scores or Spearman's (Pearson's of their ranks, ties sharing their mean rank).
#include <algorithm>
#include <numeric>
#include <vector>

#include "weights/weighting.h"

namespace makerscore::detail {

namespace {

// The column's values replaced by their ranks, 1 for the smallest, ties sharing their mean rank.
Eigen::VectorXd Ranks(const Eigen::VectorXd& v) {
  const Eigen::Index n = v.size();
  std::vector<Eigen::Index> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return v[a] < v[b]; });
  Eigen::VectorXd r(n);
  for (Eigen::Index i = 0; i < n;) {
    Eigen::Index j = i;
    while (j + 1 < n && v[order[j + 1]] == v[order[i]]) ++j;
    for (Eigen::Index t = i; t <= j; ++t) r[order[t]] = (static_cast<double>(i + j) + 2) / 2;
    i = j + 1;
  }
  return r;
}

Eigen::VectorXd Weigh(const Eigen::MatrixXd& x, const DerivedWeights& how) {
  const Eigen::Index k = x.cols();
  Eigen::VectorXd sd = ColumnSd(x);
  Eigen::MatrixXd compared = x;  // what is correlated: the scores, or their ranks
  if (how.correlation == Correlation::kSpearman) {
    for (Eigen::Index j = 0; j < k; ++j) compared.col(j) = Ranks(x.col(j));
  }
  Eigen::MatrixXd centred = compared.rowwise() - compared.colwise().mean();
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

const WeightingDef kCriticWeighting = {Weigh,
                                       /*from_judgments=*/false,
                                       /*from_scores=*/true,
                                       /*min_entities=*/2,
                                       "SD x sum of (1 - correlation) (CRITIC), the correlation Pearson's or, "
                                       "with `correlation: spearman`, Spearman's",
                                       nullptr};

}  // namespace makerscore::detail
