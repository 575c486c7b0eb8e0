// Combining expert ratings, and refusing bad ones with their rows.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <random>

#include "experts/combine.h"
#include "experts/concordance.h"
#include "test_util.h"

namespace makerscore {
namespace {

using detail::CombineSorted;

TEST(Combine, MeanMedianTrimmedMeanByHand) {
  // Five experts: 差 0.4, 中 0.6, 良 0.8, 优 1.0, 优 1.0 (sorted).
  std::vector<double> r = {0.4, 0.6, 0.8, 1.0, 1.0};
  EXPECT_DOUBLE_EQ(CombineSorted(r, Combine::kMean), 3.8 / 5);  // 0.76
  EXPECT_DOUBLE_EQ(CombineSorted(r, Combine::kMedian), 0.8);
  EXPECT_DOUBLE_EQ(CombineSorted(r, Combine::kTrimmedMean), 2.4 / 3);  // (0.6 + 0.8 + 1.0) / 3 = 0.8
  // Even count: median is the mean of the middle two.
  EXPECT_DOUBLE_EQ(CombineSorted({0.4, 0.6, 0.8, 1.0}, Combine::kMedian), 0.7);
}

TEST(Combine, NumericScale) {
  Scale s;
  s.id = "ten";
  s.min = 0;
  s.max = 10;
  EXPECT_DOUBLE_EQ(*detail::RatingFraction(s, "7.5"), 0.75);
  EXPECT_FALSE(detail::RatingFraction(s, "11").has_value());
  EXPECT_FALSE(detail::RatingFraction(s, "七").has_value());
}

const char* kRules = R"(format: makerscore/1
id: e
title: 专家
fields:
  - {id: x, name: 数量}
scales:
  four: {levels: {优: 1, 良: 0.8, 中: 0.6, 差: 0.4}}
indicators:
  - {id: q, name: 定性, weight: 50, rated: {scale: four, combine: trimmed_mean, min_ratings: 3}}
  - {id: n, name: 定量, weight: 50, value: x, score: {method: minmax}}
)";

Result ScoreWith(const std::string& ratings_csv) {
  Model m = Model::Compile(testing::RulesFromText(kRules));
  auto data = std::make_shared<Dataset>(ParseDatasetCsv("id,x\nA,1\nB,2\n", m.rules(), "d.csv"));
  auto ratings = std::make_shared<Ratings>(ParseRatingsCsv(ratings_csv, "r.csv"));
  return Score(m, data, nullptr, ratings);
}

TEST(Ratings, TooFewRatingsLeaveTheItemMissing) {
  Result r = ScoreWith(
      "entity,indicator,expert,rating\n"
      "A,q,E1,优\nA,q,E2,良\nA,q,E3,差\n"
      "B,q,E1,优\nB,q,E2,优\n");
  // A: trimmed mean of 0.4, 0.8, 1.0 = 0.8 -> 0.8 x 50 = 40 points.
  EXPECT_DOUBLE_EQ(r.points()(0, 1), 40);
  // B: two ratings < 3 -> missing -> zero points (the default policy), flagged.
  EXPECT_DOUBLE_EQ(r.points()(1, 1), 0);
  EXPECT_TRUE(r.flags()(1, 1) & kFlagTooFewRatings);
}

TEST(Ratings, BadRowsAreNamed) {
  EXPECT_THROW_WITH(ScoreWith("entity,indicator,expert,rating\nA,q,E1,优秀\n"), DataError,
                    "r.csv:2: rating '优秀' of indicator 'q' is not on the scale 'four' (one of 优, 良, 中, 差)");
  EXPECT_THROW_WITH(ScoreWith("entity,indicator,expert,rating\nZ,q,E1,优\n"), DataError,
                    "r.csv:2: entity 'Z' is not in the data");
  EXPECT_THROW_WITH(ScoreWith("entity,indicator,expert,rating\nA,n,E1,优\n"), DataError,
                    "r.csv:2: indicator 'n' is not rated by experts in this rule file");
  EXPECT_THROW_WITH(ScoreWith("entity,indicator,expert,rating\nA,q,E1,优\nA,q,E1,良\n"), DataError,
                    "r.csv:3: expert 'E1' rated entity 'A' on indicator 'q' twice (also in row 2)");
}

TEST(Ratings, StoredAsCodesIntoTheirLabels) {
  Ratings r("r.csv");
  r.Add("A", "q", "E1", "优", 2);
  r.Add("A", "q", "E2", "良", 3);
  r.Add("B", "q", "E1", "优", 4);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r.labels(Ratings::kEntity), (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(r.labels(Ratings::kValue), (std::vector<std::string>{"优", "良"}));
  EXPECT_EQ(r.codes(Ratings::kExpert).ToVector(), (std::vector<std::int32_t>{0, 1, 0}));
  EXPECT_EQ(r.row(2), 4);          // rows running on from 2 are not stored, but still told
  r.Add("B", "q", "E2", "中", 9);  // a row that does not run on: every row is then kept
  EXPECT_EQ(r.row(1), 3);
  EXPECT_EQ(r.row(3), 9);
  EXPECT_EQ(r.at(3).value, "中");
  // From codes, as pandas.factorize gives them; -1 is an empty cell.
  Ratings c = Ratings::FromCodes({{{"A"}, {"q"}, {"E1", "E2"}, {"优"}}}, {{{0, 0}, {0, 0}, {0, 1}, {0, -1}}}, 2, "f");
  EXPECT_EQ(c.at(1).expert, "E2");
  EXPECT_EQ(c.at(1).value, "");
  EXPECT_EQ(c.row(1), 3);
  EXPECT_THROW_WITH(Ratings::FromCodes({{{"A"}, {"q"}, {"E1"}, {"优"}}}, {{{0}, {0}, {0}, {1}}}, 2, "f"), DataError,
                    "f: a rating's code is outside its labels");
  // In two steps: each label's code once, then ratings by codes (what a reader meeting labels often does).
  Ratings two("t");
  const std::int32_t e2 = two.Code(Ratings::kExpert, "E2"), e1 = two.Code(Ratings::kExpert, "E1");
  EXPECT_EQ(two.Code(Ratings::kExpert, "E2"), e2);  // the same label, the same code
  two.AddCodes(
      {two.Code(Ratings::kEntity, "A"), two.Code(Ratings::kIndicator, "q"), e1, two.Code(Ratings::kValue, "优")}, 2);
  EXPECT_EQ(two.at(0).expert, "E1");
  EXPECT_EQ(two.labels(Ratings::kExpert), (std::vector<std::string>{"E2", "E1"}));
  EXPECT_THROW(two.AddCodes({0, 0, 2, 0}, 3), Error);  // expert 2 has no label
  EXPECT_EQ(two.size(), 1u);
}

// A column's codes take a byte each while it has at most 256 labels and four after: the labels read the same
// on either side of the change, built rating by rating, code by code (labels first, as from pandas'
// categories) or from codes, and merged spellings (NFC) too.
TEST(Ratings, ColumnsOfManyLabelsReadTheSameInEveryWidth) {
  const auto label = [](const char* prefix, int k) { return prefix + std::to_string(k); };
  const int n = 3000;
  Ratings added("a.csv"), coded("c.csv");
  std::array<std::vector<std::string>, 4> labels;
  std::array<std::vector<std::int32_t>, 4> codes;
  // Every label of the columns up front, as ratings_from_categories does: widened before any rating.
  for (int k = 0; k < 300; ++k) coded.Code(Ratings::kExpert, label("E", k));
  for (int k = 0; k < n; ++k) {
    const std::string e = label("S", k % 700), q = label("q", k % 3), x = label("E", k % 300), v = label("", k % 257);
    added.Add(e, q, x, v, k + 2);
    coded.AddCodes({coded.Code(Ratings::kEntity, e), coded.Code(Ratings::kIndicator, q),
                    coded.Code(Ratings::kExpert, x), coded.Code(Ratings::kValue, v)},
                   k + 2);
  }
  for (int c = 0; c < 4; ++c) {
    labels[c] = added.labels(static_cast<Ratings::Column>(c));
    codes[c] = added.codes(static_cast<Ratings::Column>(c)).ToVector();
  }
  const Ratings from = Ratings::FromCodes(labels, codes, 2, "f.csv");
  EXPECT_EQ(added.labels(Ratings::kValue).size(), 257u);  // one past a byte's 256 codes
  EXPECT_EQ(added.labels(Ratings::kIndicator).size(), 3u);
  for (const Ratings* r : std::vector<const Ratings*>{&added, &coded, &from}) {
    ASSERT_EQ(r->size(), static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k) {
      const Rating got = r->at(static_cast<std::size_t>(k));
      ASSERT_EQ(got.entity, label("S", k % 700)) << r->source << " " << k;
      ASSERT_EQ(got.indicator, label("q", k % 3));
      ASSERT_EQ(got.expert, label("E", k % 300));
      ASSERT_EQ(got.value, label("", k % 257));
      ASSERT_EQ(got.row, k + 2);
      for (int c = 0; c < 4; ++c) {
        const auto column = static_cast<Ratings::Column>(c);
        ASSERT_EQ(r->codes(column)[static_cast<std::size_t>(k)], r->Find(column, r->label(column, k)));
      }
    }
  }
  // Two spellings of one expert (decomposed and composed é) after the widening: one label, one code.
  Ratings merged("m.csv");
  for (int k = 0; k < 300; ++k) merged.Add("S", "q", label("E", k), "1");
  merged.Add("S", "q", "Ren\xC3\xA9", "1");
  merged.Add("T", "q", "Rene\xCC\x81", "1");
  merged.NormalizeLabels();
  EXPECT_EQ(merged.at(300).expert, merged.at(301).expert);
  EXPECT_EQ(merged.codes(Ratings::kExpert)[300], merged.codes(Ratings::kExpert)[301]);
}

// Ratings appended column by column, a block at a time, are the ratings appended one by one: the same labels,
// codes and rows, whether the blocks' rows run on, jump (rows then kept one by one) or are 0 (built in code),
// and whether a column is a byte a code or four.
TEST(Ratings, BlocksOfColumnsAreTheRatingsAppendedOneByOne) {
  const auto label = [](const char* prefix, int k) { return prefix + std::to_string(k); };
  struct Block {
    int count, first_row;
  };
  const std::vector<std::vector<Block>> plans = {
      {{1000, 2}, {1000, 1002}, {500, 2002}},  // rows that run on, as ratings_from_columns gives them
      {{700, 2}, {300, 800}},                  // a jump in the rows: kept one by one from there
      {{400, 0}, {400, 0}},                    // built in code: every row 0
      {{300, 0}, {300, 7}},                    // rows given after ratings without
  };
  for (const auto& plan : plans) {
    Ratings blocks("b"), one_by_one("o");
    int k = 0;
    for (const Block& block : plan) {
      std::array<std::vector<std::int32_t>, 4> columns;
      for (int j = 0; j < block.count; ++j, ++k) {
        // 700 entities and 300 values (four bytes a code past 256), 3 items, 5 experts (a byte a code)
        const std::string e = label("S", k % 700), q = label("q", k % 3), x = label("E", k % 5), v = label("", k % 300);
        columns[0].push_back(blocks.Code(Ratings::kEntity, e));
        columns[1].push_back(blocks.Code(Ratings::kIndicator, q));
        columns[2].push_back(blocks.Code(Ratings::kExpert, x));
        columns[3].push_back(blocks.Code(Ratings::kValue, v));
        one_by_one.Add(e, q, x, v, block.first_row > 0 ? block.first_row + j : 0);
      }
      blocks.AddCodes({columns[0].data(), columns[1].data(), columns[2].data(), columns[3].data()}, columns[0].size(),
                      block.first_row);
    }
    ASSERT_EQ(blocks.size(), one_by_one.size());
    for (std::size_t r = 0; r < blocks.size(); ++r) {
      const Rating a = blocks.at(r), b = one_by_one.at(r);
      ASSERT_EQ(std::tie(a.entity, a.indicator, a.expert, a.value, a.row),
                std::tie(b.entity, b.indicator, b.expert, b.value, b.row))
          << "plan of " << plan.size() << " blocks, rating " << r;
    }
  }
  // A code outside its labels (too large or negative) is refused before any rating is appended.
  Ratings r("r");
  const std::int32_t e = r.Code(Ratings::kEntity, "A"), q = r.Code(Ratings::kIndicator, "q"),
                     x = r.Code(Ratings::kExpert, "E1"), v = r.Code(Ratings::kValue, "优");
  const std::vector<std::int32_t> es{e, e}, qs{q, q}, xs{x, x}, vs{v, 1}, negative{v, -1};
  EXPECT_THROW(r.AddCodes({es.data(), qs.data(), xs.data(), vs.data()}, 2, 2), Error);
  EXPECT_THROW(r.AddCodes({es.data(), qs.data(), xs.data(), negative.data()}, 2, 2), Error);
  EXPECT_EQ(r.size(), 0u);
  r.AddCodes({es.data(), qs.data(), xs.data(), vs.data()}, 1, 2);
  EXPECT_EQ(r.at(0).value, "优");
  EXPECT_EQ(r.at(0).row, 2);
}

TEST(Ratings, LargeCohortsCombineOnEveryCoreAsTheyWouldAlone) {
  // 4,000 makerspaces x 2 rated indicators x 5 experts = 40,000 ratings: above the size at which the
  // indicators are combined on several threads. Expert x rates makerspace i at level (i + 2x) mod 4 on
  // q and (i + x) mod 4 on q2 (优 差 中 良 cycle); each trimmed mean is worked out here independently.
  const char* rules = R"(format: makerscore/1
id: e
title: 专家
fields:
  - {id: x, name: 数量}
scales:
  four: {levels: {优: 1, 良: 0.8, 中: 0.6, 差: 0.4}}
indicators:
  - {id: q, name: 定性, weight: 50, rated: {scale: four, combine: trimmed_mean, min_ratings: 3}}
  - {id: q2, name: 定性二, weight: 50, rated: {scale: four, combine: trimmed_mean, min_ratings: 3}}
)";
  Model m = Model::Compile(testing::RulesFromText(rules));
  const int n = 4000;
  const char* levels[] = {"优", "良", "中", "差"};
  const double fraction[] = {1, 0.8, 0.6, 0.4};
  std::vector<std::string> ids;
  auto ratings = std::make_shared<Ratings>("r");
  for (int i = 0; i < n; ++i) {
    ids.push_back("S" + std::to_string(i));
    for (int x = 0; x < 5; ++x) {
      ratings->Add(ids.back(), "q", "E" + std::to_string(x), levels[(i + 2 * x) % 4]);
      ratings->Add(ids.back(), "q2", "E" + std::to_string(x), levels[(i + x) % 4]);
    }
  }
  auto data = std::make_shared<Dataset>(std::vector<std::string>{"x"}, ids, std::vector<std::string>{},
                                        Eigen::MatrixXd::Zero(n, 1));
  Result all = Score(m, data, nullptr, ratings);
  const int q = m.FindNode("q"), q2 = m.FindNode("q2");
  for (int i = 0; i < n; ++i) {
    for (int node : {q, q2}) {
      std::vector<double> f;
      for (int x = 0; x < 5; ++x) f.push_back(fraction[(i + (node == q ? 2 : 1) * x) % 4]);
      std::sort(f.begin(), f.end());
      const double trimmed = (f[1] + f[2] + f[3]) / 3;
      ASSERT_DOUBLE_EQ(all.points()(i, node), trimmed * 50) << ids[i];
    }
  }
  // The first 100 alone (4,000 ratings: one thread) get the same bits.
  auto some =
      std::make_shared<Dataset>(std::vector<std::string>{"x"}, std::vector<std::string>(ids.begin(), ids.begin() + 100),
                                std::vector<std::string>{}, Eigen::MatrixXd::Zero(100, 1));
  auto their = std::make_shared<Ratings>("r");
  for (size_t k = 0; k < 100 * 10; ++k) their->Add(ratings->at(k));
  Result alone = Score(m, some, nullptr, their);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(alone.points()(i, q), all.points()(i, q));
    EXPECT_EQ(alone.points()(i, q2), all.points()(i, q2));
  }
}

bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Item q of a dense combination against the long layout's, bit for bit (W, its p-value, every value and flag);
// counts how many makerspaces' values are missing and how many are flagged for disagreement.
void ExpectTheLongLayoutsBits(const detail::CombinedRatings& dense, const detail::CombinedRatings& long_form,
                              const std::vector<detail::RatedItem>& items, size_t q, const std::string& what,
                              int* missing, int* disagree) {
  EXPECT_FALSE(std::isnan(dense.agreement_w[q])) << items[q].id << " " << what;
  EXPECT_TRUE(SameBits(dense.agreement_w[q], long_form.agreement_w[q])) << items[q].id << " " << what;
  EXPECT_TRUE(SameBits(dense.agreement_p[q], long_form.agreement_p[q])) << items[q].id << " " << what;
  *missing = *disagree = 0;
  for (Eigen::Index e = 0; e < dense.value[q].size(); ++e) {
    ASSERT_TRUE(SameBits(dense.value[q][e], long_form.value[q][e])) << items[q].id << " " << e << " " << what;
    ASSERT_EQ(dense.flags[q][e], long_form.flags[q][e]) << items[q].id << " " << e << " " << what;
    *missing += std::isnan(dense.value[q][e]);
    *disagree += (dense.flags[q][e] & kFlagDisagreement) != 0;
  }
}

// The ratings of n makerspaces S0, S1, ... (their ids into *ids): on every item, by each expert x that
// rates(x) lets rate it, the value value(item).
template <typename Rates, typename Value>
Ratings RateEveryItem(int n, const std::vector<detail::RatedItem>& items, const std::vector<Expert>& panel, Rates rates,
                      Value value, std::vector<std::string>* ids) {
  Ratings ratings("r.csv");
  for (int i = 0; i < n; ++i) {
    ids->push_back("S" + std::to_string(i));
    for (const auto& item : items) {
      for (int x = 0; x < static_cast<int>(panel.size()); ++x) {
        if (rates(x)) ratings.Add(ids->back(), item.id, panel[x].id, value(item), i * 100 + x + 2);
      }
    }
  }
  return ratings;
}

// A scale of labelled levels, each the share of the points it earns.
Scale LevelScale(const std::string& id, std::initializer_list<std::pair<const char*, double>> levels) {
  Scale scale;
  scale.id = id;
  for (auto [label, f] : levels) scale.levels.push_back({label, f});
  return scale;
}

// The dense layout (a regular panel: one byte per indicator x makerspace x expert) and the long one (a run
// of rating numbers per item) must combine to the same bits, whatever the order of the rows.
TEST(Ratings, TheDenseAndLongLayoutsAndAnyRowOrderCombineTheSame) {
  const Scale four = LevelScale("four", {{"优", 1.0}, {"良", 0.8}, {"中", 0.6}, {"差", 0.4}});
  std::vector<Expert> panel;
  for (int x = 0; x < 6; ++x) panel.push_back({"E" + std::to_string(x), "", 0.5 + 0.1 * (x % 3)});
  // Each with a max_cv that some makerspaces' ratings pass: their flags read the coefficient of variation.
  const std::vector<detail::RatedItem> items = {{"a", &four, Combine::kMean, 1, 0.2},
                                                {"b", &four, Combine::kMedian, 2, 0.25},
                                                {"c", &four, Combine::kTrimmedMean, 3, 0.3},
                                                {"d", &four, Combine::kWeightedMean, 1, 0.2}};
  const char* levels[] = {"优", "良", "中", "差"};
  std::mt19937 rng(7);
  std::vector<std::string> ids;
  std::vector<Rating> rows;
  for (int i = 0; i < 300; ++i) {
    ids.push_back("S" + std::to_string(i));
    for (const auto& item : items) {
      for (int x = 0; x < 6; ++x) {
        // Experts E0-E2 rate every makerspace (Kendall's W is theirs); the others 85% of them.
        if (x < 3 || rng() % 100 < 85) rows.push_back({ids.back(), item.id, panel[x].id, levels[rng() % 4], 0});
      }
    }
  }
  auto ratings_of = [&](const std::vector<Rating>& list) {
    Ratings r("r.csv");
    for (size_t k = 0; k < list.size(); ++k)
      r.Add(list[k].entity, list[k].indicator, list[k].expert, list[k].value, static_cast<int>(k) + 2);
    return r;
  };
  const Ratings in_order = ratings_of(rows);
  std::shuffle(rows.begin(), rows.end(), rng);
  const Ratings shuffled = ratings_of(rows);
  const auto dense = detail::CombineRatings(items, panel, ids, in_order, 1);
  const auto long_form = detail::CombineRatings(items, panel, ids, in_order, 1, detail::RatingsLayout::kLong);
  const auto dense_shuffled = detail::CombineRatings(items, panel, ids, shuffled, 2);
  const auto long_shuffled = detail::CombineRatings(items, panel, ids, shuffled, 1, detail::RatingsLayout::kLong);
  EXPECT_TRUE(dense.dense);
  EXPECT_FALSE(long_form.dense);
  for (size_t q = 0; q < items.size(); ++q) EXPECT_FALSE(std::isnan(dense.agreement_w[q])) << items[q].id;
  int values = 0, disagree = 0;
  for (const auto* other : {&long_form, &dense_shuffled, &long_shuffled}) {
    for (size_t q = 0; q < items.size(); ++q) {
      EXPECT_TRUE(SameBits(dense.agreement_w[q], other->agreement_w[q])) << items[q].id;
      EXPECT_TRUE(SameBits(dense.agreement_p[q], other->agreement_p[q])) << items[q].id;
      for (Eigen::Index e = 0; e < 300; ++e) {
        ASSERT_TRUE(SameBits(dense.value[q][e], other->value[q][e])) << items[q].id << " " << ids[e];
        ASSERT_EQ(dense.flags[q][e], other->flags[q][e]) << items[q].id << " " << ids[e];
        values += !std::isnan(dense.value[q][e]);
        disagree += (dense.flags[q][e] & kFlagDisagreement) != 0;
      }
    }
  }
  EXPECT_EQ(values, 3 * 4 * 300);  // three experts rate every makerspace: every item has its ratings
  EXPECT_GT(disagree, 3 * 300 / 10);
  EXPECT_LT(disagree, 3 * 4 * 300 * 9 / 10);
  // By hand, makerspace 0 on d (the weighted mean): its ratings' fractions weighted by the authorities.
  double sum = 0, total = 0;
  for (size_t k = 0; k < in_order.size(); ++k) {
    if (in_order.label(Ratings::kEntity, k) != "S0" || in_order.label(Ratings::kIndicator, k) != "d") continue;
    const int x = in_order.label(Ratings::kExpert, k)[1] - '0';
    const double f[] = {1.0, 0.8, 0.6, 0.4};
    const int level =
        static_cast<int>(std::find_if(std::begin(levels), std::end(levels),
                                      [&](const char* l) { return in_order.label(Ratings::kValue, k) == l; }) -
                         std::begin(levels));
    sum += f[level] * panel[x].authority;
    total += panel[x].authority;
  }
  EXPECT_NEAR(dense.value[3][0], sum / total, 1e-15);
}

// The dense layout reads each makerspace's combined value from a table of every count of each level when the
// table is small (six experts: 7^4 entries for the four levels of five, 7^5 for ten; twelve experts: 13^4 for
// five), and works each one out when it is not (twelve experts on ten: 13^5 entries). Either way it must give the long
// layout's bits, over more makerspaces than one block of work (16,384), on scales with two labels at one level and on a
// scale of numbers, whether or not an item asks for the coefficient of variation.
TEST(Ratings, TheDenseLayoutsTablesOfLevelCountsCombineAsTheLongLayout) {
  Scale five;  // 好 and 优 are one level
  five.id = "five";
  for (auto [label, f] : {std::pair{"优", 1.0}, {"好", 1.0}, {"良", 0.75}, {"中", 0.5}, {"差", 0.0}})
    five.levels.push_back({label, f});
  Scale ten;
  ten.id = "ten";
  ten.min = 0;
  ten.max = 10;
  const char* labels[] = {"优", "好", "良", "中", "差", "0", "2.5", "7", "9.5", "10"};  // 5 on each scale
  for (int experts : {6, 12}) {
    // e without a max_cv: its coefficient of variation is not worked out.
    std::vector<detail::RatedItem> items = {{"a", &five, Combine::kMean, 1, 0.3},
                                            {"b", &five, Combine::kMedian, 4, 0.35},
                                            {"c", &ten, Combine::kTrimmedMean, 3, 0.4},
                                            {"d", &five, Combine::kWeightedMean, 2, 0.3},
                                            {"e", &ten, Combine::kMean, 1}};
    std::vector<Expert> panel;
    for (int x = 0; x < experts; ++x) panel.push_back({"E" + std::to_string(x), "", 0.5 + 0.1 * (x % 4)});
    std::mt19937 rng(11 + experts);
    std::vector<std::string> ids;
    const int n = 20000;
    // E0-E2 rate everyone (Kendall's W is theirs; of twelve experts, E0-E8: too many raters for a table of
    // every sum of ranks); the others about two in three, so counts vary.
    const Ratings ratings = RateEveryItem(
        n, items, panel, [&](int x) { return x < (experts == 12 ? 9 : 3) || rng() % 3 != 0; },
        [&](const detail::RatedItem& item) { return labels[(item.scale == &five ? 0 : 5) + rng() % 5]; }, &ids);
    const auto dense = detail::CombineRatings(items, panel, ids, ratings, 2);
    const auto long_form = detail::CombineRatings(items, panel, ids, ratings, 1, detail::RatingsLayout::kLong);
    ASSERT_TRUE(dense.dense) << experts;
    for (size_t q = 0; q < items.size(); ++q) {
      int missing = 0, disagree = 0;
      ExpectTheLongLayoutsBits(dense, long_form, items, q, std::to_string(experts) + " experts", &missing, &disagree);
      if (items[q].max_cv) {
        EXPECT_GT(disagree, n / 20) << items[q].id << " " << experts;
        EXPECT_LT(disagree, n - n / 20) << items[q].id << " " << experts;
      } else {
        EXPECT_EQ(disagree, 0);
      }
      // b needs 4 ratings: with six experts some makerspaces have 3 (E0-E2 and none of the other three).
      if (q == 1 && experts == 6) EXPECT_GT(missing, 0);
      if (q != 1) EXPECT_EQ(missing, 0) << items[q].id;
    }
  }
}

// Where a makerspace's cells on an item can form fewer tuples than there are makerspaces (four experts, seven
// value labels and the empty cell: 8^4 = 4,096 tuples for 20,000 makerspaces), the dense layout reads each
// makerspace's combined value from a table of every tuple and counts the makerspaces at each tuple, from which
// it works out the experts' counts of each level and Kendall's W. It must give the long layout's bits: on two
// scales (each tuple holding the other's labels is never rated), with the weighted mean (which depends on
// whose rating is whose), items under min_ratings, and two experts who rate only some makerspaces.
TEST(Ratings, TheDenseLayoutsTablesOfTuplesCombineAsTheLongLayout) {
  const Scale four = LevelScale("four", {{"优", 1.0}, {"良", 0.8}, {"中", 0.6}, {"差", 0.4}});
  const Scale three = LevelScale("three", {{"A", 1.0}, {"B", 0.5}, {"C", 0.0}});
  const std::vector<detail::RatedItem> items = {{"a", &four, Combine::kMean, 1, 0.2},
                                                {"b", &four, Combine::kMedian, 3, 0.25},
                                                {"c", &three, Combine::kTrimmedMean, 2},
                                                {"d", &four, Combine::kWeightedMean, 1, 0.2},
                                                {"e", &three, Combine::kWeightedMean, 2, 0.5}};
  std::vector<Expert> panel;
  for (int x = 0; x < 4; ++x) panel.push_back({"E" + std::to_string(x), "", 0.4 + 0.2 * x});
  const char* labels[] = {"优", "良", "中", "差", "A", "B", "C"};
  std::mt19937 rng(5);
  std::vector<std::string> ids;
  const int n = 20000;
  // E0 and E1 rate everyone (Kendall's W is theirs); E2 and E3 two in three.
  const Ratings ratings = RateEveryItem(
      n, items, panel, [&](int x) { return x < 2 || rng() % 3 != 0; },
      [&](const detail::RatedItem& item) { return item.scale == &four ? labels[rng() % 4] : labels[4 + rng() % 3]; },
      &ids);
  const auto dense = detail::CombineRatings(items, panel, ids, ratings, 2);
  const auto long_form = detail::CombineRatings(items, panel, ids, ratings, 1, detail::RatingsLayout::kLong);
  ASSERT_TRUE(dense.dense);
  for (size_t q = 0; q < items.size(); ++q) {
    int missing = 0, disagree = 0;
    ExpectTheLongLayoutsBits(dense, long_form, items, q, "tuples", &missing, &disagree);
    // b needs 3 ratings: E0 and E1 alone (a ninth of the makerspaces) leave it missing.
    if (q == 1) EXPECT_GT(missing, n / 20);
    if (q != 1) EXPECT_EQ(missing, 0) << items[q].id;
    if (items[q].max_cv) EXPECT_GT(disagree, n / 20) << items[q].id;
  }
}

// Kendall's W adds the squared deviations of the sums of ranks exactly and rounds once. Doubled deviations
// 2^27, 1, 1 and 1 square to 2^54 + 3; a quarter of it, 2^52 + 0.75, rounds to 2^52 + 1. Added as doubles one
// by one, 2^52 + 0.25 rounds back to 2^52 each time and the sum stays 2^52, and adding the small ones first
// gives another sum: exactly, any order gives 2^52 + 1.
TEST(Concordance, TheSquaredDeviationsAreAddedExactlyInAnyOrder) {
  // One rater of three items: the doubled mean of the sums of ranks is 1 x (3 + 1) = 4.
  detail::RankSquares big_first(1, 3), small_first(1, 3);
  big_first.Add(4 + (std::int64_t{1} << 27));
  for (int k = 0; k < 3; ++k) big_first.Add(5);
  small_first.Add(3, 3);  // three at once, a deviation of -1
  small_first.Add(4 - (std::int64_t{1} << 27));
  EXPECT_EQ(big_first.Sum(), std::ldexp(1.0, 52) + 1);
  EXPECT_EQ(small_first.Sum(), std::ldexp(1.0, 52) + 1);
  double one_by_one = 0;
  for (double d : {std::ldexp(1.0, 26), 0.5, 0.5, 0.5}) one_by_one += d * d;
  EXPECT_EQ(one_by_one, std::ldexp(1.0, 52));  // what adding doubles gave
}

// Ratings written out as a grid (each makerspace the same indicators and experts in the same order, as
// generate.py and rating forms write them) fill the cube from each row's place. Any row that breaks the grid
// (a value off the scale or empty, a makerspace not in the data or named twice, rows in another order, a
// row too many, an expert off the panel, a rating twice) must give what the long layout gives: the same bits,
// or the same message.
TEST(Ratings, AGridOfRatingsAndEveryWayOfBreakingItCombineAsTheLongLayout) {
  const Scale five = LevelScale("five", {{"优", 1.0}, {"良", 0.75}, {"中", 0.5}, {"差", 0.0}});
  Scale ten;
  ten.id = "ten";
  ten.min = 0;
  ten.max = 10;
  const std::vector<detail::RatedItem> items = {{"a", &five, Combine::kMean, 1, 0.25},
                                                {"b", &ten, Combine::kTrimmedMean, 3, 0.4},
                                                {"c", &five, Combine::kMedian, 1}};
  std::vector<Expert> panel;
  for (int x = 0; x < 4; ++x) panel.push_back({"E" + std::to_string(x), "", 1.0});
  std::vector<std::string> ids;
  for (int i = 0; i < 40; ++i) ids.push_back("S" + std::to_string(i));
  std::mt19937 rng(5);
  const char* words[] = {"优", "良", "中", "差"};
  const char* numbers[] = {"0", "3.5", "7", "10"};
  std::vector<Rating> grid;  // items in the order c, a, b and experts E3 .. E0: not the cube's own order
  for (const auto& id : ids) {
    for (const char* item : {"c", "a", "b"}) {
      for (int x = 3; x >= 0; --x) {
        const bool number = std::string(item) == "b";
        grid.push_back({id, item, "E" + std::to_string(x), number ? numbers[rng() % 4] : words[rng() % 4], 0});
      }
    }
  }
  const size_t last = grid.size() - 1;
  std::vector<std::pair<std::string, std::vector<Rating>>> cases = {{"the grid", grid}};
  auto changed = [&](const std::string& what, const std::function<void(std::vector<Rating>*)>& change) {
    std::vector<Rating> rows = grid;
    change(&rows);
    cases.emplace_back(what, rows);
  };
  changed("the last value off the scale", [&](auto* r) { (*r)[last].value = "11"; });
  changed("a value empty", [&](auto* r) { (*r)[200].value = ""; });
  changed("a makerspace not in the data", [&](auto* r) {
    for (size_t k = 12 * 7; k < 12 * 8; ++k) (*r)[k].entity = "S99";
  });
  changed("the last makerspace named twice", [&](auto* r) {
    for (size_t k = 12 * 39; k < r->size(); ++k) (*r)[k].entity = "S0";
  });
  changed("two rows of a makerspace swapped", [&](auto* r) { std::swap((*r)[12 * 9 + 1], (*r)[12 * 9 + 2]); });
  changed("a row too many", [&](auto* r) { r->push_back({"S5", "a", "E9", "优", 0}); });
  changed("a rating twice in the first makerspace", [&](auto* r) { (*r)[1].expert = "E3"; });
  changed("a rating twice in every makerspace", [&](auto* r) {
    for (size_t k = 1; k < r->size(); k += 12) (*r)[k].expert = "E3";
  });
  changed("a rating off the scale, then the same expert's rating twice", [&](auto* r) {
    (*r)[0].value = "坏";  // the first row: S0, c, E3
    r->push_back({"S0", "c", "E3", "优", 0});
    r->push_back({"S0", "c", "E3", "良", 0});  // twice: also in the row before, not the first row
  });
  changed("an expert off the panel", [&](auto* r) {
    for (size_t k = 0; k < r->size(); k += 12) (*r)[k].expert = "E7";
  });
  changed("the last makerspace without its last row", [&](auto* r) { r->pop_back(); });
  for (const auto& [what, rows] : cases) {
    Ratings ratings("r.csv");
    for (size_t k = 0; k < rows.size(); ++k)
      ratings.Add(rows[k].entity, rows[k].indicator, rows[k].expert, rows[k].value, static_cast<int>(k) + 2);
    std::string dense_error, long_error;
    detail::CombinedRatings dense, long_form;
    try {
      dense = detail::CombineRatings(items, panel, ids, ratings, 1);
    } catch (const DataError& e) {
      dense_error = e.what();
    }
    try {
      long_form = detail::CombineRatings(items, panel, ids, ratings, 1, detail::RatingsLayout::kLong);
    } catch (const DataError& e) {
      long_error = e.what();
    }
    EXPECT_EQ(dense_error, long_error) << what;
    EXPECT_EQ(dense_error.empty(), what == "the grid" || what == "two rows of a makerspace swapped" ||
                                       what == "the last makerspace without its last row")
        << what << ": " << dense_error;
    if (!dense_error.empty()) continue;
    EXPECT_TRUE(dense.dense) << what;
    for (size_t q = 0; q < items.size(); ++q) {
      EXPECT_TRUE(SameBits(dense.agreement_w[q], long_form.agreement_w[q])) << what << " " << items[q].id;
      for (Eigen::Index e = 0; e < 40; ++e) {
        ASSERT_TRUE(SameBits(dense.value[q][e], long_form.value[q][e])) << what << " " << items[q].id << " " << e;
        ASSERT_EQ(dense.flags[q][e], long_form.flags[q][e]) << what << " " << items[q].id << " " << e;
      }
    }
  }
}

// A panel of many experts who each rate a few makerspaces is kept in the long layout: a cube of it would be
// mostly empty. A duplicate is found in either layout, naming both rows.
TEST(Ratings, ASparsePanelStaysLongAndDuplicatesAreFoundInBoth) {
  Scale four;
  four.id = "four";
  for (auto [label, f] : {std::pair{"优", 1.0}, {"良", 0.8}}) four.levels.push_back({label, f});
  const std::vector<detail::RatedItem> items = {{"a", &four, Combine::kMean, 1}};
  std::vector<std::string> ids;
  Ratings sparse("r.csv");
  for (int i = 0; i < 2000; ++i) {
    ids.push_back("S" + std::to_string(i));
    sparse.Add(ids.back(), "a", "E" + std::to_string(i % 500), "优", i + 2);
  }
  EXPECT_FALSE(detail::CombineRatings(items, {}, ids, sparse, 1).dense);  // 2,000 x 500 cells for 2,000 ratings
  Ratings twice("r.csv");
  twice.Add("S0", "a", "E1", "优", 2);
  twice.Add("S1", "a", "E1", "优", 3);
  twice.Add("S0", "a", "E1", "良", 4);
  for (auto layout : {detail::RatingsLayout::kDenseWhenRegular, detail::RatingsLayout::kLong}) {
    EXPECT_THROW_WITH(detail::CombineRatings(items, {}, ids, twice, 1, layout), DataError,
                      "r.csv:4: expert 'E1' rated entity 'S0' on indicator 'a' twice (also in row 2)");
  }
}

TEST(Ratings, RequiredWhenTheRulesHaveQualitativeIndicators) {
  Model m = Model::Compile(testing::RulesFromText(kRules));
  auto data = std::make_shared<Dataset>(ParseDatasetCsv("id,x\nA,1\n", m.rules(), "d.csv"));
  EXPECT_THROW_WITH(Score(m, data), DataError, "this rule file has indicators rated by experts (q)");
}

}  // namespace
}  // namespace makerscore

namespace makerscore {
namespace {

// A panel with authorities, a banded scale, a numeric scale and a disagreement threshold.
const char* kPanel = R"(format: makerscore/1
id: p
title: 专家组
fields: [{id: x, name: 数量}]
experts:
  - {id: E1, name: 甲专家, authority: 0.9}
  - {id: E2, name: 乙专家, authority: 0.6}
  - {id: E3, name: 丙专家}
scales:
  four: {levels: {优: 1, 良: 0.8, 中: 0.6, 差: 0.4}}
  banded: {bands: {好: [31, 40], 较好: [21, 30], 一般: [11, 20], 差: [0, 10]}}
  five: {min: 0, max: 5}
indicators:
  - {id: W, name: 加权, weight: 40, rated: {scale: four, combine: weighted_mean, max_cv: 0.3}}
  - {id: B, name: 分档, weight: 30, rated: {scale: banded}}
  - {id: K, name: 一致, weight: 30, rated: {scale: five}}
)";

Result ScorePanel(const std::string& ratings) {
  Model m = Model::Compile(testing::RulesFromText(kPanel));
  auto data = std::make_shared<Dataset>(ParseDatasetCsv("id,x\nA,1\nB,2\nC,3\n", m.rules(), "d.csv"));
  return Score(m, data, nullptr, std::make_shared<Ratings>(ParseRatingsCsv(ratings, "r.csv")));
}

// K: the scores of the ties example of delphi_test.cpp (raters E1-E3, items A-C): W = 150 / 180.
const char* kK = "A,K,E1,5\nB,K,E1,5\nC,K,E1,3\nA,K,E2,4\nB,K,E2,3\nC,K,E2,2\nA,K,E3,5\nB,K,E3,4\nC,K,E3,4\n";

TEST(Panel, AuthorityWeightedMeanBandsAndDisagreement) {
  Result r = ScorePanel(std::string("entity,indicator,expert,rating\n") +
                        "A,W,E1,优\nA,W,E2,中\n"  // (0.9 x 1 + 0.6 x 0.6) / 1.5 = 0.84; CV of (1, 0.6) = 0.4714
                        "B,W,E1,优\nB,W,E2,良\n"  // (0.9 + 0.48) / 1.5 = 0.92; CV of (1, 0.8) = 0.1571
                        "A,B,E1,35\n"             // 35 / 40
                        "B,B,E1,较好\n" +         // the band's midpoint 25.5 / 40
                        kK);
  const Model& m = r.model();
  int w = m.FindNode("W"), b = m.FindNode("B"), k = m.FindNode("K");
  EXPECT_NEAR(r.scores()(0, w), 0.84, 1e-12);
  EXPECT_NEAR(r.scores()(1, w), 0.92, 1e-12);
  EXPECT_TRUE(r.flags()(0, w) & kFlagDisagreement);   // 0.4714 > 0.3
  EXPECT_FALSE(r.flags()(1, w) & kFlagDisagreement);  // 0.1571
  EXPECT_NEAR(r.scores()(0, b), 35.0 / 40, 1e-12);
  EXPECT_NEAR(r.scores()(1, b), 25.5 / 40, 1e-12);
  EXPECT_NEAR(r.stats()[k].agreement_w, 150.0 / 180, 1e-12);
  EXPECT_NEAR(r.stats()[k].agreement_p, std::exp(-2.5), 1e-12);
  std::string text = Explain(r, "A", "W");
  EXPECT_NE(text.find("expert E1 (authority 0.9): 优 = 1"), std::string::npos) << text;
  EXPECT_NE(text.find("the experts disagree"), std::string::npos) << text;
}

TEST(Panel, UnknownExpertsAndOffScaleBands) {
  EXPECT_THROW_WITH(ScorePanel("entity,indicator,expert,rating\nA,W,E9,优\n"), DataError,
                    "r.csv:2: expert 'E9' is not on the rule file's panel");
  EXPECT_THROW_WITH(ScorePanel("entity,indicator,expert,rating\nA,B,E1,41\n"), DataError,
                    "rating '41' of indicator 'B' is not on the scale 'banded' (points within a band, or a band's "
                    "label: 好 31-40, 较好 21-30, 一般 11-20, 差 0-10)");
  EXPECT_THROW_WITH(ScorePanel("entity,indicator,expert,rating\nA,B,E1,10.5\n"), DataError, "is not on the scale");
}

TEST(Panel, RuleFileChecks) {
  std::string no_panel = kPanel;
  no_panel.replace(no_panel.find("experts:"), no_panel.find("scales:") - no_panel.find("experts:"), "");
  EXPECT_NE(testing::ErrorsOf(no_panel).find("'weighted_mean' weighs ratings by the experts' authority"),
            std::string::npos);
  std::string overlap = kPanel;
  overlap.replace(overlap.find("较好: [21, 30]"), std::string("较好: [21, 30]").size(), "较好: [21, 32]");
  EXPECT_NE(testing::ErrorsOf(overlap).find("the bands '好' and '较好' overlap"), std::string::npos);
}

}  // namespace
}  // namespace makerscore
