#!/usr/bin/env python3
"""Generates a fictional two-round Delphi consultation on the Guangxi indicators.

Fifteen invented experts rate the importance (1-5) of the 4 first-level and 21
second-level indicators of rules/guangxi-2019.yaml and assess their judgement
basis (Ca) and familiarity (Cs). In round 2 one expert does not answer and
opinions converge. Standard library only:

    python3 examples/data/make_delphi_example.py
"""
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
NOTE = "# Fictional example data for makerscore: an invented Delphi consultation, not a real one."
# Indicator ids and a "true" importance the experts scatter around.
IMPORTANCE = {"1": 3.6, "1.1": 3.9, "1.2": 3.7, "1.3": 3.0, "2": 4.2, "2.1": 3.4, "2.2": 3.8, "2.3": 4.3,
              "2.4": 3.9, "2.5": 4.1, "3": 4.7, "3.1": 3.9, "3.2": 4.2, "3.3": 4.3, "3.4": 4.5, "3.5": 3.7,
              "3.6": 4.0, "3.7": 4.4, "3.8": 3.3, "3.9": 3.8, "4": 4.0, "4.1": 4.3, "4.2": 3.6, "4.3": 3.5,
              "4.4": 3.2}


def main():
    rng = random.Random(2019)
    experts = [(f"E{k + 1:02d}", rng.choice([0.6, 0.7, 0.8, 0.9]), rng.choice([0.5, 0.6, 0.8, 0.9]))
               for k in range(15)]
    with open(os.path.join(HERE, "guangxi-delphi-rounds.csv"), "w", newline="", encoding="utf-8") as f:
        f.write(NOTE + "\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["round", "expert", "indicator", "importance", "ca", "cs"])
        for rnd, spread in ((1, 1.0), (2, 0.55)):
            for k, (expert, ca, cs) in enumerate(experts):
                silent = rnd == 2 and k == 14
                for ind, mu in IMPORTANCE.items():
                    score = "" if silent else min(5, max(1, round(rng.gauss(mu, spread))))
                    w.writerow([rnd, expert, ind, score, ca, cs])


if __name__ == "__main__":
    main()
