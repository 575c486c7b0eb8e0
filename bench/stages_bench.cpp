// Benchmarks of the pipeline's stages on the Guangxi rules: load, compile,
// score (cohort size swept), explain. Setup stays outside the timed loops.
// Synthetic cohorts are drawn from the example cohort's rows with a fixed seed.
#include <benchmark/benchmark.h>
#include <makerscore/makerscore.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>
#include <string>

#include "cohort.h"
#include "rules/yaml_fast_parse.h"

namespace {

using makerscore::bench::Cohort;
using makerscore::bench::kRules;
using makerscore::bench::MakeCohort;

void BM_LoadRules(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(makerscore::LoadRules(kRules));
}
BENCHMARK(BM_LoadRules)->Unit(benchmark::kMicrosecond);

// yaml-cpp's parser alone on the same file, its events handed to nothing: what BM_LoadRules would start
// from were rule files parsed by yaml-cpp (docs/decisions.md, "Loading: libfyaml first").
class IgnoreEvents : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string& value) override {
    benchmark::DoNotOptimize(value.data());
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// The Guangxi rule file's text.
std::string RulesText() {
  std::ifstream in(kRules);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void BM_LoadRulesYamlCppParserOnly(benchmark::State& state) {
  const std::string yaml = RulesText();
  for (auto _ : state) {
    std::istringstream stream(yaml);
    YAML::Parser parser(stream);
    IgnoreEvents ignore;
    parser.HandleNextDocument(ignore);
  }
}
BENCHMARK(BM_LoadRulesYamlCppParserOnly)->Unit(benchmark::kMicrosecond);

// The fast path's parse alone (libfyaml's events, translated to yaml-cpp's), handed to nothing: the floor
// of BM_LoadRules.
void BM_LoadRulesFastParserOnly(benchmark::State& state) {
  const std::string yaml = RulesText();
  for (auto _ : state) {
    IgnoreEvents ignore;
    if (!makerscore::detail::ParseFirstDocumentFast(yaml, &ignore)) state.SkipWithError("not read the fast way");
  }
}
BENCHMARK(BM_LoadRulesFastParserOnly)->Unit(benchmark::kMicrosecond);

// YAML::Load, the parser building yaml-cpp's own node tree, which the loader no longer uses.
void BM_LoadRulesYamlCppLoad(benchmark::State& state) {
  const std::string yaml = RulesText();
  for (auto _ : state) benchmark::DoNotOptimize(YAML::Load(yaml));
}
BENCHMARK(BM_LoadRulesYamlCppLoad)->Unit(benchmark::kMicrosecond);

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
BENCHMARK(BM_Score)->RangeMultiplier(10)->Range(100, 1000000)->Unit(benchmark::kMillisecond);

// A cohort scored keeping `detail`.
void ScoreKeeping(benchmark::State& state, makerscore::ScoreDetail detail) {
  Cohort c = MakeCohort(static_cast<int>(state.range(0)));
  makerscore::ScoreOptions options;
  options.detail = detail;
  const makerscore::Cohort cohort{c.now, c.last, c.ratings, nullptr};
  for (auto _ : state) benchmark::DoNotOptimize(makerscore::Score(c.model, cohort, options));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// The lean path (ScoreDetail::kOutcomes): totals, ranks, grades, flags and scores, without the entity x node
// arrays of values, values used and points.
void BM_ScoreOutcomes(benchmark::State& state) { ScoreKeeping(state, makerscore::ScoreDetail::kOutcomes); }
BENCHMARK(BM_ScoreOutcomes)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);

// The leanest path (ScoreDetail::kTotals): totals, ranks, grades and flags; no scores of every node either,
// each group's leaves scored just before it is aggregated.
void BM_ScoreTotals(benchmark::State& state) { ScoreKeeping(state, makerscore::ScoreDetail::kTotals); }
BENCHMARK(BM_ScoreTotals)->RangeMultiplier(10)->Range(10000, 1000000)->Unit(benchmark::kMillisecond);

void BM_Explain(benchmark::State& state) {
  Cohort c = MakeCohort(1000);
  makerscore::Result r = makerscore::Score(c.model, c.now, c.last, c.ratings);
  for (auto _ : state) benchmark::DoNotOptimize(makerscore::Explain(r, "S7"));
}
BENCHMARK(BM_Explain)->Unit(benchmark::kMicrosecond);

}  // namespace
