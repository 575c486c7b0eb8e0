// makerscore: last year's outcome (total, rank, grade) from a result file makerscore wrote, for rules on
// last year's result: 连续两年不合格 → 取消资格, 上年度优秀 → ….
#ifndef MAKERSCORE_PREVIOUS_RESULT_H_
#define MAKERSCORE_PREVIOUS_RESULT_H_

#include <string>
#include <string_view>
#include <vector>

#include "makerscore/csv.h"

namespace makerscore {

// Last year's outcome of each entity, in the file's order. A formula reads it as last_total, last_rank
// and last_grade (last_grade == "不合格"), matched to this year's entities by id. Immutable once read; safe
// to share between threads.
struct PreviousResult {
  std::vector<std::string> ids;
  std::vector<double> totals;       // NaN where last year had no total
  std::vector<double> ranks;        // NaN where last year's entity was not ranked
  std::vector<std::string> grades;  // "" where it had no grade
  std::string source;               // the file it came from, for messages
};

// Reads a result file makerscore wrote: CSV (`score --format csv`: columns id, total, rank, grade), an
// Excel workbook (`--format xlsx`: sheet 排名 with 编号, 总分, 排名, 等级) or JSON (`--format json`). The
// kind is told by the content. Throws DataError naming the file and row: a missing column, an id twice,
// a total or rank that is not a number.
PreviousResult ReadPreviousResult(const std::string& path, const CsvOptions& options = {});

// The same from text in memory (CSV or JSON); source names it in messages.
PreviousResult ParsePreviousResult(std::string_view text, const std::string& source);

}  // namespace makerscore

#endif  // MAKERSCORE_PREVIOUS_RESULT_H_
