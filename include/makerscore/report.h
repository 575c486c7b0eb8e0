// makerscore: reports for people, as self-contained HTML pages.
#ifndef MAKERSCORE_REPORT_H_
#define MAKERSCORE_REPORT_H_

#include <string>
#include <vector>

#include "makerscore/explain.h"
#include "makerscore/result.h"
#include "makerscore/uncertainty.h"

namespace makerscore {

// Which parts a report holds.
enum class ReportParts {
  kAll,         // the cohort overview, then every scorecard
  kOverview,    // the cohort overview alone (names not linked to scorecards)
  kScorecards,  // every scorecard, in rank order, without the overview
};

// What a report holds besides the result itself.
struct ReportOptions {
  // Only this entity's scorecard (its id); "" for the parts below.
  std::string entity;
  // An uncertainty analysis of the same result (AnalyseUncertainty), for each
  // scorecard's rank interval and grade probabilities; nullptr for none.
  const UncertaintyResult* uncertainty = nullptr;
  // The overview and every scorecard, or one of them (ignored with entity).
  ReportParts parts = ReportParts::kAll;
  // How the scorecards name the experts (explain.h), in their ratings table
  // and in how each rated indicator became points.
  ExpertNames experts = ExpertNames::kById;
};

// One self-contained HTML page (no script, font, image or style from
// elsewhere; the charts are inline SVG), in the rule file's language with the
// report's own labels in Chinese and English, printable on A4 and readable
// on a phone (the ranking as cards). Without options.entity: the cohort
// overview (the grade distribution with its cut-offs and the makerspaces near
// one, the ranked table with each total split by first-level indicator, the
// rank movement since last year when the result has last year's, each
// indicator's points across the cohort, data-quality findings naming the
// makerspaces, the figures not reported and what they cost) followed by every
// scorecard, each starting a printed page. With it: that entity's scorecard
// alone (total, rank, grade and how far from the next; points against the
// maximum and the cohort median, a radar chart; every indicator's value and
// how it became points; the experts' ratings; the figures it did not report;
// the rank interval when uncertainty is given).
// options.parts leaves out the overview or the scorecards. Throws Error for
// an unknown entity, and for scorecards of a rule file without indicators.
std::string HtmlReport(const Result& result, const ReportOptions& options = {});

// Writes a report and returns the files written. A path ending in .html or
// .htm gets HtmlReport(result, options). Any other path is a folder (made if
// missing, its parent must exist): index.html with the overview, linking to
// one scorecard file per entity named by its id (or only the named entity's
// scorecard; with options.parts, only index.html or only the scorecards,
// the folder then holding nothing else). Each file is written completely or not at all; throws Error
// naming the file that could not be written.
std::vector<std::string> WriteHtmlReport(const Result& result, const std::string& path,
                                         const ReportOptions& options = {});

}  // namespace makerscore

#endif  // MAKERSCORE_REPORT_H_
