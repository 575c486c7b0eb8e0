#include "result/common.h"

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

double MostPoints(const Result& r, int k, int i) {
  const Node& node = r.model().nodes()[k];
  const int c = r.entity_class(i);
  return c < static_cast<int>(node.class_max_points.size()) ? node.class_max_points[c] : node.max_points;
}

double MostShown(const Result& r, int k, int entity_class) {
  if (r.model().rules().weighting != Weighting::kPoints) return r.model().rules().total;
  const Node& node = r.model().nodes()[k];
  return entity_class < static_cast<int>(node.class_max_points.size()) ? node.class_max_points[entity_class]
                                                                       : node.max_points;
}

std::string ShownMaximum(const Result& r, int k) {
  if (r.model().rules().weighting != Weighting::kPoints || r.model().class_count() > 1) return "";
  return "(" + FormatNumber(r.model().nodes()[k].max_points) + ")";
}

}  // namespace makerscore::detail
