// The formula language: parsing, errors with positions, column evaluation.
#include "formula/formula.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "test_util.h"

namespace makerscore::detail {
namespace {

using FlagColumn = Eigen::Array<std::uint16_t, Eigen::Dynamic, 1>;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

// Fields a, b, c; evaluation over rows given as columns.
int Lookup(const std::string& name) {
  if (name == "a") return 0;
  if (name == "b") return 1;
  if (name == "c") return 2;
  return -1;
}

Formula Compile(const std::string& text) {
  Formula f;
  std::vector<FormulaError> errors;
  EXPECT_TRUE(Formula::Parse(text, &f, &errors)) << (errors.empty() ? "" : errors[0].message);
  EXPECT_TRUE(f.Resolve(Lookup, {"a", "b", "c"}, &errors));
  return f;
}

struct Evaluated {
  Eigen::ArrayXd values;
  FlagColumn flags;
};

Evaluated Eval(const std::string& text, const std::vector<Eigen::VectorXd>& now,
               const std::vector<Eigen::VectorXd>& last = {}) {
  Formula f = Compile(text);
  std::vector<const double*> cur, prev;
  for (const auto& v : now) cur.push_back(v.data());
  for (const auto& v : last) prev.push_back(v.data());
  Eigen::Index rows = now[0].size();
  Columns cols{cur.data(), last.empty() ? nullptr : prev.data(), rows};
  Evaluated out{Eigen::ArrayXd(rows), FlagColumn::Zero(rows)};
  Evaluate(f, cols, &out.values, &out.flags);
  return out;
}

Eigen::VectorXd Col(std::initializer_list<double> v) {
  Eigen::VectorXd c(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double x : v) c[i++] = x;
  return c;
}

FormulaError FirstError(const std::string& text) {
  Formula f;
  std::vector<FormulaError> errors;
  if (Formula::Parse(text, &f, &errors)) f.Resolve(Lookup, {"a", "b", "c"}, &errors);
  EXPECT_FALSE(errors.empty()) << "expected an error in: " << text;
  return errors.empty() ? FormulaError{} : errors[0];
}

TEST(Formula, ArithmeticFollowsPrecedence) {
  // 1 + 2 * 3 = 7; (1 + 2) * 3 = 9; 10 - 4 - 3 = 3 (left to right); 2 * -3 = -6.
  auto e = Eval("1 + 2 * 3 + 0 * a", {Col({0}), Col({0}), Col({0})});
  EXPECT_DOUBLE_EQ(e.values[0], 7);
  EXPECT_DOUBLE_EQ(Eval("(1 + 2) * 3", {Col({0})}).values[0], 9);
  EXPECT_DOUBLE_EQ(Eval("10 - 4 - 3", {Col({0})}).values[0], 3);
  EXPECT_DOUBLE_EQ(Eval("2 * -3", {Col({0})}).values[0], -6);
  EXPECT_DOUBLE_EQ(Eval("30%", {Col({0})}).values[0], 0.3);
}

TEST(Formula, EvaluatesWholeColumns) {
  // (a + b) / c for three rows: (1+2)/3 = 1, (4+6)/5 = 2, (0+1)/4 = 0.25.
  auto e = Eval("(a + b) / c", {Col({1, 4, 0}), Col({2, 6, 1}), Col({3, 5, 4})});
  EXPECT_DOUBLE_EQ(e.values[0], 1);
  EXPECT_DOUBLE_EQ(e.values[1], 2);
  EXPECT_DOUBLE_EQ(e.values[2], 0.25);
  EXPECT_EQ((e.flags == 0).count(), 3);
}

TEST(Formula, GrowthRateWithPrev) {
  // Guangxi 3.1: (this year - last year) / last year: (520 - 400) / 400 = 0.3.
  auto e = Eval("(a - prev(a)) / prev(a)", {Col({520, 90})}, {Col({400, 100})});
  EXPECT_DOUBLE_EQ(e.values[0], 0.3);
  EXPECT_DOUBLE_EQ(e.values[1], -0.1);
}

TEST(Formula, DivisionByZeroIsFlaggedMissing) {
  const double nan = std::nan("");
  auto e = Eval("a / b", {Col({1, 0, 3, nan}), Col({0, 0, 2, 0})});
  EXPECT_TRUE(std::isnan(e.values[0]));
  EXPECT_TRUE(e.flags[0] & kFlagDivisionByZero);
  EXPECT_TRUE(std::isnan(e.values[1]));
  EXPECT_TRUE(e.flags[1] & kFlagDivisionByZero);
  EXPECT_DOUBLE_EQ(e.values[2], 1.5);
  EXPECT_EQ(e.flags[2], 0);
  // A missing value divided by zero is missing for want of the value: no division was made.
  EXPECT_TRUE(std::isnan(e.values[3]));
  EXPECT_EQ(e.flags[3], kFlagMissing);
}

TEST(Formula, MissingOperandsPropagateAndAreFlagged) {
  auto e = Eval("a + b", {Col({kNaN, 1}), Col({1, 1})});
  EXPECT_TRUE(std::isnan(e.values[0]));
  EXPECT_TRUE(e.flags[0] & kFlagMissing);
  EXPECT_DOUBLE_EQ(e.values[1], 2);
  // No last year at all: prev() is missing.
  auto p = Eval("prev(a)", {Col({1})});
  EXPECT_TRUE(std::isnan(p.values[0]));
  EXPECT_TRUE(p.flags[0] & kFlagMissing);
}

TEST(Formula, IfKeepsOnlyTheChosenBranchFlags) {
  // if(b == 0, 1, a / b): the division by zero in the branch not taken is no fault.
  auto e = Eval("if(b == 0, 1, a / b)", {Col({5, 6}), Col({0, 3})});
  EXPECT_DOUBLE_EQ(e.values[0], 1);
  EXPECT_EQ(e.flags[0], 0);
  EXPECT_DOUBLE_EQ(e.values[1], 2);
}

TEST(Formula, FunctionsAndComparisons) {
  Eigen::VectorXd a = Col({-2.5, 7.9});
  EXPECT_DOUBLE_EQ(Eval("abs(a)", {a}).values[0], 2.5);
  EXPECT_DOUBLE_EQ(Eval("floor(a)", {a}).values[1], 7);
  EXPECT_DOUBLE_EQ(Eval("ceil(a)", {a}).values[1], 8);
  EXPECT_DOUBLE_EQ(Eval("min(a, 1, 0)", {a}).values[1], 0);
  EXPECT_DOUBLE_EQ(Eval("max(a, 1)", {a}).values[0], 1);
  EXPECT_DOUBLE_EQ(Eval("a > 0", {a}).values[1], 1);
  EXPECT_DOUBLE_EQ(Eval("a > 0 and a < 5", {a}).values[1], 0);
  EXPECT_DOUBLE_EQ(Eval("not a > 0 or a > 7", {a}).values[0], 1);
  EXPECT_DOUBLE_EQ(Eval("coalesce(b, 4)", {a, Col({kNaN, 1})}).values[0], 4);
  EXPECT_NEAR(Eval("log(a)", {Col({std::exp(2.0)})}).values[0], 2, 1e-12);
  auto bad = Eval("log(a)", {Col({0})});
  EXPECT_TRUE(std::isnan(bad.values[0]));
  EXPECT_TRUE(bad.flags[0] & kFlagOutOfDomain);
}

TEST(Formula, AndOrNotFollowKleenesThreeValuedLogic) {
  // a: true, false, missing in turn; b the same for each a: the nine cases of Kleene's tables.
  Eigen::VectorXd a = Col({1, 1, 1, 0, 0, 0, kNaN, kNaN, kNaN});
  Eigen::VectorXd b = Col({1, 0, kNaN, 1, 0, kNaN, 1, 0, kNaN});
  auto both = Eval("a and b", {a, b});
  auto either = Eval("a or b", {a, b});
  const double t = 1, f = 0, m = kNaN;
  const double and_table[] = {t, f, m, f, f, f, m, f, m};  // false and missing: false
  const double or_table[] = {t, t, t, t, f, m, t, m, m};   // true or missing: true
  for (int i = 0; i < 9; ++i) {
    if (std::isnan(and_table[i])) {
      EXPECT_TRUE(std::isnan(both.values[i])) << "and, case " << i;
    } else {
      EXPECT_EQ(both.values[i], and_table[i]) << "and, case " << i;
    }
    if (std::isnan(or_table[i])) {
      EXPECT_TRUE(std::isnan(either.values[i])) << "or, case " << i;
    } else {
      EXPECT_EQ(either.values[i], or_table[i]) << "or, case " << i;
    }
  }
  EXPECT_TRUE(std::isnan(Eval("not a", {Col({kNaN})}).values[0]));
  // The 一票否决: t + f < 20 or f / (t + f) < 2/3 with no teams and no firms. The division has no
  // value (0 / 0), but 0 < 20 settles it: the condition holds, and the division's fault is not the row's.
  auto veto = Eval("a + b < 20 or b / (a + b) < 2/3", {Col({0}), Col({0})});  // a teams, b firms
  EXPECT_EQ(veto.values[0], 1);
  EXPECT_FALSE(veto.flags[0] & kFlagDivisionByZero);
}

// A large cohort is evaluated a block of rows at a time. Each row must come out as it does evaluated alone
// (a cohort of one row), value and flags, for formulas that use every kind of operation, over 30,000 rows
// (not a whole number of blocks) with missing values, zeros, negatives and huge numbers among them.
TEST(Formula, ACohortInBlocksGivesEachRowAsItIsAlone) {
  const int rows = 30000;
  std::mt19937 random(3);
  std::vector<Eigen::VectorXd> now(3, Eigen::VectorXd(rows)), last(3, Eigen::VectorXd(rows));
  const double special[] = {kNaN, 0.0, -2.0, 1e308, 0.1, 7.0};
  for (auto* year : {&now, &last}) {
    for (auto& column : *year) {
      for (int i = 0; i < rows; ++i) {
        const auto draw = random() % 10;
        column[i] = draw < 6 ? special[draw] : static_cast<double>(random() % 2000) / 7.0 - 50;
      }
    }
  }
  for (const char* text :
       {"(a - prev(a)) / prev(a)", "if(a > b, sqrt(a) + log(b), -c) * 2",
        "coalesce(a, coalesce(b, 0)) + max(a, c) - min(b, 3) + abs(c)", "steps(a, 0.1) + floor(b) + ceil(c)",
        "(a >= 1 and b < 2) or not (c == 0) or a != b", "round(a * b * c) / (a + b)"}) {
    const Evaluated all = Eval(text, now, last);
    for (int i = 0; i < rows; ++i) {
      std::vector<Eigen::VectorXd> one_now, one_last;
      for (int f = 0; f < 3; ++f) {
        one_now.push_back(Eigen::VectorXd::Constant(1, now[f][i]));
        one_last.push_back(Eigen::VectorXd::Constant(1, last[f][i]));
      }
      const Evaluated alone = Eval(text, one_now, one_last);
      const double a = all.values[i], b = alone.values[0];
      ASSERT_TRUE(std::memcmp(&a, &b, sizeof a) == 0) << text << " row " << i << ": " << a << " " << b;
      ASSERT_EQ(all.flags[i], alone.flags[0]) << text << " row " << i;
    }
  }
}

TEST(Formula, StepsAndFloorCountAsAPersonDoes) {
  // 每满0.1万元得1分: 0.7 万元 holds 7 complete steps, though 0.7 / 0.1 is 6.999999999999999 in binary.
  ASSERT_LT(0.7 / 0.1, 7.0);
  Eigen::VectorXd amount = Col({0.7, 0.75, 0.05, -0.3, 2.3});
  auto s = Eval("steps(a, 0.1)", {amount});
  EXPECT_EQ(s.values[0], 7);
  EXPECT_EQ(s.values[1], 7);  // 0.75: 7 complete steps
  EXPECT_EQ(s.values[2], 0);  // below one step
  EXPECT_EQ(s.values[3], 0);  // none below zero
  EXPECT_EQ(s.values[4], 23);
  EXPECT_EQ(Eval("floor(a / 0.1)", {Col({0.7})}).values[0], 7);
  EXPECT_EQ(Eval("ceil(a / 0.1)", {Col({0.7})}).values[0], 7);  // 7.000000000000001 is 7 too
  EXPECT_EQ(Eval("floor(a)", {Col({6.5})}).values[0], 6);
  auto bad = Eval("steps(a, 0)", {Col({1})});
  EXPECT_TRUE(std::isnan(bad.values[0]));
  EXPECT_TRUE(bad.flags[0] & kFlagOutOfDomain);
}

TEST(Formula, CategoryFieldsCompareWithLabels) {
  // Field a is a category whose codes 0, 1, 2 stand for 专业化众创空间, 综合性众创空间, 其他 (in the order the
  // data first shows them); row 3 has no label (NaN).
  const std::vector<std::string> labels = {"专业化众创空间", "综合性众创空间", "其他"};
  const std::vector<std::string>* table[] = {&labels, nullptr, nullptr};
  Eigen::VectorXd type = Col({0, 1, 2, kNaN}), b = Col({4, 4, 9, 3});
  auto eval = [&](const std::string& text) {
    Formula f = Compile(text);
    const double* cur[] = {type.data(), b.data(), b.data()};
    Columns cols{cur, nullptr, 4, table, nullptr};
    Evaluated out{Eigen::ArrayXd(4), FlagColumn::Zero(4)};
    Evaluate(f, cols, &out.values, &out.flags);
    return out;
  };
  auto is = eval("a == \"专业化众创空间\"");
  EXPECT_EQ(is.values[0], 1);
  EXPECT_EQ(is.values[1], 0);
  EXPECT_EQ(is.values[2], 0);
  EXPECT_TRUE(std::isnan(is.values[3]));  // no label: missing, as any missing input
  EXPECT_TRUE(is.flags[3] & kFlagMissing);
  auto in = eval("a in ['专业化众创空间', '综合性众创空间']");
  EXPECT_EQ(in.values[0], 1);
  EXPECT_EQ(in.values[1], 1);
  EXPECT_EQ(in.values[2], 0);
  auto differs = eval("a != \"其他\" and b > 3");
  EXPECT_EQ(differs.values[0], 1);
  EXPECT_EQ(differs.values[2], 0);
  // 专业化 spaces earn twice: 4 x 2, 4, 9.
  auto points = eval("if(a == \"专业化众创空间\", b * 2, b)");
  EXPECT_EQ(points.values[0], 8);
  EXPECT_EQ(points.values[1], 4);
  EXPECT_EQ(points.values[2], 9);
  // Written back, the field stays a field even where values are shown (its value is a code).
  EXPECT_EQ(Compile("not (a in ['x', \"y\"])").Render(), "not a in [\"x\", \"y\"]");  // not binds loosest
  EXPECT_EQ(Compile("a != 'x'").Render([](int, bool) { return 7.0; }), "a != \"x\"");
  // Labels appear only where a category is compared.
  EXPECT_EQ(FirstError("\"x\" == a").message,
            "a label in quotes (\"x\") only compares a category field: type == \"…\", type != \"…\" or "
            "type in [\"…\", \"…\"]");
  EXPECT_EQ(FirstError("a + 1 == \"x\"").message,
            "'==' with a label compares a category field, as in type == \"专业化众创空间\"; put the field on the left");
  EXPECT_EQ(FirstError("a in []").message, "the list after 'in' is empty; give one or more labels");
  EXPECT_EQ(FirstError("a == \"x").message, "the label starting here has no closing \"");
}

TEST(Formula, ErrorsPointAtTheOffendingCharacter) {
  FormulaError e = FirstError("a + * b");
  EXPECT_EQ(e.offset, 4);
  EXPECT_EQ(e.message, "expected a number, a field or '(', found '*'");

  e = FirstError("a + unknown_field");
  EXPECT_EQ(e.offset, 4);
  EXPECT_EQ(e.message, "unknown field 'unknown_field'");

  e = FirstError("a + bb");
  EXPECT_EQ(e.message, "unknown field 'bb' (did you mean 'b'?)");

  e = FirstError("sqr(a)");
  EXPECT_EQ(e.offset, 0);
  EXPECT_NE(e.message.find("unknown function 'sqr' (did you mean 'sqrt'?)"), std::string::npos);

  e = FirstError("(a + b");
  EXPECT_EQ(e.offset, 6);
  EXPECT_EQ(e.message, "expected ')' to close the '(' at offset 0, found 'end of formula'");

  e = FirstError("if(a, b)");
  EXPECT_EQ(e.message, "if() takes 3 arguments, not 2");

  e = FirstError("a < b < c");
  EXPECT_EQ(e.message, "comparisons cannot be chained; write 'a < b and b < c'");

  e = FirstError("a （b）");
  EXPECT_EQ(e.offset, 2);
  EXPECT_EQ(e.message, "unexpected '（' after the end of the formula");

  e = FirstError("a ＋ b");
  EXPECT_EQ(e.message, "unexpected '＋' after the end of the formula");

  e = FirstError("prev(1)");
  EXPECT_EQ(e.message, "prev() takes a field id, as in prev(income_total)");

  e = FirstError("");
  EXPECT_EQ(e.message, "the formula ends where a value was expected");
}

TEST(Formula, DeepNestingIsRefusedNotACrash) {
  std::string deep(5000, '(');
  EXPECT_NE(FirstError(deep + "a").message.find("nested too deeply"), std::string::npos);
  std::string minus(5000, '-');
  EXPECT_NE(FirstError(minus + "a").message.find("nested too deeply"), std::string::npos);
  EXPECT_EQ(FirstError(std::string(10001, 'a')).message, "the formula is longer than 10000 characters");
  // Found by fuzzing: a long chain of operators nests one level each and overflowed the
  // stack when evaluated; it is refused when parsed.
  std::string chain = "a";
  for (int k = 0; k < 3000; ++k) chain += "+a";
  EXPECT_NE(FirstError(chain).message.find("nests more than 256 operations deep"), std::string::npos);
  std::string fine = "a";
  for (int k = 0; k < 200; ++k) fine += "+a";
  Formula f;
  std::vector<FormulaError> errors;
  EXPECT_TRUE(Formula::Parse(fine, &f, &errors));
}

TEST(Formula, RendersCanonicallyAndWithValues) {
  Formula f = Compile("(a-prev(a))/prev(a)");
  EXPECT_EQ(f.Render(), "(a - prev(a)) / prev(a)");
  EXPECT_EQ(f.Render([](int field, bool is_prev) { return is_prev ? 400.0 : 520.0; }), "(520 - 400) / 400");
  EXPECT_EQ(Compile("a - (b - c)").Render(), "a - (b - c)");
  EXPECT_EQ(Compile("a - b - c").Render(), "a - b - c");
  EXPECT_EQ(Compile("if(a > 0, 1, 0)").Render(), "if(a > 0, 1, 0)");
  EXPECT_TRUE(f.uses_prev());
  EXPECT_EQ(f.fields(), std::vector<int>{0});
}

}  // namespace
}  // namespace makerscore::detail
