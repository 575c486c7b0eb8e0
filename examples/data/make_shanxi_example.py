#!/usr/bin/env python3
"""Generates a fictional set of filled-in Shanxi annual report forms.

Six invented makerspaces report the information table of the 2018 form
(rules/shanxi-2018-form.yaml). The header uses the form's own item names, as
a department's spreadsheet would. Three reports carry planted mistakes, each
listed in PLANTED, for `makerscore validate` to find. Standard library only:

    python3 examples/data/make_shanxi_example.py
"""
import csv
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
RULES = os.path.join(HERE, "..", "..", "rules", "shanxi-2018-form.yaml")
NOTE = "# Fictional example data for makerscore: invented makerspaces and figures, not real ones."
NAMES = ["太原晋创谷众创空间", "大同云冈创客空间", "长治太行梦工场", "晋中榆次青年创业园", "运城河东创客汇", "临汾尧都众创空间"]

# Planted mistakes: (row index, field id, value, what it breaks)
PLANTED = [
    (1, "income_other", None, "income_parts: the parts exceed the total by 5 万元"),
    (3, "mentors_parttime", None, "mentor_parts: 专职 + 兼职 differs from 签约创业导师数量"),
    (4, "staff_college", None, "staff_college: more college-educated staff than staff"),
]


def fields():
    """(id, name) of every field, read from the rule file so that they agree."""
    out = []
    for line in open(RULES, encoding="utf-8"):
        m = re.search(r"\{id: (\w+), name: ([^,]+),", line)
        if m:
            out.append((m.group(1), m.group(2).strip()))
    return out


def report(rng):
    r = {}
    r["area"] = rng.randint(800, 6000)
    r["area_teams"] = int(r["area"] * rng.uniform(0.4, 0.6))
    r["area_public"] = int(r["area"] * rng.uniform(0.2, 0.35))
    r["rule_documents"] = rng.randint(5, 30)
    r["staff"] = rng.randint(5, 30)
    r["staff_college"] = rng.randint(3, r["staff"])
    r["staff_experienced"] = rng.randint(1, r["staff_college"])
    r["online_platform"] = rng.choice(["是", "否"])
    total = round(rng.uniform(50, 800), 2)
    parts = [rng.uniform(0.1, 0.4), rng.uniform(0, 0.1), rng.uniform(0.2, 0.5), rng.uniform(0, 0.2)]
    names = ["income_service", "income_investment", "income_rent", "income_subsidy"]
    for n, p in zip(names, parts):
        r[n] = round(total * p / sum(parts) * 0.9, 2)
    r["income_other"] = round(total - sum(r[n] for n in names), 2)
    r["income_total"] = total
    cost = round(total * rng.uniform(0.7, 1.1), 2)
    cnames = ["cost_staff", "cost_venue", "cost_admin", "cost_misc", "cost_tax"]
    for n in cnames:
        r[n] = round(cost * rng.uniform(0.1, 0.2), 2)
    r["cost_other"] = round(cost - sum(r[n] for n in cnames), 2)
    r["cost_total"] = cost
    r["new_investment"] = round(rng.uniform(0, 100), 2)
    r["net_profit"] = round(total - cost, 2)
    r["tech_platforms"] = rng.randint(0, 5)
    r["platform_services"] = rng.randint(0, 80) if r["tech_platforms"] else 0
    r["mentors_fulltime"] = rng.randint(1, 8)
    r["mentors_parttime"] = rng.randint(2, 20)
    r["mentors"] = r["mentors_fulltime"] + r["mentors_parttime"]
    r["mentor_sessions"] = rng.randint(10, 120)
    r["partner_agencies"] = rng.randint(1, 12)
    r["partner_investors"] = rng.randint(0, 8)
    r["events"] = rng.randint(5, 60)
    r["trainings"] = rng.randint(3, 40)
    r["exchanges"] = rng.randint(2, 30)
    r["professional_services"] = rng.randint(10, 300)
    r["seed_fund"] = rng.choice([0, 100, 200, 500])
    r["seed_invested"] = round(r["seed_fund"] * rng.uniform(0, 0.5), 2)
    r["seed_investees"] = rng.randint(0, 5) if r["seed_invested"] else 0
    r["government_funding"] = round(rng.uniform(0, 150), 2)
    r["residents"] = rng.randint(15, 90)
    r["makers"] = r["residents"] * rng.randint(3, 8)
    r["residents_tech"] = rng.randint(5, r["residents"])
    r["residents_new"] = rng.randint(3, r["residents"])
    r["residents_tech_new"] = rng.randint(0, min(r["residents_new"], r["residents_tech"]))
    r["graduated"] = rng.randint(0, 25)
    r["graduated_new"] = rng.randint(0, r["graduated"])
    r["awards"] = rng.randint(0, 10)
    r["contest_entrants"] = rng.randint(0, 20)
    r["ip_cumulative"] = rng.randint(5, 150)
    r["ip_new"] = rng.randint(0, r["ip_cumulative"])
    r["ip_companies"] = rng.randint(1, r["residents"])
    r["resident_revenue"] = round(rng.uniform(100, 5000), 2)
    r["resident_rd"] = round(r["resident_revenue"] * rng.uniform(0.02, 0.15), 2)
    r["financed_teams"] = rng.randint(0, min(10, r["residents"]))
    r["financing_amount"] = round(r["financed_teams"] * rng.uniform(20, 300), 2)
    r["acquired"] = rng.randint(0, 2)
    r["media_reports"] = rng.randint(0, 30)
    r["jobs"] = rng.randint(50, 600)
    r["jobs_new"] = rng.randint(5, r["jobs"] // 2)
    r["hires_bachelor"] = rng.randint(10, r["jobs"] // 2)
    r["hires_master"] = rng.randint(0, r["hires_bachelor"] // 3)
    r["hires_phd"] = rng.randint(0, max(0, r["hires_master"] // 4))
    r["hires_talent"] = rng.randint(0, 5)
    r["high_tech"] = rng.randint(0, 6)
    r["tech_sme"] = rng.randint(0, 12)
    r["listed"] = rng.randint(0, 2)
    r["honours"] = rng.randint(0, 6)
    return r


def main():
    rng = random.Random(2018)
    rows = [report(rng) for _ in NAMES]
    rows[1]["income_other"] = round(rows[1]["income_other"] + 5, 2)
    rows[3]["mentors_parttime"] += 2
    rows[4]["staff_college"] = rows[4]["staff"] + 3
    fs = fields()
    with open(os.path.join(HERE, "shanxi-example-2018.csv"), "w", newline="", encoding="utf-8") as f:
        f.write(NOTE + "\n")
        f.write("# Planted mistakes for makerscore validate: " + "; ".join(p[3] for p in PLANTED) + "\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name"] + [name for _, name in fs])
        for k, r in enumerate(rows):
            w.writerow([f"SX{k + 1:03d}", NAMES[k]] + [r[i] for i, _ in fs])


if __name__ == "__main__":
    main()
