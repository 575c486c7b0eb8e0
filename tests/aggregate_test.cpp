// Aggregating the tree: kinds of mean, classes of entities, excluded children.
#include <cmath>
#include <cstring>
#include <random>

#include "scoring/steps.h"
#include "test_util.h"

namespace makerscore {
namespace {

// A group G of two children scored 0.25 and 1 (goalposts 0..100 on 25 and 100), equal weights.
std::string Rules(const std::string& aggregate) {
  return R"(format: makerscore/1
id: a
title: 汇总
weighting: relative
fields: [{id: a, name: 甲}, {id: b, name: 乙}]
indicators:
  - id: G
    name: 组
    weight: 1
    )" + aggregate +
         R"(
    children:
      - {id: A, name: 甲, weight: 1, value: a, score: {method: goalposts, low: 0, high: 100}}
      - {id: B, name: 乙, weight: 1, value: b, score: {method: goalposts, low: 0, high: 100}}
)";
}

double Total(const std::string& aggregate) {
  Model m = Model::Compile(testing::RulesFromText(Rules(aggregate)));
  Result r = Score(m, std::make_shared<Dataset>(ParseDatasetCsv("id,a,b\nX,25,100\n", m.rules(), "d.csv")));
  return r.total(0);
}

TEST(Aggregate, KindsOfMeanByHand) {
  // arithmetic: (0.25 + 1) / 2 = 0.625 -> 62.5 points of 100.
  EXPECT_DOUBLE_EQ(Total("aggregate: arithmetic"), 62.5);
  // geometric: sqrt(0.25 x 1) = 0.5.
  EXPECT_NEAR(Total("aggregate: geometric"), 50, 1e-12);
  // harmonic: 1 / (0.5 / 0.25 + 0.5 / 1) = 1 / 2.5 = 0.4.
  EXPECT_NEAR(Total("aggregate: harmonic"), 40, 1e-12);
  // power 2: sqrt(0.5 x 0.0625 + 0.5 x 1) = sqrt(0.53125).
  EXPECT_NEAR(Total("aggregate: power\n    power: 2"), 100 * std::sqrt(0.53125), 1e-12);
}

TEST(Aggregate, ZeroUnderGeometricMeanIsZero) {
  Model m = Model::Compile(testing::RulesFromText(Rules("aggregate: geometric")));
  Result r = Score(m, std::make_shared<Dataset>(ParseDatasetCsv("id,a,b\nX,0,100\n", m.rules(), "d.csv")));
  EXPECT_DOUBLE_EQ(r.total(0), 0);
}

TEST(Aggregate, PowerZeroIsRefused) {
  std::string e = testing::ErrorsOf(Rules("aggregate: power\n    power: 0"));
  EXPECT_NE(e.find("'aggregate: power' needs a 'power' other than 0"), std::string::npos) << e;
}

TEST(Aggregate, MeansThatNeedNonNegativeScoresRefuseChildrenThatCanGoBelowZero) {
  // Found by the property tests: a z-score under a geometric mean made the group undefined (NaN) for
  // makerspaces below the cohort mean, and raising such a value could lower the total.
  std::string text = Rules("aggregate: geometric");
  text.replace(text.find("score: {method: goalposts, low: 0, high: 100}}\n      - {id: B"),
               std::string("score: {method: goalposts, low: 0, high: 100}}").size(), "score: {method: zscore}}");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(text),
                       "'aggregate: geometric' needs scores of 0 or more, but 'A' (zscore) "
                       "can score below 0");
  std::string harmonic = Rules("aggregate: harmonic");
  harmonic.replace(harmonic.find("high: 100}}\n      - {id: B"), std::string("high: 100}}").size(),
                   "high: 100, clamp: false}}");
  harmonic.replace(harmonic.find("method: goalposts"), std::string("method: goalposts").size(), "method: efficacy");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(harmonic), "but 'A' (efficacy with clamp: false) can score below 0");
}

const char* kClasses = R"(format: makerscore/1
id: c
title: 分类
fields:
  - {id: type, name: 类型, kind: category}
  - {id: a, name: 甲}
  - {id: b, name: 乙}
classes: {field: type, labels: [综合, 专业]}
indicators:
  - {id: A, name: 甲, weight: {综合: 60, 专业: 30}, value: a, score: {method: goalposts, low: 0, high: 10}}
  - {id: B, name: 乙, weight: {综合: 40, 专业: 70}, value: b, score: {method: goalposts, low: 0, high: 10}}
)";

TEST(Classes, EachClassHasItsOwnWeights) {
  Model m = Model::Compile(testing::RulesFromText(kClasses));
  // Both earn full marks on A and nothing on B: 综合 60 points, 专业 30.
  auto d = std::make_shared<Dataset>(ParseDatasetCsv("id,type,a,b\nX,综合,10,0\nY,专业,10,0\n", m.rules(), "d.csv"));
  Result r = Score(m, d);
  EXPECT_DOUBLE_EQ(r.total(0), 60);
  EXPECT_DOUBLE_EQ(r.total(1), 30);
  EXPECT_EQ(r.entity_class(1), 1);
  EXPECT_NE(Explain(r, "Y").find("class: 专业 (type)"), std::string::npos);
}

// The head of a rule file with two classes of makerspace, 综合 and 专业 (the category field type), and the
// fields area and events; the indicators follow.
std::string TwoClasses(const std::string& missing) {
  return "format: makerscore/1\nid: c\ntitle: 类\nmissing: " + missing + R"y(
fields:
  - {id: type, name: 类型, kind: category}
  - {id: area, name: 孵化面积}
  - {id: events, name: 活动场次, kind: count}
classes: {field: type, labels: [综合, 专业]}
indicators:
)y";
}

// A cohort of n makerspaces for TwoClasses (seeded): a third 专业, a fifth without area, a tenth without events.
std::string TwoClassesCohort(int n) {
  std::mt19937 random(17);
  std::string csv = "id,type,area,events\n";
  for (int i = 0; i < n; ++i) {
    const auto draw = random() % 10;
    csv += "E" + std::to_string(i) + (random() % 3 == 0 ? ",专业," : ",综合,") +
           (draw < 2 ? "" : std::to_string(random() % 900)) + "," + (draw == 3 ? "" : std::to_string(random() % 50)) +
           "\n";
  }
  return csv;
}

// The weighted sum of a group, written out from its definition for every makerspace of a cohort of 10,000:
// the shares of the children present (each class its own, or one set of shares for all without classes)
// added in the children's order, then 0 plus each share / that sum x the child's score, in the same order.
// The group's score must be those bits.
TEST(Aggregate, TheWeightedSumIsEachMakerspacesSharesOfItsChildrenPresent) {
  const std::string children =
      R"y(  - {id: A, name: 面积, weight: {综合: 30, 专业: 0}, value: area, score: {method: minmax}}
  - {id: S, name: 服务, weight: {综合: 45, 专业: 60}, value: events, score: {method: goalposts, low: 0, high: 40}}
  - {id: T, name: 团队, weight: {综合: 25, 专业: 40}, value: area / (events + 1), score: {method: minmax}}
)y";
  std::string one_class = TwoClasses("exclude") +
                          R"y(  - {id: A, name: 面积, weight: 30, value: area, score: {method: minmax}}
  - {id: S, name: 服务, weight: 45, value: events, score: {method: goalposts, low: 0, high: 40}}
  - {id: T, name: 团队, weight: 25, value: area / (events + 1), score: {method: minmax}}
)y";
  const std::string classes_line = "classes: {field: type, labels: [综合, 专业]}\n";
  one_class.erase(one_class.find(classes_line), classes_line.size());
  const int n = 10000;
  const std::string csv = TwoClassesCohort(n);
  for (const bool classes : {true, false}) {
    Model m = Model::Compile(testing::RulesFromText(classes ? TwoClasses("exclude") + children : one_class));
    Result r = Score(m, std::make_shared<Dataset>(ParseDatasetCsv(csv, m.rules(), "d.csv")));
    // The weights over their sum, 100: 综合 (and everyone without classes), then 专业.
    const double share[2][3] = {{0.30, 0.45, 0.25}, {0.0, 0.60, 0.40}};
    int without = 0;
    for (int i = 0; i < n; ++i) {
      const int c = classes ? r.entity_class(i) : 0;
      double d = 0;
      for (int j = 0; j < 3; ++j) d += !std::isnan(r.scores()(i, j + 1)) && share[c][j] > 0 ? share[c][j] : 0.0;
      double sum = 0;
      for (int j = 0; j < 3; ++j) {
        const double x = r.scores()(i, j + 1);
        sum += std::isnan(x) || share[c][j] <= 0 ? 0.0 : share[c][j] / d * x;
      }
      if (d == 0) {
        ++without;
        EXPECT_TRUE(std::isnan(r.scores()(i, 0))) << i;
        continue;
      }
      const double got = r.scores()(i, 0);
      ASSERT_EQ(std::memcmp(&got, &sum, sizeof sum), 0)
          << (classes ? "classes, " : "") << "makerspace " << i << ": " << got << " " << sum;
    }
    // With classes, 专业 with neither events nor a team figure has nothing to count (without classes, area
    // then still counts).
    if (classes) EXPECT_GT(without, 0);
  }
}

template <typename A>
bool SameBits(const A& a, const A& b) {
  return a.size() == b.size() && (a.size() == 0 || std::memcmp(a.data(), b.data(), sizeof(*a.data()) * a.size()) == 0);
}

// ScoreDetail::kTotals scores a tree aggregated entity by entity group by group, each group's leaves just
// before it (engine.cpp: ScoreStreamed), and any other tree as kOutcomes: either way the totals, ranks,
// grades, flags and shares of the full detail, to the bit. Trees with classes, nested groups, other means,
// AHP, and the Guangxi rules on the bundled cohort with its experts' ratings; weights derived from the
// cohort and an aggregation over it take the other way.
TEST(Aggregate, TheTotalsDetailScoresGroupByGroupToTheSameBits) {
  const std::string nested = R"y(  - id: G
    name: 场地
    weight: {综合: 55, 专业: 35}
    children:
      - {id: A, name: 面积, weight: {综合: 30, 专业: 0}, value: area, score: {method: minmax}}
      - {id: T, name: 团队, weight: {综合: 25, 专业: 35}, value: area / (events + 1), score: {method: minmax}}
  - id: H
    name: 服务
    weight: {综合: 45, 专业: 65}
    children:
      - {id: S, name: 服务, weight: {综合: 25, 专业: 40}, value: events, score: {method: goalposts, low: 0, high: 40}}
      - id: K
        name: 活动
        weight: {综合: 20, 专业: 25}
        children:
          - {id: E, name: 场次, weight: {综合: 8, 专业: 10}, value: events, missing: zero, score: {method: minmax}}
          - {id: F, name: 面积, weight: {综合: 12, 专业: 15}, value: area, score: {method: goalposts, low: 0, high: 500}}
)y";
  const std::string means = R"y(format: makerscore/1
id: m
title: 均值
weighting: relative
missing: exclude
fields: [{id: area, name: 面积}, {id: events, name: 场次}]
indicators:
  - id: G
    name: 几何
    weight: 1
    aggregate: geometric
    children:
      - {id: A, name: 面积, weight: 1, value: area, score: {method: goalposts, low: 0, high: 900}}
      - {id: S, name: 场次, weight: 2, value: events + 1, score: {method: goalposts, low: 0, high: 51}}
  - id: H
    name: 层次
    weight: 1
    weights: {method: ahp, matrix: [[1, 3], [1/3, 1]]}
    children:
      - {id: B, name: 面积, value: area, score: {method: minmax}}
      - {id: C, name: 场次, value: events, score: {method: minmax}}
)y";
  auto with = [&](const std::string& from, const std::string& to) {
    std::string text = means;
    return text.replace(text.find(from), from.size(), to);
  };
  const std::string derived = with("{method: ahp, matrix: [[1, 3], [1/3, 1]]}", "{method: entropy}");
  const std::string topsis = with("aggregate: geometric", "aggregate: {method: topsis}");
  const std::string cohort = TwoClassesCohort(3000);
  struct Case {
    const char* what;
    std::string rules;
    bool by_group;  // scored group by group
  };
  const std::vector<Case> cases = {{"classes, nested", TwoClasses("exclude") + nested, true},
                                   {"classes, missing zero", TwoClasses("zero") + nested, true},
                                   {"a geometric mean and AHP", means, true},
                                   {"entropy weights", derived, false},
                                   {"topsis", topsis, false},
                                   {"guangxi", "", true}};
  int checked = 0;
  for (const Case& c : cases) {
    const bool guangxi = c.rules.empty();
    const Model m = Model::Compile(guangxi ? LoadRulesOrThrow(testing::SourcePath("rules/guangxi-2019.yaml"))
                                           : testing::RulesFromText(c.rules));
    EXPECT_EQ(detail::EntityByEntity(m.nodes()), c.by_group) << c.what;
    Cohort inputs;
    if (guangxi) {
      inputs.current = std::make_shared<Dataset>(
          ReadDatasetCsv(testing::SourcePath("examples/data/guangxi-example-2019.csv"), m.rules()));
      inputs.previous = std::make_shared<Dataset>(
          ReadDatasetCsv(testing::SourcePath("examples/data/guangxi-example-2018.csv"), m.rules()));
      inputs.ratings =
          std::make_shared<Ratings>(ReadRatingsCsv(testing::SourcePath("examples/data/guangxi-example-ratings.csv")));
    } else {
      inputs.current = std::make_shared<Dataset>(ParseDatasetCsv(cohort, m.rules(), "d.csv"));
    }
    const Result full = Score(m, inputs);
    ScoreOptions options;
    options.detail = ScoreDetail::kTotals;
    const Result totals = Score(m, inputs, options);
    ASSERT_TRUE(SameBits(full.flags(), totals.flags())) << c.what;
    ASSERT_EQ(full.shares(), totals.shares()) << c.what;
    ASSERT_EQ(full.warnings(), totals.warnings()) << c.what;
    for (int i = 0; i < full.entity_count(); ++i) {
      const double a = full.total(i), b = totals.total(i);
      ASSERT_EQ(std::memcmp(&a, &b, sizeof a), 0) << c.what << ", entity " << i << ": " << a << " " << b;
      ASSERT_EQ(full.rank(i), totals.rank(i)) << c.what;
      ASSERT_EQ(full.grade(i), totals.grade(i)) << c.what;
      checked += !std::isnan(a);
    }
    EXPECT_THROW(totals.scores(), Error);
  }
  EXPECT_GT(checked, 4 * 2000);
}

TEST(Classes, PointsRulesWithEachClassesOwnPointsAndIndicatorsThatDoNotApply) {
  // A Torch-style class evaluation: 专业 spaces are not judged on 孵化面积 (weight 0 there) and earn their
  // points on 服务 instead. 服务 is written as points (2 per event), capped at 40 (综合) or 70 (专业).
  Model m = Model::Compile(testing::RulesFromText(
      TwoClasses("error") +
      R"y(  - {id: A, name: 面积, weight: {综合: 30, 专业: 0}, value: area, score: {method: goalposts, low: 0, high: 1000}}
  - {id: S, name: 服务, weight: {综合: 40, 专业: 70}, value: events * 2, score: {method: points}}
  - {id: T, name: 团队, weight: 30, value: "if(type == \"专业\", 30, 15)", score: {method: points}}
)y"));
  // X 综合: area 500 -> 0.5 x 30 = 15; 25 events -> 50 points, capped at 40; 15: 70.
  // Y 专业: no area reported, which does not count for 专业; 25 events -> 50 of 70; 30: 80.
  // Z 专业: 40 events -> 80, capped at 70; 30: 100.
  Result r = Score(m, std::make_shared<Dataset>(ParseDatasetCsv(
                          "id,type,area,events\nX,综合,500,25\nY,专业,,25\nZ,专业,,40\n", m.rules(), "d.csv")));
  EXPECT_DOUBLE_EQ(r.total(0), 70);
  EXPECT_DOUBLE_EQ(r.total(1), 80);
  EXPECT_DOUBLE_EQ(r.total(2), 100);
  EXPECT_TRUE(r.flags()(0, 2) & kFlagCapped);
  EXPECT_FALSE(r.flags()(1, 2) & kFlagCapped);
  EXPECT_TRUE(r.flags()(2, 2) & kFlagCapped);
  // The blank area is neither missing nor a reason to leave Y without a total (missing: error).
  EXPECT_EQ(r.flags()(1, 1), 0);
  EXPECT_EQ(FormatTable(r).find("missing from the data"), std::string::npos) << FormatTable(r);
  const std::string y = Explain(r, "Y");
  EXPECT_THAT_CONTAINS(y, "A 面积: weighted 0 for the class 专业, so it does not count");
  EXPECT_THAT_CONTAINS(y, "S 服务 (max 70 points)");
  EXPECT_THAT_CONTAINS(y, "the formula gives 50 points: score = ");
  EXPECT_THAT_CONTAINS(Explain(r, "Z"), "the formula gives 80 points, capped at the indicator's 70");
  // A label no makerspace has is most likely misspelt: said, with the labels there are.
  Model typo = Model::Compile(testing::RulesFromText(R"y(format: makerscore/1
id: c
title: 类
fields: [{id: type, name: 类型, kind: category}, {id: a, name: 甲}]
indicators:
  - {id: A, name: 甲, weight: 100, value: "if(type == \"专叶\", a, 0)", score: {
method:
  points}
  }
)y"));
  Result t = Score(typo, std::make_shared<Dataset>(ParseDatasetCsv("id,type,a\nX,专业,5\n", typo.rules(), "d.csv")));
  bool warned = false;
  for (const auto& w : t.warnings()) {
    warned |= w.find("the formula of indicator A compares type (类型) with \"专叶\", which no entity has") !=
              std::string::npos;
  }
  EXPECT_TRUE(warned);
}

TEST(Classes, UnknownClassIsAnErrorNamingTheRow) {
  Model m = Model::Compile(testing::RulesFromText(kClasses));
  auto d = std::make_shared<Dataset>(ParseDatasetCsv("id,type,a,b\nX,综合,1,1\nY,混合,1,1\n", m.rules(), "d.csv"));
  EXPECT_THROW_WITH(Score(m, d), DataError,
                    "d.csv:3: column 'type' is '混合', which is none of the classes 综合, 专业");
}

TEST(Classes, WeightsMustAddUpForEveryClass) {
  std::string text = kClasses;
  text.replace(text.find("专业: 70"), std::string("专业: 70").size(), "专业: 60");
  std::string e = testing::ErrorsOf(text);
  EXPECT_NE(e.find("for the class '专业' add up to 30 + 60 = 90, not 100"), std::string::npos) << e;
  std::string missing = kClasses;
  missing.replace(missing.find(", 专业: 70"), std::string(", 专业: 70").size(), "");
  EXPECT_NE(testing::ErrorsOf(missing).find("no weight for the class '专业'"), std::string::npos);
}

}  // namespace
}  // namespace makerscore
