// Synthetic Guangxi cohorts for the benchmarks: rows of the example cohort,
// resampled and jittered with a fixed seed, with five experts' ratings.
#ifndef MAKERSCORE_BENCH_COHORT_H_
#define MAKERSCORE_BENCH_COHORT_H_

#include <makerscore/makerscore.h>

#include <cmath>
#include <random>

namespace makerscore::bench {

inline const std::string kRoot = MAKERSCORE_SOURCE_DIR;
inline const std::string kRules = kRoot + "/rules/guangxi-2019.yaml";

struct Cohort {
  Model model;
  std::shared_ptr<Dataset> now, last;
  std::shared_ptr<Ratings> ratings;
};

// n makerspaces: rows of the example cohort, resampled and jittered.
inline Cohort MakeCohort(int n) {
  Model model = Model::Compile(LoadRulesOrThrow(kRules));
  auto base_now = ReadDatasetCsv(kRoot + "/examples/data/guangxi-example-2019.csv", model.rules());
  auto base_last = ReadDatasetCsv(kRoot + "/examples/data/guangxi-example-2018.csv", model.rules());
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<int> pick(0, base_now.entity_count() - 1);
  std::uniform_real_distribution<double> jitter(0.8, 1.2);
  const int nf = base_now.field_count();
  Eigen::MatrixXd now(n, nf), last(n, nf);
  std::vector<std::string> ids(n);
  auto ratings = std::make_shared<Ratings>();
  const char* levels[] = {"优", "良", "中", "差"};
  std::uniform_int_distribution<int> level(0, 3);
  for (int i = 0; i < n; ++i) {
    int k = pick(rng);
    ids[i] = "S" + std::to_string(i);
    for (int f = 0; f < nf; ++f) {
      now(i, f) = std::round(base_now.value(k, f) * jitter(rng));
      last(i, f) = std::round(base_now.value(k, f) * jitter(rng));
    }
    for (const char* item : {"1.1", "1.2", "1.3", "2.3", "2.4", "3.7", "3.9", "4.3", "4.4"}) {
      for (int e = 0; e < 5; ++e) ratings->Add(ids[i], item, "E" + std::to_string(e), levels[level(rng)]);
    }
  }
  auto fields = base_now.field_ids();
  return {model, std::make_shared<Dataset>(fields, ids, std::vector<std::string>{}, now),
          std::make_shared<Dataset>(fields, ids, std::vector<std::string>{}, last), ratings};
}

}  // namespace makerscore::bench

#endif  // MAKERSCORE_BENCH_COHORT_H_
