// makerscore: the registry of scoring methods.
//
// A scoring method turns the values of one quantitative indicator, for the
// whole cohort, into scores in [0, 1] (the share of the indicator's points).
// Each method declares its parameters once, here; the loader checks rule files
// against the declaration and the reference documents it.
#ifndef MAKERSCORE_METHODS_H_
#define MAKERSCORE_METHODS_H_

#include <string>
#include <vector>

namespace makerscore {

// What a method parameter holds.
enum class ParamType {
  kNumber,  // a number; "30%" is 0.3
  kBool,    // true or false
  kBands,   // a list of {min: x, score: s} or {max: x, score: s} (see rules.h Band)
};

// One parameter of a scoring method.
struct MethodParam {
  const char* name;
  ParamType type;
  bool required;
  double default_value;  // used when not required and not given; NaN: see doc
  const char* doc;
};

// What the rest of the pipeline needs to know of a method, declared by the method itself (the loader checks
// rule files against these, never against method names).
struct MethodTraits {
  bool bounded = true;                    // scores lie in [0, 1] ...
  const char* bounded_by = nullptr;       // ... unless this true/false parameter is false (efficacy's clamp)
  bool gives_points = false;              // the formula gives points, not a value (`points`): it needs point
                                          // weights, points fixed in the rule file, and higher is better
  bool needs_relative_weighting = false;  // unbounded scores: only under `weighting: relative` (zscore)
};

// A scoring method's public description.
struct MethodInfo {
  const char* name;      // the value of `method:` in a rule file
  bool cohort_relative;  // true when an entity's score depends on the others
  const char* formula;   // the score, in words, for the reference and explanations
  const char* doc;
  std::vector<MethodParam> params;
  MethodTraits traits;
};

// Every registered method, in the order the reference lists them.
const std::vector<MethodInfo>& ScoringMethods();
// The method called name, or nullptr.
const MethodInfo* FindMethod(const std::string& name);

}  // namespace makerscore

#endif  // MAKERSCORE_METHODS_H_
