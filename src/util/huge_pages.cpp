#include "util/huge_pages.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace makerscore::detail {

namespace {

// Buffers above this are left to the kernel's 4 KB pages. The entity x indicator arrays of the full detail
// (240 MB each at a million makerspaces) on huge pages made scoring 2.5 times slower on this project's build
// machine, a virtual machine whose host backs each huge page as it is first touched (docs/decisions.md).
constexpr std::size_t kMostHinted = std::size_t{64} << 20;

}  // namespace

void PreferHugePages(const void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  if (data == nullptr || bytes < 2 * kHuge || bytes > kMostHinted) return;
  const auto start = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (start + kHuge - 1) & ~(kHuge - 1), last = (start + bytes) & ~(kHuge - 1);
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);  // a hint: no failure
#else
  (void)data;
  (void)bytes;
#endif
}

}  // namespace makerscore::detail
