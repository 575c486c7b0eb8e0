// Reading expert ratings in long form from CSV.
#include <algorithm>

#include "data/long_form.h"
#include "data/xlsx_reader.h"
#include "makerscore/csv.h"
#include "util/csv_parser.h"
#include "util/read_file.h"

namespace makerscore {

namespace {

Ratings ParseRatings(std::string_view text, const std::string& source, const std::string& sheet) {
  static const std::vector<std::string> kColumns = {"entity", "indicator", "expert", "rating"};
  Ratings out(source);
  out.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')));  // about one rating a line
  detail::LongFormReader reader(source, kColumns, "ratings file");
  const auto on_row = [&](int line, const std::vector<std::string_view>& cells) {
    for (int k = 0; k < 4; ++k) {
      if (cells[k].empty()) reader.problems().Add(line, "the cell '" + kColumns[k] + "' is empty");
    }
    out.Add(cells[0], cells[1], cells[2], cells[3], line);
  };
  if (detail::IsZip(text)) {  // an Excel workbook: its first sheet, or the one asked for
    const detail::SheetRows rows = detail::ReadXlsxSheet(text, sheet, source);
    reader.ParseRecords(detail::SheetRecords(rows), on_row);
  } else {
    reader.Parse(text, on_row);
  }
  reader.problems().ThrowIfAny();
  out.NormalizeLabels();
  return out;
}

}  // namespace

Ratings ParseRatingsCsv(std::string_view text, const std::string& source) { return ParseRatings(text, source, ""); }

Ratings ReadRatingsCsv(const std::string& path, const CsvOptions& options) {
  return ParseRatings(detail::DataText(path, "ratings file", options.encoding).view(), path, options.sheet);
}

}  // namespace makerscore
