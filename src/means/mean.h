// The kinds of mean a group aggregates its children's scores by (internal). Each kind is one file in
// this folder and one line of makerscore/means.def; the rest of the pipeline asks MeanOf() for it.
#ifndef MAKERSCORE_SRC_MEANS_MEAN_H_
#define MAKERSCORE_SRC_MEANS_MEAN_H_

#include "makerscore/rules.h"

namespace makerscore::detail {

struct MeanDef {
  // The group's score from its k children's scores s (none NaN) and weights w (positive, summing to 1);
  // power is the group's `power` (used by kinds that take it). NaN where the mean is undefined (the
  // engine flags it out_of_domain).
  double (*combine)(double power, const double* s, const double* w, int k);
  bool needs_nonnegative;  // undefined for negative scores: the children must be scored by bounded methods
  bool takes_power;        // reads the group's `power` (which must then be given, and not be 0)
  const char* summary;     // what it computes, naming itself (`word`), for the rule-format reference
};

// The definition of a kind of mean; for an aggregation over the cohort (cohort/cohort.h), one without
// combine that needs nothing.
const MeanDef& MeanOf(Aggregation kind);

// The kinds, one per file in this folder.
#define MAKERSCORE_MEAN(kind, word) extern const MeanDef kind##Mean;
#include "makerscore/means.def"
#undef MAKERSCORE_MEAN

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_MEANS_MEAN_H_
