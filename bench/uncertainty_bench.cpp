// Benchmarks of the uncertainty analysis: the Guangxi rules over 1,000
// makerspaces with the weights varying (10,000 replications); the Guangxi
// example with every input of examples/data/guangxi-uncertainty.yaml, the
// expert panel resampled among them (10,000 replications); and the ASEM index
// with its four uncertain inputs (100 replications).
#include <benchmark/benchmark.h>
#include <makerscore/makerscore.h>

#include "cohort.h"

namespace {

using makerscore::bench::kRoot;

void BM_UncertaintyGuangxiWeights(benchmark::State& state) {
  makerscore::bench::Cohort c = makerscore::bench::MakeCohort(1000);
  makerscore::UncertainInputs inputs;
  inputs.weight_noise = 0.25;
  makerscore::UncertaintyOptions options;
  options.replications = 10000;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(makerscore::AnalyseUncertainty(c.model, c.now, c.last, c.ratings, inputs, options));
  }
  state.SetItemsProcessed(state.iterations() * 10000);  // replications
}
BENCHMARK(BM_UncertaintyGuangxiWeights)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_UncertaintyGuangxiExampleEveryInput(benchmark::State& state) {
  makerscore::LoadResult loaded = makerscore::LoadRulesWithInputs(kRoot + "/rules/guangxi-2019.yaml",
                                                                  kRoot + "/examples/data/guangxi-uncertainty.yaml");
  makerscore::Model model = makerscore::Model::Compile(*loaded.rules);
  const std::string data = kRoot + "/examples/data/";
  auto now = std::make_shared<makerscore::Dataset>(
      makerscore::ReadDatasetCsv(data + "guangxi-example-2019.csv", model.rules()));
  auto last = std::make_shared<makerscore::Dataset>(
      makerscore::ReadDatasetCsv(data + "guangxi-example-2018.csv", model.rules()));
  auto ratings =
      std::make_shared<makerscore::Ratings>(makerscore::ReadRatingsCsv(data + "guangxi-example-ratings.csv"));
  makerscore::UncertaintyOptions options;
  options.replications = 10000;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        makerscore::AnalyseUncertainty(model, now, last, ratings, *model.rules().uncertainty, options));
  }
  state.SetItemsProcessed(state.iterations() * 10000);
}
BENCHMARK(BM_UncertaintyGuangxiExampleEveryInput)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_UncertaintyAsem(benchmark::State& state) {
  makerscore::LoadResult loaded = makerscore::LoadRulesWithInputs(kRoot + "/rules/asem-connectivity.yaml",
                                                                  kRoot + "/examples/data/asem/asem-uncertainty.yaml");
  makerscore::Model model = makerscore::Model::Compile(*loaded.rules);
  auto data = std::make_shared<makerscore::Dataset>(
      makerscore::ReadDatasetCsv(kRoot + "/examples/data/asem/ASEM_iData.csv", model.rules()));
  makerscore::UncertaintyOptions options;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        makerscore::AnalyseUncertainty(model, data, nullptr, nullptr, *model.rules().uncertainty, options));
  }
  state.SetItemsProcessed(state.iterations() * 100);
}
BENCHMARK(BM_UncertaintyAsem)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
