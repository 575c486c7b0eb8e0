// The result as an Excel workbook (include/makerscore/present.h), with libxlsxwriter.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "makerscore/error.h"
#include "makerscore/grade_margin.h"
#include "makerscore/missing.h"
#include "makerscore/present.h"
#include "makerscore/year_on_year.h"
#include "result/common.h"
#include "util/csv_parser.h"
#include "util/read_file.h"
#include "util/text.h"

namespace makerscore {

namespace {

// Writes text cells as strings (a string cell is never run as a formula, whatever it starts with) and
// numbers as numbers shown with 2 decimals; NaN as an empty cell.
class Sheet {
 public:
  Sheet(lxw_workbook* book, const char* name, lxw_format* number, lxw_format* header)
      : sheet_(workbook_add_worksheet(book, name)), number_(number), header_(header) {}
  void Header(int col, const std::string& text) { worksheet_write_string(sheet_, 0, col, text.c_str(), header_); }
  void Text(int row, int col, const std::string& text) {
    if (!text.empty()) worksheet_write_string(sheet_, row, col, text.c_str(), nullptr);
  }
  void Number(int row, int col, double x, bool with_decimals = true) {
    if (!std::isnan(x)) worksheet_write_number(sheet_, row, col, x, with_decimals ? number_ : nullptr);
  }
  void Widths(const std::vector<double>& widths) {
    for (size_t c = 0; c < widths.size(); ++c) {
      worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr);
    }
    worksheet_freeze_panes(sheet_, 1, 0);
  }

 private:
  lxw_worksheet* sheet_;
  lxw_format* number_;
  lxw_format* header_;
};

// A workbook being written: libxlsxwriter writes to a file name, so into a private temporary file that
// Finish() reads back and removes. Formats for numbers (2 decimals) and headers (bold).
class TempWorkbook {
 public:
  TempWorkbook() {
    const int fd = ::mkstemp(name_);
    if (fd < 0) throw Error("cannot make a temporary file for the workbook");
    ::close(fd);
    book_ = workbook_new(name_);
    if (book_ == nullptr) {
      std::remove(name_);
      throw Error("cannot start the workbook");
    }
    number_ = workbook_add_format(book_);
    format_set_num_format(number_, "0.00");
    header_ = workbook_add_format(book_);
    format_set_bold(header_);
  }
  ~TempWorkbook() {
    if (book_ != nullptr) workbook_close(book_);  // only when Finish() was not reached
    std::remove(name_);
  }
  TempWorkbook(const TempWorkbook&) = delete;
  TempWorkbook& operator=(const TempWorkbook&) = delete;

  Sheet Add(const char* name) { return Sheet(book_, name, number_, header_); }

  // The workbook's bytes.
  std::string Finish() {
    const lxw_error status = workbook_close(book_);
    book_ = nullptr;
    if (status != LXW_NO_ERROR) throw Error(std::string("cannot write the workbook: ") + lxw_strerror(status));
    detail::FileBytes bytes;
    const std::string problem = detail::ReadFileBounded(name_, detail::kMaxDataFileBytes, "workbook", &bytes);
    if (!problem.empty()) throw Error("cannot read the workbook back: " + problem);
    return std::string(bytes.view());
  }

 private:
  char name_[32] = "/tmp/makerscore-xlsx-XXXXXX";
  lxw_workbook* book_ = nullptr;
  lxw_format* number_ = nullptr;
  lxw_format* header_ = nullptr;
};

std::string MaxLabel(const Result& r, int k) {
  const Node& n = r.model().nodes()[k];
  return n.id + " " + n.name + detail::ShownMaximum(r, k);
}

}  // namespace

std::string XlsxWorkbook(const Result& r) {
  TempWorkbook book;
  const auto& nodes = r.model().nodes();
  const bool grades = !r.model().rules().grades.empty();
  const std::vector<int> order = detail::RankOrder(r);

  // 排名: the ranked table with every indicator by name and maximum.
  Sheet ranked = book.Add("排名");
  std::vector<std::string> heads = {"排名", "编号", "名称", "总分"};
  if (grades) heads.push_back("等级");
  const int first = static_cast<int>(heads.size());
  for (int k = 1; k < static_cast<int>(nodes.size()); ++k) heads.push_back(MaxLabel(r, k));
  // Why this grade: the points short of the next grade up and above its own cut-off, and near a boundary.
  const std::vector<double> cutoffs = GradeCutoffs(r);
  const bool margins = std::any_of(cutoffs.begin(), cutoffs.end(), [](double c) { return !std::isnan(c); });
  const int margin_col = static_cast<int>(heads.size());
  if (margins) {
    heads.push_back("距上一等级");
    heads.push_back("高出本级分界");
    heads.push_back("接近等级分界");
  }
  // Year on year, given last year's result.
  const bool last_year = r.previous_result() != nullptr;
  const int last_col = static_cast<int>(heads.size());
  if (last_year) {
    heads.push_back("上年总分");
    heads.push_back("上年排名");
    heads.push_back("上年等级");
    heads.push_back("总分变化");
    heads.push_back("名次变化");
  }
  heads.push_back("说明");  // why a grade or place is not the total's: 直接认定, 一票否决, data set aside
  const int note = static_cast<int>(heads.size()) - 1;
  for (size_t c = 0; c < heads.size(); ++c) ranked.Header(static_cast<int>(c), heads[c]);
  for (size_t row = 0; row < order.size(); ++row) {
    const int i = order[row];
    const int y = static_cast<int>(row) + 1;
    if (r.rank(i) > 0) ranked.Number(y, 0, r.rank(i), false);
    ranked.Text(y, 1, r.entity_ids()[i]);
    ranked.Text(y, 2, r.entity_names()[i]);
    ranked.Number(y, 3, r.total(i));
    if (grades) ranked.Text(y, 4, r.grade(i));
    for (int k = 1; k < static_cast<int>(nodes.size()); ++k)
      ranked.Number(y, first + k - 1, detail::ShownValue(r, i, k));
    if (margins) {
      const GradeMargin m = MarginOf(r, i, cutoffs);
      ranked.Number(y, margin_col, m.to_next_up);
      ranked.Number(y, margin_col + 1, m.above_cutoff);
      ranked.Text(y, margin_col + 2, m.near ? "是" : "");
    }
    if (last_year) {
      const YearOnYear ly = YearOnYearOf(r, i);
      ranked.Number(y, last_col, ly.last_total);
      if (ly.last_rank > 0) ranked.Number(y, last_col + 1, ly.last_rank, false);
      ranked.Text(y, last_col + 2, ly.listed ? ly.last_grade : "新");
      ranked.Number(y, last_col + 3, ly.total_change);
      if (ly.ranked_both) ranked.Number(y, last_col + 4, ly.rank_change, false);
    }
    ranked.Text(y, note, detail::GradeNote(r, i));
  }
  // The entities screening left out, after the ranked: no numbers, the reason in 说明.
  if (const Screening* s = r.screening()) {
    int y = static_cast<int>(order.size()) + 1;
    for (int e : s->removed()) {
      ranked.Text(y, 1, s->entities[static_cast<size_t>(e)].id);
      ranked.Text(y, 2, s->entities[static_cast<size_t>(e)].name);
      ranked.Text(y++, note, "数据不足，未参评：" + s->Reason(e));
    }
  }
  std::vector<double> widths = {6, 10, 24, 9};
  if (grades) widths.push_back(6);
  widths.resize(heads.size() - 1, 14);
  widths.push_back(40);
  ranked.Widths(widths);

  // 得分明细: every indicator's points and flags, one row per makerspace and indicator.
  Sheet details = book.Add("得分明细");
  const char* detail_heads[] = {"编号", "名称", "指标", "指标名称", "得分", "满分", "标记"};
  for (int c = 0; c < 7; ++c) details.Header(c, detail_heads[c]);
  int y = 1;
  for (int i : order) {
    for (int k = 1; k < static_cast<int>(nodes.size()); ++k, ++y) {
      details.Text(y, 0, r.entity_ids()[i]);
      details.Text(y, 1, r.entity_names()[i]);
      details.Text(y, 2, nodes[k].id);
      details.Text(y, 3, nodes[k].name);
      details.Number(y, 4, detail::ShownValue(r, i, k));
      details.Number(y, 5, detail::MostShown(r, k, r.entity_class(i)));  // on the scale of the value shown
      details.Text(y, 6, detail::Join(FlagNames(r.flags()(i, k)), " "));
    }
  }
  details.Widths({10, 24, 8, 36, 9, 9, 24});

  // 缺失与标记: each value missing from the data, then each other flagged cell.
  Sheet flagged = book.Add("缺失与标记");
  const char* flag_heads[] = {"编号", "名称", "指标", "说明"};
  for (int c = 0; c < 4; ++c) flagged.Header(c, flag_heads[c]);
  y = 1;
  for (const MissingValue& m : MissingValues(r)) {
    flagged.Text(y, 0, r.entity_ids()[m.entity]);
    flagged.Text(y, 1, r.entity_names()[m.entity]);
    flagged.Text(y, 2, nodes[m.node].id);
    flagged.Text(y++, 3, DescribeMissing(r, m));
  }
  const std::uint16_t kShown = static_cast<std::uint16_t>(~(kFlagMissing | kFlagLogTransformed));
  for (int i : order) {
    for (int k = 1; k < static_cast<int>(nodes.size()); ++k) {
      const std::uint16_t f = r.flags()(i, k) & kShown;
      if (f == 0 || !nodes[k].children.empty()) continue;
      flagged.Text(y, 0, r.entity_ids()[i]);
      flagged.Text(y, 1, r.entity_names()[i]);
      flagged.Text(y, 2, nodes[k].id);
      flagged.Text(y++, 3, detail::Join(FlagNames(f), ", "));
    }
  }
  flagged.Widths({10, 24, 8, 90});
  return book.Finish();
}

std::string TableWorkbook(const std::string& csv, const std::string& sheet_name) {
  TempWorkbook book;
  Sheet sheet = book.Add(sheet_name.c_str());
  int y = 0;
  std::vector<char> text_column;  // the columns of ids and names: text even when they look like numbers ("007")
  detail::ParseCsv(csv, "table", [&](int, const std::vector<std::string_view>& cells) {
    if (y == 0) {
      for (size_t c = 0; c < cells.size(); ++c) {
        sheet.Header(static_cast<int>(c), std::string(cells[c]));
        text_column.push_back(cells[c] == "id" || cells[c] == "name" || cells[c] == "entity" || cells[c] == "expert" ||
                              cells[c] == "indicator");
      }
      ++y;
      return;
    }
    for (size_t c = 0; c < cells.size(); ++c) {
      const std::string text(cells[c]);
      double v = 0;
      const char* end = text.data() + text.size();
      const auto [stop, ec] = std::from_chars(text.data(), end, v);
      const bool number =
          !text.empty() && ec == std::errc() && stop == end && !(c < text_column.size() && text_column[c]);
      if (number)
        sheet.Number(y, static_cast<int>(c), v);
      else
        sheet.Text(y, static_cast<int>(c), text);
    }
    ++y;
  });
  sheet.Widths(std::vector<double>(text_column.size(), 14));
  return book.Finish();
}

}  // namespace makerscore
