// Combining expert ratings of qualitative indicators (internal).
//
// Pure statistics over narrow inputs: the rated items (an id, a scale, a rule
// for combining), the panel, the cohort's entity ids and the ratings. No model
// or result types: scoring/ maps its leaves to items and reads the output.
#ifndef MAKERSCORE_SRC_EXPERTS_COMBINE_H_
#define MAKERSCORE_SRC_EXPERTS_COMBINE_H_

#include <Eigen/Core>
#include <cmath>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "makerscore/flags.h"
#include "makerscore/ratings.h"
#include "makerscore/rules.h"

namespace makerscore::detail {

// The share of the points a rating earns on scale, or nullopt when the
// rating is not on it.
std::optional<double> RatingFraction(const Scale& scale, const std::string& value);

// Combines sorted ratings (fractions) by the rule: mean, median, or the mean
// after dropping one highest and one lowest (n of them from s).
double CombineSorted(const double* s, std::size_t n, Combine combine);
double CombineSorted(const std::vector<double>& sorted, Combine combine);

// The mean of values weighted by weights (the experts' authority).
double WeightedMean(const std::vector<double>& values, const std::vector<double>& weights);

// One indicator rated by experts, as combining sees it.
struct RatedItem {
  std::string id;                // the indicator id the ratings name
  const Scale* scale = nullptr;  // not null; outlives the call
  Combine combine = Combine::kMean;
  int min_ratings = 1;  // fewer ratings than this: no value
  // Ratings whose coefficient of variation is above this disagree (kFlagDisagreement; a rule's max_cv).
  std::optional<double> max_cv;
};

// What combining one item of one entity says of it: kFlagMissing without a value, with kFlagTooFewRatings
// when it has ratings (fewer than min_ratings); kFlagDisagreement when their coefficient of variation cv is
// above the item's max_cv.
inline std::uint16_t RatingFlags(const RatedItem& item, std::size_t count, double value, double cv) {
  std::uint16_t flags = 0;
  if (std::isnan(value)) flags |= kFlagMissing | (count > 0 ? kFlagTooFewRatings : 0);
  if (item.max_cv && cv > *item.max_cv) flags |= kFlagDisagreement;
  return flags;
}

// The ratings of one item (one indicator of one entity) as they are combined:
// each rating's fraction and its expert's authority, taken in order of
// fraction, then of authority, so that the combined value does not depend on
// the order of the rows, on the experts' names, or on the layout the ratings
// were kept in. Reused from item to item.
class ItemRatings {
 public:
  void clear() { terms_.clear(); }
  // One rating (times: that many copies of it, as a panel drawn with replacement has).
  void Add(double fraction, double authority, std::size_t times = 1) {
    terms_.insert(terms_.end(), times, {fraction, authority});
  }
  std::size_t size() const { return terms_.size(); }
  // The combined value by item.combine: NaN with none, or under item.min_ratings.
  double Combine(const RatedItem& item);
  // The coefficient of variation of the fractions (NaN under 2); after Combine.
  double Cv() const;

 private:
  std::vector<std::pair<double, double>> terms_;  // (fraction, authority)
  std::vector<double> values_, weights_;
};

// Where the ratings of each item and entity are (the trace explanations read; built when asked for, see
// IndexRatings):
// the ratings of item q for entity e are order[start[q * entities + e]] ..
// order[start[q * entities + e + 1] - 1], as numbers into the Ratings, in the
// order of the file; fraction[j] is the share of the points order[j] earns.
struct RatingsIndex {
  std::size_t entities = 0;
  std::vector<std::uint32_t> start;
  std::vector<std::uint32_t> order;
  std::vector<double> fraction;
};

// The index of the ratings of a Result, made the first time it is read (Result::ratings_of).
struct RatingsTrace {
  std::once_flag once;
  RatingsIndex index;
};

// Per item (in the order given): the combined fraction per entity (NaN where
// there are fewer than min_ratings), its flags (RatingFlags), and the panel's Kendall W over the entities
// with its p-value (NaN when not computable); and whether the ratings were
// held in the dense layout (a regular panel; see combiner.cpp).
struct CombinedRatings {
  std::vector<Eigen::ArrayXd> value;
  std::vector<Eigen::Array<std::uint16_t, Eigen::Dynamic, 1>> flags;
  std::vector<double> agreement_w;
  std::vector<double> agreement_p;
  bool dense = false;
};

// Checks every rating and combines them. An expert must be on the panel
// (any expert when the panel is empty, with authority 1). Items are combined
// on `threads` threads (the results do not depend on it). Throws DataError
// listing the bad rows: an empty cell, an unknown entity, an indicator that is
// not one of the items, an expert off the panel, a rating off the scale, the
// same expert rating the same item twice.
// layout: kDenseWhenRegular keeps the ratings in the dense layout when the panel is regular enough
// (combiner.cpp); kLong always in the long one (the results are the same bit for bit; for tests).
enum class RatingsLayout { kDenseWhenRegular, kLong };
CombinedRatings CombineRatings(const std::vector<RatedItem>& items, const std::vector<Expert>& panel,
                               const std::vector<std::string>& entity_ids, const Ratings& ratings, int threads,
                               RatingsLayout layout = RatingsLayout::kDenseWhenRegular);

// The index of the ratings CombineRatings combined (the same arguments; the ratings have been checked).
RatingsIndex IndexRatings(const std::vector<RatedItem>& items, const std::vector<Expert>& panel,
                          const std::vector<std::string>& entity_ids, const Ratings& ratings);

// The authority of each expert label of ratings (Ratings::labels(kExpert)): the panel's, or 1 for every
// expert when the panel is empty; -1 for an expert off the panel and for an empty cell.
std::vector<double> Authorities(const std::vector<Expert>& panel, const Ratings& ratings);

// Item q of an index CombineRatings made, combined again for a drawn panel: expert x (a label of ratings)
// counts times[x] times (0: left out), each copy with authority[x]. Gives, bit for bit, what CombineRatings
// gives on the ratings file with each rating written times[x] times in a row, the copies named as other
// experts: per entity the combined fraction, NaN under item.min_ratings.
Eigen::ArrayXd CombineDrawn(const RatingsIndex& index, std::size_t q, const RatedItem& item, const Ratings& ratings,
                            const std::vector<double>& authority, const std::vector<int>& times);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_EXPERTS_COMBINE_H_
