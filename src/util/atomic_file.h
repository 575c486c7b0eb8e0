// Writing an output file completely or not at all.
#ifndef MAKERSCORE_SRC_UTIL_ATOMIC_FILE_H_
#define MAKERSCORE_SRC_UTIL_ATOMIC_FILE_H_

#include <string>

namespace makerscore::detail {

// Writes text to path through a temporary file in the same folder, renamed
// over path only once everything is written. Throws makerscore::Error, and
// leaves no file behind, when that fails.
void WriteFileAtomically(const std::string& path, const std::string& text);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_UTIL_ATOMIC_FILE_H_
