// Checks of `uncertainty:`: the inputs exist, their values make sense, and
// every alternative gives a valid rule set.
#include <cmath>

#include "rules/validator.h"
#include "rules/variant.h"
#include "util/text.h"

namespace makerscore::detail {

void Validator::CheckUncertainty() {
  if (!rules_.uncertainty) return;
  const UncertainInputs& u = *rules_.uncertainty;
  const std::string path = "uncertainty";
  if (u.replications < 2 || u.replications > 10000000) {
    Error(path + "/replications", "'replications' must be from 2 to 10,000,000, not " + std::to_string(u.replications));
  }
  if (!(u.weight_noise >= 0 && u.weight_noise < 1)) {
    Error(path + "/weights/noise", "'noise' must be at least 0 and less than 1 (0.25: each weight within +-25%)");
  }
  if (!(u.concentration > 0)) Error(path + "/weights/concentration", "'concentration' must be greater than 0");
  for (const std::string& id : u.weight_groups) {
    const Indicator* ind = id.empty() ? nullptr : rules_.FindIndicator(id);
    if (!id.empty() && (ind == nullptr || ind->children.empty())) {
      Error(path + "/weights/indicators", "'" + id + "' is not a group of the indicator tree" +
                                              DidYouMean(id, {indicator_ids_.begin(), indicator_ids_.end()}));
    }
  }
  for (const auto& m : u.methods) {
    const Indicator* ind = rules_.FindIndicator(m.indicator);
    const std::string p = path + "/methods/" + m.indicator;
    if (ind == nullptr || !ind->score) {
      Error(p, "'" + m.indicator + "' is not a quantitative indicator of the tree" +
                   DidYouMean(m.indicator, {indicator_ids_.begin(), indicator_ids_.end()}));
    } else if (m.alternatives.empty()) {
      Error(p, "give at least one alternative method");
    }
  }
  for (const auto& a : u.aggregations) {
    const Indicator* ind = rules_.FindIndicator(a.indicator);
    const std::string p = path + "/aggregation/" + a.indicator;
    if (ind == nullptr || ind->children.empty()) {
      Error(p, "'" + a.indicator + "' is not a group of the indicator tree" +
                   DidYouMean(a.indicator, {indicator_ids_.begin(), indicator_ids_.end()}));
    } else if (a.alternatives.empty()) {
      Error(p, "give at least one alternative mean");
    }
  }
  if (!u.winsorisation.empty() && !rules_.outliers) {
    Error(path + "/winsorisation", "winsorisation limits need the rule set's 'outliers:' section to vary");
  }
  if (diags_.ErrorCount() > 0) return;
  // Each alternative on its own must give a valid rule set.
  const std::vector<DiscreteInput> inputs = DiscreteInputs(u);
  for (size_t k = 0; k < inputs.size(); ++k) {
    for (int c = 0; c < inputs[k].count; ++c) {
      std::vector<int> choice(inputs.size(), -1);
      choice[k] = c;
      RuleSet variant = ApplyChoices(rules_, u, choice);
      variant.uncertainty.reset();
      variant.source_map = {};
      Diagnostics d = Validate(variant);
      for (const auto& item : d.items()) {
        if (item.severity != Severity::kError) continue;
        Error(path,
              "alternative " + std::to_string(c + 1) + " of the " + inputs[k].name + " does not work: " + item.message);
        break;
      }
    }
  }
}

}  // namespace makerscore::detail
