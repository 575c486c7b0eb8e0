// Large buffers on huge pages (util/huge_pages.h): a hint to the kernel that must change no byte and no size.
#include "util/huge_pages.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace makerscore::detail {
namespace {

TEST(HugePages, AColumnKeepsItsSizeAndWhatIsWrittenInIt) {
  Eigen::ArrayXd column;
  ResizeOnHugePages(&column, 3'000'000);  // 24 MB: whole 2 MB pages inside it
  ASSERT_EQ(column.size(), 3'000'000);
  for (Eigen::Index i = 0; i < column.size(); ++i) column[i] = static_cast<double>(i) * 0.5;
  EXPECT_EQ(column[2'999'999], 2'999'999 * 0.5);
  Eigen::Array<std::uint16_t, Eigen::Dynamic, Eigen::Dynamic> flags;
  ResizeOnHugePages(&flags, 1'000'000, 30);
  EXPECT_EQ(flags.rows(), 1'000'000);
  EXPECT_EQ(flags.cols(), 30);
}

TEST(HugePages, AVectorIsAssignedWhetherItGrowsOrNot) {
  std::vector<double> v(5, 1.0);
  AssignOnHugePages(&v, 2'000'000, 2.5);  // grows: a new buffer, the hint given before it is written
  ASSERT_EQ(v.size(), 2'000'000u);
  EXPECT_TRUE(std::all_of(v.begin(), v.end(), [](double x) { return x == 2.5; }));
  AssignOnHugePages(&v, 10, -1.0);  // room enough: assigned in place
  ASSERT_EQ(v.size(), 10u);
  EXPECT_TRUE(std::all_of(v.begin(), v.end(), [](double x) { return x == -1.0; }));
}

TEST(HugePages, TheHintChangesNoByteOfABufferAlreadyWritten) {
  std::vector<std::uint32_t> v(3'000'000);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<std::uint32_t>(i * 2654435761u);
  PreferHugePages(v.data() + 1, (v.size() - 1) * sizeof(std::uint32_t));  // not aligned to anything
  PreferHugePages(v.data(), 100);                                         // too small: left alone
  PreferHugePages(nullptr, std::size_t{1} << 30);                         // nothing to advise
  for (std::size_t i = 0; i < v.size(); ++i) ASSERT_EQ(v[i], static_cast<std::uint32_t>(i * 2654435761u)) << i;
}

}  // namespace
}  // namespace makerscore::detail
