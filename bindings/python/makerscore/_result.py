"""Scoring a cohort and reading the result as pandas DataFrames."""
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd

from . import _core, _data, _html


def _ranks(ranks):
    """The core's ranks (0 where not ranked) as nullable Int64 with <NA> there."""
    ranks = np.asarray(ranks)
    return pd.arrays.IntegerArray(ranks.astype(np.int64), mask=ranks <= 0)


class InputWarning(UserWarning):
    """Inputs that break no rule but are almost certainly not what was meant (Result.warnings)."""


class Result:
    """The outcome of scoring a cohort: per makerspace and indicator the value, score, points and flags;
    subtotals; totals, ranks and grades; and an explanation of every number.

    The arrays (values, scores, points, flags) are read-only numpy views of the core's memory, one
    contiguous column per node (node 0 is the total): no copy is made.
    """

    def __init__(self, core, rules):
        """Wraps a _core.Result (use score())."""
        self._core = core
        self._rules = rules

    rules = property(lambda self: self._rules, doc="The Rules it was scored with.")
    warnings = property(lambda self: list(self._core.warnings),
                        doc="What looks wrong with the inputs although it breaks no rule (also issued as "
                            "InputWarning when scoring).")
    core = property(lambda self: self._core, doc="The core result.")
    values = property(lambda self: self._core.values, doc="Each formula's value (entity x node).")
    used_values = property(lambda self: self._core.used_values, doc="Values after imputation and outliers.")
    scores = property(lambda self: self._core.scores, doc="Share of each node's points earned (entity x node).")
    points = property(lambda self: self._core.points, doc="Points per node (entity x node); column 0 the total.")
    flags = property(lambda self: self._core.flags, doc="Flag bits per entity and node (see flag_names).")

    @property
    def entity_ids(self):
        """Entity ids, in the data's order."""
        return self._core.entity_ids

    @property
    def totals(self):
        """Totals as a Series indexed by entity id."""
        return pd.Series(self._core.totals, index=self.entity_ids, name="total")

    @property
    def ranks(self):
        """Ranks as a Series of pandas' nullable Int64 indexed by entity id: <NA> where not ranked (a veto, a
        cell set aside, no total), so that sort_values("rank") lists them last."""
        return pd.Series(_ranks(self._core.ranks), index=self.entity_ids, name="rank")

    @property
    def grades(self):
        """Grades ('' where none) as a Series indexed by entity id."""
        return pd.Series(self._core.grades, index=self.entity_ids, name="grade")

    def missing(self):
        """The values missing for want of data (未填报: an empty cell, no row in last year's data, no usable
        rating) as a DataFrame: entity, name, indicator, indicator_name, fields (the empty inputs; prev(x) for
        last year's), set_aside, imputed, points (earned for it), max_points, reported_median (the median
        points of those who reported the indicator: what not reporting cost is reported_median - points, a
        yardstick), text. Empty when nothing is missing."""
        columns = ["entity", "name", "indicator", "indicator_name", "fields", "set_aside", "imputed", "points",
                   "max_points", "reported_median", "text"]
        return pd.DataFrame(self._core.missing(), columns=columns)

    def to_frame(self, kind="wide"):
        """The result as a DataFrame.

        kind="wide": one row per entity, in rank order, indexed by id: name, rank, total, grade, then one
        column per indicator (points with point weights, scores on the total's scale with relative
        weights), bonus and deduction items, vetoes, and the condition of a grade given directly
        (graded_directly, 直接认定).
        kind="long": one row per entity and indicator: entity, indicator, name, level, value,
        used_value, score, points, max_points, flags.
        """
        if kind == "wide":
            return self._wide()
        if kind == "long":
            return self._long()
        raise ValueError(f"kind must be 'wide' or 'long', not {kind!r}")

    def _wide(self):
        core, nodes = self._core, self._rules.nodes
        shown = core.points if self._rules.weighting == "points" else core.scores * self._rules.total
        frame = pd.DataFrame({"name": core.entity_names, "rank": _ranks(core.ranks), "total": core.totals,
                              "grade": core.grades}, index=pd.Index(core.entity_ids, name="id"))
        if self._rules.model.class_labels:
            frame["class"] = core.classes
        for k in range(1, len(nodes)):
            frame[nodes[k].id] = shown[:, k]
        for k in range(1, len(nodes)):  # each group's ranks (sub-indices and pillars)
            if nodes[k].children:
                frame["rank " + nodes[k].id] = _ranks(core.ranks_of(k))
        for a, item in enumerate(self._rules.model.adjustment_ids):
            frame[item] = core.adjustment_points[:, a]
        if any(core.vetoes):
            frame["vetoes"] = [" ".join(v) for v in core.vetoes]
        if any(core.graded_directly):
            frame["graded_directly"] = core.graded_directly
        if self._rules.model.bad_cells == "set_aside":
            frame["set_aside"] = ["; ".join(cells) for cells in core.set_aside]
        last = core.year_on_year()
        if last is not None:  # year on year, given last year's result
            for key in ("last_total", "last_rank", "last_grade", "total_change", "rank_change"):
                frame[key] = last[key]
        margins = core.grade_margins()
        if margins is not None:  # why this grade: the points to the next grade up and above its own cut-off
            frame["to_next_grade"] = margins["to_next_grade"]
            frame["above_cutoff"] = margins["above_cutoff"]
            frame["near_boundary"] = margins["near_boundary"]
            frame.attrs["grade_cutoffs"] = dict(margins["cutoffs"])
            frame.attrs["boundary_margin"] = margins["margin"]
        order = np.lexsort((np.arange(len(frame)), np.where(core.ranks == 0, np.iinfo(np.int32).max, core.ranks)))
        return frame.iloc[order]

    def _long(self):
        core, nodes = self._core, self._rules.nodes
        n, k = len(core.entity_ids), len(nodes)
        flags = core.flags
        names = {}
        flag_text = np.empty((n, k - 1), dtype=object)
        for j in range(1, k):
            for i in range(n):
                f = int(flags[i, j])
                if f not in names:
                    names[f] = ",".join(_core.flag_names(f))
                flag_text[i, j - 1] = names[f]
        return pd.DataFrame({
            "entity": np.repeat(np.array(core.entity_ids, dtype=object), k - 1),
            "indicator": np.tile(np.array([x.id for x in nodes[1:]], dtype=object), n),
            "name": np.tile(np.array([x.name for x in nodes[1:]], dtype=object), n),
            "level": np.tile(np.array([x.depth for x in nodes[1:]]), n),
            "value": core.values[:, 1:].reshape(-1),
            "used_value": core.used_values[:, 1:].reshape(-1),
            "score": core.scores[:, 1:].reshape(-1),
            "points": core.points[:, 1:].reshape(-1),
            "rank": _ranks(np.stack([core.ranks_of(j) for j in range(1, k)], axis=1).reshape(-1)
                           if k > 1 else np.zeros(0, dtype=np.int64)),
            "max_points": core.max_points[:, 1:].reshape(-1),
            "flags": flag_text.reshape(-1),
        })

    def aggregation(self, indicator):
        """What a group aggregated over the cohort computed, one row per entity (indexed by id): TOPSIS's
        D+, D- and closeness, VIKOR's S, R and Q, grey's grade, or a fuzzy evaluation's composed membership
        B of each level and its score. The cohort figures, the notes (VIKOR's conditions) and, for fuzzy, the
        operator in words and the normalised B are in the frame's attrs ("cohort", "notes", "how",
        "membership"). Raises KeyError for an unknown id and ValueError for a group not aggregated over the
        cohort."""
        k = self._rules.model.find_node(str(indicator))
        if k < 0:
            raise KeyError(f"no indicator '{indicator}' in the rule file '{self._rules.id}'")
        trace = self._core.aggregation_trace(k)
        if trace is None:
            raise ValueError(f"'{indicator}' is not aggregated over the cohort (TOPSIS, VIKOR, grey or fuzzy)")
        ids = pd.Index(self.entity_ids, name="id")
        frame = pd.DataFrame(trace["figures"], index=ids, columns=trace["figure_names"])
        frame.attrs["cohort"] = dict(trace["cohort"])
        frame.attrs["notes"] = list(trace["notes"])
        if trace["levels"]:
            frame.attrs["how"] = trace["how"]
            frame.attrs["membership"] = pd.DataFrame(trace["membership"], index=ids, columns=trace["levels"])
        return frame

    def screening(self):
        """The rule file's screening by data availability (`screen:`, COINr's Screen()) as a DataFrame, one
        row per entity of the data as given (indexed by id): how many indicators apply to it, how many have no
        value and how many are 0, the shares available and nonzero (COINr's Dat_Avail and Non_Zero), whether it
        was kept and why not. The rule is in attrs ("by", "min_available", "min_nonzero"). None when the rule
        file does not screen; the entities left out are not in the result's other frames."""
        s = self._core.screening()
        if s is None:
            return None
        frame = pd.DataFrame(s["entities"]).set_index("id")
        frame.attrs.update({key: s[key] for key in ("by", "min_available", "min_nonzero")})
        return frame

    def weights(self):
        """The weights this scoring used, as a DataFrame (see Rules.weights): stated ones, AHP's, and those
        derived from this cohort's scores (entropy, CRITIC, standard deviation)."""
        return weights_frame(self._rules.nodes, self._core.shares, self._rules.total)

    def explain(self, entity, indicator=None, experts="ids", language=None):
        """How the entity earned its points, in words with every number used: one indicator, or (indicator
        None) the whole tree with total, rank, grade, bonus, deductions and vetoes. experts: "ids" names
        each rating's expert, "numbered" numbers them (专家1 ... N, in the order of their ids), "combined"
        leaves the single ratings out. language: "zh" or "en"; None for the rule file's `language:`."""
        return self._core.explain(str(entity), "" if indicator is None else str(indicator), experts,
                                  "" if language is None else str(language))

    def table(self):
        """The ranked table as text, aligned for a terminal (as `makerscore score`)."""
        return self._core.table()

    def to_csv(self, path=None):
        """The result as CSV (as `makerscore score --format csv`); written to path if given (whole or not at
        all; never over the files it was computed from, nor a device; with a UTF-8 byte-order mark so that
        Excel shows Chinese names: read it back with pandas.read_csv(path, encoding="utf-8-sig")), else
        returned as text."""
        if path is None:
            return self._core.csv()
        # Whole or not at all, never over an input file or a device (as the command writes).
        self._core.write_csv(os.fspath(path))
        return None

    def to_excel(self, path):
        """Writes the result as an Excel workbook (as `makerscore score --format xlsx`): the ranked table
        (排名, 编号, 名称, 总分, 等级, every indicator by name and maximum points; numbers shown with 2
        decimals), every indicator's points and flags (得分明细), and each missing or flagged cell
        (缺失与标记). Whole or not at all; never over the files it was computed from."""
        self._core.write_xlsx(os.fspath(path))

    def to_json(self):
        """The result as JSON text (as `makerscore score --format json`)."""
        return self._core.json()

    def report(self, path=None, entity=None, uncertainty=None, parts="all", experts="ids"):
        """A report to open in a browser and print (as `makerscore report`): the cohort overview (ranking,
        grades, charts, data quality) and one scorecard per makerspace, self-contained HTML.

        path: a file ending in .html (one page), or a folder (index.html and one page per makerspace);
        None returns the page as text. entity: only this makerspace's scorecard. uncertainty: an
        UncertaintyResult of the same cohort (rules.uncertainty(...)), for each scorecard's rank interval
        and grade probabilities. parts: "all", "overview" (the overview alone) or "scorecards" (every
        scorecard, no overview). experts: "ids", "numbered" (专家1...N: a page to send to a makerspace) or
        "combined" (only the combined rating). Returns the files written (or the text)."""
        core_uncertainty = None if uncertainty is None else uncertainty._core
        entity = "" if entity is None else str(entity)
        if path is None:
            return self._core.html_report(entity, core_uncertainty, parts, experts)
        return self._core.write_html_report(os.fspath(path), entity, core_uncertainty, parts, experts)

    def __repr__(self):
        return f"<Result {self._rules.id}: {len(self.entity_ids)} entities>"

    def _repr_html_(self):
        return _html.result_html(self)


def _caller_level():
    """The stacklevel, for a warning raised by the function calling this one, of the first caller outside
    the package: the user's line, whether they called Rules.score or makerscore.score."""
    here = os.path.dirname(os.path.abspath(__file__))
    frame, level = sys._getframe(1), 1
    while frame is not None and os.path.dirname(os.path.abspath(frame.f_code.co_filename)) == here:
        frame, level = frame.f_back, level + 1
    return level


def _previous_result(last, encoding, sheet):
    """Last year's outcome for rules on it (last_grade ...): a result file's path, last year's Result, or a
    DataFrame indexed by id (or with an id column) with columns total, rank and grade."""
    if last is None:
        return None
    if isinstance(last, (str, os.PathLike)):
        return _core.read_previous_result(os.fspath(last), encoding, sheet or "")
    if isinstance(last, Result):
        ranks = [float(r) if r > 0 else math.nan for r in last._core.ranks]
        return _core.PreviousResult(list(last.entity_ids), [float(t) for t in last._core.totals], ranks,
                                    list(last._core.grades), "last year's Result")
    if isinstance(last, pd.DataFrame):
        frame = last.set_index("id") if "id" in last.columns else last
        if "total" not in frame.columns:
            raise ValueError("previous_result: the DataFrame needs a column 'total' (and rank, grade)")
        def numbers(column):
            if column not in frame.columns:
                return [math.nan] * len(frame)
            return [math.nan if pd.isna(v) else float(v) for v in frame[column]]
        grades = ["" if pd.isna(g) else str(g) for g in frame["grade"]] if "grade" in frame.columns else [""] * len(frame)
        return _core.PreviousResult([str(i) for i in frame.index], numbers("total"), numbers("rank"), grades,
                                    "previous_result")
    raise TypeError("previous_result is a result file's path, last year's Result or a DataFrame, not "
                    f"{type(last).__name__}")


def score_with(rules, data, previous=None, ratings=None, ids=None, encoding="utf-8", sheet=None, threads=1,
               previous_result=None, detail="full"):
    """Scores a cohort with a Rules; see makerscore.score()."""
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 0:
        raise ValueError(f"threads={threads!r}: give a whole number of threads, 1 or more, or 0 for every core")
    if detail not in ("full", "points", "outcomes", "totals"):
        raise ValueError(f"detail={detail!r}: give 'full', 'points' (no values), 'outcomes' (totals, ranks, "
                         "grades, flags and scores) or 'totals' (totals, ranks, grades and flags)")
    model = rules.model
    current = _data.to_dataset(model, data, "data", ids, encoding, sheet or "")
    last = None if previous is None else _data.to_dataset(model, previous, "previous", ids, encoding, sheet or "")
    core = _core.score(model, current, last, _data.to_ratings(ratings, encoding=encoding), threads,
                       _previous_result(previous_result, encoding, sheet), detail)
    level = _caller_level()
    for message in core.warnings:
        warnings.warn(message, InputWarning, stacklevel=level)
    if detail in ("outcomes", "totals"):  # without the points, what each missing value cost is not known: say how many
        count = core.missing_count()
        summary = (f"{count} values are missing from the data (未填报), and the missing-data policy decided "
                   "their points; score with detail='full' to see each one and what it cost") if count else ""
    else:
        summary = core.missing_summary()
    if summary:  # a blank cell never costs points without a word
        warnings.warn(summary.rstrip("\n"), InputWarning, stacklevel=level)
    return Result(core, rules)


def weights_frame(nodes, shares, total):
    """The weights table as a DataFrame (shares: each node's share within its group)."""
    rows, overall = [], [1.0] * len(nodes)
    for k in range(1, len(nodes)):
        n, parent = nodes[k], nodes[nodes[k].parent]
        overall[k] = overall[n.parent] * shares[k]
        rows.append({"id": n.id, "name": n.name, "level": n.depth, "source": parent.weights_method or "stated",
                     "share": shares[k], "weight": overall[k], "points": overall[k] * total})
    return pd.DataFrame(rows).set_index("id")
