// The part of a source line that a diagnostic shows (internal).
#ifndef MAKERSCORE_SRC_RULES_SOURCE_EXCERPT_H_
#define MAKERSCORE_SRC_RULES_SOURCE_EXCERPT_H_

#include <string_view>

#include "makerscore/diagnostics.h"

namespace makerscore::detail {

// Where the last excerpt of a long line began, so that the next one on the
// same line (diagnostics mostly come in file order) resumes from there.
struct LineCursor {
  int line = -1;  // d->pos.line of the last excerpt
  int chars = 0;  // characters before `byte`
  size_t byte = 0;
};

// Sets d->source_line (and source_offset) from line: all of it, or for a
// line of more than 400 bytes only the 100 characters either side of
// d->pos.column, counted from *cursor when it is on the same line and not
// past them (16,000 diagnostics on one line of a megabyte cost one pass).
void SetSourceLine(Diagnostic* d, std::string_view line, LineCursor* cursor);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_RULES_SOURCE_EXCERPT_H_
