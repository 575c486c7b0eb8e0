// The ways of deriving a group's children's weights (internal). Each is one file in this folder and
// one line of makerscore/weightings.def; the rest of the pipeline asks WeightingOf() for it.
#ifndef MAKERSCORE_SRC_WEIGHTS_WEIGHTING_H_
#define MAKERSCORE_SRC_WEIGHTS_WEIGHTING_H_

#include <Eigen/Core>
#include <vector>

#include "makerscore/rules.h"

namespace makerscore::detail {

struct WeightingDef {
  // Weights summing to 1 of the columns of scores (entities x children, every score present), with the
  // options of how (CRITIC's correlation), or nullptr for a weighting that does not weigh data (AHP's come
  // from the experts' judgments).
  Eigen::VectorXd (*weigh)(const Eigen::MatrixXd& scores, const DerivedWeights& how);
  bool from_judgments;  // derived from the rule file's pairwise comparisons when it is compiled (`matrix`)
  bool from_scores;     // derived from the cohort's scores when scoring (so never the same two years running)
  int min_entities;     // fewer entities with every child's score than this: an error when scoring
  const char* summary;  // what it computes, for the rule-format reference (after "`word`: ")
  // Weights from the children's values rather than their scores (`over: values`), as the paper that introduced
  // the weighting computes them from the decision matrix; lower[j] marks a child whose lower values are better.
  // nullptr when the weighting works on scores only.
  Eigen::VectorXd (*weigh_values)(const Eigen::MatrixXd& values, const std::vector<char>& lower,
                                  const DerivedWeights& how);
};

// values with every lower-is-better column inverted (1 / x), so that higher is better everywhere: the
// benefit form of the ratio weightings (CILOS's min / x, MEREC's x / max, up to each column's scale).
// Throws Error for a lower-is-better value that is not above 0.
Eigen::MatrixXd BenefitForm(const Eigen::MatrixXd& values, const std::vector<char>& lower);

// The definition of a weighting (not kStated).
const WeightingDef& WeightingOf(WeightsMethod method);

// w / its sum; equal weights when the sum is not positive (every column uninformative).
Eigen::VectorXd Normalised(const Eigen::VectorXd& w);
// The sample standard deviation (n - 1) of each column.
Eigen::VectorXd ColumnSd(const Eigen::MatrixXd& x);

// The weightings, one per file in this folder.
#define MAKERSCORE_WEIGHTING(kind, word) extern const WeightingDef kind##Weighting;
#include "makerscore/weightings.def"
#undef MAKERSCORE_WEIGHTING

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_WEIGHTS_WEIGHTING_H_
