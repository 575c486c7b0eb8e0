// The aggregations over the cohort, in the order of makerscore/cohort_aggregations.def, and what they share.
#include <cmath>

#include "cohort/cohort.h"

namespace makerscore::detail {

const CohortAggregationDef* CohortAggregationOf(Aggregation kind) {
  switch (kind) {
#define MAKERSCORE_COHORT_AGGREGATION(kind, word) \
  case Aggregation::kind:                         \
    return &kind##Aggregation;
#include "makerscore/cohort_aggregations.def"
#undef MAKERSCORE_COHORT_AGGREGATION
    default:
      return nullptr;
  }
}

CohortOption OverOption() {
  return {"over",
          CohortOption::kWord,
          "scores",
          {"scores", "values"},
          0,
          0,
          0,
          "What is compared: the children's `scores`, or their `values` as the formulas give them (each "
          "child's `direction` then says whether its best is the largest or the smallest value), as published "
          "examples do."};
}

double Number(const AggregateOptions& o, const char* name, double fallback) {
  auto it = o.numbers.find(name);
  return it != o.numbers.end() ? it->second : fallback;
}

std::string Word(const AggregateOptions& o, const char* name, const char* fallback) {
  auto it = o.words.find(name);
  return it != o.words.end() ? it->second : fallback;
}

Eigen::ArrayXXd NormaliseColumns(const CohortInput& in, const std::string& how, std::vector<int>* flat) {
  const Eigen::Index n = in.x.rows(), k = in.x.cols();
  Eigen::ArrayXXd r = in.x;
  for (Eigen::Index j = 0; j < k; ++j) {
    double lo = INFINITY, hi = -INFINITY, squares = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double v = in.x(i, j);
      if (std::isnan(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      squares += v * v;
    }
    if (!(hi > lo)) flat->push_back(static_cast<int>(j));
    for (Eigen::Index i = 0; i < n; ++i) {
      const double v = in.x(i, j);
      if (std::isnan(v)) continue;
      if (how == "vector") {
        r(i, j) = squares > 0 ? v / std::sqrt(squares) : 0;
      } else if (how == "minmax") {
        r(i, j) = !(hi > lo) ? 1 : in.lower[j] ? (hi - v) / (hi - lo) : (v - lo) / (hi - lo);
      }
    }
  }
  return r;
}

void BestAndWorst(const Eigen::ArrayXXd& r, const Eigen::ArrayXXd& w, const std::vector<char>& lower,
                  std::vector<double>* best, std::vector<double>* worst) {
  const Eigen::Index n = r.rows(), k = r.cols();
  best->assign(k, NAN);
  worst->assign(k, NAN);
  for (Eigen::Index j = 0; j < k; ++j) {
    double& b = (*best)[j];
    double& s = (*worst)[j];
    for (Eigen::Index i = 0; i < n; ++i) {
      if (w(i, j) <= 0) continue;
      const double v = r(i, j);
      if (std::isnan(b) || (lower[j] ? v < b : v > b)) b = v;
      if (std::isnan(s) || (lower[j] ? v > s : v < s)) s = v;
    }
  }
}

Eigen::ArrayXXd RowWeights(const CohortInput& in) {
  Eigen::ArrayXXd w = (in.x.isNaN() || in.w <= 0).select(0.0, in.w);
  for (Eigen::Index i = 0; i < w.rows(); ++i) {
    const double sum = w.row(i).sum();
    if (sum > 0) w.row(i) /= sum;
  }
  return w;
}

}  // namespace makerscore::detail
