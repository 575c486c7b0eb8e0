// What a parsed formula says about itself: the fields and outcomes it reads, and resolving its names.
#include "formula/formula.h"

#include <algorithm>

#include "util/text.h"

namespace makerscore::detail {

const char* OutcomeName(int outcome) {
  static const char* kNames[] = {"total", "rank", "grade", "last_total", "last_rank", "last_grade"};
  return outcome >= 0 && outcome < kOutcomeCount ? kNames[outcome] : "";
}

int OutcomeOf(std::string_view name) {
  for (int k = 0; k < kOutcomeCount; ++k) {
    if (name == OutcomeName(k)) return k;
  }
  return -1;
}

bool Formula::uses(Outcome outcome) const {
  return std::any_of(nodes_.begin(), nodes_.end(),
                     [&](const FormulaNode& n) { return n.op == Op::kOutcome && n.field == outcome; });
}

bool Formula::Resolve(const std::function<int(const std::string&)>& lookup, const std::vector<std::string>& candidates,
                      std::vector<FormulaError>* errors) {
  bool ok = true;
  for (auto& n : nodes_) {
    if (n.op != Op::kField && n.op != Op::kPrev) continue;
    n.field = lookup(n.name);
    // An outcome's name (total, last_grade ...) stands for the outcome, unless a field has the name (a report
    // form's `total`): rule files written before outcomes keep their meaning.
    if (const int outcome = OutcomeOf(n.name); outcome >= 0 && n.op == Op::kField && n.field < 0) {
      n.op = Op::kOutcome;
      n.field = outcome;
      continue;
    }
    if (n.field < 0) {
      ok = false;
      errors->push_back({n.offset, "unknown field '" + n.name + "'" + DidYouMean(n.name, candidates)});
    }
  }
  return ok;
}

bool Formula::uses_prev() const {
  return std::any_of(nodes_.begin(), nodes_.end(), [](const FormulaNode& n) { return n.op == Op::kPrev; });
}

std::vector<int> Formula::fields() const {
  std::vector<int> out;
  for (const auto& n : nodes_) {
    if ((n.op == Op::kField || n.op == Op::kPrev) && n.field >= 0) out.push_back(n.field);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool Formula::is_comparison() const {
  if (nodes_.empty()) return false;
  switch (nodes_.back().op) {
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe:
    case Op::kEq:
    case Op::kNe:
      return true;
    default:
      return false;
  }
}

}  // namespace makerscore::detail
