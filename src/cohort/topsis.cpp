// TOPSIS (Hwang & Yoon 1981): the closeness of each entity to the ideal solution, D- / (D+ + D-), where D+
// and D- are the weighted Euclidean distances of its normalised children to the ideal and the anti-ideal.
#include <cmath>
#include <limits>

#include "cohort/cohort.h"
#include "makerscore/flags.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void Aggregate(const CohortInput& in, const AggregateOptions& o, Eigen::ArrayXd* score,
               Eigen::Array<std::uint16_t, Eigen::Dynamic, 1>* flags, AggregationTrace* t) {
  const Eigen::Index n = in.x.rows(), k = in.x.cols();
  const std::string how = Word(o, "normalise", "vector");
  const bool fixed = Word(o, "ideal", "cohort") == "fixed";
  std::vector<int> flat;
  const Eigen::ArrayXXd r = NormaliseColumns(in, how, &flat);
  const Eigen::ArrayXXd w = RowWeights(in);
  if (fixed) {
    t->best.assign(k, 1);
    t->worst.assign(k, 0);
  } else {
    // After min-max normalisation every column is higher-is-better; otherwise a lower-is-better value's
    // ideal is the cohort's smallest.
    std::vector<char> lower = in.lower;
    if (how == "minmax") lower.assign(k, 0);
    BestAndWorst(r, w, lower, &t->best, &t->worst);
  }
  t->figure_names = {"D+", "D-", "closeness"};
  t->figures.setConstant(n, 3, kNaN);
  t->per_child_name = how == "none" ? "value compared" : "normalised value";
  t->per_child = (w > 0).select(r, kNaN);
  for (Eigen::Index i = 0; i < n; ++i) {
    double plus = 0, minus = 0;
    bool any = false;
    for (Eigen::Index j = 0; j < k; ++j) {
      if (w(i, j) <= 0) continue;
      any = true;
      plus += std::pow(w(i, j) * (r(i, j) - t->best[j]), 2);
      minus += std::pow(w(i, j) * (r(i, j) - t->worst[j]), 2);
    }
    if (!any) {
      (*score)[i] = kNaN;
      continue;
    }
    plus = std::sqrt(plus);
    minus = std::sqrt(minus);
    t->figures(i, 0) = plus;
    t->figures(i, 1) = minus;
    // Equally far from both (every child without spread): the closeness is undefined.
    const double c = plus + minus > 0 ? minus / (plus + minus) : kNaN;
    if (std::isnan(c)) (*flags)[i] |= kFlagNoSpread;
    t->figures(i, 2) = c;
    (*score)[i] = c;
  }
}

std::string Explain(const AggregationTrace& t, int i, const std::vector<std::string>& children, Say say) {
  std::string out;
  for (size_t j = 0; j < children.size(); ++j) {
    const double v = t.per_child(i, static_cast<Eigen::Index>(j));
    if (std::isnan(v)) continue;
    const std::string best = FormatNumber(t.best[j], 4), worst = FormatNumber(t.worst[j], 4);
    out += "    " + children[j] + say("：", ": ") +
           say(t.per_child_name == "value compared" ? "比较值 " : "规范化值 ", t.per_child_name + " ") +
           FormatNumber(v, 4) +
           say("（正理想解 " + best + "，负理想解 " + worst + "）", " (ideal " + best + ", anti-ideal " + worst + ")") +
           "\n";
  }
  const double plus = t.figures(i, 0), minus = t.figures(i, 1), c = t.figures(i, 2);
  if (std::isnan(plus)) return out;
  out += say("  TOPSIS：到正理想解的加权距离 D+ = " + FormatNumber(plus, 4) +
                 "，到负理想解 D- = " + FormatNumber(minus, 4),
             "  TOPSIS: weighted distance to the ideal D+ = " + FormatNumber(plus, 4) +
                 ", to the anti-ideal D- = " + FormatNumber(minus, 4)) +
         "\n";
  out += std::isnan(c) ? say("  相对贴近度无定义：到正、负理想解的距离相同（无差异）",
                             "  closeness undefined: as far from the ideal as from the anti-ideal (no spread)") +
                             "\n"
                       : say("  得分率 = 相对贴近度 D- / (D+ + D-) = ", "  score = closeness D- / (D+ + D-) = ") +
                             FormatNumber(c, 4) + "\n";
  return out;
}

std::string Check(const AggregateOptions& o) {
  if (Word(o, "ideal", "cohort") == "fixed") {
    if (Word(o, "over", "scores") == "values") {
      return "'ideal: fixed' (1 and 0) compares scores, not values: remove 'over: values'";
    }
    if (Word(o, "normalise", "vector") == "vector") {
      return "'ideal: fixed' (1 and 0) needs scores on the scale of 0 to 1: add 'normalise: none' or "
             "'normalise: minmax'";
    }
  }
  return "";
}

}  // namespace

const CohortAggregationDef kTopsisAggregation = {
    Aggregate,
    Explain,
    {
        {"normalise",
         CohortOption::kWord,
         "vector",
         {"vector", "minmax", "none"},
         0,
         0,
         0,
         "How each child's column is normalised over the cohort: `vector` x / sqrt(sum x^2) (Hwang & Yoon), "
         "`minmax` (x - min) / (max - min), `none` as it is."},
        {"ideal",
         CohortOption::kWord,
         "cohort",
         {"cohort", "fixed"},
         0,
         0,
         0,
         "The ideal and anti-ideal solutions: the cohort's best and worst of each child, or `fixed` at 1 "
         "and 0 (scores of 0 to 1, with `normalise: none` or `minmax`)."},
        OverOption(),
    },
    Check,
    "`topsis`: TOPSIS, each entity's closeness D- / (D+ + D-) to the ideal solution, where D+ and D- are "
    "the weighted distances of its normalised children to the cohort's ideal and anti-ideal",
};

}  // namespace makerscore::detail
