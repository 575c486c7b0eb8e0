// makerscore: explaining a result in words.
#ifndef MAKERSCORE_EXPLAIN_H_
#define MAKERSCORE_EXPLAIN_H_

#include <optional>
#include <string>

#include "makerscore/result.h"

namespace makerscore {

// How an explanation or a scorecard names the experts who rated an entity,
// for a page sent out to it.
enum class ExpertNames {
  kById,          // by their ids in the ratings file
  kNumbered,      // 专家1 ... 专家N ("expert 1" ... in English), in the order of their ids: the same
                  // number for the same expert on every scorecard
  kCombinedOnly,  // no expert at all: only the combined rating
};

// How Explain words its account.
struct ExplainOptions {
  ExpertNames experts = ExpertNames::kById;
  // The language of the account; unset: the rule file's (`language:`).
  std::optional<Language> language;
};

// How one entity earned its points on one indicator, in words, with every
// number used: the formula with the entity's values, the method with the
// cohort figures, the experts' ratings, the flags. With indicator_id empty,
// the whole tree: total, rank, grade and every node's points.
// Throws Error for an unknown entity or indicator id.
std::string Explain(const Result& result, const std::string& entity_id, const std::string& indicator_id = "",
                    const ExplainOptions& options = {});

}  // namespace makerscore

#endif  // MAKERSCORE_EXPLAIN_H_
