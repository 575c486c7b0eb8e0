// Columns aligned by display width, for terminals (internal): one helper for
// every table makerscore prints, so that Chinese names line up everywhere.
#ifndef MAKERSCORE_SRC_PRESENT_ALIGNED_H_
#define MAKERSCORE_SRC_PRESENT_ALIGNED_H_

#include <string>
#include <vector>

namespace makerscore::detail {

// The header, a rule of '─' under it when rule is true, then the rows; cells
// are separated by two spaces (after `indent`), right-aligned where right[c]
// is true, and trailing spaces are dropped. Every row has header.size() cells.
std::string AlignedTable(const std::vector<std::string>& header, const std::vector<bool>& right,
                         const std::vector<std::vector<std::string>>& rows, bool rule = true,
                         const std::string& indent = "");

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_PRESENT_ALIGNED_H_
