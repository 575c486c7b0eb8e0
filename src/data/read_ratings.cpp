// Reading expert ratings in long form from CSV.
#include <algorithm>

#include "data/csv_parser.h"
#include "util/read_file.h"
#include "data/long_form.h"
#include "makerscore/csv.h"

namespace makerscore {

Ratings ParseRatingsCsv(std::string_view text, const std::string& source) {
  static const std::vector<std::string> kColumns = {"entity", "indicator", "expert", "rating"};
  Ratings out(source);
  out.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')));  // about one rating a line
  detail::LongFormReader reader(source, kColumns, "ratings file");
  reader.Parse(text, [&](int line, const std::vector<std::string_view>& cells) {
    for (int k = 0; k < 4; ++k) {
      if (cells[k].empty()) reader.problems().Add(line, "the cell '" + kColumns[k] + "' is empty");
    }
    out.Add(cells[0], cells[1], cells[2], cells[3], line);
  });
  reader.problems().ThrowIfAny();
  out.NormalizeLabels();
  return out;
}

Ratings ReadRatingsCsv(const std::string& path, const CsvOptions& options) {
  return ParseRatingsCsv(detail::DataText(path, "ratings file", options.encoding).view(), path);
}

}  // namespace makerscore
