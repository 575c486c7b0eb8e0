#include "experts/combine.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "makerscore/delphi.h"
#include "makerscore/error.h"
#include "util/number_cell.h"
#include "util/parallel.h"
#include "util/statistics.h"
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
      if (combine == Combine::kTrimmedMean && n >= 3)
        return std::accumulate(s.begin() + 1, s.end() - 1, 0.0) / static_cast<double>(n - 2);
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

std::vector<double> Authorities(const std::vector<Expert>& panel, const Ratings& ratings) {
  std::vector<double> out;
  for (const std::string& x : ratings.labels(Ratings::kExpert)) {
    auto it = std::find_if(panel.begin(), panel.end(), [&](const Expert& e) { return e.id == x; });
    out.push_back(x.empty()           ? -1.0  // an empty cell
                  : it != panel.end() ? it->authority
                  : panel.empty()     ? 1.0
                                      : -1.0);
  }
  return out;
}

Eigen::ArrayXd CombineDrawn(const RatingsIndex& index, std::size_t q, const RatedItem& item, const Ratings& ratings,
                            const std::vector<double>& authority, const std::vector<int>& times) {
  const std::size_t n = index.entities;
  Eigen::ArrayXd out = Eigen::ArrayXd::Constant(static_cast<Eigen::Index>(n), std::numeric_limits<double>::quiet_NaN());
  const std::vector<std::int32_t>& expert = ratings.codes(Ratings::kExpert);
  const std::uint32_t* start = index.start.data() + q * n;
  std::vector<double> run, sorted, weights;
  for (std::size_t e = 0; e < n; ++e) {
    // As CombineRatings sees the drawn panel's file: each rating as many times as its expert was drawn, the
    // copies one after another, in the file's order.
    run.clear();
    weights.clear();
    for (std::uint32_t j = start[e]; j < start[e + 1]; ++j) {
      const std::int32_t x = expert[index.order[j]];
      run.insert(run.end(), static_cast<std::size_t>(times[x]), index.fraction[j]);
      weights.insert(weights.end(), static_cast<std::size_t>(times[x]), authority[x]);
    }
    if (static_cast<int>(run.size()) < item.min_ratings || run.empty()) continue;
    if (item.combine == Combine::kWeightedMean) {
      out[static_cast<Eigen::Index>(e)] = WeightedMean(run, weights);
    } else {
      sorted = run;
      std::sort(sorted.begin(), sorted.end());
      out[static_cast<Eigen::Index>(e)] = CombineSorted(sorted, item.combine);
    }
  }
  return out;
}

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
constexpr const char* kColumn[] = {"entity", "indicator", "expert", "rating"};

// A rating that cannot be used, to be put in words if it is among those reported. Problems are noted
// as small records so that a file of millions of bad rows costs no more memory than the ratings.
struct Problem {
  enum Kind : std::uint8_t { kEmpty, kNotRated, kUnknownEntity, kNotOnPanel, kOffScale, kTwice };
  int row;
  std::uint32_t rating;  // its number in Ratings
  Kind kind;
  std::uint32_t other;  // kEmpty: the empty column; kTwice: the number of the expert's other rating
};

// Combines one cohort's ratings in passes over them: every distinct label is looked up once
// (the constructor), each rating checked and counted per item (Check), the usable ones grouped by item
// with a counting sort (Group), each rated indicator combined on its own, on every core for large
// cohorts (Combine, CombineIndicator); the problems found are reported together (ThrowIfAny).
// An item is one rated indicator of one entity, its slot q * n + e.
class Combiner {
 public:
  Combiner(const std::vector<RatedItem>& items, const std::vector<Expert>& panel,
           const std::vector<std::string>& entity_ids, const Ratings& ratings, int threads);
  CombinedRatings Run() {
    Check();
    Group();
    CombinedRatings out = Combine();
    ThrowIfAny();
    out.index = Index();
    return out;
  }

 private:
  void Check();
  void Group();
  CombinedRatings Combine();
  void CombineIndicator(size_t q, CombinedRatings* out, std::vector<Problem>* twice) const;
  void ThrowIfAny();
  RatingsIndex Index();
  std::string Describe(const Problem& p) const;

  // The share of the points rating k earns, or kOffScale; worked out once per scale and value label.
  double Fraction(size_t q, size_t k) {
    double& f = fraction_[scale_of_[q]][value_[k]];
    if (std::isnan(f))
      f = RatingFraction(*scales_[scale_of_[q]], ratings_.labels(Ratings::kValue)[value_[k]]).value_or(kOffScale);
    return f;
  }
  // The same once Check has worked every one out (safe from several threads).
  double FractionKnown(size_t q, size_t k) const { return fraction_[scale_of_[q]][value_[k]]; }
  size_t Slot(size_t k) const { return static_cast<size_t>(leaf_of_[indicator_[k]]) * n_ + entity_of_[entity_[k]]; }

  const std::vector<RatedItem>& items_;
  const std::vector<std::string>& entity_ids_;
  const Ratings& ratings_;
  const int threads_;
  const size_t n_;                                              // entities
  const std::int32_t *entity_, *indicator_, *expert_, *value_;  // each rating's codes
  // The items' ids and scales (the distinct scales, and each item's).
  std::vector<std::string> qualitative_;
  std::vector<const Scale*> scales_;
  std::vector<int> scale_of_;
  // Per label: an indicator's item, an entity's row, an expert's authority (-1: none of them).
  std::vector<int> leaf_of_, entity_of_;
  std::vector<double> authority_;
  std::vector<std::string> panel_;
  std::array<std::int32_t, 4> empty_code_;     // the code of "" (an empty cell) in each column
  std::vector<std::vector<double>> fraction_;  // [scale][value label]; NaN until worked out
  std::vector<std::uint32_t> start_;           // item s's ratings: order_[start_[s]] .. order_[start_[s + 1] - 1]
  std::vector<std::uint32_t> order_;           // the valid ratings' numbers, grouped by item
  std::vector<Problem> problems_;
};

Combiner::Combiner(const std::vector<RatedItem>& items, const std::vector<Expert>& panel,
                   const std::vector<std::string>& entity_ids, const Ratings& ratings, int threads)
    : items_(items),
      entity_ids_(entity_ids),
      ratings_(ratings),
      threads_(threads),
      n_(entity_ids.size()),
      entity_(ratings.codes(Ratings::kEntity).data()),
      indicator_(ratings.codes(Ratings::kIndicator).data()),
      expert_(ratings.codes(Ratings::kExpert).data()),
      value_(ratings.codes(Ratings::kValue).data()) {
  for (const RatedItem& item : items) {
    qualitative_.push_back(item.id);
    auto it = std::find(scales_.begin(), scales_.end(), item.scale);
    scale_of_.push_back(static_cast<int>(it - scales_.begin()));
    if (it == scales_.end()) scales_.push_back(item.scale);
  }
  for (const std::string& id : ratings.labels(Ratings::kIndicator)) {
    auto it = std::find(qualitative_.begin(), qualitative_.end(), id);
    leaf_of_.push_back(it == qualitative_.end() ? -1 : static_cast<int>(it - qualitative_.begin()));
  }
  entity_of_ = EntityIndex(ratings.labels(Ratings::kEntity), entity_ids);
  for (const auto& e : panel) panel_.push_back(e.id);
  authority_ = Authorities(panel, ratings);
  for (int c = 0; c < 4; ++c) {
    const auto& labels = ratings.labels(static_cast<Ratings::Column>(c));
    empty_code_[c] = static_cast<std::int32_t>(std::find(labels.begin(), labels.end(), "") - labels.begin());
  }
  fraction_.assign(scales_.size(), std::vector<double>(ratings.labels(Ratings::kValue).size(),
                                                       std::numeric_limits<double>::quiet_NaN()));
}

void Combiner::Check() {
  start_.assign(qualitative_.size() * n_ + 1, 0);
  const std::int32_t* column[] = {entity_, indicator_, expert_, value_};
  for (size_t k = 0; k < ratings_.size(); ++k) {
    int empty = 0;
    while (empty < 4 && column[empty][k] != empty_code_[empty]) ++empty;
    const int q = leaf_of_[indicator_[k]];
    Problem::Kind kind;
    if (empty < 4) {
      kind = Problem::kEmpty;
    } else if (q < 0) {
      kind = Problem::kNotRated;
    } else if (entity_of_[entity_[k]] < 0) {
      kind = Problem::kUnknownEntity;
    } else if (authority_[expert_[k]] < 0) {
      kind = Problem::kNotOnPanel;
    } else if (Fraction(q, k) == kOffScale) {
      kind = Problem::kOffScale;
    } else {
      ++start_[Slot(k) + 1];
      continue;
    }
    const auto other = static_cast<std::uint32_t>(kind == Problem::kEmpty ? empty : 0);
    problems_.push_back({ratings_.row(k), static_cast<std::uint32_t>(k), kind, other});
  }
}

void Combiner::Group() {
  for (size_t s = 1; s < start_.size(); ++s) start_[s] += start_[s - 1];
  order_.resize(start_.back());
  std::vector<std::uint32_t> next(start_.begin(), start_.end() - 1);
  // The ratings Check found unusable are its problems, in the order of the ratings: skip them.
  auto problem = problems_.begin();
  for (size_t k = 0; k < ratings_.size(); ++k) {
    if (problem != problems_.end() && problem->rating == k) {
      ++problem;
      continue;
    }
    order_[next[Slot(k)]++] = static_cast<std::uint32_t>(k);  // in the file's order within an item
  }
}

CombinedRatings Combiner::Combine() {
  CombinedRatings out;
  const double kNaN = std::numeric_limits<double>::quiet_NaN();
  const size_t items = items_.size();
  out.value.assign(items, Eigen::ArrayXd::Constant(static_cast<Eigen::Index>(n_), kNaN));
  out.count.assign(items, Eigen::ArrayXi::Zero(static_cast<Eigen::Index>(n_)));
  out.cv.assign(items, Eigen::ArrayXd::Constant(static_cast<Eigen::Index>(n_), kNaN));
  out.agreement_w.assign(items, kNaN);
  out.agreement_p.assign(items, kNaN);
  // Each rated indicator on its own, on the threads asked for. Each writes only its own columns and list
  // of duplicates, and reads fractions Check has worked out: the results do not depend on the number of
  // threads.
  std::vector<std::vector<Problem>> twice(items);
  ParallelFor(static_cast<long>(items), threads_,
              [&](long q) { CombineIndicator(static_cast<size_t>(q), &out, &twice[q]); });
  for (const auto& found : twice) problems_.insert(problems_.end(), found.begin(), found.end());
  return out;
}

void Combiner::CombineIndicator(size_t q, CombinedRatings* out, std::vector<Problem>* twice) const {
  const size_t l = q;
  const RatedItem& leaf = items_[q];
  const std::uint32_t* item = start_.data() + q * n_;  // entity e's ratings: order_[item[e]] .. order_[item[e + 1] - 1]
  std::vector<double> run, sorted, weights;
  for (size_t e = 0; e < n_; ++e) {
    if (item[e] == item[e + 1]) continue;
    for (size_t b = item[e] + 1; b < item[e + 1]; ++b) {  // no expert twice in an item
      for (size_t a = item[e]; a < b; ++a) {
        if (expert_[order_[a]] != expert_[order_[b]]) continue;
        twice->push_back({ratings_.row(order_[b]), order_[b], Problem::kTwice, order_[a]});
        break;
      }
    }
    run.clear();
    weights.clear();
    for (size_t a = item[e]; a < item[e + 1]; ++a) {
      run.push_back(FractionKnown(q, order_[a]));
      weights.push_back(authority_[expert_[order_[a]]]);
    }
    sorted = run;
    std::sort(sorted.begin(), sorted.end());
    out->count[l][e] = static_cast<int>(run.size());
    out->cv[l][e] = Cv(run);
    if (static_cast<int>(run.size()) >= leaf.min_ratings) {
      out->value[l][e] =
          leaf.combine == Combine::kWeightedMean ? WeightedMean(run, weights) : CombineSorted(sorted, leaf.combine);
    }
  }
  // The panel's agreement on this indicator: Kendall's W of experts (raters) over entities (items).
  std::vector<Eigen::Index> expert_row(ratings_.labels(Ratings::kExpert).size(), -1);
  Eigen::Index raters = 0;
  for (size_t a = item[0]; a < item[n_]; ++a) {
    if (expert_row[expert_[order_[a]]] < 0) expert_row[expert_[order_[a]]] = raters++;
  }
  if (raters < 2 || n_ < 2) return;
  Eigen::MatrixXd scores =
      Eigen::MatrixXd::Constant(raters, static_cast<Eigen::Index>(n_), std::numeric_limits<double>::quiet_NaN());
  for (size_t e = 0; e < n_; ++e) {
    for (size_t a = item[e]; a < item[e + 1]; ++a)
      scores(expert_row[expert_[order_[a]]], e) = FractionKnown(q, order_[a]);
  }
  try {
    Concordance c = KendallW(scores);
    out->agreement_w[l] = c.w;
    out->agreement_p[l] = c.p_value;
  } catch (const Error&) {
    // fewer than 2 experts rated every entity: no panel agreement to report
  }
}

std::string Combiner::Describe(const Problem& p) const {
  const size_t k = p.rating;
  const std::vector<std::string>& experts = ratings_.labels(Ratings::kExpert);
  switch (p.kind) {
    case Problem::kEmpty:
      return std::string("the cell '") + kColumn[p.other] + "' is empty";
    case Problem::kNotRated: {
      const std::string& id = ratings_.label(Ratings::kIndicator, k);
      return "indicator '" + id + "' is not rated by experts in this rule file" + DidYouMean(id, qualitative_) +
             "; rated indicators: " + Join(qualitative_, ", ");
    }
    case Problem::kUnknownEntity: {
      const std::string& id = ratings_.label(Ratings::kEntity, k);
      return "entity '" + id + "' is not in the data" + DidYouMean(id, entity_ids_);
    }
    case Problem::kNotOnPanel:
      return "expert '" + experts[expert_[k]] + "' is not on the rule file's panel" +
             DidYouMean(experts[expert_[k]], panel_);
    case Problem::kOffScale: {
      const int q = leaf_of_[indicator_[k]];
      const Scale& scale = *scales_[scale_of_[q]];
      return "rating '" + ratings_.label(Ratings::kValue, k) + "' of indicator '" + qualitative_[q] +
             "' is not on the scale '" + scale.id + "' (" + Expected(scale) + ")";
    }
    case Problem::kTwice:
      return "expert '" + experts[expert_[k]] + "' rated entity '" + ratings_.label(Ratings::kEntity, k) +
             "' on indicator '" + qualitative_[leaf_of_[indicator_[k]]] + "' twice (also in row " +
             std::to_string(ratings_.row(p.other)) + ")";
  }
  return "";
}

void Combiner::ThrowIfAny() {
  if (problems_.empty()) return;
  // In the order of the file, the first 20.
  std::stable_sort(problems_.begin(), problems_.end(),
                   [](const Problem& a, const Problem& b) { return a.row < b.row; });
  const std::string source = ratings_.source.empty() ? "ratings" : ratings_.source;
  std::string text;
  const size_t total = problems_.size();
  for (size_t k = 0; k < std::min<size_t>(total, 20); ++k) {
    text += source + ":" + std::to_string(problems_[k].row) + ": " + Describe(problems_[k]) + "\n";
  }
  if (total > 20) text += "... and " + std::to_string(total - 20) + " more problems\n";
  throw DataError(text + std::to_string(total) + (total == 1 ? " problem" : " problems") + " in " + source);
}

RatingsIndex Combiner::Index() {
  RatingsIndex index;
  index.entities = n_;
  index.fraction.resize(order_.size());
  for (size_t q = 0; q < items_.size(); ++q) {
    for (size_t j = start_[q * n_]; j < start_[(q + 1) * n_]; ++j) index.fraction[j] = FractionKnown(q, order_[j]);
  }
  index.start = std::move(start_);
  index.order = std::move(order_);
  return index;
}

}  // namespace

CombinedRatings CombineRatings(const std::vector<RatedItem>& items, const std::vector<Expert>& panel,
                               const std::vector<std::string>& entity_ids, const Ratings& ratings, int threads) {
  return Combiner(items, panel, entity_ids, ratings, threads).Run();
}

}  // namespace makerscore::detail
