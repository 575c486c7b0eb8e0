// Reading expert ratings in long form from CSV.
#include <algorithm>

#include "data/long_form.h"
#include "data/xlsx_reader.h"
#include "makerscore/csv.h"
#include "util/csv_parser.h"
#include "util/read_file.h"

namespace makerscore {

namespace {

// owned: text is a buffer of ours (a file read whole), whose pages already read may be given back.
Ratings ParseRatings(std::string_view text, const std::string& source, const std::string& sheet, bool owned) {
  static const std::vector<std::string> kColumns = {"entity", "indicator", "expert", "rating"};
  constexpr long kRowsBetweenReleases = 1 << 18;
  constexpr std::ptrdiff_t kMargin = 1 << 20;  // bytes kept behind the row being read
  Ratings out(source);
  out.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')));  // about one rating a line
  detail::LongFormReader reader(source, kColumns, "ratings file");
  long rows = 0;
  const char* released = text.data();  // the text before this has been given back
  const auto on_row = [&](int line, const std::vector<std::string_view>& cells) {
    for (int k = 0; k < 4; ++k) {
      if (cells[k].empty()) reader.problems().Add(line, "the cell '" + kColumns[k] + "' is empty");
    }
    out.Add(cells[0], cells[1], cells[2], cells[3], line);  // the labels are copied: the text is done with
    // Every so many rows, the pages of the text well behind this row go back to the system (a cell of a
    // quoted field may point elsewhere: then nothing is released).
    if (owned && ++rows % kRowsBetweenReleases == 0 && cells[0].data() >= text.data() + kMargin &&
        cells[0].data() < text.data() + text.size()) {
      const char* upto = cells[0].data() - kMargin;
      if (upto > released) {
        detail::ReleasePages(released, upto);
        released = upto;
      }
    }
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

Ratings ParseRatingsCsv(std::string_view text, const std::string& source) {
  return ParseRatings(text, source, "", /*owned=*/false);
}

Ratings ReadRatingsCsv(const std::string& path, const CsvOptions& options) {
  return ParseRatings(detail::DataText(path, "ratings file", options.encoding).view(), path, options.sheet,
                      /*owned=*/true);
}

}  // namespace makerscore
