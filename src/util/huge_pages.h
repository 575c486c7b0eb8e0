// Large buffers on huge pages (internal).
//
// A column of a million makerspaces is 8 MB: 2,048 pages of 4 KB, each a fault into the kernel when it is
// first written. Scoring a million on the leanest path writes about 250 MB of fresh columns, and the faults
// took a sixth of the time. Linux backs a buffer with 2 MB pages when asked (madvise MADV_HUGEPAGE, where transparent
// huge pages are "madvise" or "always"): 512 times fewer faults. Elsewhere this does nothing.
#ifndef MAKERSCORE_SRC_UTIL_HUGE_PAGES_H_
#define MAKERSCORE_SRC_UTIL_HUGE_PAGES_H_

#include <Eigen/Core>
#include <cstddef>
#include <vector>

namespace makerscore::detail {

// Asks that the whole 2 MB pages within [data, data + bytes) be huge pages. A hint, for a buffer not yet
// written: it changes no byte, and failure (an older kernel, huge pages turned off) changes nothing. Buffers
// under 4 MB or over 64 MB are left alone.
void PreferHugePages(const void* data, std::size_t bytes);

// Resizes an Eigen array to rows x cols, its entries unset, with huge pages asked for: for an array about to
// be written whole.
template <typename Array>
void ResizeOnHugePages(Array* a, Eigen::Index rows, Eigen::Index cols = 1) {
  a->resize(rows, cols);
  PreferHugePages(a->data(), static_cast<std::size_t>(rows * cols) * sizeof(*a->data()));
}

// Makes v `size` copies of value, with huge pages asked for before they are written.
template <typename T>
void AssignOnHugePages(std::vector<T>* v, std::size_t size, const T& value) {
  if (v->capacity() < size) {
    std::vector<T>().swap(*v);
    v->reserve(size);
    PreferHugePages(v->data(), size * sizeof(T));
  }
  v->assign(size, value);
}

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_UTIL_HUGE_PAGES_H_
