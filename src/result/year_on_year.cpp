// Year on year: this year's outcome against last year's result file.
#include "makerscore/year_on_year.h"

#include <cmath>

namespace makerscore {

YearOnYear YearOnYearOf(const Result& r, int i) {
  YearOnYear y;
  const PreviousResult* last = r.previous_result();
  const int row = r.previous_result_row(i);
  if (!last || row < 0) return y;
  const auto k = static_cast<size_t>(row);
  y.listed = true;
  y.last_total = last->totals[k];
  y.last_rank = std::isnan(last->ranks[k]) ? 0 : static_cast<int>(last->ranks[k]);
  y.last_grade = last->grades[k];
  y.total_change = r.total(i) - y.last_total;  // NaN when either is missing
  y.ranked_both = y.last_rank > 0 && r.rank(i) > 0;
  if (y.ranked_both) y.rank_change = y.last_rank - r.rank(i);
  return y;
}

std::string RankChangeText(const YearOnYear& y) {
  if (!y.ranked_both) return "";
  return y.rank_change > 0 ? "+" + std::to_string(y.rank_change) : std::to_string(y.rank_change);
}

}  // namespace makerscore
