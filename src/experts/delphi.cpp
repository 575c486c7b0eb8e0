// Delphi rounds: response and authority coefficients, indicator statistics,
// concordance, screening by the boundary-value method, and weights.
#include "makerscore/delphi.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "makerscore/error.h"
#include "util/statistics.h"

namespace makerscore {

namespace {

using detail::Mean;
using detail::SampleSd;

std::string ParentOf(const std::string& id) {
  size_t dot = id.rfind('.');
  return dot == std::string::npos ? "" : id.substr(0, dot);
}

DelphiRound AnalyseRound(int number, const std::vector<const DelphiResponse*>& rows, const DelphiOptions& o) {
  DelphiRound round;
  round.round = number;
  std::map<std::string, size_t> expert_index, indicator_index;
  std::vector<std::vector<double>> answers;  // per indicator
  for (const DelphiResponse* r : rows) {
    auto [e, new_expert] = expert_index.emplace(r->expert, round.experts.size());
    if (new_expert) round.experts.push_back({r->expert, false, r->ca, r->cs, (r->ca + r->cs) / 2});
    auto [i, new_indicator] = indicator_index.emplace(r->indicator, round.indicators.size());
    if (new_indicator) {
      DelphiIndicator ind;
      ind.id = r->indicator;
      ind.parent = ParentOf(r->indicator);
      round.indicators.push_back(ind);
      answers.emplace_back();
    }
    if (!std::isnan(r->importance)) {
      round.experts[e->second].responded = true;
      answers[i->second].push_back(r->importance);
    }
  }
  round.invited = static_cast<int>(round.experts.size());
  std::vector<double> authority, ca, cs;
  for (const auto& e : round.experts) {
    if (!e.responded) continue;
    ++round.responded;
    authority.push_back(e.cr);
    ca.push_back(e.ca);
    cs.push_back(e.cs);
  }
  round.ca = ca.empty() ? 0 : Mean(ca);
  round.cs = cs.empty() ? 0 : Mean(cs);
  round.positive_coefficient = round.invited ? static_cast<double>(round.responded) / round.invited : 0;
  round.authority = authority.empty() ? 0 : Mean(authority);

  std::vector<double> means, cvs, fulls;
  for (size_t k = 0; k < round.indicators.size(); ++k) {
    DelphiIndicator& ind = round.indicators[k];
    const auto& a = answers[k];
    ind.answers = static_cast<int>(a.size());
    ind.mean = Mean(a);
    ind.sd = SampleSd(a);
    ind.cv = ind.mean > 0 ? ind.sd / ind.mean : std::nan("");
    ind.full_frequency =
        a.empty() ? 0
                  : static_cast<double>(std::count(a.begin(), a.end(), o.full_score)) / static_cast<double>(a.size());
    if (ind.answers == 0) continue;
    means.push_back(ind.mean);
    cvs.push_back(ind.cv);
    fulls.push_back(ind.full_frequency);
  }
  if (o.fixed_thresholds) {
    round.mean_threshold = o.min_mean;
    round.full_threshold = o.min_full_frequency;
    round.cv_threshold = o.max_cv;
  } else {  // 界值法
    round.mean_threshold = Mean(means) - SampleSd(means);
    round.full_threshold = Mean(fulls) - SampleSd(fulls);
    round.cv_threshold = Mean(cvs) + SampleSd(cvs);
  }
  for (auto& ind : round.indicators) {
    if (ind.answers == 0) {
      ind.failed = 3;
    } else {
      ind.failed = (ind.mean < round.mean_threshold) + (ind.full_frequency < round.full_threshold) +
                   (ind.cv > round.cv_threshold);
    }
    ind.verdict = ind.failed == 0 ? "keep" : ind.failed == 3 ? "drop" : "review";
  }
  // Weights level by level: each kept indicator's mean over its kept siblings'.
  std::map<std::string, double> sibling_sum;
  for (const auto& ind : round.indicators) {
    if (ind.verdict != "drop") sibling_sum[ind.parent] += ind.mean;
  }
  for (auto& ind : round.indicators) {
    ind.weight = ind.verdict == "drop" ? 0 : ind.mean / sibling_sum[ind.parent];
  }
  // Concordance over all indicators, for the experts who answered every one.
  Eigen::MatrixXd scores = Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(round.experts.size()),
                                                     static_cast<Eigen::Index>(round.indicators.size()), std::nan(""));
  for (const DelphiResponse* r : rows) {
    scores(static_cast<Eigen::Index>(expert_index[r->expert]),
           static_cast<Eigen::Index>(indicator_index[r->indicator])) = r->importance;
  }
  try {
    round.concordance = KendallW(scores, o.tie_correction);
  } catch (const Error&) {
    round.concordance = Concordance{};  // too few complete answers: reported as W = 0, p = 1
  }
  return round;
}

}  // namespace

std::vector<DelphiRound> AnalyseDelphi(const std::vector<DelphiResponse>& responses, const DelphiOptions& options) {
  std::map<int, std::vector<const DelphiResponse*>> by_round;
  for (const auto& r : responses) by_round[r.round].push_back(&r);
  std::vector<DelphiRound> out;
  for (const auto& [number, rows] : by_round) out.push_back(AnalyseRound(number, rows, options));
  return out;
}

}  // namespace makerscore
