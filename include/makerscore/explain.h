// makerscore: explaining a result in words.
#ifndef MAKERSCORE_EXPLAIN_H_
#define MAKERSCORE_EXPLAIN_H_

#include <string>

#include "makerscore/result.h"

namespace makerscore {

// How one entity earned its points on one indicator, in words, with every
// number used: the formula with the entity's values, the method with the
// cohort figures, the experts' ratings, the flags. With indicator_id empty,
// the whole tree: total, rank, grade and every node's points.
// Throws Error for an unknown entity or indicator id.
std::string Explain(const Result& result, const std::string& entity_id, const std::string& indicator_id = "");

}  // namespace makerscore

#endif  // MAKERSCORE_EXPLAIN_H_
