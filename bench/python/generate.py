"""Synthetic Guangxi cohorts for the benchmarks: n makerspaces drawn from the example cohort's rows
(resampled, each value jittered by +-20%, rounded like reported counts), about 2% of cells missing, last
year's reports, and five experts' ratings of the nine rated items. Seeded: the same n, the same files.

    python3 bench/python/generate.py 100000 /tmp/cohort      # writes data.csv, previous.csv, ratings.csv
"""
import pathlib
import sys

import numpy as np
import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
ITEMS = ["1.1", "1.2", "1.3", "2.3", "2.4", "3.7", "3.9", "4.3", "4.4"]
LEVELS = np.array(["优", "良", "中", "差"])


def cohort(n, seed=42):
    """(data, previous, ratings) DataFrames for n makerspaces."""
    rng = np.random.default_rng(seed)
    base = pd.read_csv(DATA / "guangxi-example-2019.csv", comment="#")
    fields = [c for c in base.columns if c not in ("id", "name")]
    rows = rng.integers(0, len(base), n)
    ids = np.char.add("S", np.arange(n).astype(str))

    def year():
        values = base[fields].to_numpy(dtype=np.float64)[rows] * rng.uniform(0.8, 1.2, (n, len(fields)))
        values = np.round(values)
        values[rng.random(values.shape) < 0.02] = np.nan
        frame = pd.DataFrame(values, columns=fields)
        frame.insert(0, "id", ids)
        return frame

    now, before = year(), year()
    ratings = pd.DataFrame({
        "entity": np.repeat(ids, len(ITEMS) * 5),
        "indicator": np.tile(np.repeat(ITEMS, 5), n),
        "expert": np.tile(np.array([f"E{e + 1}" for e in range(5)]), n * len(ITEMS)),
        "rating": LEVELS[rng.integers(0, 4, n * len(ITEMS) * 5)],
    })
    return now, before, ratings


def write(n, folder):
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    now, before, ratings = cohort(n)
    now.to_csv(folder / "data.csv", index=False)
    before.to_csv(folder / "previous.csv", index=False)
    ratings.to_csv(folder / "ratings.csv", index=False)
    return folder


if __name__ == "__main__":
    write(int(sys.argv[1]), sys.argv[2])
