// Semantic checks of derived weights (`weights:`): AHP's comparison matrices and their consistency, the
// options of each weighting, and combined weights' two halves.
#include <cmath>

#include "makerscore/weights.h"
#include "rules/validator.h"
#include "rules/words.h"
#include "util/text.h"
#include "weights/weighting.h"

namespace makerscore::detail {

bool StatesSubjectiveWeights(const DerivedWeights& w) {
  return w.method == WeightsMethod::kCombined && w.matrices.empty();
}

void Validator::CheckCombined(const DerivedWeights& w, const std::string& path) {
  if (w.method != WeightsMethod::kCombined) {
    for (const char* key : {"objective", "mix", "alpha"}) {
      const bool given = std::string(key) == "objective" ? w.objective != WeightsMethod::kStated
                         : std::string(key) == "mix"     ? w.mix.has_value()
                                                         : !std::isnan(w.alpha);
      if (given) Error(path + "/" + key, "'" + std::string(key) + "' is for 'method: combined'");
    }
    return;
  }
  if (w.objective == WeightsMethod::kStated) {
    Error(path,
          "'method: combined' needs 'objective': the weighting of the cohort's scores that the subjective "
          "weights are joined with, one of " +
              Listed(ObjectiveWeightings(), " or "));
  }
  if (!w.mix) {
    Error(path,
          "'method: combined' needs 'mix': 'product' (s x o / sum(s x o), 乘法合成归一化) or 'linear' "
          "(alpha x s + (1 - alpha) x o, 线性加权, with 'alpha')");
  } else if (*w.mix == WeightMix::kLinear && std::isnan(w.alpha)) {
    Error(path, "'mix: linear' needs 'alpha', the subjective weights' share from 0 to 1 (0.5: half and half)");
  } else if (*w.mix == WeightMix::kLinear && !(w.alpha >= 0 && w.alpha <= 1)) {
    Error(path + "/alpha", "'alpha' must lie between 0 and 1, not " + FormatNumber(w.alpha));
  } else if (*w.mix == WeightMix::kProduct && !std::isnan(w.alpha)) {
    Error(path + "/alpha", "'alpha' is for 'mix: linear'; 'mix: product' multiplies the two weights");
  }
}

void Validator::CheckDerived(const DerivedWeights& w, const std::vector<Indicator>& children, const std::string& path) {
  if (w.method == WeightsMethod::kStated) return;  // reported by the loader
  if (rules_.classes)
    Error(path, "derived weights are the same for every class; a rule set with 'classes' states them");
  const bool combined = w.method == WeightsMethod::kCombined;
  const WeightsMethod data = combined ? w.objective : w.method;
  if (w.correlation_given && data != WeightsMethod::kCritic) {
    Error(path + "/correlation",
          combined ? "'correlation' is for 'objective: critic'" : "'correlation' is for 'method: critic'");
  }
  if (w.over_values) {
    if (data == WeightsMethod::kStated || !WeightingOf(data).weigh_values) {
      Error(path + "/over",
            "'over: values' is for the weightings the papers compute from values: entropy, cilos, "
            "idocriw and merec" +
                std::string(combined ? " (as the objective)" : "") + ", not " + ToString(data));
    }
    for (const Indicator& c : children) {
      if (!c.score) {
        Error(path + "/over", "'over: values' weighs the children's values, and '" + c.id + "' has none (" +
                                  (c.rated ? "it is rated by experts" : "it is a group") +
                                  "); weigh the scores instead (leave 'over' out)");
      }
    }
  }
  CheckCombined(w, path);
  if (!WeightingOf(w.method).from_judgments && !(combined && !w.matrices.empty())) {
    if (!w.matrices.empty()) Error(path + "/matrix", "'matrix' is for 'method: ahp' (or 'method: combined')");
    return;
  }
  if (w.matrices.empty()) {
    Error(path,
          "'method: ahp' needs 'matrix' (or 'matrices', one per expert): the pairwise comparisons of the children");
    return;
  }
  const size_t n = children.size();
  std::vector<Eigen::MatrixXd> matrices;
  for (size_t k = 0; k < w.matrices.size(); ++k) {
    const auto& rows = w.matrices[k];
    std::string which = w.matrices.size() > 1 ? "matrix " + std::to_string(k + 1) + ": " : "";
    bool square = rows.size() == n;
    for (const auto& r : rows) square &= r.size() == n;
    if (!square) {
      Error(path, which + "the comparison matrix must be " + std::to_string(n) + " x " + std::to_string(n) +
                      ", one row and column per child in their order");
      return;
    }
    Eigen::MatrixXd m(n, n);
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j];
    }
    std::string problem = CheckComparisonMatrix(m);
    if (!problem.empty()) {
      Error(path, which + problem);
      return;
    }
    matrices.push_back(m);
  }
  AhpResult r = Ahp(matrices, w.geometric_mean ? AhpPriority::kGeometricMean : AhpPriority::kEigenvector,
                    w.combine_priorities ? AhpCombine::kPriorities : AhpCombine::kJudgments, w.random_index);
  double cr = std::max(r.cr, r.worst_cr);
  if (cr >= 0.1 && !w.accept_inconsistent) {
    Error(path, "the comparisons are inconsistent: CR = " + FormatNumber(cr, 3) + " (CI " + FormatNumber(r.ci, 4) +
                    " / RI " + FormatNumber(r.ri, 4) + " of " + RandomIndexSource(w.random_index) +
                    "), 0.1 or more; revise them, or set 'accept_inconsistent: true'");
  }
}

}  // namespace makerscore::detail
