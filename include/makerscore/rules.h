// makerscore: the rule set, a rule file as plain values.
//
// A RuleSet is what the loader (load.h) builds from a YAML rule file, after
// checking every key and reference. It can also be built in code and checked
// with Validate(). It is a plain value: copy it freely; a const RuleSet is
// safe to share between threads.
#ifndef MAKERSCORE_RULES_H_
#define MAKERSCORE_RULES_H_

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "makerscore/diagnostics.h"

namespace makerscore {

// What a data field holds; decides which values are accepted.
enum class FieldKind {
  kNumber,    // any real number
  kCount,     // a whole number >= 0 (persons, companies, events)
  kAmount,    // money, any real number (usually 万元)
  kShare,     // a proportion; 0.25 means 25%
  kFlag,      // 0 or 1 (是/否 in a form)
  kCategory,  // a text label (a region, a type of incubator); formulas compare it with labels only
};

// One column of the data each entity reports.
struct Field {
  std::string id;    // identifier used in formulas and CSV headers
  std::string name;  // the source document's name, e.g. 众创空间总收入
  std::string unit;  // e.g. 万元, 个, 人; may be empty
  FieldKind kind = FieldKind::kNumber;
  std::optional<double> min;  // smallest acceptable value, if any
  std::optional<double> max;  // largest acceptable value, if any
  std::string section;        // the form section it belongs to, e.g. （三）服务能力
  std::string description;
};

// One named level of an expert-rating scale, e.g. 优 earning 100% of the points.
struct ScaleLevel {
  std::string label;
  double fraction = 0;  // share of the indicator's points, in [0, 1]
};

// One band of a banded scale: a label and the points it spans, e.g. 好 31-40.
struct ScaleBand {
  std::string label;
  double low = 0;
  double high = 0;
};

// How experts rate a qualitative indicator: named levels; a numeric range
// (a rating r earns (r - min) / (max - min) of the points); or bands of
// points (a rating is points within a band, or a band's label for its
// midpoint, and earns points / the highest band's top).
struct Scale {
  std::string id;
  std::string name;
  std::vector<ScaleLevel> levels;  // non-empty for a level scale
  std::optional<double> min;       // set (with max) for a numeric scale
  std::optional<double> max;
  std::vector<ScaleBand> bands;  // non-empty for a banded scale
  std::string description;
};

// An expert of the panel, with the authority that weighs their ratings.
struct Expert {
  std::string id;
  std::string name;
  double authority = 1;  // e.g. Cr = (Ca + Cs) / 2 from the Delphi consultation
};

// Whether larger raw values are better.
enum class Direction { kHigher, kLower };

// One band of the `bands` method: a value of at least `min` (or, for
// lower-is-better, at most `max`) earns `score` of the points.
struct Band {
  std::optional<double> min;
  std::optional<double> max;
  double score = 0;
};

// How a quantitative indicator's value becomes a score (the share of its
// points earned, in [0, 1] for every method except zscore and efficacy
// without clamping).
struct ScoreSpec {
  std::string method;  // a name from the method registry (methods.h)
  Direction direction = Direction::kHigher;
  std::map<std::string, double> params;  // number and true/false parameters (true is 1)
  std::vector<Band> bands;               // the `bands` parameter, in order
  // The parameters written with a percent sign (`benchmark: 80%`, read as 0.8), "bands" for a band bound:
  // checked against a value in percent points (a field with unit "%"), where 80% would mean 0.8 points.
  std::set<std::string> written_as_percent;
};

// How several experts' ratings of one item are combined.
enum class Combine {
  kMean,
  kMedian,
  kTrimmedMean,   // drop one highest and one lowest rating, then the mean
  kWeightedMean,  // the mean weighted by each expert's authority (RuleSet::experts)
};

// How a qualitative indicator is rated.
struct RatedSpec {
  std::string scale;  // id of a Scale in the rule set
  Combine combine = Combine::kMean;
  int min_ratings = 1;           // fewer ratings than this leave the item missing
  std::optional<double> max_cv;  // flag an item whose ratings' coefficient of variation exceeds this
};

// What a data cell that cannot be used (not a number, outside its field's
// bounds, not a whole count) does.
enum class BadCells {
  kError,     // the data file is refused, every such cell listed
  kSetAside,  // the cell counts as missing; its entity is scored but not ranked or graded
};

// `report:` (or a file given with --report-info): what an issued report says of itself, in place of the
// rule file's title and source. Every key is optional text.
struct ReportInfo {
  std::string title;   // 报告标题, e.g. 2019年度广西众创空间绩效评价结果
  std::string issuer;  // 发布单位, e.g. 广西壮族自治区科学技术厅
  std::string year;    // 评价年度, e.g. 2019
  std::string date;    // 发布日期, e.g. 2020年6月30日
  std::string note;    // 说明: one paragraph under the title
};

// What screening leaves an entity out of the cohort for (COINr's Screen(unit_screen = ...)).
enum class ScreenBy {
  kMissing,         // too few of its indicators have a value ("byNA")
  kZeros,           // too few of those with a value are other than 0 ("byzeros")
  kMissingOrZeros,  // either ("byNAandzeros")
};

// `screen:`: entities with too little data are left out of the cohort before anything is computed from it
// (imputation, outliers, min-max, data weights, TOPSIS ...), as COINr's Screen() removes units.
struct ScreenSpec {
  ScreenBy by = ScreenBy::kMissing;
  double min_available = 2.0 / 3;    // the least share of its indicators with a value (COINr's dat_thresh)
  double min_nonzero = 0.05;         // the least share of those with a value that are not 0 (nonzero_thresh)
  std::vector<std::string> include;  // entity ids kept whatever their data (COINr's Force, Include = TRUE)
  std::vector<std::string> exclude;  // entity ids left out whatever their data (Include = FALSE)
};

enum class MissingPolicy {
  kError,      // the entity cannot be scored: no total, no rank, no grade
  kZero,       // the indicator earns no points
  kMean,       // use the cohort mean of the values that are present
  kMedian,     // use the cohort median of the values that are present
  kExclude,    // leave it out and share its weight among its present siblings
  kGroupMean,  // use the mean of the entities in the same group (a category field)
};

// How the values of one indicator are treated for outliers before scoring.
enum class OutlierMethod {
  kNone,
  kWinsorise,  // while |skew| >= skew and kurtosis >= kurtosis, pull the most
               // extreme value in to the next one, up to max_points values;
               // if that does not suffice, log-transform instead (fallback)
  kCap,        // clamp to the cohort's lower and upper percentiles
};

struct OutlierSpec {
  OutlierMethod method = OutlierMethod::kNone;
  double skew = 2;           // |sample skewness| at or above this ...
  double kurtosis = 3.5;     // ... and sample excess kurtosis at or above this mark outliers
  int max_points = 5;        // most values winsorised per indicator ...
  bool per_step = false;     // ... or, as COINr (<= 1.1) counts, in one step:
                             // winsorising goes on until the test passes or
                             // one step moves max_points values
  bool log_fallback = true;  // log-transform when winsorising does not suffice
  double lower = 0.05;       // cap: the percentile values below are raised to
  double upper = 0.95;       // cap: the percentile values above are lowered to
};

// How a group combines its children's scores (weights normalised over the
// children present).
// (kArithmetic: the weighted mean, with point weights the sum of the points; kGeometric, kHarmonic: the
// weighted geometric and harmonic means; kPower: the weighted generalised mean with exponent `power`.)
// Then the aggregations over the whole cohort (cohort_aggregations.def: kTopsis, kVikor, kGrey), which
// compare each entity's children with the cohort's best and worst.
enum class Aggregation {
#define MAKERSCORE_MEAN(kind, word) kind,
#include "makerscore/means.def"
#undef MAKERSCORE_MEAN
#define MAKERSCORE_COHORT_AGGREGATION(kind, word) kind,
#include "makerscore/cohort_aggregations.def"
#undef MAKERSCORE_COHORT_AGGREGATION
};

// The options of a group's aggregation over the cohort (`aggregate: {method: vikor, v: 0.3}`), each
// declared by the aggregation (src/cohort/); unset ones take the declared defaults.
struct AggregateOptions {
  std::map<std::string, double> numbers;     // e.g. v, rho
  std::map<std::string, std::string> words;  // e.g. normalise: vector, ideal: fixed, over: values
  std::vector<double> reference;             // grey: the reference series, one value per child; empty: the ideal
};

// Weights of a group's children derived rather than stated: from pairwise
// comparisons (AHP) when the rules are loaded, or from the cohort's scores
// (entropy, CRITIC, standard deviation) or equal, when scoring.
// How: kStated (not derived: the children state their weights), or one of weightings.def (kAhp, kEntropy,
// kCritic, kStandardDeviation, kEqual).
enum class WeightsMethod {
  kStated,
#define MAKERSCORE_WEIGHTING(kind, word) kind,
#include "makerscore/weightings.def"
#undef MAKERSCORE_WEIGHTING
};

// The table of random consistency indices an AHP consistency ratio divides by (CR = CI / RI).
enum class RandomIndexTable {
  kSaaty,  // Saaty 1980: 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49 ... for n = 3 ... (most Chinese practice)
  kAlonsoLamata,  // Alonso & Lamata 2006: 0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854 ...
};

// How combined weights (组合赋权) join a subjective weight s_j and an objective weight o_j.
enum class WeightMix {
  kProduct,  // multiplicative, normalised (乘法合成归一化): w_j = s_j o_j / sum_k s_k o_k
  kLinear,   // linear (线性加权): w_j = alpha s_j + (1 - alpha) o_j
};

// The correlation CRITIC weights measure conflict by.
enum class Correlation {
  kPearson,   // of the scores
  kSpearman,  // of their ranks
};

struct DerivedWeights {
  WeightsMethod method = WeightsMethod::kStated;  // kStated only in a rule set the loader refused
  // AHP: one matrix per expert (one for a single judgment), rows and columns
  // in the children's order.
  std::vector<std::vector<std::vector<double>>> matrices;
  bool geometric_mean = false;       // AHP priorities by row geometric means instead of the eigenvector
  bool combine_priorities = false;   // group AHP: combine priorities instead of judgments
  bool accept_inconsistent = false;  // AHP: accept a consistency ratio of 0.1 or more
  RandomIndexTable random_index = RandomIndexTable::kSaaty;  // AHP: the RI table of the consistency ratio
  Correlation correlation = Correlation::kPearson;           // CRITIC
  bool correlation_given = false;                            // `correlation:` was written (only for CRITIC)
  // Combined weights (kCombined): the subjective weights are AHP's from `matrices`, or without them the
  // children's stated weights; objective is the weighting of the cohort's scores (entropy, CRITIC ...);
  // mix how the two join; alpha the subjective share of a linear mix (NaN: not given).
  WeightsMethod objective = WeightsMethod::kStated;  // kStated: not given
  std::optional<WeightMix> mix;
  double alpha = std::numeric_limits<double>::quiet_NaN();
  // Data weightings (`over: values`): from the children's values (after imputation and outliers) rather
  // than their scores, as the papers that introduced entropy, CILOS, IDOCRIW and MEREC weights compute them.
  bool over_values = false;
};

// A node of the indicator tree. A node with children is a group; a leaf is
// either quantitative (value + score) or qualitative (rated).
struct Indicator {
  std::string id;     // unique in the rule set, e.g. "3.1"
  std::string name;   // the source document's name
  double weight = 0;  // points, or a relative weight (see RuleSet::weighting)
  // Weights by class of entity (RuleSet::classes); when non-empty they
  // replace `weight`: label -> weight (0: the indicator does not apply).
  std::map<std::string, double> class_weights;
  std::string description;
  std::string value;                                 // formula (quantitative leaves)
  std::optional<ScoreSpec> score;                    // quantitative leaves
  std::optional<RatedSpec> rated;                    // qualitative leaves
  std::optional<MissingPolicy> missing;              // unset: the rule set's default
  std::string missing_group;                         // group field for kGroupMean; "": the rule set's
  std::optional<OutlierSpec> outliers;               // unset: the rule set's
  Aggregation aggregate = Aggregation::kArithmetic;  // groups only
  std::optional<DerivedWeights> weights;             // groups only: derive the children's weights
  double power = 1;                                  // exponent of kPower
  AggregateOptions aggregate_options;                // groups aggregated over the cohort
  std::vector<Indicator> children;

  bool is_leaf() const { return children.empty(); }
};

// How a share of the ranked entities (`top: 20%`) becomes a number of places when it is not whole (20% of
// 13 is 2.6 places).
enum class PlacesRounding {
  kDown,     // 2 places
  kNearest,  // 3 places (halves up)
  kUp,       // 3 places
};

// A grade and what earns it. Grades are listed best first; an entity gets
// the first whose conditions it meets (a grade without conditions takes
// everyone left).
struct Grade {
  std::string label;                    // the rule file's own label: 优, A, 合格 ...
  std::optional<double> min;            // the total must reach this
  std::optional<double> top;            // and the rank lie within this share of the cohort (0.2: top 20%)
  std::optional<int> rank;              // and the rank be at most this (the first N)
  std::optional<PlacesRounding> round;  // how `top` becomes places; unstated: down, with a warning when it matters
  // 直接认定: a formula; an entity for which it holds gets this grade whatever its total and rank (the
  // first such grade in file order), and leaves the base that `top` counts. With `min`, `top` or `rank`
  // too, the grade is also given by the total to the others; without, only directly.
  std::string when;
  bool by_veto_only = false;  // given only by a veto's `grade` (or `when`), never by the total

  // True when the total can earn this grade (not only a veto or its `when`).
  bool by_total() const { return !by_veto_only && (when.empty() || min || top || rank); }
};

// Classes of entities scored with different weights, told apart by a
// category field (e.g. 综合孵化器 and 专业孵化器).
struct Classes {
  std::string field;                // a category field
  std::vector<std::string> labels;  // its values, each a class
};

// A bonus (加分项) or deduction (扣分项) item: points outside the indicator tree.
struct Adjustment {
  std::string id;
  std::string name;
  std::string value;          // formula giving the points
  std::optional<double> max;  // this item gives at most this many points
  std::string description;
};

// All bonus or all deduction items, with an overall cap.
struct Adjustments {
  std::vector<Adjustment> items;
  std::optional<double> max;  // all items together at most this many points
  bool within_total = false;  // bonus only: the total may not exceed RuleSet::total
};

// 一票否决: a condition that, when true, forces a grade or excludes the
// entity from ranking and grading, reported with its reason.
// What a veto does for an entity whose condition cannot be decided (an input it needs is missing, and
// the rest of the condition does not settle it: `true or missing` is true, `false and missing` false).
enum class VetoIfMissing {
  kError,    // scoring stops, naming the entities and the inputs they lack (the default)
  kApplies,  // the veto applies (the cautious reading of 一票否决)
  kPasses,   // the veto does not apply
};

struct Veto {
  std::string id;
  std::string name;   // the reason, in the rule file's words
  std::string when;   // formula; true (non-zero) triggers the veto
  std::string grade;  // the grade forced, or ""
  bool exclude = false;
  VetoIfMissing if_missing = VetoIfMissing::kError;
  std::string description;
};

// A consistency rule that a filled-in report must satisfy, e.g.
// "income_service + income_investment <= income_total".
struct Check {
  std::string id;
  std::string name;
  std::string rule;      // a comparison: formula (== != < <= > >=) formula
  double tolerance = 0;  // allowed absolute difference for == and the inequalities
  std::string description;
};

// The language of explanations (explain, the report's 计分过程 and its rank
// stability sentence): `language: zh` or `en` in the rule file.
enum class Language {
  kEnglish,  // en (the default of a rule file without the key)
  kChinese,  // zh
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

// What may vary in an uncertainty or sensitivity analysis (`uncertainty:`).
// Each entry is one uncertain input; a replication draws one value of each.
struct UncertainInputs {
  int replications = 1000;
  std::uint64_t seed = 1;
  // Weights: each child's share within its group is multiplied by a factor
  // drawn around 1 (uniform within +-noise, or Dirichlet-like: gamma with
  // shape concentration x share), then the group's shares are renormalised.
  // noise 0 and no Dirichlet: the weights do not vary.
  double weight_noise = 0;
  bool dirichlet = false;
  double concentration = 100;
  std::vector<std::string> weight_groups;  // ids of the groups whose children vary ("" = the root); empty: all
  // Alternative scoring methods of a quantitative indicator.
  struct Methods {
    std::string indicator;
    std::vector<ScoreSpec> alternatives;
  };
  std::vector<Methods> methods;
  // Alternative means of a group.
  struct Aggregations {
    std::string indicator;
    std::vector<Aggregation> alternatives;
  };
  std::vector<Aggregations> aggregations;
  std::vector<MissingPolicy> missing;  // alternatives for the rule set's default missing policy
  std::vector<int> winsorisation;      // alternatives for the outliers' max_points
  // The expert panel: as it is, resampled with replacement (bootstrap), or
  // with one expert left out in turn.
  enum class Panel { kFixed, kBootstrap, kLeaveOneOut };
  Panel panel = Panel::kFixed;
};

// A complete rule file.
struct RuleSet {
  int format = 1;  // the version of the rule format
  std::string id;
  std::string title;
  std::string source;  // the document the rules are based on
  std::string description;
  std::string weights_file;  // the weights file whose weights replaced the stated ones (--weights), or ""
  Weighting weighting = Weighting::kPoints;
  Language language = Language::kEnglish;        // `language:` of explanations
  double total = 100;                            // points of the whole tree
  std::string id_column = "id";                  // CSV column holding entity ids
  std::string name_column = "name";              // CSV column holding entity names (optional in data)
  MissingPolicy missing = MissingPolicy::kZero;  // default for every indicator
  std::string missing_group;                     // default group field for kGroupMean
  BadCells bad_cells = BadCells::kError;
  std::optional<ScreenSpec> screen;     // `screen:`: entities left out for want of data
  std::optional<ReportInfo> report;     // `report:`: the issued report's title, issuer, year, date, note
  std::optional<OutlierSpec> outliers;  // default outlier treatment
  std::optional<Classes> classes;
  std::optional<DerivedWeights> weights;  // derive the first level's weights
  std::vector<Field> fields;
  std::vector<Scale> scales;
  std::vector<Expert> experts;        // when given, ratings by anyone else are errors
  std::vector<Indicator> indicators;  // the first level of the tree
  std::vector<Grade> grades;          // best first
  // Points within which a total counts as near a grade's cut-off (GradeMargin::near); unset: 1% of `total`.
  std::optional<double> boundary_margin;
  Adjustments bonus;
  Adjustments deductions;
  std::vector<Veto> vetoes;
  std::vector<Check> checks;
  std::optional<UncertainInputs> uncertainty;  // `uncertainty:`: inputs of the uncertainty analysis
  SourceMap source_map;                        // empty for a rule set built in code

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
const char* ToString(BadCells bad_cells);
const char* ToString(ScreenBy by);  // "missing", "zeros", "missing_or_zeros"
const char* ToString(VetoIfMissing if_missing);
const char* ToString(PlacesRounding rounding);
const char* ToString(RandomIndexTable table);   // "saaty", "alonso_lamata"
const char* ToString(Correlation correlation);  // "pearson", "spearman"
const char* ToString(Weighting weighting);
const char* ToString(Language language);
const char* ToString(Aggregation aggregation);
const char* ToString(OutlierMethod method);
const char* ToString(WeightMix mix);         // "product", "linear"
const char* ToString(WeightsMethod method);  // "ahp", "entropy" ...; "stated" for kStated
const char* ToString(UncertainInputs::Panel panel);

}  // namespace makerscore

#endif  // MAKERSCORE_RULES_H_
