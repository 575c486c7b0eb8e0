// The kinds of mean, in the order of makerscore/means.def (the order of the Aggregation enumerators).
#include <iterator>

#include "means/mean.h"

namespace makerscore::detail {

const MeanDef& MeanOf(Aggregation kind) {
  static const MeanDef* const kMeans[] = {
#define MAKERSCORE_MEAN(kind, word) &kind##Mean,
#include "makerscore/means.def"
#undef MAKERSCORE_MEAN
  };
  // The aggregations over the cohort follow the means (cohort/cohort.h has them).
  static const MeanDef kNotAMean = {nullptr, false, false, ""};
  const auto k = static_cast<size_t>(kind);
  return k < std::size(kMeans) ? *kMeans[k] : kNotAMean;
}

}  // namespace makerscore::detail
