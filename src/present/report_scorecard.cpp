// One makerspace's scorecard in an HTML report.
#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "makerscore/explain.h"
#include "makerscore/grade_margin.h"
#include "makerscore/missing.h"
#include "makerscore/year_on_year.h"
#include "present/html_page.h"
#include "present/report_parts.h"
#include "present/svg_charts.h"
#include "result/common.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

std::string Heading(const Result& r, int i, const CohortFigures& f) {
  const std::string& name = r.entity_names()[i];
  std::string out = "<h2>" + Html(name.empty() ? r.entity_ids()[i] : name) + " <span class=\"muted\">" +
                    Html(r.entity_ids()[i]) + "</span></h2>\n<div class=\"facts\">";
  out += Fact(Label("总分", "total"),
              Fixed(r.total(i), 2) + " <span class=\"en\">/ " + FormatNumber(r.model().rules().total) + "</span>");
  out += Fact(Label("排名", "rank"), r.rank(i) ? std::to_string(r.rank(i)) + " <span class=\"en\">/ " +
                                                     std::to_string(r.ranked_count()) + "</span>"
                                               : "-");
  const RuleSet& rules = r.model().rules();
  if (!rules.grades.empty()) out += Fact(Label("等级", "grade"), GradeBadge(r, i));
  const size_t bonus = rules.bonus.items.size();
  for (size_t a = 0; a < static_cast<size_t>(r.adjustment_points().cols()); ++a) {
    const double p = r.adjustment_points()(i, static_cast<Eigen::Index>(a));
    if (!(p > 0)) continue;
    const Adjustment& item = a < bonus ? rules.bonus.items[a] : rules.deductions.items[a - bonus];
    out += Fact(
        a < bonus ? Label("加分", "bonus") + " " + Html(item.name) : Label("扣分", "deduction") + " " + Html(item.name),
        (a < bonus ? "+" : "-") + Fixed(p, 2));
  }
  // Last year (given last year's result): its place, total and grade then, and the move since.
  if (r.previous_result()) {
    const YearOnYear y = YearOnYearOf(r, i);
    std::string last = Label("上年结果中无此单位", "not in last year's result");
    if (y.listed) {
      last = (y.last_rank ? "第 " + std::to_string(y.last_rank) + " 名" : std::string("未排名")) + " · " +
             (std::isnan(y.last_total) ? std::string("-") : Fixed(y.last_total, 2) + " 分") +
             (y.last_grade.empty() ? "" : " · " + Html(y.last_grade));
      if (y.ranked_both || !std::isnan(y.total_change)) {
        last += " <span class=\"en\">(" + Label("名次", "rank") + " " + MoveText(y) +
                (std::isnan(y.total_change) ? std::string()
                                            : "，" + Label("总分", "total") + " " + (y.total_change > 0 ? "+" : "") +
                                                  Fixed(y.total_change, 2)) +
                ")</span>";
      }
    }
    out += Fact(Label("上年", "last year"), "<span class=\"last-year\">" + last + "</span>");
  }
  out += "</div>\n";
  // Why this grade: how far the total lies from the grade above and from its own cut-off.
  if (const GradeMargin m = MarginOf(r, i, f.grade_cutoffs);
      m.by_total && (!m.next_up.empty() || !m.next_down.empty())) {
    std::vector<std::string> parts;
    if (!m.next_up.empty()) {
      parts.push_back(Label("距“" + Html(m.next_up) + "”还差 " + FormatNumber(m.to_next_up, 4) + " 分",
                            FormatNumber(m.to_next_up, 4) + " points short of " + Html(m.next_up)));
    }
    if (!m.next_down.empty()) {
      parts.push_back(Label("高出“" + Html(r.grade(i)) + "”的分界 " + FormatNumber(m.above_cutoff, 4) + " 分",
                            FormatNumber(m.above_cutoff, 4) + " points above its grade's cut-off"));
    }
    if (m.near) parts.push_back("<b>" + Label("接近等级分界", "near a grade boundary") + "</b>");
    out += "<p class=\"note\" id=\"grade-margin\">" + Join(parts, "；") + "</p>\n";
  }
  // What keeps the makerspace out of the ranking, or its grade down.
  if (const int g = r.direct_grade(i); g >= 0 && !r.grade(i).empty()) {
    out += "<p class=\"note\">" + Label("直接认定", "Graded directly") + ": " + Html(rules.grades[g].label) + " (" +
           Html(rules.grades[g].when) + ") — " +
           Label("不按总分和排名评级，也不计入按比例评级的基数",
                 "not by its total or rank, and not counted in the grades' shares") +
           "</p>\n";
  }
  for (int v : r.vetoes(i)) {
    out += "<p class=\"warning\">" + Label("一票否决", "Veto") + ": " + Html(rules.vetoes[v].name) + " — " +
           detail::VetoOutcome(rules, rules.vetoes[v]) + "</p>\n";
  }
  for (const CellProblem& p : r.set_aside(i)) {
    out += "<p class=\"warning\">" +
           Label("数据不可用，未排名、未评级", "A cell of the data cannot be used: not ranked or graded") + ": " +
           SetAsideCell(p) + "</p>\n";
  }
  if (r.flags()(i, 0) & kFlagNotScored) {
    out += "<p class=\"warning\">" + Label("缺少必需数据，无总分", "Required data is missing: no total") + "</p>\n";
  }
  // The figures it did not report, and what they cost against those who did.
  std::vector<std::string> missing;
  for (std::size_t k : f.missing_of[i]) {  // not a scan of the cohort's list per scorecard
    const MissingValue& m = f.missing[k];
    const double cost = m.reported_median - m.points;
    missing.push_back(Html(r.model().nodes()[m.node].id) + " " + Html(r.model().nodes()[m.node].name) +
                      (cost > 0 ? "（少得约 " + Fixed(cost, 2) + " 分）" : std::string()));
  }
  if (!missing.empty()) {
    out += "<p class=\"warning\" id=\"not-reported\">" +
           Label("未填报 " + std::to_string(missing.size()) + " 项", "Not reported") + "：" + Join(missing, "；") +
           "<br/><span class=\"note\">" +
           Label("少得：已填报单位得分的中位数减去本单位得分",
                 "cost: the median points of those who reported it, minus this makerspace's") +
           "</span></p>\n";
  }
  return out;
}

// "未填报 · " before the points of an indicator whose value is missing from the data (an empty cell, no
// rating), so that a missing figure never reads as a real 0.
std::string NotReported(const Result& r, int i, int k) {
  if (!MissingFromData(r.flags()(i, k)) || !r.model().nodes()[k].children.empty()) return "";
  return "<span class=\"missing\">" + Label("未填报", "not reported") + "</span> · ";
}

// A table of nodes' points as bars against the maximum, with the cohort median as a tick.
std::string PointsTable(const Result& r, int i, const CohortFigures& f, const std::vector<int>& nodes_shown,
                        const std::string& id) {
  const auto& nodes = r.model().nodes();
  std::string out = "<table class=\"points-chart\" id=\"" + id + "\"><thead><tr><th class=\"name\">" +
                    Label("指标", "indicator") + "</th><th class=\"chart\">" +
                    Label("得分 · 中位数", "points · median") + "</th><th class=\"num\">" +
                    Label("得分/满分", "points/max") + "</th></tr></thead><tbody>\n";
  for (int k : nodes_shown) {
    const auto [value, most] = Gauge(r, i, k);
    const std::string words =
        nodes[k].id + ": " + Fixed(value, 2) + " of " + Fixed(most, 2) + ", cohort median " + Fixed(f.median[k], 2);
    out += "<tr class=\"level" + std::to_string(nodes[k].depth) + "\"><td class=\"name\">" + NodeName(nodes[k]) +
           "</td><td class=\"chart\">" +
           BarSvg({{value, nodes[k].depth == 1 ? "#0072B2" : "#56B4E9"}}, most, f.median[k], words) +
           "</td><td class=\"num\">" + NotReported(r, i, k) + Fixed(value, 2) + " / " + FormatNumber(most) +
           "</td></tr>\n";
  }
  return out + "</tbody></table>";
}

// The radar and the bars of the first-level indicators side by side, then the bars of the second level.
std::string PointsCharts(const Result& r, int i, const CohortFigures& f) {
  const auto& nodes = r.model().nodes();
  std::vector<std::string> axes;
  std::vector<double> own, median;
  for (int c : nodes[0].children) {
    const auto [value, most] = Gauge(r, i, c);
    axes.push_back(nodes[c].name);
    own.push_back(most > 0 ? value / most : 0);
    median.push_back(most > 0 ? f.median[c] / most : 0);
  }
  const std::string n = std::to_string(i + 1);
  std::string out = "<div class=\"two\"><div>" +
                    RadarSvg("radar-" + n, axes, own, median, "本单位 this makerspace", "全体中位数 cohort median") +
                    "</div><div class=\"scroll\">" + PointsTable(r, i, f, nodes[0].children, "points-" + n) +
                    "</div></div>\n";
  std::vector<int> second;
  for (int k = 1; k < static_cast<int>(nodes.size()); ++k) {
    if (nodes[k].depth == 1 || nodes[k].depth == 2) second.push_back(k);
  }
  if (second.size() > nodes[0].children.size()) {
    out += "<h3>" + Label("各项指标得分", "Points of every indicator") + "</h3>\n<div class=\"scroll\">" +
           PointsTable(r, i, f, second, "indicators-" + n) + "</div>\n";
  }
  return out + "<p class=\"note\">" + Label("竖线为全体中位数", "The tick marks the cohort median") + ".</p>\n";
}

// Explain()'s account of one indicator without its two heading lines (the entity and the indicator,
// shown beside it), one level less indented.
std::string Trace(const Result& r, int i, const Node& node, ExpertNames experts) {
  ExplainOptions how;
  how.experts = experts;
  std::istringstream lines(Explain(r, r.entity_ids()[i], node.id, how));
  std::string line, out;
  for (int n = 0; std::getline(lines, line); ++n) {
    if (n >= 2) out += line.substr(std::min({line.find_first_not_of(' '), size_t{2}, line.size()})) + "\n";
  }
  return out;
}

std::string Details(const Result& r, int i, ExpertNames experts) {
  const auto& nodes = r.model().nodes();
  std::string out = "<h3>" + Label("指标明细：数值与计分过程", "Every indicator: its value and how it became points") +
                    "</h3>\n<div class=\"scroll\"><table class=\"details\"><thead><tr><th>" +
                    Label("指标", "indicator") + "</th><th class=\"num\">" + Label("得分/满分", "points/max") +
                    "</th><th>" + Label("计分过程", "how") + "</th></tr></thead><tbody>\n";
  for (int k = 1; k < static_cast<int>(nodes.size()); ++k) {
    if (!nodes[k].children.empty()) {
      if (nodes[k].depth == 1) out += "<tr class=\"level1\"><td colspan=\"3\">" + NodeName(nodes[k]) + "</td></tr>\n";
      continue;
    }
    const auto [value, most] = Gauge(r, i, k);
    out += "<tr><td class=\"name\">" + NodeName(nodes[k]) + "</td><td class=\"num\">" + NotReported(r, i, k) +
           Fixed(value, 2) + " / " + FormatNumber(most) + "</td><td><pre class=\"trace\">" +
           Html(Trace(r, i, nodes[k], experts)) + "</pre></td></tr>\n";
  }
  return out + "</tbody></table></div>\n";
}

// The experts' ratings of entity i, an expert to a column (named as `names` says; none for kCombinedOnly).
std::string ExpertRatings(const Result& r, int i, ExpertNames names) {
  const Ratings* ratings = r.ratings();
  if (!ratings) return "";
  const auto& nodes = r.model().nodes();
  std::map<std::pair<int, int>, std::string> given;  // (node, expert label) -> rating
  std::vector<int> experts;
  for (int k = 1; k < static_cast<int>(nodes.size()); ++k) {
    for (std::size_t j : r.ratings_of(i, k)) {
      const int expert = ratings->codes(Ratings::kExpert)[j];
      given[{k, expert}] = ratings->label(Ratings::kValue, j);
      if (std::find(experts.begin(), experts.end(), expert) == experts.end()) experts.push_back(expert);
    }
  }
  if (given.empty()) return "";
  std::sort(experts.begin(), experts.end(),
            [&](int a, int b) { return ratings->labels(Ratings::kExpert)[a] < ratings->labels(Ratings::kExpert)[b]; });
  if (names == ExpertNames::kCombinedOnly) experts.clear();
  std::string out = "<h3>" + Label("专家评分", "The experts' ratings") +
                    "</h3>\n<div class=\"scroll\"><table class=\"ratings cards\"><thead><tr><th>" +
                    Label("指标", "indicator") + "</th>";
  std::vector<std::string> heads;  // each expert's column head, HTML
  for (int x : experts) {
    heads.push_back(names == ExpertNames::kNumbered ? "专家" + std::to_string(ExpertNumber(*ratings, x))
                                                    : Html(ratings->labels(Ratings::kExpert)[x]));
    out += "<th>" + heads.back() + "</th>";
  }
  out += "<th class=\"num\">" + Label("综合", "combined") + "</th><th class=\"num\">" +
         Label("得分/满分", "points/max") + "</th></tr></thead><tbody>\n";
  for (int k = 1; k < static_cast<int>(nodes.size()); ++k) {
    if (nodes[k].kind != NodeKind::kQualitative) continue;
    out += "<tr><td class=\"name lead\">" + NodeName(nodes[k]) + "</td>";
    for (size_t e = 0; e < experts.size(); ++e) {  // on a phone, a card: "专家1 良  专家2 优 ..." on a line
      auto it = given.find({k, experts[e]});
      out += "<td class=\"inline\" data-label=\"" + heads[e] + "\">" +
             (it == given.end() ? std::string("-") : Html(it->second)) + "</td>";
    }
    const auto [value, most] = Gauge(r, i, k);
    std::string flag = (r.flags()(i, k) & kFlagDisagreement) ? " <span class=\"grade\" style=\"background:#d55e00\">" +
                                                                   Label("分歧", "disagree") + "</span>"
                                                             : "";
    out += "<td class=\"num inline\" data-label=\"综合\">" + Fixed(100 * r.values()(i, k), 1) + "%" + flag +
           "</td><td class=\"num inline\" data-label=\"得分/满分\">" + Fixed(value, 2) + " / " + FormatNumber(most) +
           "</td></tr>\n";
  }
  return out + "</tbody></table></div>\n<p class=\"note\">" +
         Label("综合为按规则合并后的评分占满分比例",
               "Combined: the ratings merged as the rule file says, as a share of full marks") +
         ".</p>\n";
}

// An uncertain input in words ("method of 3.1" -> "3.1 名称的计分方法"), in the rule file's language.
std::string InputInWords(const Result& r, const std::string& input, Say say) {
  auto node_named = [&](const std::string& id) {
    const int k = r.model().FindNode(id);
    return k < 0 ? id : r.model().nodes()[k].id + " " + r.model().nodes()[k].name;
  };
  for (const char* prefix : {"method of ", "aggregation of "}) {
    if (input.rfind(prefix, 0) != 0) continue;
    const std::string node = node_named(input.substr(std::string_view(prefix).size()));
    return prefix[0] == 'm' ? say(node + "的计分方法", "the scoring method of " + node)
                            : say(node + "的合成方法", "how " + node + " combines its children");
  }
  if (input == "missing") return say("缺失数据的处理规则", "the missing-data rule");
  if (input == "winsorisation") return say("离群值缩尾的个数", "how many outliers are winsorised");
  if (input == "experts (bootstrap)") return say("专家组成（有放回重抽样）", "the panel of experts (resampled)");
  if (input == "experts (leave one out)") {
    return say("专家组成（逐一剔除一位专家）", "the panel of experts (each left out in turn)");
  }
  if (input == "weights") return say("指标权重", "the weights");
  return input;
}

std::string Stability(const Result& r, int i, const UncertaintyResult* u) {
  if (!u) return "";
  const Say say{r.model().rules().language == Language::kChinese};
  const auto it = std::find(u->entity_ids.begin(), u->entity_ids.end(), r.entity_ids()[i]);
  if (it == u->entity_ids.end()) return "";
  const EntityUncertainty& e = u->entities[it - u->entity_ids.begin()];
  const double n = static_cast<double>(u->entity_ids.size());
  const std::string replications = std::to_string(u->totals.rows());
  std::vector<std::string> inputs;
  for (const std::string& input : u->inputs) inputs.push_back(InputInWords(r, input, say));
  std::string out = "<h3>" + Label("排名稳定性", "How stable the rank is") +
                    "</h3>\n<p class=\"note\" id=\"varying\">" +
                    Html(say("重复计算 " + replications + " 次，每次随机变化：" + Join(inputs, "；") + "。",
                             replications + " replications, each varying " + Join(inputs, "; ") + ".")) +
                    "</p>\n<div class=\"scroll\"><table class=\"stability\"><tbody>\n";
  out += "<tr><td>" + Label("排名中位数", "median rank") + "</td><td class=\"num\">" + Fixed(e.median_rank, 1) +
         "</td><td class=\"chart\" rowspan=\"2\">" +
         RangeSvg(e.rank_p05, e.rank_p95, e.median_rank, n,
                  "rank interval " + Fixed(e.rank_p05, 0) + " to " + Fixed(e.rank_p95, 0) + " of " + Fixed(n, 0)) +
         "<span class=\"note\">1 — " + Fixed(n, 0) + "</span></td></tr>\n";
  out += "<tr><td>" + Label("90% 排名区间", "90% rank interval") + "</td><td class=\"num\">" + Fixed(e.rank_p05, 0) +
         " – " + Fixed(e.rank_p95, 0) + "</td></tr>\n";
  for (size_t g = 0; g < e.grade_probability.size(); ++g) {
    if (e.grade_probability[g] <= 0) continue;
    const std::string label = g < u->grades.size() ? u->grades[g] : "-";
    out += "<tr><td>" + Label("等级", "grade") + " " + Html(label) + "</td><td class=\"num\">" +
           Fixed(100 * e.grade_probability[g], 1) + "%</td><td class=\"chart\">" +
           BarSvg({{e.grade_probability[g], GradeColor(static_cast<int>(g), static_cast<int>(u->grades.size()))}}, 1,
                  std::nan(""), label + " " + Fixed(100 * e.grade_probability[g], 1) + "%") +
           "</td></tr>\n";
  }
  out += "</tbody></table></div>\n";
  // A grade the replications often do not give: the same boundary, seen through the uncertain inputs.
  const int own = r.grade_index(i);
  const size_t slot = own >= 0 ? static_cast<size_t>(own) : u->grades.size();  // the last: no grade
  if (slot < e.grade_probability.size() && e.grade_probability[slot] < 0.9) {
    const std::string p = Fixed(100 * e.grade_probability[slot], 1) + "%";
    out += "<p class=\"warning\" id=\"grade-unstable\">" +
           Label("等级不稳定：" + (own >= 0 ? "“" + Html(r.grade(i)) + "”" : std::string("无等级")) + "的概率为 " + p +
                     "，低于 90%",
                 "The grade is not stable: P(" + (own >= 0 ? Html(r.grade(i)) : std::string("no grade")) + ") = " + p +
                     ", below 90%") +
           "</p>\n";
  }
  return out;
}

}  // namespace

std::string ScorecardSection(const Result& r, int i, const CohortFigures& f, const ReportOptions& o) {
  return "<section class=\"scorecard\" id=\"scorecard-" + std::to_string(i + 1) + "\" data-entity=\"" +
         Html(r.entity_ids()[i]) + "\">\n<p class=\"muted\">" + Html(ReportTitle(r.model().rules())) +
         (r.model().rules().report && !r.model().rules().report->issuer.empty()
              ? " · " + Html(r.model().rules().report->issuer)
              : std::string()) +
         " · " + Label("单位评分卡", "Scorecard") + "</p>\n" + Heading(r, i, f) + PointsCharts(r, i, f) +
         ExpertRatings(r, i, o.experts) + Stability(r, i, o.uncertainty) + Details(r, i, o.experts) + "</section>\n";
}

}  // namespace makerscore::detail
