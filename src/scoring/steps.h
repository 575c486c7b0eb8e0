// The steps of a scoring run, each over whole columns (internal). The engine
// (engine.cpp) calls them in this order for every run; a replication of the
// uncertainty analysis re-runs the last two (AggregateTree, Finish) on its
// base's leaf scores.
#ifndef MAKERSCORE_SRC_SCORING_STEPS_H_
#define MAKERSCORE_SRC_SCORING_STEPS_H_

#include <Eigen/Core>
#include <functional>
#include <string>
#include <vector>

#include "experts/combine.h"
#include "makerscore/result.h"
#include "scoring/compiled_model.h"

namespace makerscore::detail {

using FlagArray = Result::FlagArray;

// The data's file name for messages, or "the data" for a cohort built in code.
inline std::string Where(const Dataset& d) { return d.source().empty() ? std::string("the data") : d.source(); }

// missing.cpp: fills used (a copy of x) by the leaf's missing policy for
// mean, median and group_mean (groups: the codes of the group field, NaN
// where unknown); flags imputed rows and records the fill in stats. The
// other policies act on scores and are applied by the engine.
void ImputeMissing(const CompiledLeaf& leaf, const Eigen::ArrayXd& x, const double* groups, Eigen::ArrayXd* used,
                   FlagColumn* flags, IndicatorStats* stats);

// score_leaf.cpp: scores one leaf for the cohort from its values x (NaN: missing): the missing policy's
// imputation, outliers and the scoring method (a rated leaf's value is its score), then what a missing value
// earns under the policy. class_max: the leaf's most points for each class of entity (classes: each
// entity's class; both may be empty without classes); a class for which it is 0 (weighted 0 there) is not
// scored on it: no missing value, no flag, no effect on the total. groups: the group field's codes for
// group_mean. Writes used (the values scored) and score (n each, NaN: left out), ORs flags, fills stats, and
// sets unscored[i] for an entity that gets no total (policy 'error'). used may be &x, when the caller has no
// further use for the values: they are then scored in place, without a copy (a rated leaf's values are moved
// into score, leaving x with other values).
void ScoreLeaf(const CompiledLeaf& leaf, const std::vector<double>& class_max, const std::vector<int>& classes,
               const Eigen::ArrayXd& x, const double* groups, FlagColumn* flags, IndicatorStats* stats,
               Eigen::ArrayXd* used, Eigen::ArrayXd* score, std::vector<char>* unscored);

// outliers.cpp: treats the values present in used for outliers as spec says.
void TreatOutliers(const OutlierSpec& spec, Eigen::ArrayXd* used, FlagColumn* flags, IndicatorStats* stats);

// aggregate.cpp: group scores bottom-up from the leaves' scores (NaN: left
// out), then every node's points top-down, per entity class. tree is the
// model's nodes; weight_set, when given, replaces their shares (a replication
// of the uncertainty analysis; see SetShares). Children of groups with
// data-driven weights get them from their scores here; shares receives every
// node's share as used (derived or stated, first class). points receives
// every node's points, or the root's only when it has one column.
// Groups aggregated over the cohort (topsis, vikor, grey) read values (entity x node, the values scored)
// for `over: values`, and name entities by ids in their notes; traces, when given, receives what each of
// them computed, by node (the other nodes' left empty).
struct CohortContext {
  const Eigen::ArrayXXd* values = nullptr;
  const std::vector<std::string>* ids = nullptr;
  std::vector<AggregationTrace>* traces = nullptr;
  // For fuzzy evaluations: per node, a rated leaf's shares of its ratings on each level (Result::memberships),
  // and the rule set its scales are in.
  const std::vector<Eigen::ArrayXXd>* memberships = nullptr;
  const RuleSet* rules = nullptr;
};
void AggregateTree(const std::vector<Node>& tree, const Shares* weight_set, const std::vector<int>& classes,
                   Eigen::ArrayXXd* scores, Eigen::ArrayXXd* points, FlagArray* flags, std::vector<double>* shares,
                   const CohortContext& cohort);

// aggregate.cpp: true when every group of the tree is aggregated entity by entity, with shares known before
// scoring: stated or from judgments (AHP), none derived from the cohort's scores, no aggregation over the
// cohort (topsis, vikor, grey, fuzzy). Its groups can then be aggregated one at a time (AggregateGroup).
bool EntityByEntity(const std::vector<Node>& tree);

// aggregate.cpp: the leaves scored and such a tree aggregated group by group, with no entity x node array of
// scores (ScoreDetail::kTotals): from the last group back, each group's leaves are scored (score_leaf(l, out)
// writes leaf l's scores, n of them, into out) just before the group is aggregated, and its children's columns
// are reused once it has read them. The same bits as AggregateTree (each group from the same columns). flags
// gets each group's column; root_points (n x 1) the root's points; shares every node's share.
using LeafScorer = std::function<void(std::size_t leaf, Eigen::ArrayXd* out)>;
void AggregateGroupByGroup(const CompiledModel& m, const std::vector<int>& classes, const LeafScorer& score_leaf,
                           FlagArray* flags, Eigen::ArrayXXd* root_points, std::vector<double>* shares);

// aggregate.cpp: the shares of the children of node derived from the cohort's scores (the entities with
// every child's score; `equal` too), empty when its weights are stated or from judgments (AHP) alone. Combined weights
// join subjective (each child's share before the data, in order) with the objective weighting; objective,
// when given, receives the objective weights alone (for explanations).
// With `over: values` the weighting reads values (Result::used_values) instead, at the entities with every
// child's value.
std::vector<double> DataShares(const std::vector<Node>& tree, int k, const std::vector<double>& subjective,
                               const Eigen::ArrayXXd& scores, const Eigen::ArrayXXd* values,
                               std::vector<double>* objective);

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

// conditions.cpp: the points of each bonus and deduction item (missing and negative count as none, each
// capped at its max), one column per item in m.adjustments' order. Items whose arithmetic overflowed are
// named in *overflowed.
Eigen::ArrayXXd Adjustments(const CompiledModel& m, const Columns& cols, std::vector<std::string>* overflowed);

// conditions.cpp: the vetoes (indices into m.vetoes) that apply to each entity, of those decided before
// ranking or, with after_grading, of those on this year's total, rank or grade. A condition that cannot be
// decided follows the veto's if_missing; under `error` a DataError names each entity of data and the
// missing inputs.
std::vector<std::vector<int>> Vetoes(const CompiledModel& m, const Columns& cols, const Dataset& data,
                                     bool after_grading, std::vector<std::string>* overflowed);

// conditions.cpp: each entity's grade by the first grade whose `when` holds for it (直接认定), or -1; empty
// when no grade has `when`. A condition that cannot be decided does not hold, and is named in *warnings.
std::vector<int> DirectGrades(const CompiledModel& m, const Columns& cols, const std::vector<std::string>& ids,
                              std::vector<std::string>* warnings);

// conditions.cpp: a warning for each label a formula compares with that no entity has (labels: per field,
// the data's labels of a category field; last_grades: the grades of last year's result, or nullptr when
// none was given).
void UnknownLabels(const CompiledModel& m, const std::vector<const std::vector<std::string>*>& labels,
                   const std::vector<std::string>* last_grades, std::vector<std::string>* warnings);

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
// columns.cpp: pointers to the data's column of each model field (DataError naming the fields it lacks);
// the labels of each category field of data (nullptr for other fields, or fields data lacks; empty without
// data); and each entity's row in last year's result (-1: not in it).
std::vector<const double*> FieldColumns(const CompiledModel& m, const Dataset& data);
std::vector<const std::vector<std::string>*> FieldLabels(const CompiledModel& m, const Dataset* data);
std::vector<int> PreviousResultRows(const PreviousResult& last, const std::vector<std::string>& ids);

// columns.cpp: true when a group's derived weights or its aggregation over the cohort read the values used
// (over: values), which AggregateTree then needs.
bool ReadsValues(const CompiledModel& m);

// columns.cpp: the rated leaves as items to combine (experts/combine.h), in the leaves' order; item_of[l]
// receives leaf l's item, or -1 for a leaf that is not rated.
std::vector<RatedItem> RatedItems(const CompiledModel& m, std::vector<int>* item_of);

// warnings.cpp: the ids of the indicators rated by experts, joined by ", ".
std::string QualitativeIds(const CompiledModel& m);

// warnings.cpp: inputs that break no rule but are almost certainly not what was meant (Result::warnings): the
// readers' notes, last year's data the same as this year's, a ratings file without ratings, and each leaf
// with no_value[node] set (no value for any entity).
std::vector<std::string> InputWarnings(const CompiledModel& m, const Result& r, const std::vector<char>& no_value);

// columns.cpp: true when leaf's parent is a fuzzy evaluation, whose memberships are the shares of the leaf's
// ratings at each level.
bool UnderFuzzy(const CompiledModel& m, const CompiledLeaf& leaf);

// The places a share of `count` ranked entities gives (20% of 13 is 2.6 places: 2 down, 3 nearest or up).
int Places(double share, int count, PlacesRounding rounding);

Outcomes Finish(const CompiledModel& m, const Eigen::ArrayXd& root, const std::vector<char>& unscored,
                const Eigen::ArrayXXd& adjustments, const std::vector<char>& unranked,
                const std::vector<std::vector<int>>& vetoes, const std::vector<int>& direct);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_SCORING_STEPS_H_
