// Column-wise evaluation of a parsed formula over Eigen arrays.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "formula/formula.h"
#include "makerscore/flags.h"

namespace makerscore::detail {

namespace {

using FlagColumn = Eigen::Array<std::uint16_t, Eigen::Dynamic, 1>;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// 1 or 0, or NaN when either side is missing.
template <typename Cmp>
void Compare(const double* a, const double* b, Eigen::Index rows, Cmp cmp, Eigen::ArrayXd* out) {
  out->resize(rows);
  for (Eigen::Index i = 0; i < rows; ++i) {
    (*out)[i] = (std::isnan(a[i]) || std::isnan(b[i])) ? kNaN : (cmp(a[i], b[i]) ? 1.0 : 0.0);
  }
}

// Arithmetic that overflowed (a sum or product beyond about 1.8e308, a
// division by a number near 0) gives no value, flagged: an infinity is never
// scored, and never meets another to make a missing value with no reason.
void Finite(Eigen::ArrayXd* out, FlagColumn* flags) {
  for (Eigen::Index i = 0; i < out->size(); ++i) {
    if (std::isinf((*out)[i])) {
      (*out)[i] = kNaN;
      (*flags)[i] |= kFlagNotFinite;
    }
  }
}

// Decimal data in binary: 0.7 / 0.1 is 6.999999999999999. A value this close (relative) to a whole
// number is taken as that number by floor, ceil and steps, as a person counting complete steps would.
constexpr double kWholeTolerance = 1e-9;

double Whole(double x, double (*round_fn)(double)) {
  const double nearest = std::round(x);
  return std::fabs(x - nearest) <= kWholeTolerance * std::max(1.0, std::fabs(x)) ? nearest : round_fn(x);
}

// Flags each row where column holds no value as missing.
void FlagMissing(const double* column, Eigen::Index rows, FlagColumn* flags) {
  std::uint16_t* f = flags->data();
  for (Eigen::Index i = 0; i < rows; ++i) {
    if (std::isnan(column[i])) f[i] |= kFlagMissing;
  }
}

// A field's (this year's or last year's) column, or null where there is none.
const double* FieldColumn(const FormulaNode& n, const Columns& cols) {
  const double* const* table = n.op == Op::kField ? cols.current : cols.prev;
  return table == nullptr ? nullptr : table[n.field];
}

void EvaluateRows(const Formula& formula, int node, const Columns& cols, Eigen::ArrayXd* out, FlagColumn* flags);

// The values of node k over cols' rows, with its flags: a field's column itself, not copied, or else the node
// evaluated into *scratch.
const double* Operand(const Formula& formula, int k, const Columns& cols, Eigen::ArrayXd* scratch, FlagColumn* flags) {
  const FormulaNode& n = formula.nodes()[k];
  if (n.op == Op::kField || n.op == Op::kPrev) {
    if (const double* column = FieldColumn(n, cols)) {
      FlagMissing(column, cols.rows, flags);
      return column;
    }
  }
  EvaluateRows(formula, k, cols, scratch, flags);
  return scratch->data();
}

// out = op(a, b) row by row, an infinity made missing and flagged (Finite).
template <typename BinaryOp>
void Arithmetic(const double* a, const double* b, Eigen::Index rows, BinaryOp op, Eigen::ArrayXd* out,
                FlagColumn* flags) {
  out->resize(rows);
  double* o = out->data();
  for (Eigen::Index i = 0; i < rows; ++i) o[i] = op(a[i], b[i]);
  Finite(out, flags);
}

// Evaluates node `node` over all of cols' rows, a column at a time (Evaluate: a block of rows at a time).
void EvaluateRows(const Formula& formula, int node, const Columns& cols, Eigen::ArrayXd* out, FlagColumn* flags) {
  const FormulaNode& n = formula.nodes()[node];
  const Eigen::Index rows = cols.rows;
  auto eval = [&](int k) {
    Eigen::ArrayXd v(rows);
    EvaluateRows(formula, n.args[k], cols, &v, flags);
    return v;
  };
  switch (n.op) {
    case Op::kNumber:
      out->setConstant(rows, n.number);
      return;
    case Op::kField:
    case Op::kPrev: {
      const double* column = FieldColumn(n, cols);
      if (column == nullptr) {  // no data for this field at all (no last year)
        out->setConstant(rows, kNaN);
        for (Eigen::Index i = 0; i < rows; ++i) (*flags)[i] |= kFlagMissing;
        return;
      }
      *out = Eigen::Map<const Eigen::ArrayXd>(column, rows);
      FlagMissing(column, rows, flags);
      return;
    }
    case Op::kNeg:
      *out = -eval(0);
      return;
    case Op::kNot: {
      Eigen::ArrayXd a = eval(0);
      *out = a.isNaN().select(kNaN, (a == 0).cast<double>());
      return;
    }
    case Op::kAdd:
    case Op::kSub:
    case Op::kMul:
    case Op::kDiv: {
      // Each operand ORs its flags into the rows' (a field's column read in place), then the operation its own.
      Eigen::ArrayXd a_scratch, b_scratch;
      const double* a = Operand(formula, n.args[0], cols, &a_scratch, flags);
      const double* b = Operand(formula, n.args[1], cols, &b_scratch, flags);
      if (n.op == Op::kAdd) return Arithmetic(a, b, rows, std::plus<>(), out, flags);
      if (n.op == Op::kSub) return Arithmetic(a, b, rows, std::minus<>(), out, flags);
      if (n.op == Op::kMul) return Arithmetic(a, b, rows, std::multiplies<>(), out, flags);
      // A division by zero of a value is missing and flagged; the division by zero of a missing value is missing.
      std::uint16_t* f = flags->data();
      for (Eigen::Index i = 0; i < rows; ++i) {
        if (b[i] == 0 && !std::isnan(a[i])) f[i] |= kFlagDivisionByZero;
      }
      return Arithmetic(
          a, b, rows, [](double x, double y) { return y == 0 && !std::isnan(x) ? kNaN : x / y; }, out, flags);
    }
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe:
    case Op::kEq:
    case Op::kNe: {
      Eigen::ArrayXd a_scratch, b_scratch;
      const double* a = Operand(formula, n.args[0], cols, &a_scratch, flags);
      const double* b = Operand(formula, n.args[1], cols, &b_scratch, flags);
      if (n.op == Op::kLt) return Compare(a, b, rows, std::less<>(), out);
      if (n.op == Op::kLe) return Compare(a, b, rows, std::less_equal<>(), out);
      if (n.op == Op::kGt) return Compare(a, b, rows, std::greater<>(), out);
      if (n.op == Op::kGe) return Compare(a, b, rows, std::greater_equal<>(), out);
      if (n.op == Op::kEq) return Compare(a, b, rows, std::equal_to<>(), out);
      return Compare(a, b, rows, std::not_equal_to<>(), out);
    }
    case Op::kAnd:
    case Op::kOr: {
      // Kleene's three-valued logic: `false and missing` is false, `true or missing` is true; otherwise a
      // missing side leaves the answer missing. A side's faults count only where it decided the answer
      // or the answer stays open.
      FlagColumn a_flags = FlagColumn::Zero(rows), b_flags = a_flags;
      Eigen::ArrayXd a(rows), b(rows);
      EvaluateRows(formula, n.args[0], cols, &a, &a_flags);
      EvaluateRows(formula, n.args[1], cols, &b, &b_flags);
      const double decides = n.op == Op::kAnd ? 0.0 : 1.0;  // the value one side settles the answer with
      auto settles = [&](double x) { return !std::isnan(x) && (x != 0) == (decides != 0); };
      out->resize(rows);
      for (Eigen::Index i = 0; i < rows; ++i) {
        if (settles(a[i])) {
          (*out)[i] = decides;
          (*flags)[i] |= a_flags[i];
        } else if (settles(b[i])) {
          (*out)[i] = decides;
          (*flags)[i] |= b_flags[i];
        } else {
          (*out)[i] = std::isnan(a[i]) || std::isnan(b[i]) ? kNaN : 1.0 - decides;
          (*flags)[i] |= a_flags[i] | b_flags[i];
        }
      }
      return;
    }
    case Op::kIf: {
      // Only the chosen branch's flags count for a row: a division by zero in
      // the branch not taken is no fault.
      FlagColumn cond_flags = FlagColumn::Zero(rows), a_flags = cond_flags, b_flags = cond_flags;
      Eigen::ArrayXd c_scratch, a_scratch, b_scratch;
      const double* c = Operand(formula, n.args[0], cols, &c_scratch, &cond_flags);
      const double* a = Operand(formula, n.args[1], cols, &a_scratch, &a_flags);
      const double* b = Operand(formula, n.args[2], cols, &b_scratch, &b_flags);
      out->resize(rows);
      for (Eigen::Index i = 0; i < rows; ++i) {
        if (std::isnan(c[i])) {
          (*out)[i] = kNaN;
          (*flags)[i] |= cond_flags[i];
        } else if (c[i] != 0) {
          (*out)[i] = a[i];
          (*flags)[i] |= cond_flags[i] | a_flags[i];
        } else {
          (*out)[i] = b[i];
          (*flags)[i] |= cond_flags[i] | b_flags[i];
        }
      }
      return;
    }
    case Op::kCoalesce: {
      // The second operand's faults matter only where it is used.
      FlagColumn a_flags = FlagColumn::Zero(rows), b_flags = a_flags;
      Eigen::ArrayXd a(rows), b(rows);
      EvaluateRows(formula, n.args[0], cols, &a, &a_flags);
      EvaluateRows(formula, n.args[1], cols, &b, &b_flags);
      *out = a.isNaN().select(b, a);
      for (Eigen::Index i = 0; i < rows; ++i) {
        (*flags)[i] |= std::isnan(a[i]) ? b_flags[i] : a_flags[i];
      }
      return;
    }
    case Op::kMin:
    case Op::kMax: {
      *out = eval(0);
      for (size_t k = 1; k < n.args.size(); ++k) {
        Eigen::ArrayXd b = eval(static_cast<int>(k));
        for (Eigen::Index i = 0; i < rows; ++i) {
          double& x = (*out)[i];
          if (std::isnan(x) || std::isnan(b[i]))
            x = kNaN;
          else
            x = n.op == Op::kMin ? std::min(x, b[i]) : std::max(x, b[i]);
        }
      }
      return;
    }
    case Op::kAbs:
      *out = eval(0).abs();
      return;
    case Op::kFloor:
      *out = eval(0).unaryExpr([](double x) { return Whole(x, std::floor); });
      return;
    case Op::kCeil:
      *out = eval(0).unaryExpr([](double x) { return Whole(x, std::ceil); });
      return;
    case Op::kSteps: {
      // 每满 step 得 1 分: the complete steps of `step` in x; none below one step; a step that is not above
      // 0 has no meaning.
      Eigen::ArrayXd x = eval(0), step = eval(1);
      out->resize(rows);
      for (Eigen::Index i = 0; i < rows; ++i) {
        if (std::isnan(x[i]) || std::isnan(step[i])) {
          (*out)[i] = kNaN;
        } else if (!(step[i] > 0)) {
          (*out)[i] = kNaN;
          (*flags)[i] |= kFlagOutOfDomain;
        } else {
          (*out)[i] = std::max(0.0, Whole(x[i] / step[i], std::floor));
        }
      }
      Finite(out, flags);
      return;
    }
    case Op::kOutcome: {
      const double* column = cols.outcomes == nullptr ? nullptr : cols.outcomes[n.field];
      if (column == nullptr) {
        out->setConstant(rows, kNaN);
      } else {
        *out = Eigen::Map<const Eigen::ArrayXd>(column, rows);
      }
      for (Eigen::Index i = 0; i < rows; ++i) {
        if (std::isnan((*out)[i])) (*flags)[i] |= kFlagMissing;
      }
      return;
    }
    case Op::kIn:
    case Op::kNotIn: {
      // The codes of the category field (or grade), and which of them stand for one of the labels.
      const FormulaNode& field = formula.nodes()[n.args[0]];
      const auto* const* tables = field.op == Op::kField  ? cols.current_labels
                                  : field.op == Op::kPrev ? cols.prev_labels
                                                          : cols.outcome_labels;
      const std::vector<std::string>* labels = tables == nullptr ? nullptr : tables[field.field];
      Eigen::ArrayXd code = eval(0);
      std::vector<char> match(labels == nullptr ? 0 : labels->size(), 0);
      for (size_t c = 0; c < match.size(); ++c) {
        match[c] = std::find(n.labels.begin(), n.labels.end(), (*labels)[c]) != n.labels.end();
      }
      const bool in = n.op == Op::kIn;
      out->resize(rows);
      for (Eigen::Index i = 0; i < rows; ++i) {
        const double c = code[i];
        if (std::isnan(c) || c < 0 || static_cast<size_t>(c) >= match.size()) {
          (*out)[i] = kNaN;
          (*flags)[i] |= kFlagMissing;
        } else {
          (*out)[i] = match[static_cast<size_t>(c)] == in ? 1.0 : 0.0;
        }
      }
      return;
    }
    case Op::kRound:
      *out = eval(0).round();
      return;
    case Op::kLog:
    case Op::kSqrt: {
      Eigen::ArrayXd a = eval(0);
      out->resize(rows);
      for (Eigen::Index i = 0; i < rows; ++i) {
        bool bad = n.op == Op::kLog ? a[i] <= 0 : a[i] < 0;
        if (bad) {
          (*out)[i] = kNaN;
          (*flags)[i] |= kFlagOutOfDomain;
        } else {
          (*out)[i] = n.op == Op::kLog ? std::log(a[i]) : std::sqrt(a[i]);
        }
      }
      return;
    }
  }
}

// Rows per block: each intermediate column of a block stays in the cache (8,192 doubles: 64 KB).
constexpr Eigen::Index kBlockRows = 8192;

}  // namespace

void Evaluate(const Formula& formula, int node, const Columns& cols, Eigen::ArrayXd* out, FlagColumn* flags) {
  // Every operation is row by row, so a block of rows at a time gives the same bits as the whole column,
  // without an intermediate column of the whole cohort for each operation. `in` and `not in` match a
  // category's labels once per call, so they take the cohort at once.
  size_t fields = 0, outcomes = 0;
  bool labels = false;
  for (const FormulaNode& n : formula.nodes()) {
    if (n.op == Op::kField || n.op == Op::kPrev) fields = std::max(fields, static_cast<size_t>(n.field) + 1);
    if (n.op == Op::kOutcome) outcomes = std::max(outcomes, static_cast<size_t>(n.field) + 1);
    labels |= n.op == Op::kIn || n.op == Op::kNotIn;
  }
  const Eigen::Index rows = cols.rows;
  if (rows <= kBlockRows || labels) return EvaluateRows(formula, node, cols, out, flags);
  out->resize(rows);
  std::vector<const double*> current(fields), prev(fields), outcome(outcomes);
  Columns block = cols;
  block.current = cols.current == nullptr ? nullptr : current.data();
  block.prev = cols.prev == nullptr ? nullptr : prev.data();
  block.outcomes = cols.outcomes == nullptr ? nullptr : outcome.data();
  Eigen::ArrayXd values;
  FlagColumn block_flags;
  for (Eigen::Index first = 0; first < rows; first += kBlockRows) {
    const Eigen::Index count = std::min(kBlockRows, rows - first);
    auto at = [first](const double* column) { return column == nullptr ? nullptr : column + first; };
    for (size_t f = 0; f < fields; ++f) {
      if (cols.current != nullptr) current[f] = at(cols.current[f]);
      if (cols.prev != nullptr) prev[f] = at(cols.prev[f]);
    }
    for (size_t o = 0; o < outcomes; ++o) outcome[o] = at(cols.outcomes[o]);
    block.rows = count;
    block_flags = flags->segment(first, count);
    EvaluateRows(formula, node, block, &values, &block_flags);
    out->segment(first, count) = values;
    flags->segment(first, count) = block_flags;
  }
}

}  // namespace makerscore::detail
