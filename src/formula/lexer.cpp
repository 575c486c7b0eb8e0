// The formula language's tokens (lexer.h).
#include "formula/lexer.h"

#include <algorithm>
#include <charconv>

namespace makerscore::detail {

Token ReadToken(std::string_view text, std::size_t* pos) {
  size_t i = *pos;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
    ++i;
  }
  Token token;
  token.offset = static_cast<int>(i);
  if (i >= text.size()) {
    token.kind = Tok::kEnd;
    token.text = "end of formula";
    *pos = i;
    return token;
  }
  char c = text[i];
  if ((c >= '0' && c <= '9') || (c == '.' && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9')) {
    double v = 0;
    auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), v);
    size_t len = static_cast<size_t>(end - (text.data() + i));
    token.kind = ec == std::errc() ? Tok::kNumber : Tok::kBad;
    token.out_of_range = ec == std::errc::result_out_of_range;
    token.number = v;
    token.text = std::string(text.substr(i, std::max<size_t>(len, 1)));
    *pos = i + std::max<size_t>(len, 1);
    return token;
  }
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
    size_t j = i;
    while (j < text.size() && ((text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z') ||
                               (text[j] >= '0' && text[j] <= '9') || text[j] == '_')) {
      ++j;
    }
    token.kind = Tok::kName;
    token.text = std::string(text.substr(i, j - i));
    *pos = j;
    return token;
  }
  if (c == '"' || c == '\'') {  // a category's label: "专业化众创空间"
    const size_t close = text.find(c, i + 1);
    if (close == std::string_view::npos) {
      token.kind = Tok::kBad;
      token.text = std::string(1, c);
      token.unclosed = true;
      *pos = text.size();
      return token;
    }
    token.kind = Tok::kString;
    token.text = std::string(text.substr(i + 1, close - i - 1));
    *pos = close + 1;
    return token;
  }
  static const char* kTwo[] = {"<=", ">=", "==", "!="};
  for (const char* two : kTwo) {
    if (text.substr(i, 2) == two) {
      token.kind = Tok::kOp;
      token.text = two;
      *pos = i + 2;
      return token;
    }
  }
  *pos = i + 1;
  token.text = std::string(1, c);
  switch (c) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '<':
    case '>':
    case '%':
      token.kind = Tok::kOp;
      return token;
    case '(':
      token.kind = Tok::kLParen;
      return token;
    case ')':
      token.kind = Tok::kRParen;
      return token;
    case ',':
      token.kind = Tok::kComma;
      return token;
    case '[':
      token.kind = Tok::kLBracket;
      return token;
    case ']':
      token.kind = Tok::kRBracket;
      return token;
    default:
      break;
  }
  // Show a whole UTF-8 character (a full-width bracket, say), not one byte.
  size_t len = 1;
  if ((c & 0xE0) == 0xC0)
    len = 2;
  else if ((c & 0xF0) == 0xE0)
    len = 3;
  else if ((c & 0xF8) == 0xF0)
    len = 4;
  token.text = std::string(text.substr(i, len));
  *pos = i + len;
  token.kind = Tok::kBad;
  return token;
}

}  // namespace makerscore::detail
