// From points to outcomes: bonus and deductions, ranks, grades.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include "scoring/steps.h"

namespace makerscore::detail {

namespace {

// Totals closer than this count as equal for ranking (sums of the same
// points in another order can differ in the last bits).
constexpr double kTieTolerance = 1e-9;

// The total from the tree's points with bonus and deductions.
void ApplyAdjustments(const CompiledModel& m, const Eigen::ArrayXd& tree, const std::vector<char>& unscored,
                      const Eigen::ArrayXXd& adjustments, std::vector<double>* totals) {
  const RuleSet& r = m.rules;
  const Eigen::Index n = tree.size();
  totals->assign(n, std::nan(""));
  for (Eigen::Index i = 0; i < n; ++i) {
    if (std::isnan(tree[i]) || unscored[i]) continue;
    double bonus = 0, deduction = 0;
    for (size_t a = 0; a < m.adjustments.size(); ++a) {
      (m.adjustments[a].bonus ? bonus : deduction) += adjustments(i, static_cast<Eigen::Index>(a));
    }
    if (r.bonus.max) bonus = std::min(bonus, *r.bonus.max);
    if (r.deductions.max) deduction = std::min(deduction, *r.deductions.max);
    double total = tree[i] + bonus;
    if (r.bonus.within_total) total = std::min(total, std::max(tree[i], r.total));
    // A total below zero has no meaning in a points table.
    (*totals)[i] = std::max(0.0, total - deduction);
  }
}

// Ranks the entities with a total and no excluding veto; grades them.
void RankAndGrade(const CompiledModel& m, const std::vector<double>& totals, const std::vector<char>& unranked,
                  const std::vector<std::vector<int>>& vetoes, std::vector<int>* ranks, int* ranked,
                  std::vector<int>* grades) {
  const size_t n = totals.size();
  auto excluded = [&](size_t i) {
    return unranked[i] ||
           std::any_of(vetoes[i].begin(), vetoes[i].end(), [&](int v) { return m.vetoes[v].veto->exclude; });
  };
  // Best total first, equal totals in the cohort's order: sorting (total, position) pairs gives the order
  // a stable sort by total would, without its buffer (a replication of the uncertainty analysis ranks often).
  std::vector<std::pair<double, int>> by_total;
  by_total.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (!std::isnan(totals[i]) && !excluded(i)) by_total.emplace_back(totals[i], static_cast<int>(i));
  }
  std::sort(by_total.begin(), by_total.end(), [](const std::pair<double, int>& a, const std::pair<double, int>& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  });
  std::vector<int> order(by_total.size());
  for (size_t k = 0; k < by_total.size(); ++k) order[k] = by_total[k].second;
  ranks->assign(n, 0);
  for (size_t pos = 0; pos < order.size(); ++pos) {
    bool tie = pos > 0 && std::fabs(totals[order[pos]] - totals[order[pos - 1]]) <= kTieTolerance;
    (*ranks)[order[pos]] = tie ? (*ranks)[order[pos - 1]] : static_cast<int>(pos) + 1;
  }
  *ranked = static_cast<int>(order.size());
  const auto& g = m.rules.grades;
  grades->assign(n, -1);
  for (int i : order) {
    for (size_t k = 0; k < g.size(); ++k) {
      bool ok = !g[k].min || totals[i] >= *g[k].min - kTieTolerance;
      ok &= !g[k].top || (*ranks)[i] <= *g[k].top * static_cast<double>(order.size()) + kTieTolerance;
      if (ok) {
        (*grades)[i] = static_cast<int>(k);
        break;
      }
    }
    // A veto forcing a grade overrides; of several, the worst (latest listed).
    for (int v : vetoes[i]) {
      int forced = m.vetoes[v].grade;
      if (forced >= 0 && (forced > (*grades)[i] || (*grades)[i] < 0)) (*grades)[i] = forced;
    }
  }
}

}  // namespace

Outcomes Finish(const CompiledModel& m, const Eigen::ArrayXd& root, const std::vector<char>& unscored,
                const Eigen::ArrayXXd& adjustments, const std::vector<char>& unranked,
                const std::vector<std::vector<int>>& vetoes) {
  Outcomes out;
  ApplyAdjustments(m, root, unscored, adjustments, &out.totals);
  RankAndGrade(m, out.totals, unranked, vetoes, &out.ranks, &out.ranked, &out.grades);
  return out;
}

}  // namespace makerscore::detail
