// The steps of a scoring run, each over whole columns (internal). The engine
// (engine.cpp) calls them in this order for every run; a replication of the
// uncertainty analysis re-runs the last two (AggregateTree, Finish) on its
// base's leaf scores.
#ifndef MAKERSCORE_SRC_SCORING_STEPS_H_
#define MAKERSCORE_SRC_SCORING_STEPS_H_

#include <Eigen/Core>
#include <string>
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
// model's nodes; weight_set, when given, replaces their shares (a replication
// of the uncertainty analysis; see SetShares). Children of groups with
// data-driven weights get them from their scores here; shares receives every
// node's share as used (derived or stated, first class). points receives
// every node's points, or the root's only when it has one column.
void AggregateTree(const std::vector<Node>& tree, const Shares* weight_set, const std::vector<int>& classes,
                   Eigen::ArrayXXd* scores, Eigen::ArrayXXd* points, FlagArray* flags, std::vector<double>* shares);

// aggregate.cpp: gives the tree these shares, and each node the maximum
// points that follow from them (the root's stay). AggregateTree with
// weight_set = &shares aggregates as it would over the tree so changed.
void SetShares(const Shares& shares, std::vector<Node>* tree);

// The outcome of a run for every entity.
struct Outcomes {
  std::vector<double> totals;      // NaN: no total
  std::vector<int> ranks;          // 0: not ranked
  int ranked = 0;                  // how many are ranked
  std::vector<int> grades;         // index into RuleSet::grades; -1: no grade
  std::vector<std::string> notes;  // what the reader should know (a share of places counted down ...)
  // 1 where a cap cut the bonus or deductions: their `max`, `within_total`, or the total's floor at 0.
  // Empty when the rule set has no bonus or deduction items.
  std::vector<char> capped;
};

// outcomes.cpp: applies the grades of the vetoes (indices into m.vetoes) that apply to an entity to its
// grade (index into rules.grades, -1 for none): a ceiling, or an outcome off the scale (by_veto_only) that
// replaces it. Applying the same list again changes nothing.
void ApplyVetoGrades(const CompiledModel& m, const std::vector<int>& vetoes, int* grade);

// outcomes.cpp: the step every run ends with, the engine's and each
// replication's. root: the tree's points (NaN where nothing was aggregated);
// unscored: entities that get no total (a missing value under the policy
// 'error'); adjustments: entity x item points of the bonus and deduction
// items (after each item's cap); unranked: entities set aside (a data cell
// that cannot be used); vetoes: the vetoes that apply to each entity;
// direct: each entity's grade by a grade's `when` (直接认定), -1 for none
// (or empty: none at all). Totals are the root's points plus the bonus less
// the deductions; entities with a total and no excluding veto are ranked,
// then graded: directly, or by their total and their rank among those not
// graded directly; a veto's grade overrides a better one.
Outcomes Finish(const CompiledModel& m, const Eigen::ArrayXd& root, const std::vector<char>& unscored,
                const Eigen::ArrayXXd& adjustments, const std::vector<char>& unranked,
                const std::vector<std::vector<int>>& vetoes, const std::vector<int>& direct);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_SCORING_STEPS_H_
