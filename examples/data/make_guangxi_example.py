#!/usr/bin/env python3
"""Generates the fictional Guangxi example cohort in this folder.

The makerspaces, their figures and the experts' ratings are invented (seeded,
so the files are reproducible); only the indicator system is real. Run with
any Python 3 (standard library only):

    python3 examples/data/make_guangxi_example.py
"""
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
NOTE = "# Fictional example data for makerscore: invented makerspaces and figures, not real ones."
CITIES = ["南宁", "柳州", "桂林", "梧州", "北海", "防城港", "钦州", "贵港", "玉林", "百色", "贺州", "河池", "来宾", "崇左"]
BRANDS = ["青创汇", "智谷", "星火", "创客工场", "邕城梦工厂", "蓝海", "壮乡创谷", "山水创客", "北部湾创新港", "榕树下",
          "桂花里", "科创驿站", "启航", "云端", "匠心", "海丝路", "绿城", "漓江", "铜鼓", "八桂"]
FIELDS = ["workstations", "mentors", "mentor_pairings", "teams_served", "startups_served", "income_total",
          "income_service", "income_investment", "income_rent", "income_other", "financed_teams",
          "financing_amount", "ip_count", "new_companies", "trainees", "jobs", "graduates"]
QUALITATIVE = ["1.1", "1.2", "1.3", "2.3", "2.4", "3.7", "3.9", "4.3", "4.4"]
LEVELS = ["差", "中", "良", "优"]
EXPERTS = ["E01", "E02", "E03", "E04", "E05"]


def year(rng, quality, scale):
    """One year's report of a makerspace of the given quality (0..1) and size."""
    r = {}
    r["workstations"] = int(scale * rng.uniform(40, 260))
    r["mentors"] = rng.randint(3, 25)
    r["mentor_pairings"] = int(r["mentors"] * rng.uniform(0.8, 5.5) * (0.6 + quality))
    r["teams_served"] = int(scale * rng.uniform(8, 60))
    r["startups_served"] = int(scale * rng.uniform(4, 45))
    total = round(scale * rng.uniform(30, 600), 2)
    service = round(total * rng.uniform(0.08, 0.45) * (0.5 + quality), 2)
    investment = round(total * rng.uniform(0.0, 0.15), 2)
    rent = round(max(0.0, total - service - investment) * rng.uniform(0.5, 0.9), 2)
    other = round(total - service - investment - rent, 2)
    r.update(income_total=total, income_service=service, income_investment=investment,
             income_rent=rent, income_other=other)
    r["financed_teams"] = int(rng.uniform(0, 12) * quality * scale)
    r["financing_amount"] = round(r["financed_teams"] * rng.uniform(20, 260), 1)
    r["ip_count"] = int(scale * rng.uniform(0, 90) * quality)
    r["new_companies"] = int(scale * rng.uniform(0, 25) * quality)
    r["trainees"] = int(scale * rng.uniform(60, 1500))
    r["jobs"] = int(scale * rng.uniform(30, 450))
    r["graduates"] = int(scale * rng.uniform(0, 60) * quality)
    return r


def main():
    rng = random.Random(2019)
    spaces = []
    for k in range(32):
        sid = f"GX{k + 1:03d}"
        name = f"{CITIES[k % len(CITIES)]}{BRANDS[k % len(BRANDS)]}众创空间"
        spaces.append((sid, name, rng.uniform(0.15, 0.95), rng.uniform(0.5, 1.8)))

    this_year, last_year = [], []
    for idx, (sid, name, quality, scale) in enumerate(spaces):
        last = year(rng, quality * rng.uniform(0.8, 1.0), scale * rng.uniform(0.75, 1.05))
        now = year(rng, quality, scale)
        if idx in (3, 17):      # zero bases: no graduates hired last year
            last["graduates"] = 0
        if idx == 9:            # zero base and zero now
            last["graduates"] = 0
            now["graduates"] = 0
        if idx == 21:           # no income last year (opened late in the year)
            for f in ("income_total", "income_service", "income_investment", "income_rent", "income_other"):
                last[f] = 0
        if idx == 12:           # a makerspace without mentors: 2.2 divides by zero
            now["mentors"] = 0
            now["mentor_pairings"] = 0
        if idx in (5, 26):      # figures not reported this year
            now["ip_count"] = ""
        if idx == 14:
            now["financing_amount"] = ""
        this_year.append({"id": sid, "name": name, **now})
        if idx != 30:           # new this year: no report last year
            last_year.append({"id": sid, "name": name, **last})

    for fname, rows in (("guangxi-example-2019.csv", this_year), ("guangxi-example-2018.csv", last_year)):
        with open(os.path.join(HERE, fname), "w", newline="", encoding="utf-8") as f:
            f.write(NOTE + "\n")
            w = csv.DictWriter(f, fieldnames=["id", "name"] + FIELDS, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)

    with open(os.path.join(HERE, "guangxi-example-ratings.csv"), "w", newline="", encoding="utf-8") as f:
        f.write(NOTE + "\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["entity", "indicator", "expert", "rating"])
        for idx, (sid, _, quality, _) in enumerate(spaces):
            for ind in QUALITATIVE:
                experts = EXPERTS if not (idx == 7 and ind == "3.9") else EXPERTS[:2]  # too few ratings
                for e in experts:
                    level = int(min(3, max(0, round(quality * 3 + rng.gauss(0, 0.6)))))
                    w.writerow([sid, ind, e, LEVELS[level]])


if __name__ == "__main__":
    main()
