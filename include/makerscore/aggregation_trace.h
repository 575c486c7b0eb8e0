// makerscore: what a group aggregated over the whole cohort (TOPSIS, VIKOR, grey relational analysis,
// fuzzy comprehensive evaluation) computed, kept so that every entity's score can be explained.
#ifndef MAKERSCORE_AGGREGATION_TRACE_H_
#define MAKERSCORE_AGGREGATION_TRACE_H_

#include <Eigen/Core>
#include <string>
#include <utility>
#include <vector>

namespace makerscore {

// One group's aggregation over the cohort in one scoring run. A plain value.
struct AggregationTrace {
  // Per entity: the figures the method computed, named (TOPSIS: D+, D-, closeness; VIKOR: S, R, Q; grey:
  // the grade; fuzzy: the composed membership b of each level, then the score); figures is entities x
  // names, NaN where the entity has no score.
  std::vector<std::string> figure_names;
  Eigen::ArrayXXd figures;
  // Per entity and child, what the method compared (TOPSIS: the normalised value; VIKOR: the weighted
  // regret w (f* - f) / (f* - f-); grey: the relational coefficient); NaN where the child did not count.
  std::string per_child_name;
  Eigen::ArrayXXd per_child;
  // Per child: the cohort's best and worst (TOPSIS: ideal and anti-ideal of the normalised values; VIKOR:
  // f* and f-; grey: the reference series, and no worst (NaN)).
  std::vector<double> best, worst;
  // Cohort figures (VIKOR: S*, S-, R*, R-; grey: the two-level minimum and maximum differences; fuzzy:
  // each level's value, its share of the points on the scale).
  std::vector<std::pair<std::string, double>> cohort;
  // Conclusions about the cohort, in words (VIKOR's acceptable advantage and stability).
  std::vector<std::string> notes;
  // Fuzzy comprehensive evaluation only (empty otherwise). levels: the scale's levels (评语集), in the
  // scale's order; membership: entities x levels, the composed membership vector B divided by its sum
  // (NaN where the entity has no score); child_membership: entities x (children x levels), child j's
  // membership row at columns j * levels ..., the shares of its experts' ratings on each level (or a
  // fuzzy child group's normalised B); NaN where the child did not count.
  std::string how;  // fuzzy: the composition operator and how the score is taken, in words
  std::vector<std::string> levels;
  Eigen::ArrayXXd membership;
  Eigen::ArrayXXd child_membership;
};

}  // namespace makerscore

#endif  // MAKERSCORE_AGGREGATION_TRACE_H_
