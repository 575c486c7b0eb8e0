// Checks of a group's aggregation over the cohort (`aggregate: {method: topsis, ...}`) against the
// options the aggregation declares (cohort/cohort.h).
#include <algorithm>
#include <cmath>

#include "cohort/cohort.h"
#include "rules/validator.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

// The scale of a fuzzy evaluation's ratings: its first rated descendant's (nullptr when there is none).
const Scale* FuzzyScaleOf(const RuleSet& rules, const Indicator& ind) {
  const Indicator* at = &ind;
  while (!at->is_leaf()) at = &at->children.front();
  return at->rated ? rules.FindScale(at->rated->scale) : nullptr;
}

}  // namespace

void Validator::CheckMemberships(const Indicator& ind, const std::string& path) {
  const Scale* scale = FuzzyScaleOf(rules_, ind);
  for (size_t j = 0; j < ind.children.size(); ++j) {
    const Indicator& child = ind.children[j];
    const std::string at = path + "/" + child.id;
    const bool rated = child.is_leaf() && child.rated;
    if (!rated && (child.is_leaf() || child.aggregate != Aggregation::kFuzzy)) {
      Error(at, "'" + ind.id + "' is a fuzzy evaluation (aggregate: fuzzy), which composes the experts' ratings " +
                    "over a scale's levels, but its child '" + child.id + "' is " +
                    (child.is_leaf() ? "scored from a value, not rated by experts"
                                     : "a group aggregated by '" + std::string(ToString(child.aggregate)) + "'") +
                    "; its children must be rated by experts on one scale of levels, or be fuzzy evaluations "
                    "themselves");
      continue;
    }
    const Scale* own = FuzzyScaleOf(rules_, child);
    if (rated && own && own->levels.empty()) {
      Error(at + "/rated/scale", "'" + ind.id + "' is a fuzzy evaluation, which needs ratings on named levels, but '" +
                                     child.id + "' is rated on the scale '" + own->id +
                                     "', which has no levels (a numeric or banded scale)");
    } else if (scale && own && own != scale) {
      Error(at, "the children of the fuzzy evaluation '" + ind.id + "' must be rated on one scale: '" + child.id +
                    "' is rated on '" + own->id + "' and '" + ind.children.front().id + "' on '" + scale->id + "'");
    }
  }
}

void Validator::CheckAggregate(const Indicator& ind, const std::string& path) {
  const AggregateOptions& o = ind.aggregate_options;
  const bool given = !o.numbers.empty() || !o.words.empty() || !o.reference.empty();
  const CohortAggregationDef* def = CohortAggregationOf(ind.aggregate);
  const std::string method = ToString(ind.aggregate);
  if (!def) {
    if (given) {
      Error(path + "/aggregate", "'aggregate: " + method +
                                     "' takes no options; they belong to the aggregations over the cohort "
                                     "(topsis, vikor, grey, fuzzy)");
    }
    return;
  }
  auto declared = [&](const std::string& name, CohortOption::Kind kind) -> const CohortOption* {
    for (const CohortOption& c : def->options) {
      if (name == c.name) return &c;
    }
    std::vector<std::string> names;
    for (const CohortOption& c : def->options) names.push_back(c.name);
    Error(path + "/aggregate/" + name, "'" + method + "' has no option '" + name + "'; its options are " +
                                           Join(names, ", ") + DidYouMean(name, names));
    (void)kind;
    return nullptr;
  };
  for (const auto& [name, value] : o.numbers) {
    const CohortOption* c = declared(name, CohortOption::kNumber);
    if (!c) continue;
    if (c->kind != CohortOption::kNumber) {
      Error(path + "/aggregate/" + name, "'" + name + "' of '" + method + "' is a word, not a number");
    } else if (!(value >= c->min && value <= c->max)) {
      Error(path + "/aggregate/" + name, "'" + name + "' of '" + method + "' must lie between " + FormatNumber(c->min) +
                                             " and " + FormatNumber(c->max) + ", not " + FormatNumber(value));
    }
  }
  for (const auto& [name, value] : o.words) {
    const CohortOption* c = declared(name, CohortOption::kWord);
    if (!c) continue;
    std::vector<std::string> words(c->words.begin(), c->words.end());
    if (c->kind != CohortOption::kWord) {
      Error(path + "/aggregate/" + name, "'" + name + "' of '" + method + "' is a number, not a word");
    } else if (std::find(words.begin(), words.end(), value) == words.end()) {
      Error(path + "/aggregate/" + name, "'" + name + "' of '" + method + "' must be one of " + Join(words, ", ") +
                                             ", not '" + value + "'" + DidYouMean(value, words));
    }
  }
  if (!o.reference.empty() && declared("reference", CohortOption::kList)) {
    if (o.reference.size() != ind.children.size()) {
      Error(path + "/aggregate/reference", "the reference series of '" + ind.id + "' has " +
                                               std::to_string(o.reference.size()) + " values for " +
                                               std::to_string(ind.children.size()) + " children; give one per child");
    } else if (std::any_of(o.reference.begin(), o.reference.end(), [](double v) { return !std::isfinite(v); })) {
      Error(path + "/aggregate/reference", "the reference series of '" + ind.id + "' must hold numbers");
    }
  }
  if (std::string why = def->check(o); !why.empty()) Error(path + "/aggregate", why);
  if (def->memberships) CheckMemberships(ind, path);
  if (Word(o, "over", "scores") == "values") {
    for (const Indicator& child : ind.children) {
      if (child.is_leaf() && !child.value.empty()) continue;
      Error(path + "/aggregate/over",
            "'over: values' compares the children's values, but '" + child.id +
                "' has none (a group or an expert-rated item); compare scores (remove 'over: values')");
      break;
    }
  }
}

}  // namespace makerscore::detail
