// Recursive-descent parser of the formula language (grammar in formula.h).
#include <algorithm>
#include <map>

#include "formula/formula.h"
#include "formula/lexer.h"
#include "util/number_cell.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

// A function of the language: its op and how many arguments it takes.
struct FunctionInfo {
  Op op;
  int min_args;
  int max_args;  // -1: any number >= min_args
};

const std::map<std::string, FunctionInfo>& Functions() {
  static const std::map<std::string, FunctionInfo> kFunctions = {
      {"if", {Op::kIf, 3, 3}},       {"min", {Op::kMin, 2, -1}},
      {"max", {Op::kMax, 2, -1}},    {"abs", {Op::kAbs, 1, 1}},
      {"floor", {Op::kFloor, 1, 1}}, {"ceil", {Op::kCeil, 1, 1}},
      {"round", {Op::kRound, 1, 1}}, {"log", {Op::kLog, 1, 1}},
      {"sqrt", {Op::kSqrt, 1, 1}},   {"coalesce", {Op::kCoalesce, 2, 2}},
      {"prev", {Op::kPrev, 1, 1}},   {"steps", {Op::kSteps, 2, 2}},
  };
  return kFunctions;
}

}  // namespace

const std::vector<std::string>& FunctionNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& [name, info] : Functions()) names.push_back(name);
    return names;
  }();
  return kNames;
}

class Parser {
 public:
  Parser(std::string_view text, Formula* out) : text_(text), out_(out) { Next(); }

  bool Run(std::vector<FormulaError>* errors) {
    int root = ParseOr();
    if (ok_ && tok_.kind != Tok::kEnd) {
      Fail(tok_.offset, "unexpected '" + tok_.text + "' after the end of the formula");
    }
    if (ok_ && root < 0) Fail(0, "empty formula");
    if (!ok_) {
      errors->push_back(error_);
      return false;
    }
    return true;
  }

 private:
  void Next() { tok_ = ReadToken(text_, &pos_); }

  bool IsOp(const char* s) const { return tok_.kind == Tok::kOp && tok_.text == s; }
  bool IsWord(const char* s) const { return tok_.kind == Tok::kName && tok_.text == s; }

  void Fail(int offset, std::string message) {
    if (!ok_) return;
    ok_ = false;
    error_ = {offset, std::move(message)};
  }

  // Adds a node; fails past kMaxTreeDepth levels (a chain such as
  // a + a + ... + a nests one level per operator), so that evaluating and
  // rendering, which recurse, stay within the stack.
  int Add(FormulaNode node) {
    int depth = 1;
    for (int a : node.args) {
      if (a >= 0) depth = std::max(depth, depths_[a] + 1);
    }
    if (depth > kMaxTreeDepth) {
      Fail(node.offset, "the formula nests more than " + std::to_string(kMaxTreeDepth) +
                            " operations deep; split it into simpler indicators");
    }
    out_->nodes_.push_back(std::move(node));
    depths_.push_back(depth);
    return static_cast<int>(out_->nodes_.size()) - 1;
  }
  int Binary(Op op, int offset, int a, int b) {
    FormulaNode n;
    n.op = op;
    n.offset = offset;
    n.args = {a, b};
    return Add(std::move(n));
  }

  // --- grammar ---
  int ParseOr() {
    int left = ParseAnd();
    while (ok_ && IsWord("or")) {
      int off = tok_.offset;
      Next();
      left = Binary(Op::kOr, off, left, ParseAnd());
    }
    return left;
  }
  int ParseAnd() {
    int left = ParseNot();
    while (ok_ && IsWord("and")) {
      int off = tok_.offset;
      Next();
      left = Binary(Op::kAnd, off, left, ParseNot());
    }
    return left;
  }
  int ParseNot() {
    if (IsWord("not")) {
      if (!Enter()) return -1;
      FormulaNode n;
      n.op = Op::kNot;
      n.offset = tok_.offset;
      Next();
      n.args = {ParseNot()};
      --depth_;
      return Add(std::move(n));
    }
    return ParseComparison();
  }
  int ParseComparison() {
    int left = ParseSum();
    if (ok_ && (IsWord("in") || ((IsOp("==") || IsOp("!=")) && PeekString()))) return ParseLabels(left);
    static const std::pair<const char*, Op> kCmp[] = {{"<", Op::kLt},  {"<=", Op::kLe}, {">", Op::kGt},
                                                      {">=", Op::kGe}, {"==", Op::kEq}, {"!=", Op::kNe}};
    for (const auto& [text, op] : kCmp) {
      if (ok_ && IsOp(text)) {
        int off = tok_.offset;
        Next();
        int right = ParseSum();
        for (const auto& [text2, op2] : kCmp) {
          if (ok_ && IsOp(text2)) {
            Fail(tok_.offset, "comparisons cannot be chained; write 'a < b and b < c'");
          }
        }
        return Binary(op, off, left, right);
      }
    }
    return left;
  }
  // True when the token after the current one is a label in quotes.
  bool PeekString() {
    const size_t saved_pos = pos_;
    const Token saved = tok_;
    Next();
    const bool string = tok_.kind == Tok::kString;
    pos_ = saved_pos;
    tok_ = saved;
    return string;
  }
  // field == "label", field != "label", field in ["label", ...]: left is the field.
  int ParseLabels(int left) {
    FormulaNode n;
    n.offset = tok_.offset;
    n.op = IsOp("!=") ? Op::kNotIn : Op::kIn;
    const bool list = IsWord("in");
    const std::string what = list ? "'in'" : "'" + tok_.text + "' with a label";
    if (left < 0 || (out_->nodes_[left].op != Op::kField && out_->nodes_[left].op != Op::kPrev)) {
      Fail(n.offset, what + " compares a category field, as in type == \"专业化众创空间\"; put the field on the left");
      return -1;
    }
    Next();
    if (list) {
      if (tok_.kind != Tok::kLBracket) {
        Fail(tok_.offset, "'in' takes a list of labels in brackets, as in type in [\"专业\", \"综合\"]");
        return -1;
      }
      Next();
      while (ok_ && tok_.kind == Tok::kString) {
        n.labels.push_back(tok_.text);
        Next();
        if (tok_.kind != Tok::kComma) break;
        Next();
      }
      if (ok_ && tok_.kind != Tok::kRBracket) {
        Fail(tok_.offset, "expected a label in quotes or ']' in the list after 'in', found '" + tok_.text + "'");
        return -1;
      }
      if (ok_ && n.labels.empty()) Fail(tok_.offset, "the list after 'in' is empty; give one or more labels");
    } else {
      n.labels.push_back(tok_.text);
    }
    Next();
    n.args = {left};
    return Add(std::move(n));
  }
  int ParseSum() {
    int left = ParseProduct();
    while (ok_ && (IsOp("+") || IsOp("-"))) {
      Op op = tok_.text == "+" ? Op::kAdd : Op::kSub;
      int off = tok_.offset;
      Next();
      left = Binary(op, off, left, ParseProduct());
    }
    return left;
  }
  int ParseProduct() {
    int left = ParseUnary();
    while (ok_ && (IsOp("*") || IsOp("/"))) {
      Op op = tok_.text == "*" ? Op::kMul : Op::kDiv;
      int off = tok_.offset;
      Next();
      left = Binary(op, off, left, ParseUnary());
    }
    return left;
  }
  int ParseUnary() {
    if (IsOp("-")) {
      if (!Enter()) return -1;
      FormulaNode n;
      n.op = Op::kNeg;
      n.offset = tok_.offset;
      Next();
      n.args = {ParseUnary()};
      --depth_;
      return Add(std::move(n));
    }
    return ParsePrimary();
  }
  // Counts one level of nesting; false (with an error) past kMaxDepth, so
  // that a hostile formula cannot exhaust the stack.
  bool Enter() {
    if (++depth_ > kMaxDepth) {
      Fail(tok_.offset, "formula nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)");
      return false;
    }
    return true;
  }
  int ParsePrimary() {
    if (!ok_) return -1;
    if (!Enter()) return -1;
    int result = ParsePrimaryInner();
    --depth_;
    return result;
  }
  int ParsePrimaryInner() {
    Token t = tok_;
    switch (t.kind) {
      case Tok::kNumber: {
        Next();
        FormulaNode n;
        n.op = Op::kNumber;
        n.number = t.number;
        n.offset = t.offset;
        if (IsOp("%")) {  // 30% is 0.3
          n.number /= 100;
          n.percent = true;
          Next();
        }
        return Add(std::move(n));
      }
      case Tok::kLParen: {
        Next();
        int inner = ParseOr();
        if (ok_ && tok_.kind != Tok::kRParen) {
          Fail(tok_.offset,
               "expected ')' to close the '(' at offset " + std::to_string(t.offset) + ", found '" + tok_.text + "'");
        }
        Next();
        return inner;
      }
      case Tok::kName:
        return ParseName(t);
      case Tok::kEnd:
        Fail(t.offset, "the formula ends where a value was expected");
        return -1;
      case Tok::kString:
        Fail(t.offset,
             "a label in quotes (\"" + t.text +
                 "\") only compares a category field: type == \"…\", type != \"…\" or type in [\"…\", \"…\"]");
        return -1;
      case Tok::kBad:
        if (t.unclosed) {
          Fail(t.offset, "the label starting here has no closing " + t.text);
          return -1;
        }
        if (t.text == "\xE2\x80\x9C" || t.text == "\xE2\x80\x9D") {  // “ ”
          Fail(t.offset, "unexpected character '" + t.text + "': write a label in straight quotes, \"专业\"");
          return -1;
        }
        if (t.out_of_range) {
          Fail(t.offset, "the number '" + t.text + "'" + OutOfRange(t.text));
          return -1;
        }
        Fail(
            t.offset,
            "unexpected character '" + t.text + "'" +
                (static_cast<unsigned char>(t.text[0]) >= 0x80 ? " (formulas use ASCII operators and field ids)" : ""));
        return -1;
      default:
        Fail(t.offset, "expected a number, a field or '(', found '" + t.text + "'");
        return -1;
    }
  }
  int ParseName(const Token& t) {
    Next();
    if (tok_.kind != Tok::kLParen) {
      if (t.text == "and" || t.text == "or" || t.text == "not") {
        Fail(t.offset, "'" + t.text + "' needs operands on both sides");
        return -1;
      }
      FormulaNode n;
      n.op = Op::kField;
      n.name = t.text;
      n.offset = t.offset;
      return Add(std::move(n));
    }
    auto it = Functions().find(t.text);
    if (it == Functions().end()) {
      Fail(t.offset, "unknown function '" + t.text + "'" + DidYouMean(t.text, FunctionNames()) +
                         "; known: " + Join(FunctionNames(), ", "));
      return -1;
    }
    Next();  // '('
    FormulaNode n;
    n.op = it->second.op;
    n.offset = t.offset;
    if (n.op == Op::kPrev) {
      if (tok_.kind != Tok::kName) {
        Fail(tok_.offset, "prev() takes a field id, as in prev(income_total)");
        return -1;
      }
      n.name = tok_.text;
      n.offset = tok_.offset;
      Next();
      if (ok_ && tok_.kind != Tok::kRParen) {
        Fail(tok_.offset, "prev() takes one field id, as in prev(income_total)");
        return -1;
      }
      Next();
      return Add(std::move(n));
    }
    if (tok_.kind != Tok::kRParen) {
      while (ok_) {
        n.args.push_back(ParseOr());
        if (tok_.kind == Tok::kComma) {
          Next();
          continue;
        }
        if (tok_.kind != Tok::kRParen) {
          Fail(tok_.offset, "expected ',' or ')' in the arguments of " + t.text + "(), found '" + tok_.text + "'");
        }
        break;
      }
    }
    if (!ok_) return -1;
    Next();  // ')'
    int count = static_cast<int>(n.args.size());
    const FunctionInfo& f = it->second;
    if (count < f.min_args || (f.max_args >= 0 && count > f.max_args)) {
      std::string want = f.max_args < 0             ? "at least " + std::to_string(f.min_args)
                         : f.min_args == f.max_args ? std::to_string(f.min_args)
                                                    : std::to_string(f.min_args) + " to " + std::to_string(f.max_args);
      Fail(t.offset,
           t.text + "() takes " + want + " argument" + (want == "1" ? "" : "s") + ", not " + std::to_string(count));
      return -1;
    }
    return Add(std::move(n));
  }

  static constexpr int kMaxDepth = 64;
  static constexpr int kMaxTreeDepth = 256;
  std::vector<int> depths_;  // per node of out_, its depth
  std::string_view text_;
  Formula* out_;
  size_t pos_ = 0;
  Token tok_;
  bool ok_ = true;
  int depth_ = 0;
  FormulaError error_;
};

bool Formula::Parse(std::string_view text, Formula* out, std::vector<FormulaError>* errors) {
  *out = Formula();
  constexpr size_t kMaxLength = 10000;  // characters; far more than any indicator needs
  if (text.size() > kMaxLength) {
    errors->push_back({0, "the formula is longer than " + std::to_string(kMaxLength) + " characters"});
    return false;
  }
  out->text_ = std::string(text);
  Parser parser(out->text_, out);
  if (!parser.Run(errors)) {
    out->nodes_.clear();
    return false;
  }
  return true;
}

}  // namespace makerscore::detail
