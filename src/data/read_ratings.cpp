// Reading expert ratings in long form from CSV.
#include <algorithm>

#include "data/csv_parser.h"
#include "data/long_form.h"
#include "makerscore/csv.h"

namespace makerscore {

Ratings ParseRatingsCsv(const std::string& text, const std::string& source) {
  static const std::vector<std::string> kColumns = {"entity", "indicator", "expert", "rating"};
  Ratings out;
  out.source = source;
  out.items.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')));  // about one rating a line
  detail::LongFormReader reader(source, kColumns, "ratings file");
  reader.Parse(text, [&](int line, const std::vector<std::string_view>& cells) {
    Rating r;
    std::string* targets[] = {&r.entity, &r.indicator, &r.expert, &r.value};
    for (int k = 0; k < 4; ++k) {
      targets[k]->assign(cells[k]);
      if (cells[k].empty()) reader.problems().Add(line, "the cell '" + kColumns[k] + "' is empty");
    }
    r.row = line;
    out.items.push_back(std::move(r));
  });
  reader.problems().ThrowIfAny();
  return out;
}

Ratings ReadRatingsCsv(const std::string& path) {
  return ParseRatingsCsv(detail::ReadFile(path, "ratings file"), path);
}

}  // namespace makerscore
