// What the CSV readers share (internal): a list of problems reported all at
// once, and reading a long-form file (one row per observation) by its
// named columns.
#ifndef MAKERSCORE_SRC_DATA_LONG_FORM_H_
#define MAKERSCORE_SRC_DATA_LONG_FORM_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "util/csv_parser.h"

namespace makerscore::detail {

// Problems of one file, each with its line; thrown together.
class ProblemList {
 public:
  explicit ProblemList(std::string source) : source_(std::move(source)) {}
  void Add(int line, const std::string& message);
  int count() const { return count_; }
  // Throws DataError with the first 20 problems, "... and N more", and "N problems in SOURCE".
  void ThrowIfAny() const;

 private:
  std::string source_;
  std::string text_;
  int count_ = 0;
};

// Reads a long-form CSV file whose header must name `columns` (in any
// order, among others). kind names the file in messages ("ratings file").
// on_row gets each row's line and its cells in the order of `columns`,
// trimmed; rows of the wrong width are reported and skipped. A missing
// column throws at once; everything else is collected in problems().
class LongFormReader {
 public:
  LongFormReader(std::string source, std::vector<std::string> columns, std::string kind);
  void Parse(std::string_view text,
             const std::function<void(int line, const std::vector<std::string_view>& cells)>& on_row);
  // The same over rows handed on by records (a workbook's sheet).
  void ParseRecords(const Records& records,
                    const std::function<void(int line, const std::vector<std::string_view>& cells)>& on_row);
  ProblemList& problems() { return problems_; }

 private:
  std::string source_;
  std::vector<std::string> columns_;
  std::string kind_;
  ProblemList problems_;
};

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_DATA_LONG_FORM_H_
