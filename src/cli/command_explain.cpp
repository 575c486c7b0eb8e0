// makerscore explain: how one makerspace earned its points.
#include <iostream>

#include "commands.h"
#include "inputs.h"

namespace makerscore::cli {

std::function<int()> AddExplainCommand(CLI::App& app) {
  auto files = std::make_shared<InputFiles>();
  auto entity = std::make_shared<std::string>();
  auto indicator = std::make_shared<std::string>();
  auto language = std::make_shared<std::string>();
  auto anonymous = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("explain", "Explain one makerspace's points, number by number.");
  cmd->add_option("--rules", files->rules, "The rule file (YAML)")->required();
  cmd->add_option("--data", files->data, "This year's data (CSV)")->required();
  cmd->add_option("--previous", files->previous, "Last year's data (CSV)");
  cmd->add_option("--ratings", files->ratings, "Expert ratings (CSV)");
  AddReadingOptions(cmd, files.get());
  cmd->add_option("--entity", *entity, "The makerspace's id, as in the data's id column")->required();
  cmd->add_option("--indicator", *indicator, "One indicator's id (e.g. 3.1); without it, every indicator");
  cmd->add_option("--language", *language,
                  "zh (Chinese) or en (English); default the rule file's 'language:' (English when it has none)")
      ->check(CLI::IsMember({"zh", "en"}));
  AddAnonymousExpertsOption(cmd, anonymous.get());
  return [=]() {
    return Guarded([&] {
      Result result = ScoreFiles(*files);
      ExplainOptions how;
      if (!language->empty()) how.language = *language == "zh" ? Language::kChinese : Language::kEnglish;
      how.experts = ExpertNamesOf(*cmd, *anonymous);
      std::cout << Explain(result, *entity, *indicator, how);
      return static_cast<int>(kOk);
    });
  };
}

}  // namespace makerscore::cli
