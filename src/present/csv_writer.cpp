// The result as CSV, one row per entity in rank order.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "makerscore/grade_margin.h"
#include "makerscore/present.h"
#include "makerscore/year_on_year.h"
#include "result/common.h"
#include "util/text.h"

namespace makerscore {

namespace {

// A text cell for CSV: quoted when it holds a comma, quote or line break, and neutralised when a spreadsheet
// would run it as a formula (OWASP's CSV-injection rule: a cell starting with = + - @, a tab or a carriage
// return gets a leading apostrophe, which spreadsheets show as text). A name such as =HYPERLINK("...")
// is data, never a formula.
std::string Quote(const std::string& text) {
  const bool formula = !text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos;
  std::string s = formula ? "'" + text : text;
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
  const RuleSet& rules = r.model().rules();
  out << "rank,id,name,total,grade";
  if (rules.classes) out << ",class";
  for (size_t k = 1; k < nodes.size(); ++k) out << "," << Quote(nodes[k].id);
  // Each group's ranks (sub-indices and pillars), after the points.
  std::vector<int> groups;
  std::vector<std::vector<int>> group_ranks;
  for (size_t k = 1; k < nodes.size(); ++k) {
    if (nodes[k].children.empty()) continue;
    groups.push_back(static_cast<int>(k));
    group_ranks.push_back(r.ranks_of(static_cast<int>(k)));
    out << "," << Quote("rank " + nodes[k].id);
  }
  for (const auto* list : {&rules.bonus, &rules.deductions}) {
    for (const auto& item : list->items) out << "," << Quote(item.id);
  }
  if (!rules.vetoes.empty()) out << ",vetoes";
  const bool direct =
      std::any_of(rules.grades.begin(), rules.grades.end(), [](const Grade& g) { return !g.when.empty(); });
  if (direct) out << ",graded_directly";
  const bool set_aside = rules.bad_cells == BadCells::kSetAside;
  if (set_aside) out << ",set_aside";
  const Screening* screening = r.screening();
  if (screening) out << ",screened_out";
  out << ",flags";
  // Why this grade: the points short of the grade above, above its own cut-off, and near a boundary.
  const std::vector<double> cutoffs = GradeCutoffs(r);
  const bool margins = std::any_of(cutoffs.begin(), cutoffs.end(), [](double c) { return !std::isnan(c); });
  if (margins) out << ",to_next_grade,above_cutoff,near_boundary";
  // Year on year, given last year's result: its total, rank and grade and the change since.
  const bool last_year = r.previous_result() != nullptr;
  if (last_year) out << ",last_total,last_rank,last_grade,total_change,rank_change";
  out << "\n";
  std::string row;
  for (int i : detail::RankOrder(r)) {
    out << (r.rank(i) ? std::to_string(r.rank(i)) : "") << "," << Quote(r.entity_ids()[i]) << ","
        << Quote(r.entity_names()[i]) << "," << Number(r.total(i)) << "," << Quote(r.grade(i));
    if (rules.classes) out << "," << Quote(rules.classes->labels[r.entity_class(i)]);
    std::vector<std::string> flags;
    row.clear();
    if (r.flags()(i, 0) & kFlagAdjustmentCapped) flags.emplace_back("total:adjustment_capped");
    for (size_t k = 1; k < nodes.size(); ++k) {
      const int kk = static_cast<int>(k);
      row.push_back(',');
      // Each number appended to the row, not made a string of its own: 30 million for 1,000,000 makerspaces.
      const double shown = detail::ShownValue(r, i, kk);
      if (shown == shown) detail::AppendNumber(shown, 6, &row);
      if (r.flags()(i, kk) != 0) flags.push_back(nodes[k].id + ":" + detail::Join(FlagNames(r.flags()(i, kk)), "+"));
    }
    out << row;
    for (const auto& ranks : group_ranks) out << "," << (ranks[i] ? std::to_string(ranks[i]) : "");
    for (Eigen::Index a = 0; a < r.adjustment_points().cols(); ++a) out << "," << Number(r.adjustment_points()(i, a));
    if (!rules.vetoes.empty()) {
      std::vector<std::string> ids;
      for (int v : r.vetoes(i)) ids.push_back(rules.vetoes[v].id);
      out << "," << Quote(detail::Join(ids, " "));
    }
    if (direct) out << "," << (r.direct_grade(i) >= 0 ? Quote(rules.grades[r.direct_grade(i)].when) : "");
    if (set_aside) {
      std::vector<std::string> cells;
      for (const CellProblem& p : r.set_aside(i)) cells.push_back("row " + std::to_string(p.row) + ", " + p.message);
      out << "," << Quote(detail::Join(cells, "; "));
    }
    if (screening) out << ",";
    out << "," << Quote(detail::Join(flags, " "));
    if (margins) {
      const GradeMargin m = MarginOf(r, i, cutoffs);
      out << "," << Number(m.to_next_up) << "," << Number(m.above_cutoff) << "," << (m.near ? "1" : "");
    }
    if (last_year) {
      const YearOnYear y = YearOnYearOf(r, i);
      out << "," << Number(y.last_total) << "," << (y.last_rank ? std::to_string(y.last_rank) : "") << ","
          << Quote(y.last_grade) << "," << Number(y.total_change) << ","
          << (y.ranked_both ? std::to_string(y.rank_change) : "");
    }
    out << "\n";
  }
  if (!screening) return;
  // The entities screened out, last: an id and a reason, every number empty (not scored).
  size_t empty_cells = (rules.classes ? 1 : 0) + (nodes.size() - 1) + groups.size() + (rules.vetoes.empty() ? 0 : 1) +
                       (direct ? 1 : 0) + (set_aside ? 1 : 0) + rules.bonus.items.size() +
                       rules.deductions.items.size();
  for (int e : screening->removed()) {
    const EntityAvailability& a = screening->entities[e];
    out << "," << Quote(a.id) << "," << Quote(a.name) << ",," << std::string(empty_cells, ',') << ","
        << Quote(screening->Reason(e)) << "," << (margins ? ",,," : "") << (last_year ? ",,,,," : "") << "\n";
  }
}

}  // namespace makerscore
