// Kendall's W and Delphi rounds, against published and hand-worked numbers.
#include <cmath>

#include "test_util.h"

namespace makerscore {
namespace {

TEST(KendallW, PublishedExampleWithoutTies) {
  // "The Kendall's Coefficient of Concordance W", Example 1: 10 projects ranked by 4 judges
  // (https://www.scribd.com/document/659863121/The-KENDALL-Coefficient-of-Concordance):
  // sum of squared deviations of the rank sums from their mean 22 is 1048,
  // W = 12 x 1048 / (4^2 x (10^3 - 10)) = 0.7939.
  Eigen::MatrixXd ranks(4, 10);
  ranks << 1, 3, 4, 5, 2, 8, 6, 7, 10, 9,  // judge A
      2, 1, 4, 5, 6, 3, 8, 7, 10, 9,       // judge B
      3, 2, 1, 5, 7, 4, 6, 8, 9, 10,       // judge C
      4, 2, 3, 1, 6, 7, 5, 9, 8, 10;       // judge D
  Concordance c = KendallW(ranks);
  EXPECT_NEAR(c.w, 12.0 * 1048 / (16 * 990), 1e-12);
  EXPECT_NEAR(c.w, 0.7939, 5e-5);
  EXPECT_EQ(c.df, 9);
  EXPECT_NEAR(c.chi_square, 4 * 9 * c.w, 1e-12);
}

TEST(KendallW, TiesByHand) {
  // Scores of 3 raters on 3 items (higher = more important):
  //   R1: 5 5 3 -> ranks 2.5 2.5 1 (one pair tied: 2^3 - 2 = 6)
  //   R2: 4 3 2 -> ranks 3 2 1
  //   R3: 5 4 4 -> ranks 3 1.5 1.5 (6)
  // Rank sums 8.5, 6, 3.5 around their mean 6: S = 12.5.
  // W = 12 x 12.5 / (3^2 x (27 - 3) - 3 x 12) = 150 / 180; chi-square = 3 x 2 x W = 5;
  // with 2 degrees of freedom p = exp(-5 / 2).
  Eigen::MatrixXd s(3, 3);
  s << 5, 5, 3, 4, 3, 2, 5, 4, 4;
  Concordance c = KendallW(s);
  EXPECT_NEAR(c.w, 150.0 / 180, 1e-12);
  EXPECT_NEAR(c.chi_square, 5, 1e-12);
  EXPECT_NEAR(c.p_value, std::exp(-2.5), 1e-12);
}

TEST(KendallW, WithoutTheTieCorrection) {
  // The same scores as TiesByHand, W without the correction: 12 S / (m^2 (n^3 - n)) = 150 / 216;
  // chi-square = m (n - 1) W = 6 x 150 / 216 = 4.1667, p = exp(-4.1667 / 2).
  Eigen::MatrixXd s(3, 3);
  s << 5, 5, 3, 4, 3, 2, 5, 4, 4;
  Concordance c = KendallW(s, /*tie_correction=*/false);
  EXPECT_FALSE(c.tie_corrected);
  EXPECT_NEAR(c.w, 150.0 / 216, 1e-12);
  EXPECT_NEAR(c.chi_square, 900.0 / 216, 1e-12);
  EXPECT_NEAR(c.p_value, std::exp(-450.0 / 216), 1e-12);
  // Without ties the two agree.
  Eigen::MatrixXd t(2, 3);
  t << 1, 2, 3, 1, 3, 2;
  EXPECT_DOUBLE_EQ(KendallW(t, false).w, KendallW(t).w);
}

TEST(KendallW, ManyDistinctScoresByHand) {
  // 40 items (j = 0 .. 39), more distinct scores than a rating scale has levels (the ranks come from a
  // sort). Two raters who order them the same way agree perfectly: W = 1. A third who orders them the
  // other way round gives item j rank 40 - j: rank sums 2(j + 1) + (40 - j) = j + 42, around their
  // mean 3 x 41 / 2 = 61.5; S = sum of (j - 19.5)^2 = 2 x (0.5^2 + 1.5^2 + ... + 19.5^2) = 2 x 2665
  // = 5330, and W = 12 x 5330 / (3^2 x (40^3 - 40)) = 63960 / 575640 = 1/9.
  Eigen::MatrixXd same(2, 40), three(3, 40);
  for (int j = 0; j < 40; ++j) {
    same(0, j) = three(0, j) = 0.5 + j;
    same(1, j) = three(1, j) = 100 + 3.0 * j;
    three(2, j) = -1.0 * j;
  }
  EXPECT_NEAR(KendallW(same).w, 1, 1e-12);
  EXPECT_NEAR(KendallW(three).w, 1.0 / 9, 1e-12);
  // A tie among many distinct scores: items 0 and 1 of the second rater share ranks 1.5 and 1.5.
  same(1, 1) = same(1, 0);
  // Rank sums 1 + 1.5, 2 + 1.5, then 2(j + 1) for j >= 2, around their mean 41; one tie of 2: 2^3 - 2 = 6.
  // S = (2.5 - 41)^2 + (3.5 - 41)^2 + sum_{j=2..39} (2j - 39)^2 = 1482.25 + 1406.25 + 18430
  // (the odd squares 1^2 .. 35^2 twice, 2 x 7770, plus 37^2 + 39^2) = 21318.5;
  // W = 12 S / (2^2 (40^3 - 40) - 2 x 6) = 12 x 21318.5 / 255828.
  EXPECT_NEAR(KendallW(same).w, 12 * 21318.5 / 255828, 1e-12);
}

TEST(KendallW, EdgeCases) {
  // A rater who ties everything adds no information but is allowed.
  Eigen::MatrixXd s(3, 3);
  s << 3, 3, 3, 1, 2, 3, 1, 2, 3;
  EXPECT_GT(KendallW(s).w, 0);
  // Everyone ties everything: no agreement to measure, W = 0, p = 1.
  Eigen::MatrixXd flat = Eigen::MatrixXd::Constant(3, 4, 2);
  EXPECT_EQ(KendallW(flat).w, 0);
  EXPECT_EQ(KendallW(flat).p_value, 1);
  // Too few raters or items.
  EXPECT_THROW_WITH(KendallW(Eigen::MatrixXd::Ones(1, 3)), Error, "needs at least 2 raters");
  EXPECT_THROW_WITH(KendallW(Eigen::MatrixXd::Ones(3, 1)), Error, "and 2 items");
}

// Four experts answer, a fifth was invited and did not.
const char* kRound =
    "round,expert,indicator,importance,ca,cs\n"
    "1,E1,A,5,0.9,0.8\n1,E1,B,3,0.9,0.8\n1,E1,C,4,0.9,0.8\n"
    "1,E2,A,5,0.8,0.7\n1,E2,B,4,0.8,0.7\n1,E2,C,4,0.8,0.7\n"
    "1,E3,A,4,0.7,0.9\n1,E3,B,3,0.7,0.9\n1,E3,C,5,0.7,0.9\n"
    "1,E4,A,5,0.6,0.6\n1,E4,B,2,0.6,0.6\n1,E4,C,3,0.6,0.6\n"
    "1,E5,A,,0.5,0.5\n1,E5,B,,0.5,0.5\n1,E5,C,,0.5,0.5\n";

TEST(Delphi, OneRoundByHand) {
  std::vector<DelphiRound> rounds = AnalyseDelphi(ParseDelphiCsv(kRound));
  ASSERT_EQ(rounds.size(), 1u);
  const DelphiRound& r = rounds[0];
  // 4 of 5 experts answered; Cr = (0.85 + 0.75 + 0.8 + 0.6) / 4 = 0.75.
  EXPECT_EQ(r.invited, 5);
  EXPECT_EQ(r.responded, 4);
  EXPECT_DOUBLE_EQ(r.positive_coefficient, 0.8);
  EXPECT_NEAR(r.authority, 0.75, 1e-12);
  // The panel's Ca = (0.9 + 0.8 + 0.7 + 0.6) / 4 = 0.75 and Cs = (0.8 + 0.7 + 0.9 + 0.6) / 4 = 0.75, E5 (no
  // answer) left out; both printed.
  EXPECT_NEAR(r.ca, 0.75, 1e-12);
  EXPECT_NEAR(r.cs, 0.75, 1e-12);
  EXPECT_THAT_CONTAINS(FormatDelphi(rounds), "(判断系数 Ca 0.75, 熟悉程度 Cs 0.75)");
  // Unequal: Ca (0.9 + 0.7) / 2 = 0.8, Cs (0.5 + 0.3) / 2 = 0.4.
  DelphiRound two =
      AnalyseDelphi(ParseDelphiCsv("round,expert,indicator,importance,ca,cs\n"
                                   "1,E1,A,5,0.9,0.5\n1,E1,B,3,0.9,0.5\n"
                                   "1,E2,A,4,0.7,0.3\n1,E2,B,2,0.7,0.3\n"))[0];
  EXPECT_NEAR(two.ca, 0.8, 1e-12);
  EXPECT_NEAR(two.cs, 0.4, 1e-12);
  EXPECT_NEAR(two.authority, 0.6, 1e-12);
  // A: 5 5 4 5 -> mean 4.75, sd sqrt(0.75 / 3) = 0.5, cv 0.5 / 4.75, full-score frequency 3/4.
  const DelphiIndicator& a = r.indicators[0];
  EXPECT_DOUBLE_EQ(a.mean, 4.75);
  EXPECT_NEAR(a.sd, 0.5, 1e-12);
  EXPECT_NEAR(a.cv, 0.5 / 4.75, 1e-12);
  EXPECT_DOUBLE_EQ(a.full_frequency, 0.75);
  // Boundary values: means 4.75, 3, 4 -> 3.9167 - 0.8780 = 3.0387; B (mean 3) misses it and
  // meets the other two (full-score frequency threshold below 0, CV 0.2722 <= 0.2778): review.
  const double m = 11.75 / 3;
  EXPECT_NEAR(r.mean_threshold, m - std::sqrt((std::pow(4.75 - m, 2) + std::pow(3 - m, 2) + std::pow(4 - m, 2)) / 2),
              1e-12);
  EXPECT_NEAR(r.cv_threshold, 0.277779, 1e-5);
  EXPECT_EQ(r.indicators[1].verdict, "review");
  EXPECT_EQ(r.indicators[0].verdict, "keep");
  // Weights: means over their sum 11.75.
  EXPECT_NEAR(r.indicators[0].weight, 4.75 / 11.75, 1e-12);
  EXPECT_NEAR(r.indicators[1].weight, 3 / 11.75, 1e-12);
  // Kendall's W of E1-E4 over A, B, C: rank sums 11, 4.5, 8.5 (E2 ties B and C), mean 8, S = 21.5;
  // W = 12 x 21.5 / (16 x 24 - 4 x 6) = 258 / 360; chi-square 4 x 2 x W; p = exp(-chi-square / 2).
  EXPECT_NEAR(r.concordance.w, 258.0 / 360, 1e-12);
  EXPECT_EQ(r.concordance.raters, 4);
  EXPECT_NEAR(r.concordance.p_value, std::exp(-4 * 258.0 / 360), 1e-12);
}

TEST(Delphi, LevelsAndFixedThresholds) {
  // Weights are shared among siblings: 1.1 and 1.2 under 1.
  const char* csv =
      "round,expert,indicator,importance,ca,cs\n"
      "2,E1,1,5,1,1\n2,E1,1.1,4,1,1\n2,E1,1.2,2,1,1\n"
      "2,E2,1,5,1,1\n2,E2,1.1,4,1,1\n2,E2,1.2,2,1,1\n";
  DelphiOptions fixed;
  fixed.fixed_thresholds = true;  // mean >= 3.5, full frequency >= 0.2, CV <= 0.25
  DelphiRound r = AnalyseDelphi(ParseDelphiCsv(csv), fixed)[0];
  EXPECT_EQ(r.round, 2);
  EXPECT_EQ(r.indicators[0].verdict, "keep");    // 5, 5
  EXPECT_EQ(r.indicators[1].verdict, "review");  // 4, 4: no full score
  EXPECT_EQ(r.indicators[2].verdict, "review");  // 2, 2: mean and full score missed, CV 0 met
  EXPECT_DOUBLE_EQ(r.indicators[0].weight, 1);
  EXPECT_NEAR(r.indicators[1].weight, 4.0 / 6, 1e-12);
  EXPECT_EQ(r.indicators[1].parent, "1");
}

TEST(Delphi, BadRowsAreNamed) {
  EXPECT_THROW_WITH(ParseDelphiCsv("round,expert,indicator,importance,ca,cs\n1,E1,A,7,0.5,0.5\n", {}, "d.csv"),
                    DataError, "d.csv:2: 'importance' must be a number from 0 to 5");
  // Found by fuzzing: a round number too large for an int.
  EXPECT_THROW_WITH(ParseDelphiCsv("round,expert,indicator,importance,ca,cs\n1e300,E1,A,4,0.5,0.5\n", {}, "d.csv"),
                    DataError, "'round' must be a round number 1, 2, ... (at most 1000)");
  EXPECT_THROW_WITH(ParseDelphiCsv("round,expert,indicator,importance,ca\n", {}, "d.csv"), DataError, "no column 'cs'");
  EXPECT_THROW_WITH(
      ParseDelphiCsv("round,expert,indicator,importance,ca,cs\n1,E1,A,4,0.5,0.5\n1,E1,B,4,0.6,0.5\n", {}, "d.csv"),
      DataError, "d.csv:3: expert 'E1' gives a different ca/cs");
  EXPECT_THROW_WITH(
      ParseDelphiCsv("round,expert,indicator,importance,ca,cs\n1,E1,A,4,0.5,0.5\n1,E1,A,3,0.5,0.5\n", {}, "d.csv"),
      DataError, "answers indicator 'A' twice in round 1 (also in row 2)");
}

TEST(Delphi, ReportAndJson) {
  std::vector<DelphiRound> rounds = AnalyseDelphi(ParseDelphiCsv(kRound));
  std::string text = FormatDelphi(rounds);
  EXPECT_NE(text.find("4 of 5 experts answered = 0.8"), std::string::npos) << text;
  EXPECT_NE(text.find("Kendall W = 0.7167"), std::string::npos) << text;
  EXPECT_NE(DelphiToJson(rounds).find("\"verdict\": \"review\""), std::string::npos);
}

}  // namespace
}  // namespace makerscore
