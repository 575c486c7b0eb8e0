#include "data/file_text.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "makerscore/error.h"

namespace makerscore::detail {

FileText::FileText(const std::string& path, const char* what) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat info {};
  if (fd < 0 || ::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
    if (fd >= 0) ::close(fd);
    throw DataError(path + ": cannot open the " + std::string(what) + " (does it exist, and may it be read?)");
  }
  if (S_ISREG(info.st_mode) && info.st_size > 0) {
    void* map = ::mmap(nullptr, static_cast<size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (map != MAP_FAILED) {
      ::madvise(map, static_cast<size_t>(info.st_size), MADV_SEQUENTIAL);  // a hint: read ahead
      mapped_ = static_cast<const char*>(map);
      size_ = static_cast<size_t>(info.st_size);
      ::close(fd);
      return;
    }
  }
  char buffer[1 << 16];
  for (ssize_t got; (got = ::read(fd, buffer, sizeof buffer)) != 0;) {
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      ::close(fd);
      throw DataError(path + ": cannot read the " + std::string(what));
    }
    text_.append(buffer, static_cast<size_t>(got));
  }
  ::close(fd);
}

FileText::~FileText() {
  if (mapped_) ::munmap(const_cast<char*>(mapped_), size_);
}

}  // namespace makerscore::detail
