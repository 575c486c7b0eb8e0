// The semantic checks of a rule set (internal). One class, its methods
// spread over validate_*.cpp by topic: the rule set as a whole, the
// indicator tree, and what happens after scoring (grades, bonus, vetoes,
// checks).
#ifndef MAKERSCORE_SRC_RULES_VALIDATOR_H_
#define MAKERSCORE_SRC_RULES_VALIDATOR_H_

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "formula/formula.h"
#include "makerscore/load.h"
#include "rules/source_excerpt.h"

namespace makerscore::detail {

// True for combined weights whose subjective half is the children's stated weights (no `matrix`): the
// children then state a `weight` as under no `weights:` at all.
bool StatesSubjectiveWeights(const DerivedWeights& w);

class Validator {
 public:
  explicit Validator(const RuleSet& rules);
  Diagnostics Run();

 private:
  // validate_rules.cpp: reporting, formulas, the parts of the rule set.
  void Error(const std::string& path, const std::string& message);
  void At(SourcePos pos, const std::string& path, const std::string& message);
  SourcePos FormulaPos(const std::string& path, const std::string& text, int offset);
  // this_year: the formula may read this year's total, rank and grade (a veto's condition).
  bool CheckFormula(const std::string& text, const std::string& path, Formula* out, bool this_year = false);
  void CheckPercentParams(const Formula& value, const ScoreSpec& score, const std::string& path);
  int FieldIndex(const std::string& name) const;
  void CheckCategoryField(const std::string& field, const std::string& path, const std::string& what);
  void CheckTop();
  void CheckFields();
  void CheckScales();
  void CheckClasses();
  void CheckExperts();
  void CheckOutliers(const OutlierSpec& o, const std::string& path);
  void CheckScreen(const ScreenSpec& s);
  // Every id and label: no invisible characters, no look-alike pairs of one kind.
  void CheckNames();

  // validate_tree.cpp: the indicator tree.
  void CheckIndicator(const Indicator& ind, const std::string& parent, int index, bool parent_derives);
  // validate_weights.cpp: derived weights of a group's children: the method's needs, AHP's matrices and
  // consistency; combined weights' objective, mix and alpha (refused for the other methods).
  void CheckDerived(const DerivedWeights& w, const std::vector<Indicator>& children, const std::string& path);
  void CheckCombined(const DerivedWeights& w, const std::string& path);
  void CheckLeaf(const Indicator& ind, const std::string& path);
  // "'id' (method)" of a leaf under ind (or ind itself) whose score can be
  // below 0 and reaches ind's score through arithmetic means; "" if none.
  static std::string MayScoreBelowZero(const Indicator& ind);
  void CheckMissing(const Indicator& ind, const std::string& path);
  // validate_aggregate.cpp: the options of a group's aggregation over the cohort (topsis, vikor, grey).
  void CheckAggregate(const Indicator& ind, const std::string& path);
  // A fuzzy evaluation's children: rated on one scale of levels, or fuzzy evaluations themselves.
  void CheckMemberships(const Indicator& ind, const std::string& path);
  void CheckWeights(const std::vector<Indicator>& children, const Indicator* parent, const std::string& path);
  bool derived_data_weights_ = false;  // inside a group whose weights come from the data
  // The weight of ind for class label ("" without classes); NaN when unknown.
  double WeightOf(const Indicator& ind, const std::string& label) const;

  // validate_outcomes.cpp: grades, bonus and deductions, vetoes, checks.
  void CheckGrades();
  bool LaterByTotal(size_t i) const;
  void CheckAdjustments(const Adjustments& a, const std::string& which);
  void CheckVetoes();
  void CheckChecks();

  // validate_uncertainty.cpp: `uncertainty:`.
  void CheckUncertainty();

  const RuleSet& rules_;
  std::set<std::string> paths_;  // as the loader named them (see UniquePath)
  std::set<std::string> indicator_ids_;
  std::vector<std::pair<std::string, std::string>> indicator_names_;  // id, the path of its 'id'
  std::vector<std::string> field_ids_;
  std::unordered_map<std::string, int> field_index_;  // field id -> index
  Diagnostics diags_;
  LineCursor excerpt_;  // for the excerpts of long lines
};

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_RULES_VALIDATOR_H_
