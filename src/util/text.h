// Small text helpers shared by the stages (internal).
#ifndef MAKERSCORE_SRC_UTIL_TEXT_H_
#define MAKERSCORE_SRC_UTIL_TEXT_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace makerscore::detail {

// The candidate closest to word by edit distance, if close enough to be a
// likely typo (distance <= max(1, len/3)); "" otherwise.
std::string Suggest(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

// A number for people: up to `digits` decimals, trailing zeros removed
// (from 1e15 on, the shortest exact form such as 1e+308),
// "NaN" shown as "missing".
std::string FormatNumber(double x, int digits = 4);
// Appends finite x as FormatNumber writes it, without a string of its own
// (for writers of millions of numbers).
void AppendNumber(double x, int digits, std::string* out);
// x with exactly `decimals` decimals ("54.90"); "-" for NaN.
std::string Fixed(double x, int decimals);

// "parent/key", or "key" at the top (parent "").
std::string ChildPath(const std::string& parent, const std::string& key);

// path itself the first time it is seen, then "path(2)", "path(3)" ...: keeps
// the source-map paths of two items with the same id apart. The loader and
// the validator walk the file in the same order, so they agree on the names.
std::string UniquePath(const std::string& path, std::set<std::string>* seen);

// True when s is a valid identifier: [A-Za-z_][A-Za-z0-9_]*.
bool IsIdentifier(std::string_view s);

// The Chinese or the English of a phrase, as an explanation's language asks (rules `language:`):
// say("数值缺失", "the value is missing").
struct Say {
  bool chinese = false;
  std::string operator()(std::string_view zh, std::string_view en) const { return std::string(chinese ? zh : en); }
  // The list separator: "，" or ", ".
  const char* comma() const { return chinese ? "，" : ", "; }
};

// Joins items with sep.
std::string Join(const std::vector<std::string>& items, std::string_view sep);

// The first `shown` items joined by ", ", then "and N more": "GX001, GX002 and 3 more".
std::string ListSome(const std::vector<std::string>& items, size_t shown);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_UTIL_TEXT_H_
