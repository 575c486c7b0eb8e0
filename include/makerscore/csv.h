// makerscore: reading cohorts and ratings from CSV files.
//
// Files are UTF-8, with or without a byte-order mark, with LF or CRLF line
// ends, comma-separated, with RFC 4180 quoting. Anything else (a GBK export,
// say) is refused with a message that says how to convert it.
#ifndef MAKERSCORE_CSV_H_
#define MAKERSCORE_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "makerscore/dataset.h"
#include "makerscore/ratings.h"
#include "makerscore/rules.h"

namespace makerscore {

// How to read a data or ratings file: CSV, or an Excel workbook (.xlsx, told
// by its content, not its name).
struct CsvOptions {
  // The file's character encoding: "utf-8" (the default), or "gb18030" (which
  // includes "gbk"), what Chinese spreadsheets save CSV files as; any name
  // iconv knows. A file that is valid UTF-8 throughout is read as UTF-8
  // whatever this says (GBK text practically never is), so that one setting
  // serves a GBK export beside UTF-8 files. (A workbook is always Unicode.)
  std::string encoding = "utf-8";
  // For a workbook: the sheet to read; "" for the first.
  std::string sheet;
};

// Reads one year of a cohort. The header names each column by a field id or
// by the field's name from the rule file (众创空间总收入); the id column is
// rules.id_column, the optional name column rules.name_column. Empty cells and
// NA are missing. Numbers as spreadsheets export them are read when their
// meaning is certain: thousands separators (1,234,567.5), full-width digits
// (１２３), and 12.5% in a field whose unit is "%"; docs/errors.md lists what
// is refused and why. Throws DataError listing every problem (up to 20) with the
// row, the column and what was expected: a missing column, a duplicate
// column or entity id, a ragged row, a cell that is not a number, a value
// outside the field's bounds or not a whole number for a count.
Dataset ReadDatasetCsv(const std::string& path, const RuleSet& rules, const CsvOptions& options = {});
// The same, from text in memory; source names it in messages.
Dataset ParseDatasetCsv(std::string_view text, const RuleSet& rules, const std::string& source = "<string>");

// A cohort read with its bad cells set aside: each such cell is missing (NaN)
// in data, listed in problems and in data.set_aside().
struct DatasetReading {
  Dataset data;
  std::vector<CellProblem> problems;
};

// Like ReadDatasetCsv, but cells that cannot be used (not a number, out of
// bounds, not a whole number for a count) are listed instead of thrown, so
// that the rest can still be checked. Problems with the file's structure (a
// missing or duplicate column, a duplicate id, a ragged row, the encoding)
// still throw DataError.
DatasetReading ReadDatasetCsvLenient(const std::string& path, const RuleSet& rules, const CsvOptions& options = {});
DatasetReading ParseDatasetCsvLenient(std::string_view text, const RuleSet& rules,
                                      const std::string& source = "<string>");

// The values of data that its rule set does not allow (a count that is not a
// whole number or is negative, a flag other than 0/1, a value outside a
// field's min/max, an infinity), for data built in code (from pandas, say)
// rather than read by ReadDatasetCsv, which checks the same. Rows are data's.
std::vector<CellProblem> CheckValues(const RuleSet& rules, const Dataset& data);

// Where a header row puts the entity id, the name and each field of rules,
// as the CSV readers find them: the rule file's `entity:` headers or the
// usual Chinese ones (编号, 名称, 众创空间名称 ...), a field by its id or name,
// with or without its unit in brackets (总收入（万元）). For other tables built
// the same way (pandas DataFrames).
struct HeaderColumns {
  int id = -1;                        // the id column, -1 when none
  int name = -1;                      // the name column, -1 when none
  std::vector<int> fields;            // per field of rules, its column or -1
  std::vector<std::string> problems;  // what is wrong, in words (a unit that differs, a field without a column ...)
};
HeaderColumns FindHeaderColumns(const std::vector<std::string>& header, const RuleSet& rules);

// Reads expert ratings in long form: columns entity, indicator, expert,
// rating (one row per rating). Throws DataError for a missing column, a
// ragged row or an empty cell. Whether each rating fits the rule set is
// checked by Score().
Ratings ReadRatingsCsv(const std::string& path, const CsvOptions& options = {});
Ratings ParseRatingsCsv(std::string_view text, const std::string& source = "<string>");

}  // namespace makerscore

#endif  // MAKERSCORE_CSV_H_
