// Properties that must hold for every rule set and cohort, checked over
// rule sets and cohorts generated from fixed seeds: determinism, order
// invariance, monotonicity, weight scaling, points within their maximum.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <numeric>
#include <random>
#include <sstream>

#include "generator.h"
#include "scoring/steps.h"
#include "test_util.h"

namespace makerscore {
namespace {

using testing::Generator;
using testing::Options;

constexpr int kCases = 150;  // rule sets per property

struct Case {
  Model model;
  std::string csv;
  std::string rules;  // the YAML, shown when a property fails
};

Case Make(std::uint64_t seed, Options options, int entities = -1) {
  Generator g(seed, options);
  std::string rules = g.Rules();
  std::string csv = g.Cohort(entities > 0 ? entities : g.Pick(4, 40));
  return {Model::Compile(testing::RulesFromText(rules)), csv, rules};
}

Result ScoreCsv(const Model& m, const std::string& csv) {
  return Score(m, std::make_shared<Dataset>(ParseDatasetCsv(csv, m.rules(), "generated.csv")));
}

template <typename A>
bool SameBits(const A& a, const A& b) {
  // An empty array's data() may be null, which memcmp must not be given even for 0 bytes.
  return a.size() == b.size() && (a.size() == 0 || std::memcmp(a.data(), b.data(), sizeof(*a.data()) * a.size()) == 0);
}

TEST(Properties, TheSameInputGivesTheSameBits) {
  for (std::uint64_t seed = 1; seed <= kCases; ++seed) {
    Case c = Make(seed, {seed % 2 == 0});
    Result a = ScoreCsv(c.model, c.csv);
    Result b = ScoreCsv(Make(seed, {seed % 2 == 0}).model, c.csv);  // compiled again, too
    ASSERT_TRUE(SameBits(a.points(), b.points())) << "seed " << seed;
    ASSERT_TRUE(SameBits(a.scores(), b.scores())) << "seed " << seed;
    ASSERT_TRUE(SameBits(a.flags(), b.flags())) << "seed " << seed;
    for (int i = 0; i < a.entity_count(); ++i) {
      double ta = a.total(i), tb = b.total(i);
      ASSERT_EQ(std::memcmp(&ta, &tb, sizeof ta), 0) << "seed " << seed;
      ASSERT_EQ(a.rank(i), b.rank(i));
    }
  }
}

// The lean path (ScoreDetail::kOutcomes) writes no entity x node arrays of values, values used or points
// (kPoints: no values or values used), and must give the same bits for everything it keeps; with experts' ratings,
// classes of outcome (grades), every missing-data policy. What it does not keep is refused, not made up.
// kTotals keeps no scores either, and gives the same bits for the rest.
TEST(Properties, TheLeanPathGivesTheFullOnesOutcomesBitForBit) {
  int rated = 0, streamed = 0;
  for (std::uint64_t seed = 1; seed <= kCases; ++seed) {
    Options options{seed % 2 == 0};
    options.experts = seed % 3 == 0 ? 0 : 3 + static_cast<int>(seed % 3);
    options.grades = seed % 4 != 1;
    Generator g(seed, options);
    const std::string yaml = g.Rules();
    const int n = g.Pick(4, 40);
    const std::string csv = g.Cohort(n);
    const std::string ratings_csv = g.Ratings(n);
    const Model model = Model::Compile(testing::RulesFromText(yaml));
    const Cohort cohort{std::make_shared<Dataset>(ParseDatasetCsv(csv, model.rules(), "generated.csv")), nullptr,
                        g.rated().empty() ? nullptr : std::make_shared<Ratings>(ParseRatingsCsv(ratings_csv)), nullptr};
    rated += !g.rated().empty();
    ScoreOptions lean_options;
    lean_options.detail = ScoreDetail::kOutcomes;
    const Result full = Score(model, cohort);
    const Result lean = Score(model, cohort, lean_options);
    ASSERT_EQ(lean.detail(), ScoreDetail::kOutcomes);
    ScoreOptions points_options;
    points_options.detail = ScoreDetail::kPoints;
    const Result points_only = Score(model, cohort, points_options);  // every node's points, no values
    ASSERT_TRUE(SameBits(full.points(), points_only.points())) << "seed " << seed;
    ASSERT_TRUE(SameBits(full.scores(), points_only.scores())) << "seed " << seed;
    EXPECT_THROW(points_only.values(), Error);
    ASSERT_TRUE(SameBits(full.scores(), lean.scores())) << "seed " << seed << "\n" << yaml;
    ASSERT_TRUE(SameBits(full.flags(), lean.flags())) << "seed " << seed;
    ASSERT_TRUE(SameBits(full.adjustment_points(), lean.adjustment_points())) << "seed " << seed;
    ASSERT_EQ(full.warnings(), lean.warnings()) << "seed " << seed;
    ASSERT_EQ(full.ranked_count(), lean.ranked_count());
    for (int i = 0; i < n; ++i) {
      const double a = full.total(i), b = lean.total(i);
      ASSERT_EQ(std::memcmp(&a, &b, sizeof a), 0) << "seed " << seed << ", entity " << i;
      ASSERT_EQ(full.rank(i), lean.rank(i)) << "seed " << seed;
      ASSERT_EQ(full.grade(i), lean.grade(i)) << "seed " << seed;
    }
    for (size_t k = 0; k < model.nodes().size(); ++k) {
      const bool points = model.rules().weighting == Weighting::kPoints;
      if (!points) ASSERT_EQ(full.ranks_of(static_cast<int>(k)), lean.ranks_of(static_cast<int>(k)));
    }
    EXPECT_THROW(lean.points(), Error);
    EXPECT_THROW(lean.values(), Error);
    EXPECT_THROW(lean.used_values(), Error);
    // kTotals: no scores either; on a tree aggregated entity by entity, each group's leaves scored just
    // before it and its children's columns reused (scoring/engine.cpp: ScoreStreamed), else as kOutcomes.
    ScoreOptions totals_options;
    totals_options.detail = ScoreDetail::kTotals;
    const Result totals = Score(model, cohort, totals_options);
    ASSERT_EQ(totals.detail(), ScoreDetail::kTotals);
    streamed += detail::EntityByEntity(model.nodes());
    ASSERT_TRUE(SameBits(full.flags(), totals.flags())) << "seed " << seed << "\n" << yaml;
    ASSERT_TRUE(SameBits(full.adjustment_points(), totals.adjustment_points())) << "seed " << seed;
    ASSERT_EQ(full.warnings(), totals.warnings()) << "seed " << seed;
    ASSERT_EQ(full.ranked_count(), totals.ranked_count());
    ASSERT_TRUE(
        SameBits(Eigen::ArrayXd::Map(full.shares().data(), static_cast<Eigen::Index>(full.shares().size())),
                 Eigen::ArrayXd::Map(totals.shares().data(), static_cast<Eigen::Index>(totals.shares().size()))))
        << "seed " << seed;
    for (size_t k = 0; k < model.nodes().size(); ++k) {
      const IndicatorStats &a = full.stats()[k], &b = totals.stats()[k];
      ASSERT_TRUE(SameBits(Eigen::Array4d(a.low, a.high, a.fill, a.agreement_w),
                           Eigen::Array4d(b.low, b.high, b.fill, b.agreement_w)))
          << "seed " << seed << ", node " << k;
      ASSERT_EQ(a.present, b.present);
    }
    for (int i = 0; i < n; ++i) {
      const double a = full.total(i), b = totals.total(i);
      ASSERT_EQ(std::memcmp(&a, &b, sizeof a), 0) << "seed " << seed << ", entity " << i << "\n" << yaml;
      ASSERT_EQ(full.rank(i), totals.rank(i)) << "seed " << seed;
      ASSERT_EQ(full.grade(i), totals.grade(i)) << "seed " << seed;
      ASSERT_EQ(full.vetoes(i), totals.vetoes(i)) << "seed " << seed;
      ASSERT_EQ(full.direct_grade(i), totals.direct_grade(i)) << "seed " << seed;
    }
    EXPECT_THROW(totals.scores(), Error);
    EXPECT_THROW(totals.points(), Error);
    EXPECT_THROW(totals.ranks_of(0), Error);
  }
  EXPECT_GT(rated, kCases / 2);
  // The generated trees have stated weights: each is scored group by group (the other way, as kOutcomes, is
  // tested in aggregate_test.cpp).
  EXPECT_EQ(streamed, kCases);
}

TEST(Properties, ReorderingEntitiesChangesNoScore) {
  for (std::uint64_t seed = 1; seed <= kCases; ++seed) {
    Case c = Make(seed, {seed % 2 == 0});
    std::vector<std::string> lines;
    std::istringstream in(c.csv);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::mt19937_64 rng(seed);
    std::shuffle(lines.begin() + 1, lines.end(), rng);
    std::string shuffled;
    for (const auto& line : lines) shuffled += line + "\n";
    Result a = ScoreCsv(c.model, c.csv), b = ScoreCsv(c.model, shuffled);
    for (int i = 0; i < a.entity_count(); ++i) {
      const int j = b.FindEntity(a.entity_ids()[i]);
      // Sums over the cohort run in another order: equal to rounding.
      if (std::isnan(a.total(i))) {
        EXPECT_TRUE(std::isnan(b.total(j))) << "seed " << seed;
      } else {
        ASSERT_NEAR(a.total(i), b.total(j), 1e-9 * std::max(1.0, std::fabs(a.total(i)))) << "seed " << seed;
      }
      ASSERT_EQ(a.rank(i), b.rank(j)) << "seed " << seed << ", entity " << a.entity_ids()[i];
    }
  }
}

TEST(Properties, RaisingAHigherIsBetterValueNeverLowersTheScore) {
  int checked = 0;
  for (std::uint64_t seed = 1; seed <= kCases; ++seed) {
    Options options{seed % 2 == 0, /*any_direction=*/false};
    Case c = Make(seed, options);
    Result before = ScoreCsv(c.model, c.csv);
    // Raise one present value of a random entity by 1 to 50.
    std::mt19937_64 rng(seed * 7919);
    std::vector<std::string> lines;
    std::istringstream in(c.csv);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    const size_t row = 1 + rng() % (lines.size() - 1);
    std::vector<std::string> cells;
    std::istringstream cell_in(lines[row]);
    for (std::string cell; std::getline(cell_in, cell, ',');) cells.push_back(cell);
    cells.resize(c.model.rules().fields.size() + 1);
    const size_t col = 1 + rng() % (cells.size() - 1);
    if (cells[col].empty()) continue;
    const double raised = std::stod(cells[col]) + 1 + static_cast<double>(rng() % 50);
    std::ostringstream value;
    value << raised;
    cells[col] = value.str();
    std::string line;
    for (size_t k = 0; k < cells.size(); ++k) line += (k ? "," : "") + cells[k];
    lines[row] = line;
    std::string changed;
    for (const auto& l : lines) changed += l + "\n";
    Result after = ScoreCsv(c.model, changed);
    const int i = static_cast<int>(row) - 1;
    if (std::isnan(before.total(i))) continue;  // nothing to score (every indicator missing and excluded)
    ASSERT_GE(after.total(i), before.total(i) - 1e-9)
        << "seed " << seed << ": raising " << cells[col] << " in column " << col << " of " << cells[0] << "\n"
        << c.rules << c.csv;
    ++checked;
  }
  EXPECT_GT(checked, kCases / 2);
}

TEST(Properties, ScalingANodesWeightsChangesNothingWithRelativeWeights) {
  for (std::uint64_t seed = 1; seed <= kCases; ++seed) {
    Case c = Make(seed, {/*relative=*/true});
    RuleSet scaled = c.model.rules();
    // Every child of one group (or of the root) weighs 7 times as much.
    std::vector<Indicator*> groups;
    std::function<void(std::vector<Indicator>&)> collect = [&](std::vector<Indicator>& list) {
      for (auto& ind : list) {
        if (!ind.children.empty()) {
          groups.push_back(&ind);
          collect(ind.children);
        }
      }
    };
    collect(scaled.indicators);
    std::mt19937_64 rng(seed);
    std::vector<Indicator>& children =
        groups.empty() || rng() % 3 == 0 ? scaled.indicators : groups[rng() % groups.size()]->children;
    for (auto& child : children) child.weight *= 7;
    Model m2 = Model::Compile(scaled);
    Result a = ScoreCsv(c.model, c.csv), b = ScoreCsv(m2, c.csv);
    for (int i = 0; i < a.entity_count(); ++i) {
      if (std::isnan(a.total(i))) continue;
      ASSERT_NEAR(a.total(i), b.total(i), 1e-9 * std::max(1.0, std::fabs(a.total(i)))) << "seed " << seed;
      ASSERT_EQ(a.rank(i), b.rank(i)) << "seed " << seed;
    }
  }
}

TEST(Properties, PointsNeverExceedAnIndicatorsMaximum) {
  // With missing: exclude, a missing indicator's points go to its present siblings (and a group's whose
  // children are all missing, to the group's siblings), so a node may earn more than its nominal points;
  // the total never exceeds the rule set's. Every other policy keeps each node within its own maximum.
  for (std::uint64_t seed = 1; seed <= kCases; ++seed) {
    Case excluding = Make(seed, {/*relative=*/false});
    Result whole = ScoreCsv(excluding.model, excluding.csv);
    for (int i = 0; i < whole.entity_count(); ++i) {
      if (!std::isnan(whole.total(i))) ASSERT_LE(whole.total(i), 120 + 1e-9) << "seed " << seed;
    }
    Case c = Make(seed, {/*relative=*/false, true, true, /*allow_exclude=*/false});
    Result r = ScoreCsv(c.model, c.csv);
    const auto& nodes = c.model.nodes();
    for (size_t k = 0; k < nodes.size(); ++k) {
      for (int i = 0; i < r.entity_count(); ++i) {
        const double p = r.points()(i, static_cast<Eigen::Index>(k));
        if (std::isnan(p)) continue;
        ASSERT_LE(p, nodes[k].max_points + 1e-9) << "seed " << seed << ", node " << nodes[k].id << "\n"
                                                 << c.rules << c.csv;
        ASSERT_GE(p, -1e-9) << "seed " << seed << ", node " << nodes[k].id;
      }
    }
    for (int i = 0; i < r.entity_count(); ++i) {
      if (!std::isnan(r.total(i))) ASSERT_LE(r.total(i), 120 + 1e-9) << "seed " << seed;
    }
  }
}

}  // namespace
}  // namespace makerscore
