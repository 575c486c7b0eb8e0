#include "util/number_cell.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "util/text.h"

namespace makerscore::detail {

namespace {

// cell with full-width digits, signs, point, comma and percent (U+FF05,
// U+FF0B-U+FF0E, U+FF10-U+FF19: EF BC 85 ... EF BC 99 in UTF-8) replaced by
// their ASCII forms. Other text is kept as it is.
std::string HalfWidth(std::string_view cell) {
  std::string out;
  out.reserve(cell.size());
  for (size_t i = 0; i < cell.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(cell[i]);
    if (c == 0xEF && i + 2 < cell.size() && static_cast<unsigned char>(cell[i + 1]) == 0xBC) {
      unsigned char t = static_cast<unsigned char>(cell[i + 2]);
      if (t == 0x85 || (t >= 0x8B && t <= 0x8E) || (t >= 0x90 && t <= 0x99)) {
        out += static_cast<char>(t - 0x85 + '%');  // U+FF05 -> '%', U+FF10 -> '0' (the ASCII offset is the same)
        i += 2;
        continue;
      }
    }
    out += cell[i];
  }
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// True when s (after an optional sign) is 1-3 digits, then groups of
// ",ddd", then optionally "." and digits: a number written with thousands
// separators.
bool WellGrouped(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  size_t lead = 0;
  while (i < s.size() && IsDigit(s[i])) ++i, ++lead;
  if (lead < 1 || lead > 3) return false;
  bool grouped = false;
  while (i < s.size() && s[i] == ',') {
    if (i + 4 > s.size() || !IsDigit(s[i + 1]) || !IsDigit(s[i + 2]) || !IsDigit(s[i + 3])) return false;
    i += 4;
    grouped = true;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
  }
  return grouped && i == s.size();
}

}  // namespace

std::string ParseNumberCell(std::string_view cell, const std::string& unit, double* out) {
  // The common cell, a plain number such as 358.0 or -1.5e3, read at once. Whatever this does not read
  // whole (a '+', full-width digits, thousands separators, a '%', 'inf') takes the way below, which reads
  // a plain number the same.
  if (!cell.empty() && cell.front() != '+') {
    double v = 0;
    const auto [stop, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
    if (ec == std::errc() && stop == cell.data() + cell.size() && std::isfinite(v)) {
      *out = v;
      return "";
    }
  }
  const std::string written(cell);
  if (!cell.empty() && cell.front() == '#') {
    return "'" + written +
           "' is a spreadsheet error, not a value: correct the formula in the spreadsheet, "
           "or leave the cell empty if the value is unknown";
  }
  std::string s = HalfWidth(cell);
  const std::string in_unit = unit.empty() ? "" : " in " + unit;
  if (!s.empty() && s.back() == '%') {
    s.pop_back();
    if (!IsPercentUnit(unit)) {
      double v = 0;
      const bool number = !s.empty() && ParseNumberCell(s, "%", &v).empty();
      return "expected a number" + in_unit + ", found the percentage '" + written + "'" +
             (number ? " (write " + FormatNumber(v, 6) + " if the field is measured in percent, " +
                           FormatNumber(v / 100, 8) + " if it is a fraction)"
                     : "");
    }
  }
  if (s.find(',') != std::string::npos) {
    if (!WellGrouped(s)) {
      return "expected a number" + in_unit + ", found '" + written +
             "': a comma may only separate thousands (1,234,567); write decimals with a point (1.5)";
    }
    s.erase(std::remove(s.begin(), s.end(), ','), s.end());
  }
  const char* begin = s.data();
  const char* end = s.data() + s.size();
  if (begin != end && *begin == '+') ++begin;
  double v = 0;
  auto [stop, ec] = std::from_chars(begin, end, v);
  if (ec == std::errc::result_out_of_range)
    return "expected a number" + in_unit + ", found '" + written + "'" + OutOfRange(s);
  if (ec != std::errc() || stop != end) {
    return "expected a number" + in_unit + ", found '" + written + "' (leave the cell empty if the value is unknown)";
  }
  if (!std::isfinite(v)) return "expected a finite number" + in_unit + ", found '" + written + "'";
  *out = v;
  return "";
}

std::string OutOfRange(std::string_view written) {
  // The exponent, if any, decides: 1e-400 is tiny, 1e400 huge; without one only a huge number overflows.
  const size_t e = written.find_first_of("eE");
  const bool tiny = e != std::string_view::npos && e + 1 < written.size() && written[e + 1] == '-';
  return tiny ? ", which is closer to 0 than the smallest number makerscore holds (about 2.2e-308; write 0 if 0 is "
                "meant)"
              : ", which is larger than the largest number makerscore holds (about 1.8e308)";
}

std::string ShiftDecimal(std::string_view number, int places) {
  const std::string_view original = number;
  std::string sign;
  if (!number.empty() && (number[0] == '-' || number[0] == '+')) {
    if (number[0] == '-') sign = "-";
    number.remove_prefix(1);
  }
  long exponent = places;
  if (const size_t e = number.find_first_of("eE"); e != std::string_view::npos) {
    long written = 0;
    const std::string_view digits = number.substr(e + 1);
    auto [end, ec] =
        std::from_chars(digits.data() + (!digits.empty() && digits[0] == '+'), digits.data() + digits.size(), written);
    if (ec != std::errc() || end != digits.data() + digits.size() || std::labs(written) > 400)
      return std::string(original);
    exponent += written;
    number = number.substr(0, e);
  }
  const size_t dot = number.find('.');
  const std::string whole(number.substr(0, dot));
  std::string digits = whole + (dot == std::string_view::npos ? "" : std::string(number.substr(dot + 1)));
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return std::string(original);
  long point = static_cast<long>(whole.size()) + exponent;  // where the decimal point falls in digits
  if (point > static_cast<long>(digits.size())) digits.append(static_cast<size_t>(point) - digits.size(), '0');
  if (point < 1) {
    digits.insert(0, static_cast<size_t>(1 - point), '0');
    point = 1;
  }
  std::string head = digits.substr(0, static_cast<size_t>(point));
  std::string tail = digits.substr(static_cast<size_t>(point));
  head.erase(0, std::min(head.find_first_not_of('0'), head.size() - 1));
  tail.erase(tail.find_last_not_of('0') + 1);
  return sign + head + (tail.empty() ? "" : "." + tail);
}

}  // namespace makerscore::detail
