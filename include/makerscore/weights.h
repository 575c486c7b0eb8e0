// makerscore: weights derived from pairwise comparisons (AHP) or from the
// cohort's data (entropy, CRITIC, standard deviation, equal).
#ifndef MAKERSCORE_WEIGHTS_H_
#define MAKERSCORE_WEIGHTS_H_

#include <Eigen/Core>
#include <string>
#include <vector>

#include "makerscore/rules.h"

namespace makerscore {

// How AHP turns a comparison matrix into priorities.
enum class AhpPriority { kEigenvector, kGeometricMean };
// How a group of experts' matrices are combined: their judgments (the
// element-wise geometric mean matrix) or their priorities (the normalised
// geometric mean of each expert's priorities).
enum class AhpCombine { kJudgments, kPriorities };

struct AhpResult {
  Eigen::VectorXd weights;  // sums to 1
  double lambda_max = 0;    // of the (combined) matrix
  double ci = 0;            // (lambda_max - n) / (n - 1)
  double ri = 0;            // random index for n, from the table asked for
  double cr = 0;            // ci / ri; 0 for n <= 2
  double worst_cr = 0;      // the largest CR of the individual matrices
  int missing = 0;          // comparisons not made (above the diagonal) in the (combined) matrix
};

// The random consistency index for an n x n matrix from a published table: Saaty 1980 (the table most
// Chinese practice uses: 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49 for n = 1..10), or Alonso &
// Lamata 2006 (0.5245 for n = 3 ... 1.5838 for n = 15, from 100,000 random matrices each). Throws Error for
// n > 15 (where both tables end).
double RandomIndex(int n, RandomIndexTable table = RandomIndexTable::kSaaty);
// The table's source, for outputs: "Saaty 1980", "Alonso & Lamata 2006".
const char* RandomIndexSource(RandomIndexTable table);

// "" when matrix is a valid comparison matrix (square, positive, ones on the diagonal, a_ji = 1 / a_ij
// within 1%; a comparison not made is NaN on both sides, and those made connect every child with the
// others), else what is wrong.
std::string CheckComparisonMatrix(const Eigen::MatrixXd& matrix);

// AHP weights of one or several experts' matrices (all valid and the same size).
// The consistency ratios divide by the random index of table. A matrix may be incomplete (NaN for the
// comparisons not made): kEigenvector then takes the eigenvector of its optimal completion, the one with
// the smallest lambda_max, and kGeometricMean the logarithmic least squares weights (Bozóki, Fülöp &
// Rónyai 2010); lambda_max and CR are the optimal completion's. Experts' judgments combine over those who
// made each comparison. Throws Error when the experts' comparisons together leave children unconnected.
AhpResult Ahp(const std::vector<Eigen::MatrixXd>& matrices, AhpPriority priority = AhpPriority::kEigenvector,
              AhpCombine combine = AhpCombine::kJudgments, RandomIndexTable table = RandomIndexTable::kSaaty);

// Data-driven weighting methods: WeightsMethod's kEntropy, kCritic, kStandardDeviation and kEqual.
using DataWeighting = WeightsMethod;

// Weights (summing to 1) of the columns of scores (entities x indicators,
// all >= 0 for entropy). Entropy: 1 - e_j, e_j = -sum p ln p / ln n with
// p = x / column sum. CRITIC: sd_j x sum_k (1 - r_jk). Standard deviation:
// proportional to the sample SD. When every column is uninformative (all
// constant), equal weights. Throws Error with fewer than 2 rows, or a
// negative score for entropy, or for a method that does not weigh data (kAhp, kStated).
// how gives the method's options (CRITIC's correlation); its method is not read.
Eigen::VectorXd DataWeights(DataWeighting method, const Eigen::MatrixXd& scores, const DerivedWeights& how = {});

// The same from the children's values instead of their scores (`weights: {over: values}`), as the papers
// compute them from the decision matrix: entropy of the values as they are; CILOS and MEREC of their
// benefit form, where a column with lower[j] set (lower is better) enters as 1 / x (the papers' min / x);
// IDOCRIW the two multiplied (Zavadskas & Podvezko 2016). Throws Error for another method, fewer than 2
// rows, or a lower-is-better value of 0 or less.
Eigen::VectorXd DataWeightsOfValues(DataWeighting method, const Eigen::MatrixXd& values, const std::vector<char>& lower,
                                    const DerivedWeights& how = {});

// Combined subjective-objective weights (组合赋权) of the same children, each summing to 1: by kProduct
// s_j o_j / sum_k s_k o_k, by kLinear alpha s_j + (1 - alpha) o_j (alpha in [0, 1]). Throws Error when
// the sizes differ, alpha is outside [0, 1] for kLinear, or no child has both weights above 0 (kProduct).
Eigen::VectorXd CombineWeights(const Eigen::VectorXd& subjective, const Eigen::VectorXd& objective, WeightMix mix,
                               double alpha = 0.5);

}  // namespace makerscore

#endif  // MAKERSCORE_WEIGHTS_H_
