// makerscore: scoring a cohort.
#ifndef MAKERSCORE_SCORE_H_
#define MAKERSCORE_SCORE_H_

#include <memory>

#include "makerscore/dataset.h"
#include "makerscore/model.h"
#include "makerscore/previous_result.h"
#include "makerscore/ratings.h"
#include "makerscore/result.h"

namespace makerscore {

// The inputs of one evaluation. Shared, never copied: the Result keeps them.
// A plain value; safe to share between threads once filled in.
struct Cohort {
  // This year's data: a column for every field of the rule set (extra
  // columns are ignored). Required.
  std::shared_ptr<const Dataset> current;
  // Last year's data, matched by entity id: required when the model uses
  // prev(); an entity absent from it has missing prev() values.
  std::shared_ptr<const Dataset> previous;
  // The experts' ratings: required when the model has qualitative indicators.
  std::shared_ptr<const Ratings> ratings;
  // Last year's outcome (a result file makerscore wrote): required when a formula reads last_total,
  // last_rank or last_grade; an entity absent from it has those missing.
  std::shared_ptr<const PreviousResult> previous_result;
};

// How to score. A plain value.
struct ScoreOptions {
  // Threads to use: 1 (the default) scores on the calling thread only, 0 uses
  // every core. Scoring starts no other thread. The result does not depend on it.
  int threads = 1;
  ScoreDetail detail = ScoreDetail::kFull;
};

// Scores every entity of the cohort against the model.
// Throws DataError when an input does not fit the model (a missing column,
// a rating of an unknown entity or off the scale ...), naming the row.
// Faults in single values (missing, division by zero) become flags instead.
// Safe to call from many threads at once on the same model and inputs.
Result Score(const Model& model, const Cohort& cohort, const ScoreOptions& options = {});

// The same, with the inputs given one by one (on the calling thread only).
Result Score(const Model& model, std::shared_ptr<const Dataset> current,
             std::shared_ptr<const Dataset> previous = nullptr, std::shared_ptr<const Ratings> ratings = nullptr);

}  // namespace makerscore

#endif  // MAKERSCORE_SCORE_H_
