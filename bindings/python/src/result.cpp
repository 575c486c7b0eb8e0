// Scoring and results. Result arrays cross to numpy as read-only views of
// the C++ memory (Eigen is column-major, so they arrive Fortran-ordered: one
// contiguous column per indicator), kept alive by the Result.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "bindings.h"
#include "makerscore/aggregation_trace.h"
#include "makerscore/check.h"
#include "makerscore/explain.h"
#include "makerscore/grade_margin.h"
#include "makerscore/missing.h"
#include "makerscore/output.h"
#include "makerscore/present.h"
#include "makerscore/report.h"
#include "makerscore/score.h"
#include "makerscore/year_on_year.h"

namespace py = pybind11;

namespace makerscore::python {

namespace {

// "ids", "numbered" or "combined" (Python's experts=) as ExpertNames.
ExpertNames ExpertNamesOf(const std::string& experts) {
  if (experts == "ids") return ExpertNames::kById;
  if (experts == "numbered") return ExpertNames::kNumbered;
  if (experts == "combined") return ExpertNames::kCombinedOnly;
  throw Error("experts='" + experts +
              "': expected 'ids', 'numbered' (专家1...N) or 'combined' (the combined rating only)");
}

ReportOptions ReportOptionsOf(const std::string& entity, const UncertaintyResult* uncertainty, const std::string& parts,
                              const std::string& experts) {
  ReportOptions o;
  o.entity = entity;
  o.uncertainty = uncertainty;
  o.experts = ExpertNamesOf(experts);
  if (parts == "all") {
    o.parts = ReportParts::kAll;
  } else if (parts == "overview") {
    o.parts = ReportParts::kOverview;
  } else if (parts == "scorecards") {
    o.parts = ReportParts::kScorecards;
  } else {
    throw Error("parts='" + parts + "': expected 'all', 'overview' or 'scorecards'");
  }
  return o;
}

}  // namespace

void BindResult(py::module_& m) {
  py::class_<Result, std::shared_ptr<Result>>(
      m, "Result", "The outcome of scoring a cohort. Arrays are entity x node (node 0 is the total), read-only views.")
      .def_property_readonly("model", &Result::model, "The rules it was scored with.")
      .def_property_readonly("entity_ids", &Result::entity_ids, "Entity ids, in the data's row order.")
      .def_property_readonly("entity_names", &Result::entity_names, "Entity names.")
      .def_property_readonly("values", &Result::values, py::return_value_policy::reference_internal,
                             "The value each formula gave (NaN when missing, and for groups).")
      .def_property_readonly("used_values", &Result::used_values, py::return_value_policy::reference_internal,
                             "The value scored, after imputation and outlier treatment.")
      .def_property_readonly("scores", &Result::scores, py::return_value_policy::reference_internal,
                             "The share of each node's points earned (NaN when left out).")
      .def_property_readonly("points", &Result::points, py::return_value_policy::reference_internal,
                             "Points per node; column 0 is the indicators' total.")
      .def_property_readonly("flags", &Result::flags, py::return_value_policy::reference_internal,
                             "Per entity and node, the flags as bits (see flag_names).")
      .def_property_readonly("adjustment_points", &Result::adjustment_points,
                             py::return_value_policy::reference_internal,
                             "Points of each bonus item then each deduction item (entity x item).")
      .def_property_readonly(
          "totals",
          [](const Result& r) {
            py::array_t<double> out(r.entity_count());
            for (int i = 0; i < r.entity_count(); ++i) out.mutable_at(i) = r.total(i);
            return out;
          },
          "The totals (indicators + bonus - deductions); NaN where the entity could not be scored.")
      .def_property_readonly(
          "ranks",
          [](const Result& r) {
            py::array_t<int> out(r.entity_count());
            for (int i = 0; i < r.entity_count(); ++i) out.mutable_at(i) = r.rank(i);
            return out;
          },
          "Competition ranks (1, 2, 2, 4); 0 where not ranked.")
      .def(
          "ranks_of",
          [](const Result& r, int k) {
            if (k < 0 || k >= static_cast<int>(r.model().nodes().size()))
              throw py::index_error("no node " + std::to_string(k));
            std::vector<int> ranks = r.ranks_of(k);
            py::array_t<int> out(r.entity_count());
            for (int i = 0; i < r.entity_count(); ++i) out.mutable_at(i) = ranks[i];
            return out;
          },
          py::arg("node"), "Competition ranks on node k by its points (or score); 0 where the entity has none.")
      .def_property_readonly(
          "grades",
          [](const Result& r) {
            std::vector<std::string> out;
            for (int i = 0; i < r.entity_count(); ++i) out.push_back(r.grade(i));
            return out;
          },
          "Grade labels; '' where none applies.")
      .def_property_readonly(
          "warnings", [](const Result& r) { return r.warnings(); },
          "What looks wrong with the inputs although it breaks no rule (last year's data the same as this "
          "year's, a ratings file without ratings, an indicator with no value for anyone).")
      .def_property_readonly(
          "set_aside",
          [](const Result& r) {
            std::vector<std::vector<std::string>> out;
            for (int i = 0; i < r.entity_count(); ++i) {
              std::vector<std::string> cells;
              for (const CellProblem& p : r.set_aside(i))
                cells.push_back("row " + std::to_string(p.row) + ", " + p.message);
              out.push_back(cells);
            }
            return out;
          },
          "For each entity, its data cells set aside as unusable (then it is not ranked or graded).")
      .def_property_readonly(
          "vetoes",
          [](const Result& r) {
            std::vector<std::vector<std::string>> out;
            const auto& vetoes = r.model().rules().vetoes;
            for (int i = 0; i < r.entity_count(); ++i) {
              std::vector<std::string> ids;
              for (int v : r.vetoes(i)) ids.push_back(vetoes[v].id);
              out.push_back(ids);
            }
            return out;
          },
          "The ids of the vetoes that apply to each entity.")
      .def_property_readonly(
          "graded_directly",
          [](const Result& r) {
            std::vector<std::string> out;
            for (int i = 0; i < r.entity_count(); ++i) {
              const int g = r.direct_grade(i);
              out.push_back(g >= 0 ? r.model().rules().grades[g].when : std::string());
            }
            return out;
          },
          "For each entity, the condition of the grade it got directly (a grade's `when`, 直接认定); '' for none.")
      .def_property_readonly(
          "classes",
          [](const Result& r) {
            std::vector<std::string> out;
            const auto& c = r.model().rules().classes;
            for (int i = 0; i < r.entity_count(); ++i) out.push_back(c ? c->labels[r.entity_class(i)] : "");
            return out;
          },
          "Each entity's class ('' without classes).")
      .def_property_readonly(
          "stats",
          [](const Result& r) {
            py::list out;
            for (const auto& st : r.stats()) {
              py::dict d;
              d["low"] = st.low;
              d["high"] = st.high;
              d["fill"] = st.fill;
              d["present"] = st.present;
              d["skew"] = st.skew;
              d["kurtosis"] = st.kurtosis;
              d["treated"] = st.treated;
              d["log_transformed"] = st.log_transformed;
              d["agreement_w"] = st.agreement_w;
              d["agreement_p"] = st.agreement_p;
              out.append(d);
            }
            return out;
          },
          "Per node, the cohort figures the run used: the method's low and high, the imputed value, values "
          "present, skewness, kurtosis and values treated for outliers, and the panel's Kendall W and p.")
      .def(
          "aggregation_trace",
          [](const Result& r, int k) -> py::object {
            const AggregationTrace* t = r.aggregation_trace(k);
            if (!t) return py::none();
            py::dict d;
            d["figure_names"] = t->figure_names;
            d["figures"] = Eigen::ArrayXXd(t->figures);
            d["per_child_name"] = t->per_child_name;
            d["per_child"] = Eigen::ArrayXXd(t->per_child);
            d["cohort"] = t->cohort;
            d["notes"] = t->notes;
            d["how"] = t->how;
            d["levels"] = t->levels;
            d["membership"] = Eigen::ArrayXXd(t->membership);
            return std::move(d);
          },
          py::arg("node"),
          "What a group aggregated over the cohort (TOPSIS, VIKOR, grey, fuzzy) computed, as a dict of copies; "
          "None for any other node.")
      .def_property_readonly(
          "max_points",
          [](const Result& r) {
            Eigen::ArrayXXd out(r.entity_count(), static_cast<Eigen::Index>(r.model().nodes().size()));
            for (Eigen::Index k = 0; k < out.cols(); ++k) {
              for (Eigen::Index i = 0; i < out.rows(); ++i) {
                out(i, k) = r.max_points(static_cast<int>(i), static_cast<int>(k));
              }
            }
            return out;
          },
          "The most points each entity could earn on each node (entity x node): the total shared down by the "
          "weights as used (derived ones included), or the class's maximum.")
      .def(
          "year_on_year",
          [](const Result& r) -> py::object {
            if (!r.previous_result()) return py::none();
            const int n = r.entity_count();
            Eigen::ArrayXd last_total(n), total_change(n), last_rank(n), rank_change(n);
            std::vector<std::string> last_grade(n);
            const double nan = std::numeric_limits<double>::quiet_NaN();
            for (int i = 0; i < n; ++i) {
              const YearOnYear y = YearOnYearOf(r, i);
              last_total[i] = y.last_total;
              total_change[i] = y.total_change;
              last_rank[i] = y.last_rank ? y.last_rank : nan;
              rank_change[i] = y.ranked_both ? y.rank_change : nan;
              last_grade[i] = y.last_grade;
            }
            py::dict out;
            out["last_total"] = last_total;
            out["last_rank"] = last_rank;
            out["last_grade"] = last_grade;
            out["total_change"] = total_change;
            out["rank_change"] = rank_change;
            return std::move(out);
          },
          "Year on year, given last year's result: per entity last year's total, rank and grade and the change "
          "(rank_change: places up, negative down; NaN when not ranked both years); None without a previous result.")
      .def(
          "grade_margins",
          [](const Result& r) -> py::object {
            const std::vector<double> cutoffs = GradeCutoffs(r);
            if (std::all_of(cutoffs.begin(), cutoffs.end(), [](double c) { return std::isnan(c); })) return py::none();
            const int n = r.entity_count();
            Eigen::ArrayXd up(n), above(n);
            std::vector<bool> near(n);
            std::vector<std::string> next_up(n), next_down(n);
            for (int i = 0; i < n; ++i) {
              const GradeMargin m = MarginOf(r, i, cutoffs);
              up[i] = m.to_next_up;
              above[i] = m.above_cutoff;
              near[i] = m.near;
              next_up[i] = m.next_up;
              next_down[i] = m.next_down;
            }
            py::dict cut;
            for (size_t k = 0; k < cutoffs.size(); ++k) cut[py::str(r.model().rules().grades[k].label)] = cutoffs[k];
            py::dict out;
            out["cutoffs"] = cut;
            out["to_next_grade"] = up;
            out["next_grade"] = next_up;
            out["above_cutoff"] = above;
            out["grade_below"] = next_down;
            out["near_boundary"] = near;
            out["margin"] = BoundaryMargin(r.model().rules());
            return std::move(out);
          },
          "Why this grade: the grades' cut-offs in this cohort and, per entity, the points short of the next grade, "
          "above its own cut-off, and whether it is near a boundary; None when no grade is given by the total.")
      .def(
          "screening",
          [](const Result& r) -> py::object {
            const Screening* s = r.screening();
            if (!s) return py::none();
            py::list rows;
            for (size_t e = 0; e < s->entities.size(); ++e) {
              const EntityAvailability& a = s->entities[e];
              py::dict d;
              d["id"] = a.id;
              d["name"] = a.name;
              d["row"] = a.row;
              d["indicators"] = a.indicators;
              d["missing"] = a.missing;
              d["zeros"] = a.zeros;
              d["available"] = a.available;
              d["nonzero"] = a.nonzero;
              d["low_data"] = a.low_data;
              d["low_nonzero"] = a.low_nonzero;
              d["forced"] = a.forced;
              d["kept"] = a.kept;
              d["reason"] = s->Reason(static_cast<int>(e));
              rows.append(d);
            }
            py::dict out;
            out["by"] = ToString(s->spec.by);
            out["min_available"] = s->spec.min_available;
            out["min_nonzero"] = s->spec.min_nonzero;
            out["entities"] = rows;
            return std::move(out);
          },
          "The rule file's screening by data availability, as a dict (by, min_available, min_nonzero, and one dict "
          "per entity of the data as given); None when the rule file does not screen.")
      .def_property_readonly("shares", &Result::shares,
                             "Each node's share of its parent's weight as used (stated, AHP's or derived from data).")
      .def(
          "weights_table", [](const Result& r) { return FormatWeights(r.model(), &r.shares()); },
          "The weights used, as text (as `makerscore weights --data`).")
      .def(
          "explain",
          [](const Result& r, const std::string& entity, const std::string& indicator, const std::string& experts,
             const std::string& language) {
            ExplainOptions how;
            how.experts = ExpertNamesOf(experts);
            if (language == "zh" || language == "en") {
              how.language = language == "zh" ? Language::kChinese : Language::kEnglish;
            } else if (!language.empty()) {
              throw Error("language='" + language + "': expected 'zh' or 'en' (or None for the rule file's)");
            }
            return Explain(r, entity, indicator, how);
          },
          py::arg("entity"), py::arg("indicator") = "", py::arg("experts") = "ids", py::arg("language") = "",
          "How the entity earned its points on one indicator (or all of them), in words.")
      .def("table", &FormatTable, "The ranked table as text, aligned for a terminal.")
      .def(
          "html_report",
          [](const Result& r, const std::string& entity, const UncertaintyResult* uncertainty, const std::string& parts,
             const std::string& experts) {
            return HtmlReport(r, ReportOptionsOf(entity, uncertainty, parts, experts));
          },
          py::arg("entity") = "", py::arg("uncertainty") = nullptr, py::arg("parts") = "all",
          py::arg("experts") = "ids",
          "The report as one self-contained HTML page: the overview and every scorecard, or (entity) one scorecard.")
      .def(
          "write_html_report",
          [](const Result& r, const std::string& path, const std::string& entity, const UncertaintyResult* uncertainty,
             const std::string& parts, const std::string& experts) {
            return WriteHtmlReport(r, path, ReportOptionsOf(entity, uncertainty, parts, experts));
          },
          py::arg("path"), py::arg("entity") = "", py::arg("uncertainty") = nullptr, py::arg("parts") = "all",
          py::arg("experts") = "ids",
          "Writes the report to a .html file or a folder (index.html and a page per entity); returns the files.")
      .def(
          "csv",
          [](const Result& r) {
            std::ostringstream out;
            WriteCsv(r, out);
            return out.str();
          },
          "The result as CSV text (as `makerscore score --format csv`).")
      .def("json", &ToJson, "The result as JSON text (as `makerscore score --format json`).")
      .def(
          "missing",
          [](const Result& r) {
            py::list out;
            for (const MissingValue& m : MissingValues(r)) {
              py::dict d;
              d["entity"] = r.entity_ids()[m.entity];
              d["name"] = r.entity_names()[m.entity];
              d["indicator"] = r.model().nodes()[m.node].id;
              d["indicator_name"] = r.model().nodes()[m.node].name;
              std::vector<std::string> fields = m.fields;
              if (m.no_row_last_year) fields.insert(fields.begin(), "(not in last year's data)");
              d["fields"] = fields;
              d["set_aside"] = m.set_aside;
              d["imputed"] = m.imputed;
              d["points"] = m.points;
              d["max_points"] = m.max_points;
              d["reported_median"] = m.reported_median;
              d["text"] = DescribeMissing(r, m);
              out.append(d);
            }
            return out;
          },
          "The values missing for want of data (an empty cell, no row last year, no usable rating), as dicts.")
      .def(
          "missing_summary", [](const Result& r) { return MissingSummary(r); },
          "The missing values in words, at most 20 lines; '' when none.")
      .def(
          "missing_count",
          [](const Result& r) {
            long count = 0;
            for (size_t k = 0; k < r.model().nodes().size(); ++k) {
              if (!r.model().nodes()[k].children.empty() || k == 0) continue;
              for (int i = 0; i < r.entity_count(); ++i) count += MissingFromData(r.flags()(i, static_cast<int>(k)));
            }
            return count;
          },
          "How many indicator values are missing for want of data (any detail).")
      .def_property_readonly(
          "detail",
          [](const Result& r) {
            return r.detail() == ScoreDetail::kFull       ? "full"
                   : r.detail() == ScoreDetail::kPoints   ? "points"
                   : r.detail() == ScoreDetail::kOutcomes ? "outcomes"
                                                          : "totals";
          },
          "What the result keeps: 'full', 'points' (no values), 'outcomes' (totals, ranks, grades, flags, "
          "scores) or 'totals' (totals, ranks, grades, flags).")
      .def(
          "write_xlsx",
          [](const Result& r, const std::string& path) {
            std::vector<std::string> inputs = {r.current().source()};
            if (r.previous()) inputs.push_back(r.previous()->source());
            if (r.ratings()) inputs.push_back(r.ratings()->source);
            WriteOutputFile(path, XlsxWorkbook(r), inputs);
          },
          py::arg("path"),
          "Writes the result as an Excel workbook (sheets 排名, 得分明细, 缺失与标记) to path, whole or not at all.")
      .def(
          "write_csv",
          [](const Result& r, const std::string& path) {
            std::ostringstream out;
            WriteCsv(r, out);
            std::vector<std::string> inputs = {r.current().source()};
            if (r.previous()) inputs.push_back(r.previous()->source());
            if (r.ratings()) inputs.push_back(r.ratings()->source);
            WriteOutputFile(path, "\xEF\xBB\xBF" + out.str(), inputs);  // a byte-order mark, for Excel
          },
          py::arg("path"),
          "Writes the CSV (with a UTF-8 byte-order mark, for Excel) to path whole or not at all; refuses the "
          "files the result was computed from, and anything but a regular file.");

  m.def(
      "score",
      [](const Model& model, std::shared_ptr<const Dataset> current, std::shared_ptr<const Dataset> previous,
         std::shared_ptr<const Ratings> ratings, int threads, std::shared_ptr<const PreviousResult> last_result,
         const std::string& detail) {
        ScoreOptions options{threads};
        if (detail == "totals") {
          options.detail = ScoreDetail::kTotals;
        } else if (detail == "outcomes") {
          options.detail = ScoreDetail::kOutcomes;
        } else if (detail == "points") {
          options.detail = ScoreDetail::kPoints;
        } else if (detail != "full") {
          throw py::value_error("detail='" + detail + "': give 'full', 'points', 'outcomes' or 'totals'");
        }
        return std::make_shared<Result>(
            Score(model, Cohort{std::move(current), std::move(previous), std::move(ratings), std::move(last_result)},
                  options));
      },
      py::arg("model"), py::arg("data"), py::arg("previous") = nullptr, py::arg("ratings") = nullptr,
      py::arg("threads") = 1, py::arg("previous_result") = nullptr, py::arg("detail") = "full",
      py::call_guard<py::gil_scoped_release>(),
      "Scores a cohort on `threads` threads (0: every core; the results do not depend on it) with the GIL "
      "released, keeping `detail` ('full', 'points': no values, 'outcomes': totals, ranks, grades, flags and "
      "scores, 'totals': the same without the scores); raises DataError when an input does not fit the rules.");
  py::class_<PreviousResult, std::shared_ptr<PreviousResult>>(m, "PreviousResult",
                                                              "Last year's total, rank and grade of each entity.")
      .def(py::init([](std::vector<std::string> ids, std::vector<double> totals, std::vector<double> ranks,
                       std::vector<std::string> grades, std::string source) {
             if (totals.size() != ids.size() || ranks.size() != ids.size() || grades.size() != ids.size()) {
               throw DataError("last year's result: ids, totals, ranks and grades differ in length");
             }
             return PreviousResult{std::move(ids), std::move(totals), std::move(ranks), std::move(grades),
                                   std::move(source)};
           }),
           py::arg("ids"), py::arg("totals"), py::arg("ranks"), py::arg("grades"), py::arg("source") = "")
      .def_readonly("ids", &PreviousResult::ids)
      .def_readonly("totals", &PreviousResult::totals)
      .def_readonly("ranks", &PreviousResult::ranks)
      .def_readonly("grades", &PreviousResult::grades);
  m.def(
      "read_previous_result",
      [](const std::string& path, const std::string& encoding, const std::string& sheet) {
        return std::make_shared<PreviousResult>(ReadPreviousResult(path, CsvOptions{encoding, sheet}));
      },
      py::arg("path"), py::arg("encoding") = "utf-8", py::arg("sheet") = "",
      "Reads last year's result as makerscore wrote it (CSV, xlsx or JSON). Raises DataError.");
  m.def(
      "check_dataset",
      [](const Model& model, const Dataset& data) {
        py::list out;
        for (const auto& v : CheckDataset(model, data)) {
          py::dict d;
          d["row"] = v.row;
          d["entity"] = v.entity;
          d["check"] = v.check;
          d["fields"] = v.fields;
          d["message"] = v.message;
          out.append(d);
        }
        return out;
      },
      py::arg("model"), py::arg("data"), "The rule file's consistency checks broken by each report, as dicts.");
  m.def("flag_names", &FlagNames, py::arg("flags"), "The names of the flags set in a flags value.");
  m.def("display_width", &DisplayWidth, py::arg("text"), "Terminal columns a text takes (Chinese characters 2).");
}

}  // namespace makerscore::python
