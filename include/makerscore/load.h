// makerscore: loading and validating rule files.
#ifndef MAKERSCORE_LOAD_H_
#define MAKERSCORE_LOAD_H_

#include <optional>
#include <string>
#include <string_view>

#include "makerscore/diagnostics.h"
#include "makerscore/rules.h"

namespace makerscore {

// The outcome of loading a rule file: every problem found in one pass, and
// the rule set only when there was no error (never half-loaded).
struct LoadResult {
  std::optional<RuleSet> rules;
  Diagnostics diagnostics;  // errors and warnings, in file order

  bool ok() const { return rules.has_value(); }
};

// Reads and checks a rule file. A file that cannot be read is reported as a
// diagnostic too; this function does not throw.
LoadResult LoadRules(const std::string& path);

// Checks rule-file text. file_name is used in the diagnostics.
LoadResult ParseRules(std::string_view yaml, const std::string& file_name = "<string>");

// Loads a rule file, then the inputs of an uncertainty analysis from their
// own file (the keys of `uncertainty:` at its top level), which replace the
// rule file's `uncertainty:` section: a province can keep its rule file as
// the source document gives it. Diagnostics point into whichever file is wrong.
LoadResult LoadRulesWithInputs(const std::string& rules_path, const std::string& inputs_path);
// The same for the issuer's page of a report: the rule file with its `report:` section replaced by the keys of
// info_path (title, issuer, year, date, note), errors placed in that file.
LoadResult LoadRulesWithReportInfo(const std::string& rules_path, const std::string& info_path);

// Replaces the stated weights of the indicators a weights file lists (its key `weights:`, a map from
// indicator id to a weight, or with classes to a map from class label to weight): a 试行 system whose
// weights are reset each year keeps its rule file. The result is checked as a whole (weights that no
// longer add up are errors); diagnostics point into the weights file. RuleSet::weights_file names it.
LoadResult ReplaceWeights(const RuleSet& rules, const std::string& weights_path);

// LoadRules, throwing RuleError when there is any error.
RuleSet LoadRulesOrThrow(const std::string& path);

// The checks that need the whole rule set: unique ids, references (fields in
// formulas, scales, methods and their parameters), weights that add up, grade
// cut-offs. The loader runs it; call it yourself for a RuleSet built in code.
Diagnostics Validate(const RuleSet& rules);

}  // namespace makerscore

#endif  // MAKERSCORE_LOAD_H_
