// The indicator tree with its weights, as `makerscore weights` prints it.
#include <algorithm>

#include "makerscore/present.h"
#include "makerscore/weights.h"
#include "present/aligned.h"
#include "result/common.h"
#include "util/text.h"
#include "weights/weighting.h"

namespace makerscore {

namespace {

bool FromJudgments(const Node& n) {
  return n.weights_method != WeightsMethod::kStated && detail::WeightingOf(n.weights_method).from_judgments;
}
bool FromScores(const Node& n) {
  return n.weights_method != WeightsMethod::kStated && detail::WeightingOf(n.weights_method).from_scores;
}

}  // namespace

std::string FormatWeights(const Model& model, const std::vector<double>* shares) {
  const auto& nodes = model.nodes();
  auto share = [&](int k) { return shares ? (*shares)[k] : nodes[k].share; };
  std::vector<double> global(nodes.size(), 1.0);
  std::vector<std::vector<std::string>> rows;
  for (size_t k = 1; k < nodes.size(); ++k) {
    const Node& n = nodes[k];
    global[k] = global[n.parent] * share(static_cast<int>(k));
    const Node& parent = nodes[n.parent];
    std::string how = ToString(parent.weights_method);
    if (parent.weights_method == WeightsMethod::kCombined && parent.weights) {
      const DerivedWeights& w = *parent.weights;
      how += " (" + (w.matrices.empty() ? std::string("stated") : "ahp " + detail::AhpNote(parent)) +
             (w.mix == WeightMix::kProduct ? " x " : " and ") + ToString(w.objective) +
             (w.mix == WeightMix::kLinear ? ", alpha " + detail::FormatNumber(w.alpha, 4) : std::string()) + ")";
    } else if (FromJudgments(parent)) {
      how += " (" + detail::AhpNote(parent) + ")";
    }
    if (!shares && FromScores(parent)) how += ", from data";
    rows.push_back({std::string(2 * (n.depth - 1), ' ') + n.id, how,
                    detail::FormatNumber(share(static_cast<int>(k)), 4), detail::FormatNumber(global[k], 4),
                    detail::FormatNumber(global[k] * model.rules().total, 3), n.name});
  }
  const std::vector<std::string> head = {"指标", "权重来源", "组内权重", "总权重", "分值", "名称"};
  const std::vector<bool> right = {false, false, true, true, true, false};
  const std::string& file = model.rules().weights_file;
  std::string out = model.rules().title + (file.empty() ? "" : " (weights: " + file + ")") + "\n\n" +
                    detail::AlignedTable(head, right, rows, /*rule=*/false);
  if (!shares) {
    auto combined = [](const Node& n) { return n.weights_method == WeightsMethod::kCombined; };
    bool from_data =
        std::any_of(nodes.begin(), nodes.end(), [&](const Node& n) { return FromScores(n) && !combined(n); });
    if (from_data) out += "\nWeights from data are shown equal until a cohort is given (--data).\n";
    if (std::any_of(nodes.begin(), nodes.end(), combined)) {
      out += "\nCombined weights are shown as their subjective half until a cohort is given (--data).\n";
    }
  }
  return out;
}

}  // namespace makerscore
