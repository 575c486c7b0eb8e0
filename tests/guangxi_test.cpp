// rules/guangxi-2019.yaml: faithful to its source, and scoring as worked out by hand.
#include <cmath>
#include <regex>
#include <sstream>

#include "test_util.h"

namespace makerscore {
namespace {

struct SourceIndicator {
  std::string id, name, type;
  double weight;
};

// The table of second-level indicators, read from the source document itself:
// a line "\t<id><name>", then "\t<points>", then "\t定量" or "\t定性".
std::vector<SourceIndicator> SourceTable() {
  std::istringstream in(
      testing::ReadText(testing::SourcePath("docs/sources/guangxi-2019-makerspace-evaluation-indicators.txt")));
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<SourceIndicator> out;
  std::regex head("^\t(\\d\\.\\d)(.+)$");
  for (size_t i = 0; i + 2 < lines.size(); ++i) {
    std::smatch m;
    if (!std::regex_match(lines[i], m, head)) continue;
    out.push_back({m[1], m[2], lines[i + 2].substr(1), std::stod(lines[i + 1].substr(1))});
  }
  return out;
}

RuleSet Guangxi() { return LoadRulesOrThrow(testing::SourcePath("rules/guangxi-2019.yaml")); }

TEST(GuangxiRules, FirstLevelAsTheSourceStates) {
  // 众创空间评价指标体系由运行管理、服务能力、服务绩效、社会效益四个一级指标构成，指标权重分别为15%、25%、40%、20%。
  RuleSet r = Guangxi();
  ASSERT_EQ(r.indicators.size(), 4u);
  const char* names[] = {"运行管理", "服务能力", "服务绩效", "社会效益"};
  double weights[] = {15, 25, 40, 20};
  for (int k = 0; k < 4; ++k) {
    EXPECT_EQ(r.indicators[k].name, names[k]);
    EXPECT_EQ(r.indicators[k].weight, weights[k]);
  }
  EXPECT_EQ(r.total, 100);
}

TEST(GuangxiRules, EverySecondLevelIndicatorQuotedExactly) {
  std::vector<SourceIndicator> source = SourceTable();
  ASSERT_EQ(source.size(), 21u) << "the source lists 21 second-level indicators";
  RuleSet r = Guangxi();
  int quantitative = 0, qualitative = 0;
  for (const auto& s : source) {
    const Indicator* ind = r.FindIndicator(s.id);
    ASSERT_NE(ind, nullptr) << s.id;
    EXPECT_EQ(ind->name, s.name) << s.id;
    EXPECT_EQ(ind->weight, s.weight) << s.id;
    EXPECT_TRUE(ind->is_leaf());
    if (s.type == "定量") {
      ++quantitative;
      EXPECT_TRUE(ind->score.has_value()) << s.id << " is 定量 in the source";
    } else {
      ++qualitative;
      EXPECT_EQ(s.type, "定性");
      EXPECT_TRUE(ind->rated.has_value()) << s.id << " is 定性 in the source";
    }
  }
  // 其中，一级指标4项，二级指标21项，包括定量指标12项，定性指标9项。
  EXPECT_EQ(quantitative, 12);
  EXPECT_EQ(qualitative, 9);
}

TEST(GuangxiRules, FormulasOfTheSource) {
  RuleSet r = Guangxi();
  // 3.2: （（服务收入+投资收入）/总收入）×100%
  EXPECT_EQ(r.FindIndicator("3.2")->value, "(income_service + income_investment) / income_total");
  // 2.2: 对接企业和团队数量与创业导师数量的比例
  EXPECT_EQ(r.FindIndicator("2.2")->value, "mentor_pairings / mentors");
  // 3.1, 4.2 and 2.5 are growth rates against last year.
  Model m = Model::Compile(r);
  EXPECT_TRUE(m.uses_previous_year());
  EXPECT_NE(r.FindIndicator("3.1")->value.find("(income_total - prev(income_total)) / prev(income_total)"),
            std::string::npos);
  EXPECT_NE(r.FindIndicator("4.2")->value.find("(graduates - prev(graduates)) / prev(graduates)"), std::string::npos);
}

TEST(GuangxiRules, AssumptionsAreMarked) {
  std::string text = testing::ReadText(testing::SourcePath("rules/guangxi-2019.yaml"));
  // The source gives no scoring curves, scale, zero-base rule, missing-data rule or grade cut-offs.
  for (const char* topic :
       {"ASSUMPTION (scoring curves)", "ASSUMPTION: the source names the 9 qualitative", "ASSUMPTION (zero base)",
        "ASSUMPTION: an indicator whose value cannot be computed", "ASSUMPTION: the cut-offs"}) {
    EXPECT_NE(text.find(topic), std::string::npos) << topic;
  }
}

// Three makerspaces built so that every number can be worked out by hand.
// This year:
const char* kThisYear =
    "id,name,workstations,mentors,mentor_pairings,teams_served,startups_served,income_total,income_service,"
    "income_investment,income_rent,income_other,financed_teams,financing_amount,ip_count,new_companies,trainees,"
    "jobs,graduates\n"
    "A,甲,200,8,40,30,30,520,100,30,300,90,10,1000,50,12,800,300,30\n"
    "B,乙,50,10,10,10,10,100,50,10,40,0,0,0,0,0,100,40,0\n"
    "C,丙,125,0,0,20,20,300,60,0,200,40,5,500,25,6,450,170,10\n";
// Last year (only teams/startups, income_total and graduates matter):
const char* kLastYear =
    "id,name,workstations,mentors,mentor_pairings,teams_served,startups_served,income_total,income_service,"
    "income_investment,income_rent,income_other,financed_teams,financing_amount,ip_count,new_companies,trainees,"
    "jobs,graduates\n"
    "A,甲,0,0,0,20,20,400,0,0,0,0,0,0,0,0,0,0,20\n"
    "B,乙,0,0,0,15,10,0,0,0,0,0,0,0,0,0,0,0,0\n"
    "C,丙,0,0,0,20,20,300,0,0,0,0,0,0,0,0,0,0,10\n";

std::string AllRatings() {
  // A: 优 from all five experts on all nine items; B: 差 from all;
  // C: 优 优 良 中 差, whose trimmed mean is (0.6 + 0.8 + 1.0) / 3 = 0.8.
  const char* items[] = {"1.1", "1.2", "1.3", "2.3", "2.4", "3.7", "3.9", "4.3", "4.4"};
  const char* c_levels[] = {"优", "优", "良", "中", "差"};
  std::string csv = "entity,indicator,expert,rating\n";
  for (const char* item : items) {
    for (int e = 0; e < 5; ++e) {
      std::string expert = "E" + std::to_string(e + 1);
      csv += std::string("A,") + item + "," + expert + ",优\n";
      csv += std::string("B,") + item + "," + expert + ",差\n";
      csv += std::string("C,") + item + "," + expert + "," + c_levels[e] + "\n";
    }
  }
  return csv;
}

class GuangxiScoring : public ::testing::Test {
 protected:
  void SetUp() override {
    Model m = Model::Compile(Guangxi());
    auto now = std::make_shared<Dataset>(ParseDatasetCsv(kThisYear, m.rules(), "2019.csv"));
    auto last = std::make_shared<Dataset>(ParseDatasetCsv(kLastYear, m.rules(), "2018.csv"));
    auto ratings = std::make_shared<Ratings>(ParseRatingsCsv(AllRatings(), "ratings.csv"));
    result_ = std::make_unique<Result>(Score(m, now, last, ratings));
  }
  double Points(int entity, const char* id) { return result_->points()(entity, result_->model().FindNode(id)); }
  std::unique_ptr<Result> result_;
};

TEST_F(GuangxiScoring, GrowthRatesFromTheSourceFormulas) {
  // 3.1 A: (520 - 400) / 400 = 0.3; goalposts 0..0.5 -> 0.6; x 4 = 2.4 points.
  EXPECT_DOUBLE_EQ(result_->values()(0, result_->model().FindNode("3.1")), 0.3);
  EXPECT_NEAR(Points(0, "3.1"), 2.4, 1e-12);
  // 3.1 B: last year 0, this year 100: zero base counts as 100% growth -> full 4.
  EXPECT_DOUBLE_EQ(Points(1, "3.1"), 4);
  // 2.5 A: (60 - 40) / 40 = 0.5 -> full 7; B: (20 - 25) / 25 = -0.2 -> 0 (capped); C: 0 -> 0.
  EXPECT_DOUBLE_EQ(Points(0, "2.5"), 7);
  EXPECT_DOUBLE_EQ(result_->values()(1, result_->model().FindNode("2.5")), -0.2);
  EXPECT_DOUBLE_EQ(Points(1, "2.5"), 0);
  // 4.2 A: (30 - 20) / 20 = 0.5 -> 7; B: 0 from 0 -> 0; C: (10 - 10) / 10 = 0 -> 0.
  EXPECT_DOUBLE_EQ(Points(0, "4.2"), 7);
  EXPECT_DOUBLE_EQ(Points(1, "4.2"), 0);
  EXPECT_DOUBLE_EQ(Points(2, "4.2"), 0);
}

TEST_F(GuangxiScoring, IncomeShareAndMentorRatio) {
  // 3.2: A (100 + 30) / 520 = 0.25 -> 0.25 / 0.5 = 0.5 -> 2; B 0.6 -> capped 1 -> 4; C 0.2 -> 0.4 -> 1.6.
  EXPECT_DOUBLE_EQ(Points(0, "3.2"), 2);
  EXPECT_DOUBLE_EQ(Points(1, "3.2"), 4);
  EXPECT_NEAR(Points(2, "3.2"), 1.6, 1e-12);
  // 2.2: A 40 / 8 = 5, B 10 / 10 = 1, C 0 / 0 divides by zero -> missing -> 0 points.
  // Min-max over {5, 1}: A 5 points, B 0.
  EXPECT_DOUBLE_EQ(Points(0, "2.2"), 5);
  EXPECT_DOUBLE_EQ(Points(1, "2.2"), 0);
  EXPECT_DOUBLE_EQ(Points(2, "2.2"), 0);
  EXPECT_TRUE(result_->flags()(2, result_->model().FindNode("2.2")) & kFlagDivisionByZero);
}

TEST_F(GuangxiScoring, TotalsRanksAndGradesByHand) {
  // A: quantitative 3 + 5 + 7 + 2.4 + 2 + 4 + 6 + 4 + 5 + 4 + 5 + 7 = 54.4; qualitative all 优: 42. Total 96.4.
  // B: quantitative 3.1 4 + 3.2 4 = 8; qualitative all 差 0.4 x 42 = 16.8. Total 24.8.
  // C: every min-max count at 0.5: 2.1 1.5, 3.3 2, 3.4 3, 3.5 2, 3.6 2.5, 3.8 2, 4.1 2.5 = 15.5;
  //    plus 3.2 1.6 = 17.1; qualitative 0.8 x 42 = 33.6. Total 50.7.
  EXPECT_NEAR(result_->total(0), 96.4, 1e-9);
  EXPECT_NEAR(result_->total(1), 24.8, 1e-9);
  EXPECT_NEAR(result_->total(2), 50.7, 1e-9);
  EXPECT_EQ(result_->rank(0), 1);
  EXPECT_EQ(result_->rank(2), 2);
  EXPECT_EQ(result_->rank(1), 3);
  EXPECT_EQ(result_->grade(0), "优");
  EXPECT_EQ(result_->grade(2), "中");
  EXPECT_EQ(result_->grade(1), "差");
  // First-level subtotals of C: 运行管理 0.8 x 15 = 12;
  // 服务绩效 = 0 + 1.6 + 2 + 3 + 2 + 2.5 + 0.8 x 5 + 2 + 0.8 x 4 = 20.3.
  EXPECT_NEAR(Points(2, "1"), 12, 1e-9);
  EXPECT_NEAR(Points(2, "3"), 20.3, 1e-9);
}

TEST(GuangxiExample, TheBundledCohortScores) {
  Model m = Model::Compile(Guangxi());
  auto now = std::make_shared<Dataset>(
      ReadDatasetCsv(testing::SourcePath("examples/data/guangxi-example-2019.csv"), m.rules()));
  auto last = std::make_shared<Dataset>(
      ReadDatasetCsv(testing::SourcePath("examples/data/guangxi-example-2018.csv"), m.rules()));
  auto ratings =
      std::make_shared<Ratings>(ReadRatingsCsv(testing::SourcePath("examples/data/guangxi-example-ratings.csv")));
  Result r = Score(m, now, last, ratings);
  EXPECT_GE(r.entity_count(), 30);
  // Every makerspace gets a total within 0..100 and a grade; subtotals add up.
  for (int i = 0; i < r.entity_count(); ++i) {
    EXPECT_GE(r.total(i), 0);
    EXPECT_LE(r.total(i), 100);
    EXPECT_FALSE(r.grade(i).empty());
    double sum = 0;
    for (int c : m.nodes()[0].children) sum += r.points()(i, c);
    EXPECT_NEAR(sum, r.total(i), 1e-9);
  }
}

}  // namespace
}  // namespace makerscore
