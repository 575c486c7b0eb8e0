// Reading one year of a cohort from CSV, checked against the rule set.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "data/header.h"
#include "data/long_form.h"
#include "data/xlsx_reader.h"
#include "makerscore/csv.h"
#include "makerscore/error.h"
#include "util/csv_parser.h"
#include "util/number_cell.h"
#include "util/read_file.h"
#include "util/text.h"
#include "util/unicode.h"

namespace makerscore {

namespace detail {
// A cohort from a file's text: an xlsx workbook (its sheet `sheet`, "" for the first) or CSV.
DatasetReading ParseDatasetText(std::string_view text, const RuleSet& rules, const std::string& source,
                                const std::string& sheet);
// What is wrong with value v (written text) of field, or "".
std::string ValueProblem(const Field& field, double v, const std::string& text);
}  // namespace detail

namespace {

using Problems = detail::ProblemList;

// True when v (not NaN) is a value field allows; detail::ValueProblem says why not.
bool Allowed(const Field& field, double v) {
  if (!std::isfinite(v)) return false;
  if (field.kind == FieldKind::kCount && (v < 0 || v != std::floor(v))) return false;
  if (field.kind == FieldKind::kFlag && v != 0 && v != 1) return false;
  return !(field.min && v < *field.min) && !(field.max && v > *field.max);
}

bool IsMissingCell(std::string_view s) { return s.empty() || s == "NA" || s == "N/A" || s == "null"; }

std::string ColumnLabel(const Field& f) {
  return "column '" + f.id + "'" + (f.name.empty() ? "" : " (" + f.name + ")");
}

// The value of one cell, or NaN when it is empty; sets problem when the cell
// cannot be used as the field's value.
double CellValue(const Field& field, std::string_view cell, std::string* problem) {
  const double kMissing = std::numeric_limits<double>::quiet_NaN();
  if (IsMissingCell(cell)) return kMissing;
  if (field.kind == FieldKind::kFlag && (cell == "是" || cell == "否")) return cell == "是" ? 1 : 0;
  double v = kMissing;
  // A share is a fraction: "69.5%" there can only mean 0.695.
  const bool share_in_percent =
      field.kind == FieldKind::kShare && !detail::IsPercentUnit(field.unit) &&
      (cell.back() == '%' || (cell.size() >= 3 && cell.substr(cell.size() - 3) == "\xEF\xBC\x85"));
  *problem = detail::ParseNumberCell(cell, share_in_percent ? "%" : field.unit, &v);
  if (share_in_percent && problem->empty()) {
    // Exactly as written: "7.3%" is the number 0.073, where 7.3 / 100 in binary can differ in the last bit.
    // The shortest text that reads back as v is what was written (7.3); its point moves two places.
    char buffer[32];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, v);
    const std::string fraction = detail::ShiftDecimal(std::string_view(buffer, written.ptr - buffer), -2);
    std::from_chars(fraction.data(), fraction.data() + fraction.size(), v);
  }
  if (problem->empty() && !Allowed(field, v)) *problem = detail::ValueProblem(field, v, std::string(cell));
  return v;
}

}  // namespace

namespace detail {

std::string ValueProblem(const Field& field, double v, const std::string& text) {
  if (field.kind == FieldKind::kCount && (v < 0 || v != std::floor(v))) {
    return "expected a whole number of at least 0, found '" + text + "'";
  }
  if (field.kind == FieldKind::kFlag && v != 0 && v != 1) return "expected 0 or 1 (or 是/否), found '" + text + "'";
  if (field.min && v < *field.min) return text + " is below the smallest allowed value " + FormatNumber(*field.min);
  if (field.max && v > *field.max) return text + " is above the largest allowed value " + FormatNumber(*field.max);
  return "";
}

}  // namespace detail

std::vector<CellProblem> CheckValues(const RuleSet& rules, const Dataset& data) {
  std::vector<CellProblem> out;
  for (const auto& field : rules.fields) {
    int j = data.FindField(field.id);
    if (j < 0 || field.kind == FieldKind::kCategory) continue;
    for (int i = 0; i < data.entity_count(); ++i) {
      double v = data.value(i, j);
      if (std::isnan(v) || Allowed(field, v)) continue;  // the common case, without formatting the value
      std::string problem = detail::ValueProblem(field, v, detail::FormatNumber(v, 6));
      if (problem.empty() && std::isinf(v)) problem = "expected a finite number, found " + detail::FormatNumber(v);
      if (!problem.empty())
        out.push_back({data.row(i), data.entity_ids()[i], field.id, ColumnLabel(field) + ": " + problem});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const CellProblem& a, const CellProblem& b) { return a.row < b.row; });
  return out;
}

namespace {

// Reads a cohort from rows of cells (a CSV file's records, a sheet's rows); in_sheet names a workbook's sheet
// ("" for CSV), so that each cell's message says which cell it is (C7).
DatasetReading ParseRecords(const detail::Records& each, std::size_t row_room, const RuleSet& rules,
                            const std::string& source, const std::string& in_sheet) {
  Problems problems(source);
  const int nf = static_cast<int>(rules.fields.size());
  std::vector<int> column_of_field(nf, -1);
  int id_column = -1, name_column = -1;
  size_t header_size = 0;
  bool have_header = false;
  std::vector<std::string> ids, names;
  std::vector<int> rows;
  // The values, written in place: room for row_room rows (a row a line), trimmed only when rows were left
  // out (a title, blank rows, a totals row). Columns grown by doubling and copied into a matrix at the end
  // took three times the values' memory while reading a million rows.
  Eigen::MatrixXd values(static_cast<Eigen::Index>(std::max<std::size_t>(row_room, 1)), nf);
  std::vector<CellProblem> cell_problems;
  // Category fields: labels in order of first appearance, and their codes.
  std::vector<std::vector<std::string>> categories(nf);
  std::vector<std::unordered_map<std::string, int>> codes(nf);

  std::vector<std::string> notes;  // rows left out, for the warnings
  each([&](int line, const std::vector<std::string_view>& cells) {
    if (!have_header) {
      // A title above the header (2019年度众创空间统计表), as spreadsheets have: a row of at most one filled
      // cell that names no id column, among the first ten.
      if (line <= 10 && detail::FilledCells(cells) <= 1 && !detail::HasIdColumn(cells, rules)) {
        if (detail::FilledCells(cells) == 1) {
          std::string title;
          for (auto c : cells) title += std::string(detail::Trim(c));
          notes.push_back(source + ":" + std::to_string(line) + ": left out the title row '" + title +
                          "' above the header");
        }
        return;
      }
      have_header = true;
      header_size = cells.size();
      detail::HeaderMap header = detail::MatchHeader(cells, rules);
      for (const auto& p : header.problems) problems.Add(line, p);
      id_column = header.id_column;
      name_column = header.name_column;
      column_of_field = std::move(header.field_column);
      problems.ThrowIfAny();
      return;
    }
    if (detail::FilledCells(cells) == 0) return;  // a blank row (",,,,"), as spreadsheets leave at the end
    // A totals row (合计) is not a makerspace: ranked, it came first and pulled every min-max score down.
    if ((id_column < static_cast<int>(cells.size()) && detail::IsTotalsLabel(cells[id_column])) ||
        (name_column >= 0 && name_column < static_cast<int>(cells.size()) &&
         detail::IsTotalsLabel(cells[name_column]))) {
      const std::string label(detail::Trim(cells[detail::IsTotalsLabel(cells[id_column]) ? id_column : name_column]));
      notes.push_back(source + ":" + std::to_string(line) + ": left out the totals row '" + label +
                      "': it sums or averages the makerspaces and is not one of them");
      return;
    }
    if (cells.size() != header_size) {
      problems.Add(line, "this row has " + std::to_string(cells.size()) + " cells but the header has " +
                             std::to_string(header_size));
      return;
    }
    if (static_cast<Eigen::Index>(ids.size()) == values.rows()) values.conservativeResize(2 * values.rows(), nf);
    const auto at = static_cast<Eigen::Index>(ids.size());
    ids.emplace_back(detail::Trim(cells[id_column]));
    names.emplace_back(name_column >= 0 ? std::string(detail::Trim(cells[name_column])) : std::string());
    rows.push_back(line);
    if (ids.back().empty()) problems.Add(line, "the entity id (column '" + rules.id_column + "') is empty");
    for (int f = 0; f < nf; ++f) {
      const Field& field = rules.fields[f];
      std::string_view cell = detail::Trim(cells[column_of_field[f]]);
      if (field.kind == FieldKind::kCategory) {
        double code = std::numeric_limits<double>::quiet_NaN();
        if (!IsMissingCell(cell)) {
          auto [it, fresh] = codes[f].emplace(std::string(cell), static_cast<int>(categories[f].size()));
          if (fresh) categories[f].emplace_back(cell);
          code = it->second;
        }
        values(at, f) = code;
        continue;
      }
      std::string problem;
      double v = CellValue(field, cell, &problem);
      if (!problem.empty()) {
        const std::string cell_name =
            in_sheet.empty() ? ""
                             : "cell " + detail::CellName(column_of_field[f], line) + " of sheet '" + in_sheet + "', ";
        cell_problems.push_back({line, ids.back(), field.id, cell_name + ColumnLabel(field) + ": " + problem});
        v = std::numeric_limits<double>::quiet_NaN();
      }
      values(at, f) = v;
    }
  });
  if (!have_header) {
    problems.Add(1, in_sheet.empty() ? "the file is empty; expected a header row naming the columns"
                                     : "the sheet '" + in_sheet +
                                           "' holds no header row naming the columns (is the "
                                           "table on another sheet? choose it with --sheet)");
  }
  std::unordered_map<std::string_view, int> first_row;  // views of ids, which stay put from here on
  first_row.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i].empty()) continue;
    auto [it, fresh] = first_row.emplace(ids[i], rows[i]);
    if (!fresh) {
      problems.Add(rows[i],
                   "the entity id '" + ids[i] + "' appears twice (first in line " + std::to_string(it->second) + ")");
    }
  }
  problems.ThrowIfAny();

  if (values.rows() != static_cast<Eigen::Index>(ids.size())) {
    values = Eigen::MatrixXd(values.topRows(static_cast<Eigen::Index>(ids.size())));
  }
  std::vector<std::string> field_ids;
  for (const auto& f : rules.fields) field_ids.push_back(f.id);
  Dataset data(std::move(field_ids), std::move(ids), std::move(names), std::move(values), std::move(rows), source,
               std::move(categories));
  if (!cell_problems.empty()) data = data.WithSetAside(cell_problems);
  return {std::move(data).WithNotes(std::move(notes)), std::move(cell_problems)};
}

}  // namespace

DatasetReading ParseDatasetCsvLenient(std::string_view text, const RuleSet& rules, const std::string& source) {
  return detail::ParseDatasetText(text, rules, source, "");
}

namespace detail {

DatasetReading ParseDatasetText(std::string_view text, const RuleSet& rules, const std::string& source,
                                const std::string& sheet) {
  if (IsZip(text)) {  // an Excel workbook, told by its content, not its name
    const SheetRows rows = ReadXlsxSheet(text, sheet, source);
    return ParseRecords(SheetRecords(rows), rows.rows.empty() ? 0 : rows.rows.size() - 1, rules, source, rows.sheet);
  }
  RequireUtf8(text, source);
  // At most a row a line after the header's: exactly that for a file without title rows or blank lines.
  const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) +
                     (!text.empty() && text.back() != '\n' ? 1 : 0);
  return ParseRecords([&](const RecordCallback& on) { ParseCsv(text, source, on); }, lines == 0 ? 0 : lines - 1, rules,
                      source, "");
}

}  // namespace detail

Dataset ParseDatasetCsv(std::string_view text, const RuleSet& rules, const std::string& source) {
  DatasetReading r = ParseDatasetCsvLenient(text, rules, source);
  Problems problems(source);
  for (const auto& p : r.problems) problems.Add(p.row, p.message);
  problems.ThrowIfAny();
  return std::move(r.data);
}

DatasetReading ReadDatasetCsvLenient(const std::string& path, const RuleSet& rules, const CsvOptions& options) {
  return detail::ParseDatasetText(detail::DataText(path, "data file", options.encoding).view(), rules, path,
                                  options.sheet);
}

Dataset ReadDatasetCsv(const std::string& path, const RuleSet& rules, const CsvOptions& options) {
  DatasetReading r = ReadDatasetCsvLenient(path, rules, options);
  Problems problems(path);
  for (const auto& p : r.problems) problems.Add(p.row, p.message);
  problems.ThrowIfAny();
  return std::move(r.data);
}

}  // namespace makerscore
