// The cohort overview of an HTML report.
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <iterator>

#include "makerscore/grade_margin.h"
#include "makerscore/missing.h"
#include "makerscore/year_on_year.h"
#include "present/html_page.h"
#include "present/report_parts.h"
#include "present/svg_charts.h"
#include "result/common.h"
#include "util/statistics.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

std::string KeyFigures(const Result& r) {
  std::vector<double> totals;
  for (int i = 0; i < r.entity_count(); ++i) {
    if (r.rank(i) > 0) totals.push_back(r.total(i));
  }
  std::sort(totals.begin(), totals.end());
  std::string out = "<div class=\"facts\">" + Fact(Label("参评", "entities"), std::to_string(r.entity_count())) +
                    Fact(Label("排名", "ranked"), std::to_string(r.ranked_count()));
  if (!totals.empty()) {
    out += Fact(Label("最高分", "highest"), Fixed(totals.back(), 2)) +
           Fact(Label("中位数", "median"), Fixed(Quantile(totals, 0.5), 2)) +
           Fact(Label("最低分", "lowest"), Fixed(totals.front(), 2));
  }
  return out + "</div>\n";
}

std::string GradeChart(const Result& r, const CohortFigures& f) {
  const auto& grades = r.model().rules().grades;
  if (grades.empty()) return "";
  std::vector<int> count(grades.size() + 1, 0);  // the last: no grade
  for (int i = 0; i < r.entity_count(); ++i) {
    const auto it = std::find_if(grades.begin(), grades.end(), [&](const Grade& g) { return g.label == r.grade(i); });
    ++count[it - grades.begin()];
  }
  const int most = *std::max_element(count.begin(), count.end());
  std::string out = "<h2 id=\"grades\">" + Label("等级分布", "Grade distribution") +
                    "</h2>\n<div class=\"two\"><div class=\"scroll\"><table id=\"grade-chart\"><thead><tr><th>" +
                    Label("等级", "grade") + "</th><th class=\"num\">" + Label("分界", "cut-off") +
                    "</th><th class=\"num\">" + Label("数量", "count") + "</th><th class=\"num\">" +
                    Label("占比", "share") + "</th><th></th></tr></thead><tbody>\n";
  const int n = static_cast<int>(grades.size());
  const std::vector<double>& cutoffs = f.grade_cutoffs;
  for (int g = 0; g <= n; ++g) {
    if (g == n && count[g] == 0) continue;
    const std::string label = g < n ? grades[g].label : "-";
    const std::string color = GradeColor(g, n);  // grey for no grade
    const std::string badge = g < n ? Badge(label, g, n) : Label("无等级", "no grade");
    out +=
        "<tr><td>" + badge + "</td><td class=\"num\">" +
        (g < n && !std::isnan(cutoffs[g]) ? "≥ " + FormatNumber(cutoffs[g], 4) : std::string("-")) +
        "</td><td class=\"num\">" + std::to_string(count[g]) + "</td><td class=\"num\">" +
        Fixed(100.0 * count[g] / std::max(1, r.entity_count()), 1) + "%</td><td class=\"chart\">" +
        BarSvg({{static_cast<double>(count[g]), color}}, most, std::nan(""), label + ": " + std::to_string(count[g])) +
        "</td></tr>\n";
  }
  out += "</tbody></table></div>\n<div>";
  // The makerspaces within the boundary margin of a cut-off: a grade a small change would move.
  std::string near;
  for (int i : RankOrder(r)) {
    const GradeMargin m = MarginOf(r, i, cutoffs);
    if (!m.near) continue;
    const double margin = BoundaryMargin(r.model().rules());
    std::string how;
    if (!m.next_up.empty() && m.to_next_up <= margin) {
      how = Label("距“" + Html(m.next_up) + "”还差 " + FormatNumber(m.to_next_up, 4) + " 分",
                  FormatNumber(m.to_next_up, 4) + " short of " + Html(m.next_up));
    } else {
      how = Label("高出“" + Html(r.grade(i)) + "”的分界 " + FormatNumber(m.above_cutoff, 4) + " 分",
                  FormatNumber(m.above_cutoff, 4) + " above the cut-off");
    }
    near += "<li><b>" + EntityIdLink(r, f, i) + "</b> " + Html(r.entity_names()[i]) + " (" + Html(r.grade(i)) + ") — " +
            how + "</li>\n";
  }
  if (!near.empty()) {
    out += "<p class=\"note\">" +
           Label("接近等级分界（" + FormatNumber(BoundaryMargin(r.model().rules()), 4) + " 分以内）",
                 "Near a grade boundary (boundary_margin)") +
           "</p>\n<ul id=\"near-boundary\">\n" + near + "</ul>\n";
  }
  return out + "</div></div>\n";
}

// The ranked table: rank, name, total, grade, last year's rank and the move since (given last year's result),
// each first-level indicator's points, and the total as a bar split by first-level indicator. Each cell names
// its column (data-label) for the card layout on a phone.
std::string RankingTable(const Result& r, const CohortFigures& f) {
  const auto& nodes = r.model().nodes();
  const auto& first = nodes[0].children;
  const bool graded = !r.model().rules().grades.empty();
  const bool last_year = r.previous_result() != nullptr;
  std::string out = "<h2 id=\"ranking\">" + Label("排名", "Ranking") + "</h2>\n<div class=\"legend\">";
  for (size_t c = 0; c < first.size(); ++c) {
    out += "<span><i style=\"background:" + SeriesColor(static_cast<int>(c)) + "\"></i>" + NodeName(nodes[first[c]]) +
           "</span>";
  }
  out += "</div>\n<div class=\"scroll\"><table id=\"ranking-table\" class=\"cards\"><thead><tr><th class=\"num\">" +
         Label("排名", "rank") + "</th><th>" + Label("编号", "id") + "</th><th class=\"name\">" +
         Label("名称", "name") + "</th><th class=\"num\">" + Label("总分", "total") + "</th>";
  if (graded) out += "<th>" + Label("等级", "grade") + "</th>";
  if (last_year)
    out += "<th class=\"num\">" + Label("上年排名", "last year") + "</th><th class=\"num\">" +
           Label("名次变化", "move") + "</th>";
  for (int c : first) out += "<th class=\"num\">" + NodeName(nodes[c]) + Html(ShownMaximum(r, c)) + "</th>";
  out += "<th class=\"chart\">" + Label("总分构成", "split") + "</th></tr></thead><tbody>\n";
  for (int i : f.order) {
    out += "<tr data-entity=\"" + Html(r.entity_ids()[i]) + "\"><td class=\"num inline\" data-label=\"排名\">" +
           (r.rank(i) ? std::to_string(r.rank(i)) : "-") + "</td><td class=\"inline\" data-label=\"编号\">" +
           Html(r.entity_ids()[i]) + "</td><td class=\"name lead\" data-label=\"名称\">" + EntityCell(r, f, i) +
           "</td><td class=\"num inline\" data-label=\"总分\"><b>" + Fixed(r.total(i), 2) + "</b></td>" +
           (graded ? "<td class=\"inline\" data-label=\"等级\">" + GradeBadge(r, i) + "</td>" : "");
    if (last_year) {
      const YearOnYear y = YearOnYearOf(r, i);
      out += "<td class=\"num inline\" data-label=\"上年排名\">" +
             (!y.listed     ? std::string("-")
              : y.last_rank ? std::to_string(y.last_rank)
                            : std::string("-")) +
             "</td><td class=\"num inline\" data-label=\"名次变化\">" + MoveText(y) + "</td>";
    }
    std::vector<Segment> parts;
    // The bar in words (BarSvg escapes it): "乙: 1 60.00 2 24.00".
    std::string words = (r.entity_names()[i].empty() ? r.entity_ids()[i] : r.entity_names()[i]) + ":";
    for (size_t c = 0; c < first.size(); ++c) {
      const double shown = ShownValue(r, i, first[c]);
      out += "<td class=\"num inline\" data-label=\"" + Html(nodes[first[c]].id + " " + nodes[first[c]].name) + "\">" +
             Fixed(shown, 2) + "</td>";
      parts.push_back({r.points()(i, first[c]), SeriesColor(static_cast<int>(c))});
      words += " " + nodes[first[c]].id + " " + Fixed(r.points()(i, first[c]), 2);
    }
    out += "<td class=\"chart\">" + BarSvg(parts, Gauge(r, i, 0).second, std::nan(""), words) + "</td></tr>\n";
  }
  out += "</tbody></table></div>\n<p class=\"note\">" +
         Label("总分构成条为各一级指标得分之和，不含加分、扣分",
               "The split bar adds up the first-level indicators' points, without bonus or deductions");
  if (r.model().rules().weighting == Weighting::kRelative) {
    out += "; " + Label("指标列为按总分量纲折算的得分", "indicator columns are scores on the total's scale") + " (0-" +
           FormatNumber(r.model().rules().total) + ")";
  }
  if (last_year) {
    out += "; " + Label("名次变化：↑ 上升、↓ 下降、新 为上年结果中没有的单位",
                        "move: ↑ up, ↓ down, 新 not in last year's result");
  }
  return out + ".</p>\n";
}

// Last year's rank against this year's, as a slope chart (given last year's result).
std::string MovementChart(const Result& r, const CohortFigures& f) {
  const PreviousResult* last = r.previous_result();
  if (!last) return "";
  std::vector<Move> moves;
  int last_n = 0, up = 0, down = 0, same = 0, fresh = 0;
  for (double rank : last->ranks) last_n = std::max(last_n, std::isnan(rank) ? 0 : static_cast<int>(rank));
  for (int i : f.order) {
    if (!r.rank(i)) continue;
    const YearOnYear y = YearOnYearOf(r, i);
    const std::string& name = r.entity_names()[i].empty() ? r.entity_ids()[i] : r.entity_names()[i];
    moves.push_back({name + (!y.listed ? " (新)" : y.last_rank ? "" : " (上年未排名)"), y.last_rank, r.rank(i)});
    if (!y.listed)
      ++fresh;
    else if (y.ranked_both)
      (y.rank_change > 0 ? up : y.rank_change < 0 ? down : same) += 1;
  }
  const std::string counts = "上升 " + std::to_string(up) + "，下降 " + std::to_string(down) + "，持平 " +
                             std::to_string(same) + "，新参评 " + std::to_string(fresh);
  return "<div class=\"keep\"><h2 id=\"movement\">" + Label("名次变化", "Rank movement since last year") +
         "</h2>\n<p class=\"note\">" +
         Label(counts, std::to_string(up) + " up, " + std::to_string(down) + " down, " + std::to_string(same) +
                           " same, " + std::to_string(fresh) + " new") +
         " · " + Label("上年结果", "last year's result") + " " +
         Html(std::filesystem::path(last->source).filename().string()) + "</p>\n" +
         SlopeSvg("movement-chart", moves, last_n, r.ranked_count(), "名次变化 rank movement: " + counts) + "</div>\n";
}

std::string DistributionChart(const Result& r, const CohortFigures& f) {
  const auto& nodes = r.model().nodes();
  std::string out = "<h2 id=\"distribution\">" + Label("各指标得分分布", "Each indicator's points across the cohort") +
                    "</h2>\n<p class=\"note\">" +
                    Label("箱线图：得分占该指标满分的比例；箱为四分位区间，竖线为中位数，须为最低至最高",
                          "Box plots of the share of each indicator's maximum earned: the box spans the quartiles, "
                          "the line is the median, the whiskers reach the lowest and highest") +
                    ".</p>\n<div class=\"scroll\"><table id=\"distribution-chart\"><thead><tr><th>" +
                    Label("指标", "indicator") + "</th><th class=\"num\">" + Label("满分", "max") +
                    "</th><th>0% — 100%</th><th class=\"num\">" + Label("中位数", "median") +
                    "</th></tr></thead><tbody>\n";
  std::vector<double> shares;
  for (int k = 1; k < static_cast<int>(nodes.size()); ++k) {
    if (!nodes[k].children.empty()) {
      if (nodes[k].depth == 1) out += "<tr class=\"level1\"><td colspan=\"4\">" + NodeName(nodes[k]) + "</td></tr>\n";
      continue;
    }
    shares.clear();
    for (int i = 0; i < r.entity_count(); ++i) {
      if (!std::isnan(r.scores()(i, k))) shares.push_back(r.scores()(i, k));
    }
    std::sort(shares.begin(), shares.end());
    std::array<double, 5> five;
    five.fill(std::nan(""));
    if (!shares.empty())
      five = {shares.front(), Quantile(shares, 0.25), Quantile(shares, 0.5), Quantile(shares, 0.75), shares.back()};
    const std::string words = nodes[k].id + ": min " + Fixed(100 * five[0], 0) + "%, quartiles " +
                              Fixed(100 * five[1], 0) + "% and " + Fixed(100 * five[3], 0) + "%, median " +
                              Fixed(100 * five[2], 0) + "%, max " + Fixed(100 * five[4], 0) + "%";
    out += "<tr><td class=\"name\">" + NodeName(nodes[k]) + "</td><td class=\"num\">" + Fixed(MostShown(r, k, 0), 2) +
           "</td><td class=\"chart\">" + BoxSvg(five, words) + "</td><td class=\"num\">" + Fixed(f.median[k], 2) +
           "</td></tr>\n";
  }
  return out + "</tbody></table></div>\n";
}

}  // namespace

std::string IssuerHeader(const RuleSet& rules) {
  if (!rules.report) return "<h1>" + Html(rules.title) + "</h1>";
  const ReportInfo& info = *rules.report;
  std::string out = "<h1>" + Html(info.title.empty() ? rules.title : info.title) + "</h1>";
  std::vector<std::string> facts;
  if (!info.issuer.empty()) facts.push_back(Label("发布单位", "issued by") + " " + Html(info.issuer));
  if (!info.year.empty()) facts.push_back(Label("评价年度", "year") + " " + Html(info.year));
  if (!info.date.empty()) facts.push_back(Label("发布日期", "date") + " " + Html(info.date));
  if (!facts.empty()) out += "<p class=\"issuer\">" + Join(facts, " · ") + "</p>";
  if (!info.note.empty()) out += "<p class=\"note\">" + Html(info.note) + "</p>";
  return out;
}

std::string OverviewSection(const Result& r, const CohortFigures& f) {
  const RuleSet& rules = r.model().rules();
  std::string out = "<header id=\"overview\">" + IssuerHeader(rules) + "<p class=\"muted\">" +
                    Label("评价结果总览", "Cohort overview");
  // The indicator system the results follow: by its title on an issued report, else the rule file's source.
  if (rules.report && (!rules.report->title.empty() || !rules.report->issuer.empty())) {
    out += " · " + Label("依据", "based on") + " 《" + Html(rules.title) + "》";
  } else if (!rules.source.empty()) {
    out += " · " + Label("依据", "based on") + " " + Html(rules.source);
  }
  if (!rules.weights_file.empty()) {
    out += " · " + Label("本年度权重", "this year's weights") + " " +
           Html(std::filesystem::path(rules.weights_file).filename().string());
  }
  out += "</p></header>\n";
  if (!HasIndicators(r)) {
    // A report form (Shanxi's): nothing to rank, only the reports to check.
    out += "<p class=\"note\">" +
           Label("规则文件没有评价指标：本报告只列出各单位报表的检查结果",
                 "The rule file has no indicators to score: this report only checks each makerspace's report form") +
           " (" + std::to_string(r.entity_count()) + ").</p>\n" + DataQualitySection(r, f);
  } else {
    out += KeyFigures(r) + GradeChart(r, f) + RankingTable(r, f) + MovementChart(r, f) + DistributionChart(r, f) +
           DataQualitySection(r, f);
  }
  return "<section class=\"overview\">\n" + out + "</section>\n";
}

}  // namespace makerscore::detail
