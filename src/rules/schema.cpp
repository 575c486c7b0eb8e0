// The rule-file schema: one table of every key (see makerscore/schema.h).
#include "makerscore/schema.h"

#include <algorithm>
#include <deque>
#include <map>
#include <sstream>

#include "cohort/cohort.h"
#include "makerscore/methods.h"
#include "means/mean.h"
#include "rules/words.h"
#include "weights/weighting.h"

namespace makerscore {

using detail::Allowed;
using detail::MeansWithoutParameters;

namespace {

// Every entry of a registry described by its own summary, joined by separator; each led by "`word`: "
// when named (a mean's summary names the mean itself: "`geometric`").
template <typename E, typename Def>
std::string Summaries(const Def& (*of)(E), const char* separator, bool named) {
  std::string out;
  for (const auto& [value, word] : detail::Words(E{})) {
    if (!out.empty()) out += separator;
    out += (named ? "`" + std::string(word) + "`: " : std::string()) + of(value).summary;
  }
  return out;
}

// The means' summaries, then the aggregations' over the cohort.
std::string MeanSummaries() {
  std::string out;
  for (const auto& [kind, word] : detail::Words(Aggregation{})) {
    if (detail::CohortAggregationOf(kind)) continue;
    out += (out.empty() ? "" : ", ") + std::string(detail::MeanOf(kind).summary);
  }
  return out;
}
std::string CohortSummaries() {
  std::string out;
  for (const auto& [kind, word] : detail::Words(Aggregation{})) {
    if (const auto* def = detail::CohortAggregationOf(kind))
      out += (out.empty() ? "" : "; ") + std::string(def->summary);
  }
  return out;
}

// The keys of `aggregate: {method: ..., ...}`: the method, then every option an aggregation over the
// cohort declares (cohort/cohort.h), documented by each aggregation that takes it.
std::vector<KeyInfo> WithAggregateKeys(std::vector<KeyInfo> keys) {
  static std::deque<std::string> text;  // the generated words, alive as long as the table
  keys.push_back({"aggregate", "method", KeyType::kString, true, "", Allowed<Aggregation>(),
                  "The aggregation: a mean or one of the aggregations over the cohort (see `aggregate` of an "
                  "indicator)."});
  std::vector<std::string> names;
  for (const auto& [kind, word] : detail::Words(Aggregation{})) {
    if (const auto* def = detail::CohortAggregationOf(kind)) {
      for (const auto& o : def->options) {
        if (std::find(names.begin(), names.end(), o.name) == names.end()) names.push_back(o.name);
      }
    }
  }
  for (const std::string& name : names) {
    std::string doc, allowed;
    std::vector<std::pair<std::string, std::string>> docs;  // the aggregations taking it, and what it means
    const detail::CohortOption* first = nullptr;
    for (const auto& [kind, word] : detail::Words(Aggregation{})) {
      const auto* def = detail::CohortAggregationOf(kind);
      if (!def) continue;
      for (const auto& o : def->options) {
        if (name != o.name) continue;
        if (!first) first = &o;
        std::string dflt = o.kind == detail::CohortOption::kWord     ? std::string(o.default_word)
                           : o.kind == detail::CohortOption::kNumber ? (std::ostringstream() << o.default_number).str()
                                                                     : std::string();
        const std::string text = o.doc + (dflt.empty() ? "" : " Default " + dflt + ".");
        auto same = std::find_if(docs.begin(), docs.end(), [&](const auto& d) { return d.second == text; });
        if (same != docs.end()) {
          same->first += ", `" + std::string(word) + "`";
        } else {
          docs.push_back({"`" + std::string(word) + "`", text});
        }
        for (const char* w : o.words) {
          if (("|" + allowed + "|").find("|" + std::string(w) + "|") == std::string::npos) {
            allowed += (allowed.empty() ? "" : "|") + std::string(w);
          }
        }
      }
    }
    for (const auto& [words, text] : docs) doc += (doc.empty() ? "" : " ") + words + ": " + text;
    const KeyType type = first->kind == detail::CohortOption::kNumber ? KeyType::kNumber
                         : first->kind == detail::CohortOption::kList ? KeyType::kList
                                                                      : KeyType::kString;
    text.push_back(name);
    const char* key = text.back().c_str();
    text.push_back(allowed);
    keys.push_back({"aggregate", key, type, false, "", text.back().c_str(), doc});
  }
  return keys;
}

}  // namespace

const std::vector<SectionInfo>& RuleSections() {
  static const std::vector<SectionInfo> kSections = {
      {"rules", "the top level of the file", "The rule set: what it is, where it comes from, and its parts."},
      {"entity", "`entity:`", "Which CSV columns identify an entity (a makerspace)."},
      {"field", "each item of `fields:`", "One number each entity reports (a column of the data)."},
      {"scale", "each value of `scales:` (a map from scale id to scale)",
       "How experts rate a qualitative indicator: named levels, or a numeric range."},
      {"indicator", "each item of `indicators:` and of `children:`",
       "A node of the indicator tree. A node with `children` is a group; a leaf has either "
       "`value` and `score` (quantitative) or `rated` (qualitative)."},
      {"aggregate", "`aggregate:` of a group, written as a map",
       "An aggregation over the cohort with its options. Children that have no score for an entity are left "
       "out of its comparison, and the weights of the others are scaled to add up; the cohort's best and "
       "worst of a child are taken over the entities it counts for. The uncertainty analysis can vary a "
       "group's aggregation among these (section aggregation_alternatives), each with its default options."},
      {"score", "`score:` of a quantitative indicator",
       "How the indicator's value becomes a score in [0, 1], the share of its points earned. "
       "Besides the keys below, each method takes its own parameters (see Scoring methods)."},
      {"rated", "`rated:` of a qualitative indicator", "How experts' ratings become a score."},
      {"report", "`report:` at the top level, or a file of these keys given with `--report-info`",
       "The issuer's page of an HTML report: it replaces the rule file's title and source in the report's "
       "header. The rule file can hold one; a department issuing results each year gives its own file."},
      {"screen", "`screen:` at the top level",
       "Screening by data availability (COINr's Screen()): the entities with too little data are left out of "
       "the cohort before scoring, so that they move no cohort figure (imputation, outliers, min-max, data "
       "weights, TOPSIS ...); every output lists them with their share of data. Scoring then costs two passes "
       "over the data."},
      {"outliers", "`outliers:` at the top level (all indicators) or of a quantitative indicator",
       "How values are treated for outliers after imputation and before scoring."},
      {"weights", "`weights:` of a group, or at the top level for the first level",
       "Derive the children's weights instead of stating them (the children then give no `weight`, but for "
       "`combined` without a `matrix`, whose subjective half they state): from "
       "pairwise comparisons (AHP), or from the cohort's scores when scoring (entropy, CRITIC, standard "
       "deviation, MEREC, CILOS, IDOCRIW), or equal, or both joined (`combined`: AHP's or the stated weights "
       "with an objective weighting). With point weights the group's points are shared by the derived "
       "weights."},
      {"classes", "`classes:`",
       "Classes of entities scored with different weights, told apart by a category field; an indicator "
       "then gives `weight: {label: points, ...}` for each class."},
      {"adjustments", "`bonus:` and `deductions:`",
       "Bonus (加分项) or deduction (扣分项) items: points outside the indicator tree, added to or taken "
       "from the total, each capped and all together capped."},
      {"adjustment", "each item of `items:` of `bonus:` or `deductions:`", "One bonus or deduction item."},
      {"veto", "each item of `vetoes:`",
       "一票否决: a condition that forces a grade or excludes the entity from ranking and grading, "
       "reported with its reason. `and`, `or` and `not` follow three-valued logic: `true or missing` is "
       "true and `false and missing` is false, so a missing input matters only where it could change the "
       "answer; `if_missing` says what a condition that still cannot be decided means."},
      {"expert", "each item of `experts:`", "An expert of the rating panel."},
      {"grade", "each item of `grades:`, best first",
       "A grade and what earns it. An entity gets the first grade, in file order, whose conditions it "
       "meets: its total reaches `min` and its rank lies within the best `top` share of the ranked "
       "entities (rank <= top x their number). A grade without conditions takes everyone left; an entity "
       "meeting none gets no grade."},
      {"uncertainty", "`uncertainty:`",
       "What may vary in `makerscore uncertainty` and `makerscore sensitivity`: each entry is one "
       "uncertain input, and every replication draws one value of each (see docs/uncertainty.md). The "
       "scoring itself ignores this section."},
      {"uncertain_weights", "`weights:` of `uncertainty:`",
       "How the weights vary: each child's share within its group is multiplied by a random factor around "
       "1, then the group's shares are scaled to add up again."},
      {"method_alternatives", "each item of `methods:` of `uncertainty:`",
       "Alternative scoring methods of one quantitative indicator, one of which each replication uses."},
      {"aggregation_alternatives", "each item of `aggregation:` of `uncertainty:`", "Alternative means of one group."},
      {"check", "each item of `checks:`",
       "A consistency rule a filled-in report must satisfy (checked by `makerscore validate`)."},
  };
  return kSections;
}

const std::vector<KeyInfo>& RuleKeys() {
  using T = KeyType;
  static const std::vector<KeyInfo> kKeys = WithAggregateKeys({
      // section, key, type, required, default, allowed, doc
      {"rules", "format", T::kString, true, "", "",
       "The rule-format version: `makerscore/1`. Files of another version are refused with a clear message."},
      {"rules", "id", T::kString, true, "", "", "A short identifier of the rule set, e.g. guangxi-makerspace-2019."},
      {"rules", "title", T::kString, true, "", "", "The title of the indicator system, as its source gives it."},
      {"rules", "source", T::kString, false, "", "", "The document the rules are based on."},
      {"rules", "description", T::kString, false, "", "", "Free text for readers; not used in scoring."},
      {"rules", "weighting", T::kString, false, "points", Allowed<Weighting>(),
       "`points`: weights are points and the children of a group add up to the group's points; "
       "`relative`: weights are relative and normalised within each group."},
      {"rules", "total", T::kNumber, false, "100", "",
       "Points of the whole tree. With `weighting: points` the first-level weights must add up to it."},
      {"rules", "entity", T::kMap, false, "", "", "Names of the id and name columns of the data (section entity)."},
      {"rules", "missing", T::kString, false, "zero", Allowed<MissingPolicy>(),
       "What an indicator earns when its value cannot be computed, unless the indicator says otherwise: "
       "`error` leaves the entity without a total; `zero` gives no points; `mean`/`median` use the cohort's; "
       "`group_mean` the mean of the entity's group (`missing_group`), or the cohort's when the group has none; "
       "`exclude` shares the indicator's weight among its present siblings."},
      {"rules", "bad_cells", T::kString, false, "error", Allowed<BadCells>(),
       "What a data cell that cannot be used does (text where a number belongs, a value outside its field's "
       "bounds, a count that is not whole): `error` refuses the data file, listing every such cell; "
       "`set_aside` counts the cell as missing, scores the rest of the cohort, and leaves that entity "
       "unranked and ungraded with the cell named in every output."},
      {"rules", "missing_group", T::kString, false, "", "",
       "The category field whose groups `missing: group_mean` averages within (e.g. a region)."},
      {"rules", "report", T::kMap, false, "", "",
       "What an issued report says of itself: its title, issuing department, evaluation year, date and a note "
       "(section report); `makerscore report --report-info FILE` gives them in a file of their own."},
      {"rules", "language", T::kString, false, "en", Allowed<Language>(),
       "The language of explanations: `makerscore explain`, the report's 计分过程 (how each indicator became "
       "points) and its rank-stability sentence. `zh` words them in Chinese, in the source document's terms "
       "(一级指标, 定性指标, 专家评分 ...); `en` in English. `makerscore explain --language` overrides it."},
      {"rules", "boundary_margin", T::kNumber, false, "1% of total", "",
       "Points within which a total is flagged as near a grade's cut-off (in explanations, tables, CSV, JSON, the "
       "workbook, the report and Python), e.g. `1` for one point of 100."},
      {"rules", "screen", T::kMap, false, "", "",
       "Leave out of the cohort the entities with too little data, before anything is computed from it "
       "(section screen)."},
      {"rules", "outliers", T::kMap, false, "", "",
       "Outlier treatment of every quantitative indicator (section outliers)."},
      {"rules", "classes", T::kMap, false, "", "", "Classes of entities with their own weights (section classes)."},
      {"rules", "bonus", T::kMap, false, "", "", "Bonus items (section adjustments)."},
      {"rules", "deductions", T::kMap, false, "", "", "Deduction items (section adjustments)."},
      {"rules", "vetoes", T::kList, false, "", "", "Vetoes, 一票否决 (section veto)."},
      {"rules", "weights", T::kMap, false, "", "", "Derive the first level's weights (section weights)."},
      {"rules", "experts", T::kList, false, "", "",
       "The panel (section expert); when given, a rating by anyone else is an error naming its row."},
      {"rules", "fields", T::kList, true, "", "", "The data fields (section field)."},
      {"rules", "scales", T::kMap, false, "", "", "Expert-rating scales by id (section scale)."},
      {"rules", "indicators", T::kList, false, "", "",
       "The first level of the indicator tree (section indicator). A file without indicators is a "
       "data dictionary (a report form) that can still hold checks."},
      {"rules", "grades", T::kList, false, "", "", "Grades by minimum total (section grade)."},
      {"rules", "checks", T::kList, false, "", "", "Consistency rules for reported data (section check)."},
      {"rules", "uncertainty", T::kMap, false, "", "",
       "The uncertain inputs of an uncertainty or sensitivity analysis (section uncertainty)."},

      {"uncertainty", "replications", T::kInteger, false, "1000", "", "How many replications to run."},
      {"uncertainty", "seed", T::kInteger, false, "1", "",
       "The random seed: the same seed gives the same results, bit for bit, on any number of threads."},
      {"uncertainty", "weights", T::kMap, false, "", "", "Vary the weights (section uncertain_weights)."},
      {"uncertainty", "methods", T::kList, false, "", "",
       "Alternative scoring methods of indicators (section method_alternatives)."},
      {"uncertainty", "aggregation", T::kList, false, "", "",
       "Alternative means of groups (section aggregation_alternatives)."},
      {"uncertainty", "missing", T::kList, false, "", Allowed<MissingPolicy>(),
       "Alternatives for the rule set's `missing` policy, e.g. `[zero, mean, median]`."},
      {"uncertainty", "winsorisation", T::kList, false, "", "",
       "Alternatives for the outliers' `max_points`, e.g. `[1, 3, 5]` (the rule set needs `outliers:`)."},
      {"uncertainty", "experts", T::kString, false, "fixed", Allowed<UncertainInputs::Panel>(),
       "The expert panel: as it is; resampled with replacement; or with one expert left out in turn."},

      {"uncertain_weights", "noise", T::kNumber, false, "0.25", "",
       "With `distribution: uniform`, each factor lies within 1 +- noise (0.25: +-25%)."},
      {"uncertain_weights", "distribution", T::kString, false, "uniform", "uniform|dirichlet",
       "`uniform` factors, or `dirichlet`: the shares of a group are drawn from a Dirichlet distribution "
       "centred on the stated shares."},
      {"uncertain_weights", "concentration", T::kNumber, false, "100", "",
       "`dirichlet`: how tightly the shares stay near the stated ones (larger: closer)."},
      {"uncertain_weights", "indicators", T::kList, false, "all groups", "",
       "The groups whose children's weights vary (`\"\"` names the first level)."},

      {"method_alternatives", "indicator", T::kString, true, "", "", "The id of a quantitative indicator."},
      {"method_alternatives", "alternatives", T::kList, true, "", "",
       "Score specs as under `score:` (section score), e.g. `[{method: minmax}, {method: percentile}]`; "
       "the indicator's own method need not be among them."},

      {"aggregation_alternatives", "indicator", T::kString, true, "", "", "The id of a group."},
      {"aggregation_alternatives", "alternatives", T::kList, true, "", MeansWithoutParameters(),
       "The means to choose from, e.g. `[arithmetic, geometric]`."},

      {"entity", "id", T::kString, false, "id", "", "The column holding each entity's unique id."},
      {"entity", "name", T::kString, false, "name", "",
       "The column holding each entity's name (optional in the data)."},

      {"field", "id", T::kString, true, "", "",
       "Identifier used in formulas and as a CSV header: letters, digits and `_`, not starting with a digit."},
      {"field", "name", T::kString, true, "", "", "The source document's name; also accepted as a CSV header."},
      {"field", "unit", T::kString, false, "", "", "Unit of measure, e.g. 万元, 个, 人, 平米."},
      {"field", "kind", T::kString, false, "number", Allowed<FieldKind>(),
       "`count`: whole numbers >= 0; `amount`: money; `share`: a proportion (0.25 is 25%); "
       "`flag`: 0 or 1; `number`: any real number; `category`: a text label (a region, a class), for "
       "groups and classes, and compared with labels in formulas (type == \"专业化众创空间\")."},
      {"field", "min", T::kNumber, false, "", "",
       "Smallest acceptable value; smaller values are refused when data is read."},
      {"field", "max", T::kNumber, false, "", "", "Largest acceptable value."},
      {"field", "section", T::kString, false, "", "", "The part of the report form the field belongs to."},
      {"field", "description", T::kString, false, "", "", "Free text for readers; not used in scoring."},

      {"scale", "name", T::kString, false, "", "", "A readable name."},
      {"scale", "levels", T::kMap, false, "", "",
       "Level label -> share of the points it earns, in [0, 1], e.g. `{优: 1.0, 良: 0.8}`. "
       "Give either `levels` or `min` and `max`."},
      {"scale", "bands", T::kMap, false, "", "",
       "Band label -> [lowest, highest] points, e.g. `{好: [31, 40], 较好: [21, 30]}`: a rating is points within "
       "a band, or a band's label (for its midpoint), and earns points / the top band's highest."},
      {"scale", "min", T::kNumber, false, "", "", "Lowest rating of a numeric scale; earns 0."},
      {"scale", "max", T::kNumber, false, "", "", "Highest rating of a numeric scale; earns full points."},
      {"scale", "description", T::kString, false, "", "", "Free text for readers; not used in scoring."},

      {"indicator", "id", T::kString, true, "", "", "Unique id, e.g. `\"3.1\"` (quote numbers-like ids)."},
      {"indicator", "name", T::kString, true, "", "", "The source document's name of the indicator."},
      {"indicator", "weight", T::kNumberOrMap, false, "", "",
       "Points (or relative weight); must be > 0; required unless the parent derives its children's weights "
       "(`weights:`). With `classes`, a map from class label to weight (0 where the indicator does not apply "
       "to a class)."},
      {"indicator", "weights", T::kMap, false, "", "", "Derive the children's weights (section weights)."},
      {"indicator", "description", T::kString, false, "", "", "The source's explanation of the indicator."},
      {"indicator", "value", T::kString, false, "", "",
       "Formula of a quantitative indicator over field ids (see Formulas)."},
      {"indicator", "score", T::kMap, false, "", "", "Scoring of a quantitative indicator (section score)."},
      {"indicator", "rated", T::kMap, false, "", "", "Expert rating of a qualitative indicator (section rated)."},
      {"indicator", "missing", T::kString, false, "the rule set's", Allowed<MissingPolicy>(),
       "Missing-data policy for this indicator (see the top-level `missing`)."},
      {"indicator", "missing_group", T::kString, false, "the rule set's", "",
       "The category field for `missing: group_mean`."},
      {"indicator", "outliers", T::kMap, false, "the rule set's", "",
       "Outlier treatment of this quantitative indicator (section outliers); `{method: none}` turns it off."},
      {"indicator", "aggregate", T::kStringOrMap, false, "arithmetic", Allowed<Aggregation>(),
       "How a group combines its children's scores: " + MeanSummaries() +
           ". Only `arithmetic` keeps children's points adding up to the group's. Or over the whole cohort at "
           "once (the distance-based TOPSIS, VIKOR and grey compare each entity's children with the cohort's "
           "best and worst, so a score depends on the others, as with min-max scoring), written "
           "`aggregate: topsis` or with options as a map "
           "`aggregate: {method: vikor, v: 0.3}` (section aggregate): " +
           CohortSummaries() + "."},
      {"indicator", "power", T::kNumber, false, "1", "", "The exponent of `aggregate: power`; not 0."},
      {"indicator", "children", T::kList, false, "", "", "Sub-indicators (section indicator)."},

      {"score", "method", T::kString, true, "", "", "A scoring method (see Scoring methods)."},
      {"score", "direction", T::kString, false, "higher", Allowed<Direction>(), "Whether larger values are better."},

      {"rated", "scale", T::kString, true, "", "", "The id of a scale in `scales:`."},
      {"rated", "combine", T::kString, false, "mean", Allowed<Combine>(),
       "How experts' ratings are combined; `trimmed_mean` drops one highest and one lowest rating; "
       "`weighted_mean` weighs each by the expert's `authority` (section expert)."},
      {"rated", "max_cv", T::kNumber, false, "", "",
       "Flag (`disagreement`) an item whose ratings' coefficient of variation (SD / mean of the shares) exceeds this."},
      {"rated", "min_ratings", T::kInteger, false, "1", "",
       "Fewer ratings than this leave the item missing (then the missing policy applies). "
       "At least 3 with `trimmed_mean`."},

      {"report", "title", T::kString, false, "the rule file's title", "",
       "The report's title, e.g. `2019年度广西众创空间绩效评价结果`."},
      {"report", "issuer", T::kString, false, "", "", "The issuing department, e.g. `广西壮族自治区科学技术厅`."},
      {"report", "year", T::kString, false, "", "", "The evaluation year, e.g. `2019`."},
      {"report", "date", T::kString, false, "", "", "The date of issue, e.g. `2020年6月30日`."},
      {"report", "note", T::kString, false, "", "", "A paragraph under the title (what the results are for)."},

      {"screen", "by", T::kString, false, "missing", Allowed<ScreenBy>(),
       "What leaves an entity out: `missing`, a share of its indicators with a value below `min_available` "
       "(COINr's `unit_screen = \"byNA\"`); `zeros`, a share of those values other than 0 below "
       "`min_nonzero` (`\"byzeros\"`); `missing_or_zeros`, either (`\"byNAandzeros\"`)."},
      {"screen", "min_available", T::kNumber, false, "2/3", "",
       "The least share of its indicators an entity must have a value for, as reported (before any "
       "imputation), e.g. `90%`: 44 of 49 is 89.8% and is left out. An indicator weighted 0 for the entity's "
       "class does not count. COINr's `dat_thresh`."},
      {"screen", "min_nonzero", T::kNumber, false, "5%", "",
       "The least share of the values an entity has that must be other than 0. COINr's `nonzero_thresh`."},
      {"screen", "include", T::kList, false, "", "",
       "Entity ids kept whatever their data (COINr's `Force` with `Include = TRUE`)."},
      {"screen", "exclude", T::kList, false, "", "",
       "Entity ids left out whatever their data (`Force` with `Include = FALSE`)."},

      {"outliers", "method", T::kString, true, "", Allowed<OutlierMethod>(),
       "`winsorise`: while |skewness| >= `skew` and kurtosis >= `kurtosis`, the most extreme value (on the "
       "side of the skew) takes the value of the next one, up to `max_points` values; if that does not "
       "bring both under, the original values are log-transformed instead (`fallback: log`). "
       "`cap`: values beyond the `lower` and `upper` percentiles are set to them."},
      {"outliers", "skew", T::kNumber, false, "2", "",
       "Absolute sample skewness (bias-corrected, as Excel's SKEW) at or above which values are treated."},
      {"outliers", "kurtosis", T::kNumber, false, "3.5", "",
       "Sample excess kurtosis (bias-corrected, as Excel's KURT) at or above which values are treated (with the "
       "skew)."},
      {"outliers", "max_points", T::kInteger, false, "5", "", "Most values winsorised per indicator."},
      {"outliers", "count", T::kString, false, "all", "all|last_step",
       "How `max_points` counts: `all` values winsorised (the usual reading), or only those of the last step, "
       "as COINr up to version 1.1 does: it goes on winsorising until the test passes unless one step moves "
       "`max_points` tied values. `last_step` reproduces COINr's published results."},
      {"outliers", "fallback", T::kString, false, "log", "log|none",
       "When winsorising does not suffice: `log` transforms the original values to log(x - min + 0.01 (max - min)) "
       "(COINr's log_CT); `none` keeps the winsorised values."},
      {"outliers", "lower", T::kNumber, false, "5%", "",
       "`cap`: the lower percentile (type 7, as R and Excel's PERCENTILE)."},
      {"outliers", "upper", T::kNumber, false, "95%", "", "`cap`: the upper percentile."},

      {"weights", "method", T::kString, true, "", Allowed<WeightsMethod>(),
       Summaries<WeightsMethod, detail::WeightingDef>(detail::WeightingOf, "; ", true) + "."},
      {"weights", "matrix", T::kList, false, "", "",
       "AHP: the pairwise comparison matrix, rows and columns in the children's order, e.g. "
       "`[[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]]` (fractions allowed). A comparison not made is `~` on both "
       "sides of the diagonal (an incomplete matrix, e.g. `[[1, 2, ~], [1/2, 1, 3], [~, 1/3, 1]]`), as long as "
       "those made connect every child with the others: it is completed optimally, with the smallest "
       "lambda_max (Bozóki, Fülöp & Rónyai 2010), and the outputs say how many were completed."},
      {"weights", "over", T::kString, false, "scores", "scores|values",
       "Data weightings: weigh the children's scores, or (`values`) their values as reported, after imputation "
       "and outliers, as the papers that introduced them work on the decision matrix: entropy of the values as "
       "they are, CILOS and MEREC with a lower-is-better child as min / x (or x / max), IDOCRIW both (Zavadskas "
       "& Podvezko 2016). For entropy, cilos, idocriw and merec, and combined with one of them; every child "
       "must be a quantitative indicator."},
      {"weights", "matrices", T::kList, false, "", "", "Group AHP: one matrix per expert, instead of `matrix`."},
      {"weights", "priority", T::kString, false, "eigenvector", "eigenvector|geometric_mean",
       "AHP: priorities by the principal eigenvector or by normalised row geometric means; for an incomplete "
       "matrix, the eigenvector of its optimal completion or the logarithmic least squares weights (LLSM, "
       "which the row geometric means are for a complete one). Its CR is the optimal completion's."},
      {"weights", "combine", T::kString, false, "judgments", "judgments|priorities",
       "Group AHP: combine the experts' judgments (element-wise geometric mean) or their priorities."},
      {"weights", "accept_inconsistent", T::kBool, false, "false", "",
       "AHP: accept a consistency ratio CR >= 0.1 (an error otherwise). CR = CI / RI (see `random_index`)."},
      {"weights", "correlation", T::kString, false, "pearson", Allowed<Correlation>(),
       "CRITIC: the correlation that measures how much a child conflicts with the others: `pearson` (of the "
       "scores, as Diakoulaki et al. 1995) or `spearman` (of their ranks)."},
      {"weights", "objective", T::kString, false, "", detail::ObjectiveWeightings(),
       "`combined` (required): the objective weighting, of the cohort's scores, that the subjective weights are joined "
       "with, e.g. `objective: entropy` (its options, such as CRITIC's `correlation`, go beside it)."},
      {"weights", "mix", T::kString, false, "", Allowed<WeightMix>(),
       "`combined` (required): how a child's subjective weight s and objective weight o join: `product` "
       "s o / sum(s o) (乘法合成归一化), or `linear` alpha s + (1 - alpha) o (线性加权, with `alpha`)."},
      {"weights", "alpha", T::kNumber, false, "", "",
       "`combined` with `mix: linear` (required there): the subjective weights' share, 0 to 1 (0.5: equal)."},
      {"weights", "random_index", T::kString, false, "saaty", Allowed<RandomIndexTable>(),
       "AHP: the table of random indices RI: `saaty` (Saaty 1980: 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, "
       "1.49 for 3 to 10 children, as most Chinese practice) or `alonso_lamata` (Alonso & Lamata 2006: "
       "0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854 ...). Outputs name the table."},

      {"classes", "field", T::kString, true, "", "", "The category field that gives each entity's class."},
      {"classes", "labels", T::kList, true, "", "",
       "The classes, as the field's values; an entity with another value is an error."},

      {"adjustments", "items", T::kList, true, "", "", "The items (section adjustment)."},
      {"adjustments", "max", T::kNumber, false, "", "", "All items together give at most this many points."},
      {"adjustments", "within_total", T::kBool, false, "false", "",
       "Bonus only: `true` keeps the total within `total` (加分后不超过满分); `false` lets it exceed."},

      {"adjustment", "id", T::kString, true, "", "", "Unique id of the item."},
      {"adjustment", "name", T::kString, true, "", "", "The item as the source names it."},
      {"adjustment", "value", T::kString, true, "", "",
       "Formula giving the points, e.g. `honours * 1` (1 point per honour); missing counts as 0 points."},
      {"adjustment", "max", T::kNumber, false, "", "", "This item gives at most this many points."},
      {"adjustment", "description", T::kString, false, "", "", "Free text for readers; not used in scoring."},

      {"veto", "id", T::kString, true, "", "", "Unique id of the veto."},
      {"veto", "name", T::kString, true, "", "", "The reason, as reported (e.g. 常驻团队少于10个)."},
      {"veto", "when", T::kString, true, "", "", "Formula; the veto applies where it is true (non-zero)."},
      {"veto", "grade", T::kString, false, "", "", "The grade it forces (a label of `grades`)."},
      {"veto", "exclude", T::kBool, false, "false", "",
       "`true`: the entity keeps its total but gets no rank and no grade. Give `grade` or `exclude`."},
      {"veto", "if_missing", T::kString, false, "error", Allowed<VetoIfMissing>(),
       "When the condition cannot be decided for an entity (an input it needs is missing): `error` stops "
       "the scoring, naming the entities and the inputs they lack, so that a veto never passes unseen; "
       "`applies`: the veto applies; `passes`: it does not."},
      {"veto", "description", T::kString, false, "", "", "Free text for readers; not used in scoring."},

      {"expert", "id", T::kString, true, "", "", "The expert's id, as in the ratings."},
      {"expert", "name", T::kString, false, "", "", "The expert's name."},
      {"expert", "authority", T::kNumber, false, "1", "",
       "Weight of the expert's ratings under `combine: weighted_mean`, e.g. Cr = (Ca + Cs) / 2; > 0."},

      {"grade", "grade", T::kString, true, "", "", "The label: 优, A, 合格 ..."},
      {"grade", "min", T::kNumber, false, "", "", "The total must reach this."},
      {"grade", "rank", T::kInteger, false, "", "",
       "The rank must be at most this: `rank: 1` for the first place, `rank: 3` for the first three (ties "
       "share a rank, so more may qualify)."},
      {"grade", "round", T::kString, false, "down", Allowed<PlacesRounding>(),
       "How `top` becomes a number of places when the share of the ranked entities is not whole (20% of "
       "13 is 2.6): `down` (2), `nearest` (3; halves up) or `up` (3). Unstated, places are counted down and "
       "scoring warns where it mattered."},
      {"grade", "when", T::kString, false, "", "",
       "直接认定: a formula; where it holds, the entity gets this grade whatever its total and rank (the "
       "first such grade in file order), and is not counted in the ranked entities `top` shares out. A "
       "missing value does not hold. With `min`, `top` or `rank` as well, the others can still earn the grade "
       "by their total; without, only `when` gives it. A veto still forces its grade."},
      {"grade", "by_veto_only", T::kBool, false, "false", "",
       "`true`: the grade is given only by a veto's `grade` (or this grade's `when`), never by the total; "
       "it may then stand anywhere in the list."},
      {"grade", "top", T::kNumber, false, "", "",
       "The rank must lie within this share of the ranked entities, e.g. `20%` or `1/6` (rank <= the places "
       "that share gives, see `round`)."},

      {"check", "id", T::kString, true, "", "", "Unique id of the check."},
      {"check", "name", T::kString, false, "", "", "What the check means, in the form's words."},
      {"check", "rule", T::kString, true, "", "",
       "A comparison of two formulas: `a + b <= c`, `x == y` (operators == != < <= > >=)."},
      {"check", "tolerance", T::kNumber, false, "0", "",
       "Allowed absolute difference, for rounding in reported figures."},
      {"check", "description", T::kString, false, "", "", "Free text for readers; not used in scoring."},
  });
  return kKeys;
}

const std::vector<KeyInfo>& KeysOf(const std::string& section) {
  // Asked for every map the loader reads (each field, each indicator): the table is split by section once.
  static const std::map<std::string, std::vector<KeyInfo>> by_section = [] {
    std::map<std::string, std::vector<KeyInfo>> index;
    for (const auto& k : RuleKeys()) index[k.section].push_back(k);
    return index;
  }();
  static const std::vector<KeyInfo> kNone;
  const auto it = by_section.find(section);
  return it == by_section.end() ? kNone : it->second;
}

const char* ToString(KeyType type) {
  switch (type) {
    case KeyType::kString:
      return "text";
    case KeyType::kNumber:
      return "number";
    case KeyType::kInteger:
      return "whole number";
    case KeyType::kBool:
      return "true/false";
    case KeyType::kMap:
      return "map";
    case KeyType::kList:
      return "list";
    case KeyType::kNumberOrMap:
      return "number or map";
    case KeyType::kStringOrMap:
      return "word or map";
  }
  return "?";
}

}  // namespace makerscore
