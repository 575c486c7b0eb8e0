// The data-quality part of a report's overview: findings per indicator naming the makerspaces behind each
// count, the experts' agreement, vetoes and makerspaces not ranked, figures not reported and what they cost, the
// report form's consistency checks.
#include <algorithm>
#include <cmath>
#include <iterator>

#include "makerscore/flags.h"
#include "makerscore/missing.h"
#include "present/html_page.h"
#include "present/report_parts.h"
#include "result/common.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

// The flags the data-quality table counts, with their English labels; the Chinese are the flags' own
// (FlagNamesChinese), the words of explanations in Chinese.
struct FlagColumnLabel {
  Flag flag;
  const char* english;
};
constexpr FlagColumnLabel kQualityFlags[] = {
    {kFlagMissing, "missing"},
    {kFlagImputed, "imputed"},
    {kFlagDivisionByZero, "division by zero"},
    {kFlagTooFewRatings, "too few ratings"},
    {kFlagDisagreement, "experts disagree"},
    {kFlagWinsorised, "outlier treated"},
    {kFlagCapped, "at the scale's limit"},  // normal scoring, not bad data: said under the table
    {kFlagExcluded, "left out"},
};

std::string PValue(double p) { return Html(detail::PValueText(p)); }

// The makerspaces behind a count, by id, each linked to its scorecard: at most 12, then "… N".
std::string Named(const Result& r, const CohortFigures& f, const std::vector<int>& entities) {
  std::vector<std::string> ids;
  for (size_t n = 0; n < entities.size() && n < 12; ++n) ids.push_back(EntityIdLink(r, f, entities[n]));
  if (entities.size() > 12) ids.push_back("… " + std::to_string(entities.size() - 12));
  return "<span class=\"who\">" + Join(ids, " ") + "</span>";
}

// What a missing value lacked, in the rule file's words: "总收入", "上年总收入", "上年数据中无此单位",
// "无有效专家评分", "数据不可用：总收入".
std::string MissingWhat(const Result& r, const MissingValue& m) {
  auto name = [&](const std::string& id) {
    const Field* field = r.model().rules().FindField(id);
    return field && !field->name.empty() ? field->name : id;
  };
  std::vector<std::string> what, unusable;
  if (m.no_row_last_year) what.push_back("上年数据中无此单位");
  for (const std::string& f : m.fields) {
    if (std::find(m.set_aside.begin(), m.set_aside.end(), f) != m.set_aside.end()) {
      unusable.push_back(name(f));
    } else if (f.rfind("prev(", 0) == 0) {
      what.push_back("上年" + name(f.substr(5, f.size() - 6)));
    } else {
      what.push_back(name(f));
    }
  }
  if (r.model().nodes()[m.node].kind == NodeKind::kQualitative && what.empty() && unusable.empty()) {
    what.push_back("无有效专家评分");
  }
  if (!unusable.empty()) what.push_back("数据不可用：" + Join(unusable, "、"));
  return Join(what, "；");
}

}  // namespace

std::string DataQualitySection(const Result& r, const CohortFigures& f) {
  const auto& nodes = r.model().nodes();
  const RuleSet& rules = r.model().rules();
  std::string out = "<h2 id=\"quality\">" + Label("数据质量", "Data quality") + "</h2>\n";
  // Flags per indicator: a row for each indicator with a finding, a column for each kind found.
  const int leaves_and_groups = static_cast<int>(nodes.size());
  // who[k][q]: the makerspaces (in rank order) behind each count.
  std::vector<std::vector<std::vector<int>>> who(leaves_and_groups,
                                                 std::vector<std::vector<int>>(std::size(kQualityFlags)));
  std::vector<bool> column(std::size(kQualityFlags), false);
  for (int k = 1; k < leaves_and_groups; ++k) {
    if (!nodes[k].children.empty()) continue;
    for (size_t q = 0; q < std::size(kQualityFlags); ++q) {
      for (int i : f.order) {
        if (r.flags()(i, k) & kQualityFlags[q].flag) who[k][q].push_back(i);
      }
      column[q] = column[q] || !who[k][q].empty();
    }
  }
  std::string rows;
  for (int k = 1; k < leaves_and_groups; ++k) {
    if (std::all_of(who[k].begin(), who[k].end(), [](const std::vector<int>& w) { return w.empty(); })) continue;
    rows += "<tr><td class=\"name\">" + NodeName(nodes[k]) + "</td>";
    for (size_t q = 0; q < std::size(kQualityFlags); ++q) {
      if (!column[q]) continue;
      const std::vector<int>& w = who[k][q];
      rows += "<td class=\"num named\">" +
              (w.empty() ? std::string("<span class=\"muted\">0</span>") : std::to_string(w.size())) +
              (w.empty() || kQualityFlags[q].flag == kFlagCapped ? "" : Named(r, f, w)) + "</td>";
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
        out += "<th class=\"num\">" + FlagNamesChinese(kQualityFlags[q].flag).front() + "<br/><span class=\"en\">" +
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
  // Every value missing from the data, by makerspace, with what it cost: a blank cell never costs points without
  // a word, and never reads as a real 0.
  const std::vector<MissingValue>& missing = f.missing;
  out += "<h3>" + Label("未填报的数据", "Figures not reported") + "</h3>\n";
  if (missing.empty()) {
    out += "<p>" + Label("无", "None") + ".</p>\n";
  } else {
    out += "<div class=\"scroll\"><table id=\"missing\" class=\"cards\"><thead><tr><th>" + Label("单位", "makerspace") +
           "</th><th class=\"name\">" + Label("指标", "indicator") + "</th><th>" + Label("缺少", "missing") +
           "</th><th class=\"num\">" + Label("得分/满分", "points/max") + "</th><th class=\"num\">" +
           Label("填报者中位数", "reported: median") + "</th><th class=\"num\">" + Label("少得", "cost") +
           "</th></tr></thead><tbody>\n";
    for (size_t k = 0; k < missing.size() && k < 200; ++k) {
      const MissingValue& m = missing[k];
      const double cost = m.reported_median - m.points;
      out += "<tr><td class=\"lead\">" + EntityIdLink(r, f, m.entity) + " " + Html(r.entity_names()[m.entity]) +
             "</td><td class=\"name\" data-label=\"指标\">" + NodeName(nodes[m.node]) +
             "</td><td data-label=\"缺少\">" + Html(MissingWhat(r, m)) +
             "</td><td class=\"num\" data-label=\"得分/满分\">" +
             (std::isnan(m.points) ? Label("不计入", "left out") : FormatNumber(m.points, 2)) + " / " +
             FormatNumber(m.max_points, 2) + "</td><td class=\"num\" data-label=\"填报者中位数\">" +
             (std::isnan(m.reported_median) ? "-" : FormatNumber(m.reported_median, 2)) +
             "</td><td class=\"num\" data-label=\"少得\">" + (cost > 0 ? Fixed(cost, 2) : std::string("-")) +
             "</td></tr>\n";
    }
    if (missing.size() > 200) {
      out += "<tr><td colspan=\"6\">… " + std::to_string(missing.size() - 200) + "</td></tr>\n";
    }
    out += "</tbody></table></div>\n<p class=\"note\">" +
           Label("少得：该指标已填报单位的得分中位数减去本单位得分，作为未填报代价的参考（并非本单位若填报所能得的分）",
                 "Cost: the median points of the makerspaces that reported the indicator, minus this one's points; "
                 "a yardstick, not what it would have earned") +
           ".</p>\n";
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

}  // namespace makerscore::detail
