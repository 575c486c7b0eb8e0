// makerscore validate: check rule files, and data against a rule file.
#include <algorithm>
#include <iostream>

#include "commands.h"
#include "inputs.h"

namespace makerscore::cli {

namespace {

bool IsRuleFile(const std::string& path) {
  auto ends = [&](const std::string& s) {
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  return ends(".yaml") || ends(".yml");
}

// Warns of every empty cell of a field an indicator reads (未填报): not an error, since the rule file's
// missing-data policy decides its points, but never silent.
void PrintEmptyCells(const Model& model, const Dataset& data, const std::string& file) {
  const std::vector<CellProblem> empty = EmptyCells(model, data);
  for (size_t k = 0; k < empty.size() && k < 20; ++k) {
    std::cerr << "warning: " << file << ":" << empty[k].row << ": " << empty[k].entity << ": " << empty[k].message
              << "\n";
  }
  if (empty.size() > 20)
    std::cerr << "warning: ... and " << empty.size() - 20 << " more empty cells in " << file << "\n";
}

}  // namespace

std::function<int()> AddValidateCommand(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto rules = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Check rule files (.yaml) for mistakes, and data files (.csv) against a rule file: every column,\n"
      "cell and consistency check of the form, each problem with its line.");
  cmd->add_option("files", *files, "Rule files (.yaml) and data files (.csv)");
  cmd->add_option("--rules", *rules, "The rule file that data files are checked against");
  auto how = std::make_shared<InputFiles>();  // only its encoding and sheet
  AddReadingOptions(cmd, how.get());
  cmd->footer(
      "Examples:\n  makerscore validate rules/guangxi-2019.yaml\n"
      "  makerscore validate --rules rules/shanxi-2018-form.yaml examples/data/shanxi-example-2018.csv");
  return [=]() {
    if (!how->previous_result.empty()) {  // read as scoring would read it
      const int code = Guarded([&] {
        const PreviousResult last = ReadPreviousResult(how->previous_result, CsvOptions{how->encoding, how->sheet});
        std::cout << how->previous_result << ": ok, last year's result of " << last.ids.size() << " entities\n";
        return static_cast<int>(kOk);
      });
      if (code != kOk || (files->empty() && how->weights.empty())) return code;
    }
    if (files->empty() && how->weights.empty()) {
      std::cerr << "error: give the rule files (.yaml) or data files to check, or --rules FILE --weights FILE\n"
                   "Run with --help for more information.\n";
      return static_cast<int>(kUsage);
    }
    int worst = kOk;
    auto note = [&](int code) { worst = std::max(worst, code); };
    for (const auto& f : *files) {
      if (IsRuleFile(f)) {
        LoadResult loaded = LoadRules(f);
        std::cerr << loaded.diagnostics.ToString();
        if (loaded.ok()) {
          std::cout << f << ": ok\n";
        } else {
          int n = loaded.diagnostics.ErrorCount();
          std::cerr << f << ": " << n << (n == 1 ? " error" : " errors") << "\n";
          note(kRuleErrors);
        }
      }
    }
    if (!how->weights.empty()) {  // a weights file, checked with the rule file it replaces weights of
      if (rules->empty()) {
        std::cerr << "error: checking a weights file needs the rule file whose weights it replaces (--rules FILE)\n";
        return static_cast<int>(kUsage);
      }
      note(Guarded([&] {
        LoadResult weighted = ReplaceWeights(LoadRulesPrinting(*rules), how->weights);
        std::cerr << weighted.diagnostics.ToString();
        if (!weighted.ok()) {
          std::cerr << how->weights << ": " << weighted.diagnostics.ErrorCount() << " errors\n";
          return static_cast<int>(kRuleErrors);
        }
        std::cout << how->weights << ": ok with " << *rules << "\n";
        return static_cast<int>(kOk);
      }));
      if (worst != kOk) return worst;
    }
    bool has_data = false;
    for (const auto& f : *files) has_data |= !IsRuleFile(f);
    if (!has_data) return worst;
    if (rules->empty()) {
      std::cerr << "error: checking a data file needs the rule file to check it against (--rules FILE)\n";
      return static_cast<int>(kUsage);
    }
    note(Guarded([&] {
      RuleSet checked = LoadRulesPrinting(*rules);
      if (!how->weights.empty()) checked = *ReplaceWeights(checked, how->weights).rules;  // checked above
      Model model = Model::Compile(checked);
      int result = kOk;
      for (const auto& f : *files) {
        if (IsRuleFile(f)) continue;
        int code = Guarded([&] {
          DatasetReading reading = ReadDatasetCsvLenient(f, model.rules(), CsvOptions{how->encoding, how->sheet});
          // Bad cells and broken checks together, in row order.
          std::vector<std::pair<int, std::string>> lines;
          for (const auto& p : reading.problems) {
            lines.push_back({p.row, f + ":" + std::to_string(p.row) + ": " + p.entity + ": " + p.message});
          }
          for (const auto& v : CheckDataset(model, reading.data)) {
            lines.push_back(
                {v.row, f + ":" + std::to_string(v.row) + ": " + v.entity + ": " + v.message + " [" + v.check + "]"});
          }
          std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
          for (const auto& [row, line] : lines) std::cout << line << "\n";
          for (const auto& note : reading.data.notes()) std::cerr << "warning: " << note << "\n";
          PrintEmptyCells(model, reading.data, f);
          if (lines.empty()) {
            std::cout << f << ": ok, " << reading.data.entity_count() << " rows pass every check\n";
            return static_cast<int>(kOk);
          }
          std::cout << f << ": " << lines.size() << " problem" << (lines.size() > 1 ? "s" : "") << " in "
                    << reading.data.entity_count() << " rows\n";
          return static_cast<int>(kInvalidData);
        });
        result = std::max(result, code);
      }
      return result;
    }));
    return worst;
  };
}

}  // namespace makerscore::cli
