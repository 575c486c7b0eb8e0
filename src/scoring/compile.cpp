// Compiling a validated rule set into a Model.
#include <algorithm>
#include <memory>
#include <numeric>

#include "makerscore/load.h"
#include "makerscore/model.h"
#include "makerscore/weights.h"
#include "scoring/compiled_model.h"
#include "scoring/steps.h"
#include "weights/weighting.h"

namespace makerscore {

namespace {

using detail::CompiledModel;

int FieldIndex(const RuleSet& rules, const std::string& name) {
  for (size_t i = 0; i < rules.fields.size(); ++i) {
    if (rules.fields[i].id == name) return static_cast<int>(i);
  }
  return -1;
}

detail::Formula CompileFormula(const RuleSet& rules, const std::string& text) {
  // The rule set was validated, so parsing and resolving succeed.
  detail::Formula f;
  std::vector<detail::FormulaError> errors;
  detail::Formula::Parse(text, &f, &errors);
  f.Resolve([&](const std::string& n) { return FieldIndex(rules, n); }, {}, &errors);
  return f;
}

// The weight of ind for class c (the scalar weight without class weights).
double WeightOf(const RuleSet& rules, const Indicator& ind, int c) {
  if (ind.class_weights.empty() || !rules.classes) return ind.weight;
  return ind.class_weights.at(rules.classes->labels[c]);
}

// Shares of the children of a group whose weights are derived: AHP's priorities; for combined weights
// their subjective half (AHP's, or the children's stated weights), which scoring joins with the objective
// half; or equal until the data gives them (when scoring).
std::vector<double> DerivedShares(const DerivedWeights& w, const std::vector<Indicator>& children, Node* group) {
  const size_t n = children.size();
  if (w.method == WeightsMethod::kCombined && w.matrices.empty()) {
    double sum = 0;
    for (const Indicator& c : children) sum += c.weight;
    std::vector<double> out;
    for (const Indicator& c : children) out.push_back(c.weight / sum);
    return out;
  }
  if (!detail::WeightingOf(w.method).from_judgments && w.method != WeightsMethod::kCombined) {
    return std::vector<double>(n, 1.0 / static_cast<double>(n));
  }
  std::vector<Eigen::MatrixXd> matrices;
  for (const auto& rows : w.matrices) {
    Eigen::MatrixXd a(n, n);
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) a(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j];
    }
    matrices.push_back(a);
  }
  AhpResult r = Ahp(matrices, w.geometric_mean ? AhpPriority::kGeometricMean : AhpPriority::kEigenvector,
                    w.combine_priorities ? AhpCombine::kPriorities : AhpCombine::kJudgments, w.random_index);
  group->consistency_ratio = std::max(r.cr, r.worst_cr);
  group->missing_comparisons = r.missing;
  return std::vector<double>(r.weights.data(), r.weights.data() + n);
}

void AddNodes(CompiledModel* m, const std::vector<Indicator>& list, int parent, const DerivedWeights* derived) {
  const int classes = static_cast<int>(m->nodes[0].class_share.size());
  std::vector<double> sum(classes, 0.0);
  std::vector<double> shares;
  if (derived) {
    m->nodes[parent].weights_method = derived->method;
    m->nodes[parent].random_index = derived->random_index;
    m->nodes[parent].weights = derived;
    shares = DerivedShares(*derived, list, &m->nodes[parent]);
  }
  for (const auto& ind : list) {
    for (int c = 0; c < classes; ++c) sum[c] += derived ? 0 : WeightOf(m->rules, ind, c);
  }
  size_t position = 0;
  for (const auto& ind : list) {
    Node node;
    node.id = ind.id;
    node.name = ind.name;
    node.parent = parent;
    node.depth = m->nodes[parent].depth + 1;
    for (int c = 0; c < classes; ++c) {
      double share = derived ? shares[position] : sum[c] > 0 ? WeightOf(m->rules, ind, c) / sum[c] : 0;
      node.class_share.push_back(share);
      node.class_max_points.push_back(m->nodes[parent].class_max_points[c] * share);
    }
    node.share = node.class_share[0];
    node.max_points = node.class_max_points[0];
    node.indicator = &ind;
    node.kind = !ind.is_leaf() ? NodeKind::kGroup : ind.rated ? NodeKind::kQualitative : NodeKind::kQuantitative;
    int index = static_cast<int>(m->nodes.size());
    m->nodes.push_back(node);
    m->nodes[parent].children.push_back(index);
    m->node_index[ind.id] = index;
    ++position;
    AddNodes(m, ind.children, index, ind.weights ? &*ind.weights : nullptr);
  }
}

}  // namespace

const detail::CompiledModel& detail::Compiled(const Model& model) { return *model.impl_; }

Model Model::Compile(const RuleSet& rules) {
  Diagnostics diags = Validate(rules);
  if (diags.HasErrors()) throw RuleError(std::move(diags));

  auto m = std::make_shared<CompiledModel>();
  m->rules = rules;
  const RuleSet& r = m->rules;
  for (const auto& f : r.fields) m->field_ids.push_back(f.id);

  const int classes = r.classes ? static_cast<int>(r.classes->labels.size()) : 1;
  if (r.classes) m->class_field = FieldIndex(r, r.classes->field);
  Node root;
  root.name = "总分";
  root.kind = NodeKind::kRoot;
  root.max_points = r.total;
  root.class_share.assign(classes, 1.0);
  root.class_max_points.assign(classes, r.total);
  m->nodes.push_back(root);
  AddNodes(m.get(), r.indicators, 0, r.weights ? &*r.weights : nullptr);

  m->leaf_of_node.assign(m->nodes.size(), -1);
  for (size_t i = 1; i < m->nodes.size(); ++i) {
    const Indicator& ind = *m->nodes[i].indicator;
    if (!ind.is_leaf()) continue;
    detail::CompiledLeaf leaf;
    leaf.node = static_cast<int>(i);
    leaf.missing = ind.missing.value_or(r.missing);
    const std::string& group = ind.missing_group.empty() ? r.missing_group : ind.missing_group;
    if (!group.empty()) leaf.missing_group = FieldIndex(r, group);
    if (ind.rated) {
      leaf.scale = r.FindScale(ind.rated->scale);
      leaf.combine = ind.rated->combine;
      leaf.min_ratings = ind.rated->min_ratings;
    } else {
      leaf.formula = CompileFormula(r, ind.value);
      leaf.method = FindMethod(ind.score->method);
      leaf.impl = &detail::ImplOf(*leaf.method);
      leaf.context = detail::ResolveContext(*leaf.method, *ind.score, m->nodes[i].max_points);
      if (ind.outliers)
        leaf.outliers = *ind.outliers;
      else if (r.outliers)
        leaf.outliers = *r.outliers;
      m->uses_prev |= leaf.formula.uses_prev();
    }
    m->leaf_of_node[i] = static_cast<int>(m->leaves.size());
    m->leaves.push_back(std::move(leaf));
  }
  for (const auto& item : r.bonus.items) m->adjustments.push_back({&item, CompileFormula(r, item.value), true});
  for (const auto& item : r.deductions.items) m->adjustments.push_back({&item, CompileFormula(r, item.value), false});
  for (const auto& v : r.vetoes) {
    int grade = -1;
    for (size_t g = 0; g < r.grades.size(); ++g) {
      if (r.grades[g].label == v.grade) grade = static_cast<int>(g);
    }
    detail::Formula when = CompileFormula(r, v.when);
    const bool after = when.uses(detail::kThisTotal) || when.uses(detail::kThisRank) || when.uses(detail::kThisGrade);
    m->vetoes.push_back({&v, std::move(when), grade, after});
  }
  for (size_t g = 0; g < r.grades.size(); ++g) {
    if (!r.grades[g].when.empty())
      m->direct_grades.push_back({static_cast<int>(g), CompileFormula(r, r.grades[g].when)});
  }
  for (const auto& c : r.checks) m->checks.push_back({&c, CompileFormula(r, c.rule)});
  for (const auto& x : m->adjustments) m->uses_prev |= x.formula.uses_prev();
  for (const auto& x : m->vetoes) m->uses_prev |= x.formula.uses_prev();
  for (const auto& x : m->direct_grades) m->uses_prev |= x.formula.uses_prev();
  auto reads_last = [](const detail::Formula& f) {
    return f.uses(detail::kLastTotal) || f.uses(detail::kLastRank) || f.uses(detail::kLastGrade);
  };
  for (const auto& x : m->leaves) m->uses_last_result |= !x.qualitative() && reads_last(x.formula);
  for (const auto& x : m->adjustments) m->uses_last_result |= reads_last(x.formula);
  for (const auto& x : m->vetoes) m->uses_last_result |= reads_last(x.formula);
  for (const auto& x : m->direct_grades) m->uses_last_result |= reads_last(x.formula);

  Model model;
  model.impl_ = std::move(m);
  return model;
}

Model detail::CompileWithShares(const RuleSet& rules, const Shares& shares) {
  Model model = Model::Compile(rules);
  // The plan was just made and nothing else holds it yet: set its shares before anyone reads it.
  SetShares(shares, &const_cast<CompiledModel&>(Compiled(model)).nodes);
  return model;
}

const RuleSet& Model::rules() const { return impl_->rules; }
const std::vector<Node>& Model::nodes() const { return impl_->nodes; }
const std::vector<std::string>& Model::field_ids() const { return impl_->field_ids; }
bool Model::uses_previous_year() const { return impl_->uses_prev; }
int Model::class_count() const { return static_cast<int>(impl_->nodes[0].class_share.size()); }

int Model::FindNode(const std::string& indicator_id) const {
  auto it = impl_->node_index.find(indicator_id);
  return it == impl_->node_index.end() ? -1 : it->second;
}

}  // namespace makerscore
