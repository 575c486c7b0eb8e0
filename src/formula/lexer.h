// The tokens of the formula language (internal): numbers, names, labels in quotes, operators and
// brackets, each with its place in the text, for the parser (parser.cpp).
#ifndef MAKERSCORE_SRC_FORMULA_LEXER_H_
#define MAKERSCORE_SRC_FORMULA_LEXER_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace makerscore::detail {

enum class Tok { kEnd, kNumber, kName, kString, kOp, kLParen, kRParen, kLBracket, kRBracket, kComma, kBad };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;  // as written; a label without its quotes; "end of formula" at the end
  double number = 0;
  int offset = 0;             // where it begins in the text, in bytes
  bool out_of_range = false;  // a number too large or too small to hold (kBad)
  bool unclosed = false;      // a quote without its closing quote (kBad)
};

// The token at *pos of text, white space before it skipped; *pos moves past it. A character the language
// does not have is a kBad token of the whole UTF-8 character.
Token ReadToken(std::string_view text, std::size_t* pos);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_FORMULA_LEXER_H_
