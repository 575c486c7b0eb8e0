// Running independent pieces of work on every core (internal).
#ifndef MAKERSCORE_SRC_UTIL_PARALLEL_H_
#define MAKERSCORE_SRC_UTIL_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

namespace makerscore::detail {

// The number of cores (at least 1).
inline int HardwareThreads() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

// Runs body(k) for k in [0, count) on `threads` threads, the calling thread
// among them, taking `chunk` pieces at a time. Each k is done exactly once;
// when each writes only its own outputs the results do not depend on the
// number of threads. progress(done) is called from the calling thread after
// each chunk it finishes. The first exception thrown by body is rethrown
// here once every thread has stopped.
template <typename Body, typename Progress>
void ParallelFor(long count, int threads, long chunk, const Body& body, const Progress& progress) {
  std::atomic<long> next{0}, done{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  auto work = [&](bool report) {
    for (long start; !failed && (start = next.fetch_add(chunk)) < count;) {
      const long end = std::min(count, start + chunk);
      try {
        for (long k = start; k < end; ++k) body(k);
      } catch (...) {
        if (!failed.exchange(true)) failure = std::current_exception();
        return;
      }
      const long total_done = done.fetch_add(end - start) + (end - start);
      if (report) progress(total_done);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::min<long>(threads, count); ++t) pool.emplace_back(work, false);
  work(true);
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

template <typename Body>
void ParallelFor(long count, int threads, const Body& body) {
  ParallelFor(count, threads, 1, body, [](long) {});
}

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_UTIL_PARALLEL_H_
