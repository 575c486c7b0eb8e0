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
  // Ratings take a few distinct values (the levels of a scale): rank those, by their counts, and give
  // each score the rank of its value, with no sort of the scores at all.
  constexpr size_t kFew = 32;
  std::vector<double> distinct;
  for (double v : x) {
    if (std::find(distinct.begin(), distinct.end(), v) != distinct.end()) continue;
    if (distinct.size() == kFew) break;
    distinct.push_back(v);
  }
  std::vector<double> sorted = distinct.size() == kFew ? x : distinct;  // many distinct values: sort them all
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<size_t> count(sorted.size(), 0);
  std::vector<size_t> place(x.size());  // each score's value's place in sorted
  for (size_t k = 0; k < x.size(); ++k) {
    place[k] = static_cast<size_t>(std::lower_bound(sorted.begin(), sorted.end(), x[k]) - sorted.begin());
    ++count[place[k]];
  }
  std::vector<double> rank_of(sorted.size());
  size_t below = 0;
  for (size_t d = 0; d < sorted.size(); ++d) {
    rank_of[d] = static_cast<double>(2 * below + count[d] + 1) / 2;  // the mean of places below+1 .. below+count
    const double t = static_cast<double>(count[d]);
    *ties += t * t * t - t;
    below += count[d];
  }
  std::vector<double> ranks(x.size());
  for (size_t k = 0; k < x.size(); ++k) ranks[k] = rank_of[place[k]];
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
