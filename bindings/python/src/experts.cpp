// The experts' statistics on their own: Delphi rounds and Kendall's W (Python's
// makerscore.delphi and makerscore.kendall_w).
#include <pybind11/eigen.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "makerscore/delphi.h"

namespace makerscore::python {

namespace py = pybind11;

void BindExperts(py::module_& m) {
  m.def(
      "delphi",
      [](const std::string& path, double full_score, py::object fixed, bool tie_correction) {
        DelphiOptions o;
        o.full_score = full_score;
        o.tie_correction = tie_correction;
        if (!fixed.is_none()) {
          auto t = fixed.cast<std::vector<double>>();
          if (t.size() != 3) throw py::value_error("fixed needs (min_mean, min_full_frequency, max_cv)");
          o.fixed_thresholds = true;
          o.min_mean = t[0];
          o.min_full_frequency = t[1];
          o.max_cv = t[2];
        }
        return DelphiToJson(AnalyseDelphi(ReadDelphiCsv(path, o), o));
      },
      py::arg("path"), py::arg("full_score") = 5.0, py::arg("fixed") = py::none(), py::arg("tie_correction") = true,
      "The statistics of Delphi rounds read from a CSV file, as JSON text (as `makerscore delphi --format json`).");
  m.def(
      "kendall_w",
      [](const Eigen::MatrixXd& scores, bool tie_correction) {
        Concordance c = KendallW(scores, tie_correction);
        py::dict d;
        d["w"] = c.w;
        d["chi_square"] = c.chi_square;
        d["df"] = c.df;
        d["p_value"] = c.p_value;
        d["raters"] = c.raters;
        d["items"] = c.items;
        d["tie_corrected"] = c.tie_corrected;
        return d;
      },
      py::arg("scores"), py::arg("tie_correction") = true,
      "Kendall's W (tie-corrected unless asked not to be) of a raters x items array of scores, as a dict.");
}

}  // namespace makerscore::python
