#include "rules/variant.h"

namespace makerscore::detail {

namespace {

Indicator* Find(std::vector<Indicator>& list, const std::string& id) {
  for (auto& ind : list) {
    if (ind.id == id) return &ind;
    if (Indicator* found = Find(ind.children, id)) return found;
  }
  return nullptr;
}

}  // namespace

std::vector<DiscreteInput> DiscreteInputs(const UncertainInputs& u) {
  std::vector<DiscreteInput> out;
  for (const auto& m : u.methods) out.push_back({"method of " + m.indicator, static_cast<int>(m.alternatives.size())});
  for (const auto& a : u.aggregations) {
    out.push_back({"aggregation of " + a.indicator, static_cast<int>(a.alternatives.size())});
  }
  if (!u.missing.empty()) out.push_back({"missing", static_cast<int>(u.missing.size())});
  if (!u.winsorisation.empty()) out.push_back({"winsorisation", static_cast<int>(u.winsorisation.size())});
  return out;
}

RuleSet ApplyChoices(const RuleSet& rules, const UncertainInputs& u, const std::vector<int>& choice) {
  RuleSet out = rules;
  size_t k = 0;
  for (const auto& m : u.methods) {
    const int c = choice[k++];
    Indicator* ind = Find(out.indicators, m.indicator);
    if (c >= 0 && ind && ind->score) ind->score = m.alternatives[c];
  }
  for (const auto& a : u.aggregations) {
    const int c = choice[k++];
    Indicator* ind = Find(out.indicators, a.indicator);
    if (c < 0 || !ind || ind->children.empty()) continue;
    // An alternative other than the group's own aggregation takes its default options.
    if (ind->aggregate != a.alternatives[c]) ind->aggregate_options = {};
    ind->aggregate = a.alternatives[c];
  }
  if (!u.missing.empty()) {
    const int c = choice[k++];
    if (c >= 0) out.missing = u.missing[c];
  }
  if (!u.winsorisation.empty()) {
    const int c = choice[k++];
    if (c >= 0 && out.outliers) out.outliers->max_points = u.winsorisation[c];
  }
  return out;
}

}  // namespace makerscore::detail
