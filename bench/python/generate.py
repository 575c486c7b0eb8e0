"""Synthetic Guangxi cohorts for the benchmarks: n makerspaces drawn from the example cohort's rows
(resampled, each value jittered by +-20%, rounded like reported counts), about 2% of cells missing, last
year's reports, and five experts' ratings of the nine rated items. Seeded: the same n, the same files.

    python3 bench/python/generate.py 100000 /tmp/cohort      # writes data.csv, previous.csv, ratings.csv

`cohort(n)` builds the three DataFrames in memory (for the comparisons in compare.py); `write(n, folder)`
streams the files in chunks of makerspaces, so that 1,000,000 of them (45 million ratings) fit in well
under 4 GB, with exactly the draws `cohort(n)` makes: each chunk's numbers are taken from the one seeded
PCG64 stream at the position `cohort` would reach them (`advance`), and `tests/python/test_generator.py`
checks the files are the same, byte for byte.
"""
import pathlib
import sys

import numpy as np
import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
ITEMS = ["1.1", "1.2", "1.3", "2.3", "2.4", "3.7", "3.9", "4.3", "4.4"]
LEVELS = np.array(["优", "良", "中", "差"])
EXPERTS = np.array([f"E{e + 1}" for e in range(5)])
PER_ENTITY = len(ITEMS) * len(EXPERTS)  # ratings per makerspace


def _base():
    base = pd.read_csv(DATA / "guangxi-example-2019.csv", comment="#")
    return base, [c for c in base.columns if c not in ("id", "name")]


def cohort(n, seed=42):
    """(data, previous, ratings) DataFrames for n makerspaces."""
    rng = np.random.default_rng(seed)
    base, fields = _base()
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
        "entity": np.repeat(ids, PER_ENTITY),
        "indicator": np.tile(np.repeat(ITEMS, len(EXPERTS)), n),
        "expert": np.tile(EXPERTS, n * len(ITEMS)),
        "rating": LEVELS[rng.integers(0, 4, n * PER_ENTITY)],
    })
    return now, before, ratings


def write(n, folder, seed=42, chunk=20000):
    """Writes data.csv, previous.csv and ratings.csv for n makerspaces into folder, `chunk` makerspaces at a
    time, the same files as cohort(n, seed) would give. Returns the folder."""
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    base, fields = _base()
    rows = rng.integers(0, len(base), n)  # n small numbers: drawn whole, as cohort() draws them
    start = rng.bit_generator.state  # where cohort() begins the two years' draws
    table = base[fields].to_numpy(dtype=np.float64)
    cells = n * len(fields)

    def stream_at(draws):
        """A generator positioned `draws` 64-bit numbers after `start`, holding the half of a 64-bit number
        that drawing `rows` left over (the next 32-bit draw takes it; doubles never touch it, and advance()
        drops it)."""
        bits = np.random.PCG64()
        bits.state = start
        bits.advance(draws)
        bits.state = {**bits.state, "has_uint32": start["has_uint32"], "uinteger": start["uinteger"]}
        return np.random.Generator(bits)

    # The years: cohort() draws, per year, every jitter (one number a cell), then every missing-cell test.
    for name, year in (("data.csv", 0), ("previous.csv", 1)):
        jitter, gaps = stream_at(2 * year * cells), stream_at((2 * year + 1) * cells)
        with open(folder / name, "w", encoding="utf-8", newline="") as out:
            for lo in range(0, n, chunk):
                hi = min(n, lo + chunk)
                values = np.round(table[rows[lo:hi]] * jitter.uniform(0.8, 1.2, (hi - lo, len(fields))))
                values[gaps.random(values.shape) < 0.02] = np.nan
                frame = pd.DataFrame(values, columns=fields)
                frame.insert(0, "id", np.char.add("S", np.arange(lo, hi).astype(str)))
                frame.to_csv(out, index=False, header=lo == 0)
    # The ratings: one 32-bit half of a 64-bit number each (Lemire's method never rejects for 4 levels); the
    # half left over between chunks stays in the bit generator, so any chunk size gives the same draws.
    levels = stream_at(4 * cells)
    with open(folder / "ratings.csv", "w", encoding="utf-8", newline="") as out:
        for lo in range(0, n, chunk):
            hi = min(n, lo + chunk)
            ids = np.char.add("S", np.arange(lo, hi).astype(str))
            pd.DataFrame({
                "entity": np.repeat(ids, PER_ENTITY),
                "indicator": np.tile(np.repeat(ITEMS, len(EXPERTS)), hi - lo),
                "expert": np.tile(EXPERTS, (hi - lo) * len(ITEMS)),
                "rating": LEVELS[levels.integers(0, 4, (hi - lo) * PER_ENTITY)],
            }).to_csv(out, index=False, header=lo == 0)
    return folder


if __name__ == "__main__":
    write(int(sys.argv[1]), sys.argv[2])
