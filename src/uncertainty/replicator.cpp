#include "uncertainty/replicator.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>

#include "makerscore/error.h"
#include "rules/variant.h"
#include "scoring/compiled_model.h"
#include "scoring/screen.h"
#include "scoring/steps.h"
#include "util/parallel.h"
#include "weights/weighting.h"

namespace makerscore::detail {

namespace {

constexpr int kWeightSets = 1000;  // weight sets drawn in advance; a replication picks one
constexpr int kBootstrapPanels = 200;

bool Varies(const UncertainInputs& u) { return u.weight_noise > 0 || u.dirichlet; }

}  // namespace

Replicator::Replicator(const Model& model, const Cohort& cohort, const UncertainInputs& inputs, std::uint64_t seed)
    : model_(model), cohort_(cohort), u_(inputs) {
  for (const CompiledVeto& v : detail::Compiled(model_).vetoes) {
    if (v.after_grading) {  // a replication re-ranks without re-reading its conditions: refused, not ignored
      throw Error("the veto '" + v.veto->id + "' (" + v.veto->name +
                  ") reads this year's total, rank or grade; the uncertainty analysis cannot vary the outcomes "
                  "such a veto depends on yet. Analyse a copy of the rule file without it");
    }
  }
  nominal_ = std::make_shared<Result>(Score(model_, cohort_));  // on this thread: the replications have the others
  // Screening is decided once, on the data as given: the replications score the entities kept (their
  // variant rule sets do not screen again, so that every replication has the same entities).
  if (const Screening* s = nominal_->screening(); s && !s->removed().empty()) cohort_ = KeptCohort(cohort_, *s);
  const Ratings* ratings_ = cohort_.ratings.get();
  for (const DiscreteInput& d : DiscreteInputs(u_)) inputs_.push_back({d.name, d.count});
  discrete_ = static_cast<int>(inputs_.size());
  // Draws in a fixed order from one generator: the same seed, the same panels and weights.
  std::mt19937_64 rng(seed ^ 0x6d616b657273636fULL);
  if (u_.panel != UncertainInputs::Panel::kFixed && ratings_) {
    experts_ = ratings_->labels(Ratings::kExpert);
    const int e = static_cast<int>(experts_.size());
    if (e >= 2) {
      if (u_.panel == UncertainInputs::Panel::kLeaveOneOut) {
        for (int k = 0; k < e; ++k) {
          panels_.emplace_back(e, 1);
          panels_.back()[k] = 0;
        }
      } else {
        std::uniform_int_distribution<int> pick(0, e - 1);
        for (int k = 0; k < kBootstrapPanels; ++k) {
          panels_.emplace_back(e, 0);
          for (int j = 0; j < e; ++j) ++panels_.back()[pick(rng)];
        }
      }
      panel_input_ = static_cast<int>(inputs_.size());
      inputs_.push_back(
          {u_.panel == UncertainInputs::Panel::kBootstrap ? "experts (bootstrap)" : "experts (leave one out)",
           static_cast<int>(panels_.size())});
    }
  }
  if (panel_input_ >= 0 && !PanelChangesMemberships()) {
    recombine_ = true;
    items_ = RatedItems(Compiled(model_), &item_of_);
    index_ = IndexRatings(items_, model_.rules().experts, cohort_.current->entity_ids(), *cohort_.ratings);
    authority_ = Authorities(model_.rules().experts, *cohort_.ratings);
    panel_values_.resize(panels_.size() + 1);  // the last: the whole panel (the input as the rule file says)
  }
  if (Varies(u_)) {
    for (int k = 0; k < kWeightSets; ++k) weight_sets_.push_back(WeightSet(rng));
    weights_input_ = static_cast<int>(inputs_.size());
    inputs_.push_back({"weights", kWeightSets});
  }
  if (inputs_.empty()) {
    throw Error(
        "nothing varies: give the uncertain inputs (weights, alternative methods, means, missing-data "
        "policies, winsorisation limits or the expert panel) in the rule file's 'uncertainty:' section");
  }
}

bool Replicator::PanelChangesMemberships() const {
  const CompiledModel& m = Compiled(model_);
  for (const CompiledLeaf& leaf : m.leaves) {
    if (!leaf.qualitative()) continue;
    if (UnderFuzzy(m, leaf)) return true;
    const Node& parent = m.nodes[m.nodes[leaf.node].parent];
    for (const auto& a : u_.aggregations) {
      if (a.indicator == parent.id &&
          std::find(a.alternatives.begin(), a.alternatives.end(), Aggregation::kFuzzy) != a.alternatives.end()) {
        return true;
      }
    }
  }
  return false;
}

int Replicator::PanelOf(const std::vector<int>& choice) const {
  const int p = choice[panel_input_];
  return p < 0 ? static_cast<int>(panels_.size()) : p;
}

void Replicator::CombinePanel(int p) {
  std::vector<Eigen::ArrayXd>& values = panel_values_[p];
  if (!values.empty()) return;
  const std::vector<int> whole(experts_.size(), 1);
  const std::vector<int>& times = p < static_cast<int>(panels_.size()) ? panels_[p] : whole;
  for (size_t q = 0; q < items_.size(); ++q) {
    values.push_back(CombineDrawn(index_, q, items_[q], *cohort_.ratings, authority_, times));
  }
}

Shares Replicator::WeightSet(std::mt19937_64& rng) const {
  const auto& nodes = model_.nodes();
  Shares shares(nodes.size());
  for (size_t k = 0; k < nodes.size(); ++k) shares[k] = nodes[k].class_share;
  std::uniform_real_distribution<double> unit(0, 1);
  for (size_t k = 0; k < nodes.size(); ++k) {
    const Node& group = nodes[k];
    if (group.children.empty()) continue;
    if (!u_.weight_groups.empty() &&
        std::find(u_.weight_groups.begin(), u_.weight_groups.end(), group.id) == u_.weight_groups.end()) {
      continue;
    }
    // One factor per child, the same for every class.
    std::vector<double> factor;
    for (int c : group.children) {
      if (u_.dirichlet) {
        // Gamma(concentration x share) draws, normalised below: a Dirichlet around the shares.
        std::gamma_distribution<double> g(std::max(u_.concentration * nodes[c].share, 1e-9), 1.0);
        factor.push_back(nodes[c].share > 0 ? g(rng) / nodes[c].share : 0);
      } else {
        factor.push_back(1 + u_.weight_noise * (2 * unit(rng) - 1));
      }
    }
    for (size_t q = 0; q < group.class_share.size(); ++q) {
      double sum = 0;
      for (size_t j = 0; j < group.children.size(); ++j) {
        shares[group.children[j]][q] = nodes[group.children[j]].class_share[q] * factor[j];
        sum += shares[group.children[j]][q];
      }
      if (sum > 0) {
        for (int c : group.children) shares[c][q] /= sum;
      }
    }
  }
  return shares;
}

std::vector<int> Replicator::Choose(const double* u) const {
  std::vector<int> out(inputs_.size());
  for (size_t k = 0; k < inputs_.size(); ++k) {
    out[k] = std::min(inputs_[k].count - 1, static_cast<int>(u[k] * inputs_[k].count));
  }
  return out;
}

Replicator::Key Replicator::KeyOf(const std::vector<int>& choice) const {
  Key key(choice.begin(), choice.begin() + discrete_);
  key.push_back(panel_input_ >= 0 && !recombine_ ? choice[panel_input_] : -1);
  return key;
}

std::pair<RuleSet, std::shared_ptr<const Ratings>> Replicator::VariantInputs(const Key& key) const {
  RuleSet rules = ApplyChoices(model_.rules(), u_, std::vector<int>(key.begin(), key.end() - 1));
  rules.uncertainty.reset();
  const int panel = key.back();
  if (panel < 0) return {std::move(rules), cohort_.ratings};
  // The panel: each expert's ratings as many times as the expert was drawn, the copies named E1#2, E1#3 ...
  const Ratings& all = *cohort_.ratings;
  auto drawn = std::make_shared<Ratings>(all.source);
  const std::vector<int>& times = panels_[panel];
  const CodeColumn expert = all.codes(Ratings::kExpert);
  for (size_t k = 0; k < all.size(); ++k) {
    const int e = expert[k];
    for (int c = 0; c < times[e]; ++c) {
      drawn->Add(all.label(Ratings::kEntity, k), all.label(Ratings::kIndicator, k),
                 c == 0 ? experts_[e] : experts_[e] + "#" + std::to_string(c + 1), all.label(Ratings::kValue, k),
                 all.row(k));
    }
  }
  std::vector<Expert> copies;
  for (const Expert& x : rules.experts) {
    auto it = std::find(experts_.begin(), experts_.end(), x.id);
    if (it == experts_.end()) continue;
    for (int c = 1; c < times[it - experts_.begin()]; ++c) {
      copies.push_back(x);
      copies.back().id += "#" + std::to_string(c + 1);
    }
  }
  rules.experts.insert(rules.experts.end(), copies.begin(), copies.end());
  return {std::move(rules), std::move(drawn)};
}

Replicator::Base Replicator::MakeBase(const Key& key) const {
  auto [rules, ratings] = VariantInputs(key);
  rules.screen.reset();  // decided once (see the constructor)
  static std::atomic<std::uint64_t> serials{0};
  Base base{Model::Compile(rules), {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, ++serials};
  const Result r = Score(base.model, Cohort{cohort_.current, cohort_.previous, ratings, cohort_.previous_result});
  base.scores = r.scores();
  const CompiledModel& m = Compiled(base.model);
  if (ReadsValues(m)) base.used = r.used_values();  // else nobody reads them: n x nodes doubles not kept
  base.adjustments = r.adjustment_points();
  base.memberships = r.all_memberships();
  const int n = r.entity_count();
  if (rules.classes) {
    for (int i = 0; i < n; ++i) base.classes.push_back(r.entity_class(i));
  }
  base.fields = FieldColumns(m, *cohort_.current);
  base.unscored.resize(n);
  base.unranked.resize(n);
  base.vetoes.resize(n);
  for (int i = 0; i < n; ++i) {
    if (recombine_) {  // the rated leaves' part is each panel's (Run)
      for (const CompiledLeaf& leaf : m.leaves) {
        if (!leaf.qualitative() && (r.flags()(i, leaf.node) & kFlagNotScored)) base.unscored[i] = 1;
      }
    } else {
      base.unscored[i] = (r.flags()(i, 0) & kFlagNotScored) != 0;
    }
    base.unranked[i] = !r.set_aside(i).empty();
    base.vetoes[i] = r.vetoes(i);
  }
  if (!m.direct_grades.empty()) {
    for (int i = 0; i < n; ++i) base.direct.push_back(r.direct_grade(i));
  }
  return base;
}

void Replicator::Prepare(const std::vector<std::vector<int>>& choices, int threads) {
  std::vector<Key> keys;
  for (const auto& c : choices) {
    Key key = KeyOf(c);
    if (!bases_.count(key) && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  std::vector<std::unique_ptr<Base>> made(keys.size());
  ParallelFor(static_cast<long>(keys.size()), threads,
              [&](long k) { made[k] = std::make_unique<Base>(MakeBase(keys[k])); });
  for (size_t k = 0; k < keys.size(); ++k) bases_.emplace(keys[k], std::move(*made[k]));
  if (!recombine_) return;
  std::vector<char> needed(panel_values_.size(), 0);
  for (const auto& c : choices) needed[PanelOf(c)] = 1;
  ParallelFor(static_cast<long>(needed.size()), threads, [&](long p) {
    if (needed[p]) CombinePanel(static_cast<int>(p));
  });
}

Outcomes Replicator::Run(const std::vector<int>& choice) const {
  const Base& base = bases_.at(KeyOf(choice));
  const CompiledModel& m = Compiled(base.model);
  const int w = weights_input_ >= 0 ? choice[weights_input_] : -1;
  // The base's leaf scores aggregated with this weight set, then finished as the engine finishes. The
  // buffers are the thread's own, reused from one replication to the next.
  thread_local Eigen::ArrayXXd scores, used, points;
  thread_local Result::FlagArray flags;  // written by AggregateTree, never read here
  thread_local std::vector<double> shares;
  thread_local std::uint64_t held = 0;  // the base whose leaf scores `scores` holds
  const Eigen::Index n = base.scores.rows();
  // AggregateTree reads the leaves' columns and writes every group's column whole: the leaf scores are
  // copied in only when the thread last ran another base.
  if (held != base.serial) {
    scores = base.scores;
    if (recombine_) used = base.used;
    flags.resize(n, scores.cols());
    held = base.serial;
  }
  points.resize(n, 1);
  if (!recombine_) {
    AggregateTree(m.nodes, w >= 0 ? &weight_sets_[w] : nullptr, base.classes, &scores, &points, &flags, &shares,
                  {base.used.size() ? &base.used : nullptr, nullptr, nullptr, &base.memberships, &base.model.rules()});
    return Finish(m, points.col(0), base.unscored, base.adjustments, base.unranked, base.vetoes, base.direct);
  }
  // The drawn panel's rated leaves, scored as the engine scores them, over the base's columns.
  const std::vector<Eigen::ArrayXd>& values = panel_values_[PanelOf(choice)];
  thread_local std::vector<char> unscored;
  thread_local Eigen::ArrayXd leaf_used, leaf_score;
  thread_local FlagColumn leaf_flags;
  unscored = base.unscored;
  for (size_t l = 0; l < m.leaves.size(); ++l) {
    if (item_of_[l] < 0) continue;
    const CompiledLeaf& leaf = m.leaves[l];
    IndicatorStats stats;
    leaf_flags.setZero(n);
    ScoreLeaf(leaf, m.nodes[leaf.node].class_max_points, base.classes, values[item_of_[l]],
              leaf.missing_group >= 0 ? base.fields[leaf.missing_group] : nullptr, &leaf_flags, &stats, &leaf_used,
              &leaf_score, &unscored);
    if (used.size()) used.col(leaf.node) = leaf_used;
    scores.col(leaf.node) = leaf_score;
  }
  AggregateTree(m.nodes, w >= 0 ? &weight_sets_[w] : nullptr, base.classes, &scores, &points, &flags, &shares,
                {used.size() ? &used : nullptr, nullptr, nullptr, &base.memberships, &base.model.rules()});
  return Finish(m, points.col(0), unscored, base.adjustments, base.unranked, base.vetoes, base.direct);
}

Variant Replicator::VariantOf(const std::vector<int>& choice) const {
  Key key(choice.begin(), choice.begin() + discrete_);  // with the panel, whether bases are keyed by it or not
  key.push_back(panel_input_ >= 0 ? choice[panel_input_] : -1);
  auto [rules, ratings] = VariantInputs(key);
  const int w = weights_input_ >= 0 ? choice[weights_input_] : -1;
  Model model = w >= 0 ? CompileWithShares(rules, weight_sets_[w]) : Model::Compile(rules);
  return {std::move(model), Cohort{cohort_.current, cohort_.previous, std::move(ratings), cohort_.previous_result}};
}

}  // namespace makerscore::detail
