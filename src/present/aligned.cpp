#include "present/aligned.h"

#include <algorithm>

#include "makerscore/present.h"

namespace makerscore::detail {

std::string AlignedTable(const std::vector<std::string>& header, const std::vector<bool>& right,
                         const std::vector<std::vector<std::string>>& rows, bool rule, const std::string& indent) {
  std::vector<int> width(header.size());
  for (size_t c = 0; c < header.size(); ++c) {
    width[c] = DisplayWidth(header[c]);
    for (const auto& row : rows) width[c] = std::max(width[c], DisplayWidth(row[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out = indent;
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c) out += "  ";
      const std::string fill(std::max(0, width[c] - DisplayWidth(cells[c])), ' ');
      out += right[c] ? fill + cells[c] : cells[c] + fill;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(header);
  if (rule) {
    int total = 2 * static_cast<int>(width.size() - 1);
    for (int w : width) total += w;
    out += indent;
    for (int k = 0; k < total; ++k) out += "─";
    out += "\n";
  }
  for (const auto& row : rows) out += line(row);
  return out;
}

}  // namespace makerscore::detail
