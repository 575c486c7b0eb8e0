// makerscore report: the cohort overview and the scorecards as HTML.
#include <iostream>

#include "commands.h"
#include "inputs.h"

namespace makerscore::cli {

std::function<int()> AddReportCommand(CLI::App& app) {
  auto files = std::make_shared<InputFiles>();
  auto output = std::make_shared<std::string>();
  auto entity = std::make_shared<std::string>();
  auto inputs = std::make_shared<std::string>();
  auto no_uncertainty = std::make_shared<bool>(false);
  auto replications = std::make_shared<int>(0);
  auto overview_only = std::make_shared<bool>(false);
  auto scorecards_only = std::make_shared<bool>(false);
  auto anonymous = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Write a report to open in a browser and print: the cohort overview (ranking, grades, charts, data quality) "
      "and one scorecard per makerspace.");
  cmd->add_option("--rules", files->rules, "The rule file (YAML), e.g. rules/guangxi-2019.yaml")->required();
  cmd->add_option("--data", files->data, "This year's data (CSV or an Excel workbook): one row per makerspace")
      ->required();
  cmd->add_option("--previous", files->previous, "Last year's data (CSV), for growth indicators");
  cmd->add_option("--ratings", files->ratings, "Expert ratings (CSV with columns entity, indicator, expert, rating)");
  AddReadingOptions(cmd, files.get());
  cmd->add_option("--output", *output,
                  "A file ending in .html (the overview and every scorecard in one page), or a folder (index.html "
                  "with the overview, and one page per makerspace, named by its id)")
      ->required();
  cmd->add_option("--report-info", files->report_info,
                  "The issuer's page (YAML with the keys of 'report:': title, issuer, year, date, note), in place of "
                  "the rule file's title and source");
  cmd->add_option("--entity", *entity, "Only this makerspace's scorecard (its id), e.g. to send it to them");
  auto* overview_flag = cmd->add_flag("--overview-only", *overview_only,
                                      "Only the cohort overview (three A4 pages for 32 makerspaces), no scorecards");
  cmd->add_flag("--scorecards-only", *scorecards_only,
                "Only the scorecards, each on its own printed pages, without the overview")
      ->excludes(overview_flag);
  AddAnonymousExpertsOption(cmd, anonymous.get());
  cmd->add_option("--inputs", *inputs,
                  "Uncertain inputs (YAML with the keys of 'uncertainty:'): each scorecard then shows its rank "
                  "interval and grade probabilities (as does a rule file with an 'uncertainty:' section)");
  cmd->add_option("--replications", *replications, "Replications of the uncertainty analysis; default the inputs'")
      ->check(CLI::Range(2, 10000000));
  cmd->add_flag("--no-uncertainty", *no_uncertainty, "Leave the rank intervals out even when the rule file has them");
  cmd->footer(
      "Examples:\n  makerscore report --rules rules/guangxi-2019.yaml \\\n"
      "    --data examples/data/guangxi-example-2019.csv \\\n"
      "    --previous examples/data/guangxi-example-2018.csv \\\n"
      "    --ratings examples/data/guangxi-example-ratings.csv --output report.html\n"
      "  ... --output reports/                 a folder: index.html and one page per makerspace\n"
      "  ... --output GX001.html --entity GX001 --anonymous-experts\n"
      "                                        one makerspace's scorecard, its experts as 专家1...N\n"
      "  ... --output overview.html --overview-only   the overview to print (no scorecards)");
  return [=]() {
    return Guarded([&] {
      Loaded in = LoadFiles(*files, *inputs);
      Result result = ScorePrinting(in);
      ReportOptions options;
      options.entity = *entity;
      options.parts = *overview_only     ? ReportParts::kOverview
                      : *scorecards_only ? ReportParts::kScorecards
                                         : ReportParts::kAll;
      options.experts = ExpertNamesOf(*cmd, *anonymous);
      UncertaintyResult uncertainty;
      // The rank intervals are on the scorecards: an overview alone needs no uncertainty analysis.
      if (in.model.rules().uncertainty && !*no_uncertainty && options.parts != ReportParts::kOverview) {
        UncertaintyOptions how;
        if (*replications > 0) how.replications = *replications;
        uncertainty = AnalyseUncertainty(in.model, in.cohort(), *in.model.rules().uncertainty, how);
        options.uncertainty = &uncertainty;
      }
      if (!entity->empty() && result.FindEntity(*entity) < 0) {
        throw Error("no entity '" + *entity + "' in the data (see the data's '" + in.model.rules().id_column +
                    "' column)");
      }
      std::vector<std::string> written;
      try {
        written = WriteHtmlReport(result, *output, options);
      } catch (const Error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return static_cast<int>(kOutputError);
      }
      std::cerr << "wrote "
                << (written.size() == 1 ? written[0] : std::to_string(written.size()) + " pages to " + *output)
                << (options.uncertainty
                        ? " (with rank intervals from " + std::to_string(uncertainty.totals.rows()) + " replications)"
                        : "")
                << "\n";
      return static_cast<int>(kOk);
    });
  };
}

}  // namespace makerscore::cli
