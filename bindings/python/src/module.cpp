// makerscore._core: the compiled part of the makerscore Python package.
// The package's pure-Python layer (makerscore/__init__.py) adds the pandas
// conveniences on top.
#include "bindings.h"
#include "makerscore/version.h"

PYBIND11_MODULE(_core, m) {
  m.doc() = "makerscore's C++ core. Use the makerscore package, not this module directly.";
  m.attr("__version__") = makerscore::Version();
  makerscore::python::BindErrors(m);
  makerscore::python::BindRules(m);
  makerscore::python::BindData(m);
  makerscore::python::BindResult(m);
  makerscore::python::BindExperts(m);
  makerscore::python::BindUncertainty(m);
}
