// makerscore: Delphi rounds for building an indicator system's weights, and
// Kendall's coefficient of concordance.
#ifndef MAKERSCORE_DELPHI_H_
#define MAKERSCORE_DELPHI_H_

#include <Eigen/Core>
#include <string>
#include <string_view>
#include <vector>

namespace makerscore {

// Kendall's coefficient of concordance W of m raters over n items.
struct Concordance {
  double w = 0;  // 0 (no agreement) to 1 (complete agreement), corrected for ties unless not asked
  bool tie_corrected = true;
  double chi_square = 0;  // m (n - 1) W
  int df = 0;             // n - 1
  double p_value = 1;     // upper tail of chi-square with df degrees of freedom
  int raters = 0;
  int items = 0;
};

// W of a raters x items matrix of scores (higher = more important). Each
// rater's scores are ranked, ties sharing their mean rank, and W carries the
// tie correction: W = 12 S / (m^2 (n^3 - n) - m sum(t^3 - t)); without it (tie_correction false, as some
// published tables compute it) W = 12 S / (m^2 (n^3 - n)). Rows with a NaN are left out. Throws Error with
// fewer than 2 raters or 2 items.
Concordance KendallW(const Eigen::MatrixXd& scores, bool tie_correction = true);

// One expert's answer about one indicator in one Delphi round. An empty
// importance (NaN) records an invited expert who did not answer.
struct DelphiResponse {
  int round = 1;
  std::string expert;
  std::string indicator;  // ids like "1", "1.2": the dots give the levels
  double importance = 0;  // e.g. 1-5 (Likert)
  double ca = 0;          // the expert's judgement basis (判断依据), 0-1
  double cs = 0;          // the expert's familiarity (熟悉程度), 0-1
  int row = 0;            // source row, for messages
};

struct DelphiOptions {
  double full_score = 5;  // the top of the importance scale (满分)
  // Screening: by the boundary-value method (界值法: mean - SD of the
  // indicators' means and full-score frequencies, mean + SD of their CVs),
  // unless fixed thresholds are given.
  bool fixed_thresholds = false;
  double min_mean = 3.5;
  double min_full_frequency = 0.2;
  double max_cv = 0.25;
  bool tie_correction = true;  // Kendall's W with the correction for tied ranks
};

struct DelphiExpert {
  std::string id;
  bool responded = false;
  double ca = 0, cs = 0, cr = 0;  // cr = (ca + cs) / 2, the authority coefficient
};

struct DelphiIndicator {
  std::string id;
  std::string parent;  // "" at the first level
  int answers = 0;
  double mean = 0, sd = 0, cv = 0;  // sd with n - 1; cv = sd / mean
  double full_frequency = 0;        // share of answers at full score
  int failed = 0;                   // thresholds missed, 0-3
  std::string verdict;              // "keep" (0 missed), "review" (1-2), "drop" (3), as 界值法 prescribes
  double weight = 0;                // mean importance over its kept siblings'; 0 when dropped
};

// The statistics of one Delphi round.
struct DelphiRound {
  int round = 1;
  int invited = 0, responded = 0;
  double positive_coefficient = 0;  // responded / invited (积极系数)
  double authority = 0;             // the panel's mean Cr (权威系数)
  double ca = 0, cs = 0;            // the panel's mean Ca (判断系数) and Cs (熟悉程度), of those who answered
  std::vector<DelphiExpert> experts;
  std::vector<DelphiIndicator> indicators;  // in first-seen order
  Concordance concordance;                  // over all indicators, complete answers only
  double mean_threshold = 0, full_threshold = 0, cv_threshold = 0;
};

// Reads Delphi responses: CSV with columns round, expert, indicator,
// importance, ca, cs (one row per expert, indicator and round). Throws
// DataError naming rows with a bad number, an importance outside
// [0, full score], Ca or Cs outside [0, 1] or differing for one expert in one
// round, or a repeated answer.
std::vector<DelphiResponse> ReadDelphiCsv(const std::string& path, const DelphiOptions& options = {});
std::vector<DelphiResponse> ParseDelphiCsv(std::string_view text, const DelphiOptions& options = {},
                                           const std::string& source = "<string>");

// Every round's statistics, rounds in order.
std::vector<DelphiRound> AnalyseDelphi(const std::vector<DelphiResponse>& responses, const DelphiOptions& options = {});

// The rounds as an aligned text report, and as JSON.
std::string FormatDelphi(const std::vector<DelphiRound>& rounds);
std::string DelphiToJson(const std::vector<DelphiRound>& rounds);

}  // namespace makerscore

#endif  // MAKERSCORE_DELPHI_H_
