// makerscore: the rule set, a rule file as plain values.
//
// A RuleSet is what the loader (load.h) builds from a YAML rule file, after
// checking every key and reference. It can also be built in code and checked
// with Validate(). It is a plain value: copy it freely; a const RuleSet is
// safe to share between threads.
#ifndef MAKERSCORE_RULES_H_
#define MAKERSCORE_RULES_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "makerscore/diagnostics.h"

namespace makerscore {

// What a data field holds; decides which values are accepted.
enum class FieldKind {
  kNumber,  // any real number
  kCount,   // a whole number >= 0 (persons, companies, events)
  kAmount,  // money, any real number (usually 万元)
  kShare,   // a proportion; 0.25 means 25%
  kFlag,    // 0 or 1 (是/否 in a form)
};

// One column of the data each entity reports.
struct Field {
  std::string id;       // identifier used in formulas and CSV headers
  std::string name;     // the source document's name, e.g. 众创空间总收入
  std::string unit;     // e.g. 万元, 个, 人; may be empty
  FieldKind kind = FieldKind::kNumber;
  std::optional<double> min;  // smallest acceptable value, if any
  std::optional<double> max;  // largest acceptable value, if any
  std::string section;  // the form section it belongs to, e.g. （三）服务能力
  std::string description;
};

// One named level of an expert-rating scale, e.g. 优 earning 100% of the points.
struct ScaleLevel {
  std::string label;
  double fraction = 0;  // share of the indicator's points, in [0, 1]
};

// How experts rate a qualitative indicator: either named levels or a numeric
// range (a rating r earns (r - min) / (max - min) of the points).
struct Scale {
  std::string id;
  std::string name;
  std::vector<ScaleLevel> levels;  // non-empty for a level scale
  std::optional<double> min;       // set (with max) for a numeric scale
  std::optional<double> max;
  std::string description;
};

// Whether larger raw values are better.
enum class Direction { kHigher, kLower };

// How a quantitative indicator's value becomes a score in [0, 1].
struct ScoreSpec {
  std::string method;                    // a name from the method registry (methods.h)
  Direction direction = Direction::kHigher;
  std::map<std::string, double> params;  // the method's parameters, checked against its declaration
};

// How several experts' ratings of one item are combined.
enum class Combine {
  kMean,
  kMedian,
  kTrimmedMean,  // drop one highest and one lowest rating, then the mean
};

// How a qualitative indicator is rated.
struct RatedSpec {
  std::string scale;    // id of a Scale in the rule set
  Combine combine = Combine::kMean;
  int min_ratings = 1;  // fewer ratings than this leave the item missing
};

// What to do when an indicator's value cannot be computed for an entity.
enum class MissingPolicy {
  kError,    // the entity cannot be scored: no total, no rank, no grade
  kZero,     // the indicator earns no points
  kMean,     // use the cohort mean of the values that are present
  kMedian,   // use the cohort median of the values that are present
  kExclude,  // leave it out and share its weight among its present siblings
};

// A node of the indicator tree. A node with children is a group; a leaf is
// either quantitative (value + score) or qualitative (rated).
struct Indicator {
  std::string id;    // unique in the rule set, e.g. "3.1"
  std::string name;  // the source document's name
  double weight = 0; // points, or a relative weight (see RuleSet::weighting)
  std::string description;
  std::string value;                 // formula (quantitative leaves)
  std::optional<ScoreSpec> score;    // quantitative leaves
  std::optional<RatedSpec> rated;    // qualitative leaves
  std::optional<MissingPolicy> missing;  // unset: the rule set's default
  std::vector<Indicator> children;

  bool is_leaf() const { return children.empty(); }
};

// A grade and the smallest total that earns it.
struct Grade {
  std::string label;  // the rule file's own label: 优, A, 合格 ...
  double min = 0;     // in points of the total
};

// A consistency rule that a filled-in report must satisfy, e.g.
// "income_service + income_investment <= income_total".
struct Check {
  std::string id;
  std::string name;
  std::string rule;        // a comparison: formula (== != < <= > >=) formula
  double tolerance = 0;    // allowed absolute difference for == and the inequalities
  std::string description;
};

// How indicator weights are read.
enum class Weighting {
  kPoints,    // weights are points; children add up to their parent's points
  kRelative,  // weights are relative; each group's are normalised to sum to 1
};

// Positions of every key of a loaded rule file, by rule path, plus the file's
// lines, so that later checks can point at the right place.
struct SourceMap {
  std::string file;
  std::vector<std::string> lines;
  std::map<std::string, SourcePos> positions;  // "indicators/3/3.1/weight" -> pos

  // The position recorded for path, or for its nearest recorded ancestor.
  SourcePos Find(const std::string& path) const;
  // The text of a 1-based line, or "" when unknown.
  std::string Line(int line) const;
};

// A complete rule file.
struct RuleSet {
  int format = 1;           // the version of the rule format
  std::string id;
  std::string title;
  std::string source;       // the document the rules are based on
  std::string description;
  Weighting weighting = Weighting::kPoints;
  double total = 100;       // points of the whole tree
  std::string id_column = "id";      // CSV column holding entity ids
  std::string name_column = "name";  // CSV column holding entity names (optional in data)
  MissingPolicy missing = MissingPolicy::kZero;  // default for every indicator
  std::vector<Field> fields;
  std::vector<Scale> scales;
  std::vector<Indicator> indicators;  // the first level of the tree
  std::vector<Grade> grades;          // any order; applied from the highest min down
  std::vector<Check> checks;
  SourceMap source_map;  // empty for a rule set built in code

  const Field* FindField(const std::string& id) const;
  const Scale* FindScale(const std::string& id) const;
  // Depth-first search of the tree; nullptr when absent.
  const Indicator* FindIndicator(const std::string& id) const;
};

// Text forms used in rule files and messages ("higher", "trimmed_mean" ...).
const char* ToString(FieldKind kind);
const char* ToString(Direction direction);
const char* ToString(Combine combine);
const char* ToString(MissingPolicy policy);
const char* ToString(Weighting weighting);

}  // namespace makerscore

#endif  // MAKERSCORE_RULES_H_
