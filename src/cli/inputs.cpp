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

Result ScoreFiles(const InputFiles& files) {
  Model model = Model::Compile(LoadRulesPrinting(files.rules));
  auto current = std::make_shared<const Dataset>(ReadDatasetCsv(files.data, model.rules()));
  std::shared_ptr<const Dataset> previous;
  if (!files.previous.empty()) {
    previous = std::make_shared<const Dataset>(ReadDatasetCsv(files.previous, model.rules()));
  }
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
