// makerscore: a rule set compiled for scoring.
#ifndef MAKERSCORE_MODEL_H_
#define MAKERSCORE_MODEL_H_

#include <memory>
#include <string>
#include <vector>

#include "makerscore/rules.h"

namespace makerscore {

class Model;

namespace detail {
struct CompiledModel;
// The compiled plan behind a model (internal: for the library's own stages).
const CompiledModel& Compiled(const Model& model);
}  // namespace detail

// What kind of node of the indicator tree.
enum class NodeKind { kRoot, kGroup, kQuantitative, kQualitative };

// One node of the indicator tree, flattened. Node 0 is the root (the total);
// the others follow in depth-first order, so a parent precedes its children.
struct Node {
  std::string id;    // "" for the root
  std::string name;  // the rule file's name ("总分" for the root)
  NodeKind kind = NodeKind::kGroup;
  int parent = -1;            // index of the parent; -1 for the root
  int depth = 0;              // 0 for the root, 1 for first-level indicators
  std::vector<int> children;  // indices, in rule-file order
  double share = 1;           // weight as a fraction of the parent's (the first class's)
  double max_points = 0;      // points this node can earn at most (the first class's)
  // The same for every class of entity (RuleSet::classes), in the order of
  // its labels; one entry when the rule set has no classes.
  std::vector<double> class_share;
  std::vector<double> class_max_points;
  const Indicator* indicator = nullptr;  // nullptr for the root; owned by the Model
  // For a group whose children's weights are derived: the method (kStated
  // when they are stated) and, for AHP, the consistency ratio. Data-driven
  // shares are computed when scoring (see Result::shares); until then the
  // children's shares are equal.
  WeightsMethod weights_method = WeightsMethod::kStated;
  double consistency_ratio = 0;
  RandomIndexTable random_index = RandomIndexTable::kSaaty;  // the RI table of consistency_ratio (AHP)
  int missing_comparisons = 0;              // AHP: comparisons not made (completed optimally; see Ahp in weights.h)
  const DerivedWeights* weights = nullptr;  // how they are derived (in rules()), or nullptr
};

// A rule set compiled once: formulas parsed and resolved to field columns,
// methods and parameters looked up, the tree flattened with its point shares.
// Immutable; copies share the compiled state; safe to use from many threads.
class Model {
 public:
  // Compiles a rule set. Throws RuleError if Validate(rules) finds an error
  // (a RuleSet from LoadRules() never does).
  static Model Compile(const RuleSet& rules);

  const RuleSet& rules() const;
  const std::vector<Node>& nodes() const;
  // Index of the node with this indicator id, or -1.
  int FindNode(const std::string& indicator_id) const;
  // The field ids, in the order Dataset columns are expected.
  const std::vector<std::string>& field_ids() const;
  // True when some formula uses prev(...), i.e. last year's data is needed.
  bool uses_previous_year() const;
  // The number of classes of entity (1 when the rule set has none).
  int class_count() const;

 private:
  friend const detail::CompiledModel& detail::Compiled(const Model& model);
  std::shared_ptr<const detail::CompiledModel> impl_;
};

}  // namespace makerscore

#endif  // MAKERSCORE_MODEL_H_
