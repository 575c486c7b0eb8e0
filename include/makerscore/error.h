// makerscore: errors raised by the library.
//
// Three kinds of failure, three mechanisms:
//  * mistakes in a rule file are collected as Diagnostics (diagnostics.h);
//  * API misuse and unreadable input (a file that cannot be opened, a CSV
//    that does not match the rule file) throw makerscore::Error or a subclass;
//  * faults in one entity's data (a missing value, a division by zero) are
//    flags in the Result, never an exception.
#ifndef MAKERSCORE_ERROR_H_
#define MAKERSCORE_ERROR_H_

#include <stdexcept>
#include <string>

namespace makerscore {

// The one exception type of the library. what() is a complete message for an
// analyst: it names the file, the row or line, the field and what was expected.
// A NUL byte of the input quoted in the message is shown as <U+0000 NULL>, so
// that what() (a C string) holds the whole message.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(WithoutNul(what)) {}
  explicit Error(const char* what) : std::runtime_error(what) {}

 private:
  static std::string WithoutNul(std::string s) {
    for (size_t p = s.find('\0'); p != std::string::npos; p = s.find('\0', p)) s.replace(p, 1, "<U+0000 NULL>");
    return s;
  }
};

// Input data (CSV, arrays, ratings) that cannot be used as it is.
class DataError : public Error {
 public:
  using Error::Error;
};

}  // namespace makerscore

#endif  // MAKERSCORE_ERROR_H_
