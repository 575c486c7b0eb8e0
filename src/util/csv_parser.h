// A small RFC 4180 CSV parser over text in memory (internal).
#ifndef MAKERSCORE_SRC_UTIL_CSV_PARSER_H_
#define MAKERSCORE_SRC_UTIL_CSV_PARSER_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace makerscore::detail {

// Checks that text is UTF-8 (a leading BOM is allowed). Throws DataError
// naming the line of the first bad byte and saying how to convert a GBK or
// GB18030 file, which is what spreadsheets save Chinese CSV as.
void RequireUtf8(std::string_view text, const std::string& source);

// Calls on_record(line, cells) for every record, with line the 1-based line
// where the record starts. Handles a BOM, LF and CRLF, quoted cells with
// "" escapes and line breaks. Blank lines are skipped. Throws DataError for
// an unterminated quote. Cells are not trimmed; they are valid during the
// call only. Lines starting with '#'
// before the first record are comments and skipped.
void ParseCsv(std::string_view text, const std::string& source,
              const std::function<void(int line, const std::vector<std::string_view>& cells)>& on_record);

// What hands each record (row) of a table on: a CSV file's records, a sheet's rows.
using RecordCallback = std::function<void(int line, const std::vector<std::string_view>& cells)>;
using Records = std::function<void(const RecordCallback& on_record)>;

// The position of each of names in a header row (cells trimmed), or -1.
std::vector<int> FindColumns(const std::vector<std::string_view>& header, const std::vector<std::string>& names);

// Removes spaces, tabs, no-break and ideographic spaces at both ends.
std::string_view Trim(std::string_view s);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_UTIL_CSV_PARSER_H_
