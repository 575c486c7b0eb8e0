// Semantic checks of the indicator tree: ids, kinds, formulas, methods,
// missing data, outliers, stated weights (derived ones: validate_weights.cpp).
#include <cmath>

#include "cohort/cohort.h"
#include "makerscore/methods.h"
#include "makerscore/weights.h"
#include "means/mean.h"
#include "methods/method.h"
#include "rules/validator.h"
#include "util/number_cell.h"
#include "util/text.h"
#include "weights/weighting.h"

namespace makerscore::detail {

void Validator::CheckIndicator(const Indicator& ind, const std::string& parent, int index, bool parent_derives) {
  std::string path = UniquePath(parent + "/" + (ind.id.empty() ? "#" + std::to_string(index) : ind.id), &paths_);
  if (!ind.id.empty()) indicator_names_.push_back({ind.id, path + "/id"});
  if (!ind.id.empty() && !indicator_ids_.insert(ind.id).second) {
    Error(path + "/id", "duplicate indicator id '" + ind.id + "'");
  }
  bool stated = !std::isnan(ind.weight) || !ind.class_weights.empty();
  bool key_given = rules_.source_map.positions.count(path + "/weight") > 0;
  if (parent_derives && stated) {
    Error(path + "/weight", "'" + ind.id + "' gets its weight from its parent's 'weights'; remove this 'weight'");
  } else if (!parent_derives && !stated && !key_given) {
    Error(path, "'" + ind.id + "' needs a 'weight' (or its parent a 'weights:' that derives it)");
  }
  if (!ind.class_weights.empty()) {
    if (!rules_.classes) {
      Error(path + "/weight", "'weight' gives weights by class, but the rule set has no 'classes'");
    } else {
      const auto& labels = rules_.classes->labels;
      bool any = false;
      for (const auto& [label, w] : ind.class_weights) {
        if (std::find(labels.begin(), labels.end(), label) == labels.end()) {
          Error(path + "/weight/" + label, "'" + label + "' is not a class" + DidYouMean(label, labels) +
                                               "; the classes are " + Join(labels, ", "));
        }
        if (!(w >= 0)) Error(path + "/weight/" + label, "a class weight must be 0 or more");
        any |= w > 0;
      }
      for (const auto& label : labels) {
        if (!ind.class_weights.count(label)) {
          Error(path + "/weight",
                "no weight for the class '" + label + "' (write 0 if '" + ind.id + "' does not apply to it)");
        }
      }
      if (!any) Error(path + "/weight", "'" + ind.id + "' has weight 0 for every class");
    }
  } else if (!std::isnan(ind.weight) && !(ind.weight > 0)) {
    Error(path + "/weight", "'weight' must be greater than 0, not " + FormatNumber(ind.weight));
  }
  if (ind.is_leaf()) {
    CheckLeaf(ind, path);
    return;
  }
  for (const char* key : {"value", "score", "rated", "outliers"}) {
    std::string k = key;
    bool has = (k == "value" && !ind.value.empty()) || (k == "score" && ind.score) || (k == "rated" && ind.rated) ||
               (k == "outliers" && ind.outliers);
    if (has) {
      Error(path + "/" + k, "'" + ind.id + "' has children, so it is scored from them and cannot have '" + k + "'");
    }
  }
  CheckAggregate(ind, path);
  if (MeanOf(ind.aggregate).takes_power && !(ind.power != 0 && std::isfinite(ind.power))) {
    Error(path + "/power", "'aggregate: power' needs a 'power' other than 0 (use 'geometric' for the limit at 0)");
  }
  if (MeanOf(ind.aggregate).needs_nonnegative) {
    for (const auto& child : ind.children) {
      std::string negative = MayScoreBelowZero(child);
      if (negative.empty()) continue;
      Error(path + "/aggregate", "'aggregate: " + std::string(ToString(ind.aggregate)) +
                                     "' needs scores of 0 or more, but " + negative +
                                     " can score below 0; score it with a bounded method (minmax, percentile ...) "
                                     "or aggregate '" +
                                     ind.id + "' arithmetically");
      break;
    }
  }
  bool derives = ind.weights.has_value();
  if (derives) CheckDerived(*ind.weights, ind.children, path + "/weights");
  const bool children_state = derives && StatesSubjectiveWeights(*ind.weights);
  bool outer = derived_data_weights_;
  derived_data_weights_ =
      derives && ind.weights->method != WeightsMethod::kStated && !WeightingOf(ind.weights->method).from_judgments;
  for (size_t i = 0; i < ind.children.size(); ++i) {
    CheckIndicator(ind.children[i], path, static_cast<int>(i) + 1, derives && !children_state);
  }
  derived_data_weights_ = outer;
  if (!derives || children_state) CheckWeights(ind.children, &ind, path);
}

std::string Validator::MayScoreBelowZero(const Indicator& ind) {
  if (ind.is_leaf()) {
    const MethodInfo* m = ind.score ? FindMethod(ind.score->method) : nullptr;
    if (m == nullptr) return "";
    const MethodTraits& t = m->traits;
    if (!t.bounded) return "'" + ind.id + "' (" + m->name + ")";
    if (t.bounded_by) {
      auto off = ind.score->params.find(t.bounded_by);
      if (off != ind.score->params.end() && off->second == 0) {
        return "'" + ind.id + "' (" + m->name + " with " + t.bounded_by + ": false)";
      }
    }
    return "";
  }
  // Means that need scores of 0 or more refuse negative scores themselves.
  // Means that need scores of 0 or more refuse negative scores themselves; the aggregations over the
  // cohort score from 0 to 1 whatever their children's scores.
  if (MeanOf(ind.aggregate).needs_nonnegative || CohortAggregationOf(ind.aggregate)) return "";
  for (const auto& child : ind.children) {
    std::string negative = MayScoreBelowZero(child);
    if (!negative.empty()) return negative;
  }
  return "";
}

void Validator::CheckLeaf(const Indicator& ind, const std::string& path) {
  const AggregateOptions& o = ind.aggregate_options;
  if (ind.aggregate != Aggregation::kArithmetic || !o.numbers.empty() || !o.words.empty() || !o.reference.empty()) {
    Error(path + "/aggregate", "'aggregate' is for groups; '" + ind.id + "' has no children");
  }
  CheckMissing(ind, path);
  bool quantitative = !ind.value.empty() || ind.score;
  if (quantitative && ind.rated) {
    Error(path + "/rated", "'" + ind.id +
                               "' has both 'value'/'score' (quantitative) and 'rated' "
                               "(qualitative); give one kind");
    return;
  }
  if (!quantitative && !ind.rated) {
    Error(path, "'" + ind.id +
                    "' needs either 'value' and 'score' (a quantitative indicator), "
                    "'rated' (rated by experts) or 'children'");
    return;
  }
  if (quantitative) {
    if (ind.value.empty()) Error(path, "'" + ind.id + "' has 'score' but no 'value' formula");
    if (!ind.score) Error(path, "'" + ind.id + "' has a 'value' but no 'score' saying how it earns points");
    if (!ind.value.empty()) {
      Formula f;
      if (CheckFormula(ind.value, path + "/value", &f) && ind.score) CheckPercentParams(f, *ind.score, path);
    }
    if (ind.outliers) CheckOutliers(*ind.outliers, path + "/outliers");
    if (!ind.score) return;
    const MethodInfo* m = FindMethod(ind.score->method);
    if (m == nullptr) {
      // The loader reports unknown methods with a suggestion; a rule set
      // built in code has no loader.
      if (rules_.source_map.positions.empty()) {
        Error(path + "/score/method", "unknown scoring method '" + ind.score->method + "'");
      }
      return;
    }
    bool all_given = true;
    for (const auto& p : m->params) {
      bool given = p.type == ParamType::kBands ? !ind.score->bands.empty() : ind.score->params.count(p.name) > 0;
      all_given &= !p.required || given;
    }
    std::string problem = ImplOf(*m).check(ResolveContext(*m, *ind.score, ind.weight));
    if (!problem.empty() && all_given) Error(path + "/score", problem);
    if (m->traits.needs_relative_weighting && rules_.weighting == Weighting::kPoints) {
      Error(path + "/score/method", "'" + std::string(m->name) +
                                        "' scores are not bounded (a makerspace two standard deviations above the "
                                        "mean would earn twice the points, one below the mean negative points); with "
                                        "'weighting: points' use minmax, percentile or distance_to_best, or set "
                                        "'weighting: relative'");
    }
    if (m->traits.gives_points && derived_data_weights_) {
      Error(path + "/score/method",
            "'points' needs points fixed in the rule file, but its parent's weights come from the data");
    }
    if (m->traits.gives_points && ind.score->direction == Direction::kLower) {
      Error(path + "/score/direction",
            "'points' gives the points directly, so more is always better; write the "
            "formula so that it gives fewer points for worse values");
    }
    if (m->traits.gives_points && rules_.weighting == Weighting::kRelative) {
      Error(path + "/score/method", "'points' needs point weights ('weighting: points'), to know what to cap at");
    }
    return;
  }
  if (ind.outliers) Error(path + "/outliers", "'outliers' is for quantitative indicators; '" + ind.id + "' is rated");
  const RatedSpec& r = *ind.rated;
  if (!r.scale.empty() && rules_.FindScale(r.scale) == nullptr) {
    std::vector<std::string> scales;
    for (const auto& s : rules_.scales) scales.push_back(s.id);
    Error(path + "/rated/scale",
          "unknown scale '" + r.scale + "'" + DidYouMean(r.scale, scales) +
              (scales.empty() ? "; the rule set defines no 'scales'" : "; defined: " + Join(scales, ", ")));
  }
  if (r.min_ratings < 1) Error(path + "/rated/min_ratings", "'min_ratings' must be at least 1");
  if (r.combine == Combine::kWeightedMean && rules_.experts.empty()) {
    Error(path + "/rated/combine", "'weighted_mean' weighs ratings by the experts' authority; list them in 'experts'");
  }
  if (r.max_cv && !(*r.max_cv > 0)) Error(path + "/rated/max_cv", "'max_cv' must be greater than 0");
  if (r.combine == Combine::kTrimmedMean && r.min_ratings < 3) {
    Error(path + "/rated/min_ratings",
          "'trimmed_mean' drops the highest and the lowest rating, so it needs 'min_ratings' of at "
          "least 3, not " +
              std::to_string(r.min_ratings));
  }
}

void Validator::CheckMissing(const Indicator& ind, const std::string& path) {
  if (!ind.missing_group.empty()) {
    CheckCategoryField(ind.missing_group, path + "/missing_group", "'missing_group'");
  }
  MissingPolicy policy = ind.missing.value_or(rules_.missing);
  if (policy == MissingPolicy::kGroupMean && ind.missing_group.empty() && rules_.missing_group.empty()) {
    Error(
        ind.missing ? path + "/missing" : "missing",
        "'missing: group_mean' needs 'missing_group', the category field that forms the groups (for '" + ind.id + "')");
  }
}

double Validator::WeightOf(const Indicator& ind, const std::string& label) const {
  if (label.empty() || ind.class_weights.empty()) return ind.weight;
  auto it = ind.class_weights.find(label);
  return it == ind.class_weights.end() ? std::nan("") : it->second;
}

// With point weights, siblings must add up to their parent's points, for
// every class; with relative weights, a group that counts for a class needs
// a child that counts for it.
void Validator::CheckWeights(const std::vector<Indicator>& children, const Indicator* parent, const std::string& path) {
  if (children.empty()) return;
  std::vector<std::string> labels = {""};
  if (rules_.classes && !rules_.classes->labels.empty()) labels = rules_.classes->labels;
  std::string what = parent ? "'" + parent->id + "'" : "the rule set's total";
  for (const auto& label : labels) {
    double expected = parent ? WeightOf(*parent, label) : rules_.total;
    if (std::isnan(expected)) return;  // already reported
    double sum = 0;
    std::string terms;
    for (const auto& c : children) {
      double w = WeightOf(c, label);
      if (std::isnan(w)) return;  // already reported
      sum += w;
      terms += (terms.empty() ? "" : " + ") + FormatNumber(w);
    }
    std::string for_class = label.empty() ? "" : " for the class '" + label + "'";
    std::string where = parent ? path + "/weight" : "indicators";
    if (!std::isfinite(sum)) {
      Error(where, "the weights of the children of " + what + for_class +
                       " add up to more than the largest number "
                       "makerscore holds (about 1.8e308): " +
                       terms +
                       "; use smaller weights (only their ratios matter "
                       "with 'weighting: relative')");
    } else if (rules_.weighting == Weighting::kPoints &&
               std::fabs(sum - expected) > 1e-9 * std::max(1.0, std::fabs(expected))) {
      Error(where, "the weights of the children of " + what + for_class + " add up to " + terms + " = " +
                       FormatNumber(sum) + ", not " + FormatNumber(expected) +
                       " (with 'weighting: points' they must add up to the parent's points)");
    } else if (rules_.weighting == Weighting::kRelative && expected > 0 && !(sum > 0)) {
      Error(where, "every child of " + what + " has weight 0" + for_class);
    }
  }
}

// A value in percent points (a field with unit "%", where 69.5 means 69.5%) scored against a parameter
// written with '%' (80% is 0.8): the two meanings of 80% would meet and score nonsense without a word.
void Validator::CheckPercentParams(const Formula& value, const ScoreSpec& score, const std::string& path) {
  const FormulaNode& root = value.nodes()[value.root()];
  if ((root.op != Op::kField && root.op != Op::kPrev) || !IsPercentUnit(rules_.fields[root.field].unit)) return;
  const Field& field = rules_.fields[root.field];
  for (const std::string& param : score.written_as_percent) {
    const std::string where = path + "/score/" + param;
    const auto it = score.params.find(param);
    const std::string written = it == score.params.end()
                                    ? "with '%'"
                                    : FormatNumber(it->second * 100) + "%, the fraction " + FormatNumber(it->second);
    const std::string fix = it == score.params.end() ? "the bounds without '%' (80 for 80%)"
                                                     : FormatNumber(it->second * 100) + " without '%'";
    Error(where, "'" + param + "' is written " + written + ", but the value " + field.id + " (" + field.name +
                     ") is in percent points (unit '%': 69.5 means 69.5%), so the two would not compare; write " + fix);
  }
}

}  // namespace makerscore::detail
