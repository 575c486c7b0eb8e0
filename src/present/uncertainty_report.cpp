// Uncertainty and sensitivity analyses as tables, CSV and JSON.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>

#include "makerscore/present.h"
#include "present/aligned.h"
#include "util/text.h"

namespace makerscore {

namespace {

using detail::Fixed;

using detail::FormatNumber;

std::string Percent(double p) {
  if (p != p) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100 * p);
  return buf;
}

std::string Rank(double r) { return r != r ? "-" : FormatNumber(r, 1); }

std::string GradeLabel(const UncertaintyResult& r, int g) { return g >= 0 ? r.grades[g] : "-"; }

// Entities by nominal rank, the unranked last in input order.
std::vector<int> NominalOrder(const UncertaintyResult& r) {
  std::vector<int> order(r.entities.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const int ra = r.entities[a].nominal_rank, rb = r.entities[b].nominal_rank;
    return (ra ? ra : 1 << 30) < (rb ? rb : 1 << 30);
  });
  return order;
}

std::string Quote(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

nlohmann::json Number(double x) { return x != x ? nlohmann::json(nullptr) : nlohmann::json(x); }

std::string Dump(const nlohmann::json& doc) {
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string FormatUncertainty(const UncertaintyResult& r) {
  std::vector<std::string> header = {"排名", "编号", "名称", "总分", "等级", "排名中位数", "排名区间 5%-95%"};
  std::vector<bool> right = {true, false, false, true, false, true, true};
  for (const auto& g : r.grades) {
    header.push_back("P(" + g + ")");
    right.push_back(true);
  }
  const bool graded = !r.grades.empty();
  if (graded) {
    header.push_back("等级变化");
    right.push_back(true);
  } else {
    header.erase(header.begin() + 4);  // no grades: no grade column
    right.erase(right.begin() + 4);
  }
  std::vector<std::vector<std::string>> rows;
  for (int i : NominalOrder(r)) {
    const EntityUncertainty& e = r.entities[i];
    std::vector<std::string> row = {e.nominal_rank ? std::to_string(e.nominal_rank) : "-",
                                    r.entity_ids[i],
                                    r.entity_names[i],
                                    Fixed(e.nominal_total, 2),
                                    GradeLabel(r, e.nominal_grade),
                                    Rank(e.median_rank),
                                    Rank(e.rank_p05) + " - " + Rank(e.rank_p95)};
    for (size_t g = 0; g < r.grades.size(); ++g) row.push_back(Percent(e.grade_probability[g]));
    if (graded) {
      row.push_back(Percent(e.grade_change));
    } else {
      row.erase(row.begin() + 4);
    }
    rows.push_back(std::move(row));
  }
  std::string out = "Uncertainty analysis: " + std::to_string(r.ranks.rows()) + " replications (seed " +
                    std::to_string(r.seed) + ")\nUncertain inputs: " + detail::Join(r.inputs, "; ") + "\n\n";
  out += detail::AlignedTable(header, right, rows);
  out +=
      "\n排名/总分: as the rule file scores them. 排名区间: the 5th to 95th percentile of the rank over the\n"
      "replications.";
  if (graded) {
    out +=
        " P(grade): the share of replications giving that grade. 等级变化: the share whose\n"
        "grade differs from the rule file's.";
  }
  out += "\n";
  return out;
}

void WriteUncertaintyCsv(const UncertaintyResult& r, std::ostream& out) {
  out << "id,name,nominal_rank,nominal_total,nominal_grade,mean_total,median_rank,rank_p05,rank_p95";
  for (const auto& g : r.grades) out << "," << Quote("p_" + g);
  out << ",p_no_grade,grade_change\n";
  for (int i : NominalOrder(r)) {
    const EntityUncertainty& e = r.entities[i];
    out << Quote(r.entity_ids[i]) << "," << Quote(r.entity_names[i]) << ","
        << (e.nominal_rank ? std::to_string(e.nominal_rank) : "") << "," << FormatNumber(e.nominal_total, 6) << ","
        << Quote(e.nominal_grade >= 0 ? r.grades[e.nominal_grade] : "") << "," << FormatNumber(e.mean_total, 6) << ","
        << FormatNumber(e.median_rank, 6) << "," << FormatNumber(e.rank_p05, 6) << "," << FormatNumber(e.rank_p95, 6);
    for (double p : e.grade_probability) out << "," << FormatNumber(p, 6);
    out << "," << FormatNumber(e.grade_change, 6) << "\n";
  }
}

std::string UncertaintyToJson(const UncertaintyResult& r, bool with_replications) {
  nlohmann::json doc;
  doc["replications"] = r.ranks.rows();
  doc["seed"] = r.seed;
  doc["inputs"] = r.inputs;
  doc["grades"] = r.grades;
  nlohmann::json entities = nlohmann::json::array();
  for (int i : NominalOrder(r)) {
    const EntityUncertainty& e = r.entities[i];
    nlohmann::json x;
    x["id"] = r.entity_ids[i];
    x["name"] = r.entity_names[i];
    x["nominal"] = {
        {"rank", e.nominal_rank ? nlohmann::json(e.nominal_rank) : nlohmann::json(nullptr)},
        {"total", Number(e.nominal_total)},
        {"grade", e.nominal_grade >= 0 ? nlohmann::json(r.grades[e.nominal_grade]) : nlohmann::json(nullptr)}};
    x["mean_total"] = Number(e.mean_total);
    x["rank"] = {{"median", Number(e.median_rank)}, {"p05", Number(e.rank_p05)}, {"p95", Number(e.rank_p95)}};
    nlohmann::json p = nlohmann::json::object();
    for (size_t g = 0; g < r.grades.size(); ++g) p[r.grades[g]] = e.grade_probability[g];
    p["none"] = e.grade_probability.back();
    x["grade_probability"] = p;
    x["grade_change"] = e.grade_change;
    if (with_replications) {
      std::vector<int> ranks(r.ranks.rows());
      for (Eigen::Index k = 0; k < r.ranks.rows(); ++k) ranks[k] = r.ranks(k, i);
      x["ranks"] = ranks;
    }
    entities.push_back(x);
  }
  doc["entities"] = entities;
  return Dump(doc);
}

std::string FormatSensitivity(const SensitivityResult& r) {
  std::vector<SensitivityIndex> sorted = r.indices;
  std::stable_sort(sorted.begin(), sorted.end(), [](const SensitivityIndex& a, const SensitivityIndex& b) {
    return a.total_effect > b.total_effect;
  });
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : sorted) {
    rows.push_back({s.input, Fixed(s.first_order, 3), Fixed(s.first_low, 3) + " - " + Fixed(s.first_high, 3),
                    Fixed(s.total_effect, 3), Fixed(s.total_low, 3) + " - " + Fixed(s.total_high, 3)});
  }
  std::string out = "Sensitivity analysis of the " + r.output + "\n" + std::to_string(r.base_samples) +
                    " base samples, " + std::to_string(r.runs) + " runs (seed " + std::to_string(r.seed) +
                    "); the output's mean " + Fixed(r.output_mean, 3) + ", variance " + Fixed(r.output_variance, 3) +
                    "\n\n";
  out += detail::AlignedTable({"输入 input", "一阶 first-order", "90% 区间", "总效应 total effect", "90% 区间"},
                              {false, true, true, true, true}, rows);
  out +=
      "\nFirst-order: the share of the output's variance the input explains alone (Janon et al. 2014); total\n"
      "effect: alone and with the other inputs (Jansen 1999). Intervals: 5th-95th percentile of bootstrap\n"
      "resamples. Samples: a Sobol sequence. Estimates are shown as estimated, never clipped: a first-order\n"
      "index below 0 or above the total effect is sampling noise (docs/uncertainty.md).";
  if (!(r.output_variance > 0)) out += " The output does not vary: no input changes the ranking.";
  out += "\n\n";
  if (r.converged) {
    out += "收敛 converged: every index is within " + Fixed(r.tolerance, 2) + " of its value from the first " +
           std::to_string(r.base_samples / 2) + " base samples (largest change " + Fixed(r.largest_change, 3) + ").\n";
  } else {
    out +=
        "未收敛 NOT converged: " +
        (std::isfinite(r.largest_change)
             ? "an index moved by " + Fixed(r.largest_change, 3) + " between " + std::to_string(r.base_samples / 2) +
                   " and " + std::to_string(r.base_samples) + " base samples (more than " + Fixed(r.tolerance, 2) + ")"
             : std::string("too few base samples to check")) +
        ": N is too small; run again with --replications " + std::to_string(2 * std::max(r.base_samples, 2)) + ".\n";
  }
  return out;
}

void WriteSensitivityCsv(const SensitivityResult& r, std::ostream& out) {
  out << "input,first_order,first_low,first_high,total_effect,total_low,total_high,first_order_half,"
         "total_effect_half\n";
  for (const auto& s : r.indices) {
    out << Quote(s.input) << "," << FormatNumber(s.first_order, 6) << "," << FormatNumber(s.first_low, 6) << ","
        << FormatNumber(s.first_high, 6) << "," << FormatNumber(s.total_effect, 6) << ","
        << FormatNumber(s.total_low, 6) << "," << FormatNumber(s.total_high, 6) << ","
        << FormatNumber(s.first_order_half, 6) << "," << FormatNumber(s.total_effect_half, 6) << "\n";
  }
}

std::string SensitivityToJson(const SensitivityResult& r) {
  nlohmann::json doc;
  doc["output"] = r.output;
  doc["base_samples"] = r.base_samples;
  doc["runs"] = r.runs;
  doc["seed"] = r.seed;
  doc["output_mean"] = Number(r.output_mean);
  doc["output_variance"] = Number(r.output_variance);
  doc["sampling"] = "sobol";
  doc["convergence"] = {{"converged", r.converged},
                        {"largest_change", Number(r.largest_change)},
                        {"tolerance", r.tolerance},
                        {"compared_with_base_samples", r.base_samples / 2}};
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : r.indices) {
    list.push_back(
        {{"input", s.input},
         {"first_order",
          {{"estimate", Number(s.first_order)}, {"low", Number(s.first_low)}, {"high", Number(s.first_high)}}},
         {"total_effect",
          {{"estimate", Number(s.total_effect)}, {"low", Number(s.total_low)}, {"high", Number(s.total_high)}}},
         {"at_half_base_samples",
          {{"first_order", Number(s.first_order_half)}, {"total_effect", Number(s.total_effect_half)}}}});
  }
  doc["indices"] = list;
  return Dump(doc);
}

}  // namespace makerscore
