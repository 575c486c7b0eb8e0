#include "experts/combine.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cmath>
#include <limits>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "makerscore/delphi.h"
#include "makerscore/error.h"
#include "scoring/compiled_model.h"
#include "util/number_cell.h"
#include "util/parallel.h"
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

namespace {

// What scale expects, for messages.
std::string Expected(const Scale& scale) {
  if (!scale.levels.empty()) {
    std::vector<std::string> labels;
    for (const auto& l : scale.levels) labels.push_back(l.label);
    return "one of " + Join(labels, ", ");
  }
  if (!scale.bands.empty()) {
    std::vector<std::string> bands;
    for (const auto& b : scale.bands) bands.push_back(b.label + " " + FormatNumber(b.low) + "-" + FormatNumber(b.high));
    return "points within a band, or a band's label: " + Join(bands, ", ");
  }
  return "a number from " + FormatNumber(*scale.min) + " to " + FormatNumber(*scale.max);
}

// Each distinct entity label's index in data, or -1. Labels usually come in the data's order, so the
// hash index of the data's ids is built only at the first label that is not.
std::vector<int> EntityIndex(const std::vector<std::string>& labels, const std::vector<std::string>& ids) {
  std::vector<int> found(labels.size(), -1);
  std::unordered_map<std::string_view, int> index;
  for (size_t j = 0; j < labels.size(); ++j) {
    if (j < ids.size() && ids[j] == labels[j]) {
      found[j] = static_cast<int>(j);
      continue;
    }
    if (index.empty()) {
      index.reserve(ids.size());
      for (size_t i = 0; i < ids.size(); ++i) index.emplace(ids[i], static_cast<int>(i));
    }
    auto it = index.find(labels[j]);
    if (it != index.end()) found[j] = it->second;
  }
  return found;
}

constexpr double kOffScale = -1;  // in the fraction tables: a value that is not on the scale

// A rating that cannot be used, to be put in words if it is among those reported.
struct Problem {
  enum Kind : std::uint8_t { kEmpty, kNotRated, kUnknownEntity, kNotOnPanel, kOffScale, kTwice };
  int row;
  std::uint32_t rating;  // its number in Ratings
  Kind kind;
  std::uint32_t other;   // kEmpty: the empty column; kTwice: the number of the expert's other rating
};

}  // namespace

CombinedRatings CombineRatings(const CompiledModel& model, const Dataset& data, const Ratings& ratings) {
  const std::string source = ratings.source.empty() ? "ratings" : ratings.source;
  // Problems are noted as small records and put in words only for the 20 reported, so that a file of
  // millions of bad rows costs no more memory than the ratings themselves.
  std::vector<Problem> problems;
  const std::vector<std::string>& ids = data.entity_ids();
  const Eigen::Index n = data.entity_count();
  const size_t leaves = model.leaves.size();

  // Every distinct label is looked up once; each rating is then four integers.
  std::vector<std::string> qualitative;
  std::vector<int> rated_index(leaves, -1);  // leaf -> its place among the rated leaves
  std::vector<int> leaf_number;              // rated leaf -> leaf
  std::vector<const Scale*> scales;          // the distinct scales of the rated leaves
  std::vector<int> scale_of;                 // rated leaf -> its scale's place in scales
  for (size_t l = 0; l < leaves; ++l) {
    if (!model.leaves[l].qualitative()) continue;
    rated_index[l] = static_cast<int>(qualitative.size());
    leaf_number.push_back(static_cast<int>(l));
    qualitative.push_back(model.nodes[model.leaves[l].node].id);
    const Scale* scale = &*model.leaves[l].scale;
    auto it = std::find(scales.begin(), scales.end(), scale);
    scale_of.push_back(static_cast<int>(it - scales.begin()));
    if (it == scales.end()) scales.push_back(scale);
  }
  const size_t rated = qualitative.size();
  std::vector<int> leaf_of;  // indicator label -> rated leaf, or -1
  for (const std::string& id : ratings.labels(Ratings::kIndicator)) {
    auto node = model.node_index.find(id);
    const int leaf = node == model.node_index.end() ? -1 : model.leaf_of_node[node->second];
    leaf_of.push_back(leaf >= 0 ? rated_index[leaf] : -1);
  }
  const std::vector<int> entity_of = EntityIndex(ratings.labels(Ratings::kEntity), ids);
  std::vector<std::string> panel;
  for (const auto& e : model.rules.experts) panel.push_back(e.id);
  const std::vector<std::string>& experts = ratings.labels(Ratings::kExpert);
  std::vector<double> authority;  // expert label -> authority; -1 when not on the rule file's panel
  for (const std::string& x : experts) {
    auto it = std::find(panel.begin(), panel.end(), x);
    authority.push_back(x.empty() ? -1.0  // an empty cell
                        : it != panel.end() ? model.rules.experts[it - panel.begin()].authority
                        : panel.empty()     ? 1.0
                                            : -1.0);
  }
  const std::vector<std::string>& values = ratings.labels(Ratings::kValue);
  // fraction[scale][value label], worked out the first time a scale meets a label (NaN until then).
  std::vector<std::vector<double>> fraction(scales.size(),
                                            std::vector<double>(values.size(), std::numeric_limits<double>::quiet_NaN()));
  auto fraction_of = [&](size_t q, std::int32_t v) {
    double& f = fraction[scale_of[q]][v];
    if (std::isnan(f)) f = RatingFraction(*scales[scale_of[q]], values[v]).value_or(kOffScale);
    return f;
  };

  // Check every rating, and count each item's (rated leaf and entity's) ratings for a counting sort.
  const std::int32_t* entity = ratings.codes(Ratings::kEntity).data();
  const std::int32_t* indicator = ratings.codes(Ratings::kIndicator).data();
  const std::int32_t* expert = ratings.codes(Ratings::kExpert).data();
  const std::int32_t* value = ratings.codes(Ratings::kValue).data();
  const size_t count = ratings.size();
  auto slot_of = [&](size_t k) { return static_cast<size_t>(leaf_of[indicator[k]]) * n + entity_of[entity[k]]; };
  std::vector<std::uint32_t> start(rated * static_cast<size_t>(n) + 1, 0);
  // A label that is empty: a cell left empty (ratings built in code or from a DataFrame; a CSV reader says so itself).
  const char* kColumn[] = {"entity", "indicator", "expert", "rating"};
  std::array<std::int32_t, 4> empty_code;
  for (int c = 0; c < 4; ++c) {
    const auto& labels = ratings.labels(static_cast<Ratings::Column>(c));
    empty_code[c] = static_cast<std::int32_t>(std::find(labels.begin(), labels.end(), "") - labels.begin());
  }
  const std::int32_t* column[] = {entity, indicator, expert, value};
  for (size_t k = 0; k < count; ++k) {
    const int q = leaf_of[indicator[k]];
    int empty = 0;
    while (empty < 4 && column[empty][k] != empty_code[empty]) ++empty;
    const auto rating = static_cast<std::uint32_t>(k);
    if (empty < 4) {
      problems.push_back({ratings.row(k), rating, Problem::kEmpty, static_cast<std::uint32_t>(empty)});
    } else if (q < 0) {
      problems.push_back({ratings.row(k), rating, Problem::kNotRated, 0});
    } else if (entity_of[entity[k]] < 0) {
      problems.push_back({ratings.row(k), rating, Problem::kUnknownEntity, 0});
    } else if (authority[expert[k]] < 0) {
      problems.push_back({ratings.row(k), rating, Problem::kNotOnPanel, 0});
    } else if (fraction_of(q, value[k]) == kOffScale) {
      problems.push_back({ratings.row(k), rating, Problem::kOffScale, 0});
    } else {
      ++start[slot_of(k) + 1];
    }
  }
  // The valid ratings' numbers grouped by item (a stable counting sort: the file's order within each
  // item).
  for (size_t s = 1; s < start.size(); ++s) start[s] += start[s - 1];
  std::vector<std::uint32_t> order(start.back());
  {
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for (size_t k = 0; k < count; ++k) {
      const int q = leaf_of[indicator[k]];
      if (q >= 0 && entity_of[entity[k]] >= 0 && authority[expert[k]] >= 0 && fraction_of(q, value[k]) != kOffScale) {
        order[next[slot_of(k)]++] = static_cast<std::uint32_t>(k);
      }
    }
  }

  CombinedRatings out;
  const double kNaN = std::numeric_limits<double>::quiet_NaN();
  out.value.resize(leaves);
  out.count.resize(leaves);
  out.cv.resize(leaves);
  out.agreement_w.assign(leaves, kNaN);
  out.agreement_p.assign(leaves, kNaN);
  // Each rated indicator on its own: on every core for large cohorts (each writes only its own columns,
  // and every fraction was worked out while checking, so the results do not depend on the threads).
  // The ratings' problems are thrown once every indicator is done, duplicates among them.
  for (int l : leaf_number) {
    out.value[l] = Eigen::ArrayXd::Constant(n, kNaN);
    out.count[l] = Eigen::ArrayXi::Zero(n);
    out.cv[l] = Eigen::ArrayXd::Constant(n, kNaN);
  }
  auto fraction_at = [&](size_t q, std::uint32_t k) { return fraction[scale_of[q]][value[k]]; };
  std::vector<std::vector<Problem>> twice(rated);  // each rated indicator's duplicates
  auto combine_leaf = [&](long rated_leaf) {
    const size_t q = static_cast<size_t>(rated_leaf);
    const int l = leaf_number[q];
    const CompiledLeaf& leaf = model.leaves[l];
    const std::uint32_t* item = start.data() + q * n;  // entity e's ratings: order[item[e]] .. order[item[e + 1] - 1]
    std::vector<double> run, sorted, weights;
    for (Eigen::Index e = 0; e < n; ++e) {
      if (item[e] == item[e + 1]) continue;
      for (size_t b = item[e] + 1; b < item[e + 1]; ++b) {  // no expert twice in an item
        for (size_t a = item[e]; a < b; ++a) {
          if (expert[order[a]] != expert[order[b]]) continue;
          twice[q].push_back({ratings.row(order[b]), order[b], Problem::kTwice, order[a]});
          break;
        }
      }
      run.clear();
      weights.clear();
      for (size_t a = item[e]; a < item[e + 1]; ++a) {
        run.push_back(fraction_at(q, order[a]));
        weights.push_back(authority[expert[order[a]]]);
      }
      sorted = run;
      std::sort(sorted.begin(), sorted.end());
      out.count[l][e] = static_cast<int>(run.size());
      out.cv[l][e] = Cv(run);
      if (static_cast<int>(run.size()) >= leaf.min_ratings) {
        out.value[l][e] = leaf.combine == Combine::kWeightedMean ? WeightedMean(run, weights) : CombineSorted(sorted, leaf.combine);
      }
    }
    // The panel's agreement on this indicator: Kendall's W of experts (raters) over entities (items).
    std::vector<Eigen::Index> expert_row(experts.size(), -1);
    Eigen::Index raters = 0;
    for (size_t a = item[0]; a < item[n]; ++a) {
      if (expert_row[expert[order[a]]] < 0) expert_row[expert[order[a]]] = raters++;
    }
    if (raters < 2 || n < 2) return;
    Eigen::MatrixXd scores = Eigen::MatrixXd::Constant(raters, n, kNaN);
    for (Eigen::Index e = 0; e < n; ++e) {
      for (size_t a = item[e]; a < item[e + 1]; ++a) scores(expert_row[expert[order[a]]], e) = fraction_at(q, order[a]);
    }
    try {
      Concordance c = KendallW(scores);
      out.agreement_w[l] = c.w;
      out.agreement_p[l] = c.p_value;
    } catch (const Error&) {
      // fewer than 2 experts rated every entity: no panel agreement to report
    }
  };
  constexpr size_t kWorthThreads = 20000;  // ratings; below this, starting a thread costs more than it saves
  ParallelFor(static_cast<long>(rated), order.size() >= kWorthThreads ? HardwareThreads() : 1, combine_leaf);
  for (auto& found : twice) problems.insert(problems.end(), found.begin(), found.end());
  if (!problems.empty()) {
    // In the order of the file, the first 20.
    std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) { return a.row < b.row; });
    std::string text;
    const size_t total = problems.size();
    for (size_t k = 0; k < std::min<size_t>(total, 20); ++k) {
      const Problem& p = problems[k];
      const size_t r = p.rating;
      text += source + ":" + std::to_string(p.row) + ": ";
      switch (p.kind) {
        case Problem::kEmpty:
          text += std::string("the cell '") + kColumn[p.other] + "' is empty";
          break;
        case Problem::kNotRated: {
          const std::string& id = ratings.label(Ratings::kIndicator, r);
          text += "indicator '" + id + "' is not rated by experts in this rule file" + DidYouMean(id, qualitative) +
                  "; rated indicators: " + Join(qualitative, ", ");
          break;
        }
        case Problem::kUnknownEntity: {
          const std::string& id = ratings.label(Ratings::kEntity, r);
          text += "entity '" + id + "' is not in the data" + DidYouMean(id, ids);
          break;
        }
        case Problem::kNotOnPanel:
          text += "expert '" + experts[expert[r]] + "' is not on the rule file's panel" + DidYouMean(experts[expert[r]], panel);
          break;
        case Problem::kOffScale: {
          const int q = leaf_of[indicator[r]];
          const Scale& scale = *scales[scale_of[q]];
          text += "rating '" + values[value[r]] + "' of indicator '" + qualitative[q] + "' is not on the scale '" +
                  scale.id + "' (" + Expected(scale) + ")";
          break;
        }
        case Problem::kTwice:
          text += "expert '" + experts[expert[r]] + "' rated entity '" + ratings.label(Ratings::kEntity, r) +
                  "' on indicator '" + qualitative[leaf_of[indicator[r]]] + "' twice (also in row " +
                  std::to_string(ratings.row(p.other)) + ")";
          break;
      }
      text += "\n";
    }
    if (total > 20) text += "... and " + std::to_string(total - 20) + " more problems\n";
    throw DataError(text + std::to_string(total) + (total == 1 ? " problem" : " problems") + " in " + source);
  }

  return out;
}

}  // namespace makerscore::detail
