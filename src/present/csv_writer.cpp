// The result as CSV, one row per entity in rank order.
#include <vector>

#include "makerscore/present.h"
#include "util/text.h"

namespace makerscore {

std::vector<int> RankOrder(const Result& r);  // table.cpp

namespace {

std::string Quote(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Number(double x) { return x != x ? "" : detail::FormatNumber(x, 6); }

}  // namespace

void WriteCsv(const Result& r, std::ostream& out) {
  const auto& nodes = r.model().nodes();
  out << "rank,id,name,total,grade";
  for (size_t k = 1; k < nodes.size(); ++k) out << "," << Quote(nodes[k].id);
  out << ",flags\n";
  for (int i : RankOrder(r)) {
    out << (r.rank(i) ? std::to_string(r.rank(i)) : "") << "," << Quote(r.entity_ids()[i]) << ","
        << Quote(r.entity_names()[i]) << "," << Number(r.total(i)) << "," << Quote(r.grade(i));
    std::vector<std::string> flags;
    for (size_t k = 1; k < nodes.size(); ++k) {
      out << "," << Number(r.points()(i, static_cast<Eigen::Index>(k)));
      auto names = FlagNames(r.flags()(i, static_cast<Eigen::Index>(k)));
      if (!names.empty()) flags.push_back(nodes[k].id + ":" + detail::Join(names, "+"));
    }
    out << "," << Quote(detail::Join(flags, " ")) << "\n";
  }
}

}  // namespace makerscore
