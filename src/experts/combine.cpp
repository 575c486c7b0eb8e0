#include "experts/combine.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "makerscore/delphi.h"
#include "makerscore/error.h"
#include "util/number_cell.h"
#include "util/parallel.h"
#include "util/statistics.h"
#include "util/text.h"

namespace makerscore::detail {

std::optional<double> RatingFraction(const Scale& scale, const std::string& value) {
  if (!scale.levels.empty()) {
    for (const auto& l : scale.levels) {
      if (l.label == value) return l.fraction;
    }
    return std::nullopt;
  }
  double v = 0;
  const bool number = ParseNumberCell(value, "", &v).empty();
  if (!scale.bands.empty()) {
    double top = 0;
    for (const auto& b : scale.bands) top = std::max(top, b.high);
    if (!(top > 0)) return std::nullopt;
    for (const auto& b : scale.bands) {
      if (b.label == value) return (b.low + b.high) / 2 / top;
    }
    if (!number) return std::nullopt;
    for (const auto& b : scale.bands) {
      if (v >= b.low && v <= b.high) return v / top;
    }
    return std::nullopt;
  }
  if (!number || !(v >= *scale.min && v <= *scale.max)) {
    return std::nullopt;
  }
  return (v - *scale.min) / (*scale.max - *scale.min);
}

double CombineSorted(const double* s, std::size_t n, Combine combine) {
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  switch (combine) {
    case Combine::kMedian:
      return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    case Combine::kWeightedMean:  // needs the weights: see WeightedMean
    case Combine::kTrimmedMean:
      if (combine == Combine::kTrimmedMean && n >= 3)
        return std::accumulate(s + 1, s + n - 1, 0.0) / static_cast<double>(n - 2);
      [[fallthrough]];
    case Combine::kMean:
      break;
  }
  return std::accumulate(s, s + n, 0.0) / static_cast<double>(n);
}

double CombineSorted(const std::vector<double>& s, Combine combine) {
  return CombineSorted(s.data(), s.size(), combine);
}

double WeightedMean(const std::vector<double>& values, const std::vector<double>& weights) {
  double sum = 0, total = 0;
  for (size_t k = 0; k < values.size(); ++k) {
    sum += values[k] * weights[k];
    total += weights[k];
  }
  return total > 0 ? sum / total : std::numeric_limits<double>::quiet_NaN();
}

std::vector<double> Authorities(const std::vector<Expert>& panel, const Ratings& ratings) {
  std::vector<double> out;
  for (const std::string& x : ratings.labels(Ratings::kExpert)) {
    auto it = std::find_if(panel.begin(), panel.end(), [&](const Expert& e) { return e.id == x; });
    out.push_back(x.empty()           ? -1.0  // an empty cell
                  : it != panel.end() ? it->authority
                  : panel.empty()     ? 1.0
                                      : -1.0);
  }
  return out;
}

double ItemRatings::Combine(const RatedItem& item) {
  std::sort(terms_.begin(), terms_.end());
  values_.clear();
  weights_.clear();
  for (const auto& [fraction, authority] : terms_) {
    values_.push_back(fraction);
    weights_.push_back(authority);
  }
  if (values_.empty() || static_cast<int>(values_.size()) < item.min_ratings) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return item.combine == Combine::kWeightedMean ? WeightedMean(values_, weights_)
                                                : CombineSorted(values_, item.combine);
}

double ItemRatings::Cv() const { return detail::Cv(values_); }

Eigen::ArrayXd CombineDrawn(const RatingsIndex& index, std::size_t q, const RatedItem& item, const Ratings& ratings,
                            const std::vector<double>& authority, const std::vector<int>& times) {
  const std::size_t n = index.entities;
  Eigen::ArrayXd out = Eigen::ArrayXd::Constant(static_cast<Eigen::Index>(n), std::numeric_limits<double>::quiet_NaN());
  const CodeColumn expert = ratings.codes(Ratings::kExpert);
  const std::uint32_t* start = index.start.data() + q * n;
  ItemRatings run;
  for (std::size_t e = 0; e < n; ++e) {
    run.clear();
    for (std::uint32_t j = start[e]; j < start[e + 1]; ++j) {
      const std::int32_t x = expert[index.order[j]];
      run.Add(index.fraction[j], authority[x], static_cast<std::size_t>(times[x]));
    }
    out[static_cast<Eigen::Index>(e)] = run.Combine(item);
  }
  return out;
}

}  // namespace makerscore::detail
