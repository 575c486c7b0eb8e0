// HTML reports: pages assembled from the overview and the scorecards, and
// written to a file or a folder (include/makerscore/report.h).
#include "makerscore/report.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>

#include "makerscore/error.h"
#include "makerscore/grade_margin.h"
#include "makerscore/missing.h"
#include "makerscore/output.h"
#include "makerscore/version.h"
#include "present/html_page.h"
#include "present/report_parts.h"
#include "present/svg_charts.h"
#include "result/common.h"
#include "util/atomic_file.h"
#include "util/statistics.h"
#include "util/text.h"

namespace makerscore {

namespace detail {

CohortFigures Figures(const Result& r, std::vector<std::string> links) {
  CohortFigures f;
  f.order = RankOrder(r);
  f.links = std::move(links);
  f.grade_cutoffs = GradeCutoffs(r);
  const int nodes = static_cast<int>(r.model().nodes().size());
  f.median.assign(nodes, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> shown;
  for (int k = 0; k < nodes; ++k) {
    shown.clear();
    for (int i = 0; i < r.entity_count(); ++i) {
      const double v = ShownValue(r, i, k);
      if (!std::isnan(v)) shown.push_back(v);
    }
    std::sort(shown.begin(), shown.end());
    if (!shown.empty()) f.median[k] = Quantile(shown, 0.5);
  }
  f.violations = CheckDataset(r.model(), r.current());
  f.missing = MissingValues(r);
  f.missing_of.resize(r.entity_count());
  for (std::size_t k = 0; k < f.missing.size(); ++k) f.missing_of[f.missing[k].entity].push_back(k);
  return f;
}

std::pair<double, double> Gauge(const Result& r, int i, int k) {
  return {ShownValue(r, i, k), MostShown(r, k, r.entity_class(i))};
}

std::string EntityCell(const Result& r, const CohortFigures& f, int i) {
  const std::string& name = r.entity_names()[i];
  const std::string text = Html(name.empty() ? r.entity_ids()[i] : name);
  return f.links[i].empty() ? text : "<a href=\"" + Html(f.links[i]) + "\">" + text + "</a>";
}

std::string EntityIdLink(const Result& r, const CohortFigures& f, int i) {
  const std::string id = Html(r.entity_ids()[i]);
  return f.links[i].empty()
             ? id
             : "<a href=\"" + Html(f.links[i]) + "\" title=\"" + Html(r.entity_names()[i]) + "\">" + id + "</a>";
}

std::string Fact(const std::string& label, const std::string& value) {
  return "<div class=\"fact\">" + label + "<b>" + value + "</b></div>";
}

std::string MoveText(const YearOnYear& y) {
  if (!y.listed) return "新";
  if (!y.ranked_both) return "-";
  if (y.rank_change == 0) return "0";
  return (y.rank_change > 0 ? "↑" : "↓") + std::to_string(std::abs(y.rank_change));
}

std::string NodeName(const Node& node) { return Html(node.id) + " " + Html(node.name); }

std::string Badge(const std::string& label, int g, int count) {
  return "<span class=\"grade\" style=\"background:" + GradeColor(g, count) + "\">" + Html(label) + "</span>";
}

std::string GradeBadge(const Result& r, int i) {
  const auto& grades = r.model().rules().grades;
  for (size_t k = 0; k < grades.size(); ++k) {
    if (grades[k].label == r.grade(i)) return Badge(r.grade(i), static_cast<int>(k), static_cast<int>(grades.size()));
  }
  return "-";
}

std::string SetAsideCell(const CellProblem& p) {
  return "第 " + std::to_string(p.row) + " 行 <span class=\"en\" lang=\"en\">row " + std::to_string(p.row) +
         "</span>, " + Html(p.message);
}

std::string VetoOutcome(const RuleSet& rules, const Veto& veto) {
  if (veto.exclude) return Label("不参与排名和评级", "not ranked or graded");
  if (detail::OffTheScale(rules, veto.grade)) return Html(veto.grade);
  return Label("等级至多为", "grade at most") + " " + Html(veto.grade);
}

std::string ReportFooter(const Result& r) {
  // The data file's name, not its folder: the report may be sent out.
  const std::string file = std::filesystem::path(r.current().source()).filename().string();
  std::string data = file.empty() ? "" : " · " + Label("数据", "data") + " " + Html(file);
  const std::string& weights = r.model().rules().weights_file;
  const std::string weights_note = weights.empty() ? ""
                                                   : " · " + Label("权重", "weights") + " " +
                                                         Html(std::filesystem::path(weights).filename().string());
  return "<footer>makerscore " + std::string(Version()) + " · " + Label("规则", "rules") + " " +
         Html(r.model().rules().id) + weights_note + data + "</footer>\n";
}

}  // namespace detail

namespace {

// A scorecard's page title: "名称 (编号) · 规则标题".
std::string ScorecardTitle(const Result& r, int i) {
  const std::string& name = r.entity_names()[i];
  return (name.empty() ? r.entity_ids()[i] : name + " (" + r.entity_ids()[i] + ")") + " · " +
         detail::ReportTitle(r.model().rules());
}

// A rule file without indicators (a report form) has no scorecards to write.
void NeedIndicators(const Result& r) {
  if (!detail::HasIndicators(r)) {
    throw Error("the rule file '" + r.model().rules().id + "' has no indicators to score, so no scorecard; " +
                "write the report without --entity or --scorecards-only for the checks of the report forms");
  }
}

int EntityOf(const Result& r, const std::string& id) {
  NeedIndicators(r);
  const int i = r.FindEntity(id);
  if (i < 0) throw Error("no entity '" + id + "' in the data" + detail::DidYouMean(id, r.entity_ids()));
  return i;
}

// One file name per entity from its id: characters a file system refuses become '_'; clashes get -2, -3 ...
std::vector<std::string> FileNames(const Result& r) {
  std::vector<std::string> names;
  std::set<std::string> taken = {"index.html"};
  for (const std::string& id : r.entity_ids()) {
    std::string base;
    for (char c : id)
      base +=
          (static_cast<unsigned char>(c) < 0x20 || std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos)
              ? '_'
              : c;
    if (base.empty() || base[0] == '.') base = "_" + base;
    // A file name holds at most 255 bytes: a longer id is cut (at a character boundary), leaving room for
    // "-12345.html".
    if (base.size() > 200) {
      size_t cut = 200;
      while (cut > 0 && (static_cast<unsigned char>(base[cut]) & 0xC0) == 0x80) --cut;
      base.resize(cut);
    }
    std::string name = base + ".html";
    for (int k = 2; !taken.insert(name).second; ++k) name = base + "-" + std::to_string(k) + ".html";
    names.push_back(name);
  }
  return names;
}

bool EndsWith(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && std::equal(end.rbegin(), end.rend(), s.rbegin(),
                                              [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

}  // namespace

std::string HtmlReport(const Result& r, const ReportOptions& o) {
  if (!o.entity.empty()) {
    const int i = EntityOf(r, o.entity);
    const detail::CohortFigures f = detail::Figures(r, std::vector<std::string>(r.entity_count()));
    return detail::HtmlPage(ScorecardTitle(r, i), detail::ScorecardSection(r, i, f, o) + detail::ReportFooter(r));
  }
  if (o.parts == ReportParts::kScorecards) NeedIndicators(r);
  const bool overview = o.parts != ReportParts::kScorecards;
  const bool scorecards = o.parts != ReportParts::kOverview && detail::HasIndicators(r);
  std::vector<std::string> links;
  links.reserve(r.entity_count());
  for (int i = 0; i < r.entity_count(); ++i) links.push_back(scorecards ? "#scorecard-" + std::to_string(i + 1) : "");
  const detail::CohortFigures f = detail::Figures(r, std::move(links));
  std::string body = overview ? detail::OverviewSection(r, f) : "";
  if (scorecards) {
    for (int i : f.order) body += detail::ScorecardSection(r, i, f, o);
  }
  return detail::HtmlPage(detail::ReportTitle(r.model().rules()), body + detail::ReportFooter(r));
}

std::vector<std::string> WriteHtmlReport(const Result& r, const std::string& path, const ReportOptions& o) {
  // Never over the files the result was computed from, under any spelling.
  std::vector<std::string> inputs = {r.current().source()};
  if (r.previous()) inputs.push_back(r.previous()->source());
  if (r.ratings()) inputs.push_back(r.ratings()->source);
  if (EndsWith(path, ".html") || EndsWith(path, ".htm")) {
    WriteOutputFile(path, HtmlReport(r, o), inputs);
    return {path};
  }
  namespace fs = std::filesystem;
  const std::vector<std::string> names = FileNames(r);
  if (!o.entity.empty()) {  // one page added to (or replaced in) a folder: the other pages stay
    std::error_code error;
    if (fs::exists(path, error) && !fs::is_directory(path, error)) {
      throw Error(path +
                  ": cannot write the report there: it is a file, not a folder (a report file's name ends in .html)");
    }
    if (!fs::exists(path, error) && !fs::create_directory(path, error)) {
      throw Error(path + ": cannot make the report folder: " + error.message() + " (its parent folder must exist)");
    }
    const std::string file = (fs::path(path) / names[EntityOf(r, o.entity)]).string();
    WriteOutputFile(file, HtmlReport(r, o), inputs);
    return {file};
  }
  if (o.parts == ReportParts::kScorecards) NeedIndicators(r);
  const bool scorecards = o.parts != ReportParts::kOverview && detail::HasIndicators(r);
  std::vector<std::pair<std::string, std::string>> files;  // name, text: all made before any is written
  const detail::CohortFigures f = detail::Figures(r, scorecards ? names : std::vector<std::string>(r.entity_count()));
  if (o.parts != ReportParts::kScorecards) {
    files.emplace_back("index.html", detail::HtmlPage(detail::ReportTitle(r.model().rules()),
                                                      detail::OverviewSection(r, f) + detail::ReportFooter(r)));
  }
  for (int i : f.order) {
    if (!scorecards) break;  // a report form: no scorecards
    files.emplace_back(names[i], detail::HtmlPage(ScorecardTitle(r, i),
                                                  detail::ScorecardSection(r, i, f, o) + detail::ReportFooter(r)));
  }
  // The whole folder at once: never index.html linking to pages that are missing, nor last year's pages mixed in.
  detail::WriteFolderAtomically(path, files, detail::kGeneratorMarker);
  std::vector<std::string> written;
  written.reserve(files.size());
  for (const auto& file : files) written.push_back((fs::path(path) / file.first).string());
  return written;
}

}  // namespace makerscore
