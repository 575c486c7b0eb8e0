// How one indicator's value became its score, in words (result/explain_leaf.h).
#include "result/explain_leaf.h"

#include <algorithm>
#include <cmath>

#include "experts/combine.h"
#include "result/common.h"
#include "scoring/steps.h"

namespace makerscore::detail {

namespace {

std::string MissingSentence(const Result& r, const CompiledLeaf& leaf, int i, Say say) {
  const IndicatorStats& st = r.stats()[leaf.node];
  std::uint16_t flags = r.flags()(i, leaf.node);
  if ((flags & kFlagImputed) && leaf.missing == MissingPolicy::kGroupMean) {
    const Field& field = r.model().rules().fields[leaf.missing_group];
    const Dataset& d = r.current();
    int col = d.FindField(field.id);
    double code = d.value(i, col);
    std::string group = std::isnan(code) ? say("未知", "unknown") : d.categories(col)[static_cast<size_t>(code)];
    const std::string fill = FormatNumber(r.used_values()(i, leaf.node));
    return say("  数值缺失；按规则以所在组（" + field.id + " = " + group + "）的均值插补，组内无数值时用全体均值：" +
                   fill,
               "  the value is missing; the rule set imputes the mean of its group (" + field.id + " = " + group +
                   ") or, for a group without values, the cohort's: " + fill) +
           "\n";
  }
  if (flags & kFlagImputed) {
    const bool mean = leaf.missing == MissingPolicy::kMean;
    return say("  数值缺失；按规则以全体" + std::string(mean ? "均值 " : "中位数 ") + FormatNumber(st.fill) +
                   " 插补（" + std::to_string(st.present) + " 个单位有数值）",
               "  the value is missing; the rule set imputes the cohort " + std::string(mean ? "mean" : "median") +
                   " " + FormatNumber(st.fill) + " (of " + std::to_string(st.present) + " entities with a value)") +
           "\n";
  }
  switch (leaf.missing) {
    case MissingPolicy::kExclude:
      return say("  数值缺失；按规则该指标不计入，其权重分给同级其他指标",
                 "  the value is missing; the rule set leaves the indicator out and shares its weight among its "
                 "siblings") +
             "\n";
    case MissingPolicy::kError:
      return say("  数值缺失，而规则要求必须有此数值：该单位无总分",
                 "  the value is missing and the rule set requires it: the entity gets no total") +
             "\n";
    default:
      return say("  数值缺失；按规则不得分", "  the value is missing; the rule set gives it no points") + "\n";
  }
}

std::string ExplainScore(const Result& r, const CompiledLeaf& leaf, int i, Say say);

// What outlier treatment did to this value, if anything.
std::string OutlierSentence(const Result& r, const CompiledLeaf& leaf, int i, Say say) {
  const IndicatorStats& st = r.stats()[leaf.node];
  std::uint16_t flags = r.flags()(i, leaf.node);
  double before = std::isnan(r.values()(i, leaf.node)) ? r.used_values()(i, leaf.node) : r.values()(i, leaf.node);
  const std::string shape = say("偏度 " + FormatNumber(st.skew, 2) + "，峰度 " + FormatNumber(st.kurtosis, 2),
                                "skewness " + FormatNumber(st.skew, 2) + ", kurtosis " + FormatNumber(st.kurtosis, 2));
  const std::string after = FormatNumber(r.used_values()(i, leaf.node));
  const std::string n = std::to_string(leaf.outliers.max_points);
  if (flags & kFlagLogTransformed) {
    return say("  该指标数值偏态（" + shape + "），缩尾 " + n + " 个值不足以纠正，故全部取对数：",
               "  the indicator's values are skewed (" + shape + ") beyond what winsorising " + n +
                   " values could mend, so all were log-transformed: ") +
           "log(x - min + 0.01 x (max - min)) = " + after + "\n";
  }
  if (!(flags & kFlagWinsorised)) return "";
  if (leaf.outliers.method == OutlierMethod::kCap) {
    const std::string lo = FormatNumber(100 * leaf.outliers.lower), hi = FormatNumber(100 * leaf.outliers.upper);
    const std::string range = FormatNumber(st.cap_low) + say(" 至 ", " to ") + FormatNumber(st.cap_high);
    return say("  离群值：截断至全体第 " + lo + "–" + hi + " 百分位区间（" + range + "）：",
               "  an outlier: capped at the cohort's " + lo + "th-" + hi + "th percentile range (" + range + "): ") +
           FormatNumber(before) + " -> " + after + "\n";
  }
  return say("  离群值（该指标" + shape + "）：缩尾处理，" + std::to_string(st.treated) + " 个值之一，拉至相邻值：",
             "  an outlier (the indicator had " + shape + "): winsorised, one of " + std::to_string(st.treated) +
                 " values pulled in to the next value: ") +
         FormatNumber(before) + " -> " + after + "\n";
}

std::string ExplainQuantitative(const Result& r, const CompiledLeaf& leaf, int i, Say say) {
  const int k = leaf.node;
  const auto& fields = r.model().rules().fields;
  const Dataset& cur = r.current();
  const Dataset* prev = r.previous();
  int prev_row = r.previous_row(i);
  auto value_of = [&](int field, bool is_prev) -> double {
    const Dataset& d = is_prev ? *prev : cur;
    int row = is_prev ? prev_row : i;
    if (is_prev && (prev == nullptr || row < 0)) return std::nan("");
    int col = d.FindField(fields[field].id);
    return col < 0 ? std::nan("") : d.value(row, col);
  };
  // A field's value in words: a number with its unit, or a category's label.
  auto shown = [&](int field, bool is_prev) -> std::string {
    const double v = value_of(field, is_prev);
    const Field& f = fields[field];
    if (f.kind == FieldKind::kCategory && !std::isnan(v)) {
      const Dataset& d = is_prev ? *prev : cur;
      const auto& labels = d.categories(d.FindField(f.id));
      if (v >= 0 && static_cast<size_t>(v) < labels.size()) return "\"" + labels[static_cast<size_t>(v)] + "\"";
    }
    if (std::isnan(v)) return is_prev ? say("缺失", "missing") : say("未填报", "missing");
    return FormatNumber(v, 6) + (f.unit.empty() ? "" : " " + f.unit);
  };
  double x = r.values()(i, k);
  const auto& root = leaf.formula.nodes()[leaf.formula.root()];
  if (root.op == Op::kField) {  // the value is one reported field
    const Field& field = fields[root.field];
    // A blank cell is not a number with a unit ("missing 件"): it was not reported.
    const std::string reported = std::isnan(x) ? say("未填报", "未填报 (not reported)")
                                               : FormatNumber(x, 6) + (field.unit.empty() ? "" : " " + field.unit);
    return say("  数值 = ", "  value = ") + field.id + " (" + field.name + ") = " + reported + "\n" +
           ExplainScore(r, leaf, i, say);
  }
  std::string out = say("  数值 = ", "  value = ") + leaf.formula.Render() + "\n";
  // Name the fields, this year's and last year's, with their values.
  for (int f : leaf.formula.fields()) {
    const Field& field = fields[f];
    bool now = false, last = false;
    for (const auto& node : leaf.formula.nodes()) {
      if (node.field != f) continue;
      now |= node.op == Op::kField;
      last |= node.op == Op::kPrev;
    }
    if (now) out += "    " + field.id + " (" + field.name + ") = " + shown(f, false) + "\n";
    if (last) {
      out += "    prev(" + field.id + ") (" + field.name + say("，上一年度", ", last year") + ") = " + shown(f, true) +
             (prev_row < 0 ? say("（上年数据中无此单位）", " (no row for this entity in last year's data)") : "") +
             "\n";
    }
  }
  // A value that is not there reads "missing" in the formula; in Chinese, 缺失.
  std::string worked = leaf.formula.Render(value_of) + " = " + FormatNumber(x, 6);
  for (size_t at = 0; say.chinese && (at = worked.find("missing", at)) != std::string::npos;) {
    worked.replace(at, 7, "缺失");
  }
  out += "        = " + worked + "\n";
  return out + ExplainScore(r, leaf, i, say);
}

// From the value to the score: faults, the missing policy, the method.
std::string ExplainScore(const Result& r, const CompiledLeaf& leaf, int i, Say say) {
  const int k = leaf.node;
  double x = r.values()(i, k);
  std::string out;
  std::uint16_t flags = r.flags()(i, k);
  if (flags & kFlagDivisionByZero) {
    out += say("  公式除数为零，数值缺失", "  the formula divides by zero, so the value is missing") + "\n";
  }
  if (flags & kFlagOutOfDomain) {
    out += say("  公式对小于等于 0 的数取对数，数值缺失",
               "  the formula takes log() of a number <= 0, so the value is missing") +
           "\n";
  }
  if (flags & kFlagNotFinite) {
    out += say("  运算溢出（超过约 1.8e308），数值缺失，本指标不得分",
               "  the arithmetic overflowed (a number beyond about 1.8e308), so the value is missing and earns no "
               "points of its own") +
           "\n";
  }
  double used = r.used_values()(i, k);
  double s = r.scores()(i, k);
  if (std::isnan(x)) out += MissingSentence(r, leaf, i, say);
  out += OutlierSentence(r, leaf, i, say);
  if (!std::isnan(used)) {
    MethodContext context = leaf.context;
    context.max_points = MostPoints(r, k, i);  // the entity's class's points (`points` caps at them)
    context.chinese = say.chinese;
    out += "  " + leaf.impl->explain(used, s, context, r.stats()[k]) + "\n";
  }
  return out;
}

std::string ExplainQualitative(const Result& r, const CompiledLeaf& leaf, int i, ExpertNames names, Say say) {
  const int k = leaf.node;
  const Node& node = r.model().nodes()[k];
  const Scale& scale = *leaf.scale;
  // In Chinese the scale by its levels alone, not by the rule file's id for it.
  std::string out = say("  定性指标，专家评分", "  rated by experts on the scale '" + scale.id + "'");
  if (!scale.levels.empty()) {
    std::vector<std::string> levels;
    for (const auto& l : scale.levels) levels.push_back(l.label + " = " + FormatNumber(l.fraction));
    out += say("（" + Join(levels, "，") + "）", " (" + Join(levels, ", ") + ")");
  }
  out += "\n";
  std::vector<double> fractions;
  std::vector<std::string> lines;
  if (const Ratings* ratings = r.ratings()) {
    for (std::size_t j : r.ratings_of(i, k)) {
      const std::string& expert = ratings->label(Ratings::kExpert, j);
      const std::string& value = ratings->label(Ratings::kValue, j);
      double f = *RatingFraction(scale, value);
      fractions.push_back(f);
      std::string weight;
      if (leaf.combine == Combine::kWeightedMean) {
        for (const auto& e : r.model().rules().experts) {
          if (e.id == expert) {
            weight =
                say("（权威系数 " + FormatNumber(e.authority) + "）", " (authority " + FormatNumber(e.authority) + ")");
          }
        }
      }
      if (names == ExpertNames::kCombinedOnly) continue;
      const std::string who = names == ExpertNames::kNumbered
                                  ? std::to_string(ExpertNumber(*ratings, ratings->codes(Ratings::kExpert)[j]))
                                  : expert;
      lines.push_back(say(names == ExpertNames::kNumbered ? "    专家" + who : "    专家 " + who, "    expert " + who) +
                      (names == ExpertNames::kNumbered ? "" : weight) + say("：", ": ") + value + " = " +
                      FormatNumber(f));
    }
  }
  for (const auto& l : lines) out += l + "\n";
  std::sort(fractions.begin(), fractions.end());
  double combined = r.values()(i, k);
  const std::string n = std::to_string(fractions.size());
  if (static_cast<int>(fractions.size()) < leaf.min_ratings) {
    const std::string needed = std::to_string(leaf.min_ratings);
    out += say("  " + n + " 个评分，少于规则要求的 " + needed + " 个",
               "  " + n + " rating(s), fewer than the " + needed + " the rule set requires") +
           "\n";
    out += MissingSentence(r, leaf, i, say);
    if (!std::isnan(r.used_values()(i, k))) {
      out += say("  得分率 = ", "  score = ") + FormatNumber(r.scores()(i, k)) + "\n";
    }
    return out;
  }
  std::string how;
  switch (leaf.combine) {
    case Combine::kMean:
      how = say(n + " 个评分的平均值", "the mean of the " + n + " ratings");
      break;
    case Combine::kMedian:
      how = say(n + " 个评分的中位数", "the median of the " + n + " ratings");
      break;
    case Combine::kTrimmedMean: {
      const std::string high = FormatNumber(fractions.back()), low = FormatNumber(fractions.front());
      how = say("去掉一个最高分（" + high + "）和一个最低分（" + low + "）后的平均值",
                "the mean after dropping the highest (" + high + ") and the lowest (" + low + ")");
      break;
    }
    case Combine::kWeightedMean:
      how = say(n + " 个评分按专家权威系数的加权平均值",
                "the mean of the " + n + " ratings weighted by the experts' authority");
      break;
  }
  out += say("  得分率 = ", "  score = ") + how + " = " + FormatNumber(combined) + "\n";
  if (r.flags()(i, k) & kFlagDisagreement) {
    const std::string cv = FormatNumber(*node.indicator->rated->max_cv);
    out += say("  专家意见分歧：评分的变异系数超过 " + cv,
               "  the experts disagree: the ratings' coefficient of variation exceeds " + cv) +
           "\n";
  }
  const IndicatorStats& st = r.stats()[k];
  if (!std::isnan(st.agreement_w)) {
    const std::string w = FormatNumber(st.agreement_w, 3);
    const std::string p = std::string(st.agreement_p < 0.0001 ? "p " : "p = ") + PValueText(st.agreement_p);
    out += say("  专家组对该指标在全体单位上的一致性：肯德尔和谐系数 W = " + w + "（" + p + "）",
               "  the panel's agreement on this indicator over all entities: Kendall's W = " + w + " (" + p + ")") +
           "\n";
  }
  return out;
}

}  // namespace

std::string ExplainLeaf(const Result& r, const CompiledLeaf& leaf, int i, ExpertNames names, Say say) {
  return leaf.qualitative() ? ExplainQualitative(r, leaf, i, names, say) : ExplainQuantitative(r, leaf, i, say);
}

}  // namespace makerscore::detail
