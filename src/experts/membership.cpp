#include "experts/membership.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace makerscore::detail {

Eigen::ArrayXXd LevelShares(const RatedItem& item, std::size_t q, const RatingsIndex& index, const Ratings& ratings,
                            const std::vector<Expert>& panel, const Eigen::ArrayXd& value) {
  const Scale& scale = *item.scale;
  if (scale.levels.empty()) throw std::logic_error("LevelShares: '" + item.id + "' is not rated on levels");
  const auto n = static_cast<Eigen::Index>(index.entities);
  const auto m = static_cast<Eigen::Index>(scale.levels.size());
  // Each rating value's level and each expert's weight, looked up once per distinct label.
  const std::vector<std::string>& values = ratings.labels(Ratings::kValue);
  std::vector<int> level_of(values.size(), -1);
  for (size_t v = 0; v < values.size(); ++v) {
    for (Eigen::Index l = 0; l < m; ++l) {
      if (scale.levels[l].label == values[v]) level_of[v] = static_cast<int>(l);
    }
  }
  const bool by_authority = item.combine == Combine::kWeightedMean;
  std::unordered_map<std::string, double> authority;
  for (const Expert& e : panel) authority[e.id] = e.authority;
  const std::vector<std::string>& experts = ratings.labels(Ratings::kExpert);
  std::vector<double> weight_of(experts.size(), 1.0);
  for (size_t x = 0; x < experts.size() && by_authority; ++x) {
    if (auto it = authority.find(experts[x]); it != authority.end()) weight_of[x] = it->second;
  }
  const CodeColumn value_code = ratings.codes(Ratings::kValue);
  const CodeColumn expert_code = ratings.codes(Ratings::kExpert);
  Eigen::ArrayXXd shares = Eigen::ArrayXXd::Constant(n, m, std::numeric_limits<double>::quiet_NaN());
  for (Eigen::Index e = 0; e < n; ++e) {
    if (std::isnan(value[e])) continue;
    const std::size_t slot = q * index.entities + static_cast<std::size_t>(e);
    double total = 0;
    shares.row(e).setZero();
    for (std::uint32_t a = index.start[slot]; a < index.start[slot + 1]; ++a) {
      const std::uint32_t k = index.order[a];
      const int level = level_of[value_code[k]];
      if (level < 0) throw std::logic_error("LevelShares: a rating off the scale passed the checks");
      const double w = weight_of[expert_code[k]];
      shares(e, level) += w;
      total += w;
    }
    if (total > 0) {
      shares.row(e) /= total;
    } else {
      shares.row(e).setConstant(std::numeric_limits<double>::quiet_NaN());
    }
  }
  return shares;
}

}  // namespace makerscore::detail
