// Fuzzy comprehensive evaluation (模糊综合评价; Zadeh 1965, 汪培庄《模糊集合论及其应用》1983): each child's
// membership row r_j over the levels of a rating scale (评语集), the shares of its experts' ratings on each
// level, is composed with the children's weights w into the membership vector B = w ∘ R by one of four
// operators; the grade is the level of the largest membership, the score the levels' values weighted by
// B / sum(B). Multi-level evaluation (多级模糊综合评价): a child that is itself a fuzzy evaluation brings
// its normalised B as its row.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "cohort/cohort.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The composition operators: b_j from the weights w_i and memberships r_ij of the children that count.
enum class Operator { kWeightedAverage, kMinMax, kProductMax, kMinSum };

Operator OperatorOf(const std::string& word) {
  return word == "min_max"       ? Operator::kMinMax
         : word == "product_max" ? Operator::kProductMax
         : word == "min_sum"     ? Operator::kMinSum
                                 : Operator::kWeightedAverage;
}

const char* Symbol(Operator op) {
  switch (op) {
    case Operator::kMinMax:
      return "M(∧,∨), the main factor decides (主因素决定型): b = max over the children of min(w, r)";
    case Operator::kProductMax:
      return "M(·,∨), the main factor stands out (主因素突出型): b = max over the children of w × r";
    case Operator::kMinSum:
      return "M(∧,⊕), bounded sum of minima (取小上界和型): b = min(1, sum over the children of min(w, r))";
    case Operator::kWeightedAverage:
      break;
  }
  return "M(·,⊕), the weighted average (加权平均型): b = sum over the children of w × r";
}

// Level j's composed membership for one entity: w and r of the children that count (w > 0).
double Compose(Operator op, const double* w, const double* r, int count) {
  double b = 0;
  for (int c = 0; c < count; ++c) {
    switch (op) {
      case Operator::kWeightedAverage:
        b += w[c] * r[c];
        break;
      case Operator::kMinMax:
        b = std::max(b, std::min(w[c], r[c]));
        break;
      case Operator::kProductMax:
        b = std::max(b, w[c] * r[c]);
        break;
      case Operator::kMinSum:
        b += std::min(w[c], r[c]);
        break;
    }
  }
  return op == Operator::kWeightedAverage || op == Operator::kMinSum ? std::min(b, 1.0) : b;
}

// Memberships this close count as equal: B is summed from decimal weights and shares, so a tie on paper
// (0.1 + 0.2 + 0.3 + 0.3 against 0.1 + 0.1 + 0.3 + 0.4) can differ in the last bit.
constexpr double kTie = 1e-9;

// The levels sharing entity i's largest membership in B (the columns 0..m-1 of figures), first listed first.
std::vector<Eigen::Index> TopLevels(const Eigen::ArrayXXd& figures, Eigen::Index i, Eigen::Index m) {
  const double top = figures.row(i).head(m).maxCoeff();
  std::vector<Eigen::Index> tied;
  for (Eigen::Index l = 0; l < m; ++l) {
    if (figures(i, l) >= top - kTie) tied.push_back(l);
  }
  return tied;
}

void Aggregate(const CohortInput& in, const AggregateOptions& o, Eigen::ArrayXd* score,
               Eigen::Array<std::uint16_t, Eigen::Dynamic, 1>* /*flags*/, AggregationTrace* t) {
  const Eigen::Index n = in.x.rows(), k = in.x.cols();
  const Scale& scale = *in.scale;
  const auto m = static_cast<Eigen::Index>(scale.levels.size());
  const Operator op = OperatorOf(Word(o, "operator", "weighted_average"));
  const bool by_max = Word(o, "score", "levels") == "max_membership";
  const Eigen::ArrayXXd w = RowWeights(in);
  t->levels.clear();
  t->cohort.clear();
  for (const ScaleLevel& level : scale.levels) {
    t->levels.push_back(level.label);
    t->figure_names.push_back(level.label);
    t->cohort.emplace_back(level.label, level.fraction);
  }
  t->figure_names.push_back("score");
  t->how = std::string(Symbol(op)) + "; " +
           (by_max ? "score = the value of the level of the largest membership (最大隶属度原则)"
                   : "score = the levels' values weighted by B / sum(B)");
  t->figures.setConstant(n, m + 1, kNaN);
  t->membership.setConstant(n, m, kNaN);
  t->child_membership.setConstant(n, k * m, kNaN);
  t->per_child_name = "weight";
  t->per_child = (w > 0).select(w, kNaN);
  score->setConstant(kNaN);
  std::vector<double> wi(k), ri(k);
  for (Eigen::Index i = 0; i < n; ++i) {
    int count = 0;
    for (Eigen::Index j = 0; j < k; ++j) {
      if (w(i, j) <= 0) continue;
      t->child_membership.block(i, j * m, 1, m) = in.membership[j]->row(i);
      wi[count++] = w(i, j);
    }
    if (count == 0) continue;
    double sum = 0;
    for (Eigen::Index l = 0; l < m; ++l) {
      int c = 0;
      for (Eigen::Index j = 0; j < k; ++j) {
        if (w(i, j) > 0) ri[c++] = (*in.membership[j])(i, l);
      }
      const double b = Compose(op, wi.data(), ri.data(), count);
      t->figures(i, l) = b;
      sum += b;
    }
    if (!(sum > 0)) continue;  // no membership anywhere: not a rating on the scale
    double value = 0;
    for (Eigen::Index l = 0; l < m; ++l) {
      t->membership(i, l) = t->figures(i, l) / sum;
      value += t->membership(i, l) * scale.levels[l].fraction;
    }
    (*score)[i] = t->figures(i, m) = by_max ? scale.levels[TopLevels(t->figures, i, m)[0]].fraction : value;
  }
}

std::string Levels(const AggregationTrace& t, const Eigen::ArrayXXd& a, int i, Eigen::Index from) {
  std::vector<std::string> parts;
  for (size_t l = 0; l < t.levels.size(); ++l) {
    parts.push_back(t.levels[l] + " " + FormatNumber(a(i, from + static_cast<Eigen::Index>(l)), 4));
  }
  return Join(parts, ", ");
}

std::string Explain(const AggregationTrace& t, int i, const std::vector<std::string>& children, Say say) {
  const auto m = static_cast<Eigen::Index>(t.levels.size());
  std::string out;
  for (size_t j = 0; j < children.size(); ++j) {
    const double w = t.per_child(i, static_cast<Eigen::Index>(j));
    if (std::isnan(w)) continue;
    out += "    " + children[j] + say("：隶属度 ", ": membership ") +
           Levels(t, t.child_membership, i, static_cast<Eigen::Index>(j) * m) + say("（权重 ", " (weight ") +
           FormatNumber(w, 4) + say("）", ")") + "\n";
  }
  if (std::isnan(t.figures(i, m))) return out;
  out += say("  模糊综合评价，合成算子 ", "  fuzzy comprehensive evaluation by ") + t.how + "\n";
  out += "  B = " + Levels(t, t.figures, i, 0) + "; B / sum(B) = " + Levels(t, t.membership, i, 0) + "\n";
  // The grade by maximum membership, and every level sharing the largest membership.
  std::vector<std::string> tied;
  for (Eigen::Index l : TopLevels(t.figures, i, m)) tied.push_back(t.levels[l]);
  const double top = t.figures.row(i).head(m).maxCoeff();
  out += say("  按最大隶属度原则评定：", "  grade by maximum membership: ") + tied[0] + " (" + FormatNumber(top, 4) +
         ")" +
         (tied.size() > 1 ? say("；" + Join(tied, "、") + " 并列，取量表中列在前者",
                                "; a tie between " + Join(tied, ", ") + ": the first listed on the scale is taken")
                          : "") +
         "\n";
  std::vector<std::string> values;
  for (const auto& [label, value] : t.cohort) values.push_back(label + " " + FormatNumber(value, 4));
  out += say("  得分率 = ", "  score = ") + FormatNumber(t.figures(i, m), 4) + say("（各等级分值 ", " (level values ") +
         Join(values, ", ") + say("）", ")") + "\n";
  return out;
}

std::string Check(const AggregateOptions&) { return ""; }

}  // namespace

const CohortAggregationDef kFuzzyAggregation = {
    Aggregate,
    Explain,
    {
        {"operator",
         CohortOption::kWord,
         "weighted_average",
         {"weighted_average", "min_max", "product_max", "min_sum"},
         0,
         0,
         0,
         "How the children's weights w (scaled to add up to 1 over the children rated for the entity) and "
         "membership rows r compose into B = w ∘ R: `weighted_average` "
         "M(·,⊕) (加权平均型) b = Σ w r; `min_max` M(∧,∨) (主因素决定型) b = max min(w, r); `product_max` "
         "M(·,∨) (主因素突出型) b = max w r; `min_sum` M(∧,⊕) (取小上界和型) b = min(1, Σ min(w, r))."},
        {"score",
         CohortOption::kWord,
         "levels",
         {"levels", "max_membership"},
         0,
         0,
         0,
         "The group's score from B: `levels`, the levels' values (their share of the points on the scale) "
         "weighted by B / sum(B); or `max_membership`, the value of the level with the largest membership "
         "(最大隶属度原则; a tie goes to the level listed first)."},
    },
    Check,
    "`fuzzy`: fuzzy comprehensive evaluation (模糊综合评价), the children's membership rows over the levels "
    "of their rating scale (the shares of the experts' ratings on each level, or a fuzzy child group's "
    "B / sum(B)) composed with their weights into B = w ∘ R; the grade by maximum membership and a score "
    "from the levels' values",
    /*memberships=*/true,
};

}  // namespace makerscore::detail
