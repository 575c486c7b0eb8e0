// Aggregations of a group's children over the whole cohort (internal): TOPSIS, VIKOR, grey relational
// analysis, fuzzy comprehensive evaluation. Unlike a mean (means/), which combines one entity's children's
// scores, these take the whole cohort's children at once: the first three compare each entity's children
// with the cohort's best and worst, so an entity's score depends on the others (as min-max scoring does);
// the fuzzy evaluation composes the children's membership vectors over a scale's levels. Each is one file in this
// folder and one line of makerscore/cohort_aggregations.def.
#ifndef MAKERSCORE_SRC_COHORT_COHORT_H_
#define MAKERSCORE_SRC_COHORT_COHORT_H_

#include <Eigen/Core>
#include <string>
#include <vector>

#include "makerscore/aggregation_trace.h"
#include "makerscore/rules.h"
#include "util/text.h"

namespace makerscore::detail {

// A group's children for the whole cohort.
struct CohortInput {
  // entities x children: what is compared, the children's scores (higher is better) or, with
  // `over: values`, their values; NaN where the child has none for the entity.
  Eigen::ArrayXXd x;
  // entities x children: the child's weight for the entity (0: it does not count for the entity's class).
  // The weights of the children that count for an entity are divided by their sum.
  Eigen::ArrayXXd w;
  std::vector<char> lower;              // per child: lower values are better (only with `over: values`)
  const std::vector<std::string>* ids;  // the entities' ids, for notes
  // Aggregations over memberships (CohortAggregationDef::memberships) only: the scale the children are
  // rated on, and per child its membership rows (entities x levels, each row the shares of the levels;
  // NaN rows where x is NaN).
  const Scale* scale = nullptr;
  std::vector<const Eigen::ArrayXXd*> membership;
};

// One option of an aggregation (`aggregate: {method: ..., option: ...}`).
struct CohortOption {
  enum Kind { kNumber, kWord, kList };
  const char* name;
  Kind kind;
  const char* default_word;        // kWord: the default; "" for the others
  std::vector<const char*> words;  // kWord: the words allowed
  double default_number;           // kNumber
  double min, max;                 // kNumber: the range allowed (inclusive)
  const char* doc;
};

struct CohortAggregationDef {
  // The group's score of every entity (higher is better; NaN where no child counts), into score, with
  // what was computed into trace; sets kFlagNoSpread in flags where every child the entity has lacked
  // spread over the cohort. o holds options the validator accepted.
  void (*aggregate)(const CohortInput& in, const AggregateOptions& o, Eigen::ArrayXd* score,
                    Eigen::Array<std::uint16_t, Eigen::Dynamic, 1>* flags, AggregationTrace* trace);
  // Entity i's score in words, from the trace (children: "id name" of each child).
  std::string (*explain)(const AggregationTrace& t, int i, const std::vector<std::string>& children, Say say);
  std::vector<CohortOption> options;
  // "" when the options make sense together (every one is already within its range), else what is wrong.
  std::string (*check)(const AggregateOptions& o);
  const char* summary;  // what it computes, naming itself (`word`), for the rule-format reference
  // True when it composes memberships over a scale's levels (fuzzy): every child is then rated by experts
  // on a scale of levels, or is such a group itself, all on one scale.
  bool memberships = false;
};

// The option every aggregation over the cohort takes: `over: scores` (the default) or `over: values`.
CohortOption OverOption();

// The definition of an aggregation over the cohort, or nullptr for a mean.
const CohortAggregationDef* CohortAggregationOf(Aggregation kind);

// Option lookups with the declared default.
double Number(const AggregateOptions& o, const char* name, double fallback);
std::string Word(const AggregateOptions& o, const char* name, const char* fallback);

// Normalises the columns of x over the entities that have them: "vector" x / sqrt(sum x^2), "minmax"
// (x - min) / (max - min), flipped to (max - x) / (max - min) for a lower-is-better column (which is then
// higher-is-better), "none" as it is. Under minmax a column without spread is 1 for every entity that has
// it; the columns without spread (one value, or none, over the cohort) are listed in *flat.
Eigen::ArrayXXd NormaliseColumns(const CohortInput& in, const std::string& how, std::vector<int>* flat);

// Each child's best and worst of r over the entities it counts for (w > 0), the smallest best where
// lower[j]; NaN for a child that counts for nobody.
void BestAndWorst(const Eigen::ArrayXXd& r, const Eigen::ArrayXXd& w, const std::vector<char>& lower,
                  std::vector<double>* best, std::vector<double>* worst);

// Each entity's weights over the children it has (NaN in x or weight 0: none), divided by their sum;
// a row of zeros when it has none.
Eigen::ArrayXXd RowWeights(const CohortInput& in);

// The aggregations, one per file in this folder.
#define MAKERSCORE_COHORT_AGGREGATION(kind, word) extern const CohortAggregationDef kind##Aggregation;
#include "makerscore/cohort_aggregations.def"
#undef MAKERSCORE_COHORT_AGGREGATION

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_COHORT_COHORT_H_
