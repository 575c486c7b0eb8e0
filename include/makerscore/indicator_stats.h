// makerscore: the cohort figures one indicator was scored with.
#ifndef MAKERSCORE_INDICATOR_STATS_H_
#define MAKERSCORE_INDICATOR_STATS_H_

#include <limits>

namespace makerscore {

// Cohort figures used for one indicator in one scoring run, kept so that each
// number can be explained.
struct IndicatorStats {
  double low = 0;   // the lower end the method used (cohort min, goalpost ...)
  double high = 0;  // the upper end (cohort max, goalpost, benchmark ...)
  double fill = 0;  // the imputed value (missing policy mean/median), else NaN
  int present = 0;  // entities whose value could be computed
  // Outlier treatment: the skewness and kurtosis of the values before it,
  // how many values were winsorised or capped, whether the log fallback was
  // used, and for capping the two percentile values.
  double skew = 0;
  double kurtosis = 0;
  int treated = 0;
  bool log_transformed = false;
  double cap_low = 0;
  double cap_high = 0;
  // Qualitative indicators: the panel's agreement over all entities,
  // Kendall's W of the experts' ratings with its p-value (NaN when fewer
  // than 2 experts rated every entity).
  double agreement_w = std::numeric_limits<double>::quiet_NaN();
  double agreement_p = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace makerscore

#endif  // MAKERSCORE_INDICATOR_STATS_H_
