// What the commands share: exit codes and reading their inputs.
#ifndef MAKERSCORE_SRC_CLI_INPUTS_H_
#define MAKERSCORE_SRC_CLI_INPUTS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "makerscore/makerscore.h"

namespace makerscore::cli {

// Exit codes, documented in `makerscore --help` and the README.
enum ExitCode {
  kOk = 0,
  kInvalidData = 1,  // validate: the data breaks the rule file's checks
  kUsage = 2,        // wrong command line
  kRuleErrors = 3,   // the rule file has errors
  kDataErrors = 4,   // a data or ratings file cannot be used
  kOutputError = 5,  // the output file could not be written
  kInternal = 6,     // an unexpected problem inside makerscore (a bug)
};

// The data files of one evaluation, as given on the command line.
struct InputFiles {
  std::string rules;
  std::string data;
  std::string previous;
  std::string ratings;
  std::string encoding = "utf-8";  // of the CSV files (--encoding)
  std::string sheet;               // of the workbooks (--sheet), "" for the first
  std::string weights;             // this year's weights, replacing the rule file's (--weights), or ""
  std::string previous_result;     // last year's result as makerscore wrote it (--previous-result), or ""
  std::string report_info;         // the report's issuer page (--report-info, the keys of `report:`), or ""
};

// Adds --encoding, --sheet, --weights and --previous-result to a command that reads data files.
void AddReadingOptions(CLI::App* command, InputFiles* files);

// --anonymous-experts [numbered|combined] on command, into *value; then ExpertNamesOf says what was asked.
void AddAnonymousExpertsOption(CLI::App* command, std::string* value);
// How command's --anonymous-experts asks for the experts to be named (kById when not given).
ExpertNames ExpertNamesOf(const CLI::App& command, const std::string& value);

// Loads the rule file, printing its diagnostics to stderr; throws RuleError.
RuleSet LoadRulesPrinting(const std::string& path);

// The rule file with its uncertainty inputs (uncertainty_file, when given) and this year's weights
// (files.weights, when given), diagnostics printed to stderr; throws RuleError.
RuleSet LoadRuleFiles(const InputFiles& files, const std::string& uncertainty_file = "");

// The files of one evaluation, loaded and checked.
struct Loaded {
  Model model;
  std::shared_ptr<const Dataset> current, previous;
  std::shared_ptr<const Ratings> ratings;
  std::shared_ptr<const PreviousResult> previous_result;

  Cohort cohort() const { return Cohort{current, previous, ratings, previous_result}; }
};

// Loads everything (the uncertainty inputs from their own file when
// uncertainty_file is given); throws RuleError or DataError.
Loaded LoadFiles(const InputFiles& files, const std::string& uncertainty_file = "");

// Loads and scores everything (ScorePrinting); throws RuleError or DataError.
Result ScoreFiles(const InputFiles& files, bool missing_on_stderr = true, ScoreDetail detail = ScoreDetail::kFull);

// Scores what was loaded, printing the result's warnings to stderr, and the
// values missing from the data too unless the output lists them itself.
// detail: what the result keeps (makerscore/result.h).
Result ScorePrinting(const Loaded& in, bool missing_on_stderr = true, ScoreDetail detail = ScoreDetail::kFull);

// The UTF-8 byte-order mark a CSV file starts with, which is how Excel tells
// UTF-8 (makerscore's readers and pandas' utf-8-sig skip it).
inline constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";

// Prints text, or writes it to output (completely or not at all, never over
// an input or a device) when output is not empty; returns the exit code. A
// CSV file (csv) is written with a UTF-8 byte-order mark, for Excel.
int Emit(const std::string& text, const std::string& output, bool csv = false);
// The same with what write puts on the stream it is given, written as it is made (a million makerspaces' CSV,
// 272 MB, is never held whole in memory).
int Emit(const std::function<void(std::ostream&)>& write, const std::string& output, bool csv = false);

// Why writing to the value of `--output` of the parsed subcommand would lose
// data, or "": it is the same file (device and inode, after links) as the
// value of another option, under whatever spelling. Checked before any work.
std::string OutputOverwritesInput(const CLI::App& command);

// Runs body, turning the library's exceptions into messages and exit codes.
int Guarded(const std::function<int()>& body);

}  // namespace makerscore::cli

#endif  // MAKERSCORE_SRC_CLI_INPUTS_H_
