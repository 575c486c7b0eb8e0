// Incomplete pairwise comparison matrices (internal): comparisons an expert did not make are NaN, in both
// a_ij and a_ji. Bozóki, S., Fülöp, J. & Rónyai, L. (2010), "On optimal completion of incomplete pairwise
// comparison matrices", Mathematical and Computer Modelling 52, 318-333.
#ifndef MAKERSCORE_SRC_WEIGHTS_INCOMPLETE_H_
#define MAKERSCORE_SRC_WEIGHTS_INCOMPLETE_H_

#include <Eigen/Core>
#include <string>

namespace makerscore::detail {

// The number of comparisons missing above the diagonal (NaN entries).
int MissingComparisons(const Eigen::MatrixXd& a);

// "" when the known comparisons connect every child with every other (directly or through others), else
// which children they leave apart: without that, the weights are not determined.
std::string CheckConnected(const Eigen::MatrixXd& a);

// The completion of a (connected) whose largest eigenvalue is smallest: the missing entries chosen to make
// the matrix as consistent as it can be (their logarithms minimise lambda_max, a convex function of them,
// by cyclic coordinate descent until no logarithm moves by 1e-13). A complete matrix is returned as it is.
Eigen::MatrixXd OptimalCompletion(const Eigen::MatrixXd& a);

// The logarithmic least squares weights of a (connected): ln w minimises the sum over the known
// comparisons of (ln a_ij - ln w_i + ln w_j)^2, solved on the Laplacian of the comparison graph; for a
// complete matrix they are the normalised row geometric means. Sums to 1.
Eigen::VectorXd Llsm(const Eigen::MatrixXd& a);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_WEIGHTS_INCOMPLETE_H_
