#include "util/read_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "makerscore/error.h"
#include "util/encoding.h"
#include "util/unicode.h"

namespace makerscore::detail {

namespace {

// Closes a descriptor on every path out.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

std::string Size(std::size_t bytes) {
  return bytes >= (std::size_t{1} << 30) ? std::to_string(bytes >> 30) + " GiB" : std::to_string(bytes >> 20) + " MiB";
}

std::string TooLarge(const std::string& what, std::size_t limit) {
  return "the " + what + " is larger than " + Size(limit) + ", the most makerscore reads as one " + what;
}

bool SameTime(const struct timespec& a, const struct timespec& b) {
  return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

// Why open() failed, in words that follow the path.
std::string OpenProblem(const std::string& path, int err, const std::string& what) {
  if (err == ENOTDIR && !path.empty() && path.back() == '/') {
    return "ends in '/', but it names a file, not a folder: write it without the '/'";
  }
  if (err == ENOENT || err == EACCES || err == ENOTDIR) {
    return "cannot open the " + what + " (does it exist, and may it be read?)";
  }
  return "cannot open the " + what + ": " + std::strerror(err);
}

}  // namespace

FileBytes::~FileBytes() { Release(); }

FileBytes::FileBytes(FileBytes&& other) noexcept : data_(other.data_), size_(other.size_), capacity_(other.capacity_) {
  other.data_ = nullptr;
  other.size_ = other.capacity_ = 0;
}

FileBytes& FileBytes::operator=(FileBytes&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = other.data_;
    size_ = other.size_;
    capacity_ = other.capacity_;
    other.data_ = nullptr;
    other.size_ = other.capacity_ = 0;
  }
  return *this;
}

void FileBytes::Allocate(std::size_t capacity) {
  Release();
  data_ = new char[capacity];  // not value-initialised: no zero-filling (glibc maps large blocks itself)
  capacity_ = capacity;
}

void ReleasePages(const char* begin, const char* end) {
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  if (page == 0 || end <= begin) return;
  const std::uintptr_t first = (reinterpret_cast<std::uintptr_t>(begin) + page - 1) / page * page;
  const std::uintptr_t last = reinterpret_cast<std::uintptr_t>(end) / page * page;
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);  // advice: may fail
}

void FileBytes::Release() {
  delete[] data_;
  data_ = nullptr;
  size_ = capacity_ = 0;
}

std::string ReadFileBounded(const std::string& path, std::size_t limit, const char* what_c, FileBytes* out) {
  const std::string what = what_c;
  // O_NONBLOCK: opening a FIFO nobody writes to must not hang here; it is cleared before reading.
  Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)};
  if (file.fd < 0) return OpenProblem(path, errno, what);
  struct stat before {};
  if (::fstat(file.fd, &before) != 0) return "cannot read the " + what + ": " + std::strerror(errno);
  if (S_ISDIR(before.st_mode)) return "is a folder, not a " + what;
  if (S_ISCHR(before.st_mode) || S_ISBLK(before.st_mode)) {
    return "is a device, not a " + what + " (a device such as /dev/zero can be read without end)";
  }
  const bool regular = S_ISREG(before.st_mode);
  if (regular && static_cast<std::size_t>(before.st_size) > limit) {
    return TooLarge(what, limit);
  }
  const int fl = ::fcntl(file.fd, F_GETFL);
  if (fl >= 0) ::fcntl(file.fd, F_SETFL, fl & ~O_NONBLOCK);

  // A regular file's size is known: one buffer, filled by read(). A pipe's buffer doubles as it fills.
  FileBytes buffer;
  buffer.Allocate(regular ? static_cast<std::size_t>(before.st_size) + 1 : std::size_t{1} << 16);
  std::size_t size = 0;
  for (;;) {
    if (size == buffer.capacity_) {
      if (buffer.capacity_ > limit) break;  // one byte past the limit has been read
      FileBytes bigger;
      bigger.Allocate(std::min(buffer.capacity_ * 2, limit + 1));
      std::memcpy(bigger.data_, buffer.data_, size);
      buffer = std::move(bigger);
    }
    const ssize_t got = ::read(file.fd, buffer.data_ + size, buffer.capacity_ - size);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      if (errno == EISDIR) return "is a folder, not a " + what;
      return "cannot read the " + what + ": " + std::strerror(errno);
    }
    size += static_cast<std::size_t>(got);
  }
  if (size > limit) return TooLarge(what, limit);
  if (regular) {
    struct stat after {};
    if (::fstat(file.fd, &after) != 0 || after.st_size != static_cast<off_t>(size) || after.st_size != before.st_size ||
        !SameTime(after.st_mtim, before.st_mtim)) {
      return "the " + what + " changed while it was being read (was a program saving it?); run again once it is saved";
    }
  }
  buffer.size_ = size;
  *out = std::move(buffer);
  return "";
}

FileBytes ReadDataFile(const std::string& path, const char* what) {
  FileBytes bytes;
  std::string problem = ReadFileBounded(path, kMaxDataFileBytes, what, &bytes);
  if (!problem.empty()) throw DataError(path + ": " + problem);
  return bytes;
}

DataText::DataText(const std::string& path, const char* what, const std::string& encoding)
    : bytes_(ReadDataFile(path, what)) {
  const std::string_view bytes = bytes_.view();
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return;  // a workbook: read as such, not converted
  // A file that is UTF-8 already (as a BOM or a valid whole says) stays UTF-8: one --encoding then serves a
  // GBK export beside UTF-8 ratings. GBK text is practically never valid UTF-8 throughout.
  if (!IsUtf8Name(encoding) && !IsUtf8(bytes)) {
    text_ = ToUtf8(bytes, encoding, path);
    converted_ = true;
  }
}

}  // namespace makerscore::detail
