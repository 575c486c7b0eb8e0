"""makerscore against the numpy/pandas implementation of the Guangxi rules (guangxi_numpy.py), side by
side in one run: first that both give the same totals (the example cohort and a synthetic one), then
the time of each, in memory and end to end (CSV in, CSV out).

    PYTHONPATH=build/python /usr/bin/python3 bench/python/compare.py [SIZES...]   # default 10000 100000
    PYTHONPATH=build/python /usr/bin/python3 bench/python/compare.py --files DIR  # end to end, once, on
                                                               # files written by generate.py (1,000,000 ...)
"""
import pathlib
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

import makerscore as ms

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import generate  # noqa: E402
import guangxi_numpy  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
RULES = ROOT / "rules" / "guangxi-2019.yaml"
CLI = ROOT / "build" / "makerscore"


def best_of(repeats, fn):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def check_same_totals(rules, now, before, ratings, what):
    ours = rules.score(now, previous=before, ratings=ratings).totals
    theirs = guangxi_numpy.total(now, before, ratings)
    diff = np.abs(ours.to_numpy() - theirs.reindex(ours.index).to_numpy()).max()
    assert diff < 1e-9, f"{what}: the totals differ by up to {diff}"
    print(f"same totals on {what} ({len(now)} makerspaces): largest difference {diff:.1e}")


def main(sizes):
    rules = ms.load_rules(RULES)
    data = ROOT / "examples" / "data"
    example = [pd.read_csv(data / f, comment="#") for f in
               ("guangxi-example-2019.csv", "guangxi-example-2018.csv", "guangxi-example-ratings.csv")]
    check_same_totals(rules, *example, "the example cohort")
    check_same_totals(rules, *generate.cohort(2000, seed=7), "a synthetic cohort")
    print()
    # In memory, DataFrames in: the numpy side computes the totals only, as makerscore's detail="totals"
    # does (totals, ranks, grades, flags); detail="full" also keeps every node's value and points.
    print("| makerspaces | numpy/pandas | makerscore, totals | ratio | makerscore, full | ratio "
          "| pandas CSV end to end | makerscore CSV end to end | ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        now, before, ratings = generate.cohort(n)
        t_numpy = best_of(3, lambda: guangxi_numpy.total(now, before, ratings))
        t_lean = best_of(3, lambda: rules.score(now, previous=before, ratings=ratings, detail="totals"))
        t_full = best_of(3, lambda: rules.score(now, previous=before, ratings=ratings))
        with tempfile.TemporaryDirectory() as tmp:
            e_numpy, e_ours = end_to_end(generate.write(n, tmp), 2)
        print(f"| {n:,} | {t_numpy * 1000:.0f} ms | {t_lean * 1000:.0f} ms | {t_numpy / t_lean:.1f}x "
              f"| {t_full * 1000:.0f} ms | {t_numpy / t_full:.1f}x "
              f"| {e_numpy * 1000:.0f} ms | {e_ours * 1000:.0f} ms | {e_numpy / e_ours:.1f}x |", flush=True)


def end_to_end(folder, repeats):
    """The best times of pandas + numpy and of the makerscore command, CSV files in, a CSV file out."""
    folder = pathlib.Path(folder)

    def pandas_end_to_end():
        a = pd.read_csv(folder / "data.csv")
        b = pd.read_csv(folder / "previous.csv")
        r = pd.read_csv(folder / "ratings.csv")
        guangxi_numpy.total(a, b, r).to_csv(folder / "numpy-out.csv")

    def ours_end_to_end():  # every indicator's points in the CSV, the missing values listed on stderr
        subprocess.run([str(CLI), "score", "--rules", str(RULES), "--data", str(folder / "data.csv"),
                        "--previous", str(folder / "previous.csv"), "--ratings", str(folder / "ratings.csv"),
                        "--format", "csv", "--output", str(folder / "out.csv")], check=True,
                       stderr=subprocess.DEVNULL)

    return best_of(repeats, pandas_end_to_end), best_of(repeats, ours_end_to_end)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--files"]:
        e_numpy, e_ours = end_to_end(sys.argv[2], 1)
        print(f"| {sys.argv[2]} | pandas + numpy {e_numpy:.1f} s | makerscore {e_ours:.1f} s | {e_numpy / e_ours:.1f}x |")
    else:
        main([int(s) for s in sys.argv[1:]] or [10000, 100000])
