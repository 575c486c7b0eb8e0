// The registry of scoring methods: each method's parameters, declared once.
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "methods/method.h"

namespace makerscore {

namespace {

constexpr double kCohort = std::numeric_limits<double>::quiet_NaN();  // "the cohort's value"
using P = ParamType;

struct Entry {
  MethodInfo info;
  const detail::MethodImpl* impl;
};

const std::vector<Entry>& Entries() {
  static const std::vector<Entry> kEntries = {
      {{"minmax", true,
        "(x - cohort min) / (cohort max - cohort min); lower is better: (cohort max - x) / (cohort max - cohort min)",
        "Min-max normalisation over the cohort: the best entity earns full points, the worst none. "
        "When every entity has the same value, each earns full points (flag `no_spread`).",
        {}},
       &detail::kMinMax},
      {{"goalposts", false,
        "(x - low) / (high - low), clamped to [0, 1]; lower is better: (high - x) / (high - low)",
        "Fixed goalposts: a value at or beyond `high` earns full points, at or beyond `low` none "
        "(reversed when lower is better). Values outside are clamped (flag `capped`).",
        {{"low", P::kNumber, true, 0, "The value that earns no points (higher is better)."},
         {"high", P::kNumber, true, 0, "The value that earns full points (higher is better); must exceed `low`."}}},
       &detail::kGoalposts},
      {{"ratio", false, "x / benchmark, at most 1; lower is better: benchmark / x, at most 1",
        "Ratio to a benchmark value (标杆值), capped at full points (flag `capped`). "
        "Negative values earn nothing.",
        {{"benchmark", P::kNumber, true, 0, "The value that earns full points; must be > 0."}}},
       &detail::kRatio},
      {{"efficacy", true,
        "base + (1 - base) x (x - low) / (high - low); lower is better: base + (1 - base) x (high - x) / (high - low)",
        "功效系数法 (efficacy coefficient): the 不允许值 `low` earns `base` of the points (60% by default) and "
        "the 满意值 `high` full points. Without `low` and `high` the cohort's minimum and maximum are used. "
        "With `clamp: false` a value below `low` earns less than `base` (down to 0 and below) and one above "
        "`high` more than full points, as published worked examples do.",
        {{"base", P::kNumber, false, 0.6, "The share of the points that `low` earns; from 0 to 1."},
         {"low", P::kNumber, false, kCohort, "不允许值: the value that earns `base`; default the cohort's minimum."},
         {"high", P::kNumber, false, kCohort, "满意值: the value that earns full points; default the cohort's maximum."},
         {"clamp", P::kBool, false, 1, "Keep scores between `base` and 1 (true, the default) or not (false)."}}},
       &detail::kEfficacy},
      {{"zscore", true, "(x - cohort mean) / cohort standard deviation (n - 1); lower is better: the negative",
        "Standardisation: how many standard deviations a value lies above the cohort mean. Scores are not "
        "bounded, so it needs `weighting: relative` (composite indices aggregated by mean); under "
        "`weighting: points` it would hand out negative points and more than an indicator's maximum. "
        "When every entity has the same value, each scores 0 (flag `no_spread`).",
        {}},
       &detail::kZScore},
      {{"percentile", true, "(entities below + half the other entities equal) / (entities - 1)",
        "Percentile rank in the cohort: the share of the other entities with a lower value, ties counting "
        "half. The best earns full points, the worst none; a cohort of one earns full points.",
        {}},
       &detail::kPercentile},
      {{"borda", true, "entities strictly below / (entities - 1)",
        "Borda count: one point for every entity with a worse value, as a share of the most possible. Tied "
        "entities get the same, higher count (they beat the same entities), unlike `percentile`.",
        {}},
       &detail::kBorda},
      {{"distance_to_best", true, "x / cohort max; lower is better: cohort min / x",
        "Distance to the cohort's best (the leader is the benchmark, 标杆值): the best earns full points and "
        "others in proportion. For values >= 0; a value <= 0 earns nothing when higher is better and full "
        "points when lower is better.",
        {}},
       &detail::kDistanceToBest},
      {{"bands", false, "the score of the first band the value falls in, else `otherwise`",
        "Threshold bands, checked in order: `bands: [{min: 30%, score: 1}, {min: 10%, score: 0.7}]` gives "
        "full points from 30%, 70% from 10%, else `otherwise`. For lower-is-better use `max:` instead of "
        "`min:` in each band.",
        {{"bands", P::kBands, true, 0, "The bands, best first: each `{min: value, score: share}` or `{max: value, score: share}`."},
         {"otherwise", P::kNumber, false, 0, "The score of a value in no band."}}},
       &detail::kBands},
      {{"points", false, "x / the indicator's points, capped to [0, 1]",
        "The formula gives the points directly (\"20 workstations earn 4 points, each more 0.2\"); "
        "they are capped at the indicator's points (flag `capped`) and negative points count as none.",
        {}},
       &detail::kPoints},
  };
  return kEntries;
}

}  // namespace

const std::vector<MethodInfo>& ScoringMethods() {
  static const std::vector<MethodInfo> kInfos = [] {
    std::vector<MethodInfo> infos;
    for (const auto& e : Entries()) infos.push_back(e.info);
    return infos;
  }();
  return kInfos;
}

const MethodInfo* FindMethod(const std::string& name) {
  for (const auto& m : ScoringMethods()) {
    if (name == m.name) return &m;
  }
  return nullptr;
}

namespace detail {

const MethodImpl& ImplOf(const MethodInfo& info) {
  for (const auto& e : Entries()) {
    if (std::string(e.info.name) == info.name) return *e.impl;
  }
  throw std::logic_error(std::string("no implementation for method ") + info.name);
}

MethodContext ResolveContext(const MethodInfo& info, const ScoreSpec& spec, double max_points) {
  MethodContext c;
  for (const auto& p : info.params) {
    if (p.type == ParamType::kBands) continue;
    auto it = spec.params.find(p.name);
    c.params.push_back(it != spec.params.end() ? it->second : p.default_value);
  }
  c.direction = spec.direction;
  c.bands = spec.bands;
  c.max_points = max_points;
  return c;
}

std::vector<double> Present(const Eigen::ArrayXd& x) {
  std::vector<double> out;
  out.reserve(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (x[i] == x[i]) out.push_back(x[i]);
  }
  return out;
}

}  // namespace detail
}  // namespace makerscore
