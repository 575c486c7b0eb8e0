#include "uncertainty/replicator.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "makerscore/error.h"
#include "rules/variant.h"
#include "scoring/compiled_model.h"
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
  nominal_ = std::make_shared<Result>(Score(model_, cohort_));  // on this thread: the replications have the others
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
      inputs_.push_back({u_.panel == UncertainInputs::Panel::kBootstrap ? "experts (bootstrap)" : "experts (leave one out)",
                         static_cast<int>(panels_.size())});
    }
  }
  if (Varies(u_)) {
    for (int k = 0; k < kWeightSets; ++k) weight_sets_.push_back(WeightSet(rng));
    weights_input_ = static_cast<int>(inputs_.size());
    inputs_.push_back({"weights", kWeightSets});
  }
  if (inputs_.empty()) {
    throw Error("nothing varies: give the uncertain inputs (weights, alternative methods, means, missing-data "
                "policies, winsorisation limits or the expert panel) in the rule file's 'uncertainty:' section");
  }
  // Points per unit score of every node, per weight set (the fast path's weights); the nominal set last.
  const auto& nodes = model_.nodes();
  auto effective = [&](const std::vector<std::vector<double>>& shares) {
    Eigen::VectorXd eff(static_cast<Eigen::Index>(nodes.size()));
    eff[0] = nodes[0].class_max_points[0];
    for (size_t k = 1; k < nodes.size(); ++k) eff[k] = eff[nodes[k].parent] * shares[k][0];
    return eff;
  };
  for (const auto& set : weight_sets_) leaf_weights_.push_back(effective(set));
  std::vector<std::vector<double>> own(nodes.size());
  for (size_t k = 0; k < nodes.size(); ++k) own[k] = nodes[k].class_share;
  leaf_weights_.push_back(effective(own));
}

std::vector<std::vector<double>> Replicator::WeightSet(std::mt19937_64& rng) const {
  const auto& nodes = model_.nodes();
  std::vector<std::vector<double>> shares(nodes.size());
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
  key.push_back(panel_input_ >= 0 ? choice[panel_input_] : -1);
  return key;
}

Replicator::Base Replicator::MakeBase(const Key& key) const {
  RuleSet rules = ApplyChoices(model_.rules(), u_, std::vector<int>(key.begin(), key.end() - 1));
  rules.uncertainty.reset();
  const Ratings* ratings_ = cohort_.ratings.get();
  std::shared_ptr<const Ratings> ratings = cohort_.ratings;
  const int panel = key.back();
  if (panel >= 0) {
    // The panel: each expert's ratings as many times as the expert was drawn, the copies named E1#2, E1#3 ...
    auto drawn = std::make_shared<Ratings>(ratings_->source);
    const std::vector<int>& times = panels_[panel];
    const std::vector<std::int32_t>& expert = ratings_->codes(Ratings::kExpert);
    for (size_t k = 0; k < ratings_->size(); ++k) {
      const int e = expert[k];
      for (int c = 0; c < times[e]; ++c) {
        drawn->Add(ratings_->label(Ratings::kEntity, k), ratings_->label(Ratings::kIndicator, k),
                   c == 0 ? experts_[e] : experts_[e] + "#" + std::to_string(c + 1), ratings_->label(Ratings::kValue, k),
                   ratings_->row(k));
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
    ratings = drawn;
  }
  Base base{Model::Compile(rules), nullptr, false, {}, {}};
  base.result = std::make_shared<Result>(Score(base.model, Cohort{cohort_.current, cohort_.previous, ratings}));
  const CompiledModel& m = Compiled(base.model);
  bool fast = !rules.classes;
  for (const Node& node : m.nodes) {
    if (node.children.empty()) continue;
    fast &= node.indicator == nullptr || node.indicator->aggregate == Aggregation::kArithmetic;
    fast &= node.weights_method == WeightsMethod::kStated || WeightingOf(node.weights_method).from_judgments;
  }
  for (const CompiledLeaf& leaf : m.leaves) fast &= !base.result->scores().col(leaf.node).isNaN().any();
  base.fast = fast;
  const int n = base.result->entity_count();
  base.unranked.resize(n);
  base.vetoes.resize(n);
  for (int i = 0; i < n; ++i) {
    base.unranked[i] = !base.result->set_aside(i).empty();
    base.vetoes[i] = base.result->vetoes(i);
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
  ParallelFor(static_cast<long>(keys.size()), threads, [&](long k) { made[k] = std::make_unique<Base>(MakeBase(keys[k])); });
  for (size_t k = 0; k < keys.size(); ++k) bases_.emplace(keys[k], std::move(*made[k]));
}

Outcome Replicator::Run(const std::vector<int>& choice) const {
  const Base& base = bases_.at(KeyOf(choice));
  const Result& r = *base.result;
  const CompiledModel& m = Compiled(base.model);
  const int w = weights_input_ >= 0 ? choice[weights_input_] : -1;
  const Eigen::Index n = r.entity_count();
  Eigen::ArrayXd tree(n);
  if (base.fast) {
    const Eigen::VectorXd& eff = leaf_weights_[w >= 0 ? w : leaf_weights_.size() - 1];
    tree.setZero();
    for (const CompiledLeaf& leaf : m.leaves) tree += r.scores().col(leaf.node) * eff[leaf.node];
    for (Eigen::Index i = 0; i < n; ++i) {
      if (std::isnan(r.points()(i, 0))) tree[i] = std::nan("");
    }
  } else {
    std::vector<Node> nodes = m.nodes;
    if (w >= 0) {
      for (size_t k = 0; k < nodes.size(); ++k) {
        nodes[k].class_share = weight_sets_[w][k];
        nodes[k].share = nodes[k].class_share[0];
        if (k > 0) {
          for (size_t q = 0; q < nodes[k].class_max_points.size(); ++q) {
            nodes[k].class_max_points[q] = nodes[nodes[k].parent].class_max_points[q] * nodes[k].class_share[q];
          }
        }
      }
    }
    std::vector<int> classes;
    if (m.rules.classes) {
      for (Eigen::Index i = 0; i < n; ++i) classes.push_back(r.entity_class(static_cast<int>(i)));
    }
    Eigen::ArrayXXd scores = r.scores(), points(n, static_cast<Eigen::Index>(nodes.size()));
    Result::FlagArray flags = Result::FlagArray::Zero(n, static_cast<Eigen::Index>(nodes.size()));
    std::vector<double> shares;
    AggregateTree(nodes, classes, &scores, &points, &flags, &shares);
    for (Eigen::Index i = 0; i < n; ++i) tree[i] = std::isnan(r.points()(i, 0)) ? std::nan("") : points(i, 0);
  }
  Outcome out;
  ApplyAdjustments(m, tree, r.adjustment_points(), &out.totals);
  int ranked = 0;
  RankAndGrade(m, out.totals, base.unranked, base.vetoes, &out.ranks, &ranked, &out.grades);
  return out;
}

}  // namespace makerscore::detail
