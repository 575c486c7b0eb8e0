// The analytic hierarchy process: priorities and consistency.
#include <Eigen/Eigenvalues>
#include <cmath>
#include <limits>

#include "makerscore/error.h"
#include "makerscore/weights.h"
#include "util/text.h"
#include "weights/incomplete.h"
#include "weights/weighting.h"

namespace makerscore {

namespace {

// The principal right eigenvector (normalised to sum 1) and its eigenvalue.
Eigen::VectorXd Principal(const Eigen::MatrixXd& a, double* lambda) {
  Eigen::EigenSolver<Eigen::MatrixXd> solver(a);
  Eigen::Index best = 0;
  for (Eigen::Index k = 1; k < a.rows(); ++k) {
    if (solver.eigenvalues()[k].real() > solver.eigenvalues()[best].real()) best = k;
  }
  *lambda = solver.eigenvalues()[best].real();
  Eigen::VectorXd v = solver.eigenvectors().col(best).real().cwiseAbs();
  return v / v.sum();
}

Eigen::VectorXd GeometricMeanRows(const Eigen::MatrixXd& a) {
  Eigen::VectorXd v = a.array().log().rowwise().mean().exp().matrix();
  return v / v.sum();
}

// lambda_max estimated as the mean of (A w)_i / w_i (exact for the eigenvector).
double LambdaOf(const Eigen::MatrixXd& a, const Eigen::VectorXd& w) { return ((a * w).array() / w.array()).mean(); }

void Consistency(const Eigen::MatrixXd& a, const Eigen::VectorXd& w, double lambda, RandomIndexTable table,
                 AhpResult* r) {
  const double n = static_cast<double>(a.rows());
  r->lambda_max = lambda;
  r->ri = RandomIndex(static_cast<int>(a.rows()), table);
  r->ci = n > 2 ? (lambda - n) / (n - 1) : 0;
  r->cr = r->ri > 0 ? r->ci / r->ri : 0;
  (void)w;
}

// Priorities and lambda_max. An incomplete matrix (NaN for the comparisons not made) is completed
// optimally (Bozóki, Fülöp & Rónyai 2010): the eigenvector of that completion, or the logarithmic least
// squares weights (the geometric means' generalisation); lambda_max is the optimal completion's.
Eigen::VectorXd Priorities(const Eigen::MatrixXd& a, AhpPriority p, double* lambda) {
  if (detail::MissingComparisons(a) > 0) {
    const Eigen::VectorXd w = Principal(detail::OptimalCompletion(a), lambda);
    return p == AhpPriority::kEigenvector ? w : detail::Llsm(a);
  }
  if (p == AhpPriority::kEigenvector) return Principal(a, lambda);
  Eigen::VectorXd w = GeometricMeanRows(a);
  *lambda = LambdaOf(a, w);
  return w;
}

}  // namespace

double RandomIndex(int n, RandomIndexTable table) {
  static const double kSaaty[] = {0,    0,    0,    0.58, 0.90, 1.12, 1.24, 1.32,
                                  1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};
  // Alonso, J. A. & Lamata, M. T. (2006), "Consistency in the analytic hierarchy process: a new approach",
  // International Journal of Uncertainty, Fuzziness and Knowledge-Based Systems 14(4), 445-459, Table 3.
  static const double kAlonsoLamata[] = {0,      0,      0,      0.5245, 0.8815, 1.1086, 1.2479, 1.3417,
                                         1.4056, 1.4499, 1.4854, 1.5141, 1.5365, 1.5551, 1.5713, 1.5838};
  if (n < 1 || n > 15)
    throw Error("AHP: no random index for a " + std::to_string(n) + " x " + std::to_string(n) + " matrix (1 to 15)");
  return table == RandomIndexTable::kAlonsoLamata ? kAlonsoLamata[n] : kSaaty[n];
}

const char* RandomIndexSource(RandomIndexTable table) {
  return table == RandomIndexTable::kAlonsoLamata ? "Alonso & Lamata 2006" : "Saaty 1980";
}

std::string CheckComparisonMatrix(const Eigen::MatrixXd& a) {
  if (a.rows() != a.cols() || a.rows() == 0) return "a comparison matrix must be square";
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      std::string where = " (row " + std::to_string(i + 1) + ", column " + std::to_string(j + 1) + ")";
      if (i != j && std::isnan(a(i, j))) {  // a comparison not made
        if (!std::isnan(a(j, i))) {
          return "a comparison not made is left out on both sides of the diagonal: row " + std::to_string(i + 1) +
                 ", column " + std::to_string(j + 1) + " is empty but row " + std::to_string(j + 1) + ", column " +
                 std::to_string(i + 1) + " is " + detail::FormatNumber(a(j, i));
        }
        continue;
      }
      if (!(a(i, j) > 0) || !std::isfinite(a(i, j))) return "every comparison must be a positive number" + where;
      if (i == j && a(i, j) != 1) return "the diagonal must be 1" + where;
      if (std::fabs(a(i, j) * a(j, i) - 1) > 0.01) {
        return "the matrix must be reciprocal: " + detail::FormatNumber(a(i, j)) + " and " +
               detail::FormatNumber(a(j, i)) + where + " are not each other's inverse";
      }
    }
  }
  return detail::CheckConnected(a);
}

AhpResult Ahp(const std::vector<Eigen::MatrixXd>& matrices, AhpPriority priority, AhpCombine combine,
              RandomIndexTable table) {
  if (matrices.empty()) throw Error("AHP: no comparison matrix");
  AhpResult r;
  double lambda = 0;
  for (const auto& m : matrices) {
    AhpResult one;
    Eigen::VectorXd w = Priorities(m, priority, &lambda);
    Consistency(m, w, lambda, table, &one);
    r.worst_cr = std::max(r.worst_cr, one.cr);
  }
  if (matrices.size() == 1 || combine == AhpCombine::kJudgments) {
    // The element-wise geometric mean over the experts who made each comparison (NaN where none did).
    const Eigen::Index n = matrices[0].rows();
    Eigen::MatrixXd logs = Eigen::MatrixXd::Zero(n, n), made = Eigen::MatrixXd::Zero(n, n);
    for (const auto& m : matrices) {
      logs += m.array().isNaN().select(0.0, m.array().log()).matrix();
      made += (!m.array().isNaN()).cast<double>().matrix();
    }
    Eigen::MatrixXd combined =
        (made.array() > 0).select((logs.array() / made.array()).exp(), std::numeric_limits<double>::quiet_NaN());
    if (matrices.size() > 1) {
      if (std::string apart = detail::CheckConnected(combined); !apart.empty()) throw Error("AHP: " + apart);
    }
    r.missing = detail::MissingComparisons(combined);
    r.weights = Priorities(combined, priority, &lambda);
    Consistency(combined, r.weights, lambda, table, &r);
    return r;
  }
  Eigen::VectorXd logs = Eigen::VectorXd::Zero(matrices[0].rows());
  for (const auto& m : matrices) logs += Priorities(m, priority, &lambda).array().log().matrix();
  Eigen::VectorXd w = (logs / static_cast<double>(matrices.size())).array().exp().matrix();
  r.weights = w / w.sum();
  r.cr = r.worst_cr;
  return r;
}

}  // namespace makerscore

namespace makerscore::detail {

// AHP: the weights come from the rule file's comparison matrices (Ahp() above) when it is compiled.
const WeightingDef kAhpWeighting = {nullptr,
                                    /*from_judgments=*/true,
                                    /*from_scores=*/false,
                                    /*min_entities=*/0,
                                    "principal eigenvector of `matrix` (Saaty)",
                                    nullptr};

}  // namespace makerscore::detail
