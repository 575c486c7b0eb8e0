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

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_UTIL_NUMBER_CELL_H_
