// Scoring methods: the implementation side of the registry (internal).
#ifndef MAKERSCORE_SRC_METHODS_METHOD_H_
#define MAKERSCORE_SRC_METHODS_METHOD_H_

#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "makerscore/flags.h"
#include "makerscore/indicator_stats.h"
#include "makerscore/methods.h"
#include "makerscore/rules.h"

namespace makerscore::detail {

using FlagColumn = Eigen::Array<std::uint16_t, Eigen::Dynamic, 1>;

// Parameter values in the order the method declares them (defaults filled
// in; bands are not among them).
using ParamValues = std::vector<double>;

// Everything a method needs besides the values.
struct MethodContext {
  ParamValues params;
  Direction direction = Direction::kHigher;
  std::vector<Band> bands;
  double max_points = 0;  // the indicator's points (for the `points` method)
  // With classes whose weights differ, each entity's points instead (set for one scoring run; else nullptr).
  const double* entity_max_points = nullptr;
  bool chinese = false;  // explain() in Chinese (rules `language: zh`)
};

// What a method does, called once per indicator per scoring run (never per
// entity through a pointer in the hot loop: each function loops itself).
struct MethodImpl {
  // What the method is called in rule files, its parameters and traits (methods.h).
  MethodInfo info;
  // Scores every row of x whose value is not NaN into score (rows with NaN
  // stay NaN), sets kFlagCapped / kFlagNoSpread where that happens, and
  // records the figures it used in stats.
  void (*score)(const Eigen::ArrayXd& x, const MethodContext& c, Eigen::ArrayXd* score, FlagColumn* flags,
                IndicatorStats* stats);
  // One entity's score in words, with the numbers used.
  std::string (*explain)(double x, double score, const MethodContext& c, const IndicatorStats& stats);
  // "" when the parameters make sense together, else what is wrong.
  std::string (*check)(const MethodContext& c);
};

// The implementation of a registered method (info must come from ScoringMethods()).
const MethodImpl& ImplOf(const MethodInfo& info);

// The context of a score spec: parameter values with defaults filled in, in
// declaration order, and the bands. Assumes the spec was validated.
MethodContext ResolveContext(const MethodInfo& info, const ScoreSpec& spec, double max_points);

// Values present (not NaN) in x.
std::vector<double> Present(const Eigen::ArrayXd& x);

// The least and the greatest value of x that is not NaN, the first of equal ones (as min_element and
// max_element over Present(x) give them), without a copy of x; both 0 when every value is NaN.
struct Range {
  double low = 0, high = 0;
};
Range PresentRange(const Eigen::ArrayXd& x);

// Sets score to NaN where x is NaN and to f(x) elsewhere.
template <typename F>
void ScoreEach(const Eigen::ArrayXd& x, Eigen::ArrayXd* score, F f) {
  for (Eigen::Index i = 0; i < x.size(); ++i) (*score)[i] = x[i] != x[i] ? x[i] : f(i, x[i]);
}

// The methods, one per file in this folder, each listed once in methods.def.
#define MAKERSCORE_METHOD(impl) extern const MethodImpl impl;
#include "methods/methods.def"
#undef MAKERSCORE_METHOD

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_METHODS_METHOD_H_
