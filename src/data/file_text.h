// A data file's bytes, for the CSV readers (internal).
#ifndef MAKERSCORE_SRC_DATA_FILE_TEXT_H_
#define MAKERSCORE_SRC_DATA_FILE_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace makerscore::detail {

// The whole of a file. A regular file is mapped into memory, read-only: no
// buffer to zero-fill and no copy of the bytes, which for a ratings file of
// hundreds of megabytes is much of the time of reading it. Anything else (a
// pipe, or where mapping fails) is read into a string. Throws DataError when
// the file cannot be opened; what names it in that message ("ratings file").
class FileText {
 public:
  FileText(const std::string& path, const char* what);
  ~FileText();
  FileText(const FileText&) = delete;
  FileText& operator=(const FileText&) = delete;

  // The bytes, valid while this lives.
  std::string_view view() const { return mapped_ ? std::string_view(mapped_, size_) : std::string_view(text_); }

 private:
  const char* mapped_ = nullptr;
  std::size_t size_ = 0;
  std::string text_;
};

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_DATA_FILE_TEXT_H_
