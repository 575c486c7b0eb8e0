// Reading a result for people (internal): rank order, the number shown for a node and its maximum. Shared by
// the explanations (result/) and every presentation (present/).
#ifndef MAKERSCORE_SRC_RESULT_COMMON_H_
#define MAKERSCORE_SRC_RESULT_COMMON_H_

#include <string>
#include <vector>

#include "makerscore/result.h"

namespace makerscore::detail {

// Entities in rank order; unranked ones (no total, or excluded by a veto)
// last, in input order.
std::vector<int> RankOrder(const Result& r);

// The number shown for node k of entity i: its points with point weights
// (a Chinese table's 得分), its score on the scale of the total with relative
// weights (a composite index's 0-100 sub-index).
double ShownValue(const Result& r, int i, int k);

// "CR 0.016, RI of Saaty 1980" for a group weighted by AHP, and "; 1 comparison not made, completed
// optimally" when its matrix was incomplete.
std::string AhpNote(const Node& group);

// The most points node k can earn for entity i (Result::max_points: by the shares scoring used).
double MostPoints(const Result& r, int k, int i);

// The most node k can show (ShownValue) for an entity of the given class: its
// maximum points with point weights, the total with relative weights.
double MostShown(const Result& r, int k, int entity_class);

// "(15)" after a first-level name with point weights: the most it can earn.
std::string ShownMaximum(const Result& r, int k);

// Entity i's bonus (bonus = true) or deductions in all, as claimed: before any cap.
double Claimed(const Result& r, int i, bool bonus);

// True when `grade` is one only vetoes give (by_veto_only: 取消资格): an outcome off the scale, not a ceiling.
bool OffTheScale(const RuleSet& rules, const std::string& grade);

// Why entity i has the total, grade and place it has, when not simply by its points, in the words of an
// official notice: "加分8分，按上限计5分", "直接认定为优（provincial == 1）", "一票否决：连续两年不合格，取消资格",
// "一票否决：…，不参与排名和评级", "数据不可用，未排名", "缺少必需数据，无总分"; joined by "；". Empty for an entity
// graded by its total.
std::string GradeNote(const Result& r, int i);

// A p-value as a report prints it: "< 0.0001" below that, else to 4 decimals ("0.0123"); "-" for NaN.
std::string PValueText(double p);

// Expert `code` (Ratings::kExpert) numbered from 1 in the order of the experts' ids: 专家N on a page that
// does not name them.
int ExpertNumber(const Ratings& ratings, int code);

// The screening rule in words: "by data availability: at least 90% of the indicators with a value".
std::string ScreeningRule(const ScreenSpec& spec);

// The entities the rule file's screen: left out, one line each with why, under a heading; "" when none.
std::string ScreenedOut(const Result& r);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_RESULT_COMMON_H_
