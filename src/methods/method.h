// Scoring methods: the implementation side of the registry (internal).
#ifndef MAKERSCORE_SRC_METHODS_METHOD_H_
#define MAKERSCORE_SRC_METHODS_METHOD_H_

#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "makerscore/methods.h"
#include "makerscore/result.h"
#include "makerscore/rules.h"

namespace makerscore::detail {

using FlagColumn = Eigen::Array<std::uint16_t, Eigen::Dynamic, 1>;

// Parameter values in the order the method declares them (defaults filled in).
using ParamValues = std::vector<double>;

// What a method does, called once per indicator per scoring run (never per
// entity through a pointer in the hot loop: each function loops itself).
struct MethodImpl {
  // Scores every row of x whose value is not NaN into score (rows with NaN
  // stay NaN), sets kFlagCapped / kFlagNoSpread where that happens, and
  // records the figures it used in stats.
  void (*score)(const Eigen::ArrayXd& x, const ParamValues& p, Direction dir,
                Eigen::ArrayXd* score, FlagColumn* flags, IndicatorStats* stats);
  // One entity's score in words, with the numbers used.
  std::string (*explain)(double x, double score, const ParamValues& p, Direction dir,
                         const IndicatorStats& stats);
  // "" when the parameters make sense together, else what is wrong.
  std::string (*check)(const ParamValues& p);
};

// The implementation of a registered method (info must come from ScoringMethods()).
const MethodImpl& ImplOf(const MethodInfo& info);

// The parameter values of spec for method info, defaults filled in, in
// declaration order. Assumes the spec was validated.
ParamValues ResolveParams(const MethodInfo& info, const std::map<std::string, double>& given);

// The implementations, one per file in this folder.
extern const MethodImpl kMinMax;
extern const MethodImpl kGoalposts;
extern const MethodImpl kRatio;

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_METHODS_METHOD_H_
