// VIKOR (Opricovic 1998; Opricovic & Tzeng 2004, EJOR 156): the compromise ranking by Q, which weighs the
// group utility S (the weighted sum of regrets) against the individual regret R (the largest), v against
// 1 - v. Q is 0 for the best; the group's score is 1 - Q. The acceptable-advantage and acceptable-stability
// conditions are reported for the cohort.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "cohort/cohort.h"
#include "makerscore/flags.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// (a - lo) / (hi - lo), or 0 when every entity has the same (no spread: nobody regrets it).
double Scaled(double a, double lo, double hi) { return hi > lo ? (a - lo) / (hi - lo) : 0; }

// The acceptable advantage and stability of the best by Q (order: the entities with a score, best first).
void Conditions(const CohortInput& in, const Eigen::ArrayXXd& f, const std::vector<Eigen::Index>& order,
                AggregationTrace* t) {
  const size_t m = order.size();
  if (m < 2) return;
  auto id = [&](Eigen::Index i) { return in.ids ? (*in.ids)[i] : std::to_string(i + 1); };
  const double dq = 1.0 / static_cast<double>(m - 1);
  const Eigen::Index a1 = order[0], a2 = order[1];
  const double q1 = f(a1, 2);
  const bool advantage = f(a2, 2) - q1 >= dq - 1e-12;
  double best_s = INFINITY, best_r = INFINITY;
  for (Eigen::Index i : order) {
    best_s = std::min(best_s, f(i, 0));
    best_r = std::min(best_r, f(i, 1));
  }
  const bool stable = f(a1, 0) <= best_s + 1e-12 || f(a1, 1) <= best_r + 1e-12;
  t->cohort.push_back({"DQ = 1 / (m - 1)", dq});
  t->notes.push_back(std::string("VIKOR acceptable advantage (C1), Q(") + id(a2) + ") - Q(" + id(a1) +
                     ") >= DQ = " + FormatNumber(dq, 4) + ": " + (advantage ? "met" : "not met") + " (" +
                     FormatNumber(f(a2, 2) - q1, 4) + ")");
  t->notes.push_back(std::string("VIKOR acceptable stability (C2), ") + id(a1) +
                     " also best by S or R: " + (stable ? "met" : "not met"));
  std::vector<std::string> set;
  if (!advantage) {
    for (Eigen::Index i : order) {
      if (f(i, 2) - q1 < dq - 1e-12) set.push_back(id(i));
    }
  } else if (!stable) {
    set = {id(a1), id(a2)};
  }
  t->notes.push_back(set.empty() ? "VIKOR compromise solution: " + id(a1) + " alone"
                                 : "VIKOR compromise solutions: " + Join(set, ", "));
}

void Aggregate(const CohortInput& in, const AggregateOptions& o, Eigen::ArrayXd* score,
               Eigen::Array<std::uint16_t, Eigen::Dynamic, 1>* flags, AggregationTrace* t) {
  const Eigen::Index n = in.x.rows(), k = in.x.cols();
  const double v = Number(o, "v", 0.5);
  const Eigen::ArrayXXd w = RowWeights(in);
  BestAndWorst(in.x, w, in.lower, &t->best, &t->worst);
  t->figure_names = {"S", "R", "Q"};
  t->figures.setConstant(n, 3, kNaN);
  t->per_child_name = "weighted regret";
  t->per_child.setConstant(n, k, kNaN);
  std::vector<Eigen::Index> scored;
  for (Eigen::Index i = 0; i < n; ++i) {
    double s = 0, r = 0;
    bool any = false;
    for (Eigen::Index j = 0; j < k; ++j) {
      if (w(i, j) <= 0) continue;
      any = true;
      // (f* - f) / (f* - f-), the same for lower-is-better (both differences change sign).
      const double span = t->best[j] - t->worst[j];
      const double regret = w(i, j) * (span != 0 ? (t->best[j] - in.x(i, j)) / span : 0);
      t->per_child(i, j) = regret;
      s += regret;
      r = std::max(r, regret);
    }
    if (!any) continue;
    t->figures(i, 0) = s;
    t->figures(i, 1) = r;
    scored.push_back(i);
  }
  double s_best = INFINITY, s_worst = -INFINITY, r_best = INFINITY, r_worst = -INFINITY;
  for (Eigen::Index i : scored) {
    s_best = std::min(s_best, t->figures(i, 0));
    s_worst = std::max(s_worst, t->figures(i, 0));
    r_best = std::min(r_best, t->figures(i, 1));
    r_worst = std::max(r_worst, t->figures(i, 1));
  }
  score->setConstant(kNaN);
  for (Eigen::Index i : scored) {
    const double q =
        v * Scaled(t->figures(i, 0), s_best, s_worst) + (1 - v) * Scaled(t->figures(i, 1), r_best, r_worst);
    t->figures(i, 2) = q;
    (*score)[i] = 1 - q;
    if (!(s_worst > s_best) && !(r_worst > r_best)) (*flags)[i] |= kFlagNoSpread;
  }
  if (scored.empty()) return;
  t->cohort = {{"S*", s_best}, {"S-", s_worst}, {"R*", r_best}, {"R-", r_worst}, {"v", v}};
  std::vector<Eigen::Index> order = scored;
  std::stable_sort(order.begin(), order.end(),
                   [&](Eigen::Index a, Eigen::Index b) { return t->figures(a, 2) < t->figures(b, 2); });
  Conditions(in, t->figures, order, t);
}

std::string Explain(const AggregationTrace& t, int i, const std::vector<std::string>& children, Say say) {
  std::string out;
  for (size_t j = 0; j < children.size(); ++j) {
    const double g = t.per_child(i, static_cast<Eigen::Index>(j));
    if (std::isnan(g)) continue;
    out += "    " + children[j] + say("：加权遗憾值", ": weighted regret") +
           " w (f* - f) / (f* - f-) = " + FormatNumber(g, 4) + " (f* " + FormatNumber(t.best[j], 4) + ", f- " +
           FormatNumber(t.worst[j], 4) + ")\n";
  }
  if (std::isnan(t.figures(i, 2))) return out;
  auto cohort = [&](size_t c) { return FormatNumber(t.cohort[c].second, 4); };
  const std::string S = FormatNumber(t.figures(i, 0), 4), R = FormatNumber(t.figures(i, 1), 4);
  out += say("  VIKOR：群体效用 S = " + S + "（全体 " + cohort(0) + " 至 " + cohort(1) + "），个体遗憾 R = " + R +
                 "（全体 " + cohort(2) + " 至 " + cohort(3) + "）",
             "  VIKOR: group utility S = " + S + " (cohort " + cohort(0) + " to " + cohort(1) +
                 "), individual regret R = " + R + " (cohort " + cohort(2) + " to " + cohort(3) + ")") +
         "\n";
  out += "  Q = v (S - S*) / (S- - S*) + (1 - v) (R - R*) / (R- - R*) = " + FormatNumber(t.figures(i, 2), 4) +
         say("，v = " + cohort(4) + "（0 为最优）；得分率 = 1 - Q = ",
             " with v = " + cohort(4) + " (0 is the best); score = 1 - Q = ") +
         FormatNumber(1 - t.figures(i, 2), 4) + "\n";
  return out;
}

std::string Check(const AggregateOptions&) { return ""; }

}  // namespace

const CohortAggregationDef kVikorAggregation = {
    Aggregate,
    Explain,
    {
        {"v",
         CohortOption::kNumber,
         "",
         {},
         0.5,
         0,
         1,
         "The weight of the strategy of the majority (group utility S) against individual regret R."},
        OverOption(),
    },
    Check,
    "`vikor`: VIKOR, 1 - Q, where Q weighs each entity's group utility S (its weighted regrets summed) "
    "against its individual regret R (the largest), v and 1 - v, each scaled between the cohort's best "
    "and worst; the acceptable advantage and stability of the best are reported",
};

}  // namespace makerscore::detail
