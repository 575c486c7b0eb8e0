#include "experts/combine.h"

#include <algorithm>
#include <cstdint>
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

  // Ratings usually come grouped by entity, in the data's order: each look-up first tries the entity of
  // the rating before and the next entity of the data, and builds the hash index only on a miss.
  const std::vector<std::string>& ids = data.entity_ids();
  std::unordered_map<std::string_view, int> entity_index;
  int last_entity = -1;
  auto find_entity = [&](const std::string& id) {
    if (last_entity >= 0 && ids[last_entity] == id) return last_entity;
    if (last_entity + 1 < static_cast<int>(ids.size()) && ids[last_entity + 1] == id) return ++last_entity;
    if (entity_index.empty()) {
      entity_index.reserve(ids.size());
      for (int i = 0; i < static_cast<int>(ids.size()); ++i) entity_index.emplace(ids[i], i);
    }
    auto it = entity_index.find(id);
    if (it == entity_index.end()) return -1;
    return last_entity = it->second;
  };
  std::vector<std::string> qualitative;
  for (const auto& leaf : model.leaves) {
    if (leaf.qualitative()) qualitative.push_back(model.nodes[leaf.node].id);
  }

  std::unordered_map<std::string, double> authority;
  std::vector<std::string> panel;
  for (const auto& e : model.rules.experts) {
    authority[e.id] = e.authority;
    panel.push_back(e.id);
  }
  // Experts as small numbers, in order of first rating.
  std::vector<std::string> experts;
  std::vector<double> expert_authority;
  std::unordered_map<std::string, int> expert_code;
  struct Item {
    int leaf, entity;
    double fraction;
    int row;
    int expert;
  };
  std::vector<Item> items;
  items.reserve(ratings.items.size());
  const std::string* last_indicator = nullptr;
  int last_leaf = -1;
  for (const auto& r : ratings.items) {
    int leaf = last_leaf;
    if (last_indicator == nullptr || *last_indicator != r.indicator) {
      auto node = model.node_index.find(r.indicator);
      leaf = node == model.node_index.end() ? -1 : model.leaf_of_node[node->second];
      if (leaf >= 0 && !model.leaves[leaf].qualitative()) leaf = -1;
      last_indicator = &r.indicator;
      last_leaf = leaf;
    }
    if (leaf < 0) {
      problem(r.row, "indicator '" + r.indicator + "' is not rated by experts in this rule file" +
                         DidYouMean(r.indicator, qualitative) + "; rated indicators: " + Join(qualitative, ", "));
      continue;
    }
    const int e = find_entity(r.entity);
    if (e < 0) {
      problem(r.row, "entity '" + r.entity + "' is not in the data" + DidYouMean(r.entity, ids));
      continue;
    }
    auto [code, fresh] = expert_code.emplace(r.expert, static_cast<int>(experts.size()));
    if (fresh) {
      auto known = authority.find(r.expert);
      experts.push_back(r.expert);
      expert_authority.push_back(known == authority.end() ? 1.0 : known->second);
      if (!authority.empty() && known == authority.end()) expert_authority.back() = -1;  // not on the panel
    }
    if (expert_authority[code->second] < 0) {
      problem(r.row, "expert '" + r.expert + "' is not on the rule file's panel" + DidYouMean(r.expert, panel));
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
    items.push_back({leaf, e, *f, r.row, code->second});
  }
  // Grouped by item (rated leaf, entity) with a counting sort, keeping the file's order within each item.
  const Eigen::Index n = data.entity_count();
  const size_t leaves = model.leaves.size();
  std::vector<int> rated_index(leaves, -1);  // leaf -> its place among the rated leaves
  size_t rated = 0;
  for (size_t l = 0; l < leaves; ++l) {
    if (model.leaves[l].qualitative()) rated_index[l] = static_cast<int>(rated++);
  }
  auto slot_of = [&](const Item& it) { return static_cast<size_t>(rated_index[it.leaf]) * n + it.entity; };
  std::vector<std::uint32_t> start(rated * static_cast<size_t>(n) + 1, 0);
  for (const Item& it : items) ++start[slot_of(it) + 1];
  for (size_t k = 1; k < start.size(); ++k) start[k] += start[k - 1];
  std::vector<Item> grouped(items.size());
  {
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for (const Item& it : items) grouped[next[slot_of(it)]++] = it;
  }
  items.swap(grouped);
  for (size_t slot = 0; slot + 1 < start.size(); ++slot) {
    for (size_t b = start[slot] + 1; b < start[slot + 1]; ++b) {
      for (size_t a = start[slot]; a < b; ++a) {
        if (items[a].expert != items[b].expert) continue;
        problem(items[b].row, "expert '" + experts[items[b].expert] + "' rated entity '" + ids[items[b].entity] +
                                  "' on indicator '" + model.nodes[model.leaves[items[b].leaf].node].id +
                                  "' twice (also in row " + std::to_string(items[a].row) + ")");
        break;
      }
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
  const double kNaN = std::numeric_limits<double>::quiet_NaN();
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
      weights.push_back(expert_authority[items[end++].expert]);
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
    // This leaf's items are one contiguous run of slots.
    const size_t q = static_cast<size_t>(rated_index[l]);
    const size_t first = start[q * n], last = start[(q + 1) * n];
    std::vector<Eigen::Index> expert_row(experts.size(), -1);
    Eigen::Index raters = 0;
    for (size_t k = first; k < last; ++k) {
      if (expert_row[items[k].expert] < 0) expert_row[items[k].expert] = raters++;
    }
    if (raters < 2 || n < 2) continue;
    Eigen::MatrixXd scores = Eigen::MatrixXd::Constant(raters, n, kNaN);
    for (size_t k = first; k < last; ++k) scores(expert_row[items[k].expert], items[k].entity) = items[k].fraction;
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
