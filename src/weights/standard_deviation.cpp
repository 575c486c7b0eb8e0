// Standard-deviation weights: proportional to each column's sample standard deviation.
#include "weights/weighting.h"

namespace makerscore::detail {

namespace {

Eigen::VectorXd Weigh(const Eigen::MatrixXd& x, const DerivedWeights& /*how*/) { return Normalised(ColumnSd(x)); }

}  // namespace

const WeightingDef kStandardDeviationWeighting = {Weigh,
                                                  /*from_judgments=*/false,
                                                  /*from_scores=*/true,
                                                  /*min_entities=*/2,
                                                  "proportional to the SD of the scores",
                                                  nullptr};

}  // namespace makerscore::detail
