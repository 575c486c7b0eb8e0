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
  int node = -1;  // index into CompiledModel::nodes
  MissingPolicy missing = MissingPolicy::kZero;
  int missing_group = -1;  // field index of the groups of kGroupMean
  // Quantitative leaves.
  Formula formula;
  const MethodInfo* method = nullptr;
  const MethodImpl* impl = nullptr;
  MethodContext context;
  OutlierSpec outliers;  // method kNone when not treated
  // Qualitative leaves.
  const Scale* scale = nullptr;
  Combine combine = Combine::kMean;
  int min_ratings = 1;

  bool qualitative() const { return scale != nullptr; }
};

struct CompiledFormula {
  Formula formula;
  std::string id;
};

struct CompiledAdjustment {
  const Adjustment* item = nullptr;
  Formula formula;
  bool bonus = true;
};

struct CompiledVeto {
  const Veto* veto = nullptr;
  Formula formula;
  int grade = -1;  // index into rules.grades of the forced grade, or -1
  // Reads this year's total, rank or grade: decided once the cohort is ranked and graded (连续两年不合格).
  bool after_grading = false;
};

struct CompiledGrade {
  int grade = -1;   // index into rules.grades of a grade with `when` (直接认定)
  Formula formula;  // its `when`
};

struct CompiledCheck {
  const Check* check = nullptr;
  Formula formula;  // a comparison at the top
};

struct CompiledModel {
  RuleSet rules;            // owned; pointers below point into it
  std::vector<Node> nodes;  // depth-first, root first
  std::unordered_map<std::string, int> node_index;
  std::vector<std::string> field_ids;
  std::vector<CompiledLeaf> leaves;
  std::vector<int> leaf_of_node;                // node -> index into leaves, or -1
  std::vector<CompiledAdjustment> adjustments;  // bonus items, then deductions
  std::vector<CompiledVeto> vetoes;
  std::vector<CompiledGrade> direct_grades;  // grades with `when`, in file order
  std::vector<CompiledCheck> checks;
  int class_field = -1;  // field index of RuleSet::classes, or -1
  bool uses_prev = false;
  bool uses_last_result = false;  // a formula reads last_total, last_rank or last_grade
};

// The share of every node for every class, [node][class], as Node::class_share.
using Shares = std::vector<std::vector<double>>;

// compile.cpp: compiles rules as Model::Compile does, then gives the tree
// these shares (SetShares in steps.h); the leaves keep the scoring context
// of the rules' own points. Score() of it is what a replication of the
// uncertainty analysis with this weight set computes (replication_test.cpp).
Model CompileWithShares(const RuleSet& rules, const Shares& shares);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_SCORING_COMPILED_MODEL_H_
