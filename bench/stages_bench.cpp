// Benchmarks of the pipeline's stages on the Guangxi rules: load, compile,
// score (cohort size swept), explain. Setup stays outside the timed loops.
// Synthetic cohorts are drawn from the example cohort's rows with a fixed seed.
#include <benchmark/benchmark.h>

#include <makerscore/makerscore.h>

#include <random>

namespace {

const std::string kRoot = MAKERSCORE_SOURCE_DIR;
const std::string kRules = kRoot + "/rules/guangxi-2019.yaml";

struct Cohort {
  makerscore::Model model;
  std::shared_ptr<makerscore::Dataset> now, last;
  std::shared_ptr<makerscore::Ratings> ratings;
};

// n makerspaces: rows of the example cohort, resampled and jittered.
Cohort MakeCohort(int n) {
  makerscore::Model model = makerscore::Model::Compile(makerscore::LoadRulesOrThrow(kRules));
  auto base_now = makerscore::ReadDatasetCsv(kRoot + "/examples/data/guangxi-example-2019.csv", model.rules());
  auto base_last = makerscore::ReadDatasetCsv(kRoot + "/examples/data/guangxi-example-2018.csv", model.rules());
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<int> pick(0, base_now.entity_count() - 1);
  std::uniform_real_distribution<double> jitter(0.8, 1.2);
  const int nf = base_now.field_count();
  Eigen::MatrixXd now(n, nf), last(n, nf);
  std::vector<std::string> ids(n);
  auto ratings = std::make_shared<makerscore::Ratings>();
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
      for (int e = 0; e < 5; ++e) ratings->items.push_back({ids[i], item, "E" + std::to_string(e), levels[level(rng)]});
    }
  }
  auto fields = base_now.field_ids();
  return {model, std::make_shared<makerscore::Dataset>(fields, ids, std::vector<std::string>{}, now),
          std::make_shared<makerscore::Dataset>(fields, ids, std::vector<std::string>{}, last), ratings};
}

void BM_LoadRules(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(makerscore::LoadRules(kRules));
}
BENCHMARK(BM_LoadRules)->Unit(benchmark::kMicrosecond);

void BM_Compile(benchmark::State& state) {
  makerscore::RuleSet rules = makerscore::LoadRulesOrThrow(kRules);
  for (auto _ : state) benchmark::DoNotOptimize(makerscore::Model::Compile(rules));
}
BENCHMARK(BM_Compile)->Unit(benchmark::kMicrosecond);

void BM_Score(benchmark::State& state) {
  Cohort c = MakeCohort(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(makerscore::Score(c.model, c.now, c.last, c.ratings));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Score)->RangeMultiplier(10)->Range(100, 100000)->Unit(benchmark::kMillisecond);

void BM_Explain(benchmark::State& state) {
  Cohort c = MakeCohort(1000);
  makerscore::Result r = makerscore::Score(c.model, c.now, c.last, c.ratings);
  for (auto _ : state) benchmark::DoNotOptimize(makerscore::Explain(r, "S7"));
}
BENCHMARK(BM_Explain)->Unit(benchmark::kMicrosecond);

}  // namespace
