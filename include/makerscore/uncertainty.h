// makerscore: how much do ranks and grades depend on the choices made in a
// rule set? Monte Carlo uncertainty analysis and variance-based sensitivity
// analysis (the OECD/JRC Handbook on composite indicators, as COINr does it).
#ifndef MAKERSCORE_UNCERTAINTY_H_
#define MAKERSCORE_UNCERTAINTY_H_

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "makerscore/dataset.h"
#include "makerscore/model.h"
#include "makerscore/ratings.h"
#include "makerscore/score.h"

namespace makerscore {

// How to run an analysis. The uncertain inputs themselves are a rule set's
// `uncertainty:` section (RuleSet::uncertainty) or given in code.
struct UncertaintyOptions {
  std::optional<int> replications;    // default: the inputs' replications
  std::optional<std::uint64_t> seed;  // default: the inputs' seed
  int threads = 0;                    // 0: every core; the results do not depend on it
  // Called now and then from the calling thread with the replications done
  // so far and the number to do (for a progress bar).
  std::function<void(long done, long total)> progress;
};

// One entity across the replications.
struct EntityUncertainty {
  double nominal_total = 0;  // as the rule file scores it
  int nominal_rank = 0;      // 0: not ranked
  int nominal_grade = -1;    // index into the rule set's grades; -1: none
  double mean_total = 0;     // over the replications where it has a total
  double median_rank = 0;    // over the replications where it is ranked; NaN if never
  double rank_p05 = 0;       // 5th percentile of its rank
  double rank_p95 = 0;       // 95th percentile of its rank
  // The share of replications giving each grade (in the rule set's order),
  // then the share giving no grade.
  std::vector<double> grade_probability;
  double grade_change = 0;  // the share of replications whose grade differs from the nominal one
};

// The result of AnalyseUncertainty.
struct UncertaintyResult {
  std::vector<std::string> entity_ids, entity_names;
  std::vector<std::string> grades;  // the rule set's grade labels, best first
  std::vector<std::string> inputs;  // the uncertain inputs, as named in reports
  std::vector<EntityUncertainty> entities;
  // Replications x entities, one row per replication (row-major): each
  // replication's totals (NaN: none) and ranks (0: not ranked).
  Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> totals;
  Eigen::Array<int, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> ranks;
  std::uint64_t seed = 0;
};

// Runs the model over replications of the uncertain inputs: in each, every
// input takes one of its values at random (a weight set, an alternative
// method, an expert panel ...). Replications that differ only in the weights
// reuse the normalised scores. Throws Error when inputs has nothing that
// varies, RuleError when an alternative makes an invalid rule set, and
// DataError as Score() does. Runs on options.threads threads; each
// replication scores on one of them.
UncertaintyResult AnalyseUncertainty(const Model& model, const Cohort& cohort, const UncertainInputs& inputs,
                                     const UncertaintyOptions& options = {});
// The same, with the inputs given one by one.
UncertaintyResult AnalyseUncertainty(const Model& model, std::shared_ptr<const Dataset> current,
                                     std::shared_ptr<const Dataset> previous, std::shared_ptr<const Ratings> ratings,
                                     const UncertainInputs& inputs, const UncertaintyOptions& options = {});

// First-order and total-effect sensitivity indices of one uncertain input,
// with 90% bootstrap confidence intervals, and the same indices from the
// first half of the base samples (to see whether they have settled).
struct SensitivityIndex {
  std::string input;
  double first_order = 0, first_low = 0, first_high = 0;
  double total_effect = 0, total_low = 0, total_high = 0;
  double first_order_half = 0, total_effect_half = 0;  // from the first N/2 base samples
};

// The result of AnalyseSensitivity.
struct SensitivityResult {
  std::string output;    // what the indices explain: the mean absolute rank shift
  int base_samples = 0;  // N: the model ran N x (inputs + 2) times
  long runs = 0;
  double output_mean = 0, output_variance = 0;
  std::vector<SensitivityIndex> indices;  // one per uncertain input
  std::uint64_t seed = 0;
  // The convergence check: the indices from N and from N/2 base samples differ
  // by at most `largest_change`; converged when that is within `tolerance`
  // (0.05). When not, N is too small: double it (--replications).
  double largest_change = 0;
  double tolerance = 0.05;
  bool converged = false;
};

// Variance-based sensitivity of the mean absolute rank shift (against the
// nominal ranking) to each uncertain input: Janon et al.'s (2014) first-order
// and Jansen's (1999) total-effect estimators over N base samples (N = the
// replications) drawn from a quasi-random Sobol sequence (Boost's sobol, of
// dimension twice the inputs: A from the first half of each point, B from the
// second; best with N a power of two), with bootstrap confidence
// intervals (5th-95th percentile of `bootstrap` resamples) for both indices,
// and a convergence check against the first N/2 samples. Nothing is clipped:
// a first-order estimate below 0 or above the total effect is reported as
// estimated (see docs/uncertainty.md).
SensitivityResult AnalyseSensitivity(const Model& model, const Cohort& cohort, const UncertainInputs& inputs,
                                     const UncertaintyOptions& options = {}, int bootstrap = 1000);
// The same, with the inputs given one by one.
SensitivityResult AnalyseSensitivity(const Model& model, std::shared_ptr<const Dataset> current,
                                     std::shared_ptr<const Dataset> previous, std::shared_ptr<const Ratings> ratings,
                                     const UncertainInputs& inputs, const UncertaintyOptions& options = {},
                                     int bootstrap = 1000);

// The estimators themselves, for any model output: f_a and f_b are the
// outputs at the N rows of two independent sample matrices A and B, f_ab[i]
// those at A with column i taken from B. Returns one index per input (named
// "1", "2" ...). Throws Error when the sizes disagree or N < 2.
std::vector<SensitivityIndex> EstimateSobolIndices(const Eigen::VectorXd& f_a, const Eigen::VectorXd& f_b,
                                                   const std::vector<Eigen::VectorXd>& f_ab, int bootstrap,
                                                   std::uint64_t seed);

}  // namespace makerscore

#endif  // MAKERSCORE_UNCERTAINTY_H_
