// makerscore: the outcome of scoring a cohort.
#ifndef MAKERSCORE_RESULT_H_
#define MAKERSCORE_RESULT_H_

#include <Eigen/Core>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "makerscore/aggregation_trace.h"
#include "makerscore/dataset.h"
#include "makerscore/flags.h"
#include "makerscore/indicator_stats.h"
#include "makerscore/model.h"
#include "makerscore/previous_result.h"
#include "makerscore/ratings.h"
#include "makerscore/screening.h"

namespace makerscore {

namespace detail {
class Engine;
struct RatingsIndex;
struct RatingsTrace;
}  // namespace detail

// What a Result keeps. kFull: every node's value, value used, score and
// points, for explanations, scorecards, reports and JSON. kPoints: the same
// without the entity x node arrays of values and values used (enough for the
// ranked table, CSV and xlsx files of every indicator's points). kOutcomes:
// the totals, ranks, grades, flags, scores and all else without the values,
// values used and points of every node (at 1,000,000 makerspaces and 30
// nodes, 720 MB not written). What a result does not keep, values(),
// used_values() and points() refuse (Error), and so do Explain and the
// reports. kTotals: the totals, ranks, grades, vetoes and every node's flags,
// without the scores of every node either (300 MB less than kOutcomes at a
// million makerspaces; each group's children are scored just before it when
// the tree is aggregated entity by entity). Everything kept is the same bits
// whatever the detail.
enum class ScoreDetail { kFull, kPoints, kOutcomes, kTotals };

// Per entity and node: the raw value, the value used, the score in [0, 1] and
// the points; subtotals for every group; the total, rank and grade.
// Arrays are entity_count() x nodes().size(), column-major: one column per node.
// Immutable once returned by Score(); safe to share between threads.
class Result {
 public:
  using FlagArray = Eigen::Array<std::uint16_t, Eigen::Dynamic, Eigen::Dynamic>;

  const Model& model() const { return model_; }
  int entity_count() const { return current_->entity_count(); }
  const std::vector<std::string>& entity_ids() const { return current_->entity_ids(); }
  const std::vector<std::string>& entity_names() const { return current_->entity_names(); }
  // Index of an entity, or -1.
  int FindEntity(const std::string& id) const { return current_->FindEntity(id); }

  // The value the formula gave (NaN when missing, and for groups). Throws
  // Error for a result scored with less than ScoreDetail::kFull (so does
  // used_values unless a group's weights or aggregation read them, and points
  // with kOutcomes).
  const Eigen::ArrayXXd& values() const { return Kept(values_); }
  // The value scored, after the missing policy (NaN when not scored).
  const Eigen::ArrayXXd& used_values() const { return Kept(used_); }
  // The share of the node's points earned, in [0, 1]; NaN when excluded.
  // Throws Error for a result scored with ScoreDetail::kTotals.
  const Eigen::ArrayXXd& scores() const { return Kept(scores_); }
  // Points earned; for groups and the root (column 0) the subtotal.
  const Eigen::ArrayXXd& points() const { return Kept(points_); }
  // What this result keeps (ScoreOptions::detail).
  ScoreDetail detail() const { return detail_; }
  const FlagArray& flags() const { return flags_; }
  const std::vector<IndicatorStats>& stats() const { return stats_; }

  // The total of entity i: the indicators' points (points()(i, 0)), plus
  // bonus, minus deductions; NaN when it could not be scored.
  double total(int i) const { return totals_[i]; }
  // 1-based competition rank ("1224": equal totals share the better rank and
  // leave a gap); 0 when the entity has no total or a veto excludes it.
  int rank(int i) const { return ranks_[i]; }
  // Competition ranks of every entity on node k (a pillar, a sub-index, an indicator; node 0, the root,
  // ranks the indicators' points before bonus, deductions and vetoes): by its points (with point weights) or its score,
  // among the entities that have them (0 where it has none); values closer than 1e-9 share the better rank. Vetoes,
  // bonus and deductions do not act at this level. Computed on each call.
  std::vector<int> ranks_of(int k) const;
  // The number of entities ranked.
  int ranked_count() const { return ranked_; }
  // Points of each bonus item, then each deduction item (as positive
  // points taken away): entity_count() x items, in rule-file order, after
  // each item's cap (the overall caps apply to the total).
  const Eigen::ArrayXXd& adjustment_points() const { return adjustments_; }
  // The cells of entity i's data (this year's, then last year's) that were
  // set aside as unusable (RuleSet::bad_cells: set_aside); when any, the
  // entity is scored without them but not ranked and not graded.
  const std::vector<CellProblem>& set_aside(int i) const;
  // The vetoes that apply to entity i, as indices into model().rules().vetoes.
  const std::vector<int>& vetoes(int i) const { return vetoes_[i]; }
  // The grade entity i got directly by a grade's `when` (直接认定), as an index into
  // model().rules().grades, or -1.
  int direct_grade(int i) const { return direct_grades_.empty() ? -1 : direct_grades_[i]; }
  // Each node's share of its parent's weight as used in this run: stated,
  // AHP's, or derived from the cohort's scores (entropy, CRITIC, sd, equal).
  const std::vector<double>& shares() const { return shares_; }
  // The most points node k can earn for entity i: the total shared down the tree by shares() (weights
  // derived from the cohort's scores are known only after scoring), or the model's maximum for the
  // entity's class when there are classes; before any redistribution of a missing child's points.
  double max_points(int i, int k) const;
  // The class of entity i, an index into model().rules().classes->labels
  // (0 when the rule set has no classes).
  int entity_class(int i) const { return classes_.empty() ? 0 : classes_[i]; }
  // The grade label, or "" when no grade applies.
  const std::string& grade(int i) const;
  // The grade as an index into model().rules().grades, -1 when none applies.
  int grade_index(int i) const { return grades_[i]; }

  // What looks wrong with the inputs although it breaks no rule, in words for
  // people: last year's data the same as this year's, a ratings file without
  // ratings, an indicator with a value for no entity at all. Front ends show
  // them (the command on standard error, Python as warnings).
  const std::vector<std::string>& warnings() const { return warnings_; }

  // The membership rows of rated leaf k under a fuzzy evaluation (`aggregate: fuzzy`): entities x the
  // levels of its scale, the shares of entity i's ratings on each level (by authority under the weighted
  // mean), NaN rows where it has too few ratings; an empty array for every other node.
  const Eigen::ArrayXXd& memberships(int k) const;
  // All of them, by node (empty when no group is a fuzzy evaluation).
  const std::vector<Eigen::ArrayXXd>& all_memberships() const { return memberships_; }

  // What group k computed when it is aggregated over the cohort (topsis, vikor, grey, fuzzy), else nullptr.
  const AggregationTrace* aggregation_trace(int k) const {
    return k < static_cast<int>(traces_.size()) && !traces_[k].figure_names.empty() ? &traces_[k] : nullptr;
  }

  // When the rule set screens its cohort (`screen:`): every entity of the data as given, with its share of
  // data and whether it was kept; the entities of this result are the kept ones (current() holds only them).
  // nullptr when the rule set does not screen.
  const Screening* screening() const { return screening_.get(); }

  // The inputs the result was computed from (for explanations).
  const Dataset& current() const { return *current_; }
  const Dataset* previous() const { return previous_.get(); }
  const Ratings* ratings() const { return ratings_.get(); }
  // Last year's outcome as given (Cohort::previous_result), or nullptr; and entity i's entry in it (matched by
  // id), or -1 when it has none.
  const PreviousResult* previous_result() const { return previous_result_.get(); }
  int previous_result_row(int i) const { return previous_result_rows_.empty() ? -1 : previous_result_rows_[i]; }
  // Row of previous() holding entity i's last-year data, or -1.
  int previous_row(int i) const { return previous_rows_.empty() ? -1 : previous_rows_[i]; }
  // The ratings combined into entity i's value of qualitative node k, as
  // numbers into ratings(), in the order of the file; empty for other nodes.
  // The first call indexes the ratings (one pass over them, on a result and
  // its copies once); later calls cost the number of ratings returned.
  std::vector<std::size_t> ratings_of(int i, int k) const;

 private:
  friend class detail::Engine;
  explicit Result(Model model) : model_(std::move(model)) {}

  // array, or Error when the result was scored without it (less than ScoreDetail::kFull).
  const Eigen::ArrayXXd& Kept(const Eigen::ArrayXXd& array) const;

  Model model_;
  ScoreDetail detail_ = ScoreDetail::kFull;
  std::shared_ptr<const Dataset> current_;
  std::shared_ptr<const Dataset> previous_;
  std::shared_ptr<const Ratings> ratings_;
  const detail::RatingsIndex& rating_index() const;
  // The trace of the ratings combined, indexed when first asked for (shared by copies).
  std::shared_ptr<detail::RatingsTrace> ratings_trace_;
  std::vector<int> rated_item_;  // per node: its item in the index of the ratings, or -1
  std::vector<int> previous_rows_;
  Eigen::ArrayXXd values_, used_, scores_, points_;
  FlagArray flags_;
  std::vector<IndicatorStats> stats_;
  Eigen::ArrayXXd adjustments_;
  std::vector<double> totals_;
  std::vector<std::vector<int>> vetoes_;
  std::vector<int> direct_grades_;                   // empty when the rule set has no grade with `when`
  std::vector<std::vector<CellProblem>> set_aside_;  // empty when no cell was set aside
  std::vector<int> classes_;
  std::vector<double> shares_;
  std::vector<AggregationTrace> traces_;      // by node; empty for nodes not aggregated over the cohort
  std::vector<Eigen::ArrayXXd> memberships_;  // by node; empty unless some group is a fuzzy evaluation
  int ranked_ = 0;
  std::vector<int> ranks_;
  std::vector<int> grades_;  // index into model().rules().grades, -1 for none
  std::vector<std::string> warnings_;
  std::shared_ptr<const Screening> screening_;
  std::shared_ptr<const PreviousResult> previous_result_;
  std::vector<int> previous_result_rows_;  // empty without a previous result
};

}  // namespace makerscore

#endif  // MAKERSCORE_RESULT_H_
