// Reading a number from a spreadsheet cell (internal).
#ifndef MAKERSCORE_SRC_UTIL_NUMBER_CELL_H_
#define MAKERSCORE_SRC_UTIL_NUMBER_CELL_H_

#include <string>
#include <string_view>

namespace makerscore::detail {

// Reads the number in cell (already trimmed, not empty) into *out and returns
// "", or returns what is wrong in words for an analyst. What spreadsheets
// export is accepted when its meaning is certain:
//   - full-width digits and signs (１２３．５, －３) as their ASCII forms;
//   - thousands separators in well-formed groups (1,234,567.5), which Chinese
//     and English spreadsheets both write with a comma;
//   - a trailing percent sign (12.5%) when the field's unit is "%", read as 12.5.
// Refused, each with its own message: a percent sign in a field measured in
// anything else (12% could mean 12 or 0.12), a comma that is not a thousands
// separator (1,23 -- a decimal comma?), spreadsheet errors (#DIV/0!, #N/A),
// NaN and infinities, and any other text. unit names the field's unit in
// messages ("" when it has none).
std::string ParseNumberCell(std::string_view cell, const std::string& unit, double* out);

// The decimal number written in `number` ("0.695", "-6.95E-2", "12") with its decimal point moved `places`
// to the right (left when negative), in decimal and exactly: ShiftDecimal("0.695", 2) is "69.5",
// ShiftDecimal("7.3", -2) is "0.073". Binary arithmetic would give 0.07 x 100 = 7.000000000000001. number
// must be a plain decimal (digits, one '.', an optional sign and exponent); anything else is returned as is.
std::string ShiftDecimal(std::string_view number, int places);

// True for the unit of a field in percent points ("%" or "％": 69.5 means 69.5%), where 80% in a rule file
// (the fraction 0.8) would mean something else.
inline bool IsPercentUnit(std::string_view unit) { return unit == "%" || unit == "\xEF\xBC\x85"; }

// For a number written in text that from_chars found out of range: ", which is
// larger than the largest number makerscore holds (about 1.8e308)" or ", which
// is closer to 0 than the smallest number makerscore holds (about 2.2e-308;
// write 0 if 0 is meant)". A small number is told from a large one by the
// exponent's sign, as written ("1e-400", "0.000…1e-300").
std::string OutOfRange(std::string_view written);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_UTIL_NUMBER_CELL_H_
