// Reading expert ratings in long form from CSV.
#include <algorithm>
#include "data/csv_parser.h"
#include "makerscore/csv.h"
#include "makerscore/error.h"
#include "util/text.h"

namespace makerscore {

Ratings ParseRatingsCsv(const std::string& text, const std::string& source) {
  detail::RequireUtf8(text, source);
  static const char* kColumns[] = {"entity", "indicator", "expert", "rating"};
  Ratings out;
  out.source = source;
  out.items.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')));  // about one rating a line
  int col[4] = {-1, -1, -1, -1};
  size_t header_size = 0;
  bool have_header = false;
  std::string problems;
  int count = 0;
  auto problem = [&](int line, const std::string& m) {
    if (count++ < 20) problems += source + ":" + std::to_string(line) + ": " + m + "\n";
  };
  detail::ParseCsv(text, source, [&](int line, const std::vector<std::string>& cells) {
    if (!have_header) {
      have_header = true;
      header_size = cells.size();
      std::vector<int> found = detail::FindColumns(cells, {kColumns, kColumns + 4});
      std::copy(found.begin(), found.end(), col);
      for (int k = 0; k < 4; ++k) {
        if (col[k] < 0) {
          problem(line, std::string("no column '") + kColumns[k] +
                            "'; a ratings file has the columns entity, indicator, expert, rating");
        }
      }
      if (count) throw DataError(problems + "ratings file " + source + " cannot be read");
      return;
    }
    if (cells.size() != header_size) {
      problem(line, "this row has " + std::to_string(cells.size()) + " cells but the header has " +
                        std::to_string(header_size));
      return;
    }
    Rating r;
    std::string* targets[] = {&r.entity, &r.indicator, &r.expert, &r.value};
    for (int k = 0; k < 4; ++k) {
      *targets[k] = std::string(detail::Trim(cells[col[k]]));
      if (targets[k]->empty()) problem(line, std::string("the cell '") + kColumns[k] + "' is empty");
    }
    r.row = line;
    out.items.push_back(std::move(r));
  });
  if (!have_header) problem(1, "the file is empty; expected the header entity,indicator,expert,rating");
  if (count) {
    if (count > 20) problems += "... and " + std::to_string(count - 20) + " more problems\n";
    throw DataError(problems + std::to_string(count) + (count == 1 ? " problem" : " problems") + " in " + source);
  }
  return out;
}

Ratings ReadRatingsCsv(const std::string& path) {
  return ParseRatingsCsv(detail::ReadFile(path, "ratings file"), path);
}

}  // namespace makerscore
