// Uncertainty and sensitivity analyses. The replications' ranks and totals
// cross as numpy copies (one row per replication).
#include "makerscore/uncertainty.h"

#include <pybind11/eigen.h>
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "makerscore/load.h"
#include "makerscore/present.h"

namespace py = pybind11;

namespace makerscore::python {

namespace {

UncertaintyOptions Options(std::optional<int> replications, std::optional<std::uint64_t> seed, int threads) {
  UncertaintyOptions o;
  o.replications = replications;
  o.seed = seed;
  o.threads = threads;
  return o;
}

const UncertainInputs& InputsOf(const Model& model) {
  if (!model.rules().uncertainty) {
    throw Error("the rule file has no 'uncertainty:' section; load the inputs with Rules.with_inputs(path)");
  }
  return *model.rules().uncertainty;
}

}  // namespace

void BindUncertainty(py::module_& m) {
  py::class_<UncertaintyResult, std::shared_ptr<UncertaintyResult>>(m, "UncertaintyResult",
                                                                    "The outcome of an uncertainty analysis.")
      .def_readonly("entity_ids", &UncertaintyResult::entity_ids)
      .def_readonly("entity_names", &UncertaintyResult::entity_names)
      .def_readonly("grades", &UncertaintyResult::grades, "The rule set's grade labels, best first.")
      .def_readonly("inputs", &UncertaintyResult::inputs, "The uncertain inputs, as named in reports.")
      .def_readonly("seed", &UncertaintyResult::seed)
      .def_readonly("totals", &UncertaintyResult::totals, "Replications x entities: totals (NaN: none).")
      .def_readonly("ranks", &UncertaintyResult::ranks, "Replications x entities: ranks (0: not ranked).")
      .def_property_readonly(
          "entities",
          [](const UncertaintyResult& r) {
            py::list out;
            for (const auto& e : r.entities) {
              py::dict d;
              d["nominal_total"] = e.nominal_total;
              d["nominal_rank"] = e.nominal_rank;
              d["nominal_grade"] = e.nominal_grade >= 0 ? py::cast(r.grades[e.nominal_grade]) : py::none();
              d["mean_total"] = e.mean_total;
              d["median_rank"] = e.median_rank;
              d["rank_p05"] = e.rank_p05;
              d["rank_p95"] = e.rank_p95;
              d["grade_probability"] = e.grade_probability;
              d["grade_change"] = e.grade_change;
              out.append(d);
            }
            return out;
          },
          "Per entity: nominal total, rank and grade; mean total; median rank and 5th-95th percentiles; the "
          "probability of each grade (then of none); how often the grade changes.")
      .def("table", &FormatUncertainty, "As `makerscore uncertainty` prints it.")
      .def("json", &UncertaintyToJson, py::arg("with_replications") = false);

  py::class_<SensitivityResult, std::shared_ptr<SensitivityResult>>(m, "SensitivityResult",
                                                                    "The outcome of a sensitivity analysis.")
      .def_readonly("output", &SensitivityResult::output)
      .def_readonly("base_samples", &SensitivityResult::base_samples)
      .def_readonly("runs", &SensitivityResult::runs)
      .def_readonly("seed", &SensitivityResult::seed)
      .def_readonly("output_mean", &SensitivityResult::output_mean)
      .def_readonly("output_variance", &SensitivityResult::output_variance)
      .def_readonly("converged", &SensitivityResult::converged)
      .def_readonly("largest_change", &SensitivityResult::largest_change)
      .def_readonly("tolerance", &SensitivityResult::tolerance)
      .def_property_readonly(
          "indices",
          [](const SensitivityResult& r) {
            py::list out;
            for (const auto& s : r.indices) {
              py::dict d;
              d["input"] = s.input;
              d["first_order"] = s.first_order;
              d["first_low"] = s.first_low;
              d["first_high"] = s.first_high;
              d["total_effect"] = s.total_effect;
              d["total_low"] = s.total_low;
              d["total_high"] = s.total_high;
              d["first_order_half"] = s.first_order_half;
              d["total_effect_half"] = s.total_effect_half;
              out.append(d);
            }
            return out;
          },
          "One dict per uncertain input: first-order and total-effect indices with their 90% intervals.")
      .def("table", &FormatSensitivity, "As `makerscore sensitivity` prints it.")
      .def("json", &SensitivityToJson);

  m.def(
      "uncertainty",
      [](const Model& model, std::shared_ptr<const Dataset> current, std::shared_ptr<const Dataset> previous,
         std::shared_ptr<const Ratings> ratings, std::optional<int> replications, std::optional<std::uint64_t> seed,
         int threads) {
        return std::make_shared<UncertaintyResult>(
            AnalyseUncertainty(model, Cohort{std::move(current), std::move(previous), std::move(ratings), nullptr},
                               InputsOf(model), Options(replications, seed, threads)));
      },
      py::arg("model"), py::arg("data"), py::arg("previous") = nullptr, py::arg("ratings") = nullptr,
      py::arg("replications") = py::none(), py::arg("seed") = py::none(), py::arg("threads") = 0,
      py::call_guard<py::gil_scoped_release>(), "Runs an uncertainty analysis (the GIL is released meanwhile).");
  m.def(
      "sensitivity",
      [](const Model& model, std::shared_ptr<const Dataset> current, std::shared_ptr<const Dataset> previous,
         std::shared_ptr<const Ratings> ratings, std::optional<int> replications, std::optional<std::uint64_t> seed,
         int threads, int bootstrap) {
        return std::make_shared<SensitivityResult>(
            AnalyseSensitivity(model, Cohort{std::move(current), std::move(previous), std::move(ratings), nullptr},
                               InputsOf(model), Options(replications, seed, threads), bootstrap));
      },
      py::arg("model"), py::arg("data"), py::arg("previous") = nullptr, py::arg("ratings") = nullptr,
      py::arg("replications") = py::none(), py::arg("seed") = py::none(), py::arg("threads") = 0,
      py::arg("bootstrap") = 1000, py::call_guard<py::gil_scoped_release>(),
      "Runs a sensitivity analysis (the GIL is released meanwhile).");
  m.def(
      "load_rules_with_inputs",
      [](const std::string& rules, const std::string& inputs) {
        LoadResult r = LoadRulesWithInputs(rules, inputs);
        if (!r.ok()) throw RuleError(std::move(r.diagnostics));
        return Model::Compile(*r.rules);
      },
      py::arg("rules"), py::arg("inputs"),
      "Loads a rule file with the uncertain inputs from their own file. Raises RuleError.");
}

}  // namespace makerscore::python
