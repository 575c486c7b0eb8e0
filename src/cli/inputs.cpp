#include "inputs.h"

#include <future>
#include <iostream>

namespace makerscore::cli {

RuleSet LoadRulesPrinting(const std::string& path) {
  LoadResult loaded = LoadRules(path);
  if (!loaded.ok()) throw RuleError(std::move(loaded.diagnostics));
  std::cerr << loaded.diagnostics.ToString();  // warnings
  return std::move(*loaded.rules);
}

namespace {

// Reads a data file as the rule set's bad_cells says: refusing it for a bad
// cell, or setting such cells aside with a warning for each.
std::shared_ptr<const Dataset> ReadData(const std::string& path, const RuleSet& rules, const CsvOptions& csv) {
  if (rules.bad_cells == BadCells::kError) return std::make_shared<const Dataset>(ReadDatasetCsv(path, rules, csv));
  DatasetReading reading = ReadDatasetCsvLenient(path, rules, csv);
  for (const CellProblem& p : reading.problems) {
    std::cerr << "warning: " << path << ":" << p.row << ": " << p.message << "; set aside: " << p.entity
              << " is scored without it and not ranked or graded\n";
  }
  return std::make_shared<const Dataset>(std::move(reading.data));
}

}  // namespace

RuleSet LoadRuleFiles(const InputFiles& files, const std::string& uncertainty_file) {
  RuleSet rules;
  if (uncertainty_file.empty()) {
    rules = LoadRulesPrinting(files.rules);
  } else {
    LoadResult loaded = LoadRulesWithInputs(files.rules, uncertainty_file);
    if (!loaded.ok()) throw RuleError(std::move(loaded.diagnostics));
    std::cerr << loaded.diagnostics.ToString();
    rules = std::move(*loaded.rules);
  }
  if (!files.report_info.empty()) {  // the issuer's page from its own file, in place of the rule file's
    LoadResult with_info = LoadRulesWithReportInfo(files.rules, files.report_info);
    if (!with_info.ok()) throw RuleError(std::move(with_info.diagnostics));
    rules.report = with_info.rules->report;
  }
  if (!files.weights.empty()) {
    LoadResult weighted = ReplaceWeights(rules, files.weights);
    if (!weighted.ok()) throw RuleError(std::move(weighted.diagnostics));
    rules = std::move(*weighted.rules);
  }
  return rules;
}

Loaded LoadFiles(const InputFiles& files, const std::string& uncertainty_file) {
  Loaded out{Model::Compile(LoadRuleFiles(files, uncertainty_file)), nullptr, nullptr, nullptr, nullptr};
  // The ratings file (often the largest: one row per expert and item) is read on a second core while
  // the data files are read here; a problem in the data files is still reported first.
  std::future<Ratings> ratings;
  const CsvOptions csv{files.encoding, files.sheet};
  if (!files.ratings.empty()) {
    ratings = std::async(std::launch::async, [&files, csv] { return ReadRatingsCsv(files.ratings, csv); });
  }
  out.current = ReadData(files.data, out.model.rules(), csv);
  if (!files.previous.empty()) out.previous = ReadData(files.previous, out.model.rules(), csv);
  if (ratings.valid()) out.ratings = std::make_shared<const Ratings>(ratings.get());
  if (!files.previous_result.empty()) {
    out.previous_result = std::make_shared<const PreviousResult>(ReadPreviousResult(files.previous_result, csv));
  }
  return out;
}

Result ScoreFiles(const InputFiles& files, bool missing_on_stderr, ScoreDetail detail) {
  Loaded in = LoadFiles(files);
  return ScorePrinting(in, missing_on_stderr, detail);
}

Result ScorePrinting(const Loaded& in, bool missing_on_stderr, ScoreDetail detail) {
  // Every core: the command is the only work on the machine it was asked to do, and the results do not
  // depend on the number of threads.
  Result result = Score(in.model, in.cohort(), ScoreOptions{0, detail});
  for (const std::string& w : result.warnings()) std::cerr << "warning: " << w << "\n";
  if (missing_on_stderr) {
    if (const std::string missing = MissingSummary(result); !missing.empty()) std::cerr << "warning: " << missing;
  }
  return result;
}

int Emit(const std::string& text, const std::string& output, bool csv) {
  return Emit([&text](std::ostream& out) { out.write(text.data(), static_cast<std::streamsize>(text.size())); }, output,
              csv);
}

int Emit(const std::function<void(std::ostream&)>& write, const std::string& output, bool csv) {
  if (output.empty()) {
    write(std::cout);
    return kOk;
  }
  try {
    // A CSV file starts with a byte-order mark, which is how Excel tells UTF-8 (without it, a Chinese Excel
    // reads the file as GBK and shows 梧州创客工场 as mojibake). makerscore's readers and pandas
    // (encoding="utf-8-sig") skip it; on standard output, for other programs, there is none.
    WriteOutputFile(output, [&](std::ostream& out) {
      if (csv) out << kUtf8Bom;
      write(out);
    });
  } catch (const Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kOutputError;
  }
  return kOk;
}

std::string OutputOverwritesInput(const CLI::App& command) {
  const CLI::Option* output = command.get_option_no_throw("--output");
  if (output == nullptr || output->count() == 0) return "";
  const std::string out = output->as<std::string>();
  for (const CLI::Option* option : command.get_options()) {
    if (option == output) continue;
    for (const std::string& value : option->results()) {
      if (SameFileAs(out, {value}).empty()) continue;
      const std::string name = option->get_name();
      return "--output " + out + " is the same file as the input " + (name[0] == '-' ? name + " " : "") + value +
             ": makerscore never writes over its inputs; choose another output file";
    }
  }
  return "";
}

void AddAnonymousExpertsOption(CLI::App* command, std::string* value) {
  command
      ->add_option("--anonymous-experts", *value,
                   "Name the experts 专家1...N (numbered, the default of the bare option) or show only the "
                   "combined rating (combined): for pages sent to the makerspaces")
      ->expected(0, 1)
      ->default_str("numbered")
      ->check(CLI::IsMember({"numbered", "combined"}));
}

ExpertNames ExpertNamesOf(const CLI::App& command, const std::string& value) {
  if (command.count("--anonymous-experts") == 0) return ExpertNames::kById;
  return value == "combined" ? ExpertNames::kCombinedOnly : ExpertNames::kNumbered;
}

void AddReadingOptions(CLI::App* command, InputFiles* files) {
  command->add_option("--encoding", files->encoding,
                      "The encoding of the CSV files: utf-8 (default) or gb18030 (also gbk), what Chinese "
                      "spreadsheets save CSV as");
  command->add_option("--sheet", files->sheet, "For Excel workbooks (.xlsx): the sheet to read (default: the first)");
  command->add_option("--previous-result", files->previous_result,
                      "Last year's result as makerscore wrote it (CSV, xlsx or JSON), for rules on last year's "
                      "grade, rank or total (last_grade == \"不合格\")");
  command->add_option("--weights", files->weights,
                      "This year's weights (YAML: weights: {\"1\": 20, \"1.1\": 8}), replacing the rule file's for "
                      "the indicators listed; for a 试行 system whose weights are reset each year");
}

int Guarded(const std::function<int()>& body) {
  try {
    return body();
  } catch (const RuleError& e) {
    std::cerr << e.what() << "\n";
    return kRuleErrors;
  } catch (const DataError& e) {
    std::cerr << e.what() << "\n";
    return kDataErrors;
  } catch (const Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kDataErrors;
  }
}

}  // namespace makerscore::cli
