// The subcommands of `makerscore`, each in its own file.
#ifndef MAKERSCORE_SRC_CLI_COMMANDS_H_
#define MAKERSCORE_SRC_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>

namespace makerscore::cli {

// Each adds its subcommand to app and returns the function that runs it
// (returning an exit code), valid while app lives.
std::function<int()> AddScoreCommand(CLI::App& app);
std::function<int()> AddValidateCommand(CLI::App& app);
std::function<int()> AddExplainCommand(CLI::App& app);
std::function<int()> AddDelphiCommand(CLI::App& app);
std::function<int()> AddWeightsCommand(CLI::App& app);
std::function<int()> AddUncertaintyCommand(CLI::App& app);
std::function<int()> AddSensitivityCommand(CLI::App& app);
std::function<int()> AddReportCommand(CLI::App& app);

}  // namespace makerscore::cli

#endif  // MAKERSCORE_SRC_CLI_COMMANDS_H_
