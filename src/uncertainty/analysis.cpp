// Uncertainty and sensitivity analyses: sampling the inputs, running the
// replications on every core, and summarising them.
#include <algorithm>
#include <array>
#include <boost/random/sobol.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "makerscore/error.h"
#include "makerscore/uncertainty.h"
#include "scoring/steps.h"
#include "uncertainty/replicator.h"
#include "util/parallel.h"
#include "util/statistics.h"

namespace makerscore {

namespace {

using detail::Outcomes;
using detail::Replicator;

int Threads(const UncertaintyOptions& o) {
  if (o.threads > 0) return o.threads;
  return detail::HardwareThreads();
}

// Runs body(r) for r in [0, count) on `threads` threads (see detail::ParallelFor), reporting progress.
template <typename Body>
void ParallelFor(long count, int threads, const UncertaintyOptions& options, const Body& body) {
  detail::ParallelFor(count, threads, 32, body, [&](long done) {
    if (options.progress) options.progress(done, count);
  });
  if (options.progress) options.progress(count, count);
}

// Rows of uniform numbers in [0, 1), drawn in order from the seed.
std::vector<std::vector<double>> Uniforms(std::mt19937_64& rng, long rows, size_t columns) {
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<std::vector<double>> out(rows, std::vector<double>(columns));
  for (auto& row : out) {
    for (double& x : row) x = unit(rng);
  }
  return out;
}

// The first N points of a Sobol sequence of dimension 2k: A takes the first k coordinates of each point, B
// the last k. Quasi-random: the points fill the unit cube far more evenly than N pseudo-random ones, so the
// indices settle with fewer runs (Saltelli et al. 2010, section 2). Boost's sequence begins at 0.5 (after
// the all-zero point); with N a power of two each coordinate still falls equally often into each of N's
// equal strata, so an input's alternatives are drawn equally often when their count divides N.
void SobolSamples(long rows, size_t columns, std::vector<std::vector<double>>* a, std::vector<std::vector<double>>* b) {
  boost::random::sobol qrng(2 * columns);
  boost::random::uniform_01<double> unit;
  a->assign(rows, std::vector<double>(columns));
  b->assign(rows, std::vector<double>(columns));
  for (long j = 0; j < rows; ++j) {
    for (size_t i = 0; i < columns; ++i) (*a)[j][i] = unit(qrng);
    for (size_t i = 0; i < columns; ++i) (*b)[j][i] = unit(qrng);
  }
}

const UncertainInputs& CheckedInputs(const UncertainInputs& inputs, int replications) {
  if (replications < 2) throw Error("an uncertainty analysis needs at least 2 replications");
  return inputs;
}

// The mean absolute rank shift against the nominal ranking, over the
// entities ranked in both.
double RankShift(const Outcomes& o, const Outcomes& nominal) {
  double sum = 0;
  int count = 0;
  for (size_t i = 0; i < o.ranks.size(); ++i) {
    if (o.ranks[i] == 0 || nominal.ranks[i] == 0) continue;
    sum += std::abs(o.ranks[i] - nominal.ranks[i]);
    ++count;
  }
  return count ? sum / count : 0;
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return detail::Quantile(v, p);
}

// The 5th, 50th and 95th percentiles (type 7, as detail::Quantile) of one
// entity's ranks over the replications (0: not ranked, left out); NaN when
// never ranked. Small cohorts count the ranks (no sort); large ones sort.
std::array<double, 3> RankPercentiles(const std::vector<int>& ranks, int n, std::vector<long>* counts,
                                      std::vector<double>* sorted) {
  static constexpr double kP[3] = {0.05, 0.5, 0.95};
  std::array<double, 3> out;
  out.fill(std::numeric_limits<double>::quiet_NaN());
  if (n <= 4096) {
    counts->assign(n + 1, 0);
    long total = 0;
    for (int r : ranks) {
      if (r > 0) ++(*counts)[r], ++total;
    }
    if (total == 0) return out;
    // The order statistics each quantile needs, found in one pass over the counts.
    std::array<long, 6> want;
    for (int q = 0; q < 3; ++q) {
      const long lo = static_cast<long>(std::floor((total - 1) * kP[q]));
      want[2 * q] = lo;
      want[2 * q + 1] = std::min(lo + 1, total - 1);
    }
    std::array<double, 6> got;
    long seen = 0;
    size_t next = 0;
    std::array<int, 6> order = {0, 1, 2, 3, 4, 5};  // want is ascending already
    for (int r = 1; r <= n && next < 6; ++r) {
      seen += (*counts)[r];
      while (next < 6 && want[order[next]] < seen) got[order[next++]] = r;
    }
    for (int q = 0; q < 3; ++q) {
      const double h = (total - 1) * kP[q];
      out[q] = got[2 * q] + (h - std::floor(h)) * (got[2 * q + 1] - got[2 * q]);
    }
    return out;
  }
  sorted->clear();
  for (int r : ranks) {
    if (r > 0) sorted->push_back(r);
  }
  if (sorted->empty()) return out;
  std::sort(sorted->begin(), sorted->end());
  for (int q = 0; q < 3; ++q) out[q] = detail::Quantile(*sorted, kP[q]);
  return out;
}

}  // namespace

UncertaintyResult AnalyseUncertainty(const Model& model, std::shared_ptr<const Dataset> current,
                                     std::shared_ptr<const Dataset> previous, std::shared_ptr<const Ratings> ratings,
                                     const UncertainInputs& inputs, const UncertaintyOptions& options) {
  return AnalyseUncertainty(model, Cohort{std::move(current), std::move(previous), std::move(ratings), nullptr}, inputs,
                            options);
}

UncertaintyResult AnalyseUncertainty(const Model& model, const Cohort& cohort, const UncertainInputs& inputs,
                                     const UncertaintyOptions& options) {
  const int n_rep = options.replications.value_or(inputs.replications);
  const std::uint64_t seed = options.seed.value_or(inputs.seed);
  Replicator rep(model, cohort, CheckedInputs(inputs, n_rep), seed);
  const int threads = Threads(options);
  std::mt19937_64 rng(seed);
  std::vector<std::vector<double>> u = Uniforms(rng, n_rep, rep.inputs().size());
  std::vector<std::vector<int>> choices;
  for (const auto& row : u) choices.push_back(rep.Choose(row.data()));
  const std::vector<int> nominal_choice(rep.inputs().size(), -1);
  choices.push_back(nominal_choice);
  rep.Prepare(choices, threads);
  choices.pop_back();
  const Outcomes nominal = rep.Run(nominal_choice);

  const Result& r = rep.nominal();
  const int n = r.entity_count();
  UncertaintyResult out;
  out.seed = seed;
  out.entity_ids = r.entity_ids();
  out.entity_names = r.entity_names();
  for (const auto& g : model.rules().grades) out.grades.push_back(g.label);
  for (const auto& in : rep.inputs()) out.inputs.push_back(in.name);
  out.totals.resize(n_rep, n);
  out.ranks.resize(n_rep, n);
  Eigen::Array<int, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> grades(n_rep, n);
  ParallelFor(n_rep, threads, options, [&](long k) {
    Outcomes o = rep.Run(choices[k]);
    for (int i = 0; i < n; ++i) {
      out.totals(k, i) = o.totals[i];
      out.ranks(k, i) = o.ranks[i];
      grades(k, i) = o.grades[i];
    }
  });

  const int n_grades = static_cast<int>(out.grades.size());
  out.entities.resize(n);
  // Per entity, in one pass over the replications: the total's sum, grade counts.
  std::vector<double> total_sum(n, 0.0);
  std::vector<long> total_count(n, 0), changed(n, 0);
  std::vector<std::vector<long>> grade_counts(n, std::vector<long>(n_grades + 1, 0));
  for (int k = 0; k < n_rep; ++k) {
    for (int i = 0; i < n; ++i) {
      const double t = out.totals(k, i);
      if (!std::isnan(t)) total_sum[i] += t, ++total_count[i];
      const int g = grades(k, i);
      ++grade_counts[i][g >= 0 ? g : n_grades];
      changed[i] += g != nominal.grades[i];
    }
  }
  const double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::vector<int> column(n_rep);
  std::vector<long> counts;
  std::vector<double> sorted;
  for (int i = 0; i < n; ++i) {
    EntityUncertainty& e = out.entities[i];
    e.nominal_total = nominal.totals[i];
    e.nominal_rank = nominal.ranks[i];
    e.nominal_grade = nominal.grades[i];
    for (long c : grade_counts[i]) e.grade_probability.push_back(static_cast<double>(c) / n_rep);
    e.grade_change = static_cast<double>(changed[i]) / n_rep;
    e.mean_total = total_count[i] ? total_sum[i] / total_count[i] : kNaN;
    for (int k = 0; k < n_rep; ++k) column[k] = out.ranks(k, i);
    const std::array<double, 3> p = RankPercentiles(column, n, &counts, &sorted);
    e.rank_p05 = p[0];
    e.median_rank = p[1];
    e.rank_p95 = p[2];
  }
  return out;
}

SensitivityResult AnalyseSensitivity(const Model& model, std::shared_ptr<const Dataset> current,
                                     std::shared_ptr<const Dataset> previous, std::shared_ptr<const Ratings> ratings,
                                     const UncertainInputs& inputs, const UncertaintyOptions& options, int bootstrap) {
  return AnalyseSensitivity(model, Cohort{std::move(current), std::move(previous), std::move(ratings), nullptr}, inputs,
                            options, bootstrap);
}

SensitivityResult AnalyseSensitivity(const Model& model, const Cohort& cohort, const UncertainInputs& inputs,
                                     const UncertaintyOptions& options, int bootstrap) {
  const int n_base = options.replications.value_or(inputs.replications);
  const std::uint64_t seed = options.seed.value_or(inputs.seed);
  Replicator rep(model, cohort, CheckedInputs(inputs, n_base), seed);
  const int threads = Threads(options);
  const size_t k = rep.inputs().size();
  std::vector<std::vector<double>> a, b;
  SobolSamples(n_base, k, &a, &b);
  // Runs: the rows of A, of B, then of A with column i from B, for each input i.
  std::vector<std::vector<int>> choices;
  for (const auto& row : a) choices.push_back(rep.Choose(row.data()));
  for (const auto& row : b) choices.push_back(rep.Choose(row.data()));
  for (size_t i = 0; i < k; ++i) {
    for (int j = 0; j < n_base; ++j) {
      std::vector<double> row = a[j];
      row[i] = b[j][i];
      choices.push_back(rep.Choose(row.data()));
    }
  }
  const std::vector<int> nominal_choice(k, -1);
  choices.push_back(nominal_choice);
  rep.Prepare(choices, threads);
  choices.pop_back();
  const Outcomes nominal = rep.Run(nominal_choice);
  Eigen::VectorXd y(static_cast<Eigen::Index>(choices.size()));
  ParallelFor(static_cast<long>(choices.size()), threads, options,
              [&](long r) { y[r] = RankShift(rep.Run(choices[r]), nominal); });

  SensitivityResult out;
  out.output = "mean absolute rank shift against the nominal ranking";
  out.base_samples = n_base;
  out.runs = static_cast<long>(choices.size());
  out.seed = seed;
  const Eigen::VectorXd fa = y.head(n_base), fb = y.segment(n_base, n_base);
  std::vector<Eigen::VectorXd> fab;
  for (size_t i = 0; i < k; ++i) fab.push_back(y.segment(static_cast<Eigen::Index>((2 + i) * n_base), n_base));
  out.output_mean = y.head(2 * n_base).mean();
  out.output_variance = (y.head(2 * n_base).array() - out.output_mean).square().mean();
  out.indices = EstimateSobolIndices(fa, fb, fab, bootstrap, seed);
  // Convergence: the same estimators on the first N/2 base samples (a Sobol sequence's first points are
  // themselves evenly spread), compared with all N.
  const Eigen::Index half = n_base / 2;
  if (half >= 2) {
    std::vector<Eigen::VectorXd> fab_half;
    for (const auto& f : fab) fab_half.push_back(f.head(half));
    const std::vector<SensitivityIndex> at_half = EstimateSobolIndices(fa.head(half), fb.head(half), fab_half, 0, seed);
    for (size_t i = 0; i < k; ++i) {
      SensitivityIndex& s = out.indices[i];
      s.first_order_half = at_half[i].first_order;
      s.total_effect_half = at_half[i].total_effect;
      out.largest_change = std::max({out.largest_change, std::fabs(s.first_order - s.first_order_half),
                                     std::fabs(s.total_effect - s.total_effect_half)});
    }
    out.converged = out.largest_change <= out.tolerance;
  } else {
    out.largest_change = std::numeric_limits<double>::infinity();
  }
  for (size_t i = 0; i < k; ++i) out.indices[i].input = rep.inputs()[i].name;
  return out;
}

std::vector<SensitivityIndex> EstimateSobolIndices(const Eigen::VectorXd& f_a, const Eigen::VectorXd& f_b,
                                                   const std::vector<Eigen::VectorXd>& f_ab, int bootstrap,
                                                   std::uint64_t seed) {
  const Eigen::Index n = f_a.size();
  if (n < 2 || f_b.size() != n) throw Error("the Sobol estimators need two samples of the same size, at least 2");
  for (const auto& f : f_ab) {
    if (f.size() != n) throw Error("the Sobol estimators need every A_B sample of the size of A");
  }
  // Indices over the rows listed in rows (all, or a bootstrap resample).
  auto estimate = [&](const std::vector<Eigen::Index>& rows, std::vector<double>* first, std::vector<double>* total) {
    double mean = 0, var = 0;
    for (Eigen::Index j : rows) mean += f_a[j] + f_b[j];
    mean /= 2.0 * rows.size();
    for (Eigen::Index j : rows) var += (f_a[j] - mean) * (f_a[j] - mean) + (f_b[j] - mean) * (f_b[j] - mean);
    var /= 2.0 * rows.size();
    first->assign(f_ab.size(), 0.0);
    total->assign(f_ab.size(), 0.0);
    if (!(var > 0)) return;  // the output does not vary: no input explains anything
    const double count = static_cast<double>(rows.size());
    for (size_t i = 0; i < f_ab.size(); ++i) {
      // First order, Janon et al. (2014): f(B) and f(A_B^(i)) share input i alone, so their covariance over
      // their own pooled variance; asymptotically efficient, far steadier than Saltelli's (2010) product.
      double both = 0, cross = 0, squares = 0, t = 0;
      for (Eigen::Index j : rows) {
        const double y = f_b[j], y_i = f_ab[i][j];
        both += (y + y_i) / 2;
        cross += y * y_i;
        squares += (y * y + y_i * y_i) / 2;
        t += (f_a[j] - y_i) * (f_a[j] - y_i);  // total effect, Jansen (1999)
      }
      const double m = both / count, pooled = squares / count - m * m;
      (*first)[i] = pooled > 0 ? (cross / count - m * m) / pooled : 0;
      (*total)[i] = t / (2.0 * count) / var;
    }
  };
  std::vector<Eigen::Index> all(n);
  std::iota(all.begin(), all.end(), 0);
  std::vector<double> first, total;
  estimate(all, &first, &total);
  std::vector<std::vector<double>> first_b(f_ab.size()), total_b(f_ab.size());
  std::mt19937_64 rng(seed ^ 0x626f6f7473747261ULL);
  std::uniform_int_distribution<Eigen::Index> pick(0, n - 1);
  std::vector<Eigen::Index> rows(n);
  std::vector<double> f, t;
  for (int b = 0; b < bootstrap; ++b) {
    for (auto& j : rows) j = pick(rng);
    estimate(rows, &f, &t);
    for (size_t i = 0; i < f_ab.size(); ++i) {
      first_b[i].push_back(f[i]);
      total_b[i].push_back(t[i]);
    }
  }
  std::vector<SensitivityIndex> out(f_ab.size());
  for (size_t i = 0; i < f_ab.size(); ++i) {
    out[i].input = std::to_string(i + 1);
    out[i].first_order = first[i];
    out[i].total_effect = total[i];
    out[i].first_low = bootstrap > 1 ? Percentile(first_b[i], 0.05) : first[i];
    out[i].first_high = bootstrap > 1 ? Percentile(first_b[i], 0.95) : first[i];
    out[i].total_low = bootstrap > 1 ? Percentile(total_b[i], 0.05) : total[i];
    out[i].total_high = bootstrap > 1 ? Percentile(total_b[i], 0.95) : total[i];
  }
  return out;
}

}  // namespace makerscore
