// The compiled form of a rule set, shared by every copy of a Model (internal).
#ifndef MAKERSCORE_SRC_SCORING_COMPILED_MODEL_H_
#define MAKERSCORE_SRC_SCORING_COMPILED_MODEL_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "formula/formula.h"
#include "makerscore/model.h"
#include "methods/method.h"

namespace makerscore::detail {

// A leaf of the indicator tree, ready to evaluate.
struct CompiledLeaf {
  int node = -1;             // index into CompiledModel::nodes
  MissingPolicy missing = MissingPolicy::kZero;
  // Quantitative leaves.
  Formula formula;
  const MethodInfo* method = nullptr;
  const MethodImpl* impl = nullptr;
  ParamValues params;
  Direction direction = Direction::kHigher;
  // Qualitative leaves.
  const Scale* scale = nullptr;
  Combine combine = Combine::kMean;
  int min_ratings = 1;

  bool qualitative() const { return scale != nullptr; }
};

struct CompiledCheck {
  const Check* check = nullptr;
  Formula formula;  // a comparison at the top
};

struct CompiledModel {
  RuleSet rules;                  // owned; Node::indicator points into it
  std::vector<Node> nodes;        // depth-first, root first
  std::unordered_map<std::string, int> node_index;
  std::vector<std::string> field_ids;
  std::vector<CompiledLeaf> leaves;
  std::vector<int> leaf_of_node;  // node -> index into leaves, or -1
  std::vector<CompiledCheck> checks;
  std::vector<int> grade_order;   // indices of rules.grades, highest min first
  bool uses_prev = false;
};

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_SCORING_COMPILED_MODEL_H_
