// The makerscore command: score, explain and validate from the shell.
#include <exception>
#include <iostream>
#include <new>

#include "commands.h"
#include "inputs.h"

namespace {

int Run(int argc, char** argv) {
  using namespace makerscore::cli;
  CLI::App app{"makerscore: score makerspaces (众创空间) against an indicator system written as a YAML rule file."};
  app.set_version_flag("--version", makerscore::Version());
  app.require_subcommand(1);
  app.footer(
      "Exit codes:\n"
      "  0  success\n"
      "  1  validate: the data breaks the rule file's checks\n"
      "  2  wrong command line\n"
      "  3  the rule file has errors\n"
      "  4  a data, ratings or Delphi file cannot be used\n"
      "  5  the output file could not be written\n"
      "  6  an unexpected problem inside makerscore (please report it)\n\n"
      "Run 'makerscore COMMAND --help' for a command's options.");
  auto score = AddScoreCommand(app);
  auto validate = AddValidateCommand(app);
  auto explain = AddExplainCommand(app);
  auto delphi = AddDelphiCommand(app);
  auto weights = AddWeightsCommand(app);
  auto uncertainty = AddUncertaintyCommand(app);
  auto sensitivity = AddSensitivityCommand(app);
  auto report = AddReportCommand(app);
  CLI::App* schema = app.add_subcommand("schema", "Print the rule-format reference (Markdown).");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }
  for (const CLI::App* command : app.get_subcommands()) {
    if (const std::string problem = OutputOverwritesInput(*command); !problem.empty()) {
      std::cerr << "error: " << problem << "\n";
      return kOutputError;
    }
  }
  if (app.got_subcommand("score")) return score();
  if (app.got_subcommand("validate")) return validate();
  if (app.got_subcommand("explain")) return explain();
  if (app.got_subcommand("delphi")) return delphi();
  if (app.got_subcommand("weights")) return weights();
  if (app.got_subcommand("uncertainty")) return uncertainty();
  if (app.got_subcommand("sensitivity")) return sensitivity();
  if (app.got_subcommand("report")) return report();
  if (schema->parsed()) {
    std::cout << makerscore::RuleFormatReference();
    return kOk;
  }
  return kUsage;
}

}  // namespace

int main(int argc, char** argv) {
  // Each command reports the problems it expects with its own exit code; anything else still ends with a
  // message and an exit code, never an abort.
  try {
    return Run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "error: not enough memory for this job (the files are too large for this machine?)\n";
  } catch (const std::exception& e) {
    std::cerr << "error: makerscore stopped on an unexpected problem (please report it): " << e.what() << "\n";
  } catch (...) {
    std::cerr << "error: makerscore stopped on an unexpected problem (please report it)\n";
  }
  return makerscore::cli::kInternal;
}
