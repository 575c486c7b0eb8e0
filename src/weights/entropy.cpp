// Entropy weights: 1 - e_j with e_j = -sum p ln p / ln n, p = x / column sum, normalised.
#include <cmath>

#include "makerscore/error.h"
#include "weights/weighting.h"

namespace makerscore::detail {

namespace {

Eigen::VectorXd Weigh(const Eigen::MatrixXd& x, const DerivedWeights& /*how*/) {
  const Eigen::Index n = x.rows(), k = x.cols();
  if ((x.array() < 0).any()) {
    throw Error("entropy weights need scores of 0 or more; a negative score came from a method such as zscore");
  }
  Eigen::VectorXd d(k);
  for (Eigen::Index j = 0; j < k; ++j) {
    double total = x.col(j).sum();
    if (!(total > 0)) {  // all zero: no information
      d[j] = 0;
      continue;
    }
    double e = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      double p = x(i, j) / total;
      if (p > 0) e -= p * std::log(p);
    }
    d[j] = 1 - e / std::log(static_cast<double>(n));
  }
  return Normalised(d);
}

// Over values: the values as they are (entropy needs no direction: it measures how unevenly they spread).
Eigen::VectorXd WeighValues(const Eigen::MatrixXd& x, const std::vector<char>& /*lower*/, const DerivedWeights& how) {
  return Weigh(x, how);
}

}  // namespace

const WeightingDef kEntropyWeighting = {Weigh,
                                        /*from_judgments=*/false,
                                        /*from_scores=*/true,
                                        /*min_entities=*/2,
                                        "1 - the entropy of each child's scores (熵权法)",
                                        WeighValues};

}  // namespace makerscore::detail
