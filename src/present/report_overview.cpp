// The cohort overview of an HTML report.
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <iterator>

#include "makerscore/grade_margin.h"
#include "makerscore/missing.h"
#include "present/html_page.h"
#include "present/report_parts.h"
#include "present/svg_charts.h"
#include "result/common.h"
#include "util/statistics.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

// The flags the data-quality table counts, with their labels.
struct FlagColumnLabel {
  std::uint16_t flag;
  const char* chinese;
  const char* english;
};
constexpr FlagColumnLabel kQualityFlags[] = {
    {kFlagMissing, "缺失", "missing"},
    {kFlagImputed, "插补", "imputed"},
    {kFlagDivisionByZero, "除数为零", "division by zero"},
    {kFlagTooFewRatings, "评分不足", "too few ratings"},
    {kFlagDisagreement, "专家分歧", "experts disagree"},
    {kFlagWinsorised, "离群值处理", "outlier treated"},
    {kFlagCapped, "按上下限计分", "at the scale's limit"},  // normal scoring, not bad data: said under the table
    {kFlagExcluded, "不计入", "left out"},
};

std::string PValue(double p) { return Html(detail::PValueText(p)); }

std::string EntityCell(const Result& r, const CohortFigures& f, int i) {
  const std::string& name = r.entity_names()[i];
  const std::string text = Html(name.empty() ? r.entity_ids()[i] : name);
  return f.links[i].empty() ? text : "<a href=\"" + Html(f.links[i]) + "\">" + text + "</a>";
}

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

std::string GradeChart(const Result& r) {
  const auto& grades = r.model().rules().grades;
  if (grades.empty()) return "";
  std::vector<int> count(grades.size() + 1, 0);  // the last: no grade
  for (int i = 0; i < r.entity_count(); ++i) {
    const auto it = std::find_if(grades.begin(), grades.end(), [&](const Grade& g) { return g.label == r.grade(i); });
    ++count[it - grades.begin()];
  }
  const int most = *std::max_element(count.begin(), count.end());
  std::string out = "<h2 id=\"grades\">" + Label("等级分布", "Grade distribution") +
                    "</h2>\n<div class=\"scroll\"><table id=\"grade-chart\"><thead><tr><th>" + Label("等级", "grade") +
                    "</th><th class=\"num\">" + Label("分界", "cut-off") + "</th><th class=\"num\">" +
                    Label("数量", "count") + "</th><th class=\"num\">" + Label("占比", "share") +
                    "</th><th></th></tr></thead><tbody>\n";
  const int n = static_cast<int>(grades.size());
  const std::vector<double> cutoffs = GradeCutoffs(r);  // once per report (GradeChart runs once)
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
  out += "</tbody></table></div>\n";
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
    near += "<li><b>" + Html(r.entity_ids()[i]) + "</b> " + Html(r.entity_names()[i]) + " (" + Html(r.grade(i)) +
            ") — " + how + "</li>\n";
  }
  if (!near.empty()) {
    out += "<p class=\"note\">" +
           Label("接近等级分界（" + FormatNumber(BoundaryMargin(r.model().rules()), 4) + " 分以内）",
                 "Near a grade boundary (boundary_margin)") +
           "</p>\n<ul id=\"near-boundary\">\n" + near + "</ul>\n";
  }
  return out;
}

std::string RankingTable(const Result& r, const CohortFigures& f) {
  const auto& nodes = r.model().nodes();
  std::string out = "<h2 id=\"ranking\">" + Label("排名", "Ranking") +
                    "</h2>\n<div class=\"scroll\"><table id=\"ranking-table\"><thead><tr><th class=\"num\">" +
                    Label("排名", "rank") + "</th><th>" + Label("编号", "id") + "</th><th>" + Label("名称", "name") +
                    "</th><th class=\"num\">" + Label("总分", "total") + "</th>";
  const bool graded = !r.model().rules().grades.empty();
  if (graded) out += "<th>" + Label("等级", "grade") + "</th>";
  for (int c : nodes[0].children) {
    out += "<th class=\"num\">" + NodeName(nodes[c]) + Html(ShownMaximum(r, c)) + "</th>";
  }
  out += "</tr></thead><tbody>\n";
  for (int i : f.order) {
    out += "<tr data-entity=\"" + Html(r.entity_ids()[i]) + "\"><td class=\"num\">" +
           (r.rank(i) ? std::to_string(r.rank(i)) : "-") + "</td><td>" + Html(r.entity_ids()[i]) + "</td><td>" +
           EntityCell(r, f, i) + "</td><td class=\"num\"><b>" + Fixed(r.total(i), 2) + "</b></td>" +
           (graded ? "<td>" + GradeBadge(r, i) + "</td>" : "");
    for (int c : nodes[0].children) out += "<td class=\"num\">" + Fixed(ShownValue(r, i, c), 2) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody></table></div>\n";
  if (r.model().rules().weighting == Weighting::kRelative) {
    out += "<p class=\"note\">" +
           Label("指标列为按总分量纲折算的得分", "Indicator columns are scores on the total's scale") + " (0-" +
           FormatNumber(r.model().rules().total) + ").</p>\n";
  }
  return out;
}

std::string SplitChart(const Result& r, const CohortFigures& f) {
  const auto& nodes = r.model().nodes();
  const auto& first = nodes[0].children;
  std::string out =
      "<h2 id=\"split\">" + Label("总分构成", "Each total by first-level indicator") + "</h2>\n<div class=\"legend\">";
  for (size_t c = 0; c < first.size(); ++c) {
    out += "<span><i style=\"background:" + SeriesColor(static_cast<int>(c)) + "\"></i>" + NodeName(nodes[first[c]]) +
           "</span>";
  }
  out += "</div>\n<div class=\"scroll\"><table id=\"split-chart\"><thead><tr><th class=\"num\">" +
         Label("排名", "rank") + "</th><th>" + Label("名称", "name") + "</th><th></th><th class=\"num\">" +
         Label("指标得分", "points") + "</th></tr></thead><tbody>\n";
  for (int i : f.order) {
    std::vector<Segment> parts;
    std::string words = r.entity_ids()[i] + ":";
    for (size_t c = 0; c < first.size(); ++c) {
      const double p = r.points()(i, first[c]);
      parts.push_back({p, SeriesColor(static_cast<int>(c))});
      words += " " + nodes[first[c]].id + " " + Fixed(p, 2);
    }
    out += "<tr data-entity=\"" + Html(r.entity_ids()[i]) + "\"><td class=\"num\">" +
           (r.rank(i) ? std::to_string(r.rank(i)) : "-") + "</td><td>" + EntityCell(r, f, i) +
           "</td><td class=\"chart\">" + BarSvg(parts, Gauge(r, i, 0).second, std::nan(""), words) +
           "</td><td class=\"num\">" + Fixed(r.points()(i, 0), 2) + "</td></tr>\n";
  }
  return out + "</tbody></table></div>\n<p class=\"note\">" +
         Label("条形为各一级指标得分之和，不含加分、扣分",
               "Bars add up the first-level indicators' points, without bonus or deductions") +
         ".</p>\n";
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

std::string DataQuality(const Result& r, const CohortFigures& f) {
  const auto& nodes = r.model().nodes();
  const RuleSet& rules = r.model().rules();
  std::string out = "<h2 id=\"quality\">" + Label("数据质量", "Data quality") + "</h2>\n";
  // Flags per indicator: a row for each indicator with a finding, a column for each kind found.
  const int leaves_and_groups = static_cast<int>(nodes.size());
  std::vector<std::vector<int>> count(leaves_and_groups, std::vector<int>(std::size(kQualityFlags), 0));
  std::vector<bool> column(std::size(kQualityFlags), false);
  for (int k = 1; k < leaves_and_groups; ++k) {
    if (!nodes[k].children.empty()) continue;
    for (size_t q = 0; q < std::size(kQualityFlags); ++q) {
      for (int i = 0; i < r.entity_count(); ++i) count[k][q] += (r.flags()(i, k) & kQualityFlags[q].flag) != 0;
      column[q] = column[q] || count[k][q] > 0;
    }
  }
  std::string rows;
  for (int k = 1; k < leaves_and_groups; ++k) {
    if (std::all_of(count[k].begin(), count[k].end(), [](int n) { return n == 0; })) continue;
    rows += "<tr><td class=\"name\">" + NodeName(nodes[k]) + "</td>";
    for (size_t q = 0; q < std::size(kQualityFlags); ++q) {
      if (!column[q]) continue;
      rows += "<td class=\"num\">" +
              (count[k][q] ? std::to_string(count[k][q]) : std::string("<span class=\"muted\">0</span>")) + "</td>";
    }
    rows += "</tr>\n";
  }
  out += "<h3>" + Label("各指标的数据问题", "Findings per indicator (makerspaces affected)") + "</h3>\n";
  if (rows.empty()) {
    out +=
        "<p id=\"quality-flags\">" +
        Label("未发现缺失、插补、离群或专家分歧", "No missing, imputed or outlying values and no expert disagreement") +
        ".</p>\n";
  } else {
    out += "<div class=\"scroll\"><table id=\"quality-flags\"><thead><tr><th class=\"name\">" +
           Label("指标", "indicator") + "</th>";
    for (size_t q = 0; q < std::size(kQualityFlags); ++q) {
      if (column[q])
        out += "<th class=\"num\">" + std::string(kQualityFlags[q].chinese) + "<br/><span class=\"en\">" +
               kQualityFlags[q].english + "</span></th>";
    }
    out += "</tr></thead><tbody>\n" + rows + "</tbody></table></div>\n";
    const auto capped =
        static_cast<size_t>(std::find_if(std::begin(kQualityFlags), std::end(kQualityFlags),
                                         [](const FlagColumnLabel& l) { return l.flag == kFlagCapped; }) -
                            std::begin(kQualityFlags));
    if (column[capped]) {
      out += "<p class=\"note\">" +
             Label("“按上下限计分”是正常计分：数值超出评分区间（如增长率高于满分线）时按满分或零分计，不是数据问题",
                   "'At the scale's limit' is normal scoring: a value beyond the scale (a growth rate above the "
                   "full-points mark) earns full points or none; it is not bad data") +
             ".</p>\n";
    }
  }
  // The experts' agreement.
  std::string agreement;
  for (int k = 1; k < static_cast<int>(nodes.size()); ++k) {
    if (nodes[k].kind != NodeKind::kQualitative) continue;
    const IndicatorStats& s = r.stats()[k];
    agreement += "<tr><td class=\"name\">" + NodeName(nodes[k]) + "</td><td class=\"num\">" + Fixed(s.agreement_w, 3) +
                 "</td><td class=\"num\">" + PValue(s.agreement_p) + "</td></tr>\n";
  }
  if (!agreement.empty()) {
    out += "<h3>" + Label("专家意见一致性", "The experts' agreement") + "</h3>\n<p class=\"note\">" +
           Label("肯德尔和谐系数 W：0 为毫无一致，1 为完全一致；p 为无一致性假设下的概率",
                 "Kendall's W over the makerspaces: 0 no agreement, 1 complete; p under the hypothesis of none") +
           ".</p>\n<div class=\"scroll\"><table id=\"agreement\"><thead><tr><th>" + Label("指标", "indicator") +
           "</th><th class=\"num\">W</th><th class=\"num\">p</th></tr></thead><tbody>\n" + agreement +
           "</tbody></table></div>\n";
  }
  // Makerspaces with a veto, set-aside cells, or no total.
  std::string items;
  for (int i : f.order) {
    const std::string who = "<b>" + Html(r.entity_ids()[i]) + "</b> " + EntityCell(r, f, i) + ": ";
    if (const int g = r.direct_grade(i); g >= 0 && !r.grade(i).empty()) {
      items += "<li>" + who + Label("直接认定", "graded directly") + " — " + Html(rules.grades[g].label) + " (" +
               Html(rules.grades[g].when) + ")</li>\n";
    }
    for (int v : r.vetoes(i)) {
      items += "<li>" + who + Label("一票否决", "veto") + " — " + Html(rules.vetoes[v].name) + " (" +
               detail::VetoOutcome(rules, rules.vetoes[v]) + ")</li>\n";
    }
    for (const CellProblem& p : r.set_aside(i)) {
      items += "<li>" + who + Label("数据不可用，未排名", "a cell set aside, not ranked") + " — " + SetAsideCell(p) +
               "</li>\n";
    }
    if (r.flags()(i, 0) & kFlagNotScored) {
      items += "<li>" + who + Label("缺少必需数据，无总分", "required data missing, no total") + "</li>\n";
    }
  }
  // Those the rule file's screening left out of the cohort before scoring.
  if (const Screening* s = r.screening()) {
    for (int e : s->removed()) {
      const EntityAvailability& a = s->entities[static_cast<size_t>(e)];
      const std::string share = std::to_string(a.indicators - a.missing) + "/" + std::to_string(a.indicators);
      items += "<li><b>" + Html(a.id) + "</b> " + Html(a.name) + ": " +
               Label("数据不足，未参评（" + share + " 项指标有数据）", "screened out before scoring") + " — " +
               Html(s->Reason(e)) + "</li>\n";
    }
  }
  out += "<h3>" + Label("否决与未排名", "Vetoes and makerspaces not ranked") + "</h3>\n";
  out += items.empty() ? "<p>" + Label("无", "None") + ".</p>\n" : "<ul id=\"not-ranked\">\n" + items + "</ul>\n";
  // Every value missing from the data, by makerspace: a blank cell never costs points without a word.
  const std::vector<MissingValue> missing = MissingValues(r);
  out += "<h3>" + Label("未填报的数据", "Figures not reported") + "</h3>\n";
  if (missing.empty()) {
    out += "<p>" + Label("无", "None") + ".</p>\n";
  } else {
    out += "<ul id=\"missing\">\n";
    for (size_t k = 0; k < missing.size() && k < 200; ++k) {
      out += "<li>" + Html(DescribeMissing(r, missing[k])) + "</li>\n";
    }
    if (missing.size() > 200) out += "<li>… " + std::to_string(missing.size() - 200) + "</li>\n";
    out += "</ul>\n";
  }
  // The report form's consistency checks.
  out += "<h3>" + Label("报表一致性检查", "Consistency checks of the report form") + "</h3>\n";
  if (rules.checks.empty()) {
    out += "<p>" + Label("规则文件未定义一致性检查", "The rule file defines no consistency checks") + ".</p>\n";
  } else if (f.violations.empty()) {
    out += "<p>" + Label("全部通过", "Every report passes all") + " " + std::to_string(rules.checks.size()) + ".</p>\n";
  } else {
    out += "<div class=\"scroll\"><table id=\"violations\"><thead><tr><th class=\"num\">" + Label("行", "row") +
           "</th><th>" + Label("编号", "id") + "</th><th>" + Label("检查", "check") + "</th><th>" +
           Label("问题", "problem") + "</th></tr></thead><tbody>\n";
    for (const Violation& v : f.violations) {
      out += "<tr><td class=\"num\">" + std::to_string(v.row) + "</td><td>" + Html(v.entity) + "</td><td>" +
             Html(v.check) + "</td><td>" + Html(v.message) + "</td></tr>\n";
    }
    out += "</tbody></table></div>\n";
  }
  return out;
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
           " (" + std::to_string(r.entity_count()) + ").</p>\n" + DataQuality(r, f);
  } else {
    out += KeyFigures(r) + GradeChart(r) + RankingTable(r, f) + SplitChart(r, f) + DistributionChart(r, f) +
           DataQuality(r, f);
  }
  return "<section class=\"overview\">\n" + out + "</section>\n";
}

}  // namespace makerscore::detail
