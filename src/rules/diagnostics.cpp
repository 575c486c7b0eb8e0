// Rendering and ordering of rule-file diagnostics.
#include "makerscore/diagnostics.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include "makerscore/present.h"
#include "rules/source_excerpt.h"
#include "util/unicode.h"

namespace makerscore {

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = d.pos.file.empty() ? std::string("<rules>") : d.pos.file;
  if (d.pos.line > 0) {
    out += ":" + std::to_string(d.pos.line);
    if (d.pos.column > 0) out += ":" + std::to_string(d.pos.column);
  }
  out += d.severity == Severity::kError ? ": error: " : ": warning: ";
  out += detail::Visible(d.message);  // a NUL or zero-width character from the file, named
  if (!d.path.empty()) out += " [" + detail::Visible(d.path) + "]";
  out += "\n";
  if (!d.source_line.empty()) {
    // Split the line into characters, then show at most kWindow of them
    // around the column (a hostile file may have a line of megabytes).
    constexpr int kWindow = 100;
    std::vector<std::string> chars;
    for (size_t i = 0; i < d.source_line.size();) {
      unsigned char c = static_cast<unsigned char>(d.source_line[i]);
      size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
      chars.push_back(detail::Visible(d.source_line.substr(i, len)));
      i += len;
    }
    const int col = std::max(0, std::max(1, d.pos.column) - 1 - d.source_offset);
    int first = 0, last = static_cast<int>(chars.size());
    if (last > kWindow) {
      first = std::max(0, std::min(col - kWindow / 2, last - kWindow));
      last = first + kWindow;
    }
    std::string shown = first > 0 || d.source_offset > 0 ? "..." : "", prefix = shown;
    for (int k = first; k < last; ++k) {
      shown += chars[k];
      if (k < col) prefix += chars[k];
    }
    if (last < static_cast<int>(chars.size())) shown += "...";
    out += " | " + shown + "\n";
    out += " | " + std::string(DisplayWidth(prefix), '.') + "^\n";
  }
  return out;
}

namespace detail {

void SetSourceLine(Diagnostic* d, std::string_view line, LineCursor* cursor) {
  constexpr size_t kLong = 400;
  constexpr int kAround = 100;  // characters either side of the column
  d->source_offset = 0;
  if (line.size() <= kLong) {
    d->source_line = std::string(line);
    return;
  }
  const int col = std::max(1, d->pos.column) - 1;
  const int from = std::max(0, col - kAround), to = col + kAround;
  if (cursor->line != d->pos.line || cursor->chars > from) *cursor = {d->pos.line, 0, 0};
  // Byte offsets of the characters `from` and `to`.
  size_t i = cursor->byte;
  int chars = cursor->chars;
  auto advance_to = [&](int target) {
    for (; i < line.size(); ++i) {
      if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;  // inside a character
      if (chars == target) break;
      ++chars;
    }
    return std::min(i, line.size());
  };
  const size_t begin = advance_to(from);
  cursor->chars = chars;
  cursor->byte = begin;
  const size_t end = advance_to(to);
  d->source_offset = from;
  d->source_line = std::string(line.substr(begin, end - begin));
}

}  // namespace detail

bool Diagnostics::HasErrors() const { return ErrorCount() > 0; }

int Diagnostics::ErrorCount() const {
  return static_cast<int>(
      std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::kError; }));
}

std::string Diagnostics::ToString() const {
  std::string out;
  for (const auto& d : items_) out += FormatDiagnostic(d);
  return out;
}

void Diagnostics::SortByPosition() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.pos.file, a.pos.line, a.pos.column) < std::tie(b.pos.file, b.pos.line, b.pos.column);
  });
}

RuleError::RuleError(Diagnostics diagnostics)
    : Error([&] {
        std::string s = diagnostics.ToString();
        int n = diagnostics.ErrorCount();
        s += std::to_string(n) + (n == 1 ? " error" : " errors");
        return s;
      }()),
      diagnostics_(std::move(diagnostics)) {}

}  // namespace makerscore
