// Outcomes: bonus and deductions, vetoes, grades by cut-off and by share.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <sstream>

#include "scoring/best_first.h"
#include "test_util.h"

namespace makerscore {
namespace {

// One indicator worth 100 points (the formula gives the points directly),
// bonus and deduction items, vetoes.
std::string Rules(const std::string& bonus_extra = "") {
  return R"(format: makerscore/1
id: o
title: 结果
fields:
  - {id: base, name: 基础分}
  - {id: honours, name: 获奖数量, kind: count}
  - {id: events, name: 活动场次, kind: count}
  - {id: accidents, name: 安全事故, kind: count}
  - {id: residents, name: 常驻团队数量, kind: count}
  - {id: submitted, name: 是否提交统计, kind: flag}
indicators:
  - {id: A, name: 基础, weight: 100, value: base, score: {method: points}}
bonus:
  max: 6
  )" + bonus_extra +
         R"(
  items:
    - {id: B1, name: 获得荣誉, value: honours * 1, max: 5}
    - {id: B2, name: 举办活动, value: events * 0.5}
deductions:
  max: 10
  items:
    - {id: D1, name: 发生安全事故, value: accidents * 5}
vetoes:
  - {id: V1, name: 常驻团队少于10个, when: residents < 10, grade: 差}
  - {id: V2, name: 未提交统计数据, when: "coalesce(submitted, 0) == 0", exclude: true}
grades:
  - {grade: 优, min: 90}
  - {grade: 良, min: 75}
  - {grade: 差}
)";
}

const char* kData =
    "id,base,honours,events,accidents,residents,submitted\n"
    "P,90,7,6,0,20,1\n"  // bonus 5 (capped) + 3 = 8 -> 6 (all items at most 6): 96
    "Q,98,2,0,0,20,1\n"  // bonus 2: 100
    "R,95,0,0,3,20,1\n"  // deduction 15 -> 10 (all at most 10): 85
    "S,99,0,0,0,5,1\n"   // 99 but fewer than 10 teams: grade 差
    "T,97,0,0,0,20,\n";  // statistics not submitted: no rank, no grade

Result RunRules(const std::string& rules) {
  Model m = Model::Compile(testing::RulesFromText(rules));
  return Score(m, std::make_shared<Dataset>(ParseDatasetCsv(kData, m.rules(), "d.csv")));
}

TEST(Adjustments, BonusAndDeductionsWithTheirCaps) {
  Result r = RunRules(Rules());
  EXPECT_DOUBLE_EQ(r.adjustment_points()(0, 0), 5);  // B1: 7 x 1 capped at 5
  EXPECT_DOUBLE_EQ(r.adjustment_points()(0, 1), 3);  // B2: 6 x 0.5
  EXPECT_DOUBLE_EQ(r.total(0), 96);                  // 90 + min(8, 6)
  EXPECT_DOUBLE_EQ(r.total(1), 100);                 // 98 + 2, outside the 100: not capped
  EXPECT_DOUBLE_EQ(r.adjustment_points()(2, 2), 15);
  EXPECT_DOUBLE_EQ(r.total(2), 85);        // 95 - min(15, 10)
  EXPECT_DOUBLE_EQ(r.points()(0, 0), 90);  // the indicators' points stay apart
}

TEST(Adjustments, BonusWithinTheTotal) {
  Result r = RunRules(Rules("within_total: true"));
  EXPECT_DOUBLE_EQ(r.total(0), 96);
  EXPECT_DOUBLE_EQ(r.total(1), 100);  // 98 + 2 = 100 exactly
  Model m = Model::Compile(testing::RulesFromText(Rules("within_total: true")));
  Result s =
      Score(m, std::make_shared<Dataset>(ParseDatasetCsv(
                   "id,base,honours,events,accidents,residents,submitted\nZ,99,5,0,0,20,1\n", m.rules(), "z.csv")));
  EXPECT_DOUBLE_EQ(s.total(0), 100);  // 99 + 5 capped at the full 100
}

TEST(Adjustments, ACapThatBitesIsFlaggedAndShownWithTheClaim) {
  // P claims a bonus of 5 + 3 = 8 and gets 6 (all items at most 6); R claims deductions of 15 and loses 10.
  // Q's bonus of 2 is within every cap. With within_total, Z's 99 + 5 stops at 100.
  Result r = RunRules(Rules());
  EXPECT_TRUE(r.flags()(0, 0) & kFlagAdjustmentCapped);
  EXPECT_FALSE(r.flags()(1, 0) & kFlagAdjustmentCapped);
  EXPECT_TRUE(r.flags()(2, 0) & kFlagAdjustmentCapped);
  const std::string p = Explain(r, "P");
  EXPECT_THAT_CONTAINS(p, "total: 96 of 100 plus a bonus of at most 6, rank 3 of 4");
  EXPECT_THAT_CONTAINS(p, "bonus: 8 claimed in all, 6 counted (at most 6 in all; flagged adjustment_capped)");
  EXPECT_THAT_CONTAINS(Explain(r, "R"), "deductions: 15 claimed in all, 10 counted");
  EXPECT_THAT_CONTAINS(FormatTable(r), "加分8分，按上限计6分");
  std::ostringstream csv;
  WriteCsv(r, csv);
  EXPECT_THAT_CONTAINS(csv.str(), "total:adjustment_capped");
  EXPECT_THAT_CONTAINS(ToJson(r), "\"bonus_claimed\": 8");

  Model m = Model::Compile(testing::RulesFromText(Rules("within_total: true")));
  Result s =
      Score(m, std::make_shared<Dataset>(ParseDatasetCsv(
                   "id,base,honours,events,accidents,residents,submitted\nZ,99,5,0,0,20,1\n", m.rules(), "z.csv")));
  EXPECT_TRUE(s.flags()(0, 0) & kFlagAdjustmentCapped);
  EXPECT_THAT_CONTAINS(Explain(s, "Z"), "total: 100 of 100, rank 1");  // within the total: no "plus a bonus"
  EXPECT_THAT_CONTAINS(Explain(s, "Z"), "the total is 100, not 104: the bonus stops at the total's maximum");
}

TEST(Vetoes, ForceAGradeOrExclude) {
  Result r = RunRules(Rules());
  // Ranked: Q 100, S 99, P 96, R 85 (T excluded).
  EXPECT_EQ(r.rank(1), 1);
  EXPECT_EQ(r.rank(3), 2);
  EXPECT_EQ(r.rank(0), 3);
  EXPECT_EQ(r.rank(2), 4);
  EXPECT_EQ(r.rank(4), 0);
  EXPECT_EQ(r.ranked_count(), 4);
  EXPECT_EQ(r.grade(3), "差");  // 99 points, vetoed by V1
  EXPECT_EQ(r.grade(4), "");    // vetoed by V2
  EXPECT_DOUBLE_EQ(r.total(4), 97);
  ASSERT_EQ(r.vetoes(3).size(), 1u);
  EXPECT_EQ(r.vetoes(3)[0], 0);
  std::string text = Explain(r, "S");
  EXPECT_NE(text.find("veto V1: 常驻团队少于10个 (residents < 10): grade 差 at best"), std::string::npos) << text;
  EXPECT_NE(Explain(r, "T").find("not ranked"), std::string::npos);
}

TEST(Grades, ByCutOff) {
  Result r = RunRules(Rules());
  EXPECT_EQ(r.grade(0), "优");  // 96
  EXPECT_EQ(r.grade(1), "优");  // 100
  EXPECT_EQ(r.grade(2), "良");  // 85
}

TEST(Grades, ByShareAndBoth) {
  // 10 makerspaces, totals 95, 90, 85, 82, 70, 65, 60, 55, 50, 40.
  // 优 needs 80 and the top 20% (rank <= 2); 良 needs 60; 中 takes the rest.
  const char* rules = R"(format: makerscore/1
id: g
title: 等级
fields: [{id: p, name: 分}]
indicators:
  - {id: A, name: 甲, weight: 100, value: p, score: {method: points}}
grades:
  - {grade: 优, min: 80, top: 20%}
  - {grade: 良, min: 60}
  - {grade: 中}
)";
  Model m = Model::Compile(testing::RulesFromText(rules));
  std::string csv = "id,p\n";
  const int totals[] = {95, 90, 85, 82, 70, 65, 60, 55, 50, 40};
  for (int k = 0; k < 10; ++k) csv += "E" + std::to_string(k) + "," + std::to_string(totals[k]) + "\n";
  Result r = Score(m, std::make_shared<Dataset>(ParseDatasetCsv(csv, m.rules(), "g.csv")));
  const char* expected[] = {"优", "优", "良", "良", "良", "良", "良", "中", "中", "中"};
  for (int k = 0; k < 10; ++k) EXPECT_EQ(r.grade(k), expected[k]) << "E" << k;
  // Why this grade. 优's cut-off in this cohort is the higher of its 80 and the total of its last place (the
  // 2nd, 90): 90. 良's is 60; 中 has no condition, so any total: 0.
  const std::vector<double> cut = GradeCutoffs(r);
  ASSERT_EQ(cut.size(), 3u);
  EXPECT_NEAR(cut[0], 90, 1e-9);
  EXPECT_NEAR(cut[1], 60, 1e-9);
  EXPECT_EQ(cut[2], 0);
  // E2 (85, 良) is 5 short of 优 and 25 above 良's cut-off; E6 (60, 良) sits on it: 0 above, near (1% of
  // 100 is 1 point); E7 (55, 中) is 5 short of 良 and in the lowest grade; E1 (90) is on 优's cut-off.
  GradeMargin e2 = MarginOf(r, 2, cut);
  EXPECT_TRUE(e2.by_total);
  EXPECT_EQ(e2.next_up, "优");
  EXPECT_NEAR(e2.to_next_up, 5, 1e-9);
  EXPECT_EQ(e2.next_down, "中");
  EXPECT_NEAR(e2.above_cutoff, 25, 1e-9);
  EXPECT_FALSE(e2.near);
  const GradeMargin e6 = MarginOf(r, 6, cut);
  EXPECT_NEAR(e6.above_cutoff, 0, 1e-9);
  EXPECT_TRUE(e6.near);
  const GradeMargin e7 = MarginOf(r, 7, cut);
  EXPECT_NEAR(e7.to_next_up, 5, 1e-9);
  EXPECT_TRUE(std::isnan(e7.above_cutoff));
  EXPECT_EQ(e7.next_down, "");
  EXPECT_TRUE(MarginOf(r, 1, cut).near);
  EXPECT_EQ(MarginOf(r, 0, cut).next_up, "");
  EXPECT_NEAR(MarginOf(r, 0, cut).above_cutoff, 5, 1e-9);
  // A stated margin: within 6 points, E2's 5 to 优 is near too.
  std::string wide = rules;
  wide.replace(wide.find("grades:"), 7, "boundary_margin: 6\ngrades:");
  Model mw = Model::Compile(testing::RulesFromText(wide));
  Result rw = Score(mw, std::make_shared<Dataset>(ParseDatasetCsv(csv, mw.rules(), "g.csv")));
  EXPECT_TRUE(MarginOf(rw, 2, GradeCutoffs(rw)).near);
  EXPECT_THAT_CONTAINS(Explain(rw, "E2"),
                       "grade cut-offs in this cohort: 优 90, 良 60, 中 0\n  5 points short of 优\n"
                       "  25 points above the cut-off of 良 (below it: 中)\n  near a grade boundary");
}

// 13 makerspaces with totals 99, 97, ..., 75 (two points apart), one field `provincial` (省级优良) and a
// field `failed` (连续两年不合格 reported as a flag, for E1 and E12), graded by a rule file of the kind a notice
// writes.
Result GradeCohort(const std::string& grades, const std::string& vetoes = "") {
  const std::string rules = R"(format: makerscore/1
id: g
title: 等级
fields: [{id: p, name: 分}, {id: provincial, name: 省级优良, kind: flag}, {id: failed, name: 连续不合格, kind: flag}]
indicators:
  - {id: A, name: 甲, weight: 100, value: p, score: {method: points}}
)" + vetoes + "grades:\n" + grades;
  Model m = Model::Compile(testing::RulesFromText(rules));
  std::string csv = "id,p,provincial,failed\n";
  for (int k = 0; k < 13; ++k) {
    csv += "E" + std::to_string(k) + "," + std::to_string(99 - 2 * k) + "," + (k == 9 ? "1" : "0") + "," +
           (k == 1 || k == 12 ? "1" : "0") + "\n";
  }
  return Score(m, std::make_shared<Dataset>(ParseDatasetCsv(csv, m.rules(), "g.csv")));
}

TEST(Grades, ShareCutOffsRoundAsTheFileSays) {
  // 20% of 13 ranked is 2.6 places: down 2, nearest 3, up 3. 1/6 of 13 is 2.17: down 2, nearest 2, up 3.
  auto count = [](const Result& r, const std::string& label) {
    int n = 0;
    for (int i = 0; i < r.entity_count(); ++i) n += r.grade(i) == label;
    return n;
  };
  Result unstated = GradeCohort("  - {grade: 优, top: 20%}\n  - {grade: 良}\n");
  EXPECT_EQ(count(unstated, "优"), 2);
  bool warned = false;
  for (const auto& w : unstated.warnings())
    warned |= w.find("20% of the 13 ranked is 2.6 places, counted down to 2") != std::string::npos;
  EXPECT_TRUE(warned);
  EXPECT_EQ(count(GradeCohort("  - {grade: 优, top: 20%, round: down}\n  - {grade: 良}\n"), "优"), 2);
  EXPECT_EQ(count(GradeCohort("  - {grade: 优, top: 20%, round: nearest}\n  - {grade: 良}\n"), "优"), 3);
  EXPECT_EQ(count(GradeCohort("  - {grade: 优, top: 20%, round: up}\n  - {grade: 良}\n"), "优"), 3);
  EXPECT_EQ(count(GradeCohort("  - {grade: 优, top: 1/6, round: nearest}\n  - {grade: 良}\n"), "优"), 2);
  EXPECT_EQ(count(GradeCohort("  - {grade: 优, top: 1/6, round: up}\n  - {grade: 良}\n"), "优"), 3);
  // The first N: rank 1 is 特优, the next two (ranks 2 and 3) 优 if they also reach 90 points.
  Result first = GradeCohort("  - {grade: 特优, rank: 1}\n  - {grade: 优, rank: 3, min: 90}\n  - {grade: 良}\n");
  EXPECT_EQ(first.grade(0), "特优");  // 99
  EXPECT_EQ(first.grade(1), "优");    // 97, rank 2
  EXPECT_EQ(first.grade(2), "优");    // 95, rank 3
  EXPECT_EQ(first.grade(3), "良");    // 93, rank 4
}

TEST(Grades, DirectGradesAndGradesOnlyAVetoGives) {
  // 省级优良 直接认定为优: E9 (81 points) is 优 whatever its total, and leaves the base that top counts:
  // 20% of the other 12 is 2.4 places, down to 2: ranks 1 and 2, E0 (99) and E1 (97), earn 优 by their
  // totals. But 连续两年不合格 -> 取消资格: E1 is vetoed to the grade 取消资格, which nothing but the veto
  // gives; it keeps its place, so E2 (95, rank 3 of the 12) is past the 2 places.
  Result r = GradeCohort(
      "  - {grade: 优, when: provincial == 1, top: 20%}\n"
      "  - {grade: 良, min: 80}\n"
      "  - {grade: 取消资格, by_veto_only: true}\n"
      "  - {grade: 中}\n",
      "vetoes:\n  - {id: V, name: 连续两年不合格, when: failed == 1, grade: 取消资格}\n");
  EXPECT_EQ(r.grade(9), "优");  // 81 points, given directly
  EXPECT_EQ(r.direct_grade(9), 0);
  EXPECT_EQ(r.grade(0), "优");        // 99, first of the 12
  EXPECT_EQ(r.grade(1), "取消资格");  // 97, vetoed
  EXPECT_EQ(r.grade(2), "良");        // 95: rank 3 of the 12, past the 2 places
  EXPECT_EQ(r.grade(10), "中");       // 79
  // E12 (75) earns 中, listed after 取消资格; the veto's grade is an outcome off the scale, not a ceiling
  // that 中 would already meet.
  EXPECT_EQ(r.grade(12), "取消资格");
  EXPECT_EQ(r.rank(9), 10);  // its rank by total is kept
  EXPECT_NE(Explain(r, "E9").find("grade 优 given directly (provincial == 1)"), std::string::npos) << Explain(r, "E9");
  // Every output says why: the table's 说明, the CSV's graded_directly and vetoes, the JSON.
  const std::string table = FormatTable(r);
  EXPECT_THAT_CONTAINS(table, "直接认定为优（provincial == 1）");
  EXPECT_THAT_CONTAINS(table, "一票否决：连续两年不合格，取消资格");
  std::ostringstream csv;
  WriteCsv(r, csv);
  EXPECT_THAT_CONTAINS(csv.str(), ",vetoes,graded_directly,flags,to_next_grade,above_cutoff,near_boundary\n");
  EXPECT_THAT_CONTAINS(csv.str(), ",E9,,81,优,81,,provincial == 1,");
  EXPECT_THAT_CONTAINS(csv.str(), ",E1,,97,取消资格,97,V,,");
  // Graded directly or by a veto, not by the total: no distance to a cut-off.
  EXPECT_THAT_CONTAINS(csv.str(), ",E9,,81,优,81,,provincial == 1,,,,\n");
  EXPECT_THAT_CONTAINS(csv.str(), ",E1,,97,取消资格,97,V,,,,,\n");
  EXPECT_THAT_CONTAINS(ToJson(r), "\"graded_directly\": \"provincial == 1\"");
}

TEST(Grades, AnUndecidableDirectGradeIsNamed) {
  // E9's 省级优良 left blank: the condition cannot be decided, so E9 is graded by its total, with a warning.
  const std::string rules = R"(format: makerscore/1
id: g
title: 等级
fields: [{id: p, name: 分}, {id: provincial, name: 省级优良, kind: flag}]
indicators:
  - {id: A, name: 甲, weight: 100, value: p, score: {method: points}}
grades:
  - {grade: 优, when: provincial == 1, min: 90}
  - {grade: 良}
)";
  Model m = Model::Compile(testing::RulesFromText(rules));
  Result r =
      Score(m, std::make_shared<Dataset>(ParseDatasetCsv("id,p,provincial\nE0,95,0\nE9,81,\n", m.rules(), "g.csv")));
  EXPECT_EQ(r.grade(1), "良");
  EXPECT_EQ(r.direct_grade(1), -1);
  bool named = false;
  for (const auto& w : r.warnings())
    named |= w.find("grade 优 given directly when provincial == 1: cannot be decided for 1 (E9)") != std::string::npos;
  EXPECT_TRUE(named);
}

TEST(Grades, OrderAndConditionsAreChecked) {
  const char* unreachable = R"(format: makerscore/1
id: g
title: 等级
fields: [{id: p, name: 分}]
indicators:
  - {id: A, name: 甲, weight: 100, value: p, score: {method: points}}
grades:
  - {grade: 良, min: 60}
  - {grade: 优, min: 85}
)";
  EXPECT_NE(testing::ErrorsOf(unreachable).find("grade '优' needs 85 but the earlier grade '良' needs only 60"),
            std::string::npos);
}

TEST(Grades, WithoutIndicatorsGradesComeFromConditionsAlone) {
  // A 合格评定 that is a list of vetoes: 通过 unless a veto says 不通过, 免评 (exempt) given directly to a
  // 国家级 space. A: 10 staff, audited: 通过. B: 3 staff: V1. C: not audited: V2. D: 国家级 with 2 staff:
  // 免评 directly, but V1 still applies and its outcome off the scale replaces it: 不通过.
  const std::string head = R"(format: makerscore/1
id: v
title: 合格评定
fields: [{id: staff, name: 人员, kind: count}, {id: audited, name: 已审计, kind: flag}, {id: national, name: 国家级, kind: flag}]
vetoes:
  - {id: V1, name: 人员少于5人, when: staff < 5, grade: 不通过}
  - {id: V2, name: 未审计, when: audited == 0, grade: 不通过}
)";
  const std::string rules = head + R"(grades:
  - {grade: 免评, when: national == 1}
  - {grade: 通过}
  - {grade: 不通过, by_veto_only: true}
)";
  Model m = Model::Compile(testing::RulesFromText(rules));
  Result r =
      Score(m, std::make_shared<Dataset>(ParseDatasetCsv(
                   "id,staff,audited,national\nA,10,1,0\nB,3,1,0\nC,8,0,0\nD,2,1,1\nE,9,1,1\n", m.rules(), "v.csv")));
  const char* expected[] = {"通过", "不通过", "不通过", "不通过", "免评"};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(r.grade(i), expected[i]) << i;
    EXPECT_EQ(r.rank(i), 0) << "no total, no rank";
  }
  EXPECT_THAT_CONTAINS(FormatTable(r), "graded by conditions alone (the rule file has no indicators");
  EXPECT_THAT_CONTAINS(Explain(r, "B"), "no total: the rule file has no indicators; grade 不通过 by conditions alone");
  // A grade that needs a total, or a bonus, has nothing to read: refused, not left to give everyone "-".
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(head + "grades:\n  - {grade: 优, min: 80}\n  - {grade: 通过}\n"),
                       "grade '优' needs a total ('min', 'top' or 'rank'), but the rule file has no indicators");
  EXPECT_THAT_CONTAINS(
      testing::ErrorsOf(head +
                        "bonus:\n  items:\n    - {id: B1, name: 加分, value: staff}\ngrades:\n  - {grade: 通过}\n"),
      "'bonus' adds to the indicators' total, but the rule file has no indicators");
}

// 连续两年不合格 → 取消资格: a veto on this year's grade and last year's, read from the result file makerscore
// wrote last year. A 90 (合格), B 50, C 40 and D 30 (不合格 this year); last year A 合格, B 不合格, C 合格, and D
// was not evaluated. So B fails twice and loses its status; C fails once; D is new.
TEST(Vetoes, RulesOnLastYearsResultAndThisYearsGrade) {
  const auto rules = [](const std::string& if_missing) {
    return R"(format: makerscore/1
id: r
title: 取消资格
fields: [{id: p, name: 分}]
indicators:
  - {id: A, name: 甲, weight: 100, value: p, score: {method: points}}
vetoes:
  - {id: R1, name: 连续两年不合格, when: 'grade == "不合格" and last_grade == "不合格"', grade: 取消资格)" +
           if_missing + R"(}
grades:
  - {grade: 合格, min: 60}
  - {grade: 取消资格, by_veto_only: true}
  - {grade: 不合格}
)";
  };
  // Last year's result as `score --format csv` writes it (rank, id, name, total, grade, ...), and as JSON.
  const auto csv = std::make_shared<PreviousResult>(ParsePreviousResult(
      "\xEF\xBB\xBFrank,id,name,total,grade,A,flags\n1,C,,65,合格,65,\n2,A,,80,合格,80,\n3,B,,55,不合格,55,\n",
      "2018.csv"));
  const auto json = std::make_shared<PreviousResult>(ParsePreviousResult(
      R"({"entities": [{"id": "A", "total": 80, "rank": 1, "grade": "合格"},
                       {"id": "B", "total": 55, "rank": 3, "grade": "不合格"},
                       {"id": "C", "total": 65, "rank": 2, "grade": "合格"}]})",
      "2018.json"));
  for (const auto& last : {csv, json}) {
    Model m = Model::Compile(testing::RulesFromText(rules(", if_missing: passes")));
    const Cohort cohort{
        std::make_shared<Dataset>(ParseDatasetCsv("id,p\nA,90\nB,50\nC,40\nD,30\n", m.rules(), "d.csv")), nullptr,
        nullptr, last};
    Result r = Score(m, cohort);
    EXPECT_EQ(r.grade(0), "合格");
    EXPECT_EQ(r.grade(1), "取消资格");  // 不合格 twice
    EXPECT_EQ(r.grade(2), "不合格");    // once
    EXPECT_EQ(r.grade(3), "不合格");    // new: last year's grade missing, and the rule file says that passes
    EXPECT_EQ(r.rank(1), 2);            // decided after ranking: the ranks stand
    ASSERT_EQ(r.vetoes(1).size(), 1u);
    EXPECT_THAT_CONTAINS(FormatTable(r), "一票否决：连续两年不合格，取消资格");
    bool named = false;
    for (const auto& w : r.warnings()) named |= w.find("1 entity is not in last year's result") != std::string::npos;
    EXPECT_TRUE(named);
  }
  // A label last year's grades do not have (another system's 差) would make the rule false for everyone: said.
  std::string other = rules(", if_missing: passes");
  other.replace(other.find("last_grade == \"不合格\""), std::string("last_grade == \"不合格\"").size(),
                "last_grade == \"差\"");
  Model m2 = Model::Compile(testing::RulesFromText(other));
  Result r2 = Score(m2, Cohort{std::make_shared<Dataset>(ParseDatasetCsv("id,p\nB,50\n", m2.rules(), "d.csv")), nullptr,
                               nullptr, csv});
  bool warned = false;
  for (const auto& w : r2.warnings()) {
    warned |= w.find("compares last_grade (last year's grades) with \"差\", which no entity has") != std::string::npos;
  }
  EXPECT_TRUE(warned);
  // By default a condition that cannot be decided stops the run, naming the entity and what is missing.
  Model strict = Model::Compile(testing::RulesFromText(rules("")));
  Cohort cohort{std::make_shared<Dataset>(ParseDatasetCsv("id,p\nA,90\nD,30\n", strict.rules(), "d.csv")), nullptr,
                nullptr, csv};
  EXPECT_THROW_WITH(
      Score(strict, cohort), DataError,
      "d.csv:3: D: veto 'R1' (连续两年不合格) cannot be decided: last_grade (not in last year's result) missing");
  // Without last year's result (the system's first year) last_grade is missing for everyone, said, and under
  // if_missing: error the veto is not decided for D either: asked for, never guessed.
  cohort.previous_result = nullptr;
  EXPECT_THROW_WITH(Score(strict, cohort), DataError, "d.csv:3: D: veto 'R1' (连续两年不合格) cannot be decided");
  Model lenient = Model::Compile(testing::RulesFromText(rules(", if_missing: passes")));
  Result first =
      Score(lenient, Cohort{std::make_shared<Dataset>(ParseDatasetCsv("id,p\nA,90\nD,30\n", lenient.rules(), "d.csv")),
                            nullptr, nullptr, nullptr});
  EXPECT_EQ(first.grade(1), "不合格");
  bool said = false;
  for (const auto& w : first.warnings()) said |= w.find("and none was given, so it is missing") != std::string::npos;
  EXPECT_TRUE(said);
  // This year's outcome only in vetoes, which may not exclude (they are decided after ranking).
  const std::string head = "format: makerscore/1\nid: r\ntitle: t\nfields: [{id: p, name: 分}]\nindicators:\n";
  const std::string in_indicator = head +
                                   "  - {id: A, name: 甲, weight: 100, value: 'if(total > 50, p, 0)', "
                                   "score: {method: points}}\n";
  EXPECT_THAT_CONTAINS(testing::ErrorsOf(in_indicator),
                       "'total' is this year's total, known only once the cohort is scored and graded");
  const std::string excluding = head +
                                "  - {id: A, name: 甲, weight: 100, value: p, score: {method: points}}\n"
                                "vetoes:\n  - {id: R1, name: 低分, when: 'total < 20', exclude: true}\n";
  EXPECT_THAT_CONTAINS(
      testing::ErrorsOf(excluding),
      "reads this year's total, rank or grade, so it is decided after ranking and can only give a grade");
}

// The 一票否决 of a notice: fewer than 20 teams and firms served, or under two thirds of them firms.
std::string VetoRules(const std::string& if_missing) {
  return R"(format: makerscore/1
id: v
title: 否决
fields:
  - {id: base, name: 基础分}
  - {id: t, name: 服务的创业团队数量, kind: count}
  - {id: f, name: 服务的初创企业数量, kind: count}
indicators:
  - {id: A, name: 基础, weight: 100, value: base, score: {method: points}}
vetoes:
  - {id: V, name: 服务对象不足, when: "t + f < 20 or f / (t + f) < 2/3", grade: 不合格)" +
         if_missing + R"(}
grades:
  - {grade: 合格, min: 60}
  - {grade: 不合格}
)";
}

TEST(Vetoes, AMissingInputNeverLetsAVetoPassUnseen) {
  // E1: 0 teams, 0 firms: 0 < 20 settles it (Kleene), though 0 / 0 has no value: vetoed.
  // E2: 30 + 60 = 90 served, 60 / 90 = 2/3 firms: not below 2/3: passes.
  // E3: 10 teams, firms missing: t + f and f / (t + f) both missing: undecided.
  const char* data = "id,base,t,f\nE1,90,0,0\nE2,80,30,60\nE3,70,10,\n";
  auto score = [&](const std::string& if_missing) {
    Model m = Model::Compile(testing::RulesFromText(VetoRules(if_missing)));
    return Score(m, std::make_shared<Dataset>(ParseDatasetCsv(data, m.rules(), "d.csv")));
  };
  // Unless the rule file says what a missing input means, scoring stops and names the entity and the input.
  EXPECT_THROW_WITH(score(""), DataError,
                    "d.csv:4: E3: veto 'V' (服务对象不足) cannot be decided: f (服务的初创企业数量) missing");
  EXPECT_THROW_WITH(score(""), DataError, "'if_missing: applies'");
  Result applies = score(", if_missing: applies");
  EXPECT_EQ(applies.grade(0), "不合格");  // 90 points, vetoed
  EXPECT_EQ(applies.grade(1), "合格");
  EXPECT_EQ(applies.grade(2), "不合格");  // 70 points, undecided: applies
  Result passes = score(", if_missing: passes");
  EXPECT_EQ(passes.grade(0), "不合格");
  EXPECT_EQ(passes.grade(2), "合格");  // 70 points, undecided: passes
}

TEST(Vetoes, ChecksOfTheRuleFile) {
  std::string text = Rules();
  text.replace(text.find("grade: 差}"), std::string("grade: 差}").size(), "grade: 劣}");
  EXPECT_NE(testing::ErrorsOf(text).find("'劣' is not a grade of this rule set"), std::string::npos);
}

}  // namespace
}  // namespace makerscore

namespace makerscore {
namespace {

TEST(RanksAtEveryLevel, EachGroupRanksItsOwnPoints) {
  // Two pillars of 50 points, each one indicator scored by goalposts 0..100: P on a, Q on b.
  //   X: a 90, b 10 -> P 45, Q 5, total 50     P ranks X 1, Z 2 (40), Y 3 (20)
  //   Y: a 40, b 60 -> P 20, Q 30, total 50    Q ranks Y 1, Z 2 (20), X 3 (5)
  //   Z: a 80, b 40 -> P 40, Q 20, total 60    total ranks Z 1, X and Y 2 (tied at 50)
  // W (a 10, no b): Q is left out and its weight goes to P, so W has P 0.1 x 100 = 10 (rank 4) and no Q
  // (rank 0 there; empty in the CSV, null in JSON).
  const char* rules = R"(format: makerscore/1
id: r
title: 分级排名
fields: [{id: a, name: 甲}, {id: b, name: 乙}]
missing: exclude
indicators:
  - id: P
    name: 甲组
    weight: 50
    children: [{id: P1, name: 甲, weight: 50, value: a, score: {method: goalposts, low: 0, high: 100}}]
  - id: Q
    name: 乙组
    weight: 50
    children: [{id: Q1, name: 乙, weight: 50, value: b, score: {method: goalposts, low: 0, high: 100}}]
)";
  Model m = Model::Compile(testing::RulesFromText(rules));
  Result r = Score(
      m, std::make_shared<Dataset>(ParseDatasetCsv("id,a,b\nX,90,10\nY,40,60\nZ,80,40\nW,10,\n", m.rules(), "d.csv")));
  const int p = 1, q = 3;  // depth-first: root, P, P1, Q, Q1
  ASSERT_EQ(m.nodes()[p].id, "P");
  ASSERT_EQ(m.nodes()[q].id, "Q");
  EXPECT_EQ(r.ranks_of(p), (std::vector<int>{1, 3, 2, 4}));
  EXPECT_EQ(r.ranks_of(q), (std::vector<int>{3, 1, 2, 0}));
  std::ostringstream csv;
  WriteCsv(r, csv);
  EXPECT_THAT_CONTAINS(csv.str(), ",rank P,rank Q,");
}

}  // namespace
}  // namespace makerscore

namespace makerscore {
namespace {

TEST(YearOnYear, RankAndTotalChangeInEveryOutput) {
  // This year A 90, B 70, C 60 (ranks 1, 2, 3); last year's result B 75 (rank 1, 良), A 72 (rank 2), and no C.
  // By hand: A +18 points and one place up, B -5 and one down, C new.
  Model m = Model::Compile(testing::RulesFromText(R"(format: makerscore/1
id: y
title: 同比
fields: [{id: p, name: 分}]
indicators:
  - {id: A, name: 甲, weight: 100, value: p, score: {method: points}}
grades: [{grade: 优, min: 85}, {grade: 良, min: 0}]
)"));
  auto data = std::make_shared<Dataset>(ParseDatasetCsv("id,p\nA,90\nB,70\nC,60\n", m.rules(), "y.csv"));
  auto last = std::make_shared<PreviousResult>(
      ParsePreviousResult("rank,id,name,total,grade\n1,B,,75,良\n2,A,,72,良\n", "2018.csv"));
  const Result r = Score(m, Cohort{data, nullptr, nullptr, last});
  const YearOnYear a = YearOnYearOf(r, 0);
  EXPECT_TRUE(a.listed);
  EXPECT_DOUBLE_EQ(a.total_change, 18);
  EXPECT_EQ(a.rank_change, 1);
  EXPECT_EQ(RankChangeText(a), "+1");
  EXPECT_EQ(RankChangeText(YearOnYearOf(r, 1)), "-1");
  EXPECT_FALSE(YearOnYearOf(r, 2).listed);
  std::ostringstream csv;
  WriteCsv(r, csv);
  EXPECT_THAT_CONTAINS(csv.str(), ",last_total,last_rank,last_grade,total_change,rank_change\n");
  EXPECT_THAT_CONTAINS(csv.str(), ",72,2,良,18,1\n");
  EXPECT_THAT_CONTAINS(csv.str(), ",75,1,良,-5,-1\n");
  EXPECT_THAT_CONTAINS(csv.str(), "3,C,,60,良,60,,25,,,,,,,\n");  // new: nothing last year
  EXPECT_THAT_CONTAINS(Explain(r, "A"), "last year: total 72, rank 2, grade 良; change +18 points, 1 place up\n");
  EXPECT_THAT_CONTAINS(Explain(r, "C"), "last year: not in last year's result (2018.csv)\n");
  EXPECT_THAT_CONTAINS(FormatTable(r), "上年排名  名次变化");
  EXPECT_THAT_CONTAINS(ToJson(r), "\"rank_change\": -1");
}

// Ranks against a reference written from their definition: best total first, equal totals in the cohort's
// order (std::stable_sort), competition ranks ("1224") where consecutive totals differ by 1e-9 or less.
// 20,000 makerspaces whose totals are drawn from few values (many ties), zeros among them, and missing ones.
TEST(Ranks, AreTheStableOrderOfTheTotalsWithCompetitionRanks) {
  const std::string rules = R"(format: makerscore/1
id: r
title: 排名
fields:
  - {id: base, name: 基础分}
indicators:
  - {id: A, name: 基础, weight: 100, value: base, score: {method: points}}
grades:
  - {grade: 优, min: 90}
  - {grade: 差}
)";
  Model m = Model::Compile(testing::RulesFromText(rules));
  const int n = 20000;
  std::mt19937 random(11);
  Eigen::MatrixXd values(n, 1);
  std::vector<std::string> ids(n);
  for (int i = 0; i < n; ++i) {
    ids[i] = "E" + std::to_string(i);
    const int draw = static_cast<int>(random() % 1000);
    values(i, 0) = draw < 20 ? std::nan("") : draw < 120 ? 0.0 : (draw % 37) * 2.5 + (draw % 3 == 0 ? 1e-12 : 0.0);
  }
  const Result r =
      Score(m, std::make_shared<Dataset>(std::vector<std::string>{"base"}, ids, std::vector<std::string>(n), values));
  std::vector<int> order;
  for (int i = 0; i < n; ++i) {
    if (!std::isnan(r.total(i))) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return r.total(a) > r.total(b); });
  ASSERT_GT(order.size(), 19000u);
  ASSERT_EQ(r.ranked_count(), static_cast<int>(order.size()));
  for (std::size_t k = 0; k < order.size(); ++k) {
    const bool tie = k > 0 && std::fabs(r.total(order[k]) - r.total(order[k - 1])) <= 1e-9;
    const int expected = tie ? r.rank(order[k - 1]) : static_cast<int>(k) + 1;
    ASSERT_EQ(r.rank(order[k]), expected) << "place " << k << ", entity " << order[k];
  }
}

// The order ranks are given in: best total first, equal totals by position, as std::stable_sort gives it
// (the oracle), on cohorts that take the buckets and those that do not: totals with many ties, clustered
// with a far outlier, all equal, two values, -0.0 beside +0.0, negative, ranges too wide (1e308 apart) or
// too narrow (subnormal) for the buckets' scale, infinities, a cohort of one below and one above the size
// from which buckets are used.
TEST(Ranks, TheBestFirstOrderIsAStableSortByTotal) {
  std::mt19937_64 rng(23);
  std::normal_distribution<double> normal(62, 11);
  std::uniform_int_distribution<int> coin(0, 9);
  auto cohort = [&](int n, const std::function<double(int)>& total) {
    std::vector<std::pair<double, int>> pairs;
    for (int i = 0; i < n; ++i) pairs.emplace_back(total(i), i);
    return pairs;
  };
  const double tiny = std::numeric_limits<double>::denorm_min();
  const std::vector<std::pair<std::string, std::vector<std::pair<double, int>>>> cases = {
      {"normal, to 2 decimals", cohort(100000, [&](int) { return std::round(normal(rng) * 100) / 100; })},
      {"normal, every bit", cohort(50000, [&](int) { return normal(rng); })},
      {"clustered, one far", cohort(20000, [&](int i) { return i == 777 ? 1e9 : 60 + coin(rng) * 1e-7; })},
      {"all equal", cohort(10000, [](int) { return 75.5; })},
      {"two values", cohort(10000, [&](int) { return coin(rng) < 3 ? 90.0 : 10.0; })},
      {"signed zeros", cohort(10000, [&](int) { return coin(rng) < 5 ? (coin(rng) < 5 ? -0.0 : 0.0) : 1.0; })},
      {"negative", cohort(10000, [&](int) { return -std::fabs(normal(rng)); })},
      {"1e308 apart", cohort(10000, [&](int) { return coin(rng) < 5 ? -1e308 : 1e308 * coin(rng) / 9; })},
      {"subnormal", cohort(10000, [&](int) { return tiny * coin(rng); })},
      {"infinities",
       cohort(10000, [&](int i) { return i % 97 == 0   ? HUGE_VAL
                                         : i % 89 == 0 ? -HUGE_VAL
                                                       : normal(rng); })},
      {"below the buckets", cohort(255, [&](int) { return std::round(normal(rng)); })},
      {"at the buckets", cohort(256, [&](int) { return std::round(normal(rng)); })},
      {"an uncertainty analysis' cohort", cohort(1000, [&](int) { return std::round(normal(rng) * 10) / 10; })},
  };
  for (const auto& [what, pairs] : cases) {
    std::vector<std::pair<double, int>> expected = pairs, got = pairs;
    std::stable_sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    detail::SortBestFirst(&got);
    ASSERT_EQ(got.size(), expected.size()) << what;
    for (size_t k = 0; k < got.size(); ++k) {
      // Positions must match; totals too (equal, -0.0 and +0.0 alike).
      ASSERT_EQ(got[k].second, expected[k].second) << what << ", place " << k;
      ASSERT_EQ(got[k].first, expected[k].first) << what << ", place " << k;
    }
  }
}

}  // namespace
}  // namespace makerscore
