// makerscore uncertainty / sensitivity: how much do ranks depend on the choices?
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <sstream>
#include <type_traits>

#include "commands.h"
#include "inputs.h"

namespace makerscore::cli {

namespace {

struct Options {
  InputFiles files;
  std::string inputs;
  int replications = 0;
  long long seed = -1;
  int threads = 0;
  std::string format = "table";
  std::string output;
  bool replication_ranks = false;
  bool quiet = false;
};

// A progress bar on standard error, only when it is a terminal.
std::function<void(long, long)> ProgressBar(bool quiet) {
  if (quiet || !::isatty(2)) return nullptr;
  auto last = std::make_shared<std::chrono::steady_clock::time_point>();
  return [last](long done, long total) {
    auto now = std::chrono::steady_clock::now();
    if (done < total && now - *last < std::chrono::milliseconds(100)) return;
    *last = now;
    const int width = 30, filled = static_cast<int>(width * done / std::max(1L, total));
    std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] " << done << "/" << total
              << (done == total ? "\n" : "") << std::flush;
  };
}

CLI::App* AddCommon(CLI::App& app, const char* name, const char* help, Options* o) {
  CLI::App* cmd = app.add_subcommand(name, help);
  cmd->add_option("--rules", o->files.rules, "The rule file (YAML)")->required();
  cmd->add_option("--data", o->files.data, "This year's data (CSV)")->required();
  cmd->add_option("--previous", o->files.previous, "Last year's data (CSV), for growth indicators");
  cmd->add_option("--ratings", o->files.ratings, "Expert ratings (CSV: entity, indicator, expert, rating)");
  AddReadingOptions(cmd, &o->files);
  cmd->add_option("--inputs", o->inputs,
                  "The uncertain inputs (YAML with the keys of 'uncertainty:'), instead of the rule file's section");
  cmd->add_option("--replications", o->replications, "Replications (sensitivity: base samples); default the inputs'")
      ->check(CLI::Range(2, 10000000));
  cmd->add_option("--seed", o->seed, "Random seed; the same seed gives the same results")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--threads", o->threads, "Threads (default: every core); the results do not depend on it")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--format", o->format, "table (default), csv, json, or xlsx (an Excel workbook; needs --output)")
      ->check(CLI::IsMember({"table", "csv", "json", "xlsx"}));
  cmd->add_option("--output", o->output, "Write to this file instead of the screen (complete or not at all)");
  cmd->add_flag("--quiet", o->quiet, "No progress bar");
  return cmd;
}

UncertaintyOptions ToOptions(const Options& o) {
  UncertaintyOptions u;
  if (o.replications > 0) u.replications = o.replications;
  if (o.seed >= 0) u.seed = static_cast<std::uint64_t>(o.seed);
  u.threads = o.threads;
  u.progress = ProgressBar(o.quiet);
  return u;
}

// The text of result r in the chosen format.
template <typename R>
std::string Render(const std::string& format, const R& r, void (*csv)(const R&, std::ostream&),
                   const std::function<std::string(const R&)>& json, std::string (*table)(const R&)) {
  if (format == "csv" || format == "xlsx") {
    std::ostringstream out;
    csv(r, out);
    const char* sheet = std::is_same_v<R, SensitivityResult> ? "敏感性" : "不确定性";
    return format == "xlsx" ? TableWorkbook(out.str(), sheet) : out.str();
  }
  return format == "json" ? json(r) : table(r);
}

const UncertainInputs& InputsOf(const Model& model) {
  if (!model.rules().uncertainty) {
    throw Error(
        "the rule file has no 'uncertainty:' section; give the uncertain inputs there or with --inputs FILE "
        "(see docs/uncertainty.md)");
  }
  return *model.rules().uncertainty;
}

}  // namespace

std::function<int()> AddUncertaintyCommand(CLI::App& app) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = AddCommon(app, "uncertainty",
                            "Monte Carlo uncertainty analysis: each makerspace's rank interval and the probability "
                            "of each grade when the weights, methods or expert panel vary.",
                            o.get());
  cmd->add_flag("--replication-ranks", o->replication_ranks, "JSON: include every replication's ranks");
  cmd->footer(
      "Example:\n  makerscore uncertainty --rules rules/guangxi-2019.yaml \\\n"
      "    --data examples/data/guangxi-example-2019.csv --previous examples/data/guangxi-example-2018.csv \\\n"
      "    --ratings examples/data/guangxi-example-ratings.csv --inputs examples/data/guangxi-uncertainty.yaml");
  return [o]() {
    return Guarded([&] {
      if (o->format == "xlsx" && o->output.empty()) {
        std::cerr << "error: --format xlsx writes a workbook, which needs a file: add --output FILE.xlsx\n";
        return static_cast<int>(kUsage);
      }
      Loaded in = LoadFiles(o->files, o->inputs);
      UncertaintyResult r = AnalyseUncertainty(in.model, in.cohort(), InputsOf(in.model), ToOptions(*o));
      auto json = [&](const UncertaintyResult& x) { return UncertaintyToJson(x, o->replication_ranks); };
      return Emit(Render<UncertaintyResult>(o->format, r, WriteUncertaintyCsv, json, FormatUncertainty), o->output,
                  o->format == "csv");
    });
  };
}

std::function<int()> AddSensitivityCommand(CLI::App& app) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = AddCommon(app, "sensitivity",
                            "Variance-based sensitivity analysis: how much of the rank shifts each uncertain input "
                            "explains (first-order and total-effect indices).",
                            o.get());
  cmd->footer(
      "Example:\n  makerscore sensitivity --rules rules/asem-connectivity.yaml \\\n"
      "    --data examples/data/asem/ASEM_iData.csv --inputs examples/data/asem/asem-uncertainty.yaml");
  return [o]() {
    return Guarded([&] {
      Loaded in = LoadFiles(o->files, o->inputs);
      SensitivityResult r = AnalyseSensitivity(in.model, in.cohort(), InputsOf(in.model), ToOptions(*o));
      return Emit(Render<SensitivityResult>(o->format, r, WriteSensitivityCsv, SensitivityToJson, FormatSensitivity),
                  o->output, o->format == "csv");
    });
  };
}

}  // namespace makerscore::cli
