// The words of the rule format for each enum, one table per enum (internal). Each table feeds the
// loader (Parse), the schema's allowed values (Allowed), ToString (rules.h) and so the reference docs:
// a word is written once, here (or in means.def / weightings.def for the registries).
#ifndef MAKERSCORE_SRC_RULES_WORDS_H_
#define MAKERSCORE_SRC_RULES_WORDS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "makerscore/rules.h"

namespace makerscore::detail {

template <typename E>
using WordTable = std::vector<std::pair<E, const char*>>;

// The table of each enum, in the order the reference lists the words.
const WordTable<FieldKind>& Words(FieldKind);
const WordTable<Direction>& Words(Direction);
const WordTable<Combine>& Words(Combine);
const WordTable<MissingPolicy>& Words(MissingPolicy);
const WordTable<BadCells>& Words(BadCells);
const WordTable<ScreenBy>& Words(ScreenBy);
const WordTable<VetoIfMissing>& Words(VetoIfMissing);
const WordTable<PlacesRounding>& Words(PlacesRounding);
const WordTable<RandomIndexTable>& Words(RandomIndexTable);
const WordTable<Correlation>& Words(Correlation);
const WordTable<WeightMix>& Words(WeightMix);
const WordTable<Weighting>& Words(Weighting);
const WordTable<Language>& Words(Language);
const WordTable<Aggregation>& Words(Aggregation);
const WordTable<OutlierMethod>& Words(OutlierMethod);
const WordTable<WeightsMethod>& Words(WeightsMethod);  // without kStated, which has no word
const WordTable<UncertainInputs::Panel>& Words(UncertainInputs::Panel);

// The enum value of a word, or nullopt.
template <typename E>
std::optional<E> Parse(std::string_view word) {
  for (const auto& [value, text] : Words(E{})) {
    if (word == text) return value;
  }
  return std::nullopt;
}

// The word of a value, or "?" for a value without one.
template <typename E>
const char* WordOf(E value) {
  for (const auto& [v, text] : Words(E{})) {
    if (v == value) return text;
  }
  return "?";
}

// "a|b|c": the allowed words, as the schema lists them (kept for the program's life).
template <typename E>
const char* Allowed() {
  static const std::string kAllowed = [] {
    std::string out;
    for (const auto& entry : Words(E{})) out += (out.empty() ? "" : "|") + std::string(entry.second);
    return out;
  }();
  return kAllowed.c_str();
}

// "a, b, c" (last: ", ") or "a, b and c" (last: " and ") from "a|b|c".
std::string Listed(const char* allowed, const char* last);

// The means a group may use without parameters ("arithmetic|geometric|harmonic": the uncertainty
// analysis's alternatives, which cannot give `power` its exponent).
const char* MeansWithoutParameters();

// The weightings of the cohort's scores ("entropy|critic|sd|..."): the objective half of `combined`.
const char* ObjectiveWeightings();

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_RULES_WORDS_H_
