#include "scoring/outcome_columns.h"

#include <cmath>
#include <limits>
#include <unordered_map>

#include "util/text.h"

namespace makerscore::detail {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

OutcomeColumns::OutcomeColumns(const RuleSet& rules, const std::vector<std::string>& ids, const PreviousResult* last,
                               std::vector<std::string>* warnings)
    : values_(kOutcomeCount), pointers_(kOutcomeCount, nullptr), label_pointers_(kOutcomeCount, nullptr) {
  for (const Grade& g : rules.grades) grades_.push_back(g.label);
  label_pointers_[kThisGrade] = &grades_;
  label_pointers_[kLastGrade] = &last_grades_;
  if (last == nullptr) return;
  std::unordered_map<std::string, size_t> row_of;
  for (size_t j = 0; j < last->ids.size(); ++j) row_of.emplace(last->ids[j], j);
  std::unordered_map<std::string, double> code_of;  // last year's grade labels, in order of appearance
  for (const std::string& g : last->grades) {
    if (!g.empty() && code_of.emplace(g, static_cast<double>(last_grades_.size())).second) last_grades_.push_back(g);
  }
  for (int k : {kLastTotal, kLastRank, kLastGrade}) values_[k].assign(ids.size(), kNaN);
  std::vector<std::string> absent;
  for (size_t i = 0; i < ids.size(); ++i) {
    const auto it = row_of.find(ids[i]);
    if (it == row_of.end()) {
      absent.push_back(ids[i]);
      continue;
    }
    values_[kLastTotal][i] = last->totals[it->second];
    values_[kLastRank][i] = last->ranks[it->second];
    const std::string& g = last->grades[it->second];
    values_[kLastGrade][i] = g.empty() ? kNaN : code_of[g];
  }
  for (int k : {kLastTotal, kLastRank, kLastGrade}) pointers_[k] = values_[k].data();
  if (!absent.empty()) {
    warnings->push_back(std::to_string(absent.size()) + (absent.size() == 1 ? " entity is" : " entities are") +
                        " not in last year's result" + (last->source.empty() ? "" : " (" + last->source + ")") + ": " +
                        ListSome(absent, 5) +
                        "; last_total, last_rank and last_grade are missing for them (new this year?)");
  }
}

void OutcomeColumns::SetThisYear(const std::vector<double>& totals, const std::vector<int>& ranks,
                                 const std::vector<int>& grades) {
  const size_t n = totals.size();
  values_[kThisTotal] = totals;
  values_[kThisRank].assign(n, kNaN);
  values_[kThisGrade].assign(n, kNaN);
  for (size_t i = 0; i < n; ++i) {
    if (ranks[i] > 0) values_[kThisRank][i] = ranks[i];
    if (grades[i] >= 0) values_[kThisGrade][i] = grades[i];
  }
  for (int k : {kThisTotal, kThisRank, kThisGrade}) pointers_[k] = values_[k].data();
}

}  // namespace makerscore::detail
