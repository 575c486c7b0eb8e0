// Small statistics shared by the stages (internal): means, spread, quantiles, shape.
// Each takes the values present (no NaN) and says what it returns for too few.
#ifndef MAKERSCORE_SRC_UTIL_STATISTICS_H_
#define MAKERSCORE_SRC_UTIL_STATISTICS_H_

#include <cstddef>
#include <vector>

namespace makerscore::detail {

// The arithmetic mean; NaN for no values.
double Mean(const std::vector<double>& v);
// The median (the mean of the two middle values for an even count); NaN for no values.
double Median(std::vector<double> v);
// The sample standard deviation (n - 1); 0 for fewer than 2 values.
double SampleSd(const std::vector<double>& v);
// The coefficient of variation, SampleSd / Mean; NaN for fewer than 2 values or a mean <= 0.
double Cv(const std::vector<double>& v);
double Cv(const double* v, std::size_t n);  // the same, of n values from v
// The p-quantile of sorted values, linear between order statistics (type 7, Excel's PERCENTILE.INC);
// NaN for no values.
double Quantile(const std::vector<double>& sorted, double p);
// Sample skewness and excess kurtosis, bias-corrected (Excel's SKEW and KURT, e1071 type 2); NaN with fewer
// than 3 (skewness) or 4 (kurtosis) values, 0 when every value is the same.
double SampleSkewness(const std::vector<double>& x);
double SampleKurtosis(const std::vector<double>& x);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_UTIL_STATISTICS_H_
