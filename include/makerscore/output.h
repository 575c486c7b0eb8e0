// makerscore: writing output files safely.
#ifndef MAKERSCORE_OUTPUT_H_
#define MAKERSCORE_OUTPUT_H_

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace makerscore {

// The one of inputs that output is (the same file: device and inode, after
// links, however the paths are spelt), or "" when output is none of them or
// does not exist yet. Inputs that do not exist are skipped.
std::string SameFileAs(const std::string& output, const std::vector<std::string>& inputs);

// Writes text to path completely or not at all (an unnamed temporary file in
// the same folder, synced, then given path's name in one step). Throws Error
// naming path, and changes nothing, when path is one of inputs (SameFileAs),
// is a device, FIFO, socket or folder rather than a regular file, or cannot
// be written. A link is followed to the file it names; an existing file keeps
// its permissions. Safe to call from several threads for different paths.
void WriteOutputFile(const std::string& path, const std::string& text, const std::vector<std::string>& inputs = {});
// The same with what write puts on the stream it is given, which goes to the
// file as it is written: a large output is never held whole in memory. When
// write throws, nothing is changed and the exception passes on.
void WriteOutputFile(const std::string& path, const std::function<void(std::ostream&)>& write,
                     const std::vector<std::string>& inputs = {});

}  // namespace makerscore

#endif  // MAKERSCORE_OUTPUT_H_
