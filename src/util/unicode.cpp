#include "util/unicode.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

namespace makerscore::detail {

namespace {

// Invisible characters people meet in pasted text, by name; others are named by their category.
const char* NameOf(utf8proc_int32_t c) {
  switch (c) {
    case 0x0000:
      return "NULL";
    case 0x0009:
      return "CHARACTER TABULATION";
    case 0x000A:
      return "LINE FEED";
    case 0x000D:
      return "CARRIAGE RETURN";
    case 0x00A0:
      return "NO-BREAK SPACE";
    case 0x00AD:
      return "SOFT HYPHEN";
    case 0x034F:
      return "COMBINING GRAPHEME JOINER";
    case 0x061C:
      return "ARABIC LETTER MARK";
    case 0x115F:
      return "HANGUL CHOSEONG FILLER";
    case 0x1160:
      return "HANGUL JUNGSEONG FILLER";
    case 0x180E:
      return "MONGOLIAN VOWEL SEPARATOR";
    case 0x2000:
      return "EN QUAD";
    case 0x2002:
      return "EN SPACE";
    case 0x2003:
      return "EM SPACE";
    case 0x2009:
      return "THIN SPACE";
    case 0x200A:
      return "HAIR SPACE";
    case 0x200B:
      return "ZERO WIDTH SPACE";
    case 0x200C:
      return "ZERO WIDTH NON-JOINER";
    case 0x200D:
      return "ZERO WIDTH JOINER";
    case 0x200E:
      return "LEFT-TO-RIGHT MARK";
    case 0x200F:
      return "RIGHT-TO-LEFT MARK";
    case 0x2028:
      return "LINE SEPARATOR";
    case 0x2029:
      return "PARAGRAPH SEPARATOR";
    case 0x202A:
      return "LEFT-TO-RIGHT EMBEDDING";
    case 0x202B:
      return "RIGHT-TO-LEFT EMBEDDING";
    case 0x202C:
      return "POP DIRECTIONAL FORMATTING";
    case 0x202D:
      return "LEFT-TO-RIGHT OVERRIDE";
    case 0x202E:
      return "RIGHT-TO-LEFT OVERRIDE";
    case 0x202F:
      return "NARROW NO-BREAK SPACE";
    case 0x205F:
      return "MEDIUM MATHEMATICAL SPACE";
    case 0x2060:
      return "WORD JOINER";
    case 0x2066:
      return "LEFT-TO-RIGHT ISOLATE";
    case 0x2067:
      return "RIGHT-TO-LEFT ISOLATE";
    case 0x2068:
      return "FIRST STRONG ISOLATE";
    case 0x2069:
      return "POP DIRECTIONAL ISOLATE";
    case 0x3000:
      return "IDEOGRAPHIC SPACE";
    case 0x3164:
      return "HANGUL FILLER";
    case 0xFEFF:
      return "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)";
    case 0xFFA0:
      return "HALFWIDTH HANGUL FILLER";
    default:
      return nullptr;
  }
}

// What kind of unusable character c is, or nullptr for one that may stand in a name.
const char* Unusable(utf8proc_int32_t c) {
  if (c == ' ') return nullptr;
  if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF)) return "a variation selector, invisible";
  if (c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x180E) {
    return "an invisible character";
  }
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_CC:
      return "a control character";
    case UTF8PROC_CATEGORY_CF:
      return "an invisible formatting character";
    case UTF8PROC_CATEGORY_ZS:
      return "a space that is not the ordinary one";
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return "a line break";
    case UTF8PROC_CATEGORY_CO:
      return "a private-use character, which has no agreed look";
    case UTF8PROC_CATEGORY_CN:
      return "a code point that is not an assigned character";
    case UTF8PROC_CATEGORY_CS:
      return "a surrogate";
    default:
      return nullptr;
  }
}

std::string CodePoint(utf8proc_int32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  const char* name = NameOf(c);
  return name ? std::string(buf) + " " + name : std::string(buf);
}

std::string Mapped(std::string_view text, int options) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                   &out, static_cast<utf8proc_option_t>(options));
  if (n < 0) return std::string(text);  // not valid UTF-8: left for the readers to refuse
  std::string result(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
  std::free(out);
  return result;
}

}  // namespace

bool IsUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    if (*p < 0x80) {  // ASCII, byte by byte
      ++p;
      --left;
      continue;
    }
    utf8proc_int32_t c = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    if (n <= 0) return false;
    p += n;
    left -= n;
  }
  return true;
}

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

bool NfcInert(char32_t c) {
  return c < 0x80 || (c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2010 && c <= 0x2027) ||
         c == 0x2103 || c == 0x2264 || c == 0x2265 || (c >= 0x3000 && c <= 0x3029) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xFF01 && c <= 0xFF60);
}

bool IsNfcInert(std::string_view text) {
  const auto byte = [&text](size_t i) { return static_cast<unsigned char>(text[i]); };
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    // Two or three bytes cover every inert character; anything else (or bad UTF-8) is left to utf8proc.
    char32_t cp = 0;
    if ((c >> 5) == 0x6 && i + 1 < text.size() && (byte(i + 1) & 0xC0) == 0x80) {
      cp = (static_cast<char32_t>(c & 0x1F) << 6) | (byte(i + 1) & 0x3F);
      i += 2;
    } else if ((c >> 4) == 0xE && i + 2 < text.size() && (byte(i + 1) & 0xC0) == 0x80 && (byte(i + 2) & 0xC0) == 0x80) {
      cp = (static_cast<char32_t>(c & 0x0F) << 12) | (static_cast<char32_t>(byte(i + 1) & 0x3F) << 6) |
           (byte(i + 2) & 0x3F);
      i += 3;
    } else {
      return false;
    }
    // (An overlong form decodes below 0x80 and passes: utf8proc leaves text that is not UTF-8 unchanged too.)
    if (!NfcInert(cp)) return false;
  }
  return true;
}

std::string Nfc(std::string_view text) {
  if (IsNfcInert(text)) return std::string(text);
  return Mapped(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string IdProblem(std::string_view text) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  for (int position = 1; left > 0; ++position) {
    utf8proc_int32_t c = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    if (n <= 0) return "bytes that are not UTF-8 text, at character " + std::to_string(position);
    if (const char* kind = Unusable(c)) {
      return CodePoint(c) + ", " + kind + ", at character " + std::to_string(position);
    }
    p += n;
    left -= n;
  }
  return "";
}

std::string Visible(std::string_view text) {
  bool plain = true;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    plain &= c >= 0x20 && c != 0x7F && c < 0x80;
  }
  if (plain) return std::string(text);
  std::string out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t c = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    if (n <= 0) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "<0x%02X>", static_cast<unsigned>(*p));
      out += buf;
      n = 1;
    } else if (Unusable(c)) {
      out += "<" + CodePoint(c) + ">";
    } else {
      out.append(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
    }
    p += n;
    left -= n;
  }
  return out;
}

bool IsPlainAscii(std::string_view text) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7F) return false;
  }
  return true;
}

std::vector<std::pair<std::size_t, std::size_t>> LookAlikePairs(const std::vector<std::string>& names) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::unordered_map<std::string, std::size_t> folded;  // NFKC of a non-ASCII name -> its first index
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (IsAscii(names[i])) continue;
    auto [it, fresh] = folded.emplace(Mapped(names[i], UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT), i);
    if (!fresh && names[it->second] != names[i]) out.emplace_back(it->second, i);
  }
  if (folded.empty()) return out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!IsAscii(names[i])) continue;
    auto it = folded.find(names[i]);
    if (it != folded.end()) out.emplace_back(std::min(i, it->second), std::max(i, it->second));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return out;
}

std::string LookAlikeMessage(const std::string& what, const std::string& a, const std::string& b) {
  return what + " '" + Visible(a) + "' and '" + Visible(b) +
         "' look alike: they differ only in full-width or other compatibility forms of the same characters; "
         "write them the same way";
}

}  // namespace makerscore::detail
