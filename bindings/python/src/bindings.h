// The pieces of the _core extension module, one file per part of the API.
#ifndef MAKERSCORE_BINDINGS_PYTHON_BINDINGS_H_
#define MAKERSCORE_BINDINGS_PYTHON_BINDINGS_H_

#include <pybind11/pybind11.h>

namespace makerscore {
struct Diagnostic;
}

namespace makerscore::python {

// A diagnostic as a dict: severity, file, line, column, path, message, text (errors.cpp).
pybind11::dict DiagnosticDict(const Diagnostic& d);

void BindErrors(pybind11::module_& m);       // errors.cpp: RuleError, DataError
void BindRules(pybind11::module_& m);        // rules.cpp: rule sets, models, schema
void BindData(pybind11::module_& m);         // data.cpp: datasets, ratings, CSV
void BindResult(pybind11::module_& m);       // result.cpp: scoring, results, presenting
void BindExperts(pybind11::module_& m);      // experts.cpp: Delphi rounds, Kendall's W
void BindUncertainty(pybind11::module_& m);  // uncertainty.cpp: uncertainty and sensitivity analyses

}  // namespace makerscore::python

#endif  // MAKERSCORE_BINDINGS_PYTHON_BINDINGS_H_
