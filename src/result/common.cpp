#include "result/common.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "makerscore/flags.h"
#include "makerscore/weights.h"
#include "util/text.h"

namespace makerscore::detail {

std::vector<int> RankOrder(const Result& r) {
  std::vector<int> order(r.entity_count());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    int ra = r.rank(a) == 0 ? 1 << 30 : r.rank(a);
    int rb = r.rank(b) == 0 ? 1 << 30 : r.rank(b);
    return ra < rb;
  });
  return order;
}

double ShownValue(const Result& r, int i, int k) {
  if (r.model().rules().weighting == Weighting::kPoints) return r.points()(i, k);
  return r.scores()(i, k) * r.model().rules().total;
}

std::string AhpNote(const Node& group) {
  std::string out =
      "CR " + FormatNumber(group.consistency_ratio, 3) + ", RI of " + RandomIndexSource(group.random_index);
  const int missing = group.missing_comparisons;
  if (missing > 0) {
    out += "; " + std::to_string(missing) + (missing == 1 ? " comparison" : " comparisons") +
           " not made, completed optimally";
  }
  return out;
}

std::string PValueText(double p) {
  if (std::isnan(p)) return "-";
  return p < 0.0001 ? "< 0.0001" : FormatNumber(p, 4);
}

std::string ScreeningRule(const ScreenSpec& spec) {
  const std::string available =
      "at least " + FormatNumber(100 * spec.min_available, 1) + "% of the indicators with a value";
  const std::string nonzero = "at least " + FormatNumber(100 * spec.min_nonzero, 1) + "% of the values other than 0";
  switch (spec.by) {
    case ScreenBy::kMissing:
      return "by data availability: " + available;
    case ScreenBy::kZeros:
      return "by zeros: " + nonzero;
    case ScreenBy::kMissingOrZeros:
      break;
  }
  return "by data availability and zeros: " + available + ", and " + nonzero;
}

std::string ScreenedOut(const Result& r) {
  const Screening* s = r.screening();
  if (!s) return "";
  std::string out;
  for (int e : s->removed()) {
    const EntityAvailability& a = s->entities[e];
    out += "  " + a.id + (a.name.empty() ? "" : " " + a.name) + " (row " + std::to_string(a.row) +
           "): " + s->Reason(e) + "\n";
  }
  if (out.empty()) return "";
  return "Screened out before scoring (screen " + ScreeningRule(s->spec) + "), so not scored, ranked or graded:\n" +
         out;
}

double MostPoints(const Result& r, int k, int i) { return r.max_points(i, k); }

double MostShown(const Result& r, int k, int entity_class) {
  if (r.model().rules().weighting != Weighting::kPoints) return r.model().rules().total;
  const Node& node = r.model().nodes()[k];
  if (r.model().class_count() > 1) {
    return entity_class < static_cast<int>(node.class_max_points.size()) ? node.class_max_points[entity_class]
                                                                         : node.max_points;
  }
  return r.entity_count() > 0 ? r.max_points(0, k) : node.max_points;
}

std::string ShownMaximum(const Result& r, int k) {
  if (r.model().rules().weighting != Weighting::kPoints || r.model().class_count() > 1) return "";
  return "(" + FormatNumber(r.entity_count() > 0 ? r.max_points(0, k) : r.model().nodes()[k].max_points) + ")";
}

double Claimed(const Result& r, int i, bool bonus) {
  const RuleSet& rules = r.model().rules();
  const auto first = static_cast<Eigen::Index>(bonus ? 0 : rules.bonus.items.size());
  const auto count = static_cast<Eigen::Index>((bonus ? rules.bonus : rules.deductions).items.size());
  return r.adjustment_points().row(i).segment(first, count).sum();
}

bool OffTheScale(const RuleSet& rules, const std::string& grade) {
  return std::any_of(rules.grades.begin(), rules.grades.end(),
                     [&](const Grade& g) { return g.label == grade && g.by_veto_only; });
}

std::string GradeNote(const Result& r, int i) {
  const RuleSet& rules = r.model().rules();
  std::vector<std::string> notes;
  if (r.flags()(i, 0) & kFlagNotScored) notes.push_back("缺少必需数据，无总分");
  if (!r.set_aside(i).empty()) notes.push_back("数据不可用，未排名、未评级");
  if (r.flags()(i, 0) & kFlagAdjustmentCapped) {
    for (const bool bonus : {true, false}) {
      const Adjustments& list = bonus ? rules.bonus : rules.deductions;
      const double claimed = Claimed(r, i, bonus);
      if (list.max && claimed > *list.max) {
        notes.push_back(std::string(bonus ? "加分" : "扣分") + FormatNumber(claimed) + "分，按上限计" +
                        FormatNumber(*list.max) + "分");
      }
    }
    if (rules.bonus.within_total && r.total(i) >= rules.total - 1e-9 && Claimed(r, i, true) > 0) {
      notes.push_back("总分以" + FormatNumber(rules.total) + "分为限");
    }
  }
  if (const int g = r.direct_grade(i); g >= 0 && !r.grade(i).empty()) {
    notes.push_back("直接认定为" + rules.grades[g].label + "（" + rules.grades[g].when + "）");
  }
  for (int v : r.vetoes(i)) {
    const Veto& veto = rules.vetoes[v];
    notes.push_back(
        "一票否决：" + veto.name +
        (veto.exclude ? "，不参与排名和评级" : (OffTheScale(rules, veto.grade) ? "，" : "，等级至多为") + veto.grade));
  }
  return Join(notes, "；");
}

int ExpertNumber(const Ratings& ratings, int code) {
  const auto& ids = ratings.labels(Ratings::kExpert);
  const std::string& own = ids[static_cast<size_t>(code)];
  return 1 + static_cast<int>(std::count_if(ids.begin(), ids.end(), [&](const std::string& id) { return id < own; }));
}

}  // namespace makerscore::detail
