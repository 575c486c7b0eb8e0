// makerscore: presenting a result as a table, CSV or JSON.
#ifndef MAKERSCORE_PRESENT_H_
#define MAKERSCORE_PRESENT_H_

#include <ostream>
#include <string>
#include <vector>

#include "makerscore/result.h"
#include "makerscore/uncertainty.h"

namespace makerscore {

// The ranked table for a terminal: rank, id, name, total, grade and one
// column per first-level indicator, aligned by display width (a Chinese
// character takes two columns).
std::string FormatTable(const Result& result);

// One row per entity, in rank order: rank, id, name, total, grade, then the
// points of every node of the tree in depth-first order, then the flags.
// UTF-8 without BOM (the command and Python's Result.to_csv put one at the
// start of a file they write, for Excel); numbers with up to 6 decimals. A
// text cell starting with = + - @, a tab or a carriage return gets a leading
// apostrophe, so that a spreadsheet shows it rather than runs it (OWASP).
void WriteCsv(const Result& result, std::ostream& out);

// The result as an Excel workbook (the bytes of an .xlsx file): a sheet 排名
// with the ranked table (排名, 编号, 名称, 总分, 等级, then every indicator by id,
// name and maximum points), 得分明细 with every indicator's points, maximum
// and flags per makerspace, and 缺失与标记 listing each value missing from the
// data and each other flagged cell. Numbers are numbers, shown with 2
// decimals; text is written as text, never as a formula. Throws Error when
// the workbook cannot be made.
std::string XlsxWorkbook(const Result& result);

// A table given as CSV text (what WriteCsv, WriteUncertaintyCsv and the like
// write) as a workbook of one sheet named sheet: the first row as bold
// headers, cells that are numbers as numbers with 2 decimals, the rest as
// text. Throws Error when the workbook cannot be made.
std::string TableWorkbook(const std::string& csv, const std::string& sheet);

// The whole result as JSON: the rule set's id, then for each entity its
// total, rank, grade and, per indicator, value, score, points and flags.
std::string ToJson(const Result& result);

// The indicator tree with every node's weight within its group, its weight
// in the total and its points, and where each weight comes from (stated,
// AHP with its CR, or the data). shares: the shares a scoring run used
// (Result::shares()), or nullptr for the rule file's own.
std::string FormatWeights(const Model& model, const std::vector<double>* shares = nullptr);

// An uncertainty analysis for people: per entity in nominal rank order, the
// nominal total, rank and grade, the median rank and its 5th-95th percentile
// interval, the probability of each grade and how often the grade changes.
std::string FormatUncertainty(const UncertaintyResult& result);
// The same as CSV (one row per entity) and JSON (with every replication's
// ranks when with_replications is true).
void WriteUncertaintyCsv(const UncertaintyResult& result, std::ostream& out);
std::string UncertaintyToJson(const UncertaintyResult& result, bool with_replications = false);

// Sensitivity indices for people: each input's first-order and total-effect
// index with its 90% interval, largest total effect first.
std::string FormatSensitivity(const SensitivityResult& result);
void WriteSensitivityCsv(const SensitivityResult& result, std::ostream& out);
std::string SensitivityToJson(const SensitivityResult& result);

// The number of terminal columns text takes (East Asian wide characters take 2).
int DisplayWidth(const std::string& utf8);

}  // namespace makerscore

#endif  // MAKERSCORE_PRESENT_H_
