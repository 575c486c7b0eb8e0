"""Uncertainty and sensitivity analyses as DataFrames."""
import numpy as np
import pandas as pd

from . import _core, _data


class UncertaintyResult:
    """The outcome of makerscore.uncertainty(): per makerspace, its nominal rank and grade, its rank
    interval over the replications and the probability of each grade."""

    def __init__(self, core):
        self._core = core

    inputs = property(lambda self: list(self._core.inputs), doc="The uncertain inputs, as named in reports.")
    grades = property(lambda self: list(self._core.grades), doc="The rule set's grade labels, best first.")
    seed = property(lambda self: self._core.seed, doc="The seed the replications were drawn with.")

    @property
    def ranks(self):
        """Replications x makerspaces DataFrame of ranks (0: not ranked in that replication)."""
        return pd.DataFrame(self._core.ranks, columns=pd.Index(self._core.entity_ids, name="id"))

    @property
    def totals(self):
        """Replications x makerspaces DataFrame of totals (NaN: no total)."""
        return pd.DataFrame(self._core.totals, columns=pd.Index(self._core.entity_ids, name="id"))

    def to_frame(self):
        """One row per makerspace, by nominal rank: name, nominal rank, total and grade, mean total,
        median rank, rank_p05 and rank_p95 (the 5th-95th percentile interval), p_<grade> for each grade
        and p_no_grade, and grade_change (the share of replications whose grade differs)."""
        rows = []
        for i, e in enumerate(self._core.entities):
            row = {"id": self._core.entity_ids[i], "name": self._core.entity_names[i],
                   "nominal_rank": e["nominal_rank"] or np.nan, "nominal_total": e["nominal_total"],
                   "nominal_grade": e["nominal_grade"], "mean_total": e["mean_total"],
                   "median_rank": e["median_rank"], "rank_p05": e["rank_p05"], "rank_p95": e["rank_p95"]}
            for g, p in zip(self.grades + ["no_grade"], e["grade_probability"]):
                row[f"p_{g}"] = p
            row["grade_change"] = e["grade_change"]
            rows.append(row)
        frame = pd.DataFrame(rows).set_index("id")
        return frame.sort_values("nominal_rank", kind="stable", na_position="last")

    def table(self):
        """As `makerscore uncertainty` prints it."""
        return self._core.table()

    def to_json(self, with_replications=False):
        """As `makerscore uncertainty --format json`."""
        return self._core.json(with_replications)

    def __repr__(self):
        return f"<UncertaintyResult: {len(self._core.ranks)} replications of {len(self._core.entity_ids)} entities>"


class SensitivityResult:
    """The outcome of makerscore.sensitivity(): first-order and total-effect indices per uncertain input."""

    def __init__(self, core):
        self._core = core

    output = property(lambda self: self._core.output, doc="What the indices explain.")
    output_variance = property(lambda self: self._core.output_variance, doc="The output's variance.")
    base_samples = property(lambda self: self._core.base_samples, doc="N, the base samples (replications).")
    converged = property(lambda self: self._core.converged,
                         doc="Whether every index is within `tolerance` of its value from the first half of the "
                             "base samples; False: run again with twice the replications.")
    largest_change = property(lambda self: self._core.largest_change,
                              doc="The largest change of an index between N/2 and N base samples.")
    tolerance = property(lambda self: self._core.tolerance, doc="The convergence check's tolerance (0.05).")

    def to_frame(self):
        """One row per uncertain input, largest total effect first: first_order with first_low and
        first_high (its 90% bootstrap interval), total_effect with total_low and total_high, and both from
        the first half of the base samples (first_order_half, total_effect_half: the convergence check).
        Nothing is clipped: a first-order estimate below 0 or above the total effect is sampling noise."""
        frame = pd.DataFrame(self._core.indices).set_index("input")
        return frame.sort_values("total_effect", ascending=False, kind="stable")

    def table(self):
        """As `makerscore sensitivity` prints it."""
        return self._core.table()

    def to_json(self):
        return self._core.json()

    def __repr__(self):
        return f"<SensitivityResult: {len(self._core.indices)} inputs, {self._core.runs} runs>"


def _inputs(rules, data, previous, ratings):
    model = rules.model
    current = _data.to_dataset(model, data, "data")
    last = None if previous is None else _data.to_dataset(model, previous, "previous")
    return model, current, last, _data.to_ratings(ratings)


def uncertainty_with(rules, data, previous=None, ratings=None, replications=None, seed=None, threads=0):
    """An uncertainty analysis with a Rules; see makerscore.uncertainty()."""
    model, current, last, ratings = _inputs(rules, data, previous, ratings)
    return UncertaintyResult(_core.uncertainty(model, current, last, ratings, replications, seed, threads))


def sensitivity_with(rules, data, previous=None, ratings=None, replications=None, seed=None, threads=0,
                bootstrap=1000):
    """A sensitivity analysis with a Rules; see makerscore.sensitivity()."""
    model, current, last, ratings = _inputs(rules, data, previous, ratings)
    return SensitivityResult(_core.sensitivity(model, current, last, ratings, replications, seed, threads,
                                               bootstrap))
