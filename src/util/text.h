// Small text helpers shared by the stages (internal).
#ifndef MAKERSCORE_SRC_UTIL_TEXT_H_
#define MAKERSCORE_SRC_UTIL_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace makerscore::detail {

// The candidate closest to word by edit distance, if close enough to be a
// likely typo (distance <= max(1, len/3)); "" otherwise.
std::string Suggest(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

// A number for people: up to `digits` decimals, trailing zeros removed,
// "NaN" shown as "missing".
std::string FormatNumber(double x, int digits = 4);

// True when s is a valid identifier: [A-Za-z_][A-Za-z0-9_]*.
bool IsIdentifier(std::string_view s);

// Joins items with sep.
std::string Join(const std::vector<std::string>& items, std::string_view sep);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_UTIL_TEXT_H_
