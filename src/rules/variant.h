// A rule set with some of its uncertain inputs set to alternatives
// (internal): used to check the alternatives when loading and to score each
// combination in the uncertainty analysis.
#ifndef MAKERSCORE_SRC_RULES_VARIANT_H_
#define MAKERSCORE_SRC_RULES_VARIANT_H_

#include <string>
#include <vector>

#include "makerscore/rules.h"

namespace makerscore::detail {

// One discrete uncertain input: a name for reports ("method of 3.1",
// "missing", ...) and its number of alternatives.
struct DiscreteInput {
  std::string name;
  int count = 0;
};

// The discrete inputs of u, in this order: each `methods` entry, each
// `aggregation` entry, then `missing` and `winsorisation` when given.
std::vector<DiscreteInput> DiscreteInputs(const UncertainInputs& u);

// rules with input k set to its alternative choice[k] (-1: as the rule file
// says). Indicators that do not exist (or are of the wrong kind) are left as
// they are; the validator reports them.
RuleSet ApplyChoices(const RuleSet& rules, const UncertainInputs& u, const std::vector<int>& choice);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_RULES_VARIANT_H_
