// Writing output files and folders completely or not at all (internal).
#ifndef MAKERSCORE_SRC_UTIL_ATOMIC_FILE_H_
#define MAKERSCORE_SRC_UTIL_ATOMIC_FILE_H_

#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace makerscore::detail {

// Writes text to path, which must be a regular file or not exist yet (a link
// is followed to the file it names). The text goes to an unnamed temporary
// file in the same folder (O_TMPFILE; a short hidden name where the file
// system has none), which is synced and then given path's name in one step,
// and the folder is synced after. A device, FIFO, socket or folder at path is
// refused, never replaced. Throws makerscore::Error naming path, and leaves
// nothing behind, when any step fails; an existing file keeps its permissions.
void WriteFileAtomically(const std::string& path, const std::string& text);
// The same with what write puts on the stream, which goes to the file as it is written (never held whole in
// memory). When write throws, nothing is left behind and the exception passes on.
void WriteFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// Writes a folder of files (name, text) at path as one: into a new hidden
// folder beside it, which is synced and then swapped in for path in one step
// (renameat2 RENAME_EXCHANGE), so that path holds either the earlier files or
// all of the new ones, never a mix. An existing folder at path is replaced
// only when it is empty or holds nothing but pages that `marker` appears in
// the first kilobyte of (an earlier report); anything else is refused, so no
// other file is ever deleted. Throws makerscore::Error and leaves path as it
// was when any step fails. Hidden folders of an earlier run killed half-way
// are removed.
void WriteFolderAtomically(const std::string& path, const std::vector<std::pair<std::string, std::string>>& files,
                           const std::string& marker);

// What is at path, for messages: "a folder", "a device", "a FIFO (named
// pipe)", "a socket", or "" for a regular file or nothing.
std::string NotRegularFile(const std::string& path);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_UTIL_ATOMIC_FILE_H_
