// Consistency checks of a filled-in report.
#include "makerscore/check.h"

#include <cmath>

#include "scoring/compiled_model.h"
#include "util/text.h"

namespace makerscore {

namespace {

using detail::FlagColumn;
using detail::Op;

bool Holds(Op op, double a, double b, double tol) {
  switch (op) {
    case Op::kLt:
      return a < b + tol;
    case Op::kLe:
      return a <= b + tol;
    case Op::kGt:
      return a + tol > b;
    case Op::kGe:
      return a + tol >= b;
    case Op::kEq:
      return std::fabs(a - b) <= tol;
    case Op::kNe:
      return std::fabs(a - b) > tol;
    default:
      return true;
  }
}

const char* Verb(Op op) {
  switch (op) {
    case Op::kLt:
      return "be less than";
    case Op::kLe:
      return "be at most";
    case Op::kGt:
      return "be more than";
    case Op::kGe:
      return "be at least";
    case Op::kEq:
      return "equal";
    case Op::kNe:
      return "differ from";
    default:
      return "?";
  }
}

}  // namespace

std::vector<Violation> CheckDataset(const Model& model, const Dataset& data) {
  const auto& m = detail::Compiled(model);
  std::vector<const double*> cols;
  std::vector<const std::vector<std::string>*> labels;  // of the category fields
  for (const auto& f : m.rules.fields) {
    int j = data.FindField(f.id);
    cols.push_back(j < 0 ? nullptr : data.column(j));
    labels.push_back(j < 0 || f.kind != FieldKind::kCategory ? nullptr : &data.categories(j));
  }
  const Eigen::Index n = data.entity_count();
  detail::Columns columns{cols.data(), nullptr, n, labels.data(), nullptr};
  std::vector<Violation> out;
  for (const auto& c : m.checks) {
    const auto& root = c.formula.nodes()[c.formula.root()];
    Eigen::ArrayXd lhs(n), rhs(n);
    FlagColumn flags = FlagColumn::Zero(n);
    detail::Evaluate(c.formula, root.args[0], columns, &lhs, &flags);
    detail::Evaluate(c.formula, root.args[1], columns, &rhs, &flags);
    std::vector<std::string> names;
    for (int f : c.formula.fields()) names.push_back(m.rules.fields[f].name);
    for (Eigen::Index i = 0; i < n; ++i) {
      if (std::isnan(lhs[i]) || std::isnan(rhs[i])) continue;  // incomplete report: nothing to compare
      if (Holds(root.op, lhs[i], rhs[i], c.check->tolerance)) continue;
      Violation v;
      v.row = data.row(static_cast<int>(i));
      v.entity = data.entity_ids()[i];
      v.check = c.check->id;
      v.fields = detail::Join(names, ", ");
      auto cols_of = [&](int field, bool) {
        int j = data.FindField(m.rules.fields[field].id);
        return j < 0 ? std::nan("") : data.value(static_cast<int>(i), j);
      };
      auto side = [&](int node, double total) {
        std::string text = c.formula.Render(node, cols_of);
        bool single = c.formula.nodes()[node].op == Op::kField || c.formula.nodes()[node].op == Op::kNumber;
        return single ? text : text + " = " + detail::FormatNumber(total, 6);
      };
      v.message = (c.check->name.empty() ? c.check->id : c.check->name) + ": " + side(root.args[0], lhs[i]) +
                  " should " + Verb(root.op) + " " + side(root.args[1], rhs[i]) +
                  (c.check->tolerance > 0 ? " (within " + detail::FormatNumber(c.check->tolerance, 6) + ")" : "");
      out.push_back(std::move(v));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Violation& a, const Violation& b) { return a.row < b.row; });
  return out;
}

}  // namespace makerscore
