#include "data/header.h"

#include <algorithm>
#include <unordered_map>

#include "makerscore/csv.h"
#include "util/csv_parser.h"
#include "util/text.h"
#include "util/unicode.h"

namespace makerscore::detail {

namespace {

const std::vector<std::string> kIdHeaders = {"编号", "众创空间编号", "单位编号", "代码", "编码", "ID", "Id"};
const std::vector<std::string> kNameHeaders = {"名称", "众创空间名称", "单位名称", "机构名称"};

// A header cell as compared: trimmed, NFC, full-width brackets and percent as ASCII.
struct Heading {
  std::string text;  // the whole header
  std::string base;  // without a trailing "(unit)"
  std::string unit;  // the unit in the brackets, or ""
  bool has_unit = false;
};

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

Heading Parse(std::string_view cell) {
  Heading h;
  h.text = Nfc(Trim(cell));
  std::string s =
      Replace(Replace(Replace(Replace(Replace(h.text, "（", "("), "）", ")"), "【", "("), "】", ")"), "％", "%");
  s = Replace(Replace(s, "[", "("), "]", ")");
  h.base = s;
  if (!s.empty() && s.back() == ')') {
    const size_t open = s.rfind('(');
    if (open != std::string::npos && open > 0) {
      h.base = std::string(Trim(std::string_view(s).substr(0, open)));
      h.unit = std::string(Trim(std::string_view(s).substr(open + 1, s.size() - open - 2)));
      h.has_unit = true;
    }
  }
  return h;
}

bool IsOneOf(const std::string& s, const std::vector<std::string>& list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// The column whose header is `wanted`, else the first with one of the usual headers; -1 when none.
int FindColumn(const std::vector<Heading>& headings, const std::string& wanted, const std::vector<std::string>& usual) {
  for (size_t c = 0; c < headings.size(); ++c) {
    if (headings[c].text == wanted) return static_cast<int>(c);
  }
  for (size_t c = 0; c < headings.size(); ++c) {
    if (IsOneOf(headings[c].text, usual) || IsOneOf(headings[c].base, usual)) return static_cast<int>(c);
  }
  return -1;
}

std::vector<Heading> Headings(const std::vector<std::string_view>& cells) {
  std::vector<Heading> out;
  out.reserve(cells.size());
  for (auto c : cells) out.push_back(Parse(c));
  return out;
}

}  // namespace

int FilledCells(const std::vector<std::string_view>& cells) {
  return static_cast<int>(
      std::count_if(cells.begin(), cells.end(), [](std::string_view c) { return !Trim(c).empty(); }));
}

bool HasIdColumn(const std::vector<std::string_view>& cells, const RuleSet& rules) {
  return FindColumn(Headings(cells), rules.id_column, kIdHeaders) >= 0;
}

bool IsTotalsLabel(std::string_view cell) {
  static const std::vector<std::string> kTotals = {"合计",  "总计",  "小计",  "平均", "平均值", "总和",    "合计值",
                                                   "Total", "TOTAL", "total", "Sum",  "SUM",    "Average", "AVERAGE"};
  cell = Trim(cell);
  // Asked of every row: an ASCII cell without spaces needs no normalising (the shortest label is "Sum").
  if (cell.size() < 3) return false;
  if (IsAscii(cell) && cell.find(' ') == std::string_view::npos) {
    return std::any_of(kTotals.begin(), kTotals.end(), [&](const std::string& t) { return t == cell; });
  }
  std::string s = Nfc(cell);
  s = Replace(Replace(s, " ", ""), "　", "");
  return IsOneOf(s, kTotals);
}

HeaderMap MatchHeader(const std::vector<std::string_view>& cells, const RuleSet& rules) {
  HeaderMap m;
  const std::vector<Heading> headings = Headings(cells);
  std::unordered_map<std::string, size_t> seen;
  for (size_t c = 0; c < headings.size(); ++c) {
    if (headings[c].text.empty()) continue;
    auto [it, fresh] = seen.emplace(headings[c].text, c);
    if (!fresh) {
      m.problems.push_back("the column '" + headings[c].text + "' appears twice (columns " +
                           std::to_string(it->second + 1) + " and " + std::to_string(c + 1) + ")");
    }
  }
  m.id_column = FindColumn(headings, rules.id_column, kIdHeaders);
  m.name_column = FindColumn(headings, rules.name_column, kNameHeaders);
  if (m.name_column == m.id_column) m.name_column = -1;
  const int nf = static_cast<int>(rules.fields.size());
  m.field_column.assign(nf, -1);
  std::vector<char> used(headings.size(), 0);
  if (m.id_column >= 0) used[m.id_column] = 1;
  if (m.name_column >= 0) used[m.name_column] = 1;
  for (int f = 0; f < nf; ++f) {
    const Field& field = rules.fields[f];
    for (size_t c = 0; c < headings.size(); ++c) {
      const Heading& h = headings[c];
      if (h.text.empty() || static_cast<int>(c) == m.id_column || static_cast<int>(c) == m.name_column) continue;
      const bool whole = h.text == field.id || h.text == field.name;
      const bool with_unit = !whole && h.has_unit && (h.base == field.id || h.base == field.name);
      if (!whole && !with_unit) continue;
      if (with_unit && !field.unit.empty() && h.unit != field.unit) {
        m.problems.push_back("the column '" + h.text + "' is in " + h.unit + ", but the rule file's field " + field.id +
                             " (" + field.name + ") is in " + field.unit + ": convert the column to " + field.unit +
                             ", or head it '" + field.name + "' once it is");
      }
      if (m.field_column[f] >= 0) {
        m.problems.push_back("the field '" + field.id + "' has two columns: '" + headings[m.field_column[f]].text +
                             "' and '" + h.text + "'");
        continue;
      }
      m.field_column[f] = static_cast<int>(c);
      used[c] = 1;
    }
  }
  if (m.id_column < 0) {
    m.problems.push_back("no column holding the entity ids: head it '" + rules.id_column +
                         "' (the rule file's entity id column) or 编号; the header has " + [&] {
                           std::vector<std::string> shown;
                           for (const auto& h : headings) {
                             if (!h.text.empty() && shown.size() < 8) shown.push_back("'" + h.text + "'");
                           }
                           return shown.empty() ? std::string("no named column") : Join(shown, ", ");
                         }());
  }
  std::vector<std::string> unmatched;
  for (size_t c = 0; c < headings.size(); ++c) {
    if (!used[c] && !headings[c].text.empty()) unmatched.push_back(headings[c].base);
  }
  std::vector<std::string> absent;
  for (int f = 0; f < nf; ++f) {
    if (m.field_column[f] >= 0) continue;
    const Field& field = rules.fields[f];
    std::string near = Suggest(field.name, unmatched);
    if (near.empty()) near = Suggest(field.id, unmatched);
    if (near.empty() && !field.name.empty()) {  // a header that holds the name, or is held in it
      for (const auto& u : unmatched) {
        if (u.size() >= 6 && (field.name.find(u) != std::string::npos || u.find(field.name) != std::string::npos)) {
          near = u;
          break;
        }
      }
    }
    absent.push_back(field.id + " (" + field.name + (near.empty() ? "" : "; is it the column '" + near + "'?") + ")");
  }
  if (!absent.empty()) {
    m.problems.push_back("missing " + std::to_string(absent.size()) + " column" + (absent.size() > 1 ? "s" : "") +
                         " of the rule file's fields (by id or name): " + Join(absent, ", "));
  }
  return m;
}

}  // namespace makerscore::detail

namespace makerscore {

HeaderColumns FindHeaderColumns(const std::vector<std::string>& header, const RuleSet& rules) {
  const std::vector<std::string_view> cells(header.begin(), header.end());
  detail::HeaderMap m = detail::MatchHeader(cells, rules);
  return {m.id_column, m.name_column, std::move(m.field_column), std::move(m.problems)};
}

}  // namespace makerscore
