// Aggregating the indicator tree: scores bottom-up, points top-down.
#include <cmath>
#include <limits>

#include "makerscore/error.h"
#include "makerscore/weights.h"
#include "means/mean.h"
#include "scoring/steps.h"
#include "weights/weighting.h"

namespace makerscore::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Data-driven shares of group k's children from their scores (the entities
// with every child's score), or empty when the group's weights are stated or come from judgments (AHP).
std::vector<double> DataShares(const Node& node, const Eigen::ArrayXXd& scores) {
  if (node.weights_method == WeightsMethod::kStated || WeightingOf(node.weights_method).from_judgments) return {};
  std::vector<Eigen::Index> rows;
  for (Eigen::Index i = 0; i < scores.rows(); ++i) {
    bool complete = true;
    for (int c : node.children) complete &= !std::isnan(scores(i, c));
    if (complete) rows.push_back(i);
  }
  Eigen::MatrixXd x(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(node.children.size()));
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t j = 0; j < node.children.size(); ++j) {
      x(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) = scores(rows[r], node.children[j]);
    }
  }
  try {
    Eigen::VectorXd w = DataWeights(node.weights_method, x);
    return std::vector<double>(w.data(), w.data() + w.size());
  } catch (const Error& e) {
    throw Error("weights of the children of '" + node.id + "' by " + ToString(node.weights_method) + ": " + e.what());
  }
}

}  // namespace

void AggregateTree(const std::vector<Node>& tree, const std::vector<int>& classes, Eigen::ArrayXXd* scores,
                   Eigen::ArrayXXd* points, FlagArray* flags, std::vector<double>* shares) {
  const int nodes = static_cast<int>(tree.size());
  const Eigen::Index n = scores->rows();
  auto class_of = [&](Eigen::Index i) { return classes.empty() ? 0 : classes[i]; };
  shares->assign(nodes, 1.0);
  for (int k = 1; k < nodes; ++k) (*shares)[k] = tree[k].share;
  // share_of(c, q): the share of child c for class q, derived ones overriding.
  std::vector<char> derived(nodes, 0);
  auto share_of = [&](int c, int q) { return derived[c] ? (*shares)[c] : tree[c].class_share[q]; };
  // den[k][i]: the shares of node k's children that count for entity i.
  std::vector<Eigen::ArrayXd> den(nodes);
  std::vector<double> s, w;
  for (int k = nodes - 1; k >= 0; --k) {
    const Node& node = tree[k];
    if (node.children.empty()) continue;
    std::vector<double> data_shares = DataShares(node, *scores);
    for (size_t j = 0; j < data_shares.size(); ++j) {
      (*shares)[node.children[j]] = data_shares[j];
      derived[node.children[j]] = 1;
    }
    const Indicator* ind = node.indicator;
    const MeanDef& mean = MeanOf(ind ? ind->aggregate : Aggregation::kArithmetic);
    const double power = ind ? ind->power : 1;
    den[k] = Eigen::ArrayXd::Zero(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      const int q = class_of(i);
      s.clear();
      w.clear();
      for (int c : node.children) {
        double share = share_of(c, q);
        double sc = (*scores)(i, c);
        if (std::isnan(sc) || share <= 0) continue;
        s.push_back(sc);
        w.push_back(share);
        den[k][i] += share;
      }
      if (s.empty()) {
        (*scores)(i, k) = kNaN;
        (*flags)(i, k) |= kFlagExcluded;
        continue;
      }
      for (double& x : w) x /= den[k][i];
      double score = mean.combine(power, s.data(), w.data(), static_cast<int>(s.size()));
      if (std::isnan(score)) (*flags)(i, k) |= kFlagOutOfDomain;
      (*scores)(i, k) = score;
    }
  }
  // Points each node can earn for each entity, after redistribution.
  std::vector<Eigen::ArrayXd> cap(nodes, Eigen::ArrayXd(n));
  for (int k = 0; k < nodes; ++k) {
    const Node& node = tree[k];
    for (Eigen::Index i = 0; i < n; ++i) {
      const int q = class_of(i);
      if (k == 0) {
        cap[0][i] = node.class_max_points[q];
      } else {
        double d = den[node.parent][i];
        cap[k][i] = d > 0 ? cap[node.parent][i] * share_of(k, q) / d : 0;
      }
      double sc = (*scores)(i, k);
      (*points)(i, k) = std::isnan(sc) ? (k == 0 ? kNaN : 0.0) : sc * cap[k][i];
    }
  }
}

}  // namespace makerscore::detail
