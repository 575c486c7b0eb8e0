// Delphi rounds as a text report and as JSON.
#include <nlohmann/json.hpp>

#include "makerscore/delphi.h"
#include "makerscore/present.h"
#include "present/aligned.h"
#include "util/text.h"

namespace makerscore {

namespace {

using detail::FormatNumber;

nlohmann::json Number(double x) { return x != x ? nlohmann::json(nullptr) : nlohmann::json(x); }

}  // namespace

std::string FormatDelphi(const std::vector<DelphiRound>& rounds) {
  std::string out;
  for (const auto& r : rounds) {
    out += "第" + std::to_string(r.round) + "轮 (round " + std::to_string(r.round) + ")\n";
    out += "  积极系数 positive coefficient: " + std::to_string(r.responded) + " of " + std::to_string(r.invited) +
           " experts answered = " + FormatNumber(r.positive_coefficient, 3) + "\n";
    out += "  权威系数 authority Cr = (Ca + Cs) / 2, panel mean: " + FormatNumber(r.authority, 3) + " (判断系数 Ca " +
           FormatNumber(r.ca, 3) + ", 熟悉程度 Cs " + FormatNumber(r.cs, 3) + ")\n";
    const Concordance& c = r.concordance;
    out += std::string("  Kendall W") + (c.tie_corrected ? "" : " (without the tie correction)") + " = " +
           FormatNumber(c.w, 4) + " (" + std::to_string(c.raters) + " experts, " + std::to_string(c.items) +
           " indicators), chi-square = " + FormatNumber(c.chi_square, 3) + ", df = " + std::to_string(c.df) + ", " +
           (c.p_value < 1e-4 ? std::string("p < 0.0001") : "p = " + FormatNumber(c.p_value, 4)) + "\n";
    out += "  thresholds: mean >= " + FormatNumber(r.mean_threshold, 3) +
           ", full-score frequency >= " + FormatNumber(r.full_threshold, 3) +
           ", CV <= " + FormatNumber(r.cv_threshold, 3) + "\n\n";
    const std::vector<std::string> head = {"指标", "答复", "均值", "标准差", "变异系数", "满分频率", "结论", "权重"};
    std::vector<std::vector<std::string>> rows;
    for (const auto& ind : r.indicators) {
      rows.push_back({ind.id, std::to_string(ind.answers), FormatNumber(ind.mean, 3), FormatNumber(ind.sd, 3),
                      FormatNumber(ind.cv, 3), FormatNumber(ind.full_frequency, 3), ind.verdict,
                      ind.verdict == "drop" ? "-" : FormatNumber(ind.weight, 4)});
    }
    std::vector<bool> right(head.size(), true);
    right[0] = right[6] = false;  // the indicator and the verdict
    out += detail::AlignedTable(head, right, rows, /*rule=*/false, " ");
    out += "\n";
  }
  out +=
      "keep: meets all three thresholds; review: misses one or two; drop: misses all three (界值法;\n"
      "the boundary values are computed over all the round's indicators).\n"
      "Weights: each kept or reviewed indicator's mean importance over its siblings'.\n";
  return out;
}

std::string DelphiToJson(const std::vector<DelphiRound>& rounds) {
  nlohmann::json doc = nlohmann::json::array();
  for (const auto& r : rounds) {
    nlohmann::json round = {
        {"round", r.round},
        {"invited", r.invited},
        {"responded", r.responded},
        {"positive_coefficient", r.positive_coefficient},
        {"authority", r.authority},
        {"ca", r.ca},
        {"cs", r.cs},
        {"thresholds", {{"mean", r.mean_threshold}, {"full_frequency", r.full_threshold}, {"cv", r.cv_threshold}}}};
    round["concordance"] = {{"w", r.concordance.w},
                            {"chi_square", r.concordance.chi_square},
                            {"df", r.concordance.df},
                            {"p_value", r.concordance.p_value},
                            {"raters", r.concordance.raters},
                            {"items", r.concordance.items},
                            {"tie_corrected", r.concordance.tie_corrected}};
    nlohmann::json experts = nlohmann::json::array();
    for (const auto& e : r.experts) {
      experts.push_back({{"id", e.id}, {"responded", e.responded}, {"ca", e.ca}, {"cs", e.cs}, {"cr", e.cr}});
    }
    round["experts"] = experts;
    nlohmann::json indicators = nlohmann::json::array();
    for (const auto& i : r.indicators) {
      indicators.push_back({{"id", i.id},
                            {"parent", i.parent},
                            {"answers", i.answers},
                            {"mean", Number(i.mean)},
                            {"sd", Number(i.sd)},
                            {"cv", Number(i.cv)},
                            {"full_frequency", i.full_frequency},
                            {"failed", i.failed},
                            {"verdict", i.verdict},
                            {"weight", i.weight}});
    }
    round["indicators"] = indicators;
    doc.push_back(round);
  }
  // Invalid UTF-8 (from data built in code) becomes U+FFFD rather than an exception.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace makerscore
