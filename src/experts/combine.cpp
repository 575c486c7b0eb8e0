#include "experts/combine.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "makerscore/delphi.h"
#include "makerscore/error.h"
#include "scoring/compiled_model.h"
#include "util/number_cell.h"
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
  const bool number = ParseNumberCell(value, "", &v).empty();
  if (!scale.bands.empty()) {
    double top = 0;
    for (const auto& b : scale.bands) top = std::max(top, b.high);
    if (!(top > 0)) return std::nullopt;
    for (const auto& b : scale.bands) {
      if (b.label == value) return (b.low + b.high) / 2 / top;
    }
    if (!number) return std::nullopt;
    for (const auto& b : scale.bands) {
      if (v >= b.low && v <= b.high) return v / top;
    }
    return std::nullopt;
  }
  if (!number || !(v >= *scale.min && v <= *scale.max)) {
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
    case Combine::kWeightedMean:  // needs the weights: see WeightedMean
    case Combine::kTrimmedMean:
      if (combine == Combine::kTrimmedMean && n >= 3) return std::accumulate(s.begin() + 1, s.end() - 1, 0.0) / static_cast<double>(n - 2);
      [[fallthrough]];
    case Combine::kMean:
      break;
  }
  return std::accumulate(s.begin(), s.end(), 0.0) / static_cast<double>(n);
}

double WeightedMean(const std::vector<double>& values, const std::vector<double>& weights) {
  double sum = 0, total = 0;
  for (size_t k = 0; k < values.size(); ++k) {
    sum += values[k] * weights[k];
    total += weights[k];
  }
  return total > 0 ? sum / total : std::numeric_limits<double>::quiet_NaN();
}

namespace {

// Coefficient of variation (sample SD / mean) of values; NaN for fewer than 2 or a zero mean.
double Cv(const std::vector<double>& v) {
  if (v.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  return mean > 0 ? std::sqrt(ss / static_cast<double>(v.size() - 1)) / mean : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

CombinedRatings CombineRatings(const CompiledModel& model, const Dataset& data, const Ratings& ratings) {
  const std::string source = ratings.source.empty() ? "ratings" : ratings.source;
  std::vector<std::pair<int, std::string>> problems;  // row, message
  auto problem = [&](int row, std::string m) { problems.emplace_back(row, std::move(m)); };

  std::unordered_map<std::string, int> entity_index;
  for (int i = 0; i < data.entity_count(); ++i) entity_index.emplace(data.entity_ids()[i], i);
  std::vector<std::string> qualitative;
  for (const auto& leaf : model.leaves) {
    if (leaf.qualitative()) qualitative.push_back(model.nodes[leaf.node].id);
  }

  std::unordered_map<std::string, double> authority;
  std::vector<std::string> expert_ids;
  for (const auto& e : model.rules.experts) {
    authority[e.id] = e.authority;
    expert_ids.push_back(e.id);
  }
  struct Item {
    int leaf, entity;
    double fraction;
    int row;
    const std::string* expert;
    double authority;
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
    auto known = authority.find(r.expert);
    if (!authority.empty() && known == authority.end()) {
      problem(r.row, "expert '" + r.expert + "' is not on the rule file's panel" + DidYouMean(r.expert, expert_ids));
      continue;
    }
    const Scale& scale = *model.leaves[leaf].scale;
    std::optional<double> f = RatingFraction(scale, r.value);
    if (!f) {
      std::vector<std::string> labels;
      for (const auto& l : scale.levels) labels.push_back(l.label);
      std::string expected;
      if (!scale.levels.empty()) {
        expected = "one of " + Join(labels, ", ");
      } else if (!scale.bands.empty()) {
        std::vector<std::string> bands;
        for (const auto& b : scale.bands) bands.push_back(b.label + " " + FormatNumber(b.low) + "-" + FormatNumber(b.high));
        expected = "points within a band, or a band's label: " + Join(bands, ", ");
      } else {
        expected = "a number from " + FormatNumber(*scale.min) + " to " + FormatNumber(*scale.max);
      }
      problem(r.row, "rating '" + r.value + "' of indicator '" + r.indicator + "' is not on the scale '" + scale.id +
                         "' (" + expected + ")");
      continue;
    }
    items.push_back({leaf, e->second, *f, r.row, &r.expert, known == authority.end() ? 1.0 : known->second});
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
  if (!problems.empty()) {
    // In the order of the file, the first 20.
    std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string text;
    const size_t count = problems.size();
    for (size_t k = 0; k < std::min<size_t>(count, 20); ++k) {
      text += source + ":" + std::to_string(problems[k].first) + ": " + problems[k].second + "\n";
    }
    if (count > 20) text += "... and " + std::to_string(count - 20) + " more problems\n";
    throw DataError(text + std::to_string(count) + (count == 1 ? " problem" : " problems") + " in " + source);
  }

  CombinedRatings out;
  const Eigen::Index n = data.entity_count();
  const double kNaN = std::numeric_limits<double>::quiet_NaN();
  const size_t leaves = model.leaves.size();
  out.value.resize(leaves);
  out.count.resize(leaves);
  out.cv.resize(leaves);
  out.agreement_w.assign(leaves, kNaN);
  out.agreement_p.assign(leaves, kNaN);
  for (size_t l = 0; l < leaves; ++l) {
    if (!model.leaves[l].qualitative()) continue;
    out.value[l] = Eigen::ArrayXd::Constant(n, kNaN);
    out.count[l] = Eigen::ArrayXi::Zero(n);
    out.cv[l] = Eigen::ArrayXd::Constant(n, kNaN);
  }
  std::vector<double> run, sorted, weights;
  for (size_t k = 0; k < items.size();) {
    size_t end = k;
    run.clear();
    weights.clear();
    while (end < items.size() && items[end].leaf == items[k].leaf && items[end].entity == items[k].entity) {
      run.push_back(items[end].fraction);
      weights.push_back(items[end++].authority);
    }
    sorted = run;
    std::sort(sorted.begin(), sorted.end());
    const int l = items[k].leaf, e = items[k].entity;
    const CompiledLeaf& leaf = model.leaves[l];
    out.count[l][e] = static_cast<int>(run.size());
    out.cv[l][e] = Cv(run);
    if (static_cast<int>(run.size()) >= leaf.min_ratings) {
      out.value[l][e] = leaf.combine == Combine::kWeightedMean ? WeightedMean(run, weights) : CombineSorted(sorted, leaf.combine);
    }
    k = end;
  }
  // The panel's agreement on each indicator: Kendall's W of experts (raters) over entities (items).
  for (size_t l = 0; l < leaves; ++l) {
    if (!model.leaves[l].qualitative()) continue;
    std::unordered_map<std::string, Eigen::Index> expert_row;
    for (const auto& it : items) {
      if (it.leaf == static_cast<int>(l)) expert_row.emplace(*it.expert, static_cast<Eigen::Index>(expert_row.size()));
    }
    if (expert_row.size() < 2 || n < 2) continue;
    Eigen::MatrixXd scores = Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(expert_row.size()), n, kNaN);
    for (const auto& it : items) {
      if (it.leaf == static_cast<int>(l)) scores(expert_row[*it.expert], it.entity) = it.fraction;
    }
    try {
      Concordance c = KendallW(scores);
      out.agreement_w[l] = c.w;
      out.agreement_p[l] = c.p_value;
    } catch (const Error&) {
      // fewer than 2 experts rated every entity: no panel agreement to report
    }
  }
  return out;
}

}  // namespace makerscore::detail
