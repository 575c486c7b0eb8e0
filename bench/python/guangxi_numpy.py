"""The Guangxi 2019 rules (rules/guangxi-2019.yaml) written directly in numpy and pandas, the way an
analyst would vectorise them: makerscore's benchmarks compare against it, and compare.py checks that it
gives the same totals. Written from the rule file, not from makerscore's code."""
import numpy as np
import pandas as pd

LEVELS = {"优": 1.0, "良": 0.8, "中": 0.6, "差": 0.4}          # scale four_grades
RATED = {"1.1": 5, "1.2": 5, "1.3": 5, "2.3": 6, "2.4": 4,     # expert-rated items and their points
         "3.7": 5, "3.9": 4, "4.3": 4, "4.4": 4}


def minmax(x):
    lo, hi = np.nanmin(x), np.nanmax(x)
    return np.where(np.isnan(x), np.nan, 1.0) if not hi > lo else (x - lo) / (hi - lo)


def goalposts(x, low, high):
    return np.clip((x - low) / (high - low), 0, 1)


def ratio(x, benchmark):
    return np.clip(x / benchmark, 0, 1)


def divide(a, b):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b == 0, np.nan, a / b)


def growth(now, before):
    """The rule file's growth with its zero-base assumption; NaN when either year is missing."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(before == 0, np.where(now > 0, 1.0, 0.0), (now - before) / before)


def rated_scores(ratings, ids):
    """Trimmed mean (drop one highest and one lowest) of each item's level fractions, at least 3 ratings;
    a DataFrame of ids x items, NaN where an item has too few ratings."""
    r = ratings.assign(f=ratings["rating"].map(LEVELS), entity=ratings["entity"].astype(str),
                       indicator=ratings["indicator"].astype(str))  # pandas reads 1.1 as a number
    g = r.groupby(["entity", "indicator"])["f"]
    agg = g.agg(["sum", "max", "min", "count"])
    trimmed = (agg["sum"] - agg["max"] - agg["min"]) / (agg["count"] - 2)
    trimmed[agg["count"] < 3] = np.nan
    return trimmed.unstack("indicator").reindex(index=ids, columns=list(RATED))


def total(now, before, ratings):
    """The totals of the makerspaces of `now` (a DataFrame with an id column and the fields), with last
    year's `before` matched by id and the long-form `ratings`; missing values earn no points."""
    ids = now["id"].astype(str).to_numpy()
    x = {c: now[c].to_numpy(dtype=np.float64) for c in now.columns if c not in ("id", "name")}
    p = before.set_index(before["id"].astype(str)).reindex(ids)
    prev = {c: p[c].to_numpy(dtype=np.float64) for c in ("teams_served", "startups_served", "income_total", "graduates")}
    served, served_before = x["teams_served"] + x["startups_served"], prev["teams_served"] + prev["startups_served"]
    quantitative = {  # id: (points, score)
        "2.1": (3, minmax(x["workstations"])),
        "2.2": (5, minmax(divide(x["mentor_pairings"], x["mentors"]))),
        "2.5": (7, goalposts(growth(served, served_before), 0, 0.5)),
        "3.1": (4, goalposts(growth(x["income_total"], prev["income_total"]), 0, 0.5)),
        "3.2": (4, ratio(divide(x["income_service"] + x["income_investment"], x["income_total"]), 0.5)),
        "3.3": (4, minmax(x["financed_teams"])),
        "3.4": (6, minmax(x["financing_amount"])),
        "3.5": (4, minmax(x["ip_count"])),
        "3.6": (5, minmax(x["new_companies"])),
        "3.8": (4, minmax(x["trainees"])),
        "4.1": (5, minmax(x["jobs"])),
        "4.2": (7, goalposts(growth(x["graduates"], prev["graduates"]), 0, 0.5)),
    }
    out = np.zeros(len(ids))
    for points, score in quantitative.values():
        out += points * np.nan_to_num(score, nan=0.0)
    rated = rated_scores(ratings, ids).to_numpy()
    out += np.nan_to_num(rated, nan=0.0) @ np.array(list(RATED.values()), dtype=np.float64)
    return pd.Series(out, index=pd.Index(ids, name="id"), name="total")
