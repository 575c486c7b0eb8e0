#include "util/atomic_file.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <cerrno>

#include "makerscore/error.h"

namespace makerscore::detail {

void WriteFileAtomically(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) {
    int err = errno;
    const size_t slash = path.find_last_of('/');
    if (err == ENOENT && slash != std::string::npos && slash > 0) {
      throw Error(path + ": cannot write the output file: the folder '" + path.substr(0, slash) +
                  "' does not exist (create it first)");
    }
    throw Error(path + ": cannot write the output file: " + std::strerror(err));
  }
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok &= std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
  ok &= std::fclose(f) == 0;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    std::remove(tmp.c_str());
    throw Error(path + ": cannot write the output file: " + std::strerror(err));
  }
}

}  // namespace makerscore::detail
