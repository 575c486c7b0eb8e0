// From points to outcomes: bonus and deductions, ranks, grades.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include "scoring/best_first.h"
#include "scoring/steps.h"
#include "util/huge_pages.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

// Totals closer than this count as equal for ranking (sums of the same
// points in another order can differ in the last bits).
constexpr double kTieTolerance = 1e-9;

// The total from the tree's points with bonus and deductions.
void ApplyAdjustments(const CompiledModel& m, const Eigen::ArrayXd& tree, const std::vector<char>& unscored,
                      const Eigen::ArrayXXd& adjustments, std::vector<double>* totals, std::vector<char>* capped) {
  const RuleSet& r = m.rules;
  const Eigen::Index n = tree.size();
  AssignOnHugePages(totals, static_cast<std::size_t>(n), std::nan(""));
  if (m.adjustments.empty()) {
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!unscored[i]) (*totals)[i] = tree[i];  // NaN stays NaN; a tree's points are never below 0
    }
    return;
  }
  capped->assign(n, 0);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (std::isnan(tree[i]) || unscored[i]) continue;
    double claimed_bonus = 0, claimed_deduction = 0;
    for (size_t a = 0; a < m.adjustments.size(); ++a) {
      (m.adjustments[a].bonus ? claimed_bonus : claimed_deduction) += adjustments(i, static_cast<Eigen::Index>(a));
    }
    const double bonus = r.bonus.max ? std::min(claimed_bonus, *r.bonus.max) : claimed_bonus;
    const double deduction = r.deductions.max ? std::min(claimed_deduction, *r.deductions.max) : claimed_deduction;
    double total = tree[i] + bonus;
    if (r.bonus.within_total) total = std::min(total, std::max(tree[i], r.total));
    const bool cut = bonus < claimed_bonus || deduction < claimed_deduction || total < tree[i] + bonus;
    total -= deduction;
    // Deductions never take a total below zero, which has no meaning in a points table (a composite of
    // z-scores may be below zero by itself, and stays so).
    const bool floored = deduction > 0 && total < 0 && tree[i] + bonus >= 0;
    (*capped)[i] = cut || floored;
    (*totals)[i] = floored ? 0.0 : total;
  }
}

// Competition ranks ("1224") of the entities in `order`, (total, position) pairs best total first; reads the
// totals in that order, not the entities' own (a million entities' totals in rank order are cache misses).
void CompetitionRanks(const std::vector<std::pair<double, int>>& order, std::vector<int>* ranks) {
  int rank = 0;
  for (size_t pos = 0; pos < order.size(); ++pos) {
    const bool tie = pos > 0 && std::fabs(order[pos].first - order[pos - 1].first) <= kTieTolerance;
    if (!tie) rank = static_cast<int>(pos) + 1;
    (*ranks)[order[pos].second] = rank;
  }
}

}  // namespace

void ApplyVetoGrades(const CompiledModel& m, const std::vector<int>& vetoes, int* grade) {
  // A veto's grade is a ceiling: the entity gets it or worse; of several, the worst (latest listed). A grade
  // only vetoes give (by_veto_only: 取消资格) is an outcome off the scale, so it replaces whatever the
  // entity earned, even a grade listed after it.
  bool outright = false;
  for (int v : vetoes) {
    const int forced = m.vetoes[v].grade;
    if (forced < 0) continue;
    if (m.rules.grades[forced].by_veto_only) {
      if (!outright || forced > *grade) *grade = forced;
      outright = true;
    } else if (!outright && (forced > *grade || *grade < 0)) {
      *grade = forced;
    }
  }
}

namespace {

// Ranks the entities with a total and no excluding veto; grades them.
void RankAndGrade(const CompiledModel& m, const std::vector<double>& totals, const std::vector<char>& unranked,
                  const std::vector<std::vector<int>>& vetoes, const std::vector<int>& direct, Outcomes* out) {
  const size_t n = totals.size();
  // Each entity's vetoes are read only when some veto excludes (a million makerspaces: 24 MB of empty lists).
  const bool any_excludes =
      std::any_of(m.vetoes.begin(), m.vetoes.end(), [](const CompiledVeto& v) { return v.veto->exclude; });
  auto excluded = [&](size_t i) {
    return unranked[i] || (any_excludes && std::any_of(vetoes[i].begin(), vetoes[i].end(),
                                                       [&](int v) { return m.vetoes[v].veto->exclude; }));
  };
  // Best total first, equal totals in the cohort's order: the order a stable sort by total would give.
  std::vector<std::pair<double, int>> by_total;
  by_total.reserve(n);
  PreferHugePages(by_total.data(), n * sizeof(by_total[0]));
  for (size_t i = 0; i < n; ++i) {
    // + 0.0 makes -0.0 +0.0: equal totals, so equal bits for the buckets too
    if (!std::isnan(totals[i]) && !excluded(i)) by_total.emplace_back(totals[i] + 0.0, static_cast<int>(i));
  }
  SortBestFirst(&by_total);
  AssignOnHugePages(&out->ranks, n, 0);
  CompetitionRanks(by_total, &out->ranks);
  out->ranked = static_cast<int>(by_total.size());
  // Those graded by their total, and their ranks among themselves: an entity graded directly leaves the base.
  auto is_direct = [&](size_t i) { return !direct.empty() && direct[i] >= 0; };
  std::vector<int> score_rank;
  int base = out->ranked;
  if (direct.empty()) {
    score_rank = out->ranks;
  } else {
    std::vector<std::pair<double, int>> by_score;
    for (const auto& p : by_total) {
      if (!is_direct(static_cast<size_t>(p.second))) by_score.push_back(p);
    }
    score_rank.assign(n, 0);
    CompetitionRanks(by_score, &score_rank);
    base = static_cast<int>(by_score.size());
  }
  const auto& g = m.rules.grades;
  std::vector<int> places(g.size(), 0);
  for (size_t k = 0; k < g.size(); ++k) {
    if (!g[k].top) continue;
    places[k] = Places(*g[k].top, base, g[k].round.value_or(PlacesRounding::kDown));
    const double x = *g[k].top * base;
    if (!g[k].round && std::fabs(x - std::round(x)) > kTieTolerance) {
      out->notes.push_back("grade " + g[k].label + ": " + detail::FormatNumber(*g[k].top * 100) + "% of the " +
                           std::to_string(base) + " ranked is " + detail::FormatNumber(x) +
                           " places, counted down to " + std::to_string(places[k]) +
                           "; say 'round: down', 'nearest' or 'up' in the grade");
    }
  }
  AssignOnHugePages(&out->grades, n, -1);
  // Graded: those ranked (a rank is 1 or more). A rule set with no indicators (a pass/fail list of vetoes) has
  // no totals: its grades come from `when`, vetoes and a grade without conditions (the validator allows no
  // other), for everyone not excluded. In the entities' order: each grade depends on that entity alone.
  const bool by_total_only = m.nodes.size() > 1;
  for (size_t i = 0; i < n; ++i) {
    if (by_total_only ? out->ranks[i] == 0 : excluded(i)) continue;
    int& grade = out->grades[i];
    if (is_direct(i)) {
      grade = direct[i];
    } else {
      for (size_t k = 0; k < g.size(); ++k) {
        if (!g[k].by_total()) continue;
        bool ok = !g[k].min || totals[i] >= *g[k].min - kTieTolerance;
        ok &= !g[k].top || score_rank[i] <= places[k];
        ok &= !g[k].rank || score_rank[i] <= *g[k].rank;
        if (ok) {
          grade = static_cast<int>(k);
          break;
        }
      }
    }
    ApplyVetoGrades(m, vetoes[i], &grade);
  }
}

}  // namespace

// The places a share of `count` ranked entities gives (20% of 13 is 2.6 places: 2 down, 3 nearest or up).
int Places(double share, int count, PlacesRounding rounding) {
  const double x = share * count;
  switch (rounding) {
    case PlacesRounding::kNearest:
      return static_cast<int>(std::floor(x + 0.5 + kTieTolerance));
    case PlacesRounding::kUp:
      return static_cast<int>(std::ceil(x - kTieTolerance));
    case PlacesRounding::kDown:
      break;
  }
  return static_cast<int>(std::floor(x + kTieTolerance));
}

Outcomes Finish(const CompiledModel& m, const Eigen::ArrayXd& root, const std::vector<char>& unscored,
                const Eigen::ArrayXXd& adjustments, const std::vector<char>& unranked,
                const std::vector<std::vector<int>>& vetoes, const std::vector<int>& direct) {
  Outcomes out;
  ApplyAdjustments(m, root, unscored, adjustments, &out.totals, &out.capped);
  RankAndGrade(m, out.totals, unranked, vetoes, direct, &out);
  return out;
}

}  // namespace makerscore::detail
