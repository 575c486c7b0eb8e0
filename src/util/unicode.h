// Names people type: Unicode normalisation, invisible characters and
// look-alikes (internal). Built on utf8proc.
#ifndef MAKERSCORE_SRC_UTIL_UNICODE_H_
#define MAKERSCORE_SRC_UTIL_UNICODE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace makerscore::detail {

// text in Unicode normalisation form C (composed: "é" as one character, as
// keyboards type it), so that two spellings of the same name are one name.
// ASCII and text that is not valid UTF-8 come back unchanged.
std::string Nfc(std::string_view text);

// True for a character NFC never changes, whatever surrounds it: ASCII, U+00A0-00BF, × ÷, U+2010-2027, ℃ ≤ ≥,
// U+3000-3029 (CJK punctuation), U+4E00-9FFF (the CJK ideographs) and U+FF01-FF60 (full-width forms). None
// has a canonical decomposition or a combining class, and none is the second of a composed pair (a test
// checks every code point against utf8proc's tables).
bool NfcInert(char32_t c);
// True when every character of text is NfcInert: then text is its own NFC, told without utf8proc's work
// (most Chinese rule files and names).
bool IsNfcInert(std::string_view text);

// True when text is valid UTF-8 throughout.
bool IsUtf8(std::string_view text);

// True when text is pure ASCII (then it is its own NFC and NFKC).
bool IsAscii(std::string_view text);

// What makes text unusable as an identifier (an id of an indicator, field,
// entity, expert, level, grade or class), or "": a control, format
// (zero-width, bidi), private-use, unassigned or other invisible character,
// or a space other than the ordinary one; named by code point
// ("U+200B ZERO WIDTH SPACE, an invisible character, at character 3").
std::string IdProblem(std::string_view text);

// text with every character IdProblem would name, and every control
// character, shown as <U+200B ZERO WIDTH SPACE>: for echoing what a file holds
// in a message, where an invisible character would otherwise stay invisible
// and a NUL byte would cut the message short. Invalid UTF-8 bytes show as <0xFF>.
std::string Visible(std::string_view text);

// True when text is printable ASCII only (no control character): then it is
// a usable name as it is, its own NFC and its own NFKC.
bool IsPlainAscii(std::string_view text);

// The pairs (i, j), i < j, of distinct names that look alike: different texts
// that are one text after NFKC folding (full-width ＡＢ１ against AB1,
// ligatures, circled digits ...). Only names that are not ASCII are folded
// (two different ASCII names never look alike), so a million ASCII ids cost a
// single pass.
std::vector<std::pair<std::size_t, std::size_t>> LookAlikePairs(const std::vector<std::string>& names);

// The message for two names that look alike: "'E01' and 'Ｅ01' look alike (they
// differ only in full-width or other compatibility forms of the same
// characters); write them the same way".
std::string LookAlikeMessage(const std::string& what, const std::string& a, const std::string& b);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_UTIL_UNICODE_H_
