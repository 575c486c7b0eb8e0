"""Every rule file in rules/, scored through Python and through the makerscore command, agrees to 1e-12
(like LightGBM's test_consistency: one model, two front ends, the same numbers)."""
import json
import math
import subprocess

import pandas as pd
import pytest

import makerscore as ms

# Each rule file in rules/ and the example data it is scored on.
CASES = {
    "guangxi-2019.yaml": {"data": "examples/data/guangxi-example-2019.csv",
                          "previous": "examples/data/guangxi-example-2018.csv",
                          "ratings": "examples/data/guangxi-example-ratings.csv"},
    "asem-connectivity.yaml": {"data": "examples/data/asem/ASEM_iData.csv"},
    "shanxi-2018-form.yaml": {"validate": "examples/data/shanxi-example-2018.csv"},
}


def test_every_rule_file_has_a_case(root):
    assert sorted(p.name for p in (root / "rules").glob("*.yaml")) == sorted(CASES)


def close(a, b):
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return b is not None and abs(a - b) <= 1e-12 * max(1.0, abs(a))


@pytest.mark.parametrize("rule_file", sorted(k for k, v in CASES.items() if "data" in v))
def test_python_and_command_agree(root, cli, rule_file):
    case = CASES[rule_file]
    args = [cli, "score", "--rules", str(root / "rules" / rule_file), "--format", "json"]
    for key in ("data", "previous", "ratings"):
        if key in case:
            args += [f"--{key}", str(root / case[key])]
    from_cli = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)

    rules = ms.load_rules(root / "rules" / rule_file)
    frames = {k: pd.read_csv(root / v, comment="#", keep_default_na=True) for k, v in case.items()}
    result = rules.score(frames["data"], previous=frames.get("previous"), ratings=frames.get("ratings"))
    ids = result.entity_ids
    nodes = rules.nodes
    assert len(from_cli["entities"]) == len(ids)
    for entity in from_cli["entities"]:
        i = ids.index(entity["id"])
        assert close(entity["total"], float(result.core.totals[i])), entity["id"]
        assert entity["rank"] == int(result.core.ranks[i])
        assert (entity["grade"] or "") == result.core.grades[i]
        for k in range(1, len(nodes)):
            cli_node = entity["indicators"][nodes[k].id]
            for key, array in (("value", result.values), ("score", result.scores), ("points", result.points)):
                assert close(cli_node[key], float(array[i, k])), (entity["id"], nodes[k].id, key)


def test_report_validation_agrees(root, cli):
    rule_file, report = "shanxi-2018-form.yaml", CASES["shanxi-2018-form.yaml"]["validate"]
    out = subprocess.run([cli, "validate", "--rules", str(root / "rules" / rule_file), str(root / report)],
                         capture_output=True, text=True)
    assert out.returncode == 1
    cli_rows = [int(line.split(":")[1]) for line in out.stdout.splitlines() if line.count(":") >= 2 and "[" in line]
    problems = ms.load_rules(root / "rules" / rule_file).validate(root / report)
    assert cli_rows == list(problems["row"])
