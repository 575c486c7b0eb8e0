// Screening a cohort by data availability, as COINr's Screen() does it (Screen.data.frame and
// get_data_avail): Dat_Avail = 1 - missing / indicators, Non_Zero = 1 - zeros / (indicators - missing);
// an entity is left out when Dat_Avail < dat_thresh ("byNA"), Non_Zero < nonzero_thresh ("byzeros") or
// either, unless Force names it.
#include "scoring/screen.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

#include "makerscore/error.h"
#include "util/text.h"

namespace makerscore {

std::vector<int> Screening::removed() const {
  std::vector<int> out;
  for (size_t e = 0; e < entities.size(); ++e) {
    if (!entities[e].kept) out.push_back(static_cast<int>(e));
  }
  return out;
}

std::string Screening::Reason(int e) const {
  const EntityAvailability& a = entities[e];
  if (a.forced)
    return a.kept ? "kept by the rule file (screen: include)" : "left out by the rule file (screen: exclude)";
  if (a.kept) return "";
  std::vector<std::string> why;
  if (a.low_data && spec.by != ScreenBy::kZeros) {
    why.push_back(std::to_string(a.indicators - a.missing) + " of its " + std::to_string(a.indicators) +
                  " indicators have a value (" + detail::FormatNumber(100 * a.available, 1) + "%), below the " +
                  detail::FormatNumber(100 * spec.min_available, 1) + "% required");
  }
  if (a.low_nonzero && spec.by != ScreenBy::kMissing) {
    const int values = a.indicators - a.missing;
    why.push_back(values == 0 ? std::string("none of its indicators has a value")
                              : std::to_string(values - a.zeros) + " of its " + std::to_string(values) +
                                    " values are other than 0 (" + detail::FormatNumber(100 * a.nonzero, 1) +
                                    "%), below the " + detail::FormatNumber(100 * spec.min_nonzero, 1) + "% required");
  }
  return "left out: " + detail::Join(why, "; ");
}

namespace detail {

Screening ScreenCohort(const Result& full, const ScreenSpec& spec) {
  const Model& model = full.model();
  const std::vector<Node>& nodes = model.nodes();
  const Eigen::ArrayXXd& values = full.values();
  const bool by_class = model.class_count() > 1;
  Screening s{spec, {}};
  const int n = full.entity_count();
  s.entities.resize(n);
  for (int i = 0; i < n; ++i) {
    EntityAvailability& a = s.entities[i];
    a.id = full.entity_ids()[i];
    a.name = full.entity_names()[i];
    a.row = full.current().row(i);
    for (size_t k = 0; k < nodes.size(); ++k) {
      const Node& node = nodes[k];
      if (node.kind != NodeKind::kQuantitative && node.kind != NodeKind::kQualitative) continue;
      if (by_class && !(node.class_max_points[full.entity_class(i)] > 0)) continue;  // not its indicator
      ++a.indicators;
      const double v = values(i, static_cast<Eigen::Index>(k));
      if (std::isnan(v)) {
        ++a.missing;
        a.missing_nodes.push_back(static_cast<int>(k));
      } else if (v == 0) {
        ++a.zeros;
      }
    }
    // COINr's shares; an entity with no indicator at all has no data.
    a.available = a.indicators ? 1 - static_cast<double>(a.missing) / a.indicators : 0;
    const int present = a.indicators - a.missing;
    a.nonzero = present ? 1 - static_cast<double>(a.zeros) / present : std::numeric_limits<double>::quiet_NaN();
    a.low_data = a.available < spec.min_available;
    a.low_nonzero = !(a.nonzero >= spec.min_nonzero);  // none present: nothing other than 0 either
    switch (spec.by) {
      case ScreenBy::kMissing:
        a.kept = !a.low_data;
        break;
      case ScreenBy::kZeros:
        a.kept = !a.low_nonzero;
        break;
      case ScreenBy::kMissingOrZeros:
        a.kept = !a.low_data && !a.low_nonzero;
        break;
    }
  }
  for (const auto* list : {&spec.include, &spec.exclude}) {
    for (const std::string& id : *list) {
      const int i = full.FindEntity(id);
      if (i < 0) {
        throw DataError("the rule file's screen: " + std::string(list == &spec.include ? "include" : "exclude") +
                        " names '" + id + "', which is not in " +
                        (full.current().source().empty() ? std::string("the data") : full.current().source()) +
                        DidYouMean(id, full.entity_ids()));
      }
      s.entities[i].forced = true;
      s.entities[i].kept = list == &spec.include;
    }
  }
  return s;
}

Cohort KeptCohort(const Cohort& cohort, const Screening& screening) {
  std::vector<int> kept;
  std::unordered_set<std::string> removed;
  for (size_t e = 0; e < screening.entities.size(); ++e) {
    if (screening.entities[e].kept) {
      kept.push_back(static_cast<int>(e));
    } else {
      removed.insert(screening.entities[e].id);
    }
  }
  Cohort out = cohort;
  out.current = std::make_shared<const Dataset>(cohort.current->Subset(kept));
  if (cohort.ratings && !removed.empty()) {
    auto ratings = std::make_shared<Ratings>(cohort.ratings->source);
    const Ratings& all = *cohort.ratings;
    ratings->reserve(all.size());
    std::vector<char> drop(all.labels(Ratings::kEntity).size(), 0);
    for (size_t c = 0; c < drop.size(); ++c) drop[c] = removed.count(all.labels(Ratings::kEntity)[c]) > 0;
    for (size_t k = 0; k < all.size(); ++k) {
      const std::int32_t entity = all.codes(Ratings::kEntity)[k];
      if (entity >= 0 && drop[static_cast<size_t>(entity)]) continue;
      ratings->Add(all.at(k));
    }
    out.ratings = std::move(ratings);
  }
  return out;
}

}  // namespace detail
}  // namespace makerscore
