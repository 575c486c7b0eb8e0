// The registry of scoring methods: each method's parameters, declared once.
#include <map>
#include <stdexcept>

#include "methods/method.h"

namespace makerscore {

namespace {

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
        {{"low", true, 0, "The value that earns no points (higher is better)."},
         {"high", true, 0, "The value that earns full points (higher is better); must exceed `low`."}}},
       &detail::kGoalposts},
      {{"ratio", false,
        "x / benchmark, at most 1; lower is better: benchmark / x, at most 1",
        "Ratio to a benchmark value (标杆值), capped at full points (flag `capped`). "
        "Negative values earn nothing.",
        {{"benchmark", true, 0, "The value that earns full points; must be > 0."}}},
       &detail::kRatio},
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

ParamValues ResolveParams(const MethodInfo& info, const std::map<std::string, double>& given) {
  ParamValues out;
  for (const auto& p : info.params) {
    auto it = given.find(p.name);
    out.push_back(it != given.end() ? it->second : p.default_value);
  }
  return out;
}

}  // namespace detail
}  // namespace makerscore
