"""Rule sets: loading, reading their tree, scoring and validating with them."""
import os

import pandas as pd

from . import _core, _data, _html


class Rules:
    """A rule file, checked and compiled: its fields, indicator tree, weights and grades.

    Build one with load_rules() or parse_rules(). Immutable; one Rules can score
    any number of cohorts, from any number of threads.
    """

    def __init__(self, model):
        """Wraps a compiled _core.Model (use load_rules() or parse_rules())."""
        self._model = model

    @property
    def model(self):
        """The compiled core model."""
        return self._model

    id = property(lambda self: self._model.id, doc="The rule set's id.")
    title = property(lambda self: self._model.title, doc="The indicator system's title.")
    source = property(lambda self: self._model.source, doc="The document the rules are based on.")
    total = property(lambda self: self._model.total, doc="Points of the whole tree.")
    weighting = property(lambda self: self._model.weighting, doc="'points' or 'relative'.")
    grades = property(lambda self: self._model.grades, doc="The grades, best first, as dicts.")
    fields = property(lambda self: self._model.fields, doc="The data fields (objects with id, name, unit ...).")
    nodes = property(lambda self: self._model.nodes, doc="The indicator tree, depth first; node 0 is the total.")
    uses_previous_year = property(lambda self: self._model.uses_previous_year,
                                  doc="True when some indicator needs last year's data (previous=).")

    def fields_frame(self):
        """The fields as a DataFrame: id, name, unit, kind, min, max, section."""
        return pd.DataFrame([{"id": f.id, "name": f.name, "unit": f.unit, "kind": f.kind, "min": f.min,
                              "max": f.max, "section": f.section} for f in self.fields])

    def indicators(self):
        """The indicator tree as a DataFrame, one row per indicator in tree order: id, name (indented by
        level), level, parent, kind, weight, max_points, and how it is scored."""
        nodes = self.nodes
        rows = []
        for n in nodes[1:]:
            how = f"{n.method}: {n.formula}" if n.kind == "quantitative" else (
                f"rated on {n.scale}" if n.kind == "qualitative" else "")
            rows.append({"id": n.id, "name": "\u3000" * (n.depth - 1) + n.name, "level": n.depth,
                         "parent": nodes[n.parent].id, "kind": n.kind, "weight": n.weight,
                         "max_points": n.max_points, "scoring": how})
        return pd.DataFrame(rows).set_index("id")

    def weights(self):
        """Every indicator's weight as a DataFrame: id, name, level, source (stated, ahp, entropy ...),
        share within its group, weight in the total and points. Weights from data show equal here; see
        Result.weights() for those of a cohort."""
        return weights_frame(self.nodes, [n.share for n in self.nodes], self.total)

    def with_inputs(self, path):
        """These rules with the uncertain inputs of an uncertainty analysis read from their own YAML file
        (the keys of 'uncertainty:'), replacing the rule file's section. Raises RuleError."""
        return Rules(_core.load_rules_with_inputs(self._model.file, os.fspath(path)))

    def uncertainty(self, data, previous=None, ratings=None, replications=None, seed=None, threads=0):
        """Monte Carlo uncertainty analysis; see makerscore.uncertainty()."""
        from ._uncertainty import uncertainty
        return uncertainty(self, data, previous, ratings, replications, seed, threads)

    def sensitivity(self, data, previous=None, ratings=None, replications=None, seed=None, threads=0,
                    bootstrap=1000):
        """Variance-based sensitivity analysis; see makerscore.sensitivity()."""
        from ._uncertainty import sensitivity
        return sensitivity(self, data, previous, ratings, replications, seed, threads, bootstrap)

    def score(self, data, previous=None, ratings=None, ids=None, encoding="utf-8", sheet=None, threads=1):
        """Scores a cohort; see makerscore.score()."""
        from ._result import score
        return score(self, data, previous=previous, ratings=ratings, ids=ids, encoding=encoding, sheet=sheet,
                     threads=threads)

    def validate(self, data):
        """Checks filled-in reports against the rule file: every cell its field does not allow and every
        consistency check broken, one row each (row, entity, field or check, message). Empty when all
        is well. data is a CSV path or a DataFrame."""
        if isinstance(data, (str, os.PathLike)):
            dataset, problems = _core.read_dataset_csv_lenient(os.fspath(data), self._model)
        else:
            dataset = _data.to_dataset(self._model, data)
            problems = []
        rows = [{"row": p["row"], "entity": p["entity"], "what": p["field"], "message": p["message"]}
                for p in problems]
        rows += [{"row": v["row"], "entity": v["entity"], "what": v["check"], "message": v["message"]}
                 for v in _core.check_dataset(self._model, dataset)]
        frame = pd.DataFrame(rows, columns=["row", "entity", "what", "message"])
        return frame.sort_values("row", kind="stable").reset_index(drop=True)

    def __repr__(self):
        return f"<Rules {self.id}: {self.title}, {len(self.nodes) - 1} indicators, {len(self.fields)} fields>"

    def _repr_html_(self):
        return _html.rules_html(self)


def load_rules(path):
    """Loads, checks and compiles a rule file. Raises RuleError listing every mistake (.diagnostics)."""
    return Rules(_core.load_rules(os.fspath(path)))


def parse_rules(text, name="<string>"):
    """Checks and compiles rule-file text; name is used in messages. Raises RuleError."""
    return Rules(_core.parse_rules(text, name))


def check_rules(path):
    """Every problem of a rule file as dicts (severity, file, line, column, path, message, text); [] when
    it is fine. Never raises for a bad file."""
    return _core.check_rules(os.fspath(path))


def weights_frame(nodes, shares, total):
    """The weights table as a DataFrame (shares: each node's share within its group)."""
    rows, overall = [], [1.0] * len(nodes)
    for k in range(1, len(nodes)):
        n, parent = nodes[k], nodes[nodes[k].parent]
        overall[k] = overall[n.parent] * shares[k]
        rows.append({"id": n.id, "name": n.name, "level": n.depth, "source": parent.weights_method or "stated",
                     "share": shares[k], "weight": overall[k], "points": overall[k] * total})
    return pd.DataFrame(rows).set_index("id")
