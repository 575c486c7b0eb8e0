// The ranked table for a terminal, aligned by display width.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "makerscore/grade_margin.h"
#include "makerscore/missing.h"
#include "makerscore/present.h"
#include "makerscore/year_on_year.h"
#include "present/aligned.h"
#include "result/common.h"
#include "util/text.h"

namespace makerscore {

namespace {

// The grades' cut-offs in this cohort, and the makerspaces within the boundary margin of one.
std::string GradeBoundaries(const Result& r) {
  const RuleSet& rules = r.model().rules();
  const std::vector<double> cutoffs = GradeCutoffs(r);
  std::vector<std::string> cuts;
  for (size_t k = 0; k < cutoffs.size(); ++k) {
    if (!std::isnan(cutoffs[k])) cuts.push_back(rules.grades[k].label + " " + detail::FormatNumber(cutoffs[k], 4));
  }
  if (cuts.empty()) return "";
  std::string out = "\nGrade cut-offs in this cohort (等级分界): " + detail::Join(cuts, ", ") + ".\n";
  std::string near;
  for (int i : detail::RankOrder(r)) {
    const GradeMargin m = MarginOf(r, i, cutoffs);
    if (!m.near) continue;
    std::vector<std::string> how;
    if (!m.next_up.empty() && m.to_next_up <= BoundaryMargin(rules)) {
      how.push_back(detail::FormatNumber(m.to_next_up, 4) + " points short of " + m.next_up);
    }
    if (!m.next_down.empty() && m.above_cutoff < BoundaryMargin(rules)) {
      how.push_back(detail::FormatNumber(m.above_cutoff, 4) + " points above the cut-off of " + r.grade(i));
    }
    near += "  " + r.entity_ids()[i] + " " + r.entity_names()[i] + " (" + (r.grade(i).empty() ? "-" : r.grade(i)) +
            "): " + detail::Join(how, "; ") + "\n";
  }
  if (!near.empty()) {
    out += "Near a grade boundary (within " + detail::FormatNumber(BoundaryMargin(rules), 4) +
           (BoundaryMargin(rules) == 1 ? " point" : " points") + ", boundary_margin):\n" + near;
  }
  return out;
}

}  // namespace

std::string FormatTable(const Result& r) {
  const auto& nodes = r.model().nodes();
  std::vector<std::string> header = {"排名", "编号", "名称", "总分", "等级"};
  std::vector<bool> right = {true, false, false, true, false};
  // Year on year, given last year's result: last year's rank and the places moved (+ up, - down, 新 new).
  const bool last_year = r.previous_result() != nullptr;
  if (last_year) {
    header.insert(header.end(), {"上年排名", "名次变化"});
    right.insert(right.end(), {true, true});
  }
  for (int c : nodes[0].children) {
    header.push_back(nodes[c].id + " " + nodes[c].name + detail::ShownMaximum(r, c));
    right.push_back(true);
  }
  std::vector<std::vector<std::string>> rows;
  for (int i : detail::RankOrder(r)) {
    std::vector<std::string> row = {r.rank(i) ? std::to_string(r.rank(i)) : "-", r.entity_ids()[i], r.entity_names()[i],
                                    detail::Fixed(r.total(i), 2), r.grade(i).empty() ? "-" : r.grade(i)};
    if (last_year) {
      const YearOnYear y = YearOnYearOf(r, i);
      row.push_back(y.last_rank ? std::to_string(y.last_rank) : "-");
      row.push_back(!y.listed ? "新" : y.ranked_both ? RankChangeText(y) : "-");
    }
    for (int c : nodes[0].children) row.push_back(detail::Fixed(detail::ShownValue(r, i, c), 2));
    row.push_back(detail::GradeNote(r, i));
    rows.push_back(std::move(row));
  }
  // 说明 (why a grade or place is not the total's) only when some row has one.
  if (std::any_of(rows.begin(), rows.end(), [](const auto& row) { return !row.back().empty(); })) {
    header.push_back("说明");
    right.push_back(false);
  } else {
    for (auto& row : rows) row.pop_back();
  }
  const RuleSet& rules = r.model().rules();
  std::string out = rules.title + (rules.weights_file.empty() ? "" : " (weights: " + rules.weights_file + ")") +
                    "\n\n" + detail::AlignedTable(header, right, rows);
  int unscored =
      static_cast<int>(std::count_if(rows.begin(), rows.end(), [](const auto& row) { return row[0] == "-"; }));
  out += "\n" + std::to_string(r.entity_count()) + " entities";
  if (const Screening* s = r.screening(); s && !s->removed().empty()) {
    out += " (" + std::to_string(s->removed().size()) + " more screened out, listed below)";
  }
  if (nodes.size() == 1) {
    out += ", graded by conditions alone (the rule file has no indicators, so no total and no rank)";
  } else if (unscored)
    out += ", " + std::to_string(unscored) + " not ranked (see 'makerscore explain')";
  out += ".";
  if (r.model().rules().weighting == Weighting::kRelative) {
    out +=
        " Indicator columns are scores on the total's scale (0-" + detail::FormatNumber(r.model().rules().total) + ").";
  }
  out += "\n";
  std::string set_aside;
  for (int i = 0; i < r.entity_count(); ++i) {
    for (const CellProblem& p : r.set_aside(i)) {
      set_aside += "  " + r.entity_ids()[i] + ": row " + std::to_string(p.row) + ", " + p.message + "\n";
    }
  }
  if (!set_aside.empty()) out += "\nNot ranked or graded because a cell of their data cannot be used:\n" + set_aside;
  if (const std::string screened = detail::ScreenedOut(r); !screened.empty()) out += "\n" + screened;
  out += GradeBoundaries(r);
  // Every value missing from the data, so that a blank cell never costs points without a word.
  if (const std::string missing = MissingSummary(r, 50); !missing.empty()) out += "\n" + missing;
  return out;
}

}  // namespace makerscore
