"""Rule sets: loading, reading their tree, and scoring, analysing and validating with them.

The package's modules import one way: _rules (what a user holds) uses _result and _uncertainty, which
use _data, _html and _core, never _rules."""
import os

import pandas as pd

from . import _core, _data, _html
from ._result import score_with, weights_frame
from ._uncertainty import sensitivity_with, uncertainty_with


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
        model = _core.load_rules_with_inputs(self._model.file, os.fspath(path))
        if self._model.weights_file:  # keep this year's weights
            model = _core.with_weights(model, self._model.weights_file)
        return Rules(model)

    def with_report_info(self, path):
        """These rules with the issuer's page of their reports (title, issuing department, evaluation year,
        date, note) read from a YAML file with the keys of 'report:' (as `makerscore report --report-info`),
        replacing the rule file's; this year's weights and uncertain inputs are kept. Raises RuleError, naming
        the line of that file."""
        return Rules(_core.with_report_info(self._model, os.fspath(path)))

    def with_weights(self, path):
        """These rules with this year's weights read from a weights file (YAML, `weights: {"1.1": 8, ...}`),
        replacing the stated weights of the indicators it lists, for a 试行 system whose weights are reset each
        year. The whole is checked again: weights that no longer add up raise RuleError, naming the line of the
        weights file."""
        return Rules(_core.with_weights(self._model, os.fspath(path)))

    def uncertainty(self, data, previous=None, ratings=None, replications=None, seed=None, threads=0):
        """Monte Carlo uncertainty analysis; see makerscore.uncertainty()."""
        return uncertainty_with(self, data, previous, ratings, replications, seed, threads)

    def sensitivity(self, data, previous=None, ratings=None, replications=None, seed=None, threads=0,
                    bootstrap=1000):
        """Variance-based sensitivity analysis; see makerscore.sensitivity()."""
        return sensitivity_with(self, data, previous, ratings, replications, seed, threads, bootstrap)

    def score(self, data, previous=None, ratings=None, ids=None, encoding="utf-8", sheet=None, threads=1,
              previous_result=None, detail="full"):
        """Scores a cohort; see makerscore.score()."""
        return score_with(self, data, previous=previous, ratings=ratings, ids=ids, encoding=encoding, sheet=sheet,
                          threads=threads, previous_result=previous_result, detail=detail)

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


def _as_rules(rules):
    return rules if isinstance(rules, Rules) else load_rules(rules)


def score(rules, data, previous=None, ratings=None, ids=None, encoding="utf-8", sheet=None, threads=1,
          previous_result=None, detail="full"):
    """Scores a cohort against rules (a Rules, or a rule-file path).

    data and previous (last year, needed when the rules compare with it) are DataFrames (an id column
    named as the rule file says, or the index; one column per field by id or Chinese name), dicts of
    arrays, 2-D numpy arrays (one column per field in the rule file's order; ids= names the rows) or
    CSV paths. ratings is a long-form DataFrame (entity, indicator, expert, rating) or a CSV path.
    float64 columns cross without a copy; the GIL is released while scoring. encoding applies to CSV paths
    that are not UTF-8 ("gb18030" for a GBK export); a path may be an Excel workbook, read from its first sheet
    or the one `sheet` names; ids= names the id column of a DataFrame, or gives the ids.
    threads: how many threads score (0: every core); the results do not depend on it.
    previous_result: last year's outcome, for rules on it (last_grade == "不合格"): the result file makerscore
    wrote last year (CSV, xlsx or JSON), last year's Result, or a DataFrame with total, rank and grade by id.
    detail: what the result keeps. "full" (the default) is everything; "points" leaves out each indicator's
    value; "outcomes" keeps the totals, ranks, grades, flags and scores only, for large cohorts where nobody
    reads every point (1,000,000 makerspaces: 720 MB less written); "totals" keeps the totals, ranks, grades
    and flags, without the scores either (1,000,000 makerspaces: another 240 MB, and faster). What is not kept raises an error when read
    (values, points, explain, report); everything kept is the same to the bit.
    Raises DataError for data that does not fit the rules.
    """
    return _as_rules(rules).score(data, previous=previous, ratings=ratings, ids=ids, encoding=encoding, sheet=sheet,
                                  threads=threads, previous_result=previous_result, detail=detail)


def uncertainty(rules, data, previous=None, ratings=None, replications=None, seed=None, threads=0):
    """Monte Carlo uncertainty analysis: each replication draws one value of every uncertain input of
    the rules' 'uncertainty:' section (see Rules.with_inputs for a separate file) and scores the cohort.
    data, previous and ratings as for makerscore.score(). replications and seed default to the
    section's; the same seed gives the same results on any number of threads (0: every core).
    Returns an UncertaintyResult (.to_frame(), .ranks, .table())."""
    return _as_rules(rules).uncertainty(data, previous, ratings, replications, seed, threads)


def sensitivity(rules, data, previous=None, ratings=None, replications=None, seed=None, threads=0,
                bootstrap=1000):
    """Variance-based sensitivity analysis of the mean absolute rank shift to each uncertain input
    (Saltelli's first-order and Jansen's total-effect estimators over `replications` base samples,
    90% bootstrap intervals). Returns a SensitivityResult (.to_frame(), .table())."""
    return _as_rules(rules).sensitivity(data, previous, ratings, replications, seed, threads, bootstrap)
