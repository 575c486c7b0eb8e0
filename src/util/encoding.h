// Converting a file's text to UTF-8 (internal), with glibc's iconv.
#ifndef MAKERSCORE_SRC_UTIL_ENCODING_H_
#define MAKERSCORE_SRC_UTIL_ENCODING_H_

#include <string>
#include <string_view>

namespace makerscore::detail {

// True when encoding names UTF-8 ("utf-8", "UTF8", "" ...): no conversion.
bool IsUtf8Name(const std::string& encoding);

// bytes, read as `encoding` (gb18030, gbk or any name iconv knows), as UTF-8.
// Throws DataError naming source and the line of the first byte that is not
// text in that encoding, or saying the encoding is unknown.
std::string ToUtf8(std::string_view bytes, const std::string& encoding, const std::string& source);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_UTIL_ENCODING_H_
