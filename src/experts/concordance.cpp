// Kendall's coefficient of concordance W, with the tie correction.
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "makerscore/delphi.h"
#include "makerscore/error.h"

namespace makerscore {

namespace {

// Ranks of one rater's scores, 1 = lowest, ties sharing their mean rank; adds
// sum(t^3 - t) over the rater's groups of ties to *ties.
std::vector<double> Ranks(const std::vector<double>& x, double* ties) {
  const size_t n = x.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return x[a] < x[b]; });
  std::vector<double> ranks(n);
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j + 1 < n && x[order[j + 1]] == x[order[i]]) ++j;
    double mean_rank = (static_cast<double>(i + j) + 2) / 2;  // ranks i+1 .. j+1
    for (size_t k = i; k <= j; ++k) ranks[order[k]] = mean_rank;
    double t = static_cast<double>(j - i + 1);
    *ties += t * t * t - t;
    i = j + 1;
  }
  return ranks;
}

}  // namespace

Concordance KendallW(const Eigen::MatrixXd& scores) {
  std::vector<Eigen::Index> complete;
  for (Eigen::Index r = 0; r < scores.rows(); ++r) {
    if (!scores.row(r).array().isNaN().any()) complete.push_back(r);
  }
  Concordance c;
  c.raters = static_cast<int>(complete.size());
  c.items = static_cast<int>(scores.cols());
  if (c.raters < 2 || c.items < 2) {
    throw Error("Kendall's W needs at least 2 raters with complete answers and 2 items; there are " +
                std::to_string(c.raters) + " and " + std::to_string(c.items));
  }
  const double m = c.raters, n = c.items;
  std::vector<double> rank_sums(c.items, 0.0);
  double ties = 0;
  for (Eigen::Index r : complete) {
    std::vector<double> row(scores.cols());
    for (Eigen::Index j = 0; j < scores.cols(); ++j) row[j] = scores(r, j);
    std::vector<double> ranks = Ranks(row, &ties);
    for (int j = 0; j < c.items; ++j) rank_sums[j] += ranks[j];
  }
  const double mean = m * (n + 1) / 2;
  double s = 0;
  for (double r : rank_sums) s += (r - mean) * (r - mean);
  const double denominator = m * m * (n * n * n - n) - m * ties;
  c.w = denominator > 0 ? 12 * s / denominator : 0;  // every rater tied everything: no information
  c.df = c.items - 1;
  c.chi_square = m * (n - 1) * c.w;
  c.p_value = c.chi_square > 0 ? boost::math::gamma_q(c.df / 2.0, c.chi_square / 2) : 1.0;
  return c;
}

}  // namespace makerscore
