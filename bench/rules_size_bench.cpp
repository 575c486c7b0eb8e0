// Loading and checking rule files of growing size (issue 14: time linear in
// the rule file's size). Generated in memory: N fields and N indicators in
// groups of ten, written one per line (block style) or all on one line (flow
// style, the shape a generated or minified file has).
#include <benchmark/benchmark.h>
#include <makerscore/makerscore.h>

#include <string>

namespace {

std::string RuleFile(int n, bool one_line) {
  const char* sep = one_line ? ", " : "\n";
  std::string fields, groups;
  for (int i = 0; i < n; ++i) {
    const std::string f = "f" + std::to_string(i);
    fields += (i ? sep : "") + std::string(one_line ? "" : "  - ") + "{id: " + f + ", name: 字段" + std::to_string(i) +
              ", unit: 万元, kind: amount, min: 0}";
  }
  for (int g = 0; g < n / 10; ++g) {
    std::string children;
    for (int j = 0; j < 10; ++j) {
      const std::string f = "f" + std::to_string(g * 10 + j);
      children += (j ? ", " : "") + std::string("{id: I") + std::to_string(g * 10 + j) +
                  ", name: 指标, weight: 1, value: " + f + " / (" + f + " + 1), score: {method: minmax}}";
    }
    groups += (g ? sep : "") + std::string(one_line ? "" : "  - ") + "{id: G" + std::to_string(g) +
              ", name: 组, weight: 1, children: [" + children + "]}";
  }
  if (one_line) {
    return "{format: makerscore/1, id: big, title: 大, weighting: relative, fields: [" + fields + "], indicators: [" +
           groups + "]}";
  }
  return "format: makerscore/1\nid: big\ntitle: 大\nweighting: relative\nfields:\n" + fields + "\nindicators:\n" +
         groups + "\n";
}

void Validate(benchmark::State& state, bool one_line) {
  const int n = static_cast<int>(state.range(0));
  const std::string text = RuleFile(n, one_line);
  for (auto _ : state) {
    makerscore::LoadResult r = makerscore::ParseRules(text, "big.yaml");
    if (!r.ok()) state.SkipWithError(r.diagnostics.ToString().substr(0, 300).c_str());
    benchmark::DoNotOptimize(r);
  }
  state.counters["indicators"] = n + n / 10;
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}

void BM_ValidateRuleFile(benchmark::State& state) { Validate(state, false); }
void BM_ValidateOneLineRuleFile(benchmark::State& state) { Validate(state, true); }
BENCHMARK(BM_ValidateRuleFile)->RangeMultiplier(2)->Range(1000, 8000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ValidateOneLineRuleFile)->RangeMultiplier(2)->Range(1000, 8000)->Unit(benchmark::kMillisecond);

}  // namespace
