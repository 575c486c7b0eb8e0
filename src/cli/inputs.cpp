#include "cli/inputs.h"

#include "cli/atomic_file.h"

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
std::shared_ptr<const Dataset> ReadData(const std::string& path, const RuleSet& rules) {
  if (rules.bad_cells == BadCells::kError) return std::make_shared<const Dataset>(ReadDatasetCsv(path, rules));
  DatasetReading reading = ReadDatasetCsvLenient(path, rules);
  for (const CellProblem& p : reading.problems) {
    std::cerr << "warning: " << path << ":" << p.row << ": " << p.message << "; set aside: " << p.entity
              << " is scored without it and not ranked or graded\n";
  }
  return std::make_shared<const Dataset>(std::move(reading.data));
}

}  // namespace

Result ScoreFiles(const InputFiles& files) {
  Model model = Model::Compile(LoadRulesPrinting(files.rules));
  std::shared_ptr<const Dataset> current = ReadData(files.data, model.rules());
  std::shared_ptr<const Dataset> previous;
  if (!files.previous.empty()) previous = ReadData(files.previous, model.rules());
  std::shared_ptr<const Ratings> ratings;
  if (!files.ratings.empty()) ratings = std::make_shared<const Ratings>(ReadRatingsCsv(files.ratings));
  return Score(model, current, previous, ratings);
}

int Emit(const std::string& text, const std::string& output) {
  if (output.empty()) {
    std::cout << text;
    return kOk;
  }
  try {
    WriteFileAtomically(output, text);
  } catch (const Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kOutputError;
  }
  return kOk;
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
