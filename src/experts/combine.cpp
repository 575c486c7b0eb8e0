#include "experts/combine.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "makerscore/error.h"
#include "scoring/compiled_model.h"
#include "util/text.h"

namespace makerscore::detail {

std::optional<double> RatingFraction(const Scale& scale, const std::string& value) {
  if (!scale.levels.empty()) {
    for (const auto& l : scale.levels) {
      if (l.label == value) return l.fraction;
    }
    return std::nullopt;
  }
  double v = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || end != value.data() + value.size() || !(v >= *scale.min && v <= *scale.max)) {
    return std::nullopt;
  }
  return (v - *scale.min) / (*scale.max - *scale.min);
}

double CombineSorted(const std::vector<double>& s, Combine combine) {
  const size_t n = s.size();
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  switch (combine) {
    case Combine::kMedian:
      return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    case Combine::kTrimmedMean:
      if (n >= 3) return std::accumulate(s.begin() + 1, s.end() - 1, 0.0) / static_cast<double>(n - 2);
      [[fallthrough]];
    case Combine::kMean:
      break;
  }
  return std::accumulate(s.begin(), s.end(), 0.0) / static_cast<double>(n);
}

CombinedRatings CombineRatings(const CompiledModel& model, const Dataset& data, const Ratings& ratings) {
  const std::string source = ratings.source.empty() ? "ratings" : ratings.source;
  std::string problems;
  int count = 0;
  auto problem = [&](int row, const std::string& m) {
    if (count++ < 20) problems += source + ":" + std::to_string(row) + ": " + m + "\n";
  };

  std::unordered_map<std::string, int> entity_index;
  for (int i = 0; i < data.entity_count(); ++i) entity_index.emplace(data.entity_ids()[i], i);
  std::vector<std::string> qualitative;
  for (const auto& leaf : model.leaves) {
    if (leaf.qualitative()) qualitative.push_back(model.nodes[leaf.node].id);
  }

  struct Item {
    int leaf, entity;
    double fraction;
    int row;
    const std::string* expert;
  };
  std::vector<Item> items;
  items.reserve(ratings.items.size());
  for (const auto& r : ratings.items) {
    auto node = model.node_index.find(r.indicator);
    int leaf = node == model.node_index.end() ? -1 : model.leaf_of_node[node->second];
    if (leaf < 0 || !model.leaves[leaf].qualitative()) {
      problem(r.row, "indicator '" + r.indicator + "' is not rated by experts in this rule file" +
                         DidYouMean(r.indicator, qualitative) + "; rated indicators: " + Join(qualitative, ", "));
      continue;
    }
    auto e = entity_index.find(r.entity);
    if (e == entity_index.end()) {
      problem(r.row, "entity '" + r.entity + "' is not in the data" + DidYouMean(r.entity, data.entity_ids()));
      continue;
    }
    const Scale& scale = *model.leaves[leaf].scale;
    std::optional<double> f = RatingFraction(scale, r.value);
    if (!f) {
      std::vector<std::string> labels;
      for (const auto& l : scale.levels) labels.push_back(l.label);
      problem(r.row, "rating '" + r.value + "' of indicator '" + r.indicator + "' is not on the scale '" + scale.id +
                         "' (" + (labels.empty() ? "a number from " + FormatNumber(*scale.min) + " to " +
                                                       FormatNumber(*scale.max)
                                                 : "one of " + Join(labels, ", ")) + ")");
      continue;
    }
    items.push_back({leaf, e->second, *f, r.row, &r.expert});
  }
  // Sorted by item, then expert: runs of one item, duplicates side by side.
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return std::tie(a.leaf, a.entity, *a.expert) < std::tie(b.leaf, b.entity, *b.expert);
  });
  for (size_t k = 1; k < items.size(); ++k) {
    const Item &a = items[k - 1], &b = items[k];
    if (a.leaf == b.leaf && a.entity == b.entity && *a.expert == *b.expert) {
      problem(b.row, "expert '" + *b.expert + "' rated entity '" + data.entity_ids()[b.entity] + "' on indicator '" +
                         model.nodes[model.leaves[b.leaf].node].id + "' twice (also in row " +
                         std::to_string(a.row) + ")");
    }
  }
  if (count) {
    if (count > 20) problems += "... and " + std::to_string(count - 20) + " more problems\n";
    throw DataError(problems + std::to_string(count) + (count == 1 ? " problem" : " problems") + " in " + source);
  }

  CombinedRatings out;
  const Eigen::Index n = data.entity_count();
  out.value.resize(model.leaves.size());
  out.count.resize(model.leaves.size());
  for (size_t l = 0; l < model.leaves.size(); ++l) {
    if (!model.leaves[l].qualitative()) continue;
    out.value[l] = Eigen::ArrayXd::Constant(n, std::numeric_limits<double>::quiet_NaN());
    out.count[l] = Eigen::ArrayXi::Zero(n);
  }
  std::vector<double> run;
  for (size_t k = 0; k < items.size();) {
    size_t end = k;
    run.clear();
    while (end < items.size() && items[end].leaf == items[k].leaf && items[end].entity == items[k].entity) {
      run.push_back(items[end++].fraction);
    }
    std::sort(run.begin(), run.end());
    const CompiledLeaf& leaf = model.leaves[items[k].leaf];
    out.count[items[k].leaf][items[k].entity] = static_cast<int>(run.size());
    if (static_cast<int>(run.size()) >= leaf.min_ratings) {
      out.value[items[k].leaf][items[k].entity] = CombineSorted(run, leaf.combine);
    }
    k = end;
  }
  return out;
}

}  // namespace makerscore::detail
