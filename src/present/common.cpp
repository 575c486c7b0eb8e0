#include "present/common.h"

#include <algorithm>
#include <numeric>

#include "util/text.h"

namespace makerscore::detail {

std::vector<int> RankOrder(const Result& r) {
  std::vector<int> order(r.entity_count());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    int ra = r.rank(a) == 0 ? 1 << 30 : r.rank(a);
    int rb = r.rank(b) == 0 ? 1 << 30 : r.rank(b);
    return ra < rb;
  });
  return order;
}

double ShownValue(const Result& r, int i, int k) {
  if (r.model().rules().weighting == Weighting::kPoints) return r.points()(i, k);
  return r.scores()(i, k) * r.model().rules().total;
}

std::string ShownMaximum(const Result& r, int k) {
  if (r.model().rules().weighting != Weighting::kPoints || r.model().class_count() > 1) return "";
  return "(" + FormatNumber(r.model().nodes()[k].max_points) + ")";
}

}  // namespace makerscore::detail
