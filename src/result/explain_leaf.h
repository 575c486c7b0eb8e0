// How one indicator's value became its score, in words (internal): the part of an explanation
// (makerscore/explain.h) that a leaf of the indicator tree adds.
#ifndef MAKERSCORE_SRC_RESULT_EXPLAIN_LEAF_H_
#define MAKERSCORE_SRC_RESULT_EXPLAIN_LEAF_H_

#include <string>

#include "makerscore/explain.h"
#include "scoring/compiled_model.h"
#include "util/text.h"

namespace makerscore::detail {

// Entity i's account of leaf, one line per step, each indented two spaces: a quantitative indicator's
// value (the field, or the formula with this year's and last year's values), what the missing-data and
// outlier rules did, and the scoring method with the cohort's figures; a rated one's ratings (named as
// `names` says), how they were combined, and the panel's agreement. In say's language.
std::string ExplainLeaf(const Result& r, const CompiledLeaf& leaf, int i, ExpertNames names, Say say);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_RESULT_EXPLAIN_LEAF_H_
