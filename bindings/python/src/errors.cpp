// C++ exceptions as Python exceptions: RuleError and DataError, both
// subclasses of ValueError; RuleError carries every diagnostic.
#include <pybind11/stl.h>

#include "bindings.h"
#include "makerscore/diagnostics.h"
#include "makerscore/error.h"

namespace py = pybind11;

namespace makerscore::python {

py::dict DiagnosticDict(const Diagnostic& d) {
  py::dict out;
  out["severity"] = d.severity == Severity::kError ? "error" : "warning";
  out["file"] = d.pos.file;
  out["line"] = d.pos.line;
  out["column"] = d.pos.column;
  out["path"] = d.path;
  out["message"] = d.message;
  out["text"] = FormatDiagnostic(d);
  return out;
}

void BindErrors(py::module_& m) {
  static py::exception<Error> error(m, "Error", PyExc_ValueError);
  static py::exception<RuleError> rule_error(m, "RuleError", error.ptr());
  static py::exception<DataError> data_error(m, "DataError", error.ptr());
  error.doc() = "A makerscore error: the message names the file, line or row, field and what was expected.";
  rule_error.doc() =
      "A rule file with mistakes. args[0] is the rendered message; .diagnostics lists every mistake as a dict "
      "with severity, file, line, column, path, message and text.";
  data_error.doc() = "Data (a CSV file, a DataFrame, ratings) that cannot be used as it is.";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const RuleError& e) {
      py::list diagnostics;
      for (const auto& d : e.diagnostics().items()) diagnostics.append(DiagnosticDict(d));
      PyErr_SetObject(rule_error.ptr(), py::make_tuple(e.what(), diagnostics).ptr());
    } catch (const DataError& e) {
      PyErr_SetString(data_error.ptr(), e.what());
    } catch (const Error& e) {
      PyErr_SetString(error.ptr(), e.what());
    }
  });
}

}  // namespace makerscore::python
