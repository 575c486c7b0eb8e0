// The result as CSV, one row per entity in rank order.
#include <algorithm>
#include <cstdint>
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
void AppendQuoted(std::string_view text, std::string* out) {
  const bool formula = !text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos;
  const bool quote = text.find_first_of(",\"\n\r") != std::string_view::npos;
  if (quote) out->push_back('"');
  if (formula) out->push_back('\'');
  for (char c : text) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  if (quote) out->push_back('"');
}

std::string Quote(const std::string& text) {
  std::string out;
  AppendQuoted(text, &out);
  return out;
}

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
  // The rows in rank order, a block of entities at a time: the block's shown values and flags are gathered
  // column by column first, then its rows are written into one text handed to out at once. Read row by row
  // in rank order, the result's columns (one per indicator, a million entries each) cost a cache miss a cell.
  const std::vector<int> order = detail::RankOrder(r);
  const bool points = rules.weighting == Weighting::kPoints;  // as detail::ShownValue
  const std::size_t columns = nodes.size();
  constexpr std::size_t kBlock = 256;
  std::vector<double> shown(kBlock * columns);
  std::vector<std::uint16_t> flag(kBlock * columns);
  std::string text;
  const auto number = [&text](double x) {
    text.push_back(',');
    if (x == x) detail::AppendNumber(x, 6, &text);
  };
  const auto whole = [&text](long n, bool shown_at_all) {
    text.push_back(',');
    if (shown_at_all) text += std::to_string(n);
  };
  const auto cell = [&text](std::string_view s) {
    text.push_back(',');
    AppendQuoted(s, &text);
  };
  for (std::size_t first = 0; first < order.size(); first += kBlock) {
    const std::size_t count = std::min(kBlock, order.size() - first);
    const Eigen::ArrayXXd& from = points ? r.points() : r.scores();
    for (std::size_t k = 0; k < columns; ++k) {
      const double* value = from.col(static_cast<Eigen::Index>(k)).data();
      const std::uint16_t* flags = r.flags().col(static_cast<Eigen::Index>(k)).data();
      for (std::size_t j = 0; j < count; ++j) {
        const int i = order[first + j];
        shown[j * columns + k] = points ? value[i] : value[i] * rules.total;
        flag[j * columns + k] = flags[i];
      }
    }
    text.clear();
    for (std::size_t j = 0; j < count; ++j) {
      const int i = order[first + j];
      if (r.rank(i)) text += std::to_string(r.rank(i));
      cell(r.entity_ids()[i]);
      cell(r.entity_names()[i]);
      number(r.total(i));
      cell(r.grade(i));
      if (rules.classes) cell(rules.classes->labels[r.entity_class(i)]);
      std::vector<std::string> flags;
      if (flag[j * columns] & kFlagAdjustmentCapped) flags.emplace_back("total:adjustment_capped");
      for (size_t k = 1; k < columns; ++k) {
        number(shown[j * columns + k]);
        if (const std::uint16_t f = flag[j * columns + k]; f != 0) {
          flags.push_back(nodes[k].id + ":" + detail::Join(FlagNames(f), "+"));
        }
      }
      for (const auto& ranks : group_ranks) whole(ranks[i], ranks[i] != 0);
      for (Eigen::Index a = 0; a < r.adjustment_points().cols(); ++a) number(r.adjustment_points()(i, a));
      if (!rules.vetoes.empty()) {
        std::vector<std::string> ids;
        for (int v : r.vetoes(i)) ids.push_back(rules.vetoes[v].id);
        cell(detail::Join(ids, " "));
      }
      if (direct) cell(r.direct_grade(i) >= 0 ? rules.grades[r.direct_grade(i)].when : std::string());
      if (set_aside) {
        std::vector<std::string> cells;
        for (const CellProblem& p : r.set_aside(i)) cells.push_back("row " + std::to_string(p.row) + ", " + p.message);
        cell(detail::Join(cells, "; "));
      }
      if (screening) text.push_back(',');
      cell(detail::Join(flags, " "));
      if (margins) {
        const GradeMargin m = MarginOf(r, i, cutoffs);
        number(m.to_next_up);
        number(m.above_cutoff);
        text += m.near ? ",1" : ",";
      }
      if (last_year) {
        const YearOnYear y = YearOnYearOf(r, i);
        number(y.last_total);
        whole(y.last_rank, y.last_rank != 0);
        cell(y.last_grade);
        number(y.total_change);
        whole(y.rank_change, y.ranked_both);
      }
      text.push_back('\n');
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
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
