// Combined subjective-objective weights (组合赋权): the experts' or the department's weights joined with
// weights from the cohort's scores, multiplicatively (乘法合成归一化) or linearly (线性加权).
#include <cmath>
#include <string>

#include "makerscore/error.h"
#include "makerscore/weights.h"
#include "util/text.h"
#include "weights/weighting.h"

namespace makerscore {

Eigen::VectorXd CombineWeights(const Eigen::VectorXd& subjective, const Eigen::VectorXd& objective, WeightMix mix,
                               double alpha) {
  if (subjective.size() != objective.size()) {
    throw Error("combined weights: " + std::to_string(subjective.size()) + " subjective and " +
                std::to_string(objective.size()) + " objective weights");
  }
  if (mix == WeightMix::kLinear) {
    if (!(alpha >= 0 && alpha <= 1)) {
      throw Error("combined weights: alpha must lie between 0 and 1, not " + detail::FormatNumber(alpha));
    }
    return alpha * subjective + (1 - alpha) * objective;
  }
  const Eigen::VectorXd product = subjective.cwiseProduct(objective);
  const double sum = product.sum();
  if (!(sum > 0)) {
    throw Error(
        "combined weights: no child has both a subjective and an objective weight above 0, so their "
        "product normalised is undefined");
  }
  return product / sum;
}

namespace detail {

// Combined weights have no weigh of their own: the subjective half comes from the rule file (scoring/
// compile.cpp), the objective half from the `objective:` weighting, and CombineWeights joins them when
// scoring (scoring/aggregate.cpp).
const WeightingDef kCombinedWeighting = {
    nullptr,
    /*from_judgments=*/false,
    /*from_scores=*/true,
    /*min_entities=*/0,
    "combined subjective-objective weights (组合赋权): the subjective weights, AHP's from `matrix` or else the "
    "children's stated `weight`, joined with the `objective` weighting of the cohort's scores by `mix: "
    "product` (s o / sum s o, 乘法合成归一化) or `mix: linear` (alpha s + (1 - alpha) o, 线性加权)",
    nullptr};

}  // namespace detail

}  // namespace makerscore
