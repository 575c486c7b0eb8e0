// The HTML report of 300 and of 3,000 makerspaces (the whole cohort on one page: the overview and every
// scorecard). Each scorecard reads its makerspace's ratings from the scoring trace (Result::ratings_of),
// so ten times the makerspaces should cost about ten times the time, not a hundred.
#include <benchmark/benchmark.h>

#include "cohort.h"

namespace {

void BM_HtmlReport(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  makerscore::bench::Cohort c = makerscore::bench::MakeCohort(n);
  const makerscore::Result r = makerscore::Score(c.model, makerscore::Cohort{c.now, c.last, c.ratings, nullptr});
  for (auto _ : state) benchmark::DoNotOptimize(makerscore::HtmlReport(r));
  state.SetItemsProcessed(state.iterations() * n);  // makerspaces
}
BENCHMARK(BM_HtmlReport)->Arg(300)->Arg(3000)->Unit(benchmark::kMillisecond);

}  // namespace
