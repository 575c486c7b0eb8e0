// Small accessors of the rule-set value types.
#include "makerscore/rules.h"

namespace makerscore {

SourcePos SourceMap::Find(const std::string& path) const {
  std::string p = path;
  while (true) {
    auto it = positions.find(p);
    if (it != positions.end()) return it->second;
    size_t slash = p.rfind('/');
    if (slash == std::string::npos) return SourcePos{file, 0, 0};
    p.resize(slash);
  }
}

std::string SourceMap::Line(int line) const {
  if (line < 1 || line > static_cast<int>(lines.size())) return "";
  return lines[line - 1];
}

const Field* RuleSet::FindField(const std::string& id) const {
  for (const auto& f : fields) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

const Scale* RuleSet::FindScale(const std::string& id) const {
  for (const auto& s : scales) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

namespace {
const Indicator* FindIn(const std::vector<Indicator>& list, const std::string& id) {
  for (const auto& ind : list) {
    if (ind.id == id) return &ind;
    if (const Indicator* found = FindIn(ind.children, id)) return found;
  }
  return nullptr;
}
}  // namespace

const Indicator* RuleSet::FindIndicator(const std::string& id) const { return FindIn(indicators, id); }

const char* ToString(FieldKind kind) {
  switch (kind) {
    case FieldKind::kNumber: return "number";
    case FieldKind::kCount: return "count";
    case FieldKind::kAmount: return "amount";
    case FieldKind::kShare: return "share";
    case FieldKind::kFlag: return "flag";
    case FieldKind::kCategory: return "category";
  }
  return "?";
}

const char* ToString(Direction direction) {
  return direction == Direction::kHigher ? "higher" : "lower";
}

const char* ToString(Combine combine) {
  switch (combine) {
    case Combine::kMean: return "mean";
    case Combine::kMedian: return "median";
    case Combine::kTrimmedMean: return "trimmed_mean";
    case Combine::kWeightedMean: return "weighted_mean";
  }
  return "?";
}

const char* ToString(MissingPolicy policy) {
  switch (policy) {
    case MissingPolicy::kError: return "error";
    case MissingPolicy::kZero: return "zero";
    case MissingPolicy::kMean: return "mean";
    case MissingPolicy::kMedian: return "median";
    case MissingPolicy::kExclude: return "exclude";
    case MissingPolicy::kGroupMean: return "group_mean";
  }
  return "?";
}

const char* ToString(BadCells bad_cells) {
  return bad_cells == BadCells::kSetAside ? "set_aside" : "error";
}

const char* ToString(Weighting weighting) {
  return weighting == Weighting::kPoints ? "points" : "relative";
}

const char* ToString(Aggregation aggregation) {
  switch (aggregation) {
    case Aggregation::kArithmetic: return "arithmetic";
    case Aggregation::kGeometric: return "geometric";
    case Aggregation::kHarmonic: return "harmonic";
    case Aggregation::kPower: return "power";
  }
  return "?";
}

const char* ToString(OutlierMethod method) {
  switch (method) {
    case OutlierMethod::kNone: return "none";
    case OutlierMethod::kWinsorise: return "winsorise";
    case OutlierMethod::kCap: return "cap";
  }
  return "?";
}

}  // namespace makerscore
