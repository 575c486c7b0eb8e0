// Matching the header row of a data file to the rule set's fields, the way
// departments write headers (internal).
#ifndef MAKERSCORE_SRC_DATA_HEADER_H_
#define MAKERSCORE_SRC_DATA_HEADER_H_

#include <string>
#include <string_view>
#include <vector>

#include "makerscore/rules.h"

namespace makerscore::detail {

// Where a header row puts the id, the name and each field, and what is wrong with it.
struct HeaderMap {
  int id_column = -1;                 // -1 when no column holds the entity ids
  int name_column = -1;               // -1 when there is no name column (names are optional)
  std::vector<int> field_column;      // per field of the rule set, its column or -1
  std::vector<std::string> problems;  // in words, without the file and row
};

// Matches cells (one header row) to rules. A column is the id column when its
// header is the rule file's `entity: id` (default "id") or, failing that, one
// of the usual headers 编号, 众创空间编号, 单位编号, 代码, 编码, ID; likewise the
// name column (`entity: name`, or 名称, 众创空间名称, 单位名称, 机构名称). A field's
// column is headed by its id or its name, with or without a unit in brackets
// after it (提供创业工位数量（个）, 总收入(万元)); a unit that differs from the
// field's (元 for 万元) is a problem, since the numbers would be off by a
// factor. Problems: a column twice, a field with two columns, a unit that
// differs, no id column (saying how to name one), fields without a column
// (with the header they most likely are, when one is close).
HeaderMap MatchHeader(const std::vector<std::string_view>& cells, const RuleSet& rules);

// True when cells name an id column as MatchHeader would find it: the row is
// the header, not a title above it.
bool HasIdColumn(const std::vector<std::string_view>& cells, const RuleSet& rules);

// The number of cells that are not empty (after trimming).
int FilledCells(const std::vector<std::string_view>& cells);

// True when a row's id or name cell says it is a totals row rather than a
// makerspace: 合计, 总计, 小计, 平均, 平均值, 总和 (spaces inside ignored), Total,
// Sum, Average.
bool IsTotalsLabel(std::string_view cell);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_DATA_HEADER_H_
