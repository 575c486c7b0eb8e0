// Writing a parsed formula back as text, with or without the values.
#include "formula/formula.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

// Binding strength, as in the grammar: larger binds tighter.
int Precedence(Op op) {
  switch (op) {
    case Op::kOr:
      return 1;
    case Op::kAnd:
      return 2;
    case Op::kNot:
      return 3;
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe:
    case Op::kEq:
    case Op::kNe:
    case Op::kIn:
    case Op::kNotIn:
      return 4;
    case Op::kAdd:
    case Op::kSub:
      return 5;
    case Op::kMul:
    case Op::kDiv:
      return 6;
    case Op::kNeg:
      return 7;
    default:
      return 8;
  }
}

const char* Symbol(Op op) {
  switch (op) {
    case Op::kAdd:
      return " + ";
    case Op::kSub:
      return " - ";
    case Op::kMul:
      return " * ";
    case Op::kDiv:
      return " / ";
    case Op::kLt:
      return " < ";
    case Op::kLe:
      return " <= ";
    case Op::kGt:
      return " > ";
    case Op::kGe:
      return " >= ";
    case Op::kEq:
      return " == ";
    case Op::kNe:
      return " != ";
    case Op::kAnd:
      return " and ";
    case Op::kOr:
      return " or ";
    default:
      return "";
  }
}

const char* FunctionName(Op op) {
  switch (op) {
    case Op::kIf:
      return "if";
    case Op::kMin:
      return "min";
    case Op::kMax:
      return "max";
    case Op::kAbs:
      return "abs";
    case Op::kFloor:
      return "floor";
    case Op::kCeil:
      return "ceil";
    case Op::kRound:
      return "round";
    case Op::kLog:
      return "log";
    case Op::kSqrt:
      return "sqrt";
    case Op::kCoalesce:
      return "coalesce";
    case Op::kSteps:
      return "steps";
    default:
      return "";
  }
}

}  // namespace

std::string Formula::RenderNode(int i, const std::function<std::string(const FormulaNode&)>& leaf,
                                int parent_prec) const {
  const FormulaNode& n = nodes_[i];
  int prec = Precedence(n.op);
  std::string s;
  switch (n.op) {
    case Op::kNumber:
      return FormatNumber(n.number, 6);
    case Op::kField:
    case Op::kPrev:
      return leaf(n);
    case Op::kOutcome:
      return n.name;
    case Op::kNeg:
      s = "-" + RenderNode(n.args[0], leaf, prec);
      break;
    case Op::kNot:
      s = "not " + RenderNode(n.args[0], leaf, prec);
      break;
    case Op::kIn:
    case Op::kNotIn: {
      // The field by its id even where values are shown: its value is a code, not the label.
      const FormulaNode& f = nodes_[n.args[0]];
      s = f.op == Op::kPrev ? "prev(" + f.name + ")" : f.name;
      std::vector<std::string> quoted;
      for (const auto& label : n.labels) quoted.push_back("\"" + label + "\"");
      if (n.labels.size() == 1) {
        s += (n.op == Op::kIn ? " == " : " != ") + quoted[0];
      } else {
        s = (n.op == Op::kNotIn ? "not " : "") + s + " in [" + Join(quoted, ", ") + "]";
      }
      break;
    }
    default:
      if (*Symbol(n.op)) {
        // Left-associative: the right operand needs parentheses at equal precedence.
        s = RenderNode(n.args[0], leaf, prec) + Symbol(n.op) + RenderNode(n.args[1], leaf, prec + 1);
      } else {
        s = std::string(FunctionName(n.op)) + "(";
        for (size_t k = 0; k < n.args.size(); ++k) {
          if (k) s += ", ";
          s += RenderNode(n.args[k], leaf, 0);
        }
        return s + ")";
      }
  }
  return prec < parent_prec ? "(" + s + ")" : s;
}

std::string Formula::Render() const {
  if (nodes_.empty()) return "";
  return RenderNode(
      root(), [](const FormulaNode& n) { return n.op == Op::kPrev ? "prev(" + n.name + ")" : n.name; }, 0);
}

std::string Formula::Render(const std::function<double(int, bool)>& value) const {
  if (nodes_.empty()) return "";
  return Render(root(), value);
}

std::string Formula::Render(int node, const std::function<double(int, bool)>& value) const {
  return RenderNode(
      node,
      [&](const FormulaNode& n) {
        double v = value(n.field, n.op == Op::kPrev);
        std::string s = FormatNumber(v, 6);
        return v < 0 ? "(" + s + ")" : s;
      },
      0);
}

}  // namespace makerscore::detail
