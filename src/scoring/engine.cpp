// The scoring engine: runs a compiled Model over a cohort.
//
// Work is column-wise: each leaf's formula is evaluated for the whole cohort
// at once, cohort statistics are computed once per leaf, and the tree is
// aggregated one node (column) at a time.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "experts/combine.h"
#include "makerscore/error.h"
#include "makerscore/score.h"
#include "scoring/compiled_model.h"
#include "util/text.h"

namespace makerscore {

namespace detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Totals closer than this count as equal for ranking (sums of the same
// points in another order can differ in the last bits).
constexpr double kTieTolerance = 1e-9;

double Median(std::vector<double> v) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

class Engine {
 public:
  static Result Run(const Model& model, std::shared_ptr<const Dataset> current,
                    std::shared_ptr<const Dataset> previous, std::shared_ptr<const Ratings> ratings) {
    if (!current) throw Error("Score: no data given");
    const CompiledModel& m = model.impl();
    Result r(model);
    r.current_ = std::move(current);
    r.previous_ = std::move(previous);
    r.ratings_ = std::move(ratings);
    const Dataset& data = *r.current_;
    const Eigen::Index n = data.entity_count();
    const int nodes = static_cast<int>(m.nodes.size());

    std::vector<const double*> cur = FieldColumns(m, data);
    std::vector<Eigen::VectorXd> prev_storage;
    std::vector<const double*> prev = PreviousColumns(m, r, &prev_storage);
    CombinedRatings combined;
    bool has_qualitative = std::any_of(m.leaves.begin(), m.leaves.end(), [](const CompiledLeaf& l) { return l.qualitative(); });
    if (has_qualitative) {
      if (!r.ratings_) {
        throw DataError("this rule file has indicators rated by experts (" + QualitativeIds(m) +
                        "); give the experts' ratings too (--ratings FILE)");
      }
      combined = CombineRatings(m, data, *r.ratings_);
    }

    r.values_ = Eigen::ArrayXXd::Constant(n, nodes, kNaN);
    r.used_ = r.values_;
    r.scores_ = r.values_;
    r.points_ = r.values_;
    r.flags_ = Result::FlagArray::Zero(n, nodes);
    r.stats_.assign(nodes, IndicatorStats{0, 0, kNaN, 0});
    std::vector<char> unscored(n, 0);

    Columns cols{cur.data(), prev.empty() ? nullptr : prev.data(), n};
    for (size_t l = 0; l < m.leaves.size(); ++l) {
      const CompiledLeaf& leaf = m.leaves[l];
      const int k = leaf.node;
      Eigen::ArrayXd x(n);
      FlagColumn flags = FlagColumn::Zero(n);
      if (leaf.qualitative()) {
        x = combined.value[l];
        for (Eigen::Index i = 0; i < n; ++i) {
          if (std::isnan(x[i])) flags[i] |= combined.count[l][i] > 0 ? (kFlagTooFewRatings | kFlagMissing) : kFlagMissing;
        }
      } else {
        Evaluate(leaf.formula, cols, &x, &flags);
        // A NaN from a formula is a missing value; make sure it is flagged as one.
        for (Eigen::Index i = 0; i < n; ++i) {
          if (std::isnan(x[i])) flags[i] |= kFlagMissing;
        }
      }
      r.values_.col(k) = x;
      ScoreLeaf(leaf, x, &flags, &r, &unscored);
      r.flags_.col(k) = flags;
    }
    Aggregate(m, &r);
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!unscored[i]) continue;
      r.points_.row(i).setConstant(kNaN);
      r.scores_(i, 0) = kNaN;
      r.flags_(i, 0) |= kFlagNotScored;
    }
    RankAndGrade(m, &r);
    return r;
  }

 private:
  static std::string QualitativeIds(const CompiledModel& m) {
    std::vector<std::string> ids;
    for (const auto& l : m.leaves) {
      if (l.qualitative()) ids.push_back(m.nodes[l.node].id);
    }
    return Join(ids, ", ");
  }

  // Pointers to the data's column of each model field.
  static std::vector<const double*> FieldColumns(const CompiledModel& m, const Dataset& data) {
    std::vector<const double*> cols;
    std::vector<std::string> absent;
    for (const auto& f : m.rules.fields) {
      int j = data.FindField(f.id);
      if (j < 0) absent.push_back(f.id);
      cols.push_back(j < 0 ? nullptr : data.values().col(j).data());
    }
    if (!absent.empty()) {
      throw DataError((data.source().empty() ? std::string("the data") : data.source()) + " lacks field" +
                      (absent.size() > 1 ? "s " : " ") + Join(absent, ", ") + " of the rule file");
    }
    return cols;
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
    std::unordered_map<std::string, int> index;
    for (int i = 0; i < prev.entity_count(); ++i) index.emplace(prev.entity_ids()[i], i);
    r.previous_rows_.resize(n);
    bool same_order = prev.entity_count() == n;
    for (Eigen::Index i = 0; i < n; ++i) {
      auto it = index.find(cur.entity_ids()[i]);
      r.previous_rows_[i] = it == index.end() ? -1 : it->second;
      same_order &= r.previous_rows_[i] == i;
    }
    std::vector<const double*> cols(m.rules.fields.size(), nullptr);
    storage->resize(m.rules.fields.size());
    for (size_t f = 0; f < m.rules.fields.size(); ++f) {
      int j = prev.FindField(m.rules.fields[f].id);
      if (j < 0) continue;  // no such column last year: prev() of it is missing
      if (same_order) {
        cols[f] = prev.values().col(j).data();
        continue;
      }
      Eigen::VectorXd& v = (*storage)[f];
      v.resize(n);
      for (Eigen::Index i = 0; i < n; ++i) {
        v[i] = r.previous_rows_[i] < 0 ? kNaN : prev.values()(r.previous_rows_[i], j);
      }
      cols[f] = v.data();
    }
    return cols;
  }

  // Missing policy, then the scoring method, for one leaf.
  static void ScoreLeaf(const CompiledLeaf& leaf, const Eigen::ArrayXd& x, FlagColumn* flags, Result* r,
                        std::vector<char>* unscored) {
    const int k = leaf.node;
    const Eigen::Index n = x.size();
    IndicatorStats& st = r->stats_[k];
    std::vector<double> present;
    present.reserve(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!std::isnan(x[i])) present.push_back(x[i]);
    }
    st.present = static_cast<int>(present.size());
    Eigen::ArrayXd used = x;
    if (leaf.missing == MissingPolicy::kMean || leaf.missing == MissingPolicy::kMedian) {
      st.fill = present.empty() ? kNaN
                : leaf.missing == MissingPolicy::kMean
                    ? std::accumulate(present.begin(), present.end(), 0.0) / static_cast<double>(present.size())
                    : Median(present);
      for (Eigen::Index i = 0; i < n; ++i) {
        if (std::isnan(x[i]) && !std::isnan(st.fill)) {
          used[i] = st.fill;
          (*flags)[i] |= kFlagImputed;
        }
      }
    }
    Eigen::ArrayXd score(n);
    if (leaf.qualitative()) {
      score = used;
      st.low = 0;
      st.high = 1;
    } else {
      leaf.impl->score(used, leaf.params, leaf.direction, &score, flags, &st);
    }
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!std::isnan(used[i])) continue;
      switch (leaf.missing) {
        case MissingPolicy::kExclude:
          (*flags)[i] |= kFlagExcluded;
          break;
        case MissingPolicy::kError:
          (*flags)[i] |= kFlagNotScored;
          (*unscored)[i] = 1;
          break;
        default:  // zero, or mean/median with nothing to impute from
          score[i] = 0;
      }
    }
    r->used_.col(k) = used;
    r->scores_.col(k) = score;
  }

  // Bottom-up: a group's score is the share-weighted mean of its present
  // children (excluded children give their share to the others). Top-down:
  // each node's points are its score times the points it could earn after
  // that redistribution, so that children's points add up to their parent's.
  static void Aggregate(const CompiledModel& m, Result* r) {
    const int nodes = static_cast<int>(m.nodes.size());
    const Eigen::Index n = r->scores_.rows();
    std::vector<Eigen::ArrayXd> den(nodes);
    for (int k = nodes - 1; k >= 0; --k) {
      const Node& node = m.nodes[k];
      if (node.children.empty()) continue;
      Eigen::ArrayXd num = Eigen::ArrayXd::Zero(n);
      den[k] = Eigen::ArrayXd::Zero(n);
      for (int c : node.children) {
        auto s = r->scores_.col(c);
        for (Eigen::Index i = 0; i < n; ++i) {
          if (std::isnan(s[i])) continue;
          num[i] += m.nodes[c].share * s[i];
          den[k][i] += m.nodes[c].share;
        }
      }
      for (Eigen::Index i = 0; i < n; ++i) {
        if (den[k][i] > 0) {
          r->scores_(i, k) = num[i] / den[k][i];
        } else {
          r->scores_(i, k) = kNaN;
          r->flags_(i, k) |= kFlagExcluded;
        }
      }
    }
    std::vector<Eigen::ArrayXd> cap(nodes);  // points each node could earn, per entity
    cap[0] = Eigen::ArrayXd::Constant(n, m.nodes[0].max_points);
    for (int k = 0; k < nodes; ++k) {
      const Node& node = m.nodes[k];
      if (k > 0) {
        const Eigen::ArrayXd& d = den[node.parent];
        cap[k] = (d > 0).select(cap[node.parent] * node.share / d, 0.0);
      }
      auto s = r->scores_.col(k);
      r->points_.col(k) = s.isNaN().select(0.0, s * cap[k]);
      if (k == 0) r->points_.col(0) = s.isNaN().select(kNaN, s * cap[0]);
    }
  }

  static void RankAndGrade(const CompiledModel& m, Result* r) {
    const Eigen::Index n = r->points_.rows();
    std::vector<int> order;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!std::isnan(r->points_(i, 0))) order.push_back(static_cast<int>(i));
    }
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return r->points_(a, 0) > r->points_(b, 0); });
    r->ranks_.assign(n, 0);
    for (size_t pos = 0; pos < order.size(); ++pos) {
      bool tie = pos > 0 && std::fabs(r->points_(order[pos], 0) - r->points_(order[pos - 1], 0)) <= kTieTolerance;
      r->ranks_[order[pos]] = tie ? r->ranks_[order[pos - 1]] : static_cast<int>(pos) + 1;
    }
    r->grades_.assign(n, -1);
    for (Eigen::Index i = 0; i < n; ++i) {
      double t = r->points_(i, 0);
      if (std::isnan(t)) continue;
      for (int g : m.grade_order) {
        if (t >= m.rules.grades[g].min - kTieTolerance) {
          r->grades_[i] = g;
          break;
        }
      }
    }
  }
};

}  // namespace detail

Result Score(const Model& model, std::shared_ptr<const Dataset> current, std::shared_ptr<const Dataset> previous,
             std::shared_ptr<const Ratings> ratings) {
  return detail::Engine::Run(model, std::move(current), std::move(previous), std::move(ratings));
}

const std::string& Result::grade(int i) const {
  static const std::string kNone;
  int g = grades_[i];
  return g < 0 ? kNone : model_.rules().grades[g].label;
}

std::vector<std::string> FlagNames(std::uint16_t flags) {
  static const std::pair<Flag, const char*> kNames[] = {
      {kFlagMissing, "missing"},     {kFlagImputed, "imputed"},         {kFlagDivisionByZero, "division_by_zero"},
      {kFlagExcluded, "excluded"},   {kFlagTooFewRatings, "too_few_ratings"}, {kFlagOutOfDomain, "out_of_domain"},
      {kFlagNoSpread, "no_spread"},  {kFlagCapped, "capped"},           {kFlagNotScored, "not_scored"},
  };
  std::vector<std::string> out;
  for (const auto& [flag, name] : kNames) {
    if (flags & flag) out.push_back(name);
  }
  return out;
}

}  // namespace makerscore
