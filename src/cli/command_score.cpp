// makerscore score: rank a cohort.
#include <iostream>
#include <sstream>

#include "commands.h"
#include "inputs.h"

namespace makerscore::cli {

std::function<int()> AddScoreCommand(CLI::App& app) {
  auto files = std::make_shared<InputFiles>();
  auto format = std::make_shared<std::string>("table");
  auto output = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("score", "Score and rank a cohort: the ranked table, CSV or JSON.");
  cmd->add_option("--rules", files->rules, "The rule file (YAML), e.g. rules/guangxi-2019.yaml")->required();
  cmd->add_option("--data", files->data, "This year's data (CSV or an Excel workbook): one row per makerspace")
      ->required();
  cmd->add_option("--previous", files->previous, "Last year's data (CSV), for growth indicators");
  cmd->add_option("--ratings", files->ratings, "Expert ratings (CSV with columns entity, indicator, expert, rating)");
  AddReadingOptions(cmd, files.get());
  cmd->add_option("--format", *format, "table (default), csv, json, or xlsx (an Excel workbook; needs --output)")
      ->check(CLI::IsMember({"table", "csv", "json", "xlsx"}));
  cmd->add_option("--output", *output, "Write to this file instead of the screen (complete or not at all)");
  cmd->footer(
      "Example:\n  makerscore score --rules rules/guangxi-2019.yaml \\\n"
      "    --data examples/data/guangxi-example-2019.csv \\\n"
      "    --previous examples/data/guangxi-example-2018.csv \\\n"
      "    --ratings examples/data/guangxi-example-ratings.csv");
  return [=]() {
    return Guarded([&] {
      // The table lists the missing values under itself; on the screen they would be shown twice.
      // The table, CSV and workbook show every indicator's points, not its value: the values are not kept.
      Result result = ScoreFiles(*files, !(*format == "table" && output->empty()),
                                 *format == "json" ? ScoreDetail::kFull : ScoreDetail::kPoints);
      std::string text;
      int code = kOk;
      if (*format == "csv") {
        code = Emit([&result](std::ostream& out) { WriteCsv(result, out); }, *output, /*csv=*/true);
      } else if (*format == "xlsx") {
        if (output->empty()) {
          std::cerr << "error: --format xlsx writes a workbook, which needs a file: add --output FILE.xlsx\n";
          return static_cast<int>(kUsage);
        }
        text = XlsxWorkbook(result);
      } else if (*format == "json") {
        text = ToJson(result);
      } else {
        text = FormatTable(result);
      }
      if (*format != "csv") code = Emit(text, *output);
      if (code == kOk && !output->empty()) {
        std::cerr << "wrote " << result.entity_count() << " entities to " << *output << "\n";
      }
      return code;
    });
  };
}

}  // namespace makerscore::cli
