#include "data/xlsx_reader.h"

#include <zip.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <pugixml.hpp>
#include <unordered_map>

#include "makerscore/error.h"
#include "util/number_cell.h"
#include "util/read_file.h"

namespace makerscore::detail {

namespace {

// The uncompressed parts of one workbook may hold at most this much (a zip bomb stops here).
constexpr zip_uint64_t kMaxPartBytes = zip_uint64_t{1} << 30;

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

class Workbook {
 public:
  Workbook(std::string_view bytes, std::string source) : source_(std::move(source)) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (src != nullptr) {
      zip_.reset(zip_open_from_source(src, ZIP_RDONLY, &error));
      if (!zip_) zip_source_free(src);
    }
    zip_error_fini(&error);
    if (!zip_) Fail("it is not a readable Excel workbook (the zip container is damaged)");
  }

  bool Has(const std::string& name) const { return zip_name_locate(zip_.get(), name.c_str(), 0) >= 0; }

  // The part `name`, parsed; throws when it is missing, too large or not XML.
  pugi::xml_document Xml(const std::string& name) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip_.get(), name.c_str(), 0, &st) != 0) Fail("it has no part '" + name + "'; is it an xlsx workbook?");
    if ((st.valid & ZIP_STAT_SIZE) && st.size > kMaxPartBytes) Fail("its part '" + name + "' is larger than 1 GiB");
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen(zip_.get(), name.c_str(), 0), zip_fclose);
    if (!file) Fail("its part '" + name + "' cannot be read");
    std::string text;
    char buffer[1 << 16];
    for (zip_int64_t got; (got = zip_fread(file.get(), buffer, sizeof buffer)) != 0;) {
      if (got < 0) Fail("its part '" + name + "' is damaged");
      text.append(buffer, static_cast<size_t>(got));
      if (text.size() > kMaxPartBytes)
        Fail("its part '" + name + "' is larger than 1 GiB");  // whatever the header said
    }
    pugi::xml_document doc;
    if (!doc.load_buffer(text.data(), text.size())) Fail("its part '" + name + "' is not XML");
    return doc;
  }

  [[noreturn]] void Fail(const std::string& why) const {
    throw DataError(source_ + ": " + why + "; save it again from Excel, or as \"CSV UTF-8\"");
  }

 private:
  std::string source_;
  std::unique_ptr<zip_t, ZipCloser> zip_;
};

// The text of a string item (<si> or <is>): its <t>, or its runs' <t>s, leaving out phonetic runs.
std::string ItemText(const pugi::xml_node& item) {
  std::string out;
  for (pugi::xml_node n : item.children()) {
    const std::string_view name = n.name();
    if (name == "t") out += n.text().get();
    if (name == "r") out += n.child("t").text().get();
  }
  return out;
}

// True for a number format that shows a date or a time: the built-in ones, or a code with y, d, h or
// 年月日 outside quotes and brackets.
bool IsDateFormat(int id, const std::string& code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) return true;
  bool quoted = false, bracket = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"')
      quoted = !quoted;
    else if (!quoted && c == '[')
      bracket = true;
    else if (!quoted && c == ']')
      bracket = false;
    else if (!quoted && !bracket && (c == 'y' || c == 'Y' || c == 'd' || c == 'D' || c == 'h' || c == 'H'))
      return true;
    else if (!quoted && !bracket && c == '\\')
      ++i;
  }
  return code.find("年") != std::string::npos || code.find("月") != std::string::npos ||
         code.find("日") != std::string::npos;
}

// True for a number format that shows a percentage (0.695 as 69.50%): the built-in 9 and 10, or a code
// with '%' outside quotes.
bool IsPercentFormat(int id, const std::string& code) {
  if (id == 9 || id == 10) return true;
  bool quoted = false;
  for (size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '"')
      quoted = !quoted;
    else if (!quoted && code[i] == '\\')
      ++i;
    else if (!quoted && code[i] == '%')
      return true;
  }
  return false;
}

// A number stored in a percentage cell ("0.695", or "0.07000000000000001" as some writers put 0.07) as the
// cell shows it: "69.5%", "7%". The shortest text that reads back as the same double is moved two places
// in decimal, exactly: 0.07 x 100 in binary is 7.000000000000001.
std::string ShownAsPercent(const std::string& stored) {
  double v = 0;
  const auto [end, ec] = std::from_chars(stored.data(), stored.data() + stored.size(), v);
  if (ec != std::errc() || end != stored.data() + stored.size()) return stored;  // not a number: the reader says so
  char buffer[32];
  const auto shortest = std::to_chars(buffer, buffer + sizeof buffer, v);
  return ShiftDecimal(std::string_view(buffer, static_cast<size_t>(shortest.ptr - buffer)), 2) + "%";
}

// Column index (0-based) of a cell reference "B7"; -1 when it has no letters.
int ColumnOf(std::string_view ref) {
  int col = 0, letters = 0;
  for (char c : ref) {
    if (c >= 'A' && c <= 'Z')
      col = col * 26 + (c - 'A' + 1), ++letters;
    else
      break;
  }
  return letters == 0 || letters > 3 ? -1 : col - 1;
}

std::string Resolve(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

}  // namespace

bool IsZip(std::string_view bytes) { return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

Records SheetRecords(const SheetRows& rows) {
  return [&rows](const RecordCallback& on_record) {
    std::vector<std::string_view> cells;
    for (size_t k = 0; k < rows.rows.size(); ++k) {
      cells.assign(rows.cells[k].begin(), rows.cells[k].end());
      on_record(rows.rows[k], cells);
    }
  };
}

std::string CellName(int column, int row) {
  std::string letters;
  for (int c = column + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row);
}

SheetRows ReadXlsxSheet(std::string_view bytes, const std::string& wanted, const std::string& source) {
  Workbook book(bytes, source);
  // The sheets in workbook order, and where each one's part is.
  pugi::xml_document workbook = book.Xml("xl/workbook.xml");
  pugi::xml_document rels = book.Xml("xl/_rels/workbook.xml.rels");
  std::unordered_map<std::string, std::string> target_of;
  for (pugi::xml_node r : rels.child("Relationships").children("Relationship")) {
    target_of[r.attribute("Id").value()] = r.attribute("Target").value();
  }
  std::vector<std::pair<std::string, std::string>> sheets;  // name, part
  for (pugi::xml_node s : workbook.child("workbook").child("sheets").children("sheet")) {
    sheets.emplace_back(s.attribute("name").value(), Resolve(target_of[s.attribute("r:id").value()]));
  }
  if (sheets.empty()) book.Fail("it has no sheets");
  auto chosen = sheets.begin();
  if (!wanted.empty()) {
    chosen = std::find_if(sheets.begin(), sheets.end(), [&](const auto& s) { return s.first == wanted; });
    if (chosen == sheets.end()) {
      std::string names;
      for (const auto& s : sheets) names += (names.empty() ? "'" : ", '") + s.first + "'";
      throw DataError(source + ": the workbook has no sheet '" + wanted + "'; its sheets are " + names);
    }
  }
  // Shared strings, and which cell styles show dates.
  std::vector<std::string> shared;
  if (book.Has("xl/sharedStrings.xml")) {
    pugi::xml_document doc = book.Xml("xl/sharedStrings.xml");
    for (pugi::xml_node si : doc.child("sst").children("si")) shared.push_back(ItemText(si));
  }
  std::vector<char> date_style, percent_style;
  if (book.Has("xl/styles.xml")) {
    pugi::xml_document doc = book.Xml("xl/styles.xml");
    std::unordered_map<int, std::string> codes;
    for (pugi::xml_node f : doc.child("styleSheet").child("numFmts").children("numFmt")) {
      codes[f.attribute("numFmtId").as_int()] = f.attribute("formatCode").value();
    }
    for (pugi::xml_node xf : doc.child("styleSheet").child("cellXfs").children("xf")) {
      const int id = xf.attribute("numFmtId").as_int();
      date_style.push_back(IsDateFormat(id, codes.count(id) ? codes[id] : ""));
      percent_style.push_back(IsPercentFormat(id, codes.count(id) ? codes[id] : ""));
    }
  }
  SheetRows out;
  out.sheet = chosen->first;
  const std::string where = source + " (sheet '" + out.sheet + "')";
  pugi::xml_document sheet = book.Xml(chosen->second);
  int next_row = 1;
  for (pugi::xml_node row : sheet.child("worksheet").child("sheetData").children("row")) {
    const int r = row.attribute("r") ? row.attribute("r").as_int() : next_row;
    next_row = r + 1;
    std::vector<std::string> cells;
    int next_col = 0;
    for (pugi::xml_node c : row.children("c")) {
      int col = c.attribute("r") ? ColumnOf(c.attribute("r").value()) : next_col;
      if (col < 0) col = next_col;
      next_col = col + 1;
      if (col > 16383)
        throw DataError(where + ": cell " + std::string(c.attribute("r").value()) + " is past column XFD");
      const std::string_view type = c.attribute("t").value();
      std::string text;
      if (type == "s") {
        const long k = c.child("v").text().as_llong(-1);
        if (k < 0 || k >= static_cast<long>(shared.size())) {
          throw DataError(where + ": cell " + CellName(col, r) + " names a shared string the workbook does not have");
        }
        text = shared[static_cast<size_t>(k)];
      } else if (type == "inlineStr") {
        text = ItemText(c.child("is"));
      } else {
        text = c.child("v").text().get();
        if (type == "d") {
          throw DataError(where + ": cell " + CellName(col, r) + " holds a date (" + text +
                          "), not a figure; give the figure");
        }
        if (type.empty() || type == "n") {  // a number: is it shown as a date?
          const int style = c.attribute("s").as_int(0);
          if (!text.empty() && style >= 0 && style < static_cast<int>(date_style.size()) && date_style[style]) {
            throw DataError(where + ": cell " + CellName(col, r) + " holds a date or a time (Excel's day number " +
                            text + "), not a figure; give the figure, or format the cell as a number if it is one");
          }
          // Shown as a percentage (69.50% stored as 0.695): read as it is shown, so that the field's kind and
          // unit decide what it means, as for a CSV cell "69.50%".
          if (!text.empty() && style >= 0 && style < static_cast<int>(percent_style.size()) && percent_style[style]) {
            text = ShownAsPercent(text);
          }
        }
      }
      if (static_cast<int>(cells.size()) <= col) cells.resize(static_cast<size_t>(col) + 1);
      cells[static_cast<size_t>(col)] = std::move(text);
    }
    out.rows.push_back(r);
    out.cells.push_back(std::move(cells));
  }
  return out;
}

}  // namespace makerscore::detail
