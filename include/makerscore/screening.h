// makerscore: screening a cohort by data availability (the rule file's `screen:`, COINr's Screen()).
#ifndef MAKERSCORE_SCREENING_H_
#define MAKERSCORE_SCREENING_H_

#include <string>
#include <vector>

#include "makerscore/rules.h"

namespace makerscore {

// One entity of the data as given, and what screening made of it.
struct EntityAvailability {
  std::string id, name;
  int row = 0;                     // its row (line) in the data, for messages
  int indicators = 0;              // the indicators that apply to it (weighted above 0 for its class)
  int missing = 0;                 // of those, how many have no value as reported (before any imputation)
  int zeros = 0;                   // of those with a value, how many are 0
  std::vector<int> missing_nodes;  // the nodes (Model::nodes) of the indicators without a value
  double available = 0;            // 1 - missing / indicators (COINr's Dat_Avail)
  double nonzero = 0;              // 1 - zeros / (indicators - missing) (COINr's Non_Zero); NaN when none has a value
  bool low_data = false;           // available < min_available (COINr's LowData)
  bool low_nonzero = false;        // nonzero < min_nonzero (COINr's LowNonZero)
  bool forced = false;             // include or exclude named it: that, not its data, decided
  bool kept = true;                // scored with the cohort; false: left out of it
};

// The outcome of screening: every entity of the data as given, in its order. Immutable; a plain value.
struct Screening {
  ScreenSpec spec;
  std::vector<EntityAvailability> entities;

  // The entities left out, in the data's order (indices into entities).
  std::vector<int> removed() const;
  // Why entity e was left out or kept, in words for people: "left out: 44 of its 49 indicators have a
  // value (89.8%), below the 90% required"; "" for an entity kept by its data.
  std::string Reason(int e) const;
};

}  // namespace makerscore

#endif  // MAKERSCORE_SCREENING_H_
