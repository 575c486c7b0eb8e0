// makerscore: diagnostics about a rule file, with their positions.
#ifndef MAKERSCORE_DIAGNOSTICS_H_
#define MAKERSCORE_DIAGNOSTICS_H_

#include <string>
#include <vector>

#include "makerscore/error.h"

namespace makerscore {

// A position in a source file. Lines and columns count from 1; 0 means
// "unknown" (for example for a RuleSet built in code).
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;
};

enum class Severity { kError, kWarning };

// One problem found in a rule file.
struct Diagnostic {
  Severity severity = Severity::kError;
  SourcePos pos;
  std::string path;         // where in the rule, e.g. "indicators/3/3.1/score/method"
  std::string message;      // what is wrong and what was expected
  std::string source_line;  // the text of the offending line, without newline
  // Characters of a long line left out before source_line: of a line longer
  // than a few hundred characters only the part around the column is kept
  // (a one-line rule file of megabytes must not be copied into every
  // diagnostic). pos.column still counts from the start of the whole line.
  int source_offset = 0;
};

// Renders one diagnostic the way compilers do:
//   guangxi.yaml:20:10: error: unknown key 'wieght' (did you mean 'weight'?) [indicators/1/1.1]
//    | wieght: 5
//    | ^
std::string FormatDiagnostic(const Diagnostic& d);

// Every problem found in one pass over a rule file, in file order.
class Diagnostics {
 public:
  void Add(Diagnostic d) { items_.push_back(std::move(d)); }
  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  // True when at least one item is an error (warnings alone do not count).
  bool HasErrors() const;
  int ErrorCount() const;
  // All items rendered with FormatDiagnostic, in order, each ending in '\n'.
  std::string ToString() const;
  // Sorts by file, line and column (stable), so output follows the file.
  void SortByPosition();

 private:
  std::vector<Diagnostic> items_;
};

// Thrown when a rule set with errors is used (for example compiled). Carries
// every diagnostic; what() holds them all, rendered.
class RuleError : public Error {
 public:
  explicit RuleError(Diagnostics diagnostics);
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

}  // namespace makerscore

#endif  // MAKERSCORE_DIAGNOSTICS_H_
