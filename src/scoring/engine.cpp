// The scoring engine: runs a compiled Model over a cohort.
//
// Work is column-wise: each leaf's formula is evaluated for the whole cohort
// at once, cohort statistics are computed once per leaf, and the tree is
// aggregated one node (column) at a time. The steps live in steps.h.
#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <unordered_map>

#include "experts/combine.h"
#include "experts/membership.h"
#include "makerscore/error.h"
#include "makerscore/score.h"
#include "scoring/outcome_columns.h"
#include "scoring/screen.h"
#include "scoring/steps.h"
#include "util/huge_pages.h"
#include "util/parallel.h"
#include "util/text.h"

namespace makerscore {

namespace detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

class Engine {
 public:
  // Scores the cohort; a rule set that screens its cohort (`screen:`) scores it twice: all of it, to find
  // each entity's share of data, then the entities kept, so that those left out move no cohort figure.
  static Result Screened(const Model& model, const Cohort& cohort, const ScoreOptions& options) {
    const std::optional<ScreenSpec>& spec = model.rules().screen;
    if (!spec) return Run(model, cohort, options);
    ScoreOptions whole = options;  // screening reads every value
    whole.detail = ScoreDetail::kFull;
    Result full = Run(model, cohort, whole);
    auto screening = std::make_shared<const Screening>(ScreenCohort(full, *spec));
    const size_t removed = screening->removed().size();
    if (removed == 0) {  // nobody left out: the first run is the result, less what the detail does not keep
      Keep(options.detail, Compiled(model), &full);
      full.screening_ = std::move(screening);
      return full;
    }
    if (removed == screening->entities.size()) {
      throw DataError("the rule file's screen: leaves every one of the " + std::to_string(removed) +
                      " entities out of the cohort (" + screening->Reason(0) +
                      " ...): nobody is left to score. Check the data, or lower screen: min_available");
    }
    Result r = Run(model, KeptCohort(cohort, *screening), options);
    r.screening_ = std::move(screening);
    return r;
  }

  // Drops from a result scored in full the arrays that `detail` does not keep, as a run with that detail
  // would not have written them (the rest is the same bits: Properties.TheLeanPath...).
  static void Keep(ScoreDetail detail, const CompiledModel& m, Result* r) {
    if (detail == ScoreDetail::kFull) return;
    r->detail_ = detail;
    r->values_.resize(0, 0);
    if (!ReadsValues(m)) r->used_.resize(0, 0);
    if (!KeepsEveryPoint(detail)) r->points_ = Eigen::ArrayXXd(r->points_.col(0));
    if (detail == ScoreDetail::kTotals) r->scores_.resize(0, 0);
  }

  static Result Run(const Model& model, const Cohort& cohort, const ScoreOptions& options) {
    if (!cohort.current) throw Error("Score: no data given");
    if (options.threads < 0) {
      throw Error("Score: threads is " + std::to_string(options.threads) +
                  "; give 1 or more threads to score on, or 0 for every core");
    }
    const CompiledModel& m = Compiled(model);
    Result r(model);
    r.current_ = cohort.current;
    r.previous_ = cohort.previous;
    r.ratings_ = cohort.ratings;
    if (cohort.previous_result) {  // last year's outcome, matched by id, for the year-on-year change
      r.previous_result_ = cohort.previous_result;
      r.previous_result_rows_ = PreviousResultRows(*cohort.previous_result, cohort.current->entity_ids());
    }
    const int threads = options.threads > 0 ? options.threads : HardwareThreads();
    const Dataset& data = *r.current_;
    const Eigen::Index n = data.entity_count();
    const int nodes = static_cast<int>(m.nodes.size());

    std::vector<const double*> cur = FieldColumns(m, data);
    std::vector<Eigen::VectorXd> prev_storage;
    std::vector<const double*> prev = PreviousColumns(m, r, &prev_storage);
    r.set_aside_ = SetAside(m, r);
    std::vector<const std::vector<std::string>*> cur_labels = FieldLabels(m, r.current_.get());
    std::vector<const std::vector<std::string>*> prev_labels = FieldLabels(m, r.previous_.get());
    Columns cols{cur.data(), prev.empty() ? nullptr : prev.data(), n, cur_labels.data(),
                 prev_labels.empty() ? nullptr : prev_labels.data()};
    std::vector<std::string> last_notes;  // entities missing from last year's result
    if (m.uses_last_result && !cohort.previous_result) {
      // The first year of a system has none. Missing for all, never guessed: a veto's if_missing decides.
      last_notes.push_back(
          "the rule file reads last year's result (last_total, last_rank or last_grade), and none was given, so "
          "it is missing for every entity; give the result file makerscore wrote last year (--previous-result "
          "FILE)");
    }
    OutcomeColumns outcomes(m.rules, data.entity_ids(), m.uses_last_result ? cohort.previous_result.get() : nullptr,
                            &last_notes);
    cols.outcomes = outcomes.columns();
    cols.outcome_labels = outcomes.labels();
    r.classes_ = Classes(m, data, cur);
    // The rated leaves as items to combine, item_of[l] for leaf l (-1: not rated).
    std::vector<int> item_of;
    const std::vector<RatedItem> items = RatedItems(m, &item_of);
    r.rated_item_.assign(nodes, -1);
    for (size_t l = 0; l < m.leaves.size(); ++l) r.rated_item_[m.leaves[l].node] = item_of[l];
    CombinedRatings combined;
    if (!items.empty()) {
      if (!r.ratings_) {
        throw DataError("this rule file has indicators rated by experts (" + QualitativeIds(m) +
                        "); give the experts' ratings too (--ratings FILE)");
      }
      combined = CombineRatings(items, m.rules.experts, data.entity_ids(), *r.ratings_, threads);
      r.ratings_trace_ = std::make_shared<RatingsTrace>();
    }

    // The entity x node arrays. Without the full detail, the values used only when a group's weights or
    // aggregation read them (over: values), and the root's points only. With kTotals and a tree aggregated
    // entity by entity, no scores either: each group's children are scored just before it is aggregated,
    // into columns reused once it has read them (a million makerspaces: 240 MB not written).
    const bool full = options.detail == ScoreDetail::kFull;
    r.detail_ = options.detail;
    const bool keep_used = full || ReadsValues(m);
    const bool streamed = options.detail == ScoreDetail::kTotals && nodes > 1 && EntityByEntity(m.nodes);
    auto unset = [&](Eigen::ArrayXXd* a, Eigen::Index cols) {
      ResizeOnHugePages(a, n, cols);
      a->setConstant(kNaN);
    };
    if (full) unset(&r.values_, nodes);
    if (keep_used) unset(&r.used_, nodes);
    if (!streamed) unset(&r.scores_, nodes);
    unset(&r.points_, KeepsEveryPoint(options.detail) ? nodes : 1);
    ResizeOnHugePages(&r.flags_, n, nodes);
    r.flags_.setZero();
    r.stats_.assign(nodes, IndicatorStats{});
    std::vector<char> unscored(n, 0);
    std::vector<char> no_value(nodes, 0);  // leaves without a value for any entity
    Eigen::ArrayXd used, score;
    // The rated leaves under fuzzy evaluations read their combined values again below; every other item's
    // combined columns are let go as soon as its leaf has read them (a million makerspaces: 12 MB an item).
    std::vector<char> under_fuzzy(items.size(), 0);
    for (size_t l = 0; l < m.leaves.size(); ++l) {
      if (m.leaves[l].qualitative() && UnderFuzzy(m, m.leaves[l])) under_fuzzy[static_cast<size_t>(item_of[l])] = 1;
    }
    Eigen::ArrayXd x;  // one leaf's values and flags at a time, in the same memory
    ResizeOnHugePages(&x, n);
    FlagColumn flags(n);
    // Leaf l scored into *out.
    auto score_leaf = [&](size_t l, Eigen::ArrayXd* out) {
      const CompiledLeaf& leaf = m.leaves[l];
      flags.setZero();
      if (leaf.qualitative()) {
        const int q = item_of[l];
        if (under_fuzzy[static_cast<size_t>(q)]) {
          x = combined.value[q];
        } else {
          x.swap(combined.value[q]);  // read once: taken, not copied (let go below)
        }
        flags = combined.flags[q];
        r.stats_[leaf.node].agreement_w = combined.agreement_w[q];
        r.stats_[leaf.node].agreement_p = combined.agreement_p[q];
        if (!under_fuzzy[static_cast<size_t>(q)]) {
          combined.value[q] = Eigen::ArrayXd();
          combined.flags[q] = FlagColumn();
        }
      } else {
        Evaluate(leaf.formula, cols, &x, &flags);
        for (Eigen::Index i = 0; i < n; ++i) {
          if (std::isnan(x[i])) flags[i] |= kFlagMissing;
        }
      }
      if (full) r.values_.col(leaf.node) = x;
      no_value[leaf.node] = x.isNaN().all();
      // Without the values used kept, x is scored in place (its values are not read again).
      ScoreLeaf(leaf, m.nodes[leaf.node].class_max_points, r.classes_, x,
                leaf.missing_group >= 0 ? cur[leaf.missing_group] : nullptr, &flags, &r.stats_[leaf.node],
                keep_used ? &used : &x, out, &unscored);
      if (keep_used) r.used_.col(leaf.node) = used;
      r.flags_.col(leaf.node) = flags;
    };
    if (streamed) {
      AggregateGroupByGroup(m, r.classes_, score_leaf, &r.flags_, &r.points_, &r.shares_);
    } else {
      for (size_t l = 0; l < m.leaves.size(); ++l) {
        score_leaf(l, &score);
        r.scores_.col(m.leaves[l].node) = score;
      }
    }
    // The membership rows of the rated leaves under fuzzy evaluations.
    for (size_t l = 0; l < m.leaves.size(); ++l) {
      const CompiledLeaf& leaf = m.leaves[l];
      if (!leaf.qualitative() || !UnderFuzzy(m, leaf)) continue;
      r.memberships_.resize(nodes);
      const auto q = static_cast<std::size_t>(item_of[l]);
      r.memberships_[leaf.node] =
          LevelShares(items[q], q, r.rating_index(), *r.ratings_, m.rules.experts, combined.value[q]);
    }
    combined = CombinedRatings();
    if (!streamed) {
      AggregateTree(m.nodes, nullptr, r.classes_, &r.scores_, &r.points_, &r.flags_, &r.shares_,
                    {keep_used ? &r.used_ : nullptr, &data.entity_ids(), &r.traces_, &r.memberships_, &m.rules});
    }
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!unscored[i]) continue;
      r.points_.row(i).setConstant(kNaN);
      if (!streamed) r.scores_(i, 0) = kNaN;
      r.flags_(i, 0) |= kFlagNotScored;
    }
    if (options.detail == ScoreDetail::kTotals) r.scores_.resize(0, 0);
    std::vector<std::string> overflowed;  // formulas whose arithmetic overflowed; direct grades not decided
    r.adjustments_ = detail::Adjustments(m, cols, &overflowed);
    r.vetoes_ = Vetoes(m, cols, data, /*after_grading=*/false, &overflowed);
    std::vector<char> unranked(n, 0);
    for (Eigen::Index i = 0; i < static_cast<Eigen::Index>(r.set_aside_.size()); ++i) {
      if (r.set_aside_[i].empty()) continue;
      unranked[i] = 1;
      r.flags_(i, 0) |= kFlagSetAside;
    }
    r.direct_grades_ = DirectGrades(m, cols, data.entity_ids(), &overflowed);
    Outcomes out = Finish(m, r.points_.col(0), unscored, r.adjustments_, unranked, r.vetoes_, r.direct_grades_);
    r.totals_ = std::move(out.totals);
    r.ranks_ = std::move(out.ranks);
    r.ranked_ = out.ranked;
    if (std::any_of(m.vetoes.begin(), m.vetoes.end(), [](const CompiledVeto& v) { return v.after_grading; })) {
      // 连续两年不合格 → 取消资格: vetoes on this year's total, rank or grade, decided now that they are known.
      outcomes.SetThisYear(r.totals_, r.ranks_, out.grades);  // totals and ranks were moved into r above
      const std::vector<std::vector<int>> after = Vetoes(m, cols, data, /*after_grading=*/true, &overflowed);
      for (Eigen::Index i = 0; i < n; ++i) {
        // Not for an entity left unranked and ungraded (set aside, excluded, no total): its outcome is unknown.
        if (after[i].empty() || (out.grades[i] < 0 && r.ranks_[i] == 0)) continue;
        r.vetoes_[i].insert(r.vetoes_[i].end(), after[i].begin(), after[i].end());
        ApplyVetoGrades(m, r.vetoes_[i], &out.grades[i]);
      }
    }
    r.grades_ = std::move(out.grades);
    for (size_t i = 0; i < out.capped.size(); ++i) {
      if (out.capped[i]) r.flags_(static_cast<Eigen::Index>(i), 0) |= kFlagAdjustmentCapped;
    }
    r.warnings_ = InputWarnings(m, r, no_value);
    r.warnings_.insert(r.warnings_.end(), overflowed.begin(), overflowed.end());
    r.warnings_.insert(r.warnings_.end(), out.notes.begin(), out.notes.end());
    r.warnings_.insert(r.warnings_.end(), last_notes.begin(), last_notes.end());
    UnknownLabels(m, cur_labels, cohort.previous_result ? outcomes.labels()[kLastGrade] : nullptr, &r.warnings_);
    return r;
  }

 private:
  // Whether a result with this detail keeps every node's points (else the root's only).
  static bool KeepsEveryPoint(ScoreDetail detail) {
    return detail == ScoreDetail::kFull || detail == ScoreDetail::kPoints;
  }

  // The set-aside cells of each entity, this year's then last year's (empty
  // when there are none). Throws DataError listing them when the rule set
  // does not allow setting cells aside.
  static std::vector<std::vector<CellProblem>> SetAside(const CompiledModel& m, const Result& r) {
    std::vector<std::vector<CellProblem>> out;
    const Dataset* sets[] = {r.current_.get(), r.previous_.get()};
    std::string listed;
    int count = 0;
    std::unordered_map<std::string_view, int> index;  // entity id -> row of this year's data
    for (int s = 0; s < 2; ++s) {
      if (!sets[s] || sets[s]->set_aside().empty()) continue;
      out.resize(r.current_->entity_count());
      if (index.empty()) {  // Dataset::FindEntity scans; many bad cells in a large cohort would be quadratic
        for (int i = 0; i < r.current_->entity_count(); ++i) index.emplace(r.current_->entity_ids()[i], i);
      }
      for (const CellProblem& p : sets[s]->set_aside()) {
        if (count++ < 20) listed += Where(*sets[s]) + ":" + std::to_string(p.row) + ": " + p.message + "\n";
        auto it = index.find(p.entity);
        if (it != index.end()) out[it->second].push_back(p);
      }
    }
    if (count && m.rules.bad_cells == BadCells::kError) {
      throw DataError(listed + std::to_string(count) + (count == 1 ? " cell" : " cells") +
                      " cannot be used, and the rule file's bad_cells is 'error' (set it to 'set_aside' to score "
                      "the rest of the cohort without them)");
    }
    return out;
  }

  // Last year's columns aligned to this year's rows (by entity id).
  static std::vector<const double*> PreviousColumns(const CompiledModel& m, Result& r,
                                                    std::vector<Eigen::VectorXd>* storage) {
    if (!m.uses_prev) return {};
    if (!r.previous_) {
      std::vector<std::string> ids;
      for (const auto& l : m.leaves) {
        if (!l.qualitative() && l.formula.uses_prev()) ids.push_back(m.nodes[l.node].id);
      }
      throw DataError("indicators " + Join(ids, ", ") +
                      " compare with last year (prev(...)); give last year's data too (--previous FILE)");
    }
    const Dataset& cur = *r.current_;
    const Dataset& prev = *r.previous_;
    const Eigen::Index n = cur.entity_count();
    // Last year's row of each entity. The two years usually list the entities in the same order: the
    // hash index of last year's ids is built only at the first id that is not in the same place.
    const std::vector<std::string>& ids = cur.entity_ids();
    const std::vector<std::string>& prev_ids = prev.entity_ids();
    std::unordered_map<std::string_view, int> index;
    r.previous_rows_.resize(n);
    bool same_order = prev.entity_count() == n;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (index.empty() && i < prev.entity_count() && prev_ids[i] == ids[i]) {
        r.previous_rows_[i] = static_cast<int>(i);
        continue;
      }
      if (index.empty()) {
        index.reserve(prev_ids.size());
        for (int j = 0; j < prev.entity_count(); ++j) index.emplace(prev_ids[j], j);
      }
      auto it = index.find(ids[i]);
      r.previous_rows_[i] = it == index.end() ? -1 : it->second;
      same_order &= r.previous_rows_[i] == i;
    }
    std::vector<const double*> cols(m.rules.fields.size(), nullptr);
    storage->resize(m.rules.fields.size());
    for (size_t f = 0; f < m.rules.fields.size(); ++f) {
      int j = prev.FindField(m.rules.fields[f].id);
      if (j < 0) continue;  // no such column last year: prev() of it is missing
      if (same_order) {
        cols[f] = prev.column(j);
        continue;
      }
      Eigen::VectorXd& v = (*storage)[f];
      v.resize(n);
      for (Eigen::Index i = 0; i < n; ++i) {
        v[i] = r.previous_rows_[i] < 0 ? kNaN : prev.value(r.previous_rows_[i], j);
      }
      cols[f] = v.data();
    }
    return cols;
  }

  // The class of each entity, from the class field's labels.
  static std::vector<int> Classes(const CompiledModel& m, const Dataset& data, const std::vector<const double*>& cur) {
    if (m.class_field < 0) return {};
    const auto& labels = m.rules.classes->labels;
    const std::string& field = m.rules.classes->field;
    const auto& categories = data.categories(data.FindField(field));
    std::vector<int> code_to_class(categories.size(), -1);
    for (size_t c = 0; c < categories.size(); ++c) {
      auto it = std::find(labels.begin(), labels.end(), categories[c]);
      if (it != labels.end()) code_to_class[c] = static_cast<int>(it - labels.begin());
    }
    std::vector<int> out(data.entity_count());
    std::string problems;
    int count = 0;
    for (int i = 0; i < data.entity_count(); ++i) {
      double code = cur[m.class_field][i];
      out[i] = std::isnan(code) ? -1 : code_to_class[static_cast<size_t>(code)];
      if (out[i] >= 0) continue;
      if (count++ < 20) {
        problems += Where(data) + ":" + std::to_string(data.row(i)) + ": column '" + field + "' is '" +
                    (std::isnan(code) ? std::string() : categories[static_cast<size_t>(code)]) +
                    "', which is none of the classes " + Join(labels, ", ") + "\n";
      }
    }
    if (count) throw DataError(problems + std::to_string(count) + " entities without a class in " + Where(data));
    return out;
  }
};

}  // namespace detail

Result Score(const Model& model, const Cohort& cohort, const ScoreOptions& options) {
  return detail::Engine::Screened(model, cohort, options);
}

Result Score(const Model& model, std::shared_ptr<const Dataset> current, std::shared_ptr<const Dataset> previous,
             std::shared_ptr<const Ratings> ratings) {
  return Score(model, Cohort{std::move(current), std::move(previous), std::move(ratings), nullptr});
}

const Eigen::ArrayXXd& Result::Kept(const Eigen::ArrayXXd& array) const {
  // Kept whole: with the full detail, or the points, or the values used that a group's weights or aggregation
  // read.
  const auto nodes = static_cast<Eigen::Index>(model_.nodes().size());
  if (detail_ == ScoreDetail::kFull || (array.rows() == entity_count() && array.cols() == nodes)) return array;
  const char* kept = detail_ == ScoreDetail::kPoints     ? "the points of every indicator but not their values"
                     : detail_ == ScoreDetail::kOutcomes ? "the totals, ranks, grades, flags and scores only"
                                                         : "the totals, ranks, grades and flags only";
  const char* named = detail_ == ScoreDetail::kPoints     ? "kPoints, Python detail=\"points\""
                      : detail_ == ScoreDetail::kOutcomes ? "kOutcomes, Python detail=\"outcomes\""
                                                          : "kTotals, Python detail=\"totals\"";
  throw Error(std::string("this result keeps ") + kept + " (it was scored with ScoreOptions::detail = " + named +
              "): score again with the full detail to read every indicator's values and points, to explain a "
              "result or to write a report");
}

const detail::RatingsIndex& Result::rating_index() const {
  detail::RatingsTrace& trace = *ratings_trace_;
  std::call_once(trace.once, [&] {
    std::vector<int> item_of;
    const auto items = detail::RatedItems(detail::Compiled(model_), &item_of);
    trace.index = detail::IndexRatings(items, model_.rules().experts, current_->entity_ids(), *ratings_);
  });
  return trace.index;
}

std::vector<std::size_t> Result::ratings_of(int i, int k) const {
  if (!ratings_trace_ || k < 0 || k >= static_cast<int>(rated_item_.size()) || rated_item_[k] < 0) return {};
  const detail::RatingsIndex& index = rating_index();
  const std::size_t slot = static_cast<std::size_t>(rated_item_[k]) * index.entities + static_cast<std::size_t>(i);
  return std::vector<std::size_t>(index.order.begin() + index.start[slot], index.order.begin() + index.start[slot + 1]);
}

double Result::max_points(int i, int k) const {
  const std::vector<Node>& nodes = model_.nodes();
  const Node& node = nodes[k];
  if (model_.class_count() > 1 || shares_.size() != nodes.size()) {
    const int c = entity_class(i);
    return c < static_cast<int>(node.class_max_points.size()) ? node.class_max_points[c] : node.max_points;
  }
  // The root's points shared down the path, multiplied from the root as the compiler multiplies them (so
  // stated weights give its numbers bit for bit).
  return k == 0 ? node.max_points : max_points(i, node.parent) * shares_[k];
}

const Eigen::ArrayXXd& Result::memberships(int k) const {
  static const Eigen::ArrayXXd kNone;
  return k >= 0 && k < static_cast<int>(memberships_.size()) ? memberships_[k] : kNone;
}

std::vector<int> Result::ranks_of(int k) const {
  const Eigen::Index n = entity_count();
  // With point weights an entity's points on the node (what the tables show), else its score.
  const bool points = model_.rules().weighting == Weighting::kPoints;
  const Eigen::ArrayXXd& scores = Kept(scores_);
  const Eigen::ArrayXXd& earned = points ? Kept(points_) : scores;
  auto shown = [&](Eigen::Index i) { return earned(i, k); };
  std::vector<int> order;
  for (Eigen::Index i = 0; i < n; ++i) {
    // A node left out for an entity has 0 points but no score: the entity has nothing to rank there.
    if (!std::isnan(scores(i, k)) && !std::isnan(shown(i))) order.push_back(static_cast<int>(i));
  }
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return shown(a) > shown(b); });
  std::vector<int> ranks(n, 0);
  for (size_t pos = 0; pos < order.size(); ++pos) {
    // As the totals are ranked: values closer than 1e-9 share the better rank.
    const bool tie = pos > 0 && std::fabs(shown(order[pos]) - shown(order[pos - 1])) <= 1e-9;
    ranks[order[pos]] = tie ? ranks[order[pos - 1]] : static_cast<int>(pos) + 1;
  }
  return ranks;
}

const std::vector<CellProblem>& Result::set_aside(int i) const {
  static const std::vector<CellProblem> kNone;
  return set_aside_.empty() ? kNone : set_aside_[i];
}

const std::string& Result::grade(int i) const {
  static const std::string kNone;
  int g = grades_[i];
  return g < 0 ? kNone : model_.rules().grades[g].label;
}

}  // namespace makerscore
