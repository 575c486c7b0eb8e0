// The steps of a scoring run, each over whole columns (internal). The engine
// (engine.cpp) calls them in this order for every run.
#ifndef MAKERSCORE_SRC_SCORING_STEPS_H_
#define MAKERSCORE_SRC_SCORING_STEPS_H_

#include <Eigen/Core>
#include <vector>

#include "makerscore/result.h"
#include "scoring/compiled_model.h"

namespace makerscore::detail {

using FlagArray = Result::FlagArray;

// missing.cpp: fills used (a copy of x) by the leaf's missing policy for
// mean, median and group_mean (groups: the codes of the group field, NaN
// where unknown); flags imputed rows and records the fill in stats. The
// other policies act on scores and are applied by the engine.
void ImputeMissing(const CompiledLeaf& leaf, const Eigen::ArrayXd& x, const double* groups, Eigen::ArrayXd* used,
                   FlagColumn* flags, IndicatorStats* stats);

// outliers.cpp: treats the values present in used for outliers as spec says.
void TreatOutliers(const OutlierSpec& spec, Eigen::ArrayXd* used, FlagColumn* flags, IndicatorStats* stats);

// aggregate.cpp: group scores bottom-up from the leaves' scores (NaN: left
// out), then every node's points top-down, per entity class. tree is the
// model's nodes (or a copy with other shares, for the uncertainty analysis). Children of
// groups with data-driven weights get them from their scores here; shares
// receives every node's share as used (derived or stated, first class).
void AggregateTree(const std::vector<Node>& tree, const std::vector<int>& classes, Eigen::ArrayXXd* scores,
                   Eigen::ArrayXXd* points, FlagArray* flags, std::vector<double>* shares);

// outcomes.cpp: the total from the tree's points with bonus and deductions.
// adjustments: entity x item points (after each item's cap).
void ApplyAdjustments(const CompiledModel& m, const Eigen::ArrayXd& tree, const Eigen::ArrayXXd& adjustments,
                      std::vector<double>* totals);
// Ranks the entities with a total and no excluding veto; grades them.
void RankAndGrade(const CompiledModel& m, const std::vector<double>& totals, const std::vector<char>& unranked,
                  const std::vector<std::vector<int>>& vetoes, std::vector<int>* ranks, int* ranked,
                  std::vector<int>* grades);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_SCORING_STEPS_H_
