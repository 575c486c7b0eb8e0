// Kendall's coefficient of concordance W, with the tie correction (or, when asked, without).
#include "experts/concordance.h"

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <numeric>
#include <vector>

#include "makerscore/delphi.h"
#include "makerscore/error.h"

namespace makerscore {

namespace {

// Adds the ranks of rater r's scores (row r of scores; 1 = lowest, ties
// sharing their mean rank) to rank_sums, and sum(t^3 - t) over the rater's
// groups of ties to *ties.
void AddRanks(const Eigen::MatrixXd& scores, Eigen::Index r, std::vector<double>* rank_sums, double* ties) {
  const Eigen::Index n = scores.cols();
  // Ratings take a few distinct values (the levels of a scale): rank those by their counts and give each
  // score the rank of its value, with no sort of the scores and no copy of them.
  constexpr size_t kFew = 16;
  std::vector<double> distinct;  // sorted
  std::vector<size_t> count;     // of each distinct value
  auto place = [&](double v) {   // the number of distinct values below v: no branch to mispredict
    size_t d = 0;
    for (double x : distinct) d += x < v;
    return d;
  };
  bool few = true;
  for (Eigen::Index j = 0; j < n && few; ++j) {
    const double v = scores(r, j);
    const size_t d = place(v);
    if (d < distinct.size() && distinct[d] == v) {
      ++count[d];
    } else if (distinct.size() < kFew) {
      distinct.insert(distinct.begin() + static_cast<std::ptrdiff_t>(d), v);
      count.insert(count.begin() + static_cast<std::ptrdiff_t>(d), 1);
    } else {
      few = false;
    }
  }
  if (few) {
    std::vector<double> rank_of(distinct.size());
    size_t below = 0;
    for (size_t d = 0; d < distinct.size(); ++d) {
      rank_of[d] = static_cast<double>(2 * below + count[d] + 1) / 2;  // the mean of places below+1 .. below+count
      const double t = static_cast<double>(count[d]);
      *ties += t * t * t - t;
      below += count[d];
    }
    for (Eigen::Index j = 0; j < n; ++j) (*rank_sums)[j] += rank_of[place(scores(r, j))];
    return;
  }
  // Many distinct values: sort the places by their scores.
  std::vector<Eigen::Index> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](Eigen::Index a, Eigen::Index b) { return scores(r, a) < scores(r, b); });
  for (Eigen::Index i = 0; i < n;) {
    Eigen::Index j = i;
    while (j + 1 < n && scores(r, order[j + 1]) == scores(r, order[i])) ++j;
    const double mean_rank = (static_cast<double>(i + j) + 2) / 2;  // ranks i+1 .. j+1
    for (Eigen::Index k = i; k <= j; ++k) (*rank_sums)[order[k]] += mean_rank;
    const double t = static_cast<double>(j - i + 1);
    *ties += t * t * t - t;
    i = j + 1;
  }
}

}  // namespace

Concordance KendallW(const Eigen::MatrixXd& scores, bool tie_correction) {
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
  std::vector<double> rank_sums(c.items, 0.0);
  double ties = 0;
  for (Eigen::Index r : complete) AddRanks(scores, r, &rank_sums, &ties);
  return detail::ConcordanceOfRanks(rank_sums, ties, c.raters, tie_correction);
}

namespace detail {

Concordance ConcordanceOfRanks(const std::vector<double>& rank_sums, double ties, int raters, bool tie_correction) {
  RankSquares squares(raters, rank_sums.size());
  for (double r : rank_sums) {
    // A sum of ranks (whole numbers and halves) is exact in a double, and so is twice it, below 2^53.
    squares.Add(static_cast<std::int64_t>(2 * r));
  }
  return ConcordanceOfSquares(squares.Sum(), rank_sums.size(), ties, raters, tie_correction);
}

Concordance ConcordanceOfSquares(double s, std::size_t items, double ties, int raters, bool tie_correction) {
  Concordance c;
  c.raters = raters;
  c.items = static_cast<int>(items);
  const double m = c.raters, n = c.items;
  c.tie_corrected = tie_correction;
  const double denominator = m * m * (n * n * n - n) - (tie_correction ? m * ties : 0);
  c.w = denominator > 0 ? 12 * s / denominator : 0;  // every rater tied everything: no information
  c.df = c.items - 1;
  c.chi_square = m * (n - 1) * c.w;
  c.p_value = c.chi_square > 0 ? boost::math::gamma_q(c.df / 2.0, c.chi_square / 2) : 1.0;
  return c;
}

}  // namespace detail

}  // namespace makerscore
