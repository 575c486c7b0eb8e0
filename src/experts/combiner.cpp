// Checking and combining the ratings of one cohort (experts/combine.h: CombineRatings, IndexRatings).
//
// Every distinct label is looked up once (the constructor) and each rating checked (Check). Then one of two
// layouts:
// - dense, when the panel is regular (each entity rated by the same few experts): a cube of one byte per
//   entity x rated indicator x expert (entity first: files list one entity's ratings together), the rating's value code
//   + 1 (0: no rating). A duplicate is a cell already filled; each item's ratings are the expert's cells in a row, and
//   Kendall's W reads the cube. Ratings written out as a grid fill it by each row's place (rating_grid.cpp).
// - long, for an irregular panel: the usable ratings grouped by item with a counting sort (Group), each item's
//   ratings a run of numbers into the Ratings.
// The index explanations read (RatingsIndex) is the long layout; IndexRatings builds it when asked for.
// Each rated indicator is combined on its own, on every core for large cohorts; the results do not depend on
// the layout, the number of threads or the order of the rows (ItemRatings). The problems found are reported
// together, in the order of the file (ThrowIfAny).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "experts/combine.h"
#include "experts/dense_ratings.h"
#include "experts/rating_grid.h"
#include "makerscore/delphi.h"
#include "makerscore/error.h"
#include "util/huge_pages.h"
#include "util/parallel.h"
#include "util/statistics.h"
#include "util/text.h"

namespace makerscore::detail {

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
// The dense layout is used while it takes at most this many bytes per rating (a panel with gaps in it
// takes more), and while the rating values have fewer distinct labels than a byte holds.
constexpr std::size_t kDenseBytesPerRating = 4;
constexpr std::size_t kDenseMaxValues = 255;
constexpr std::uint32_t kUnknown = std::numeric_limits<std::uint32_t>::max();

// A rating that cannot be used, to be put in words if it is among those reported. Problems are noted
// as small records so that a file of millions of bad rows costs no more memory than the ratings.
struct Problem {
  enum Kind : std::uint8_t { kEmpty, kNotRated, kUnknownEntity, kNotOnPanel, kOffScale, kTwice };
  int row;
  std::uint32_t rating;  // its number in Ratings
  Kind kind;
  std::uint32_t other;  // kEmpty: the empty column; kTwice: the number of the expert's other rating (kUnknown:
                        // not yet looked for)
};

// An item is one rated indicator of one entity, its slot q * n + e.
class Combiner {
 public:
  // dense: use the dense layout when the panel is regular (false: the long one, for the index).
  Combiner(const std::vector<RatedItem>& items, const std::vector<Expert>& panel,
           const std::vector<std::string>& entity_ids, const Ratings& ratings, int threads, bool dense);
  CombinedRatings Run() {
    Check();
    if (!dense_) Group();
    CombinedRatings out = Combine();
    ThrowIfAny();
    return out;
  }
  RatingsIndex Index() {
    Check();
    Group();
    ThrowIfAny();
    return TakeIndex();
  }

 private:
  void Check();
  // Check's loop for the dense layout (whose indicator, expert and value codes are a byte each).
  template <typename EntityCode>
  void FillCube(const EntityCode* entity);
  // Works out every fraction (a regular panel's values are fewer than 256): on_scale[q * values + v] is 1
  // where value label v is on item q's scale.
  std::vector<std::uint8_t> OnScale();
  // Rating k on its own: in the long layout counted in its item's slot, or a problem; in the dense layout
  // called only for a rating the cube did not take, which is a problem.
  void CheckOne(size_t k);
  void Group();
  CombinedRatings Combine();
  // Item q's ratings, combined per entity, and the panel's agreement on it.
  void CombineLong(size_t q, CombinedRatings* out, std::vector<Problem>* twice) const;
  void Agreement(size_t q, const Eigen::MatrixXd& scores, CombinedRatings* out) const;
  void ThrowIfAny();
  RatingsIndex TakeIndex();
  std::string Describe(const Problem& p) const;
  // The first usable rating before rating k of the same expert, entity and indicator (a duplicate's first:
  // one whose value is off the scale is a problem of its own, not the rating k repeats), as the long layout
  // finds it.
  size_t EarlierRating(size_t k) const {
    for (size_t j = 0; j < k; ++j) {
      if (expert_[j] == expert_[k] && entity_[j] == entity_[k] && indicator_[j] == indicator_[k] &&
          FractionKnown(static_cast<size_t>(leaf_of_[indicator_[j]]), j) >= 0)
        return j;
    }
    return k;
  }

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
  const size_t n_;                                        // entities
  const CodeColumn entity_, indicator_, expert_, value_;  // each rating's codes
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
  // The long layout: item s's ratings are order_[start_[s]] .. order_[start_[s + 1] - 1].
  std::vector<std::uint32_t> start_;
  std::vector<std::uint32_t> order_;
  // The dense layout (dense_ratings.h).
  bool dense_ = false;
  DenseRatings cube_;
  std::vector<Problem> problems_;
};

Combiner::Combiner(const std::vector<RatedItem>& items, const std::vector<Expert>& panel,
                   const std::vector<std::string>& entity_ids, const Ratings& ratings, int threads, bool dense)
    : items_(items),
      entity_ids_(entity_ids),
      ratings_(ratings),
      threads_(threads),
      n_(entity_ids.size()),
      entity_(ratings.codes(Ratings::kEntity)),
      indicator_(ratings.codes(Ratings::kIndicator)),
      expert_(ratings.codes(Ratings::kExpert)),
      value_(ratings.codes(Ratings::kValue)) {
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
  const size_t experts = ratings.labels(Ratings::kExpert).size();
  const size_t cells = items.size() * n_ * experts;
  // The cube is filled from byte codes (FillCube): an indicator, expert or value column of more than 256
  // labels keeps the long layout (the same results).
  dense_ = dense && ratings.labels(Ratings::kValue).size() < kDenseMaxValues &&
           cells <= kDenseBytesPerRating * ratings.size() + 65536 && indicator_.narrow() && expert_.narrow() &&
           value_.narrow();
  if (dense_) cube_ = {n_, items.size(), experts, {}};
}

void Combiner::Check() {
  if (dense_) {
    AssignOnHugePages(&cube_.cells, cube_.entities * cube_.items * cube_.experts, std::uint8_t{0});
    if (entity_.narrow()) return FillCube(entity_.narrow());
    return FillCube(entity_.wide());
  }
  start_.assign(qualitative_.size() * n_ + 1, 0);
  for (size_t k = 0; k < ratings_.size(); ++k) CheckOne(k);
}

std::vector<std::uint8_t> Combiner::OnScale() {
  const size_t values = ratings_.labels(Ratings::kValue).size();
  std::vector<std::uint8_t> on_scale(items_.size() * values, 0);
  for (size_t q = 0; q < items_.size(); ++q) {
    for (size_t v = 0; v < values; ++v) {
      double& f = fraction_[scale_of_[q]][v];
      if (std::isnan(f))
        f = RatingFraction(*scales_[scale_of_[q]], ratings_.labels(Ratings::kValue)[v]).value_or(kOffScale);
      on_scale[q * values + v] = f >= 0 && static_cast<std::int32_t>(v) != empty_code_[Ratings::kValue];
    }
  }
  return on_scale;
}

template <typename EntityCode>
void Combiner::FillCube(const EntityCode* entity) {
  // What the loop asks of each code, as tables of a byte or an int: the indicator's item (-1: not rated), the
  // expert's place on the panel (0: off it), whether a value is on each item's scale.
  const std::vector<std::uint8_t> on_scale = OnScale();
  GridCodes grid{ratings_.size(),
                 ratings_.labels(Ratings::kValue).size(),
                 indicator_.narrow(),
                 expert_.narrow(),
                 value_.narrow(),
                 leaf_of_,
                 entity_of_,
                 authority_,
                 on_scale,
                 empty_code_};
  if (FillCubeFromGrid(entity, grid, &cube_)) return;
  const size_t values = ratings_.labels(Ratings::kValue).size();
  std::vector<std::uint8_t> on_panel(authority_.size());
  for (size_t x = 0; x < authority_.size(); ++x) on_panel[x] = authority_[x] >= 0;
  const std::uint8_t* indicator = indicator_.narrow();
  const std::uint8_t* expert = expert_.narrow();
  const std::uint8_t* value = value_.narrow();
  const int* item_of = leaf_of_.data();
  const int* row_of = entity_of_.data();
  const size_t items = cube_.items, experts = cube_.experts;
  std::uint8_t* cells = cube_.cells.data();
  for (size_t k = 0; k < ratings_.size(); ++k) {
    const int q = item_of[indicator[k]];
    const int e = row_of[entity[k]];
    if (q >= 0 && e >= 0 && on_panel[expert[k]] && on_scale[static_cast<size_t>(q) * values + value[k]]) {
      std::uint8_t& cell = cells[(static_cast<size_t>(e) * items + static_cast<size_t>(q)) * experts + expert[k]];
      if (cell == 0) {
        cell = static_cast<std::uint8_t>(value[k] + 1);
        continue;
      }
    }
    CheckOne(k);
  }
}

void Combiner::CheckOne(size_t k) {
  const CodeColumn* column[] = {&entity_, &indicator_, &expert_, &value_};
  const int q = leaf_of_[indicator_[k]];
  int empty = 0;
  while (empty < 4 && (*column[empty])[k] != empty_code_[empty]) ++empty;
  Problem::Kind kind;
  std::uint32_t other = 0;
  if (empty < 4) {
    kind = Problem::kEmpty;
    other = static_cast<std::uint32_t>(empty);
  } else if (q < 0) {
    kind = Problem::kNotRated;
  } else if (entity_of_[entity_[k]] < 0) {
    kind = Problem::kUnknownEntity;
  } else if (authority_[expert_[k]] < 0) {
    kind = Problem::kNotOnPanel;
  } else if (Fraction(q, k) == kOffScale) {
    kind = Problem::kOffScale;
  } else if (!dense_) {
    ++start_[Slot(k) + 1];
    return;
  } else {
    kind = Problem::kTwice;  // the other rating is looked for only if this problem is reported
    other = kUnknown;
  }
  problems_.push_back({ratings_.row(k), static_cast<std::uint32_t>(k), kind, other});
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
  if (dense_) {
    std::vector<const std::vector<double>*> fraction;
    for (size_t q = 0; q < items_.size(); ++q) fraction.push_back(&fraction_[scale_of_[q]]);
    CombineDense(cube_, items_, fraction, authority_, threads_, &out);
    return out;
  }
  const double kNaN = std::numeric_limits<double>::quiet_NaN();
  const size_t items = items_.size();
  out.value.assign(items, Eigen::ArrayXd::Constant(static_cast<Eigen::Index>(n_), kNaN));
  out.flags.assign(
      items, Eigen::Array<std::uint16_t, Eigen::Dynamic, 1>::Constant(static_cast<Eigen::Index>(n_), kFlagMissing));
  out.agreement_w.assign(items, kNaN);
  out.agreement_p.assign(items, kNaN);
  // Each rated indicator on its own, on the threads asked for. Each writes only its own columns and list
  // of duplicates, and reads fractions Check has worked out: the results do not depend on the number of
  // threads.
  std::vector<std::vector<Problem>> twice(items);
  ParallelFor(static_cast<long>(items), threads_,
              [&](long q) { CombineLong(static_cast<size_t>(q), &out, &twice[q]); });
  for (const auto& found : twice) problems_.insert(problems_.end(), found.begin(), found.end());
  return out;
}

void Combiner::CombineLong(size_t q, CombinedRatings* out, std::vector<Problem>* twice) const {
  const RatedItem& leaf = items_[q];
  const std::uint32_t* item = start_.data() + q * n_;  // entity e's ratings: order_[item[e]] .. order_[item[e + 1] - 1]
  ItemRatings run;
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
    for (size_t a = item[e]; a < item[e + 1]; ++a) run.Add(FractionKnown(q, order_[a]), authority_[expert_[order_[a]]]);
    out->value[q][e] = run.Combine(leaf);
    out->flags[q][e] = RatingFlags(leaf, run.size(), out->value[q][e],
                                   leaf.max_cv ? run.Cv() : std::numeric_limits<double>::quiet_NaN());
  }
  // The panel's agreement on this indicator: Kendall's W of the experts who rated every entity (KendallW
  // reads only those), in the order of their codes. Only their rows are made: a sparse panel of thousands of
  // experts rating a few entities each would otherwise ask for experts x entities doubles, all NaN.
  std::vector<size_t> rated(ratings_.labels(Ratings::kExpert).size(), 0);
  for (size_t a = item[0]; a < item[n_]; ++a) ++rated[expert_[order_[a]]];
  std::vector<Eigen::Index> expert_row(rated.size(), -1);
  Eigen::Index raters = 0;
  for (size_t x = 0; x < rated.size(); ++x) expert_row[x] = rated[x] >= n_ ? raters++ : -1;
  if (raters < 2 || n_ < 2) return;
  Eigen::MatrixXd scores =
      Eigen::MatrixXd::Constant(raters, static_cast<Eigen::Index>(n_), std::numeric_limits<double>::quiet_NaN());
  for (size_t e = 0; e < n_; ++e) {
    for (size_t a = item[e]; a < item[e + 1]; ++a) {
      if (const Eigen::Index row = expert_row[expert_[order_[a]]]; row >= 0)
        scores(row, e) = FractionKnown(q, order_[a]);
    }
  }
  Agreement(q, scores, out);
}

void Combiner::Agreement(size_t q, const Eigen::MatrixXd& scores, CombinedRatings* out) const {
  try {
    Concordance c = KendallW(scores);
    out->agreement_w[q] = c.w;
    out->agreement_p[q] = c.p_value;
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
    case Problem::kTwice: {
      const size_t other = p.other != kUnknown ? p.other : EarlierRating(k);
      return "expert '" + experts[expert_[k]] + "' rated entity '" + ratings_.label(Ratings::kEntity, k) +
             "' on indicator '" + qualitative_[leaf_of_[indicator_[k]]] + "' twice (also in row " +
             std::to_string(ratings_.row(other)) + ")";
    }
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

RatingsIndex Combiner::TakeIndex() {
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
                               const std::vector<std::string>& entity_ids, const Ratings& ratings, int threads,
                               RatingsLayout layout) {
  return Combiner(items, panel, entity_ids, ratings, threads, layout == RatingsLayout::kDenseWhenRegular).Run();
}

RatingsIndex IndexRatings(const std::vector<RatedItem>& items, const std::vector<Expert>& panel,
                          const std::vector<std::string>& entity_ids, const Ratings& ratings) {
  return Combiner(items, panel, entity_ids, ratings, 1, /*dense=*/false).Index();
}

}  // namespace makerscore::detail
