// Aggregating the indicator tree: scores bottom-up, points top-down.
#include <cmath>
#include <limits>
#include <stdexcept>

#include "cohort/cohort.h"
#include "makerscore/error.h"
#include "makerscore/weights.h"
#include "means/mean.h"
#include "scoring/steps.h"
#include "util/huge_pages.h"
#include "weights/weighting.h"

namespace makerscore::detail {

std::vector<double> DataShares(const std::vector<Node>& tree, int k, const std::vector<double>& subjective,
                               const Eigen::ArrayXXd& scores, const Eigen::ArrayXXd* values,
                               std::vector<double>* objective) {
  const Node& node = tree[static_cast<size_t>(k)];
  if (node.weights_method == WeightsMethod::kStated || WeightingOf(node.weights_method).from_judgments) return {};
  const DerivedWeights how = node.weights ? *node.weights : DerivedWeights{};
  if (how.over_values && !values) throw std::logic_error("DataShares: over: values without the values");
  const Eigen::ArrayXXd& data = how.over_values ? *values : scores;
  std::vector<Eigen::Index> rows;
  for (Eigen::Index i = 0; i < data.rows(); ++i) {
    bool complete = true;
    for (int c : node.children) complete &= !std::isnan(data(i, c));
    if (complete) rows.push_back(i);
  }
  Eigen::MatrixXd x(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(node.children.size()));
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t j = 0; j < node.children.size(); ++j) {
      x(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) = data(rows[r], node.children[j]);
    }
  }
  const bool combined = node.weights_method == WeightsMethod::kCombined;
  const WeightsMethod method = combined ? how.objective : node.weights_method;
  try {
    Eigen::VectorXd w;
    if (how.over_values) {
      // Each child's direction, from its scoring method (the validator has checked that every child has one).
      std::vector<char> lower;
      for (int c : node.children) {
        const Indicator* child = tree[c].indicator;
        lower.push_back(child && child->score && child->score->direction == Direction::kLower);
      }
      w = DataWeightsOfValues(method, x, lower, how);
    } else {
      w = DataWeights(method, x, how);
    }
    if (objective) objective->assign(w.data(), w.data() + w.size());
    if (combined) {
      const Eigen::VectorXd s = Eigen::Map<const Eigen::VectorXd>(subjective.data(), w.size());
      w = CombineWeights(s, w, how.mix.value_or(WeightMix::kProduct), how.alpha);
    }
    return std::vector<double>(w.data(), w.data() + w.size());
  } catch (const Error& e) {
    throw Error("weights of the children of '" + node.id + "' by " + ToString(node.weights_method) +
                (combined ? std::string(" (objective: ") + ToString(method) + ")" : "") + ": " + e.what());
  }
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The scale of a fuzzy group's ratings: that of its first rated descendant (the validator has checked that
// they all share it).
const Scale* FuzzyScale(const std::vector<Node>& tree, const Node& node, const RuleSet& rules) {
  const Node* at = &node;
  while (!at->children.empty()) at = &tree[at->children[0]];
  const Scale* scale = at->indicator && at->indicator->rated ? rules.FindScale(at->indicator->rated->scale) : nullptr;
  if (!scale || scale->levels.empty())
    throw std::logic_error("AggregateTree: '" + node.id + "' has no scale of levels");
  return scale;
}

// One group's children for the whole cohort, and where its scores go.
struct Group {
  const std::vector<const double*>& column;  // each child's scores
  const std::vector<double>& share;          // [class * kids + child]
  int kids, class_count;
  const std::vector<int>& classes;  // each entity's class; empty: one class
  Eigen::ArrayXd* den;              // sized to the cohort; receives the shares that count for each entity
  double* score;                    // receives the group's score of each entity
  FlagArray* flags;
  int node;
};

// A group with no child to count for entity i: no score, flagged.
void Nothing(const Group& g, Eigen::Index i) {
  g.score[i] = kNaN;
  (*g.flags)(i, g.node) |= kFlagExcluded;
}

// Any kind of mean, one entity at a time: the children present (with a share above 0) and their shares
// divided by the shares' sum, handed to the mean's combine.
void AnyMean(const Group& g, const MeanDef& mean, double power) {
  const Eigen::Index n = g.den->size();
  std::vector<double> s(g.kids), w(g.kids);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double* cs = &g.share[static_cast<size_t>(g.classes.empty() ? 0 : g.classes[i]) * g.kids];
    int count = 0;
    double d = 0;
    for (int j = 0; j < g.kids; ++j) {
      const double sc = g.column[j][i];
      if (std::isnan(sc) || cs[j] <= 0) continue;
      s[count] = sc;
      w[count] = cs[j];
      d += cs[j];
      ++count;
    }
    (*g.den)[i] = d;
    if (count == 0) {
      Nothing(g, i);
      continue;
    }
    for (int t = 0; t < count; ++t) w[t] /= d;
    const double score = mean.combine(power, s.data(), w.data(), count);
    if (std::isnan(score)) (*g.flags)(i, g.node) |= kFlagOutOfDomain;
    g.score[i] = score;
  }
}

// The arithmetic mean (the weighted sum), a child's column at a time: for each entity the same operations
// in the same order as AnyMean with kArithmeticMean (shares summed in child order, then 0 plus each
// share / sum x score), so the same bits, without gathering each entity's children.
void WeightedSum(const Group& g) {
  const Eigen::Index n = g.den->size();
  Eigen::ArrayXd& d = *g.den;
  d.setZero();
  std::vector<double> share(g.class_count == 1 ? 0 : n);
  auto shares_of = [&](int j) -> const double* {  // child j's share for each entity
    if (g.class_count == 1) return nullptr;
    for (Eigen::Index i = 0; i < n; ++i) share[i] = g.share[static_cast<size_t>(g.classes[i]) * g.kids + j];
    return share.data();
  };
  for (int j = 0; j < g.kids; ++j) {
    const double* col = g.column[j];
    if (const double* sh = shares_of(j)) {
      for (Eigen::Index i = 0; i < n; ++i) d[i] += !std::isnan(col[i]) && sh[i] > 0 ? sh[i] : 0.0;
    } else if (const double sj = g.share[j]; sj > 0) {
      for (Eigen::Index i = 0; i < n; ++i) d[i] += !std::isnan(col[i]) ? sj : 0.0;
    }
  }
  // With one class, an entity with every child present has the shares' whole sum for d, and sj / d is then
  // the same division for all of them: made once per child, not per entity, in the blocks where every
  // entity's d is that sum (bit for bit equal to it).
  double whole = 0;  // added as d is
  for (int j = 0; g.class_count == 1 && j < g.kids; ++j) {
    if (g.share[j] > 0) whole += g.share[j];
  }
  constexpr Eigen::Index kBlock = 256;
  std::vector<char> all_whole(g.class_count == 1 ? static_cast<size_t>((n + kBlock - 1) / kBlock) : 0, 1);
  for (size_t b = 0; b < all_whole.size(); ++b) {
    const Eigen::Index first = static_cast<Eigen::Index>(b) * kBlock, last = std::min(n, first + kBlock);
    for (Eigen::Index i = first; i < last; ++i) all_whole[b] &= d[i] == whole;
  }
  Eigen::Map<Eigen::ArrayXd> acc(g.score, n);
  acc.setZero();
  for (int j = 0; j < g.kids; ++j) {
    const Eigen::Map<const Eigen::ArrayXd> col(g.column[j], n);
    if (const double* sh = shares_of(j)) {
      const Eigen::Map<const Eigen::ArrayXd> s(sh, n);
      acc += (col.isNaN() || s <= 0).select(0.0, s / d * col);
    } else if (const double sj = g.share[j]; sj > 0) {
      const double sj_whole = sj / whole;
      for (size_t b = 0; b < all_whole.size(); ++b) {
        const Eigen::Index first = static_cast<Eigen::Index>(b) * kBlock, count = std::min(n - first, kBlock);
        auto a = acc.segment(first, count);
        auto c = col.segment(first, count);
        if (all_whole[b]) {
          a += c.isNaN().select(0.0, sj_whole * c);  // whole registers at a time; NaN rows add 0
        } else {
          a += c.isNaN().select(0.0, sj / d.segment(first, count) * c);
        }
      }
    }
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    if (d[i] == 0) {
      Nothing(g, i);
    } else if (std::isnan(g.score[i])) {
      (*g.flags)(i, g.node) |= kFlagOutOfDomain;
    }
  }
}

// A group aggregated over the whole cohort: its children's scores (or values) and each entity's shares
// handed to the aggregation at once.
// memberships: per node, the membership rows of a rated leaf (from the context) or of a fuzzy group
// (written here), for the groups over memberships.
void OverCohort(const Group& g, const std::vector<Node>& tree, const Node& node, const CohortAggregationDef& def,
                const CohortContext& context, std::vector<Eigen::ArrayXXd>* memberships, AggregationTrace* trace) {
  const Eigen::Index n = g.den->size();
  const AggregateOptions& o = node.indicator->aggregate_options;
  const bool values = Word(o, "over", "scores") == "values";
  if (values && !context.values) throw std::logic_error("AggregateTree: 'over: values' without the values");
  CohortInput in{
      Eigen::ArrayXXd(n, g.kids), Eigen::ArrayXXd(n, g.kids), std::vector<char>(g.kids, 0), context.ids, nullptr, {}};
  if (def.memberships) {
    if (!context.memberships || !context.rules) throw std::logic_error("AggregateTree: fuzzy without memberships");
    in.scale = FuzzyScale(tree, node, *context.rules);
    in.membership.resize(g.kids);
  }
  for (int j = 0; j < g.kids; ++j) {
    const int c = node.children[j];
    const Indicator* child = tree[c].indicator;
    in.lower[j] = values && child->score && child->score->direction == Direction::kLower;
    if (def.memberships) {
      const Eigen::ArrayXXd& rows = tree[c].children.empty() ? (*context.memberships)[c] : (*memberships)[c];
      if (rows.rows() != n) throw std::logic_error("AggregateTree: no memberships of '" + tree[c].id + "'");
      in.membership[j] = &rows;
    }
    for (Eigen::Index i = 0; i < n; ++i) {
      const double sc = g.column[j][i];
      const double value = values                                                     ? (*context.values)(i, c)
                           : def.memberships && std::isnan((*in.membership[j])(i, 0)) ? kNaN
                                                                                      : sc;
      in.w(i, j) = g.share[static_cast<size_t>(g.classes.empty() ? 0 : g.classes[i]) * g.kids + j];
      // Scored by its missing policy (zero) but without a value (or ratings) to compare: left out of the
      // entity's comparison, and said so on the child, never compared as if it were a value.
      if (!std::isnan(sc) && std::isnan(value) && in.w(i, j) > 0) (*g.flags)(i, c) |= kFlagExcluded;
      in.x(i, j) = std::isnan(sc) ? kNaN : value;
    }
  }
  Eigen::Map<Eigen::ArrayXd> score(g.score, n);
  Eigen::ArrayXd out(n);
  Eigen::Array<std::uint16_t, Eigen::Dynamic, 1> flags = Eigen::Array<std::uint16_t, Eigen::Dynamic, 1>::Zero(n);
  def.aggregate(in, o, &out, &flags, trace);
  if (def.memberships) (*memberships)[g.node] = trace->membership;
  for (Eigen::Index i = 0; i < n; ++i) {
    double d = 0;
    for (int j = 0; j < g.kids; ++j) d += !std::isnan(in.x(i, j)) && in.w(i, j) > 0 ? in.w(i, j) : 0.0;
    (*g.den)[i] = d;
    (*g.flags)(i, g.node) |= flags[i];
    if (d == 0) {
      Nothing(g, i);
    } else {
      score[i] = out[i];
    }
  }
}

// A group aggregated entity by entity by its mean: the weighted sum column by column, any other mean entity
// by entity.
void ByMean(const Group& g, const Node& node) {
  const Indicator* ind = node.indicator;
  const MeanDef& mean = MeanOf(ind ? ind->aggregate : Aggregation::kArithmetic);
  if (&mean == &kArithmeticMean) {
    WeightedSum(g);
  } else {
    AnyMean(g, mean, ind ? ind->power : 1);
  }
}

}  // namespace

bool EntityByEntity(const std::vector<Node>& tree) {
  for (const Node& node : tree) {
    if (node.children.empty()) continue;
    const bool derived =
        node.weights_method != WeightsMethod::kStated && !WeightingOf(node.weights_method).from_judgments;
    if (derived || (node.indicator && CohortAggregationOf(node.indicator->aggregate))) return false;
  }
  return true;
}

namespace {

// Group k of a tree aggregated entity by entity, as AggregateTree aggregates it (the same bits): its children's
// scores (column[j], child j's) to score; den (n) receives the shares that counted for each entity.
void AggregateGroup(const std::vector<Node>& tree, int k, const std::vector<int>& classes,
                    const std::vector<const double*>& column, double* score, FlagArray* flags, Eigen::ArrayXd* den) {
  const Node& node = tree[static_cast<size_t>(k)];
  const int kids = static_cast<int>(node.children.size());
  const int class_count = static_cast<int>(tree[0].class_max_points.size());
  std::vector<double> child_share(static_cast<size_t>(kids) * class_count);
  for (int j = 0; j < kids; ++j) {
    for (int q = 0; q < class_count; ++q) {
      child_share[static_cast<size_t>(q) * kids + j] = tree[node.children[j]].class_share[q];
    }
  }
  ByMean(Group{column, child_share, kids, class_count, classes, den, score, flags, k}, node);
}

}  // namespace

void AggregateGroupByGroup(const CompiledModel& m, const std::vector<int>& classes, const LeafScorer& score_leaf,
                           FlagArray* flags, Eigen::ArrayXXd* root_points, std::vector<double>* shares) {
  const int nodes = static_cast<int>(m.nodes.size());
  const Eigen::Index n = root_points->rows();
  std::vector<int> leaf_at(nodes, -1);
  for (size_t l = 0; l < m.leaves.size(); ++l) leaf_at[m.leaves[l].node] = static_cast<int>(l);
  std::vector<Eigen::ArrayXd> live(nodes);  // the scores of the nodes whose group is still to be aggregated
  std::vector<Eigen::ArrayXd> spare;        // columns read already, to be written again
  auto take = [&] {
    Eigen::ArrayXd column;
    if (spare.empty()) {
      ResizeOnHugePages(&column, n);
    } else {
      column.swap(spare.back());
      spare.pop_back();
    }
    return column;
  };
  Eigen::ArrayXd den(n);
  std::vector<const double*> column;
  // Parents come before their children: from the last node back, each group's child groups are done.
  for (int k = nodes - 1; k >= 0; --k) {
    const Node& node = m.nodes[k];
    if (node.children.empty()) continue;
    column.clear();
    for (int c : node.children) {
      if (leaf_at[c] >= 0) {
        live[c] = take();
        score_leaf(static_cast<size_t>(leaf_at[c]), &live[c]);
      }
      column.push_back(live[c].data());
    }
    live[k] = take();
    AggregateGroup(m.nodes, k, classes, column, live[k].data(), flags, &den);
    for (int c : node.children) spare.push_back(std::move(live[c]));
  }
  shares->assign(nodes, 1.0);
  for (int k = 1; k < nodes; ++k) (*shares)[k] = m.nodes[k].class_share[0];
  // The root's points, as AggregateTree gives them: its score times its class's points.
  const std::vector<double>& most = m.nodes[0].class_max_points;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double sc = live[0][i];
    (*root_points)(i, 0) = std::isnan(sc) ? kNaN : sc * most[static_cast<size_t>(classes.empty() ? 0 : classes[i])];
  }
}

void SetShares(const Shares& shares, std::vector<Node>* tree) {
  std::vector<Node>& nodes = *tree;
  for (size_t k = 1; k < nodes.size(); ++k) {
    Node& node = nodes[k];
    node.class_share = shares[k];
    for (size_t q = 0; q < node.class_max_points.size(); ++q) {
      node.class_max_points[q] = nodes[node.parent].class_max_points[q] * node.class_share[q];
    }
    node.share = node.class_share[0];
    node.max_points = node.class_max_points[0];
  }
}

void AggregateTree(const std::vector<Node>& tree, const Shares* weight_set, const std::vector<int>& classes,
                   Eigen::ArrayXXd* scores, Eigen::ArrayXXd* points, FlagArray* flags, std::vector<double>* shares,
                   const CohortContext& cohort) {
  const int nodes = static_cast<int>(tree.size());
  const Eigen::Index n = scores->rows();
  auto class_of = [&](Eigen::Index i) { return classes.empty() ? 0 : classes[i]; };
  auto class_share = [&](int c) -> const std::vector<double>& {
    return weight_set ? (*weight_set)[c] : tree[c].class_share;
  };
  shares->assign(nodes, 1.0);
  for (int k = 1; k < nodes; ++k) (*shares)[k] = class_share(k)[0];
  // share_of(c, q): the share of child c for class q, derived ones overriding.
  std::vector<char> derived(nodes, 0);
  auto share_of = [&](int c, int q) { return derived[c] ? (*shares)[c] : class_share(c)[q]; };
  // den[k][i]: the shares of node k's children that count for entity i.
  std::vector<Eigen::ArrayXd> den(nodes);
  std::vector<Eigen::ArrayXXd> memberships(cohort.memberships ? nodes : 0);  // of the fuzzy groups
  for (int k = nodes - 1; k >= 0; --k) {
    const Node& node = tree[k];
    if (node.children.empty()) continue;
    std::vector<double> subjective;
    for (int c : node.children) subjective.push_back(class_share(c)[0]);
    std::vector<double> data_shares = DataShares(tree, k, subjective, *scores, cohort.values, nullptr);
    for (size_t j = 0; j < data_shares.size(); ++j) {
      (*shares)[node.children[j]] = data_shares[j];
      derived[node.children[j]] = 1;
    }
    // The children's columns and their shares per class, looked up once for the whole cohort.
    const int kids = static_cast<int>(node.children.size());
    const int class_count = static_cast<int>(tree[0].class_max_points.size());
    std::vector<const double*> column(kids);
    std::vector<double> child_share(static_cast<size_t>(kids) * class_count);
    for (int j = 0; j < kids; ++j) {
      column[j] = scores->col(node.children[j]).data();
      for (int q = 0; q < class_count; ++q)
        child_share[static_cast<size_t>(q) * kids + j] = share_of(node.children[j], q);
    }
    den[k].resize(n);
    Group g{column, child_share, kids, class_count, classes, &den[k], scores->col(k).data(), flags, k};
    const Indicator* ind = node.indicator;
    if (const CohortAggregationDef* def = ind ? CohortAggregationOf(ind->aggregate) : nullptr) {
      AggregationTrace scratch;
      if (cohort.traces) cohort.traces->resize(nodes);
      OverCohort(g, tree, node, *def, cohort, &memberships, cohort.traces ? &(*cohort.traces)[k] : &scratch);
    } else {
      ByMean(g, node);
    }
  }
  // Points each node can earn for each entity, after redistribution. A group's column is kept for its
  // children (parents come before children); a leaf's is used at once (8 MB a node at a million entities).
  const int with_points = points->cols() == 1 ? 1 : nodes;
  std::vector<Eigen::ArrayXd> cap(with_points);
  Eigen::ArrayXd leaf_cap(n);
  for (int k = 0; k < with_points; ++k) {
    const Node& node = tree[k];
    if (k == 0 || !node.children.empty()) cap[k].resize(n);
    Eigen::ArrayXd& own = cap[k].size() == n ? cap[k] : leaf_cap;
    for (Eigen::Index i = 0; i < n; ++i) {
      const int q = class_of(i);
      if (k == 0) {
        own[i] = node.class_max_points[q];
      } else {
        double d = den[node.parent][i];
        own[i] = d > 0 ? cap[node.parent][i] * share_of(k, q) / d : 0;
      }
      double sc = (*scores)(i, k);
      (*points)(i, k) = std::isnan(sc) ? (k == 0 ? kNaN : 0.0) : sc * own[i];
    }
  }
}

}  // namespace makerscore::detail
