// Reading Delphi responses from CSV.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "data/long_form.h"
#include "makerscore/delphi.h"
#include "makerscore/error.h"
#include "util/csv_parser.h"
#include "util/number_cell.h"
#include "util/read_file.h"
#include "util/text.h"

namespace makerscore {

std::vector<DelphiResponse> ParseDelphiCsv(std::string_view text, const DelphiOptions& options,
                                           const std::string& source) {
  detail::LongFormReader reader(source, {"round", "expert", "indicator", "importance", "ca", "cs"}, "Delphi file");
  auto problem = [&](int line, const std::string& m) { reader.problems().Add(line, m); };
  // A number as a spreadsheet writes it (full-width digits too), finite.
  auto number = [](std::string_view s, double* out) { return detail::ParseNumberCell(s, "", out).empty(); };
  std::vector<DelphiResponse> out;
  std::map<std::tuple<int, std::string>, std::pair<double, double>> self_assessment;
  std::map<std::tuple<int, std::string, std::string>, int> seen;
  reader.Parse(text, [&](int line, const std::vector<std::string_view>& cells) {
    auto cell = [&](int k) { return cells[k]; };
    DelphiResponse r;
    r.row = line;
    r.expert = std::string(cell(1));
    r.indicator = std::string(cell(2));
    double v;
    if (!number(cell(0), &v) || v != std::floor(v) || v < 1 || v > 1000) {
      problem(line, "'round' must be a round number 1, 2, ... (at most 1000), not '" + std::string(cell(0)) + "'");
      return;
    }
    r.round = static_cast<int>(v);
    if (r.expert.empty() || r.indicator.empty()) {
      problem(line, "'expert' and 'indicator' must not be empty");
      return;
    }
    r.importance = std::nan("");
    if (!cell(3).empty() &&
        (!number(cell(3), &r.importance) || r.importance < 0 || r.importance > options.full_score)) {
      problem(line, "'importance' must be a number from 0 to " + detail::FormatNumber(options.full_score) +
                        " (or empty for no answer), not '" + std::string(cell(3)) + "'");
      return;
    }
    if (!number(cell(4), &r.ca) || r.ca < 0 || r.ca > 1 || !number(cell(5), &r.cs) || r.cs < 0 || r.cs > 1) {
      problem(line, "'ca' and 'cs' (judgement basis and familiarity) must be numbers from 0 to 1");
      return;
    }
    auto [a, fresh] = self_assessment.emplace(std::make_tuple(r.round, r.expert), std::make_pair(r.ca, r.cs));
    if (!fresh && a->second != std::make_pair(r.ca, r.cs)) {
      problem(line, "expert '" + r.expert + "' gives a different ca/cs than in an earlier row of round " +
                        std::to_string(r.round));
    }
    auto [s, first] = seen.emplace(std::make_tuple(r.round, r.expert, r.indicator), line);
    if (!first) {
      problem(line, "expert '" + r.expert + "' answers indicator '" + r.indicator + "' twice in round " +
                        std::to_string(r.round) + " (also in row " + std::to_string(s->second) + ")");
    }
    out.push_back(r);
  });
  reader.problems().ThrowIfAny();
  return out;
}

std::vector<DelphiResponse> ReadDelphiCsv(const std::string& path, const DelphiOptions& options) {
  return ParseDelphiCsv(detail::ReadDataFile(path, "Delphi file").view(), options, path);
}

}  // namespace makerscore
