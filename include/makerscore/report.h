// makerscore: reports for people, as self-contained HTML pages.
#ifndef MAKERSCORE_REPORT_H_
#define MAKERSCORE_REPORT_H_

#include <string>
#include <vector>

#include "makerscore/result.h"
#include "makerscore/uncertainty.h"

namespace makerscore {

// What a report holds besides the result itself.
struct ReportOptions {
  // Only this entity's scorecard (its id); "" for the cohort overview and
  // every scorecard.
  std::string entity;
  // An uncertainty analysis of the same result (AnalyseUncertainty), for each
  // scorecard's rank interval and grade probabilities; nullptr for none.
  const UncertaintyResult* uncertainty = nullptr;
};

// One self-contained HTML page (no script, font, image or style from
// elsewhere; the charts are inline SVG), in the rule file's language with the
// report's own labels in Chinese and English, printable on A4 and readable
// on a phone. Without options.entity: the cohort overview (the ranked table,
// the grade distribution, every total split by first-level indicator, each
// indicator's points across the cohort, data-quality findings) followed by
// every scorecard, each on its own printed page. With it: that entity's
// scorecard alone (total, rank, grade; points against the maximum and the
// cohort median, a radar chart; every indicator's value and how it became
// points; the experts' ratings; the rank interval when uncertainty is given).
// Throws Error for an unknown entity.
std::string HtmlReport(const Result& result, const ReportOptions& options = {});

// Writes a report and returns the files written. A path ending in .html or
// .htm gets HtmlReport(result, options). Any other path is a folder (made if
// missing, its parent must exist): index.html with the overview, linking to
// one scorecard file per entity named by its id (or only the named entity's
// scorecard). Each file is written completely or not at all; throws Error
// naming the file that could not be written.
std::vector<std::string> WriteHtmlReport(const Result& result, const std::string& path,
                                         const ReportOptions& options = {});

}  // namespace makerscore

#endif  // MAKERSCORE_REPORT_H_
