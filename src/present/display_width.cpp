// Terminal display width of UTF-8 text (East Asian Wide and Fullwidth = 2).
//
// Our own small table rather than wcwidth(3): wcwidth depends on the
// process locale (in the C locale it refuses every non-ASCII character),
// and the ranges below are all that Chinese names and labels need.
#include <cstdint>

#include "makerscore/present.h"

namespace makerscore {

namespace {

bool IsWide(std::uint32_t c) {
  return (c >= 0x1100 && c <= 0x115F) ||                                    // Hangul Jamo
         (c >= 0x2E80 && c <= 0x303E) ||                                    // CJK radicals, punctuation
         (c >= 0x3041 && c <= 0x33FF) ||                                    // kana, CJK compatibility
         (c >= 0x3400 && c <= 0x4DBF) ||                                    // CJK extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||                                    // CJK unified ideographs
         (c >= 0xA000 && c <= 0xA4CF) ||                                    // Yi
         (c >= 0xAC00 && c <= 0xD7A3) ||                                    // Hangul syllables
         (c >= 0xF900 && c <= 0xFAFF) ||                                    // CJK compatibility ideographs
         (c >= 0xFE30 && c <= 0xFE4F) ||                                    // CJK compatibility forms
         (c >= 0xFF00 && c <= 0xFF60) ||                                    // full-width forms （）、，
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||  // emoji
         (c >= 0x20000 && c <= 0x3FFFD);                                    // CJK extensions B onwards
}

}  // namespace

int DisplayWidth(const std::string& s) {
  int width = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    std::uint32_t c = b;
    size_t len = 1;
    if (b >= 0xF0) {
      c = b & 0x07;
      len = 4;
    } else if (b >= 0xE0) {
      c = b & 0x0F;
      len = 3;
    } else if (b >= 0xC0) {
      c = b & 0x1F;
      len = 2;
    }
    for (size_t k = 1; k < len && i + k < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) continue;  // control characters
    if (c >= 0x300 && c <= 0x36F) continue;             // combining marks
    width += IsWide(c) ? 2 : 1;
  }
  return width;
}

}  // namespace makerscore
