// Compiling a validated rule set into a Model.
#include <algorithm>
#include <memory>
#include <numeric>

#include "makerscore/load.h"
#include "makerscore/model.h"
#include "scoring/compiled_model.h"

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

void AddNodes(CompiledModel* m, const std::vector<Indicator>& list, int parent) {
  double sum = 0;
  for (const auto& ind : list) sum += ind.weight;
  for (const auto& ind : list) {
    Node node;
    node.id = ind.id;
    node.name = ind.name;
    node.parent = parent;
    node.depth = m->nodes[parent].depth + 1;
    node.share = ind.weight / sum;
    node.max_points = m->nodes[parent].max_points * node.share;
    node.indicator = &ind;
    node.kind = !ind.is_leaf() ? NodeKind::kGroup : ind.rated ? NodeKind::kQualitative : NodeKind::kQuantitative;
    int index = static_cast<int>(m->nodes.size());
    m->nodes.push_back(node);
    m->nodes[parent].children.push_back(index);
    m->node_index[ind.id] = index;
    AddNodes(m, ind.children, index);
  }
}

}  // namespace

Model Model::Compile(const RuleSet& rules) {
  Diagnostics diags = Validate(rules);
  if (diags.HasErrors()) throw RuleError(std::move(diags));

  auto m = std::make_shared<CompiledModel>();
  m->rules = rules;
  const RuleSet& r = m->rules;
  for (const auto& f : r.fields) m->field_ids.push_back(f.id);

  Node root;
  root.name = "总分";
  root.kind = NodeKind::kRoot;
  root.max_points = r.total;
  m->nodes.push_back(root);
  AddNodes(m.get(), r.indicators, 0);

  m->leaf_of_node.assign(m->nodes.size(), -1);
  for (size_t i = 1; i < m->nodes.size(); ++i) {
    const Indicator& ind = *m->nodes[i].indicator;
    if (!ind.is_leaf()) continue;
    detail::CompiledLeaf leaf;
    leaf.node = static_cast<int>(i);
    leaf.missing = ind.missing.value_or(r.missing);
    if (ind.rated) {
      leaf.scale = r.FindScale(ind.rated->scale);
      leaf.combine = ind.rated->combine;
      leaf.min_ratings = ind.rated->min_ratings;
    } else {
      leaf.formula = CompileFormula(r, ind.value);
      leaf.method = FindMethod(ind.score->method);
      leaf.impl = &detail::ImplOf(*leaf.method);
      leaf.params = detail::ResolveParams(*leaf.method, ind.score->params);
      leaf.direction = ind.score->direction;
      m->uses_prev |= leaf.formula.uses_prev();
    }
    m->leaf_of_node[i] = static_cast<int>(m->leaves.size());
    m->leaves.push_back(std::move(leaf));
  }
  for (const auto& c : r.checks) m->checks.push_back({&c, CompileFormula(r, c.rule)});

  m->grade_order.resize(r.grades.size());
  std::iota(m->grade_order.begin(), m->grade_order.end(), 0);
  std::sort(m->grade_order.begin(), m->grade_order.end(),
            [&](int a, int b) { return r.grades[a].min > r.grades[b].min; });

  Model model;
  model.impl_ = std::move(m);
  return model;
}

const RuleSet& Model::rules() const { return impl_->rules; }
const std::vector<Node>& Model::nodes() const { return impl_->nodes; }
const std::vector<std::string>& Model::field_ids() const { return impl_->field_ids; }
bool Model::uses_previous_year() const { return impl_->uses_prev; }

int Model::FindNode(const std::string& indicator_id) const {
  auto it = impl_->node_index.find(indicator_id);
  return it == impl_->node_index.end() ? -1 : it->second;
}

}  // namespace makerscore
