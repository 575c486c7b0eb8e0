// One leaf's values to its scores for the whole cohort: the missing-data
// policy, outliers, the scoring method, then what a missing value earns.
// The engine runs it for every leaf; a replication of the uncertainty
// analysis runs it again for the rated leaves under each drawn panel.
#include <algorithm>
#include <cmath>
#include <limits>

#include "scoring/steps.h"

namespace makerscore::detail {

void ScoreLeaf(const CompiledLeaf& leaf, const std::vector<double>& class_max, const std::vector<int>& classes,
               const Eigen::ArrayXd& x, const double* groups, FlagColumn* flags, IndicatorStats* stats,
               Eigen::ArrayXd* used_out, Eigen::ArrayXd* score_out, std::vector<char>* unscored) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  auto applies = [&](Eigen::Index i) { return class_max.size() <= 1 || class_max[classes[i]] > 0; };
  const Eigen::Index n = x.size();
  IndicatorStats& st = *stats;
  Eigen::ArrayXd& used = *used_out;
  Eigen::ArrayXd& score = *score_out;
  score.resize(n);
  ImputeMissing(leaf, x, groups, &used, flags, &st);
  // A rated leaf's score is its value used: taken, not copied, when that is x scored in place (then read
  // from score below).
  const bool taken = leaf.qualitative() && used_out == &x;
  if (taken) {
    score.swap(used);
  } else if (leaf.qualitative()) {
    score = used;
  }
  if (leaf.qualitative()) {
    st.low = 0;
    st.high = 1;
  } else {
    TreatOutliers(leaf.outliers, &used, flags, &st);
    if (leaf.method->traits.gives_points && class_max.size() > 1) {
      // Points written as rules, capped at each class's own points for the indicator.
      std::vector<double> most(n);
      for (Eigen::Index i = 0; i < n; ++i) most[i] = class_max[classes[i]];
      MethodContext context = leaf.context;
      context.entity_max_points = most.data();
      leaf.impl->score(used, context, &score, flags, &st);
    } else {
      leaf.impl->score(used, leaf.context, &score, flags, &st);
    }
  }
  const double* value = taken ? score.data() : used.data();  // the values used (read once the method is done)
  // A method's arithmetic that overflowed scores nothing: for one entity (a score that is not finite), or for
  // the whole cohort when the cohort figures it used did (max - min beyond about 1.8e308).
  const bool cohort_overflowed = !leaf.qualitative() && !std::isfinite(st.high - st.low);
  constexpr auto kNotApplying = static_cast<std::uint16_t>(kFlagMissing | kFlagImputed | kFlagTooFewRatings |
                                                           kFlagDivisionByZero | kFlagOutOfDomain | kFlagNotFinite);
  // What entity i's score is where it has no value used, or its score is not finite, or the indicator does
  // not apply to it.
  auto finish_entity = [&](Eigen::Index i) {
    if (!applies(i)) {
      (*flags)[i] &= static_cast<std::uint16_t>(~kNotApplying);
      if (std::isnan(score[i]) || !std::isfinite(score[i])) score[i] = 0;  // weighted 0: it earns nothing
      return;
    }
    if (!std::isnan(value[i])) {
      const bool overflowed = (cohort_overflowed || !std::isfinite(score[i])) && !((*flags)[i] & kFlagExcluded);
      if (!overflowed) return;
      (*flags)[i] |= kFlagNotFinite;  // then scored as a missing value is
      score[i] = kNaN;
    }
    switch (leaf.missing) {
      case MissingPolicy::kExclude:
        (*flags)[i] |= kFlagExcluded;
        break;
      case MissingPolicy::kError:
        (*flags)[i] |= kFlagNotScored;
        (*unscored)[i] = 1;
        break;
      default:  // zero, or an imputation with nothing to impute from
        score[i] = 0;
    }
  };
  // An entity needs nothing below when the indicator applies to it, it has a value used and its score is
  // finite: most of them. Blocks where every entity is so are passed over (a check that vectorises).
  constexpr Eigen::Index kBlock = 256;
  const bool may_pass = class_max.size() <= 1 && !cohort_overflowed;
  for (Eigen::Index first = 0; first < n; first += kBlock) {
    const Eigen::Index last = std::min(n, first + kBlock);
    if (may_pass) {
      bool fine = true;
      for (Eigen::Index i = first; i < last; ++i) fine &= !std::isnan(value[i]) & std::isfinite(score[i]);
      if (fine) continue;
    }
    for (Eigen::Index i = first; i < last; ++i) finish_entity(i);
  }
}

}  // namespace makerscore::detail
