#include "data/long_form.h"

#include "data/header.h"
#include "makerscore/error.h"
#include "util/csv_parser.h"
#include "util/text.h"
#include "util/unicode.h"

namespace makerscore::detail {

namespace {
constexpr int kMaxReported = 20;
}  // namespace

void ProblemList::Add(int line, const std::string& message) {
  // A cell's invisible characters (a NUL, a zero-width space) are named, not echoed.
  if (count_++ < kMaxReported) text_ += source_ + ":" + std::to_string(line) + ": " + Visible(message) + "\n";
}

void ProblemList::ThrowIfAny() const {
  if (count_ == 0) return;
  std::string text = text_;
  if (count_ > kMaxReported) text += "... and " + std::to_string(count_ - kMaxReported) + " more problems\n";
  throw DataError(text + std::to_string(count_) + (count_ == 1 ? " problem" : " problems") + " in " + source_);
}

LongFormReader::LongFormReader(std::string source, std::vector<std::string> columns, std::string kind)
    : source_(std::move(source)), columns_(std::move(columns)), kind_(std::move(kind)), problems_(source_) {}

void LongFormReader::Parse(std::string_view text,
                           const std::function<void(int, const std::vector<std::string_view>&)>& on_row) {
  RequireUtf8(text, source_);
  ParseRecords([&](const RecordCallback& on) { ParseCsv(text, source_, on); }, on_row);
}

void LongFormReader::ParseRecords(const Records& records,
                                  const std::function<void(int, const std::vector<std::string_view>&)>& on_row) {
  std::vector<int> col;
  size_t header_size = 0;
  bool have_header = false;
  std::vector<std::string_view> cells_in_order(columns_.size());
  records([&](int line, const std::vector<std::string_view>& cells) {
    if (!have_header) {
      have_header = true;
      header_size = cells.size();
      col = FindColumns(cells, columns_);
      std::string missing;
      for (size_t k = 0; k < columns_.size(); ++k) {
        if (col[k] < 0) {
          missing += source_ + ":" + std::to_string(line) + ": no column '" + columns_[k] + "'; a " + kind_ +
                     " has the columns " + Join(columns_, ", ") + "\n";
        }
      }
      if (!missing.empty()) throw DataError(missing + kind_ + " " + source_ + " cannot be read");
      return;
    }
    if (FilledCells(cells) == 0) return;  // a blank row
    if (cells.size() != header_size) {
      problems_.Add(line, "this row has " + std::to_string(cells.size()) + " cells but the header has " +
                              std::to_string(header_size));
      return;
    }
    for (size_t k = 0; k < columns_.size(); ++k) cells_in_order[k] = Trim(cells[col[k]]);
    on_row(line, cells_in_order);
  });
  if (!have_header) problems_.Add(1, "the file is empty; expected the header " + Join(columns_, ","));
}

}  // namespace makerscore::detail
