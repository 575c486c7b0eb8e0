// makerscore: what happened to a value while it was scored (flags), and their names.
#ifndef MAKERSCORE_FLAGS_H_
#define MAKERSCORE_FLAGS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace makerscore {

// What happened to one entity's value of one indicator. Several may be set.
enum Flag : std::uint16_t {
  kFlagMissing = 1u << 0,            // the value could not be computed from the data
  kFlagImputed = 1u << 1,            // a replacement value was used (missing policy)
  kFlagDivisionByZero = 1u << 2,     // the formula divided by zero
  kFlagExcluded = 1u << 3,           // left out; its weight went to its siblings
  kFlagTooFewRatings = 1u << 4,      // fewer expert ratings than the rule set requires
  kFlagOutOfDomain = 1u << 5,        // log() of a number <= 0
  kFlagNoSpread = 1u << 6,           // every entity had the same value (min-max)
  kFlagCapped = 1u << 7,             // the value lay beyond the method's range and was clamped
  kFlagNotScored = 1u << 8,          // the entity has no total (missing policy "error")
  kFlagWinsorised = 1u << 9,         // an outlier, pulled in (winsorised or capped at a percentile)
  kFlagLogTransformed = 1u << 10,    // the indicator's values were log-transformed for outliers
  kFlagDisagreement = 1u << 11,      // the experts' ratings vary more than the rule set's max_cv
  kFlagSetAside = 1u << 12,          // (on the root) a data cell was set aside: not ranked, not graded
  kFlagNotFinite = 1u << 13,         // the arithmetic overflowed (beyond about 1.8e308): no value, no points from it
  kFlagAdjustmentCapped = 1u << 14,  // (on the root) a cap cut the bonus or deductions claimed (max, within_total, 0)
  kFlagBeyondRange =
      1u << 15,  // unclamped (clamp: false): the score is above 1 (more than the indicator's points) or below 0
};

// Short English names of the flags set in flags ("missing", "imputed" ...):
// the words of CSV and JSON output.
std::vector<std::string> FlagNames(std::uint16_t flags);

// The same in Chinese, for people ("缺失", "插补" ...): explanations in a rule
// file's `language: zh`.
std::vector<std::string> FlagNamesChinese(std::uint16_t flags);

}  // namespace makerscore

#endif  // MAKERSCORE_FLAGS_H_
