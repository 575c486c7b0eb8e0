#include "util/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <ostream>
#include <random>
#include <vector>

#include "makerscore/error.h"
#include "makerscore/output.h"

namespace makerscore::detail {

namespace {

// Hidden temporary names: short, so that they never make a valid name too
// long, and carrying the process id, so that a later run can tell a stray one
// (of a process that was killed) from one being written now.
const char kTempPrefix[] = ".makerscore-";

std::string TempName() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  return kTempPrefix + std::to_string(::getpid()) + "-" + std::to_string(random() % 1000000000);
}

std::string Parent(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string PathJoin(const std::string& dir, const std::string& name) {
  return dir == "/" ? "/" + name : dir + "/" + name;
}

[[noreturn]] void Fail(const std::string& path, const std::string& what, int err) {
  if (err == ENOENT && Parent(path) != ".") {
    throw Error(path + ": cannot write the " + (what == "file" ? "output file" : what) + ": the folder '" +
                Parent(path) + "' does not exist (create it first)");
  }
  throw Error(path + ": cannot write the " + (what == "file" ? "output file" : what) + ": " + std::strerror(err));
}

// Follows a link at path to the file it names (so that writing through a
// link replaces the file, not the link); path itself otherwise.
std::string Resolved(const std::string& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) return path;
  char* real = ::realpath(path.c_str(), nullptr);
  if (real == nullptr) return path;  // a link to nothing: writing replaces the link
  std::string out = real;
  std::free(real);
  return out;
}

void SyncFolder(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

bool WriteBytes(int fd, const char* data, size_t size) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// A stream buffer writing to a file descriptor a megabyte at a time; after a failed write it takes nothing
// more, and Flush() returns false with errno set to what the write said.
class FdOutput : public std::streambuf {
 public:
  explicit FdOutput(int fd) : fd_(fd), buffer_(1 << 20) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  // Writes what is buffered; false when a write failed.
  bool Flush() {
    if (ok_ && pptr() > pbase()) {
      ok_ = WriteBytes(fd_, pbase(), static_cast<size_t>(pptr() - pbase()));
      if (!ok_) error_ = errno ? errno : EIO;
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    if (!ok_) errno = error_;  // what the failed write said, whatever ran since
    return ok_;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!Flush()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) sputc(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
  int sync() override { return Flush() ? 0 : -1; }

 private:
  int fd_;
  std::vector<char> buffer_;
  bool ok_ = true;
  int error_ = 0;
};

mode_t Umask() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

// Removes a folder and what is in it (one level: report folders hold files only).
void RemoveFolder(const std::string& dir) {
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* e = ::readdir(d)) {
      if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
        ::unlink(PathJoin(dir, e->d_name).c_str());
    }
    ::closedir(d);
  }
  ::rmdir(dir.c_str());
}

// Removes hidden temporaries in dir left by makerscore processes that no longer run.
void RemoveStrays(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return;
  std::vector<std::string> strays;
  while (const dirent* e = ::readdir(d)) {
    if (std::strncmp(e->d_name, kTempPrefix, sizeof kTempPrefix - 1) != 0) continue;
    const long pid = std::strtol(e->d_name + sizeof kTempPrefix - 1, nullptr, 10);
    if (pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      strays.push_back(PathJoin(dir, e->d_name));
    }
  }
  ::closedir(d);
  for (const auto& s : strays) {
    struct stat info {};
    if (::lstat(s.c_str(), &info) != 0) continue;
    if (S_ISDIR(info.st_mode))
      RemoveFolder(s);
    else
      ::unlink(s.c_str());
  }
}

// True when the first kilobyte of file holds marker.
bool StartsWithMarker(const std::string& file, const std::string& marker) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return false;
  char head[1024];
  const ssize_t n = ::read(fd, head, sizeof head);
  ::close(fd);
  return n > 0 && std::string_view(head, static_cast<size_t>(n)).find(marker) != std::string_view::npos;
}

// The entries of folder dir that are not pages of an earlier report (up to 3, for the message).
std::vector<std::string> Foreign(const std::string& dir, const std::string& marker, int* count) {
  std::vector<std::string> out;
  *count = 0;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return out;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    struct stat info {};
    const std::string file = PathJoin(dir, name);
    const bool page = ::lstat(file.c_str(), &info) == 0 && S_ISREG(info.st_mode) && name.size() > 5 &&
                      name.compare(name.size() - 5, 5, ".html") == 0 && StartsWithMarker(file, marker);
    if (page) continue;
    ++*count;
    out.push_back(name);
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());  // the message names the same files on every run
  if (out.size() > 3) out.resize(3);
  return out;
}

}  // namespace

std::string NotRegularFile(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || S_ISREG(info.st_mode)) return "";
  if (S_ISDIR(info.st_mode)) return "a folder";
  if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode)) return "a device";
  if (S_ISFIFO(info.st_mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(info.st_mode)) return "a socket";
  return "not a regular file";
}

namespace {

// WriteFileAtomically with the bytes written by fill(fd), which returns false (errno saying why) when a
// write failed.
void WriteThrough(const std::string& asked, const std::function<bool(int fd)>& fill) {
  const std::string path = Resolved(asked);
  struct stat existing {};
  const bool exists = ::stat(path.c_str(), &existing) == 0;
  if (const std::string kind = NotRegularFile(path); !kind.empty()) {
    throw Error(asked + ": cannot write the output file: it is " + kind +
                ", and makerscore writes only to a regular file (it never replaces anything else)");
  }
  const std::string dir = Parent(path);
  const mode_t mode = exists ? (existing.st_mode & 07777) : (0666 & ~Umask());
  // An unnamed file first: a process killed before the last step leaves nothing behind.
  int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
  std::string temp;  // the temporary's name when it has one
  if (fd < 0) {
    if (errno == ENOENT || errno == EACCES || errno == EROFS || errno == ENOSPC || errno == ENOTDIR) {
      Fail(path, "file", errno);
    }
    for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {  // the file system has no unnamed files
      temp = PathJoin(dir, TempName());
      fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
      if (fd < 0 && errno != EEXIST) Fail(path, "file", errno);
    }
    if (fd < 0) Fail(path, "file", EEXIST);
  }
  auto fail = [&](int err) {
    ::close(fd);
    if (!temp.empty()) ::unlink(temp.c_str());
    Fail(asked, "file", err);
  };
  bool written = false;
  try {
    errno = 0;
    written = fill(fd) && ::fsync(fd) == 0;
  } catch (...) {  // the writer's own: nothing is left behind, and it passes on
    ::close(fd);
    if (!temp.empty()) ::unlink(temp.c_str());
    throw;
  }
  if (!written) fail(errno ? errno : EIO);
  if (exists) ::fchmod(fd, mode);  // umask may have narrowed it
  if (temp.empty()) {
    // Name the unnamed file: directly when path is new (linkat never replaces), else under a short hidden
    // name that is then renamed over path.
    const std::string self = "/proc/self/fd/" + std::to_string(fd);
    if (!exists && ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, path.c_str(), AT_SYMLINK_FOLLOW) == 0) {
      ::close(fd);
      SyncFolder(dir);
      return;
    }
    if (!exists && errno != EEXIST) fail(errno);
    for (int attempt = 0; temp.empty() && attempt < 100; ++attempt) {
      const std::string name = PathJoin(dir, TempName());
      if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0)
        temp = name;
      else if (errno != EEXIST)
        fail(errno);
    }
    if (temp.empty()) fail(EEXIST);
  }
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    Fail(asked, "file", err);
  }
  SyncFolder(dir);
}

}  // namespace

void WriteFileAtomically(const std::string& asked, const std::string& text) {
  WriteThrough(asked, [&text](int fd) { return WriteBytes(fd, text.data(), text.size()); });
}

void WriteFileAtomically(const std::string& asked, const std::function<void(std::ostream&)>& write) {
  WriteThrough(asked, [&write](int fd) {
    FdOutput buffer(fd);
    std::ostream out(&buffer);
    write(out);
    return buffer.Flush();
  });
}

void WriteFolderAtomically(const std::string& asked, const std::vector<std::pair<std::string, std::string>>& files,
                           const std::string& marker) {
  const std::string path = Resolved(asked);
  struct stat existing {};
  const bool exists = ::stat(path.c_str(), &existing) == 0;
  if (exists && !S_ISDIR(existing.st_mode)) {
    throw Error(asked +
                ": cannot write the report there: it is a file, not a folder (a report file's name ends in .html)");
  }
  if (exists) {
    int count = 0;
    const std::vector<std::string> foreign = Foreign(path, marker, &count);
    if (count > 0) {
      std::string names;
      for (const auto& f : foreign) names += (names.empty() ? "'" : ", '") + f + "'";
      if (count > 3) names += " and " + std::to_string(count - 3) + " more";
      throw Error(asked + ": cannot write the report into this folder: it holds " + names + ", which " +
                  (count == 1 ? "is" : "are") +
                  " not part of an earlier makerscore report, and writing the report replaces the whole folder; "
                  "choose a new or empty folder");
    }
  }
  const std::string dir = Parent(path);
  RemoveStrays(dir);
  std::string temp;
  for (int attempt = 0; temp.empty() && attempt < 100; ++attempt) {
    const std::string name = PathJoin(dir, TempName());
    if (::mkdir(name.c_str(), exists ? (existing.st_mode & 07777) : 0777) == 0)
      temp = name;
    else if (errno != EEXIST)
      Fail(asked, "report folder", errno);
  }
  if (temp.empty()) Fail(asked, "report folder", EEXIST);
  auto fail = [&](const std::string& what, int err) {
    RemoveFolder(temp);
    throw Error(asked + ": cannot write the report folder (" + what + "): " + std::strerror(err) +
                "; the folder was left as it was");
  };
  const mode_t mode = 0666 & ~Umask();
  for (const auto& [name, text] : files) {
    const int fd = ::open(PathJoin(temp, name).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) fail(name, errno);
    errno = 0;
    const bool ok = WriteBytes(fd, text.data(), text.size()) && ::fsync(fd) == 0;
    const int err = errno ? errno : EIO;
    ::close(fd);
    if (!ok) fail(name, err);
  }
  SyncFolder(temp);
  if (!exists) {
    if (::rename(temp.c_str(), path.c_str()) != 0) fail("naming it", errno);
  } else if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) != 0) {
    fail("swapping it in", errno);
  }
  if (exists) RemoveFolder(temp);  // now the earlier report
  SyncFolder(dir);
}

}  // namespace makerscore::detail

namespace makerscore {

std::string SameFileAs(const std::string& output, const std::vector<std::string>& inputs) {
  struct stat target {};
  if (output.empty() || ::stat(output.c_str(), &target) != 0) return "";  // a new file is no input
  for (const std::string& input : inputs) {
    struct stat info {};
    if (!input.empty() && ::stat(input.c_str(), &info) == 0 && info.st_dev == target.st_dev &&
        info.st_ino == target.st_ino) {
      return input;
    }
  }
  return "";
}

namespace {

void RefuseInput(const std::string& path, const std::vector<std::string>& inputs) {
  if (const std::string input = SameFileAs(path, inputs); !input.empty()) {
    throw Error(path + ": cannot write the output file: it is the same file as the input " + input +
                ", and makerscore never writes over its inputs; choose another output file");
  }
}

}  // namespace

void WriteOutputFile(const std::string& path, const std::string& text, const std::vector<std::string>& inputs) {
  RefuseInput(path, inputs);
  detail::WriteFileAtomically(path, text);
}

void WriteOutputFile(const std::string& path, const std::function<void(std::ostream&)>& write,
                     const std::vector<std::string>& inputs) {
  RefuseInput(path, inputs);
  detail::WriteFileAtomically(path, write);
}

}  // namespace makerscore
