// Reading last year's outcome from a result file makerscore wrote (CSV, workbook or JSON).
#include "makerscore/previous_result.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "data/long_form.h"
#include "data/xlsx_reader.h"
#include "makerscore/error.h"
#include "util/csv_parser.h"
#include "util/read_file.h"
#include "util/text.h"

namespace makerscore {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The columns, as the CSV (English) and the workbook (Chinese) write them.
struct Column {
  const char* english;
  const char* chinese;
  bool required;  // a result without grades (or ranks) has no such column
};
constexpr Column kColumns[] = {
    {"id", "编号", true}, {"total", "总分", true}, {"rank", "排名", false}, {"grade", "等级", false}};

// A number cell of the result: "" is none (not ranked, no total).
double Number(std::string_view cell, const char* what, int line, detail::ProblemList* problems) {
  cell = detail::Trim(cell);
  if (cell.empty()) return kNaN;
  double v = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc() || end != cell.data() + cell.size() || !std::isfinite(v)) {
    problems->Add(line, std::string("the ") + what + " '" + std::string(cell) + "' is not a number");
    return kNaN;
  }
  return v;
}

PreviousResult FromRecords(const detail::Records& records, const std::string& source) {
  PreviousResult out;
  out.source = source;
  detail::ProblemList problems(source);
  std::vector<int> at;  // each column's position
  std::unordered_set<std::string> seen;
  records([&](int line, const std::vector<std::string_view>& cells) {
    if (at.empty()) {  // the header: English or Chinese names
      for (const Column& c : kColumns) {
        int k = detail::FindColumns(cells, {c.english})[0];
        if (k < 0) k = detail::FindColumns(cells, {c.chinese})[0];
        if (k < 0 && c.required) {
          throw DataError(source + ":" + std::to_string(line) + ": no column '" + c.english + "' (" + c.chinese +
                          "); a previous result is a file makerscore wrote (score --format csv, xlsx or json), "
                          "with the columns id, total, rank and grade");
        }
        at.push_back(k);
      }
      return;
    }
    auto cell = [&](int c) {
      const int k = at[static_cast<size_t>(c)];
      return k >= 0 && static_cast<size_t>(k) < cells.size() ? detail::Trim(cells[static_cast<size_t>(k)])
                                                             : std::string_view();
    };
    const std::string id(cell(0));
    if (id.empty()) {
      problems.Add(line, "the id is empty");
      return;
    }
    if (!seen.insert(id).second) problems.Add(line, "the id '" + id + "' appears twice");
    out.ids.push_back(id);
    out.totals.push_back(Number(cell(1), "total", line, &problems));
    out.ranks.push_back(Number(cell(2), "rank", line, &problems));
    out.grades.emplace_back(cell(3));
  });
  if (at.empty()) throw DataError(source + ": the file is empty; give last year's result as makerscore wrote it");
  problems.ThrowIfAny();
  return out;
}

PreviousResult FromJson(std::string_view text, const std::string& source) {
  PreviousResult out;
  out.source = source;
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("entities") || !doc["entities"].is_array()) {
    throw DataError(source + ": not a result makerscore wrote as JSON (score --format json): no list 'entities'");
  }
  std::unordered_set<std::string> seen;
  int k = 0;
  for (const auto& e : doc["entities"]) {
    ++k;
    const std::string where = source + ": entity " + std::to_string(k) + " of 'entities'";
    if (!e.is_object() || !e.contains("id") || !e["id"].is_string()) throw DataError(where + " has no id");
    const std::string id = e["id"].get<std::string>();
    if (!seen.insert(id).second) throw DataError(where + ": the id '" + id + "' appears twice");
    auto number = [&](const char* key) {
      if (!e.contains(key) || e[key].is_null()) return kNaN;
      if (!e[key].is_number()) throw DataError(where + " (" + id + "): '" + key + "' is not a number");
      return e[key].get<double>();
    };
    out.ids.push_back(id);
    out.totals.push_back(number("total"));
    out.ranks.push_back(number("rank"));
    out.grades.push_back(e.contains("grade") && e["grade"].is_string() ? e["grade"].get<std::string>() : "");
  }
  return out;
}

PreviousResult Parse(std::string_view text, const std::string& source, const std::string& sheet) {
  if (detail::IsZip(text)) {  // a workbook makerscore wrote: its sheet 排名, unless another is named
    const detail::SheetRows rows = detail::ReadXlsxSheet(text, sheet.empty() ? "排名" : sheet, source);
    return FromRecords(detail::SheetRecords(rows), source + " (sheet '" + rows.sheet + "')");
  }
  const std::string_view body = detail::Trim(text.substr(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0));
  if (!body.empty() && body.front() == '{') return FromJson(body, source);
  detail::RequireUtf8(text, source);
  return FromRecords([&](const detail::RecordCallback& on) { detail::ParseCsv(text, source, on); }, source);
}

}  // namespace

PreviousResult ParsePreviousResult(std::string_view text, const std::string& source) { return Parse(text, source, ""); }

PreviousResult ReadPreviousResult(const std::string& path, const CsvOptions& options) {
  return Parse(detail::DataText(path, "previous result", options.encoding).view(), path, options.sheet);
}

}  // namespace makerscore
