// Reading an input file whole, with a hard size bound (internal).
#ifndef MAKERSCORE_SRC_UTIL_READ_FILE_H_
#define MAKERSCORE_SRC_UTIL_READ_FILE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace makerscore::detail {

// The largest input makerscore reads: a rule or uncertainty file, and a data,
// ratings or Delphi file (a million makerspaces' ratings are about 1 GiB).
inline constexpr std::size_t kMaxRuleFileBytes = std::size_t{16} << 20;  // 16 MiB
inline constexpr std::size_t kMaxDataFileBytes = std::size_t{4} << 30;   // 4 GiB

// The bytes of one input file, read with read() into a buffer of its own (not
// mapped: a file that shrinks under a mapping kills the process with SIGBUS).
// Not copyable; the view is valid while this lives.
class FileBytes {
 public:
  FileBytes() = default;
  ~FileBytes();
  FileBytes(FileBytes&& other) noexcept;
  FileBytes& operator=(FileBytes&& other) noexcept;
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;

  std::string_view view() const { return {data_, size_}; }

 private:
  friend std::string ReadFileBounded(const std::string&, std::size_t, const char*, FileBytes*);
  // Room for capacity bytes, not zero-filled: every byte used is read into.
  void Allocate(std::size_t capacity);
  void Release();
  char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// Reads path whole into *out. Accepts regular files, pipes and sockets
// (`<(command)`, /dev/stdin from a pipe); refuses folders and devices (which
// can be endless, like /dev/zero). Reads at most limit bytes: a larger
// regular file is refused before reading, a pipe once the limit is passed.
// A regular file that changes while it is read is refused, not half-used.
// Returns "" on success, else what is wrong in words that follow the path
// ("is a folder, not a rule file"); `what` names the file ("rule file").
std::string ReadFileBounded(const std::string& path, std::size_t limit, const char* what, FileBytes* out);

// Gives the whole pages of memory within [begin, end) back to the system (madvise MADV_DONTNEED), for a
// reader done with that part of a buffer it owns (a FileBytes or DataText): a 1 GB ratings file then does
// not stay in memory beside the ratings read from it. The bytes there read as zeros afterwards; nothing
// outside [begin, end) is touched.
void ReleasePages(const char* begin, const char* end);

// ReadFileBounded with kMaxDataFileBytes, throwing DataError "path: problem".
FileBytes ReadDataFile(const std::string& path, const char* what);

// A data file's text in UTF-8: its bytes as read, or, when they are not
// valid UTF-8, converted from encoding (gb18030 ...). A workbook (a zip
// file, as .xlsx is) is left as it is, for the workbook reader.
class DataText {
 public:
  DataText(const std::string& path, const char* what, const std::string& encoding);
  std::string_view view() const { return converted_ ? std::string_view(text_) : bytes_.view(); }

 private:
  FileBytes bytes_;
  std::string text_;
  bool converted_ = false;
};

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_UTIL_READ_FILE_H_
