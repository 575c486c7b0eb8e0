#include "util/encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

#include "makerscore/error.h"

namespace makerscore::detail {

bool IsUtf8Name(const std::string& encoding) {
  std::string e;
  for (char c : encoding) {
    if (c != '-' && c != '_') e += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return e.empty() || e == "utf8";
}

std::string ToUtf8(std::string_view bytes, const std::string& encoding, const std::string& source) {
  iconv_t cd = ::iconv_open("UTF-8", encoding.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    throw DataError(source + ": the encoding '" + encoding +
                    "' is not one makerscore knows; Chinese spreadsheets save CSV as gb18030 (which includes gbk) "
                    "or utf-8");
  }
  std::string out(bytes.size() * 2 + 16, '\0');  // GB18030's 2 bytes become UTF-8's 3 at most
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  size_t done = 0;
  while (in_left > 0) {
    char* to = out.data() + done;
    size_t to_left = out.size() - done;
    const size_t r = ::iconv(cd, &in, &in_left, &to, &to_left);
    done = static_cast<size_t>(to - out.data());
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    ::iconv_close(cd);
    const size_t at = bytes.size() - in_left;
    const int line = 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<long>(at), '\n'));
    throw DataError(source + ":" + std::to_string(line) + ": the file is not " + encoding +
                    " text (a byte sequence at this line is not a character in it); is it in another encoding?");
  }
  ::iconv_close(cd);
  out.resize(done);
  return out;
}

}  // namespace makerscore::detail
