// makerscore delphi: the statistics of Delphi rounds.
#include <iostream>

#include "commands.h"
#include "inputs.h"

namespace makerscore::cli {

std::function<int()> AddDelphiCommand(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  auto output = std::make_shared<std::string>();
  auto options = std::make_shared<DelphiOptions>();
  auto fixed = std::make_shared<std::vector<double>>();
  CLI::App* cmd = app.add_subcommand(
      "delphi",
      "Report Delphi rounds: response and authority coefficients, each indicator's mean, SD, CV and\n"
      "full-score frequency, Kendall's W, screening and the weights the round gives.");
  cmd->add_option("rounds", *file, "Responses (CSV: round, expert, indicator, importance, ca, cs)")->required();
  cmd->add_option("--full-score", options->full_score, "Top of the importance scale (default 5)");
  cmd->add_option("--fixed", *fixed,
                  "Screen with fixed thresholds MEAN FULL CV (e.g. 3.5 0.2 0.25) instead of the boundary values")
      ->expected(3);
  cmd->add_flag(
      "--no-tie-correction", [options](std::int64_t) { options->tie_correction = false; },
      "Kendall's W without the correction for tied ranks (as some published tables give it)");
  cmd->add_option("--format", *format, "table (default) or json")->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--output", *output, "Write to this file instead of the screen (complete or not at all)");
  cmd->footer("Example:\n  makerscore delphi examples/data/guangxi-delphi-rounds.csv");
  return [=]() {
    return Guarded([&] {
      if (!fixed->empty()) {
        options->fixed_thresholds = true;
        options->min_mean = (*fixed)[0];
        options->min_full_frequency = (*fixed)[1];
        options->max_cv = (*fixed)[2];
      }
      std::vector<DelphiRound> rounds = AnalyseDelphi(ReadDelphiCsv(*file, *options), *options);
      std::string text = *format == "json" ? DelphiToJson(rounds) : FormatDelphi(rounds);
      return Emit(text, *output);
    });
  };
}

}  // namespace makerscore::cli
