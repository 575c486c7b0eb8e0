// Explaining one entity's points in words, with every number used.
#include "makerscore/explain.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "cohort/cohort.h"
#include "experts/combine.h"
#include "makerscore/error.h"
#include "makerscore/grade_margin.h"
#include "makerscore/weights.h"
#include "makerscore/year_on_year.h"
#include "result/common.h"
#include "scoring/compiled_model.h"
#include "scoring/steps.h"
#include "util/text.h"
#include "weights/weighting.h"

namespace makerscore {

namespace {

using detail::FormatNumber;

std::string Points(double p) { return FormatNumber(p, 4); }

// "3.1 总收入增长 (max 6 points)": the most the node can earn for this entity's class.
std::string Heading(const Node& node, double most) {
  return node.id + " " + node.name + " (max " + Points(most) + " points)";
}

std::string FlagLine(std::uint16_t flags) {
  std::vector<std::string> names = FlagNames(flags);
  return names.empty() ? "" : "  flags: " + detail::Join(names, ", ") + "\n";
}

std::string MissingSentence(const Result& r, const detail::CompiledLeaf& leaf, int i) {
  const IndicatorStats& st = r.stats()[leaf.node];
  std::uint16_t flags = r.flags()(i, leaf.node);
  if ((flags & kFlagImputed) && leaf.missing == MissingPolicy::kGroupMean) {
    const Field& field = r.model().rules().fields[leaf.missing_group];
    const Dataset& d = r.current();
    int col = d.FindField(field.id);
    double code = d.value(i, col);
    std::string group = std::isnan(code) ? "unknown" : d.categories(col)[static_cast<size_t>(code)];
    return "  the value is missing; the rule set imputes the mean of its group (" + field.id + " = " + group +
           ") or, for a group without values, the cohort's: " + FormatNumber(r.used_values()(i, leaf.node)) + "\n";
  }
  if (flags & kFlagImputed) {
    return "  the value is missing; the rule set imputes the cohort " +
           std::string(leaf.missing == MissingPolicy::kMean ? "mean" : "median") + " " + FormatNumber(st.fill) +
           " (of " + std::to_string(st.present) + " entities with a value)\n";
  }
  switch (leaf.missing) {
    case MissingPolicy::kExclude:
      return "  the value is missing; the rule set leaves the indicator out and shares its weight among its siblings\n";
    case MissingPolicy::kError:
      return "  the value is missing and the rule set requires it: the entity gets no total\n";
    default:
      return "  the value is missing; the rule set gives it no points\n";
  }
}

std::string ExplainScore(const Result& r, const detail::CompiledLeaf& leaf, int i);

// What outlier treatment did to this value, if anything.
std::string OutlierSentence(const Result& r, const detail::CompiledLeaf& leaf, int i) {
  const IndicatorStats& st = r.stats()[leaf.node];
  std::uint16_t flags = r.flags()(i, leaf.node);
  double before = std::isnan(r.values()(i, leaf.node)) ? r.used_values()(i, leaf.node) : r.values()(i, leaf.node);
  std::string shape = "skewness " + FormatNumber(st.skew, 2) + ", kurtosis " + FormatNumber(st.kurtosis, 2);
  if (flags & kFlagLogTransformed) {
    return "  the indicator's values are skewed (" + shape + ") beyond what winsorising " +
           std::to_string(leaf.outliers.max_points) + " values could mend, so all were log-transformed: " +
           "log(x - min + 0.01 x (max - min)) = " + FormatNumber(r.used_values()(i, leaf.node)) + "\n";
  }
  if (!(flags & kFlagWinsorised)) return "";
  if (leaf.outliers.method == OutlierMethod::kCap) {
    return "  an outlier: capped at the cohort's " + FormatNumber(100 * leaf.outliers.lower) + "th-" +
           FormatNumber(100 * leaf.outliers.upper) + "th percentile range (" + FormatNumber(st.cap_low) + " to " +
           FormatNumber(st.cap_high) + "): " + FormatNumber(before) + " -> " +
           FormatNumber(r.used_values()(i, leaf.node)) + "\n";
  }
  return "  an outlier (the indicator had " + shape + "): winsorised, one of " + std::to_string(st.treated) +
         " values pulled in to the next value: " + FormatNumber(before) + " -> " +
         FormatNumber(r.used_values()(i, leaf.node)) + "\n";
}

std::string ExplainQuantitative(const Result& r, const detail::CompiledLeaf& leaf, int i) {
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
    return FormatNumber(v, 6) + (f.unit.empty() || std::isnan(v) ? "" : " " + f.unit);
  };
  double x = r.values()(i, k);
  const auto& root = leaf.formula.nodes()[leaf.formula.root()];
  if (root.op == detail::Op::kField) {  // the value is one reported field
    const Field& field = fields[root.field];
    // A blank cell is not a number with a unit ("missing 件"): it was not reported.
    const std::string reported = std::isnan(x) ? std::string("未填报 (not reported)")
                                               : FormatNumber(x, 6) + (field.unit.empty() ? "" : " " + field.unit);
    return "  value = " + field.id + " (" + field.name + ") = " + reported + "\n" + ExplainScore(r, leaf, i);
  }
  std::string out = "  value = " + leaf.formula.Render() + "\n";
  // Name the fields, this year's and last year's, with their values.
  for (int f : leaf.formula.fields()) {
    const Field& field = fields[f];
    bool now = false, last = false;
    for (const auto& node : leaf.formula.nodes()) {
      if (node.field != f) continue;
      now |= node.op == detail::Op::kField;
      last |= node.op == detail::Op::kPrev;
    }
    if (now) out += "    " + field.id + " (" + field.name + ") = " + shown(f, false) + "\n";
    if (last) {
      out += "    prev(" + field.id + ") (" + field.name + ", last year) = " + shown(f, true) +
             (prev_row < 0 ? " (no row for this entity in last year's data)" : "") + "\n";
    }
  }
  out += "        = " + leaf.formula.Render(value_of) + " = " + FormatNumber(x, 6) + "\n";
  return out + ExplainScore(r, leaf, i);
}

// From the value to the score: faults, the missing policy, the method.
std::string ExplainScore(const Result& r, const detail::CompiledLeaf& leaf, int i) {
  const int k = leaf.node;
  double x = r.values()(i, k);
  std::string out;
  std::uint16_t flags = r.flags()(i, k);
  if (flags & kFlagDivisionByZero) out += "  the formula divides by zero, so the value is missing\n";
  if (flags & kFlagOutOfDomain) out += "  the formula takes log() of a number <= 0, so the value is missing\n";
  if (flags & kFlagNotFinite) {
    out +=
        "  the arithmetic overflowed (a number beyond about 1.8e308), so the value is missing and earns no points "
        "of its own\n";
  }
  double used = r.used_values()(i, k);
  double s = r.scores()(i, k);
  if (std::isnan(x)) out += MissingSentence(r, leaf, i);
  out += OutlierSentence(r, leaf, i);
  if (!std::isnan(used)) {
    detail::MethodContext context = leaf.context;
    context.max_points = detail::MostPoints(r, k, i);  // the entity's class's points (`points` caps at them)
    out += "  " + leaf.impl->explain(used, s, context, r.stats()[k]) + "\n";
  }
  return out;
}

std::string ExplainQualitative(const Result& r, const detail::CompiledLeaf& leaf, int i, ExpertNames names) {
  const int k = leaf.node;
  const Node& node = r.model().nodes()[k];
  const Scale& scale = *leaf.scale;
  std::string out = "  rated by experts on the scale '" + scale.id + "'";
  if (!scale.levels.empty()) {
    std::vector<std::string> levels;
    for (const auto& l : scale.levels) levels.push_back(l.label + " = " + FormatNumber(l.fraction));
    out += " (" + detail::Join(levels, ", ") + ")";
  }
  out += "\n";
  std::vector<double> fractions;
  std::vector<std::string> lines;
  if (const Ratings* ratings = r.ratings()) {
    for (std::size_t j : r.ratings_of(i, k)) {
      const std::string& expert = ratings->label(Ratings::kExpert, j);
      const std::string& value = ratings->label(Ratings::kValue, j);
      double f = *detail::RatingFraction(scale, value);
      fractions.push_back(f);
      std::string weight;
      if (leaf.combine == Combine::kWeightedMean) {
        for (const auto& e : r.model().rules().experts) {
          if (e.id == expert) weight = " (authority " + FormatNumber(e.authority) + ")";
        }
      }
      if (names == ExpertNames::kCombinedOnly) continue;
      const std::string who = names == ExpertNames::kNumbered
                                  ? std::to_string(detail::ExpertNumber(*ratings, ratings->codes(Ratings::kExpert)[j]))
                                  : expert;
      lines.push_back("    expert " + who + (names == ExpertNames::kNumbered ? "" : weight) + ": " + value + " = " +
                      FormatNumber(f));
    }
  }
  for (const auto& l : lines) out += l + "\n";
  std::sort(fractions.begin(), fractions.end());
  double combined = r.values()(i, k);
  if (static_cast<int>(fractions.size()) < leaf.min_ratings) {
    out += "  " + std::to_string(fractions.size()) + " rating(s), fewer than the " + std::to_string(leaf.min_ratings) +
           " the rule set requires\n";
    out += MissingSentence(r, leaf, i);
    if (!std::isnan(r.used_values()(i, k))) out += "  score = " + FormatNumber(r.scores()(i, k)) + "\n";
    return out;
  }
  std::string how;
  switch (leaf.combine) {
    case Combine::kMean:
      how = "the mean of the " + std::to_string(fractions.size()) + " ratings";
      break;
    case Combine::kMedian:
      how = "the median of the " + std::to_string(fractions.size()) + " ratings";
      break;
    case Combine::kTrimmedMean:
      how = "the mean after dropping the highest (" + FormatNumber(fractions.back()) + ") and the lowest (" +
            FormatNumber(fractions.front()) + ")";
      break;
    case Combine::kWeightedMean:
      how = "the mean of the " + std::to_string(fractions.size()) + " ratings weighted by the experts' authority";
      break;
  }
  out += "  score = " + how + " = " + FormatNumber(combined) + "\n";
  if (r.flags()(i, k) & kFlagDisagreement) {
    out += "  the experts disagree: the ratings' coefficient of variation exceeds " +
           FormatNumber(*node.indicator->rated->max_cv) + "\n";
  }
  const IndicatorStats& st = r.stats()[k];
  if (!std::isnan(st.agreement_w)) {
    out += "  the panel's agreement on this indicator over all entities: Kendall's W = " +
           FormatNumber(st.agreement_w, 3) + " (p " + (st.agreement_p < 0.0001 ? "" : "= ") +
           detail::PValueText(st.agreement_p) + ")\n";
  }
  return out;
}

std::string ExplainCombined(const Result& r, const detail::CompiledModel& m, const Node& node);

// Last year's outcome (--previous-result) and the change since, or that last year's result lacks the entity.
std::string LastYearLine(const Result& r, int i) {
  const YearOnYear y = YearOnYearOf(r, i);
  if (!y.listed) return "last year: not in last year's result (" + r.previous_result()->source + ")\n";
  std::string out = "last year: total " + (std::isnan(y.last_total) ? std::string("none") : Points(y.last_total)) +
                    (y.last_rank ? ", rank " + std::to_string(y.last_rank) : ", not ranked") +
                    (y.last_grade.empty() ? ", no grade" : ", grade " + y.last_grade);
  if (!std::isnan(y.total_change))
    out += "; change " + std::string(y.total_change > 0 ? "+" : "") + Points(y.total_change) + " points";
  if (y.ranked_both) {
    out += y.rank_change == 0
               ? ", same place"
               : ", " + std::to_string(std::abs(y.rank_change)) +
                     (std::abs(y.rank_change) == 1 ? " place " : " places ") + (y.rank_change > 0 ? "up" : "down");
  }
  return out + "\n";
}

// Why this grade: the cohort's cut-offs, and how far the total lies from the grade above and its own.
std::string GradeLines(const Result& r, int i) {
  const RuleSet& rules = r.model().rules();
  const std::vector<double> cutoffs = GradeCutoffs(r);
  std::vector<std::string> cuts;
  for (size_t k = 0; k < cutoffs.size(); ++k) {
    if (!std::isnan(cutoffs[k])) cuts.push_back(rules.grades[k].label + " " + FormatNumber(cutoffs[k], 4));
  }
  if (cuts.empty()) return "";
  std::string out = "grade cut-offs in this cohort: " + detail::Join(cuts, ", ") + "\n";
  const GradeMargin m = MarginOf(r, i, cutoffs);
  if (!m.by_total) return out;
  if (!m.next_up.empty()) {
    out += "  " + FormatNumber(m.to_next_up, 4) + " points short of " + m.next_up + "\n";
  }
  if (!m.next_down.empty()) {
    out += "  " + FormatNumber(m.above_cutoff, 4) + " points above the cut-off of " + r.grade(i) +
           " (below it: " + m.next_down + ")\n";
  }
  if (m.near) {
    out += "  near a grade boundary: within " + FormatNumber(BoundaryMargin(rules), 4) +
           (BoundaryMargin(rules) == 1 ? " point" : " points") + " of a cut-off (boundary_margin)\n";
  }
  return out;
}

// How a group's children's weights were derived, with the shares they got; "" for stated weights.
std::string DerivedWeightsLine(const Result& r, const detail::CompiledModel& m, const Node& node) {
  if (node.weights_method == WeightsMethod::kCombined) return ExplainCombined(r, m, node);
  if (node.weights_method == WeightsMethod::kStated) return "";
  const detail::WeightingDef& how = detail::WeightingOf(node.weights_method);
  std::vector<std::string> shares;
  for (int c : node.children) shares.push_back(m.nodes[c].id + " " + FormatNumber(r.shares()[c], 4));
  const bool spearman = node.weights && node.weights_method == WeightsMethod::kCritic &&
                        node.weights->correlation == Correlation::kSpearman;
  const bool values = node.weights && node.weights->over_values;
  return "  weights derived by " + std::string(ToString(node.weights_method)) +
         (spearman ? " (Spearman's correlation)" : "") +
         (how.from_judgments ? " (pairwise comparisons, " + detail::AhpNote(node) + ")"
          : how.from_scores  ? (values ? " from the cohort's values" : " from the cohort's scores")
                             : "") +
         ": " + detail::Join(shares, ", ") + "\n";
}

// Combined weights (组合赋权): each child's subjective and objective weight and what they give, the
// objective half derived again from the result's scores exactly as scoring derived it.
std::string ExplainCombined(const Result& r, const detail::CompiledModel& m, const Node& node) {
  const DerivedWeights& how = *node.weights;
  std::vector<double> subjective, objective;
  for (int c : node.children) subjective.push_back(m.nodes[c].class_share[0]);
  const int k = static_cast<int>(&node - m.nodes.data());
  detail::DataShares(m.nodes, k, subjective, r.scores(), &r.used_values(), &objective);
  const bool product = how.mix == WeightMix::kProduct;
  std::string out =
      "  weights combined (组合赋权) from the subjective weights s (" +
      (how.matrices.empty() ? std::string("as stated") : "AHP, " + detail::AhpNote(node)) +
      ") and the objective weights o (" + ToString(how.objective) +
      (how.over_values ? ", from the cohort's values), " : ", from the cohort's scores), ") +
      (product ? "w = s x o / sum(s x o)"
               : "w = " + FormatNumber(how.alpha, 4) + " x s + " + FormatNumber(1 - how.alpha, 4) + " x o") +
      ":\n";
  for (size_t j = 0; j < node.children.size(); ++j) {
    const int c = node.children[j];
    out += "    " + m.nodes[c].id + ": s " + FormatNumber(subjective[j], 4) + ", o " + FormatNumber(objective[j], 4) +
           " -> w " + FormatNumber(r.shares()[c], 4) + "\n";
  }
  return out;
}

std::string ExplainNode(const Result& r, int k, int i, ExpertNames names) {
  const auto& m = detail::Compiled(r.model());
  const Node& node = m.nodes[k];
  const double most = detail::MostPoints(r, k, i);
  if (most == 0 && node.class_max_points.size() > 1) {
    return node.id + " " + node.name + ": weighted 0 for the class " +
           r.model().rules().classes->labels[r.entity_class(i)] +
           ", so it does not count (no points, nothing missing)\n";
  }
  std::string out = Heading(node, most) + "\n";
  int l = m.leaf_of_node[k];
  if (l >= 0) {
    const auto& leaf = m.leaves[l];
    out += leaf.qualitative() ? ExplainQualitative(r, leaf, i, names) : ExplainQuantitative(r, leaf, i);
  } else {
    for (int c : node.children) {
      const Node& child = m.nodes[c];
      out += "  " + child.id + " " + child.name + ": " + Points(r.points()(i, c)) + " of " +
             Points(detail::MostPoints(r, c, i)) + "\n";
    }
    out += DerivedWeightsLine(r, m, node);
    if (const AggregationTrace* t = r.aggregation_trace(k)) {
      std::vector<std::string> children;
      for (int c : node.children) children.push_back(m.nodes[c].id + " " + m.nodes[c].name);
      out += detail::CohortAggregationOf(node.indicator->aggregate)->explain(*t, i, children);
      for (const std::string& note : t->notes) out += "  (" + note + ")\n";
    } else {
      out +=
          node.indicator && node.indicator->aggregate != Aggregation::kArithmetic
              ? "  score = the " + std::string(ToString(node.indicator->aggregate)) + " mean of the children's scores\n"
              : "  subtotal = sum of the children's points\n";
    }
  }
  double s = r.scores()(i, k);
  double p = r.points()(i, k);
  if (std::isnan(s)) {
    out += "  points = none (left out)\n";
  } else if (l >= 0) {
    double cap = s > 0 ? p / s : most;
    out += "  points = " + FormatNumber(s) + " x " + Points(cap) + " = " + Points(p) + "\n";
    if (std::fabs(cap - most) > 1e-9 && s > 0) {
      out += "  (" + Points(cap) + " rather than " + Points(most) +
             " because a sibling was left out and its weight was shared)\n";
    }
  } else {
    out += "  points = " + Points(p) + " of " + Points(most) + "\n";
  }
  out += FlagLine(r.flags()(i, k) & ~static_cast<std::uint16_t>(kFlagMissing));
  return out;
}

// The indicators' points, then each bonus and deduction, when there are any.
// Entity i's bonus (or deductions) in all, within the list's overall `max`.
double Counted(const Result& r, int i, bool bonus, std::optional<double> max) {
  const double sum = detail::Claimed(r, i, bonus);
  return max ? std::min(sum, *max) : sum;
}

std::string AdjustmentLines(const Result& r, int i) {
  const RuleSet& rules = r.model().rules();
  if (rules.bonus.items.empty() && rules.deductions.items.empty()) return "";
  std::string out = "  indicators: " + Points(r.points()(i, 0)) + "\n";
  size_t a = 0;
  for (const auto* list : {&rules.bonus, &rules.deductions}) {
    bool bonus = list == &rules.bonus;
    double sum = 0;
    for (const auto& item : list->items) {
      double p = r.adjustment_points()(i, static_cast<Eigen::Index>(a++));
      sum += p;
      if (p != 0) {
        out += std::string("  ") + (bonus ? "bonus " : "deduction ") + item.id + " " + item.name + ": " +
               (bonus ? "+" : "-") + Points(p) + (item.max ? " (at most " + Points(*item.max) + ")" : "") + "\n";
      }
    }
    if (list->max && sum > *list->max) {
      out += std::string("  ") + (bonus ? "bonus" : "deductions") + ": " + Points(sum) + " claimed in all, " +
             Points(*list->max) + " counted (at most " + Points(*list->max) + " in all; flagged adjustment_capped)\n";
    }
  }
  if (rules.bonus.within_total) out += "  the bonus cannot raise the total above " + Points(rules.total) + "\n";
  if (r.flags()(i, 0) & kFlagAdjustmentCapped) {
    const double uncapped =
        r.points()(i, 0) + Counted(r, i, true, rules.bonus.max) - Counted(r, i, false, rules.deductions.max);
    if (r.total(i) != uncapped) {
      out += "  the total is " + Points(r.total(i)) + ", not " + Points(uncapped) +
             (uncapped < 0 ? ": deductions never take it below 0\n" : ": the bonus stops at the total's maximum\n");
    }
  }
  return out;
}

}  // namespace

std::string Explain(const Result& r, const std::string& entity_id, const std::string& indicator_id,
                    const ExplainOptions& options) {
  int i = r.FindEntity(entity_id);
  if (const Screening* s = r.screening(); i < 0 && s) {
    for (size_t e = 0; e < s->entities.size(); ++e) {
      const EntityAvailability& a = s->entities[e];
      if (a.id != entity_id) continue;
      std::string out = a.id + (a.name.empty() ? "" : " " + a.name) + "\n  screened out before scoring (screen " +
                        detail::ScreeningRule(s->spec) + "): " + s->Reason(static_cast<int>(e)) +
                        "; not scored, ranked or graded, and left out of every cohort figure\n";
      if (!a.missing_nodes.empty()) {
        std::vector<std::string> ids;
        for (int k : a.missing_nodes) ids.push_back(r.model().nodes()[k].id + " " + r.model().nodes()[k].name);
        out += "  indicators without a value: " + detail::Join(ids, ", ") + "\n";
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
    return out + ExplainNode(r, k, i, options.experts);
  }
  const RuleSet& rules = model.rules();
  if (rules.classes) out += "class: " + rules.classes->labels[r.entity_class(i)] + " (" + rules.classes->field + ")\n";
  double total = r.total(i);
  if (model.nodes().size() == 1) {
    out += "no total: the rule file has no indicators; ";
    out += r.grade(i).empty() ? "no grade\n" : "grade " + r.grade(i) + " by conditions alone\n";
  } else if (std::isnan(total)) {
    out += "total: none: a value the rule set requires is missing (see the indicators flagged not_scored)\n";
  } else {
    out += "total: " + Points(total) + " of " + Points(model.nodes()[0].class_max_points[r.entity_class(i)]);
    if (!rules.bonus.items.empty() && !rules.bonus.within_total) {
      out += rules.bonus.max ? " plus a bonus of at most " + Points(*rules.bonus.max) : " plus a bonus";
    }
    out +=
        r.rank(i) ? ", rank " + std::to_string(r.rank(i)) + " of " + std::to_string(r.ranked_count()) : ", not ranked";
    out += r.grade(i).empty() ? ", no grade\n" : ", grade " + r.grade(i) + "\n";
    out += GradeLines(r, i);
    if (r.previous_result()) out += LastYearLine(r, i);
    out += AdjustmentLines(r, i);
    // The first level's weights, when the rule file derives them (`weights:` at the top).
    const detail::CompiledModel& m = detail::Compiled(model);
    if (const std::string derived = DerivedWeightsLine(r, m, m.nodes[0]); !derived.empty()) {
      out += "first level:\n" + derived;
    }
  }
  if (const int g = r.direct_grade(i); g >= 0 && !r.grade(i).empty()) {
    out += "grade " + rules.grades[g].label + " given directly (" + rules.grades[g].when +
           "), whatever the total and rank; not counted in the ranked makerspaces the grades' shares count\n";
  }
  for (int v : r.vetoes(i)) {
    const Veto& veto = rules.vetoes[v];
    out += "veto " + veto.id + ": " + veto.name + " (" + veto.when + "): " +
           (veto.exclude ? "not ranked and not graded"
                         : "grade " + veto.grade + (detail::OffTheScale(rules, veto.grade) ? "" : " at best")) +
           "\n";
  }
  for (const CellProblem& p : r.set_aside(i)) {
    out += "set aside (not ranked and not graded): row " + std::to_string(p.row) + ", " + p.message + "\n";
  }
  for (size_t k = 1; k < model.nodes().size(); ++k) {
    out += "\n" + ExplainNode(r, static_cast<int>(k), i, options.experts);
  }
  return out;
}

}  // namespace makerscore
