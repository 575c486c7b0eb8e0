// The formula language of `value:` and `checks:` (internal).
//
//   expr    := or
//   or      := and ("or" and)*
//   and     := not ("and" not)*
//   not     := "not" not | cmp
//   cmp     := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
//   sum     := product (("+" | "-") product)*
//   product := unary (("*" | "/") unary)*
//   unary   := "-" unary | primary
//   primary := number | number "%" | name | name "(" args ")" | "(" expr ")"
//
// A formula is parsed once into a flat node array (children before parents)
// and evaluated over whole columns. Missing values are NaN and propagate;
// dividing by zero gives NaN with a flag; comparisons give 1 or 0; and, or
// and not follow Kleene's three-valued logic. floor, ceil and steps count
// as a person does with decimal data: a value within 1e-9 (relative) of a
// whole number is that number, so floor(0.7 / 0.1) is 7, not 6.
#ifndef MAKERSCORE_SRC_FORMULA_FORMULA_H_
#define MAKERSCORE_SRC_FORMULA_FORMULA_H_

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace makerscore::detail {

enum class Op : std::uint8_t {
  kNumber,
  kField,
  kPrev,
  kNeg,
  kNot,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kLt,
  kLe,
  kGt,
  kGe,
  kEq,
  kNe,
  kAnd,
  kOr,
  kIf,
  kMin,
  kMax,
  kAbs,
  kFloor,
  kCeil,
  kRound,
  kLog,
  kSqrt,
  kCoalesce,
  kSteps,
  kOutcome,  // an outcome, not a field: this year's total, rank or grade, or last year's (Outcome, in `field`)
  kIn,       // a category field's label is one of `labels`: type == "专业", type in ["专业", "综合"]
  kNotIn,    // type != "专业"
};

// The outcomes a formula may name besides fields: this year's (known once the cohort is scored and graded,
// so only vetoes read them) and last year's (from a result file makerscore wrote, --previous-result). A
// field of the same name (a report form's `total`) takes precedence.
enum Outcome : int {
  kThisTotal,  // total
  kThisRank,   // rank (missing where not ranked)
  kThisGrade,  // grade (a label: grade == "不合格")
  kLastTotal,  // last_total
  kLastRank,   // last_rank
  kLastGrade,  // last_grade
  kOutcomeCount
};

// The name of an outcome in formulas ("last_grade"), and the outcome a name stands for (-1 for none).
const char* OutcomeName(int outcome);
int OutcomeOf(std::string_view name);

struct FormulaNode {
  Op op = Op::kNumber;
  double number = 0;                // kNumber
  bool percent = false;             // kNumber written with a percent sign (30% is 0.3)
  std::string name;                 // kField / kPrev: the field id as written
  int field = -1;                   // kField / kPrev: column index once resolved
  int offset = 0;                   // byte offset in the source text, for messages
  std::vector<int> args;            // indices of the operands in Formula::nodes
  std::vector<std::string> labels;  // kIn / kNotIn: the labels, as written (args[0] is the field)
};

// A problem in a formula: a byte offset into its text and a message.
struct FormulaError {
  int offset = 0;
  std::string message;
};

class Formula {
 public:
  // Parses text. On failure returns false and fills errors (the first syntax
  // error; parsing stops there).
  static bool Parse(std::string_view text, Formula* out, std::vector<FormulaError>* errors);

  // Resolves field names to column indices with lookup (returns -1 for an
  // unknown name); reports every unknown name, with a suggestion from
  // candidates where one is close.
  bool Resolve(const std::function<int(const std::string&)>& lookup, const std::vector<std::string>& candidates,
               std::vector<FormulaError>* errors);

  const std::vector<FormulaNode>& nodes() const { return nodes_; }
  int root() const { return static_cast<int>(nodes_.size()) - 1; }
  const std::string& text() const { return text_; }
  bool uses_prev() const;
  // True when the formula reads this outcome (total, rank, grade, last_total ...).
  bool uses(Outcome outcome) const;
  // Column indices of the fields read (this year and last year), sorted, unique.
  std::vector<int> fields() const;
  // True when the top node is a comparison (what a check needs).
  bool is_comparison() const;

  // The formula written back in a canonical form ("(a - prev(a)) / prev(a)").
  std::string Render() const;
  // The same with each field replaced by value(field, is_prev) ("(520 - 400) / 400").
  std::string Render(const std::function<double(int, bool)>& value) const;
  // The subtree at node, with values.
  std::string Render(int node, const std::function<double(int, bool)>& value) const;

 private:
  friend class Parser;
  std::string RenderNode(int i, const std::function<std::string(const FormulaNode&)>& leaf, int parent_prec) const;
  std::string text_;
  std::vector<FormulaNode> nodes_;
};

// The columns a formula reads, indexed by resolved field: current[f] points at
// `rows` doubles of this year's field f; prev[f] at last year's, aligned by
// row. prev (or one of its entries) may be null: those values are missing.
struct Columns {
  const double* const* current = nullptr;
  const double* const* prev = nullptr;
  Eigen::Index rows = 0;
  // For a category field f, the labels its codes stand for this year (current_labels[f]) and last year;
  // null, or a null entry, where there are none (then a comparison with a label is missing).
  const std::vector<std::string>* const* current_labels = nullptr;
  const std::vector<std::string>* const* prev_labels = nullptr;
  // The outcomes, indexed by Outcome: `rows` doubles each (a grade as its index into `outcome_labels`), or
  // null where unknown (then missing).
  const double* const* outcomes = nullptr;
  const std::vector<std::string>* const* outcome_labels = nullptr;
};

// Evaluates node `node` of formula over all rows. out receives the values,
// flags is OR-ed with kFlagMissing / kFlagDivisionByZero / kFlagOutOfDomain / kFlagNotFinite
// per row (flags must have the right size).
void Evaluate(const Formula& formula, int node, const Columns& cols, Eigen::ArrayXd* out,
              Eigen::Array<std::uint16_t, Eigen::Dynamic, 1>* flags);

// Evaluates the whole formula.
inline void Evaluate(const Formula& formula, const Columns& cols, Eigen::ArrayXd* out,
                     Eigen::Array<std::uint16_t, Eigen::Dynamic, 1>* flags) {
  Evaluate(formula, formula.root(), cols, out, flags);
}

// Names of the functions the language knows, for messages and docs.
const std::vector<std::string>& FunctionNames();

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_FORMULA_FORMULA_H_
