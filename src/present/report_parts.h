// The parts of an HTML report (internal): the cohort overview and one
// scorecard, from figures of the cohort worked out once.
#ifndef MAKERSCORE_SRC_PRESENT_REPORT_PARTS_H_
#define MAKERSCORE_SRC_PRESENT_REPORT_PARTS_H_

#include <string>
#include <utility>
#include <vector>

#include "makerscore/check.h"
#include "makerscore/missing.h"
#include "makerscore/report.h"
#include "makerscore/result.h"
#include "makerscore/uncertainty.h"
#include "makerscore/year_on_year.h"

namespace makerscore::detail {

// What every part shows of the cohort.
struct CohortFigures {
  std::vector<int> order;                            // entities in rank order (RankOrder)
  std::vector<double> median;                        // per node: the cohort's median of the value shown (ShownValue)
  std::vector<std::string> links;                    // per entity: the address of its scorecard ("" for none)
  std::vector<Violation> violations;                 // the data's breaches of the rule file's consistency checks
  std::vector<double> grade_cutoffs;                 // GradeCutoffs: each grade's cut-off in this cohort
  std::vector<MissingValue> missing;                 // MissingValues: every value missing from the data, in rank order
  std::vector<std::vector<std::size_t>> missing_of;  // per entity: its positions in `missing`
};

// The figures of r; links[i] = link_prefix + ... (see report.cpp).
CohortFigures Figures(const Result& r, std::vector<std::string> links);

// The value shown for node k of entity i (ShownValue: points with point
// weights, the score on the total's scale with relative weights) and the
// most it could be.
std::pair<double, double> Gauge(const Result& r, int i, int k);

// Whether the rule set has indicators to score (a report form has none:
// its report holds only the checks of the reports, and no scorecards).
inline bool HasIndicators(const Result& r) { return r.model().nodes().size() > 1; }

// A cell set aside, in words: "第 5 行 row 5, column 'workstations' ...".
std::string SetAsideCell(const CellProblem& p);

// What a veto does, in words (HTML): "不参与排名和评级 not ranked or graded", "等级至多为 grade at most 中",
// or the grade itself when only vetoes give it (取消资格).
std::string VetoOutcome(const RuleSet& rules, const Veto& veto);

// The move since last year as a table shows it: "↑3", "↓2", "0", "新" (not in last year's result), "-"
// (not ranked one of the years).
std::string MoveText(const YearOnYear& y);

// Entity i's name (its id when it has none), linked to its scorecard when it has one.
std::string EntityCell(const Result& r, const CohortFigures& f, int i);

// Entity i's id, linked to its scorecard when it has one (its name as the link's title).
std::string EntityIdLink(const Result& r, const CohortFigures& f, int i);

// The data-quality part of the overview: findings per indicator with the makerspaces behind each count, the
// experts' agreement, vetoes and makerspaces not ranked, figures not reported and what they cost, the
// report form's consistency checks.
std::string DataQualitySection(const Result& r, const CohortFigures& f);

// A key figure in a box: its label (HTML) over its value (HTML).
std::string Fact(const std::string& label, const std::string& value);

// A node's id and name, escaped: "3.1 众创空间总收入同比增长比例".
std::string NodeName(const Node& node);

// Grade g (of count, best first) labelled label, as a coloured badge.
std::string Badge(const std::string& label, int g, int count);
// Entity i's grade as a badge ("-" when none).
std::string GradeBadge(const Result& r, int i);

// The cohort overview: title, key figures, grade distribution, ranked table,
// totals split by first-level indicator, each indicator's points across the
// cohort, data-quality findings.
std::string OverviewSection(const Result& r, const CohortFigures& f);

// The report's title with the issuer's page (`report:`: issuing department, year, date, note), or the rule
// file's title alone.
std::string IssuerHeader(const RuleSet& rules);

// The report's title: `report: title`, else the rule file's title.
inline const std::string& ReportTitle(const RuleSet& rules) {
  return rules.report && !rules.report->title.empty() ? rules.report->title : rules.title;
}

// Entity i's scorecard; o.uncertainty (may be nullptr) adds its rank interval and grade probabilities when
// it holds the entity; o.experts says how the experts are named.
std::string ScorecardSection(const Result& r, int i, const CohortFigures& f, const ReportOptions& o);

// The closing line of every page: what made it, from which rule file and data.
std::string ReportFooter(const Result& r);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_PRESENT_REPORT_PARTS_H_
