// Weights from the cohort's data: entropy, CRITIC, standard deviation, equal.
#include <cmath>

#include "makerscore/error.h"
#include "makerscore/weights.h"

namespace makerscore {

namespace {

Eigen::VectorXd Normalised(Eigen::VectorXd w) {
  double sum = w.sum();
  if (!(sum > 0)) return Eigen::VectorXd::Constant(w.size(), 1.0 / static_cast<double>(w.size()));
  return w / sum;
}

Eigen::VectorXd SampleSd(const Eigen::MatrixXd& x) {
  Eigen::RowVectorXd mean = x.colwise().mean();
  return ((x.rowwise() - mean).array().square().colwise().sum() / static_cast<double>(x.rows() - 1))
      .sqrt()
      .transpose();
}

}  // namespace

Eigen::VectorXd DataWeights(DataWeighting method, const Eigen::MatrixXd& x) {
  const Eigen::Index n = x.rows(), k = x.cols();
  if (method == DataWeighting::kEqual) return Eigen::VectorXd::Constant(k, 1.0 / static_cast<double>(k));
  if (n < 2) throw Error("data-driven weights need at least 2 entities with every score, not " + std::to_string(n));
  switch (method) {
    case DataWeighting::kEntropy: {
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
    case DataWeighting::kStandardDeviation:
      return Normalised(SampleSd(x));
    case DataWeighting::kCritic: {
      Eigen::VectorXd sd = SampleSd(x);
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
    case DataWeighting::kEqual:
      break;
  }
  return Eigen::VectorXd::Constant(k, 1.0 / static_cast<double>(k));
}

}  // namespace makerscore
