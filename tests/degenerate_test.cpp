// Inputs that break no rule but would give wrong numbers without a word
// (issue 14): arithmetic that overflows to infinity, weights whose sum
// overflows, last year's data the same as this year's, a ratings file
// without ratings, an indicator no entity has a value for.
#include <thread>

#include "test_util.h"

namespace makerscore {
namespace {

using testing::RulesFromText;

const char* kRules = R"(format: makerscore/1
id: d
title: 退化
fields:
  - {id: income, name: 收入}
  - {id: staff, name: 人员}
scales:
  level: {levels: {优: 1, 良: 0.5}}
indicators:
  - {id: A, name: 收入, weight: 50, value: income * 1e300 * 1e300, score: {method: minmax}}
  - {id: B, name: 人员, weight: 30, value: staff, score: {method: minmax}}
  - {id: R, name: 评, weight: 20, rated: {scale: level}}
grades: [{grade: 优, min: 90}, {grade: 良, min: 0}]
)";

std::shared_ptr<Dataset> Data(const Model& m, const std::string& csv, const std::string& source = "d.csv") {
  return std::make_shared<Dataset>(ParseDatasetCsv(csv, m.rules(), source));
}

std::shared_ptr<Ratings> SomeRatings() {
  return std::make_shared<Ratings>(
      ParseRatingsCsv("entity,indicator,expert,rating\nS1,R,E1,优\nS2,R,E1,良\nS3,R,E1,良\n", "r.csv"));
}

TEST(NonFinite, AFormulaThatOverflowsIsFlaggedAndEarnsNothing) {
  // income * 1e300 * 1e300 is beyond 1.8e308 for every income but 0. Before, every such value was inf, min-max
  // over inf gave everyone the same score, and everyone got A's 50 points.
  Model m = Model::Compile(RulesFromText(kRules));
  Result r = Score(m, Data(m, "id,income,staff\nS1,5,10\nS2,0,20\nS3,7,30\n"), nullptr, SomeRatings());
  const int a = 1;  // node of A
  EXPECT_TRUE(r.flags()(0, a) & kFlagNotFinite);
  EXPECT_FALSE(r.flags()(1, a) & kFlagNotFinite);  // 0 * 1e300 * 1e300 = 0
  EXPECT_TRUE(r.flags()(2, a) & kFlagNotFinite);
  EXPECT_TRUE(std::isnan(r.values()(0, a)));
  // Only S2 has a value for A, so min-max has no spread: S2 earns A's 50; S1 and S3, missing, earn 0 (the default
  // missing policy). B: (staff - 10) / 20 x 30: 0, 15, 30. R: 20 x 1, 0.5, 0.5.
  EXPECT_DOUBLE_EQ(r.points()(0, a), 0);
  EXPECT_DOUBLE_EQ(r.total(0), 0 + 0 + 20);
  EXPECT_DOUBLE_EQ(r.total(1), 50 + 15 + 10);
  EXPECT_DOUBLE_EQ(r.total(2), 0 + 30 + 10);
  EXPECT_EQ(FlagNames(kFlagNotFinite), std::vector<std::string>{"not_finite"});
  EXPECT_THAT_CONTAINS(Explain(r, "S1", "A"), "the arithmetic overflowed (a number beyond about 1.8e308)");
}

TEST(NonFinite, AMethodWhoseCohortRangeOverflowsScoresNothing) {
  // Values of +-1e308 are finite, but max - min is not: min-max would give 0 or NaN scores without a reason.
  std::string rules = kRules;
  rules.replace(rules.find("income * 1e300 * 1e300"), 22, "income * 1e300");
  Model m = Model::Compile(RulesFromText(rules));
  Result r = Score(m, Data(m, "id,income,staff\nS1,100000000,10\nS2,-100000000,20\nS3,0,30\n"), nullptr, SomeRatings());
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(r.flags()(i, 1) & kFlagNotFinite) << i;
    EXPECT_DOUBLE_EQ(r.points()(i, 1), 0) << i;
  }
}

TEST(NonFinite, WeightsWhoseSumOverflowsAreARuleFileError) {
  std::string rules = kRules;
  rules.replace(rules.find("grades:"), 0, "weighting: relative\n");
  for (const char* w : {"weight: 50", "weight: 30"}) rules.replace(rules.find(w), 10, "weight: 1e308");
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(rules),
                       "error: the weights of the children of the rule set's total add up to more than the largest "
                       "number makerscore holds (about 1.8e308): 1e+308 + 1e+308 + 20; use smaller weights");
}

TEST(Warnings, AVetoWhoseConditionOverflowsSaysSo) {
  // staff * 1e300 * 1e300 < 5 has no value where staff > 0: the veto cannot fire there, and the run says so.
  std::string rules = kRules;
  rules.replace(rules.find("income * 1e300 * 1e300"), 22, "income");
  rules.replace(rules.find("grades:"), 0,
                "vetoes:\n  - {id: V1, name: 人员太少, when: staff * 1e300 * 1e300 < 5, grade: 良}\n");
  Model m = Model::Compile(RulesFromText(rules));
  const auto w = Score(m, Data(m, "id,income,staff\nS1,5,0\nS2,6,20\nS3,7,30\n"), nullptr, SomeRatings()).warnings();
  EXPECT_EQ(w, std::vector<std::string>{"the formula of the veto 'V1' overflowed (a number beyond about 1.8e308) for 2 "
                                        "entities: its condition has no value for them, so it does not apply to them; "
                                        "check their data"});
}

TEST(Warnings, LastYearTheSameAsThisYear) {
  std::string rules = kRules;
  rules.replace(rules.find("income * 1e300 * 1e300"), 22, "income / prev(income)");
  Model m = Model::Compile(RulesFromText(rules));
  const std::string csv = "id,income,staff\nS1,5,10\nS2,6,20\nS3,7,30\n";
  auto now = Data(m, csv, "2019.csv");
  EXPECT_EQ(
      Score(m, now, now, SomeRatings()).warnings(),
      std::vector<std::string>{"last year's data (2019.csv) is the same as this year's (2019.csv): every indicator "
                               "that compares with last year (prev(...)) compares a year with itself; give last "
                               "year's own file"});
  // The same content read from another file is caught too; other figures last year are not.
  EXPECT_EQ(Score(m, now, Data(m, csv, "copy.csv"), SomeRatings()).warnings().size(), 1u);
  EXPECT_TRUE(Score(m, now, Data(m, "id,income,staff\nS1,4,10\nS2,6,20\nS3,7,30\n", "2018.csv"), SomeRatings())
                  .warnings()
                  .empty());
}

TEST(Warnings, ARatingsFileWithOnlyItsHeader) {
  std::string rules = kRules;
  rules.replace(rules.find("income * 1e300 * 1e300"), 22, "income");
  Model m = Model::Compile(RulesFromText(rules));
  auto empty = std::make_shared<Ratings>(ParseRatingsCsv("entity,indicator,expert,rating\n", "r.csv"));
  const auto w = Score(m, Data(m, "id,income,staff\nS1,5,10\nS2,6,20\n"), nullptr, empty).warnings();
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0],
            "the ratings file r.csv holds no ratings (only its header?): the indicators rated by experts (R) have "
            "no value for anyone");
  EXPECT_EQ(w[1],
            "indicator R (评) has no value for any of the 2 entities (no usable rating): the missing-data policy "
            "decides everyone's points for it");
}

TEST(Warnings, AnIndicatorMissingForTheWholeCohort) {
  std::string rules = kRules;
  rules.replace(rules.find("income * 1e300 * 1e300"), 22, "income");
  Model m = Model::Compile(RulesFromText(rules));
  const auto w = Score(m, Data(m, "id,income,staff\nS1,5,\nS2,6,\nS3,7,\n"), nullptr, SomeRatings()).warnings();
  EXPECT_EQ(
      w, std::vector<std::string>{"indicator B (人员) has no value for any of the 3 entities (its data are missing in "
                                  "every row): the missing-data policy decides everyone's points for it"});
}

TEST(Threads, EightThreadsScoreOneModelAlike) {
  // A Model and the datasets are immutable: shared by 8 threads, each scoring gives the same totals.
  std::string rules = kRules;
  rules.replace(rules.find("income * 1e300 * 1e300"), 22, "income");
  const Model m = Model::Compile(RulesFromText(rules));
  auto data = Data(m, "id,income,staff\nS1,5,10\nS2,6,20\nS3,7,30\n");
  auto ratings = SomeRatings();
  const Result reference = Score(m, data, nullptr, ratings);
  std::vector<int> same(8, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 50; ++k) {
        const Result r = Score(m, data, nullptr, ratings);
        bool equal = true;
        for (int i = 0; i < 3; ++i) equal &= r.total(i) == reference.total(i) && r.rank(i) == reference.rank(i);
        same[t] += equal;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(same, std::vector<int>(8, 50));
}

}  // namespace
}  // namespace makerscore
