// The kinds of mean, in the order of makerscore/means.def (the order of the Aggregation enumerators).
#include "means/mean.h"

namespace makerscore::detail {

const MeanDef& MeanOf(Aggregation kind) {
  static const MeanDef* const kMeans[] = {
#define MAKERSCORE_MEAN(kind, word) &kind##Mean,
#include "makerscore/means.def"
#undef MAKERSCORE_MEAN
  };
  return *kMeans[static_cast<int>(kind)];
}

}  // namespace makerscore::detail
