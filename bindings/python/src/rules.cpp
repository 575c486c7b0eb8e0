// Rule sets and compiled models, read-only from Python.
#include <pybind11/stl.h>

#include "bindings.h"
#include "makerscore/load.h"
#include "makerscore/methods.h"
#include "makerscore/model.h"
#include "makerscore/present.h"
#include "makerscore/schema.h"

namespace py = pybind11;

namespace makerscore::python {

namespace {

py::object Optional(const std::optional<double>& v) { return v ? py::object(py::float_(*v)) : py::object(py::none()); }

const char* KindName(NodeKind k) {
  switch (k) {
    case NodeKind::kRoot:
      return "root";
    case NodeKind::kGroup:
      return "group";
    case NodeKind::kQuantitative:
      return "quantitative";
    case NodeKind::kQualitative:
      return "qualitative";
  }
  return "?";
}

py::list DiagnosticList(const Diagnostics& diags) {
  py::list out;
  for (const auto& d : diags.items()) out.append(DiagnosticDict(d));
  return out;
}

}  // namespace

void BindRules(py::module_& m) {
  py::class_<Field>(m, "Field", "One number each entity reports (a column of the data).")
      .def_readonly("id", &Field::id, "Identifier used in formulas and CSV headers.")
      .def_readonly("name", &Field::name, "The source document's name.")
      .def_readonly("unit", &Field::unit, "Unit of measure, e.g. 万元.")
      .def_property_readonly(
          "kind", [](const Field& f) { return ToString(f.kind); }, "number, count, amount, share, flag or category.")
      .def_property_readonly(
          "min", [](const Field& f) { return Optional(f.min); }, "Smallest allowed value or None.")
      .def_property_readonly(
          "max", [](const Field& f) { return Optional(f.max); }, "Largest allowed value or None.")
      .def_readonly("section", &Field::section, "The form section it belongs to.")
      .def_readonly("description", &Field::description, "Free text.")
      .def("__repr__", [](const Field& f) { return "<Field " + f.id + " " + f.name + ">"; });

  py::class_<Node>(m, "Node", "One node of the indicator tree (node 0 is the root, the total).")
      .def_readonly("id", &Node::id, "Indicator id ('' for the root).")
      .def_readonly("name", &Node::name, "The source document's name.")
      .def_property_readonly(
          "kind", [](const Node& n) { return KindName(n.kind); }, "root, group, quantitative or qualitative.")
      .def_readonly("parent", &Node::parent, "Index of the parent node, -1 for the root.")
      .def_readonly("depth", &Node::depth, "0 for the root, 1 for first-level indicators.")
      .def_readonly("children", &Node::children, "Indices of the child nodes.")
      .def_readonly("share", &Node::share, "Weight as a fraction of the parent's.")
      .def_readonly("max_points", &Node::max_points, "Points the node can earn at most.")
      .def_readonly("class_max_points", &Node::class_max_points, "max_points for each class of entity.")
      .def_property_readonly(
          "weight", [](const Node& n) { return n.indicator ? n.indicator->weight : 0.0; },
          "The weight as the rule file gives it (NaN when given per class).")
      .def_property_readonly(
          "formula", [](const Node& n) { return n.indicator ? n.indicator->value : ""; },
          "The value formula of a quantitative indicator.")
      .def_property_readonly(
          "method", [](const Node& n) { return n.indicator && n.indicator->score ? n.indicator->score->method : ""; },
          "The scoring method of a quantitative indicator.")
      .def_property_readonly(
          "scale", [](const Node& n) { return n.indicator && n.indicator->rated ? n.indicator->rated->scale : ""; },
          "The rating scale of a qualitative indicator.")
      .def_property_readonly(
          "weights_method",
          [](const Node& n) { return n.weights_method == WeightsMethod::kStated ? "" : ToString(n.weights_method); },
          "How this group's children's weights are derived, the rule file's word (ahp, entropy, critic ...); '' when "
          "stated.")
      .def_readonly("consistency_ratio", &Node::consistency_ratio, "The AHP consistency ratio of this group's matrix.")
      .def_readonly("missing_comparisons", &Node::missing_comparisons,
                    "AHP: the comparisons not made in this group's matrix (completed optimally); 0 when complete.")
      .def("__repr__", [](const Node& n) { return "<Node " + n.id + " " + n.name + ">"; });

  py::class_<Model>(m, "Model",
                    "A rule file, checked and compiled for scoring. Immutable; safe to share between threads.")
      .def_property_readonly(
          "id", [](const Model& x) { return x.rules().id; }, "The rule set's id.")
      .def_property_readonly(
          "title", [](const Model& x) { return x.rules().title; }, "The rule set's title.")
      .def_property_readonly(
          "source", [](const Model& x) { return x.rules().source; }, "The source document.")
      .def_property_readonly(
          "file", [](const Model& x) { return x.rules().source_map.file; }, "The rule file read.")
      .def_property_readonly(
          "total", [](const Model& x) { return x.rules().total; }, "Points of the whole tree.")
      .def_property_readonly(
          "weighting", [](const Model& x) { return ToString(x.rules().weighting); }, "points or relative.")
      .def_property_readonly(
          "bad_cells", [](const Model& x) { return ToString(x.rules().bad_cells); },
          "What an unusable data cell does: error or set_aside.")
      .def_property_readonly(
          "id_column", [](const Model& x) { return x.rules().id_column; }, "The data's entity id column.")
      .def_property_readonly(
          "weights_file", [](const Model& x) { return x.rules().weights_file; },
          "The weights file whose weights replaced the stated ones, or ''.")
      .def_property_readonly(
          "name_column", [](const Model& x) { return x.rules().name_column; }, "The data's entity name column.")
      .def_property_readonly(
          "fields", [](const Model& x) { return x.rules().fields; }, "The data fields.")
      .def_property_readonly("nodes", &Model::nodes, py::return_value_policy::reference_internal,
                             "The indicator tree, depth first; node 0 is the root.")
      .def_property_readonly(
          "grades",
          [](const Model& x) {
            py::list out;
            for (const auto& g : x.rules().grades) {
              py::dict d;
              d["grade"] = g.label;
              d["min"] = Optional(g.min);
              d["top"] = Optional(g.top);
              d["rank"] = g.rank ? py::cast(*g.rank) : py::none();
              d["round"] = g.round ? py::cast(ToString(*g.round)) : py::none();
              d["when"] = g.when.empty() ? py::none() : py::cast(g.when);
              d["by_veto_only"] = g.by_veto_only;
              out.append(d);
            }
            return out;
          },
          "The grades, best first, as dicts: grade, min, top (a share), rank (the first N), round (how top becomes "
          "places), when (直接认定), by_veto_only.")
      .def_property_readonly(
          "class_labels",
          [](const Model& x) { return x.rules().classes ? x.rules().classes->labels : std::vector<std::string>{}; },
          "The classes of entity, if any.")
      .def_property_readonly(
          "adjustment_ids",
          [](const Model& x) {
            std::vector<std::string> ids;
            for (const auto& a : x.rules().bonus.items) ids.push_back(a.id);
            for (const auto& a : x.rules().deductions.items) ids.push_back(a.id);
            return ids;
          },
          "The ids of the bonus items, then of the deduction items.")
      .def_property_readonly("uses_previous_year", &Model::uses_previous_year,
                             "True when some formula uses prev(): last year's data is needed.")
      .def_property_readonly(
          "has_checks", [](const Model& x) { return !x.rules().checks.empty(); },
          "True when the rule file has consistency checks for reports.")
      .def("find_node", &Model::FindNode, py::arg("indicator_id"), "Index of the node with this id, or -1.")
      .def(
          "weights_table", [](const Model& x) { return FormatWeights(x); },
          "The tree's weights as text (as `makerscore weights`).");

  m.def(
      "load_rules", [](const std::string& path) { return Model::Compile(LoadRulesOrThrow(path)); }, py::arg("path"),
      "Loads, checks and compiles a rule file. Raises RuleError listing every mistake.");
  m.def(
      "with_weights",
      [](const Model& model, const std::string& path) {
        LoadResult r = ReplaceWeights(model.rules(), path);
        if (!r.ok()) throw RuleError(std::move(r.diagnostics));
        return Model::Compile(*r.rules);
      },
      py::arg("model"), py::arg("path"),
      "The rules with the weights of a weights file replacing the stated ones. Raises RuleError.");
  m.def(
      "with_report_info",
      [](const Model& model, const std::string& path) {
        // The issuer's page checked against the rule file it belongs to (errors placed in its own file), then
        // set on these rules, keeping what else was replaced (this year's weights, the uncertain inputs).
        LoadResult r = LoadRulesWithReportInfo(model.rules().source_map.file, path);
        if (!r.ok()) throw RuleError(std::move(r.diagnostics));
        RuleSet rules = model.rules();
        rules.report = r.rules->report;
        return Model::Compile(rules);
      },
      py::arg("model"), py::arg("path"),
      "The rules with the issuer's page of their reports read from a file (the keys of 'report:'). Raises "
      "RuleError.");
  m.def(
      "parse_rules",
      [](const std::string& text, const std::string& name) {
        LoadResult r = ParseRules(text, name);
        if (!r.ok()) throw RuleError(std::move(r.diagnostics));
        return Model::Compile(*r.rules);
      },
      py::arg("text"), py::arg("name") = "<string>", "Checks and compiles rule-file text. Raises RuleError.");
  m.def(
      "check_rules", [](const std::string& path) { return DiagnosticList(LoadRules(path).diagnostics); },
      py::arg("path"), "Every problem of a rule file, as dicts (empty when it is fine). Never raises.");
  m.def("schema_reference", &RuleFormatReference, "The rule-format reference (Markdown).");
  m.def(
      "scoring_methods",
      [] {
        py::list out;
        for (const auto& info : ScoringMethods()) {
          py::dict d;
          d["name"] = info.name;
          d["cohort_relative"] = info.cohort_relative;
          d["formula"] = info.formula;
          d["doc"] = info.doc;
          py::list params;
          for (const auto& p : info.params) params.append(p.name);
          d["params"] = params;
          out.append(d);
        }
        return out;
      },
      "The registered scoring methods, as dicts.");
}

}  // namespace makerscore::python
