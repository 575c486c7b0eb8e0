// Explaining one entity's points in words, with every number used.
#include "makerscore/explain.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "cohort/cohort.h"
#include "makerscore/error.h"
#include "makerscore/grade_margin.h"
#include "makerscore/weights.h"
#include "makerscore/year_on_year.h"
#include "result/common.h"
#include "result/explain_leaf.h"
#include "scoring/compiled_model.h"
#include "scoring/steps.h"
#include "util/text.h"
#include "weights/weighting.h"

namespace makerscore {

namespace {

using detail::FormatNumber;
using detail::Say;

std::string Points(double p) { return FormatNumber(p, 4); }

// "3.1 总收入增长 (max 6 points)" / "（满分 6 分）": the most the node can earn for this entity's class.
std::string Heading(const Node& node, double most, Say say) {
  return node.id + " " + node.name + say("（满分 " + Points(most) + " 分）", " (max " + Points(most) + " points)");
}

std::string FlagLine(std::uint16_t flags, Say say) {
  std::vector<std::string> names = say.chinese ? FlagNamesChinese(flags) : FlagNames(flags);
  return names.empty() ? "" : say("  标记：", "  flags: ") + detail::Join(names, say.comma()) + "\n";
}

std::string ExplainCombined(const Result& r, const detail::CompiledModel& m, const Node& node, Say say);

// Last year's outcome (--previous-result) and the change since, or that last year's result lacks the entity.
std::string LastYearLine(const Result& r, int i, Say say) {
  const YearOnYear y = YearOnYearOf(r, i);
  const std::string& file = r.previous_result()->source;
  if (!y.listed) {
    return say("上年：上年结果（" + file + "）中无此单位", "last year: not in last year's result (" + file + ")") +
           "\n";
  }
  const std::string total = std::isnan(y.last_total) ? say("无", "none") : Points(y.last_total);
  const std::string rank = std::to_string(y.last_rank);
  std::string out = say("上年：总分 " + total, "last year: total " + total) +
                    (y.last_rank ? say("，第 " + rank + " 名", ", rank " + rank) : say("，未排名", ", not ranked")) +
                    (y.last_grade.empty() ? say("，无等级", ", no grade") : say("，等级 ", ", grade ") + y.last_grade);
  if (!std::isnan(y.total_change)) {
    const std::string change = std::string(y.total_change > 0 ? "+" : "") + Points(y.total_change);
    out += say("；总分变化 " + change + " 分", "; change " + change + " points");
  }
  if (y.ranked_both) {
    const int moved = std::abs(y.rank_change);
    const std::string places = std::to_string(moved);
    out += y.rank_change == 0 ? say("，名次不变", ", same place")
           : y.rank_change > 0
               ? say("，名次上升 " + places + " 位", ", " + places + (moved == 1 ? " place up" : " places up"))
               : say("，名次下降 " + places + " 位", ", " + places + (moved == 1 ? " place down" : " places down"));
  }
  return out + "\n";
}

// Why this grade: the cohort's cut-offs, and how far the total lies from the grade above and its own.
std::string GradeLines(const Result& r, int i, Say say) {
  const RuleSet& rules = r.model().rules();
  const std::vector<double> cutoffs = GradeCutoffs(r);
  std::vector<std::string> cuts;
  for (size_t k = 0; k < cutoffs.size(); ++k) {
    if (!std::isnan(cutoffs[k])) cuts.push_back(rules.grades[k].label + " " + FormatNumber(cutoffs[k], 4));
  }
  if (cuts.empty()) return "";
  std::string out = say("本次评价各等级分界：" + detail::Join(cuts, "，"),
                        "grade cut-offs in this cohort: " + detail::Join(cuts, ", ")) +
                    "\n";
  const GradeMargin m = MarginOf(r, i, cutoffs);
  if (!m.by_total) return out;
  if (!m.next_up.empty()) {
    const std::string short_by = FormatNumber(m.to_next_up, 4);
    out += say("  距“" + m.next_up + "”还差 " + short_by + " 分", "  " + short_by + " points short of " + m.next_up) +
           "\n";
  }
  if (!m.next_down.empty()) {
    const std::string above = FormatNumber(m.above_cutoff, 4);
    out += say("  高出“" + r.grade(i) + "”的分界 " + above + " 分（低一等级：" + m.next_down + "）",
               "  " + above + " points above the cut-off of " + r.grade(i) + " (below it: " + m.next_down + ")") +
           "\n";
  }
  if (m.near) {
    const std::string margin = FormatNumber(BoundaryMargin(rules), 4);
    out += say("  接近等级分界：距分界不到 " + margin + " 分（boundary_margin）",
               "  near a grade boundary: within " + margin + (BoundaryMargin(rules) == 1 ? " point" : " points") +
                   " of a cut-off (boundary_margin)") +
           "\n";
  }
  return out;
}

// How a group's children's weights were derived, with the shares they got; "" for stated weights.
std::string DerivedWeightsLine(const Result& r, const detail::CompiledModel& m, const Node& node, Say say) {
  if (node.weights_method == WeightsMethod::kCombined) return ExplainCombined(r, m, node, say);
  if (node.weights_method == WeightsMethod::kStated) return "";
  const detail::WeightingDef& how = detail::WeightingOf(node.weights_method);
  std::vector<std::string> shares;
  for (int c : node.children) shares.push_back(m.nodes[c].id + " " + FormatNumber(r.shares()[c], 4));
  const bool spearman = node.weights && node.weights_method == WeightsMethod::kCritic &&
                        node.weights->correlation == Correlation::kSpearman;
  const bool values = node.weights && node.weights->over_values;
  const std::string method = ToString(node.weights_method);
  if (say.chinese) {
    return "  权重由 " + method + " 法" + (spearman ? "（斯皮尔曼相关系数）" : "") +
           (how.from_judgments ? "（两两比较，" + detail::AhpNote(node) + "）"
            : how.from_scores  ? (values ? "按全体单位的数值" : "按全体单位的得分率")
                               : "") +
           "导出：" + detail::Join(shares, "，") + "\n";
  }
  return "  weights derived by " + method + (spearman ? " (Spearman's correlation)" : "") +
         (how.from_judgments ? " (pairwise comparisons, " + detail::AhpNote(node) + ")"
          : how.from_scores  ? (values ? " from the cohort's values" : " from the cohort's scores")
                             : "") +
         ": " + detail::Join(shares, ", ") + "\n";
}

// Combined weights (组合赋权): each child's subjective and objective weight and what they give, the
// objective half derived again from the result's scores exactly as scoring derived it.
std::string ExplainCombined(const Result& r, const detail::CompiledModel& m, const Node& node, Say say) {
  const DerivedWeights& how = *node.weights;
  std::vector<double> subjective, objective;
  for (int c : node.children) subjective.push_back(m.nodes[c].class_share[0]);
  const int k = static_cast<int>(&node - m.nodes.data());
  detail::DataShares(m.nodes, k, subjective, r.scores(), &r.used_values(), &objective);
  const bool product = how.mix == WeightMix::kProduct;
  const std::string formula =
      product ? "w = s x o / sum(s x o)"
              : "w = " + FormatNumber(how.alpha, 4) + " x s + " + FormatNumber(1 - how.alpha, 4) + " x o";
  const std::string subjective_how =
      how.matrices.empty() ? say("按规则所列", "as stated") : "AHP, " + detail::AhpNote(node);
  std::string out =
      say("  组合赋权：主观权重 s（" + subjective_how + "）与客观权重 o（" + ToString(how.objective) +
              (how.over_values ? "，按全体单位的数值），" : "，按全体单位的得分率），") + formula + "：",
          "  weights combined (组合赋权) from the subjective weights s (" + subjective_how +
              ") and the objective weights o (" + ToString(how.objective) +
              (how.over_values ? ", from the cohort's values), " : ", from the cohort's scores), ") + formula + ":") +
      "\n";
  for (size_t j = 0; j < node.children.size(); ++j) {
    const int c = node.children[j];
    out += "    " + m.nodes[c].id + ": s " + FormatNumber(subjective[j], 4) + ", o " + FormatNumber(objective[j], 4) +
           " -> w " + FormatNumber(r.shares()[c], 4) + "\n";
  }
  return out;
}

std::string ExplainNode(const Result& r, int k, int i, ExpertNames names, Say say) {
  const auto& m = detail::Compiled(r.model());
  const Node& node = m.nodes[k];
  const double most = detail::MostPoints(r, k, i);
  if (most == 0 && node.class_max_points.size() > 1) {
    const std::string& which = r.model().rules().classes->labels[r.entity_class(i)];
    return node.id + " " + node.name +
           say("：对“" + which + "”类权重为 0，不计分（不得分，也不算缺失）",
               ": weighted 0 for the class " + which + ", so it does not count (no points, nothing missing)") +
           "\n";
  }
  std::string out = Heading(node, most, say) + "\n";
  int l = m.leaf_of_node[k];
  if (l >= 0) {
    const auto& leaf = m.leaves[l];
    out += detail::ExplainLeaf(r, leaf, i, names, say);
  } else {
    for (int c : node.children) {
      const Node& child = m.nodes[c];
      const std::string got = Points(r.points()(i, c)), of = Points(detail::MostPoints(r, c, i));
      out += "  " + child.id + " " + child.name + say("：" + got + " / " + of + " 分", ": " + got + " of " + of) + "\n";
    }
    out += DerivedWeightsLine(r, m, node, say);
    if (const AggregationTrace* t = r.aggregation_trace(k)) {
      std::vector<std::string> children;
      for (int c : node.children) children.push_back(m.nodes[c].id + " " + m.nodes[c].name);
      out += detail::CohortAggregationOf(node.indicator->aggregate)->explain(*t, i, children, say);
      for (const std::string& note : t->notes) out += "  (" + note + ")\n";
    } else if (node.indicator && node.indicator->aggregate != Aggregation::kArithmetic) {
      const std::string mean = ToString(node.indicator->aggregate);
      out += say("  得分率 = 下级指标得分率的 " + mean + " 平均",
                 "  score = the " + mean + " mean of the children's scores") +
             "\n";
    } else {
      out += say("  小计 = 下级指标得分之和", "  subtotal = sum of the children's points") + "\n";
    }
  }
  double s = r.scores()(i, k);
  double p = r.points()(i, k);
  if (std::isnan(s)) {
    out += say("  得分 = 无（不计入）", "  points = none (left out)") + "\n";
  } else if (l >= 0) {
    double cap = s > 0 ? p / s : most;
    out += say("  得分 = ", "  points = ") + FormatNumber(s) + " x " + Points(cap) + " = " + Points(p) + "\n";
    if (std::fabs(cap - most) > 1e-9 && s > 0) {
      out +=
          say("  （满分按 " + Points(cap) + " 而非 " + Points(most) + " 计：同级有指标不计入，其权重已分给其余指标）",
              "  (" + Points(cap) + " rather than " + Points(most) +
                  " because a sibling was left out and its weight was shared)") +
          "\n";
    }
  } else {
    out +=
        say("  得分 = " + Points(p) + " / " + Points(most), "  points = " + Points(p) + " of " + Points(most)) + "\n";
  }
  out += FlagLine(r.flags()(i, k) & ~static_cast<std::uint16_t>(kFlagMissing), say);
  return out;
}

// The indicators' points, then each bonus and deduction, when there are any.
// Entity i's bonus (or deductions) in all, within the list's overall `max`.
double Counted(const Result& r, int i, bool bonus, std::optional<double> max) {
  const double sum = detail::Claimed(r, i, bonus);
  return max ? std::min(sum, *max) : sum;
}

std::string AdjustmentLines(const Result& r, int i, Say say) {
  const RuleSet& rules = r.model().rules();
  if (rules.bonus.items.empty() && rules.deductions.items.empty()) return "";
  std::string out = say("  指标得分：", "  indicators: ") + Points(r.points()(i, 0)) + "\n";
  size_t a = 0;
  for (const auto* list : {&rules.bonus, &rules.deductions}) {
    bool bonus = list == &rules.bonus;
    double sum = 0;
    for (const auto& item : list->items) {
      double p = r.adjustment_points()(i, static_cast<Eigen::Index>(a++));
      sum += p;
      if (p != 0) {
        out += "  " + (bonus ? say("加分 ", "bonus ") : say("扣分 ", "deduction ")) + item.id + " " + item.name +
               say("：", ": ") + (bonus ? "+" : "-") + Points(p) +
               (item.max ? say("（至多 " + Points(*item.max) + "）", " (at most " + Points(*item.max) + ")") : "") +
               "\n";
      }
    }
    if (list->max && sum > *list->max) {
      const std::string claimed = Points(sum), counted = Points(*list->max);
      out += "  " +
             say(std::string(bonus ? "加分" : "扣分") + "：申报合计 " + claimed + "，计入 " + counted + "（合计至多 " +
                     counted + "；标记 adjustment_capped）",
                 std::string(bonus ? "bonus" : "deductions") + ": " + claimed + " claimed in all, " + counted +
                     " counted (at most " + counted + " in all; flagged adjustment_capped)") +
             "\n";
    }
  }
  if (rules.bonus.within_total) {
    out += say("  加分后总分不超过 ", "  the bonus cannot raise the total above ") + Points(rules.total) + "\n";
  }
  if (r.flags()(i, 0) & kFlagAdjustmentCapped) {
    const double uncapped =
        r.points()(i, 0) + Counted(r, i, true, rules.bonus.max) - Counted(r, i, false, rules.deductions.max);
    if (r.total(i) != uncapped) {
      out +=
          say("  总分为 " + Points(r.total(i)) + " 而非 " + Points(uncapped) +
                  (uncapped < 0 ? "：扣分不使总分低于 0" : "：加分后不超过满分"),
              "  the total is " + Points(r.total(i)) + ", not " + Points(uncapped) +
                  (uncapped < 0 ? ": deductions never take it below 0" : ": the bonus stops at the total's maximum")) +
          "\n";
    }
  }
  return out;
}

}  // namespace

std::string Explain(const Result& r, const std::string& entity_id, const std::string& indicator_id,
                    const ExplainOptions& options) {
  const Language language = options.language.value_or(r.model().rules().language);
  const Say say{language == Language::kChinese};
  int i = r.FindEntity(entity_id);
  if (const Screening* s = r.screening(); i < 0 && s) {
    for (size_t e = 0; e < s->entities.size(); ++e) {
      const EntityAvailability& a = s->entities[e];
      if (a.id != entity_id) continue;
      const std::string rule = detail::ScreeningRule(s->spec), why = s->Reason(static_cast<int>(e));
      std::string out = a.id + (a.name.empty() ? "" : " " + a.name) + "\n" +
                        say("  数据不足，评价前已剔除（screen " + rule + "）：" + why +
                                "；不计分、不排名、不评级，也不计入任何全体统计",
                            "  screened out before scoring (screen " + rule + "): " + why +
                                "; not scored, ranked or graded, and left out of every cohort figure") +
                        "\n";
      if (!a.missing_nodes.empty()) {
        std::vector<std::string> ids;
        for (int k : a.missing_nodes) ids.push_back(r.model().nodes()[k].id + " " + r.model().nodes()[k].name);
        out += say("  无数值的指标：", "  indicators without a value: ") + detail::Join(ids, say.comma()) + "\n";
      }
      return out;
    }
  }
  if (i < 0) {
    throw Error("no entity '" + entity_id + "' in the data" + detail::DidYouMean(entity_id, r.entity_ids()));
  }
  const Model& model = r.model();
  std::string name = r.entity_names()[i];
  std::string out = entity_id + (name.empty() ? "" : " " + name) + "\n";
  if (!indicator_id.empty()) {
    int k = model.FindNode(indicator_id);
    if (k < 0) {
      std::vector<std::string> ids;
      for (const auto& node : model.nodes()) {
        if (!node.id.empty()) ids.push_back(node.id);
      }
      throw Error("no indicator '" + indicator_id + "' in the rule file" + detail::DidYouMean(indicator_id, ids));
    }
    return out + ExplainNode(r, k, i, options.experts, say);
  }
  const RuleSet& rules = model.rules();
  if (rules.classes) {
    out += say("类别：", "class: ") + rules.classes->labels[r.entity_class(i)] + " (" + rules.classes->field + ")\n";
  }
  double total = r.total(i);
  const std::string rank = std::to_string(r.rank(i)), ranked = std::to_string(r.ranked_count());
  if (model.nodes().size() == 1) {
    out += say("无总分：规则文件没有指标；", "no total: the rule file has no indicators; ");
    out += r.grade(i).empty()
               ? say("无等级", "no grade") + "\n"
               : say("等级 " + r.grade(i) + "，仅按条件认定", "grade " + r.grade(i) + " by conditions alone") + "\n";
  } else if (std::isnan(total)) {
    out += say("总分：无：缺少规则要求的数值（见标记为 not_scored 的指标）",
               "total: none: a value the rule set requires is missing (see the indicators flagged not_scored)") +
           "\n";
  } else {
    const std::string most = Points(model.nodes()[0].class_max_points[r.entity_class(i)]);
    out += say("总分：" + Points(total) + " / " + most, "total: " + Points(total) + " of " + most);
    if (!rules.bonus.items.empty() && !rules.bonus.within_total) {
      out += rules.bonus.max ? say("，另加至多 " + Points(*rules.bonus.max) + " 分加分",
                                   " plus a bonus of at most " + Points(*rules.bonus.max))
                             : say("，另有加分", " plus a bonus");
    }
    out += r.rank(i) ? say("，第 " + rank + " 名（共 " + ranked + " 名）", ", rank " + rank + " of " + ranked)
                     : say("，未排名", ", not ranked");
    out += (r.grade(i).empty() ? say("，无等级", ", no grade") : say("，等级 ", ", grade ") + r.grade(i)) + "\n";
    out += GradeLines(r, i, say);
    if (r.previous_result()) out += LastYearLine(r, i, say);
    out += AdjustmentLines(r, i, say);
    // The first level's weights, when the rule file derives them (`weights:` at the top).
    const detail::CompiledModel& m = detail::Compiled(model);
    if (const std::string derived = DerivedWeightsLine(r, m, m.nodes[0], say); !derived.empty()) {
      out += say("一级指标：", "first level:") + "\n" + derived;
    }
  }
  if (const int g = r.direct_grade(i); g >= 0 && !r.grade(i).empty()) {
    const std::string& label = rules.grades[g].label;
    const std::string& when = rules.grades[g].when;
    out += say("直接认定等级 " + label + "（" + when + "），不论总分和排名；不计入按比例评级的基数",
               "grade " + label + " given directly (" + when +
                   "), whatever the total and rank; not counted in the ranked makerspaces the grades' shares count") +
           "\n";
  }
  for (int v : r.vetoes(i)) {
    const Veto& veto = rules.vetoes[v];
    const bool off = detail::OffTheScale(rules, veto.grade);
    out += say("一票否决 ", "veto ") + veto.id + say("：", ": ") + veto.name + " (" + veto.when + ")" +
           say("：", ": ") +
           (veto.exclude ? say("不排名、不评级", "not ranked and not graded")
                         : say(off ? "等级 " + veto.grade : "等级至多为 " + veto.grade,
                               "grade " + veto.grade + (off ? "" : " at best"))) +
           "\n";
  }
  for (const CellProblem& p : r.set_aside(i)) {
    out += say("数据不可用（不排名、不评级）：第 " + std::to_string(p.row) + " 行，",
               "set aside (not ranked and not graded): row " + std::to_string(p.row) + ", ") +
           p.message + "\n";
  }
  for (size_t k = 1; k < model.nodes().size(); ++k) {
    out += "\n" + ExplainNode(r, static_cast<int>(k), i, options.experts, say);
  }
  return out;
}

}  // namespace makerscore
