// Reading one sheet of an Excel workbook (.xlsx) as rows of text cells
// (internal), with libzip (the zip container) and pugixml (its XML parts).
#ifndef MAKERSCORE_SRC_DATA_XLSX_READER_H_
#define MAKERSCORE_SRC_DATA_XLSX_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "util/csv_parser.h"

namespace makerscore::detail {

// True when bytes begin as a zip file does (an .xlsx workbook is one).
bool IsZip(std::string_view bytes);

// One sheet's rows, each cell as text: a number as Excel stored it (the
// shortest text that reads back to the same double: exact), a shared or
// inline string as written, TRUE/FALSE as 1/0, an error as Excel shows it
// (#DIV/0!). Empty rows are absent; a row's missing cells are "".
struct SheetRows {
  std::string sheet;                            // the sheet's name
  std::vector<int> rows;                        // each row's number in the sheet (1-based)
  std::vector<std::vector<std::string>> cells;  // each row's cells, from column A
};

// Reads the sheet named `sheet` ("" for the first) of the workbook in bytes.
// A cell that holds a date (a number formatted as a date) is refused rather
// than read as the day count behind it. Throws DataError naming source, the
// sheet and the cell (B7) for a workbook that cannot be read, a sheet that
// does not exist (listing those that do), a date, or parts larger than the
// limit a data file has (a zip bomb).
SheetRows ReadXlsxSheet(std::string_view bytes, const std::string& sheet, const std::string& source);

// The sheet's rows as records for the table readers (rows must outlive them).
Records SheetRecords(const SheetRows& rows);

// "B7" for column index 1 (0-based) of sheet row 7.
std::string CellName(int column, int row);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_DATA_XLSX_READER_H_
