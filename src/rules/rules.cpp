// Small accessors of the rule-set value types.
#include "makerscore/rules.h"

#include "cohort/cohort.h"
#include "means/mean.h"
#include "rules/words.h"
#include "weights/weighting.h"

namespace makerscore {

SourcePos SourceMap::Find(const std::string& path) const {
  std::string p = path;
  while (true) {
    auto it = positions.find(p);
    if (it != positions.end()) return it->second;
    size_t slash = p.rfind('/');
    if (slash == std::string::npos) return SourcePos{file, 0, 0};
    p.resize(slash);
  }
}

std::string SourceMap::Line(int line) const {
  if (line < 1 || line > static_cast<int>(lines.size())) return "";
  return lines[line - 1];
}

const Field* RuleSet::FindField(const std::string& id) const {
  for (const auto& f : fields) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

const Scale* RuleSet::FindScale(const std::string& id) const {
  for (const auto& s : scales) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

namespace {
const Indicator* FindIn(const std::vector<Indicator>& list, const std::string& id) {
  for (const auto& ind : list) {
    if (ind.id == id) return &ind;
    if (const Indicator* found = FindIn(ind.children, id)) return found;
  }
  return nullptr;
}
}  // namespace

const Indicator* RuleSet::FindIndicator(const std::string& id) const { return FindIn(indicators, id); }

namespace detail {

const WordTable<FieldKind>& Words(FieldKind) {
  static const WordTable<FieldKind> kWords = {{FieldKind::kNumber, "number"}, {FieldKind::kCount, "count"},
                                              {FieldKind::kAmount, "amount"}, {FieldKind::kShare, "share"},
                                              {FieldKind::kFlag, "flag"},     {FieldKind::kCategory, "category"}};
  return kWords;
}

const WordTable<Direction>& Words(Direction) {
  static const WordTable<Direction> kWords = {{Direction::kHigher, "higher"}, {Direction::kLower, "lower"}};
  return kWords;
}

const WordTable<Combine>& Words(Combine) {
  static const WordTable<Combine> kWords = {{Combine::kMean, "mean"},
                                            {Combine::kMedian, "median"},
                                            {Combine::kTrimmedMean, "trimmed_mean"},
                                            {Combine::kWeightedMean, "weighted_mean"}};
  return kWords;
}

const WordTable<MissingPolicy>& Words(MissingPolicy) {
  static const WordTable<MissingPolicy> kWords = {{MissingPolicy::kError, "error"},
                                                  {MissingPolicy::kZero, "zero"},
                                                  {MissingPolicy::kMean, "mean"},
                                                  {MissingPolicy::kMedian, "median"},
                                                  {MissingPolicy::kGroupMean, "group_mean"},
                                                  {MissingPolicy::kExclude, "exclude"}};
  return kWords;
}

const WordTable<VetoIfMissing>& Words(VetoIfMissing) {
  static const WordTable<VetoIfMissing> kWords = {
      {VetoIfMissing::kError, "error"}, {VetoIfMissing::kApplies, "applies"}, {VetoIfMissing::kPasses, "passes"}};
  return kWords;
}

const WordTable<Correlation>& Words(Correlation) {
  static const WordTable<Correlation> kWords = {{Correlation::kPearson, "pearson"},
                                                {Correlation::kSpearman, "spearman"}};
  return kWords;
}

const WordTable<WeightMix>& Words(WeightMix) {
  static const WordTable<WeightMix> kWords = {{WeightMix::kProduct, "product"}, {WeightMix::kLinear, "linear"}};
  return kWords;
}

const WordTable<RandomIndexTable>& Words(RandomIndexTable) {
  static const WordTable<RandomIndexTable> kWords = {{RandomIndexTable::kSaaty, "saaty"},
                                                     {RandomIndexTable::kAlonsoLamata, "alonso_lamata"}};
  return kWords;
}

const WordTable<PlacesRounding>& Words(PlacesRounding) {
  static const WordTable<PlacesRounding> kWords = {
      {PlacesRounding::kDown, "down"}, {PlacesRounding::kNearest, "nearest"}, {PlacesRounding::kUp, "up"}};
  return kWords;
}

const WordTable<BadCells>& Words(BadCells) {
  static const WordTable<BadCells> kWords = {{BadCells::kError, "error"}, {BadCells::kSetAside, "set_aside"}};
  return kWords;
}

const WordTable<ScreenBy>& Words(ScreenBy) {
  static const WordTable<ScreenBy> kWords = {
      {ScreenBy::kMissing, "missing"}, {ScreenBy::kZeros, "zeros"}, {ScreenBy::kMissingOrZeros, "missing_or_zeros"}};
  return kWords;
}

const WordTable<Weighting>& Words(Weighting) {
  static const WordTable<Weighting> kWords = {{Weighting::kPoints, "points"}, {Weighting::kRelative, "relative"}};
  return kWords;
}

const WordTable<Language>& Words(Language) {
  static const WordTable<Language> kWords = {{Language::kChinese, "zh"}, {Language::kEnglish, "en"}};
  return kWords;
}

const WordTable<Aggregation>& Words(Aggregation) {
  static const WordTable<Aggregation> kWords = {
#define MAKERSCORE_MEAN(kind, word) {Aggregation::kind, word},
#include "makerscore/means.def"
#undef MAKERSCORE_MEAN
#define MAKERSCORE_COHORT_AGGREGATION(kind, word) {Aggregation::kind, word},
#include "makerscore/cohort_aggregations.def"
#undef MAKERSCORE_COHORT_AGGREGATION
  };
  return kWords;
}

const WordTable<OutlierMethod>& Words(OutlierMethod) {
  static const WordTable<OutlierMethod> kWords = {
      {OutlierMethod::kNone, "none"}, {OutlierMethod::kWinsorise, "winsorise"}, {OutlierMethod::kCap, "cap"}};
  return kWords;
}

const WordTable<WeightsMethod>& Words(WeightsMethod) {
  static const WordTable<WeightsMethod> kWords = {
#define MAKERSCORE_WEIGHTING(kind, word) {WeightsMethod::kind, word},
#include "makerscore/weightings.def"
#undef MAKERSCORE_WEIGHTING
  };
  return kWords;
}

const WordTable<UncertainInputs::Panel>& Words(UncertainInputs::Panel) {
  using P = UncertainInputs::Panel;
  static const WordTable<P> kWords = {
      {P::kFixed, "fixed"}, {P::kBootstrap, "bootstrap"}, {P::kLeaveOneOut, "leave_one_out"}};
  return kWords;
}

std::string Listed(const char* allowed, const char* last) {
  std::string words = allowed, out;
  const size_t final_bar = words.rfind('|');
  for (size_t k = 0; k < words.size(); ++k) {
    if (words[k] != '|')
      out += words[k];
    else
      out += k == final_bar ? last : ", ";
  }
  return out;
}

const char* MeansWithoutParameters() {
  static const std::string kWords = [] {
    std::string out;
    for (const auto& [kind, word] : Words(Aggregation{})) {
      if (CohortAggregationOf(kind) || !MeanOf(kind).takes_power) out += (out.empty() ? "" : "|") + std::string(word);
    }
    return out;
  }();
  return kWords.c_str();
}

const char* ObjectiveWeightings() {
  static const std::string kWords = [] {
    std::string out;
    for (const auto& [method, word] : Words(WeightsMethod{})) {
      if (method != WeightsMethod::kStated && WeightingOf(method).weigh && WeightingOf(method).from_scores) {
        out += (out.empty() ? "" : "|") + std::string(word);
      }
    }
    return out;
  }();
  return kWords.c_str();
}

}  // namespace detail

const char* ToString(FieldKind kind) { return detail::WordOf(kind); }
const char* ToString(Direction direction) { return detail::WordOf(direction); }
const char* ToString(Combine combine) { return detail::WordOf(combine); }
const char* ToString(MissingPolicy policy) { return detail::WordOf(policy); }
const char* ToString(BadCells bad_cells) { return detail::WordOf(bad_cells); }
const char* ToString(ScreenBy by) { return detail::WordOf(by); }
const char* ToString(VetoIfMissing if_missing) { return detail::WordOf(if_missing); }
const char* ToString(PlacesRounding rounding) { return detail::WordOf(rounding); }
const char* ToString(RandomIndexTable table) { return detail::WordOf(table); }
const char* ToString(Correlation correlation) { return detail::WordOf(correlation); }
const char* ToString(WeightMix mix) { return detail::WordOf(mix); }
const char* ToString(Weighting weighting) { return detail::WordOf(weighting); }
const char* ToString(Language language) { return detail::WordOf(language); }
const char* ToString(Aggregation aggregation) { return detail::WordOf(aggregation); }
const char* ToString(OutlierMethod method) { return detail::WordOf(method); }
const char* ToString(WeightsMethod method) {
  return method == WeightsMethod::kStated ? "stated" : detail::WordOf(method);
}
const char* ToString(UncertainInputs::Panel panel) { return detail::WordOf(panel); }

}  // namespace makerscore
