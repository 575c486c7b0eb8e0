// Benchmarks of what the command does end to end: the Guangxi example's
// CSV files in (this year, last year, the experts' ratings), scored, the
// result's CSV out (into memory); and writing the HTML report. The files are
// written once, outside the timed loop, from a synthetic cohort (cohort.h).
#include <benchmark/benchmark.h>
#include <makerscore/makerscore.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "cohort.h"

namespace {

using makerscore::bench::Cohort;
using makerscore::bench::MakeCohort;

// The cohort's three CSV files in a scratch folder; removed with it.
struct CohortFiles {
  std::string folder, data, previous, ratings;
  std::int64_t bytes = 0;

  explicit CohortFiles(const Cohort& c) {
    folder = "/tmp/makerscore-bench-" + std::to_string(::getpid()) + "-" + std::to_string(c.now->entity_count());
    std::system(("mkdir -p " + folder).c_str());
    data = folder + "/data.csv";
    previous = folder + "/previous.csv";
    ratings = folder + "/ratings.csv";
    WriteData(*c.now, data);
    WriteData(*c.last, previous);
    std::ofstream out(ratings);
    out << "entity,indicator,expert,rating\n";
    for (size_t k = 0; k < c.ratings->size(); ++k) {
      const makerscore::Rating r = c.ratings->at(k);
      out << r.entity << ',' << r.indicator << ',' << r.expert << ',' << r.value << '\n';
    }
    out.close();
    for (const auto* path : {&data, &previous, &ratings}) bytes += std::ifstream(*path, std::ios::ate).tellg();
  }
  ~CohortFiles() { std::system(("rm -rf " + folder).c_str()); }

  void WriteData(const makerscore::Dataset& d, const std::string& path) {
    std::ofstream out(path);
    out << "id";
    for (const auto& f : d.field_ids()) out << ',' << f;
    out << '\n';
    for (int i = 0; i < d.entity_count(); ++i) {
      out << d.entity_ids()[i];
      for (int j = 0; j < d.field_count(); ++j) {
        out << ',';
        if (!std::isnan(d.value(i, j))) out << std::setprecision(15) << d.value(i, j);  // missing: empty
      }
      out << '\n';
    }
  }
};

void BM_EndToEndCsv(benchmark::State& state) {
  const Cohort c = MakeCohort(static_cast<int>(state.range(0)));
  const CohortFiles files(c);
  for (auto _ : state) {
    auto now = std::make_shared<makerscore::Dataset>(makerscore::ReadDatasetCsv(files.data, c.model.rules()));
    auto last = std::make_shared<makerscore::Dataset>(makerscore::ReadDatasetCsv(files.previous, c.model.rules()));
    auto ratings = std::make_shared<makerscore::Ratings>(makerscore::ReadRatingsCsv(files.ratings));
    std::ostringstream out;
    makerscore::WriteCsv(makerscore::Score(c.model, now, last, ratings), out);
    benchmark::DoNotOptimize(out.str().size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * files.bytes);
}
BENCHMARK(BM_EndToEndCsv)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond);

void BM_HtmlReport(benchmark::State& state) {
  const Cohort c = MakeCohort(static_cast<int>(state.range(0)));
  const makerscore::Result r = makerscore::Score(c.model, c.now, c.last, c.ratings);
  for (auto _ : state) benchmark::DoNotOptimize(makerscore::HtmlReport(r).size());
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_HtmlReport)->Arg(32)->Arg(300)->Unit(benchmark::kMillisecond);

}  // namespace
