// Combining expert ratings of qualitative indicators (internal).
#ifndef MAKERSCORE_SRC_EXPERTS_COMBINE_H_
#define MAKERSCORE_SRC_EXPERTS_COMBINE_H_

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "makerscore/dataset.h"
#include "makerscore/ratings.h"
#include "makerscore/rules.h"

namespace makerscore::detail {

struct CompiledModel;

// The share of the points a rating earns on scale, or nullopt when the
// rating is not on it.
std::optional<double> RatingFraction(const Scale& scale, const std::string& value);

// Combines sorted ratings (fractions) by the rule: mean, median, or the mean
// after dropping one highest and one lowest.
double CombineSorted(const std::vector<double>& sorted, Combine combine);

// The mean of values weighted by weights (the experts' authority).
double WeightedMean(const std::vector<double>& values, const std::vector<double>& weights);

// For every qualitative leaf of the model (in CompiledModel::leaves order,
// quantitative leaves left empty): the combined fraction per entity of data
// (NaN where there are fewer than min_ratings) and the number of ratings.
struct CombinedRatings {
  std::vector<Eigen::ArrayXd> value;
  std::vector<Eigen::ArrayXi> count;
  std::vector<Eigen::ArrayXd> cv;        // coefficient of variation of each item's ratings (NaN under 2)
  std::vector<double> agreement_w;       // the panel's Kendall W over the entities, per leaf (NaN if not computable)
  std::vector<double> agreement_p;
};

// Checks every rating against the model and the cohort and combines them.
// Throws DataError listing the bad rows: an unknown entity or indicator, an
// indicator that is not rated by experts, a rating off the scale, the same
// expert rating the same item twice.
CombinedRatings CombineRatings(const CompiledModel& model, const Dataset& data, const Ratings& ratings);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_EXPERTS_COMBINE_H_
