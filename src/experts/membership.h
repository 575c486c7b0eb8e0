// The membership rows of a fuzzy comprehensive evaluation from the experts' ratings (internal).
#ifndef MAKERSCORE_SRC_EXPERTS_MEMBERSHIP_H_
#define MAKERSCORE_SRC_EXPERTS_MEMBERSHIP_H_

#include <Eigen/Core>
#include <cstddef>
#include <vector>

#include "experts/combine.h"
#include "makerscore/ratings.h"
#include "makerscore/rules.h"

namespace makerscore::detail {

// Per entity, the shares of item q's ratings on each level of its scale (which has levels): entities x
// levels, each row summing to 1. Under the weighted mean (Combine::kWeightedMean) an expert counts by
// authority (panel), else each rating counts once. A row is NaN where value (the combined rating) is NaN:
// fewer ratings than the item needs, or none. index is CombineRatings' trace of the same ratings.
Eigen::ArrayXXd LevelShares(const RatedItem& item, std::size_t q, const RatingsIndex& index, const Ratings& ratings,
                            const std::vector<Expert>& panel, const Eigen::ArrayXd& value);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_EXPERTS_MEMBERSHIP_H_
