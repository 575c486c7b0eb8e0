// Grey relational analysis (Deng 1982; 邓聚龙《灰色系统基本方法》): each child's relational coefficient to a
// reference series, (Δmin + ρ Δmax) / (Δ + ρ Δmax), where Δ is the child's distance to the reference and
// Δmin, Δmax the smallest and largest over the cohort and every child; the grade is the weighted mean of
// the coefficients.
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
  const std::string how = Word(o, "normalise", "minmax");
  const double rho = Number(o, "rho", 0.5);
  std::vector<int> flat;
  const Eigen::ArrayXXd r = NormaliseColumns(in, how, &flat);
  const Eigen::ArrayXXd w = RowWeights(in);
  // The reference series: the cohort's best of each child, or the one given, normalised as the children.
  std::vector<char> lower = in.lower;
  if (how == "minmax") lower.assign(k, 0);
  std::vector<double> unused;
  BestAndWorst(r, w, lower, &t->best, &unused);
  t->worst.assign(k, kNaN);
  for (Eigen::Index j = 0; j < k && !o.reference.empty(); ++j) {
    double lo = INFINITY, hi = -INFINITY;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (w(i, j) <= 0) continue;
      lo = std::min(lo, in.x(i, j));
      hi = std::max(hi, in.x(i, j));
    }
    const double g = o.reference[j];
    t->best[j] = how != "minmax" ? g : !(hi > lo) ? 1 : in.lower[j] ? (hi - g) / (hi - lo) : (g - lo) / (hi - lo);
  }
  // The differences, and their two-level minimum and maximum over the cohort and every child.
  Eigen::ArrayXXd delta = Eigen::ArrayXXd::Constant(n, k, kNaN);
  double dmin = INFINITY, dmax = -INFINITY;
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < k; ++j) {
      if (w(i, j) <= 0) continue;
      delta(i, j) = std::fabs(t->best[j] - r(i, j));
      dmin = std::min(dmin, delta(i, j));
      dmax = std::max(dmax, delta(i, j));
    }
  }
  t->figure_names = {"grade"};
  t->figures.setConstant(n, 1, kNaN);
  t->per_child_name = "relational coefficient";
  t->per_child.setConstant(n, k, kNaN);
  score->setConstant(kNaN);
  if (!(dmax >= dmin)) return;  // nobody has a child
  t->cohort = {{"Δmin", dmin}, {"Δmax", dmax}, {"ρ", rho}};
  for (Eigen::Index i = 0; i < n; ++i) {
    double grade = 0;
    bool any = false;
    for (Eigen::Index j = 0; j < k; ++j) {
      if (w(i, j) <= 0) continue;
      any = true;
      // Every difference 0 (each entity at the reference): fully related.
      const double xi = dmax > 0 ? (dmin + rho * dmax) / (delta(i, j) + rho * dmax) : 1;
      t->per_child(i, j) = xi;
      grade += w(i, j) * xi;
    }
    if (!any) continue;
    if (dmax == 0) (*flags)[i] |= kFlagNoSpread;
    t->figures(i, 0) = grade;
    (*score)[i] = grade;
  }
}

std::string Explain(const AggregationTrace& t, int i, const std::vector<std::string>& children, Say say) {
  std::string out;
  for (size_t j = 0; j < children.size(); ++j) {
    const double xi = t.per_child(i, static_cast<Eigen::Index>(j));
    if (std::isnan(xi)) continue;
    out += "    " + children[j] + say("：关联系数 ", ": relational coefficient ") + FormatNumber(xi, 4) +
           say("（参考序列 ", " (reference ") + FormatNumber(t.best[j], 4) + say("）", ")") + "\n";
  }
  if (std::isnan(t.figures(i, 0))) return out;
  out += say("  灰色关联分析：关联系数 = ", "  grey relational analysis: coefficient = ") +
         "(Δmin + ρ Δmax) / (Δ + ρ Δmax)" + say("，其中 ", " with ") + "Δmin = " + FormatNumber(t.cohort[0].second, 4) +
         ", Δmax = " + FormatNumber(t.cohort[1].second, 4) + ", ρ = " + FormatNumber(t.cohort[2].second, 4) + "\n";
  out +=
      say("  得分率 = 关联度，即关联系数的加权平均 = ", "  score = grade, the weighted mean of the coefficients = ") +
      FormatNumber(t.figures(i, 0), 4) + "\n";
  return out;
}

std::string Check(const AggregateOptions&) { return ""; }

}  // namespace

const CohortAggregationDef kGreyAggregation = {
    Aggregate,
    Explain,
    {
        {"normalise",
         CohortOption::kWord,
         "minmax",
         {"minmax", "none"},
         0,
         0,
         0,
         "How each child's column is normalised over the cohort before the differences are taken: "
         "`minmax` (x - min) / (max - min), or `none`."},
        {"rho",
         CohortOption::kNumber,
         "",
         {},
         0.5,
         1e-9,
         1,
         "The distinguishing coefficient ρ (分辨系数), greater than 0 and at most 1."},
        {"reference",
         CohortOption::kList,
         "",
         {},
         0,
         0,
         0,
         "The reference series (参考数列), one value per child in the units compared, normalised as they "
         "are; unset: the cohort's best of each child (the ideal)."},
        OverOption(),
    },
    Check,
    "`grey`: grey relational analysis (灰色关联分析), the weighted mean of each child's relational "
    "coefficient (Δmin + ρ Δmax) / (Δ + ρ Δmax) to the reference series (the cohort's best, or given)",
};

}  // namespace makerscore::detail
