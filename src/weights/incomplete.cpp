// Incomplete pairwise comparison matrices: the optimal completion and the logarithmic least squares
// weights of Bozóki, Fülöp & Rónyai (2010).
#include "weights/incomplete.h"

#include <Eigen/Dense>
#include <cmath>
#include <utility>
#include <vector>

namespace makerscore::detail {

namespace {

// The Perron vector of a positive matrix by power iteration from v (kept as the next start).
void PerronVector(const Eigen::MatrixXd& a, Eigen::VectorXd* v) {
  for (int it = 0; it < 1000; ++it) {
    Eigen::VectorXd next = a * *v;
    next /= next.sum();  // every entry positive
    const bool settled = (next - *v).cwiseAbs().maxCoeff() < 1e-15;
    *v = std::move(next);
    if (settled) break;
  }
}

// d lambda_max / dx where a_ij = e^x and a_ji = e^-x: (v_i u_j a_ij - v_j u_i a_ji) / (v . u) with u and
// v the right and left Perron vectors (kept as the next starts).
double Slope(const Eigen::MatrixXd& a, Eigen::Index i, Eigen::Index j, Eigen::VectorXd* u, Eigen::VectorXd* v) {
  PerronVector(a, u);
  PerronVector(a.transpose(), v);
  return ((*v)[i] * (*u)[j] * a(i, j) - (*v)[j] * (*u)[i] * a(j, i)) / v->dot(*u);
}

}  // namespace

int MissingComparisons(const Eigen::MatrixXd& a) {
  int missing = 0;
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    for (Eigen::Index j = i + 1; j < a.cols(); ++j) missing += std::isnan(a(i, j));
  }
  return missing;
}

std::string CheckConnected(const Eigen::MatrixXd& a) {
  const Eigen::Index n = a.rows();
  std::vector<char> reached(n, 0);
  std::vector<Eigen::Index> stack = {0};
  reached[0] = 1;
  while (!stack.empty()) {
    const Eigen::Index i = stack.back();
    stack.pop_back();
    for (Eigen::Index j = 0; j < n; ++j) {
      if (!reached[j] && !std::isnan(a(i, j))) {
        reached[j] = 1;
        stack.push_back(j);
      }
    }
  }
  std::string apart;
  for (Eigen::Index j = 0; j < n; ++j) {
    if (!reached[j]) apart += (apart.empty() ? "" : ", ") + std::to_string(j + 1);
  }
  if (apart.empty()) return "";
  return "the comparisons made do not connect child 1 with child " + apart +
         " (not even through others), so their weights are not determined; compare at least one of them with "
         "the others";
}

Eigen::MatrixXd OptimalCompletion(const Eigen::MatrixXd& a) {
  const Eigen::Index n = a.rows();
  std::vector<std::pair<Eigen::Index, Eigen::Index>> missing;
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = i + 1; j < n; ++j) {
      if (std::isnan(a(i, j))) missing.emplace_back(i, j);
    }
  }
  Eigen::MatrixXd b = a;
  if (missing.empty()) return b;
  // Start from the logarithmic least squares ratios, which are close, then minimise lambda_max over one
  // missing entry's logarithm at a time (lambda_max is convex in the logarithms, Bozóki et al. 2010, so
  // the coordinate minima converge to the one optimum): each minimum is where the slope changes sign,
  // found by bisection on the slope, which is exact where comparing lambda_max itself is not (it is flat
  // at its minimum).
  const Eigen::VectorXd w = Llsm(a);
  std::vector<double> x;
  for (const auto& [i, j] : missing) x.push_back(std::log(w[i] / w[j]));
  auto set = [&](size_t k, double value) {
    b(missing[k].first, missing[k].second) = std::exp(value);
    b(missing[k].second, missing[k].first) = std::exp(-value);
  };
  for (size_t k = 0; k < missing.size(); ++k) set(k, x[k]);
  Eigen::VectorXd u = Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n)), v = u;
  auto slope_at = [&](size_t k, double value) {
    set(k, value);
    return Slope(b, missing[k].first, missing[k].second, &u, &v);
  };
  for (int sweep = 0; sweep < 500; ++sweep) {
    double moved = 0;
    for (size_t k = 0; k < missing.size(); ++k) {
      // A bracket [lo, hi] with the slope below 0 at lo and above at hi, widened as needed.
      double step = 0.5, lo = x[k] - step, hi = x[k] + step;
      while (slope_at(k, lo) > 0 && step < 64) lo -= (step *= 2);
      step = 0.5;
      while (slope_at(k, hi) < 0 && step < 64) hi += (step *= 2);
      for (int it = 0; it < 200 && hi - lo > 1e-14 * std::max(1.0, std::fabs(lo)); ++it) {
        const double mid = (lo + hi) / 2;
        (slope_at(k, mid) < 0 ? lo : hi) = mid;
      }
      const double best = (lo + hi) / 2;
      moved = std::max(moved, std::fabs(best - x[k]));
      x[k] = best;
      set(k, best);
    }
    if (moved < 1e-13) break;
  }
  return b;
}

Eigen::VectorXd Llsm(const Eigen::MatrixXd& a) {
  const Eigen::Index n = a.rows();
  // Normal equations L y = r: L the Laplacian of the comparison graph, r_i = sum over the known j of
  // ln a_ij; y is fixed by y_1 = 0 (the graph is connected, so L has rank n - 1).
  Eigen::MatrixXd laplacian = Eigen::MatrixXd::Zero(n, n);
  Eigen::VectorXd r = Eigen::VectorXd::Zero(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      if (i == j || std::isnan(a(i, j))) continue;
      laplacian(i, i) += 1;
      laplacian(i, j) -= 1;
      r[i] += std::log(a(i, j));
    }
  }
  Eigen::VectorXd y = Eigen::VectorXd::Zero(n);
  if (n > 1) {
    y.tail(n - 1) = laplacian.bottomRightCorner(n - 1, n - 1).ldlt().solve(r.tail(n - 1));
  }
  Eigen::VectorXd w = y.array().exp().matrix();
  return w / w.sum();
}

}  // namespace makerscore::detail
