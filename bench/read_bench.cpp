// Reading an input file whole (issue 14): read() into a buffer of its own,
// as makerscore now does (a file that shrinks while read is an error, not a
// SIGBUS), against mapping it as it did before. Both then touch every byte
// once (a checksum), as the CSV parser does. The file (64 or 256 MiB) is
// written once and read from the page cache.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "util/read_file.h"

namespace {

std::string TestFile(std::int64_t mib) {
  const std::string path = "/tmp/makerscore-read-bench-" + std::to_string(::getpid()) + "-" + std::to_string(mib);
  std::ofstream out(path, std::ios::binary);
  const std::string line = "GX000123,3.1,E04,良\n";
  for (std::int64_t written = 0; written < (mib << 20); written += static_cast<std::int64_t>(line.size())) out << line;
  return path;
}

std::uint64_t Sum(std::string_view bytes) {
  std::uint64_t sum = 0;
  for (char c : bytes) sum += static_cast<unsigned char>(c);
  return sum;
}

void BM_ReadWholeFile(benchmark::State& state) {
  const std::string path = TestFile(state.range(0));
  for (auto _ : state) {
    makerscore::detail::FileBytes bytes;
    const std::string problem =
        makerscore::detail::ReadFileBounded(path, makerscore::detail::kMaxDataFileBytes, "data file", &bytes);
    if (!problem.empty()) state.SkipWithError(problem.c_str());
    benchmark::DoNotOptimize(Sum(bytes.view()));
  }
  state.SetBytesProcessed(state.iterations() * (state.range(0) << 20));
  std::remove(path.c_str());
}
BENCHMARK(BM_ReadWholeFile)->Arg(64)->Arg(256)->Unit(benchmark::kMillisecond);

void BM_MapWholeFile(benchmark::State& state) {
  const std::string path = TestFile(state.range(0));
  for (auto _ : state) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat info {};
    ::fstat(fd, &info);
    const auto size = static_cast<size_t>(info.st_size);
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::madvise(map, size, MADV_SEQUENTIAL);
    ::close(fd);
    benchmark::DoNotOptimize(Sum(std::string_view(static_cast<const char*>(map), size)));
    ::munmap(map, size);
  }
  state.SetBytesProcessed(state.iterations() * (state.range(0) << 20));
  std::remove(path.c_str());
}
BENCHMARK(BM_MapWholeFile)->Arg(64)->Arg(256)->Unit(benchmark::kMillisecond);

}  // namespace
