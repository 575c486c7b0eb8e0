// makerscore weights: the weights of a rule file, derived ones included.
#include <iostream>

#include "commands.h"
#include "inputs.h"

namespace makerscore::cli {

std::function<int()> AddWeightsCommand(CLI::App& app) {
  auto files = std::make_shared<InputFiles>();
  CLI::App* cmd = app.add_subcommand(
      "weights",
      "Show every indicator's weight: within its group, in the total, in points, and where it comes from\n"
      "(stated, AHP with its consistency ratio, or entropy/CRITIC/SD from a cohort's data).");
  cmd->add_option("--rules", files->rules, "The rule file (YAML)")->required();
  cmd->add_option("--data", files->data, "A cohort (CSV), for weights derived from data");
  cmd->add_option("--previous", files->previous, "Last year's data (CSV), when the rules need it");
  cmd->add_option("--ratings", files->ratings, "Expert ratings (CSV), when the rules need them");
  AddReadingOptions(cmd, files.get());
  return [=]() {
    return Guarded([&] {
      if (files->data.empty()) {
        std::cout << FormatWeights(Model::Compile(LoadRuleFiles(*files)));
        return static_cast<int>(kOk);
      }
      Result result = ScoreFiles(*files);
      std::cout << FormatWeights(result.model(), &result.shares());
      return static_cast<int>(kOk);
    });
  };
}

}  // namespace makerscore::cli
