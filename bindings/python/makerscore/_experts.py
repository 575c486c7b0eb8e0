"""Expert panels: Delphi rounds and Kendall's coefficient of concordance."""
import json
import os

import numpy as np
import pandas as pd

from . import _core


def delphi(path, full_score=5.0, fixed=None, tie_correction=True):
    """The statistics of Delphi rounds in a CSV file (round, expert, indicator, importance, ca, cs), as
    DataFrames: "rounds" (one row per round: response rate, authority, Kendall's W with chi-square, df and
    p-value, thresholds; tie_correction=False computes W without the correction for tied ranks), "indicators" (per round and indicator: mean, SD, CV, full-score frequency,
    verdict keep/review/drop and weight) and "experts" (Ca, Cs, Cr). Screening uses the boundary-value
    method unless fixed=(min_mean, min_full_frequency, max_cv) is given."""
    rounds = json.loads(_core.delphi(os.fspath(path), float(full_score), None if fixed is None else tuple(fixed),
                                     bool(tie_correction)))
    summary, indicators, experts = [], [], []
    for r in rounds:
        c, t = r["concordance"], r["thresholds"]
        summary.append({"round": r["round"], "invited": r["invited"], "responded": r["responded"],
                        "positive_coefficient": r["positive_coefficient"], "authority": r["authority"],
                        "ca": r["ca"], "cs": r["cs"],
                        "kendall_w": c["w"], "chi_square": c["chi_square"], "df": c["df"], "p_value": c["p_value"],
                        "mean_threshold": t["mean"], "full_frequency_threshold": t["full_frequency"],
                        "cv_threshold": t["cv"]})
        indicators += [{"round": r["round"], **i} for i in r["indicators"]]
        experts += [{"round": r["round"], **e} for e in r["experts"]]
    return {"rounds": pd.DataFrame(summary).set_index("round"), "indicators": pd.DataFrame(indicators),
            "experts": pd.DataFrame(experts)}


def kendall_w(scores, tie_correction=True):
    """Kendall's coefficient of concordance of a raters x items array (or DataFrame) of scores, ties
    corrected unless tie_correction=False: a dict with w, chi_square, df, p_value, raters, items,
    tie_corrected. Rows with a missing value are left out."""
    return _core.kendall_w(np.asarray(scores, dtype=np.float64), bool(tie_correction))
