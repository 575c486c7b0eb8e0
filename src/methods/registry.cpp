// The registry of scoring methods: the list in methods.def, each method declared (name, parameters, traits,
// code) in its own file.
#include <stdexcept>

#include "methods/method.h"

namespace makerscore {

namespace {

// Every method, in the order of methods.def (the order the reference lists them).
const std::vector<const detail::MethodImpl*>& Entries() {
  static const std::vector<const detail::MethodImpl*> kEntries = {
#define MAKERSCORE_METHOD(impl) &detail::impl,
#include "methods/methods.def"
#undef MAKERSCORE_METHOD
  };
  return kEntries;
}

}  // namespace

const std::vector<MethodInfo>& ScoringMethods() {
  static const std::vector<MethodInfo> kInfos = [] {
    std::vector<MethodInfo> infos;
    for (const detail::MethodImpl* e : Entries()) infos.push_back(e->info);
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
  for (const detail::MethodImpl* e : Entries()) {
    if (std::string(e->info.name) == info.name) return *e;
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

Range PresentRange(const Eigen::ArrayXd& x) {
  Eigen::Index i = 0;
  while (i < x.size() && x[i] != x[i]) ++i;
  if (i == x.size()) return {};
  Range r{x[i], x[i]};
  for (; i < x.size(); ++i) {
    if (x[i] < r.low) r.low = x[i];  // NaN compares false: skipped
    if (r.high < x[i]) r.high = x[i];
  }
  return r;
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
