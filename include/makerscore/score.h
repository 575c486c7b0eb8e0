// makerscore: scoring a cohort.
#ifndef MAKERSCORE_SCORE_H_
#define MAKERSCORE_SCORE_H_

#include <memory>

#include "makerscore/dataset.h"
#include "makerscore/model.h"
#include "makerscore/ratings.h"
#include "makerscore/result.h"

namespace makerscore {

// Scores every entity of current against the model.
//  * current must hold a column for every field of the rule set (extra
//    columns are ignored);
//  * previous (last year's data, matched by entity id) is required when the
//    model uses prev(); an entity absent from it has missing prev() values;
//  * ratings are required when the model has qualitative indicators.
// Throws DataError when an input does not fit the model (a missing column,
// a rating of an unknown entity or off the scale ...), naming the row.
// Faults in single values (missing, division by zero) become flags instead.
// The result shares the inputs; nothing is copied.
Result Score(const Model& model, std::shared_ptr<const Dataset> current,
             std::shared_ptr<const Dataset> previous = nullptr,
             std::shared_ptr<const Ratings> ratings = nullptr);

}  // namespace makerscore

#endif  // MAKERSCORE_SCORE_H_
