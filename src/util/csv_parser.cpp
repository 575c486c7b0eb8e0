#include "util/csv_parser.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>

#include "makerscore/error.h"

namespace makerscore::detail {

void RequireUtf8(std::string_view text, const std::string& source) {
  size_t i = 0, n = text.size();
  // The line of the byte at i, counted only when there is something to say.
  const auto line_at = [text](size_t i) { return 1 + std::count(text.begin(), text.begin() + i, '\n'); };
  while (i < n) {
    // ASCII eight bytes at a time: no byte with its high bit set.
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    for (std::uint64_t word = 0; i + 8 <= n; i += 8) {
      std::memcpy(&word, text.data() + i, 8);
      if (word & kHigh) break;
    }
    if (i >= n) break;
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len > 0 && i + len <= n && c >= 0xC2 && c <= 0xF4;
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (ok && len > 2) {
      // RFC 3629: no overlong forms (E0 80-9F, F0 80-8F), no surrogates (ED A0-BF), nothing past U+10FFFF (F4 90-).
      const unsigned char d = static_cast<unsigned char>(text[i + 1]);
      ok = !(c == 0xE0 && d < 0xA0) && !(c == 0xED && d >= 0xA0) && !(c == 0xF0 && d < 0x90) &&
           !(c == 0xF4 && d >= 0x90);
    }
    if (ok && i > 0 && c == 0xEF && text.compare(i, 3, "\xEF\xBB\xBF") == 0) {
      throw DataError(source + ":" + std::to_string(line_at(i)) +
                      ": a byte-order mark (U+FEFF) in the middle of the file, where it would become part of a cell; "
                      "it marks the start of a file (were two files joined?): remove it");
    }
    if (!ok) {
      throw DataError(source + ":" + std::to_string(line_at(i)) +
                      ": the file is not UTF-8 text. Spreadsheets often save Chinese CSV files as "
                      "GBK/GB18030; read it as such with --encoding gb18030 (in Python, encoding=\"gb18030\"), "
                      "convert it with\n  iconv -f GB18030 -t UTF-8 '" +
                      source + "' > converted.csv\nor save it from the spreadsheet as \"CSV UTF-8\".");
    }
    i += len;
  }
}

void ParseCsv(std::string_view text, const std::string& source,
              const std::function<void(int, const std::vector<std::string_view>&)>& on_record) {
  size_t i = 0;
  const size_t n = text.size();
  if (n >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  int line = 1;
  // Lines starting with '#' before the first record are comments (a note on
  // where the data comes from, say).
  while (i < n && text[i] == '#') {
    while (i < n && text[i] != '\n') ++i;
    if (i < n) ++i;
    ++line;
  }
  // A plain cell is a view of text; a quoted one is unescaped into quoted[k]
  // (a deque: growing it leaves the cells before in place).
  std::vector<std::string_view> cells;
  std::deque<std::string> quoted;
  auto is_end = [](char c) { return c == ',' || c == '\n' || c == '\r'; };
  while (i < n) {
    int start_line = line;
    cells.clear();
    bool record_done = false;
    while (!record_done) {
      if (i < n && text[i] == '"') {
        if (quoted.size() <= cells.size()) quoted.resize(cells.size() + 1);
        std::string& cell = quoted[cells.size()];
        cell.clear();
        int quote_line = line;
        ++i;
        while (true) {
          if (i >= n) {
            throw DataError(source + ":" + std::to_string(quote_line) +
                            ": a quoted cell is never closed (a '\"' is missing)");
          }
          char c = text[i++];
          if (c == '"') {
            if (i < n && text[i] == '"') {
              cell += '"';
              ++i;
              continue;
            }
            break;
          }
          line += c == '\n';
          cell += c;
        }
        // Text after the closing quote up to the separator is kept as is.
        while (i < n && !is_end(text[i])) cell += text[i++];
        cells.push_back(cell);
      } else {
        size_t j = i;
        while (j < n && !is_end(text[j])) ++j;
        cells.push_back(text.substr(i, j - i));
        i = j;
      }
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      if (i < n && text[i] == '\r') ++i;
      if (i < n && text[i] == '\n') {
        ++i;
        ++line;
      }
      record_done = true;
    }
    bool blank = cells.size() == 1 && Trim(cells[0]).empty();
    if (!blank) on_record(start_line, cells);
  }
}

std::vector<int> FindColumns(const std::vector<std::string_view>& header, const std::vector<std::string>& names) {
  std::vector<int> col(names.size(), -1);
  for (size_t c = 0; c < header.size(); ++c) {
    for (size_t k = 0; k < names.size(); ++k) {
      if (Trim(header[c]) == names[k]) col[k] = static_cast<int>(c);
    }
  }
  return col;
}

std::string_view Trim(std::string_view s) {
  // Most cells: neither end can be part of a pad (' ', '\t', C2 A0, E3 80 80).
  const auto first = static_cast<unsigned char>(s.empty() ? ' ' : s.front());
  const auto last = static_cast<unsigned char>(s.empty() ? ' ' : s.back());
  if (first != ' ' && first != '\t' && first != 0xC2 && first != 0xE3 && last != ' ' && last != '\t' && last != 0xA0 &&
      last != 0x80) {
    return s;
  }
  // Spaces, tabs, and what spreadsheets pad cells with: the no-break space
  // (U+00A0) and the ideographic space (U+3000).
  static constexpr std::string_view kPads[] = {" ", "\t", "\xC2\xA0", "\xE3\x80\x80"};
  for (bool trimmed = true; trimmed && !s.empty();) {
    trimmed = false;
    for (std::string_view pad : kPads) {
      if (s.substr(0, pad.size()) == pad) s.remove_prefix(pad.size()), trimmed = true;
      if (s.size() >= pad.size() && s.substr(s.size() - pad.size()) == pad) s.remove_suffix(pad.size()), trimmed = true;
    }
  }
  return s;
}

}  // namespace makerscore::detail
