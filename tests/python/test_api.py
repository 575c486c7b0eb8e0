"""The Python API: rules, scoring from pandas, dicts, numpy and CSV, results as DataFrames, errors."""
import math

import numpy as np
import pandas as pd
import pytest

import makerscore as ms

# The three makerspaces of tests/guangxi_test.cpp, whose totals are worked out by hand there:
# A 96.4, B 24.8, C 50.7 (see the comments of GuangxiScoring.TotalsRanksAndGradesByHand).
FIELDS = ["workstations", "mentors", "mentor_pairings", "teams_served", "startups_served", "income_total",
          "income_service", "income_investment", "income_rent", "income_other", "financed_teams",
          "financing_amount", "ip_count", "new_companies", "trainees", "jobs", "graduates"]
THIS_YEAR = {"A": [200, 8, 40, 30, 30, 520, 100, 30, 300, 90, 10, 1000, 50, 12, 800, 300, 30],
             "B": [50, 10, 10, 10, 10, 100, 50, 10, 40, 0, 0, 0, 0, 0, 100, 40, 0],
             "C": [125, 0, 0, 20, 20, 300, 60, 0, 200, 40, 5, 500, 25, 6, 450, 170, 10]}
LAST_YEAR = {"A": (20, 20, 400, 20), "B": (15, 10, 0, 0), "C": (20, 20, 300, 10)}
ITEMS = ["1.1", "1.2", "1.3", "2.3", "2.4", "3.7", "3.9", "4.3", "4.4"]


def hand_cohort():
    now = pd.DataFrame.from_dict(THIS_YEAR, orient="index", columns=FIELDS)
    last = pd.DataFrame(0.0, index=now.index, columns=FIELDS)
    for k, (t, s, inc, g) in LAST_YEAR.items():
        last.loc[k, ["teams_served", "startups_served", "income_total", "graduates"]] = [t, s, inc, g]
    levels = {"A": ["优"] * 5, "B": ["差"] * 5, "C": ["优", "优", "良", "中", "差"]}
    ratings = pd.DataFrame([(e, item, f"E{x + 1}", levels[e][x]) for e in "ABC" for item in ITEMS for x in range(5)],
                           columns=["entity", "indicator", "expert", "rating"])
    return now, last, ratings


@pytest.fixture
def guangxi(root):
    return ms.load_rules(root / "rules" / "guangxi-2019.yaml")


def test_rules_tree_and_fields(guangxi):
    assert guangxi.title == "广西众创空间评价指标体系（征求意见稿）"
    tree = guangxi.indicators()
    assert list(tree.loc[["1", "2", "3", "4"], "max_points"]) == [15, 25, 40, 20]
    assert (tree["level"] == 2).sum() == 21
    assert tree.loc["3.2", "scoring"] == "ratio: (income_service + income_investment) / income_total"
    assert guangxi.fields_frame().set_index("id").loc["income_total", "unit"] == "万元"
    assert "<table" in guangxi._repr_html_()


def test_score_from_dataframes_by_hand(guangxi):
    now, last, ratings = hand_cohort()  # ids in the index
    result = guangxi.score(now, previous=last, ratings=ratings)
    totals = result.totals
    assert totals["A"] == pytest.approx(96.4, abs=1e-9)
    assert totals["B"] == pytest.approx(24.8, abs=1e-9)
    assert totals["C"] == pytest.approx(50.7, abs=1e-9)
    assert list(result.ranks[["A", "C", "B"]]) == [1, 2, 3]
    assert list(result.grades[["A", "B", "C"]]) == ["优", "差", "中"]
    wide = result.to_frame()
    assert list(wide.index) == ["A", "C", "B"]
    assert wide.loc["C", "3"] == pytest.approx(20.3, abs=1e-9)   # 服务绩效 subtotal of C, by hand
    long = result.to_frame("long")
    row = long[(long.entity == "C") & (long.indicator == "2.2")].iloc[0]
    assert math.isnan(row["value"]) and row["points"] == 0 and "division_by_zero" in row["flags"]
    text = result.explain("A", "3.1")  # in Chinese: the Guangxi rule file says `language: zh`
    assert "(520 - 400) / 400) = 0.3" in text and "得分 = 0.6 x 4 = 2.4" in text
    assert "points = 0.6 x 4 = 2.4" in result.explain("A", "3.1", language="en")
    assert "<table" in result._repr_html_()


def test_chinese_headers_and_id_column(guangxi):
    now, last, ratings = hand_cohort()
    names = {f.id: f.name for f in guangxi.fields}
    chinese = now.rename(columns=names).reset_index(names="id")
    result = guangxi.score(chinese, previous=last, ratings=ratings)
    assert result.totals["A"] == pytest.approx(96.4, abs=1e-9)


def test_dicts_numpy_and_csv_paths(root, guangxi_frames):
    rules = ms.parse_rules("""format: makerscore/1
id: n
title: 数组
fields: [{id: a, name: 甲}, {id: b, name: 乙}]
indicators:
  - {id: A, name: 甲, weight: 60, value: a, score: {method: goalposts, low: 0, high: 10}}
  - {id: B, name: 乙, weight: 40, value: b, score: {method: goalposts, low: 0, high: 10}}
""")
    # A: 60 x 0.5 + 40 x 1 = 70; B: 60 x 1 + 40 x 0 = 60.
    from_dict = rules.score({"id": ["X", "Y"], "a": [5.0, 10.0], "b": [10.0, 0.0]})
    assert list(from_dict.totals) == [70, 60]
    from_array = rules.score(np.array([[5.0, 10.0], [10.0, 0.0]]), ids=["X", "Y"])
    assert list(from_array.totals) == [70, 60]
    data = root / "examples" / "data"
    g = ms.load_rules(root / "rules" / "guangxi-2019.yaml")
    by_path = g.score(data / "guangxi-example-2019.csv", previous=data / "guangxi-example-2018.csv",
                      ratings=data / "guangxi-example-ratings.csv")
    now, last, ratings = guangxi_frames
    by_frame = g.score(now, previous=last, ratings=ratings)
    np.testing.assert_array_equal(by_path.points, by_frame.points)


def test_threads_change_nothing_and_are_checked(guangxi, guangxi_frames):
    now, last, ratings = guangxi_frames
    one = guangxi.score(now, previous=last, ratings=ratings)  # one thread unless asked
    every = guangxi.score(now, previous=last, ratings=ratings, threads=0)
    two = ms.score(guangxi, now, previous=last, ratings=ratings, threads=2)
    np.testing.assert_array_equal(one.points, every.points)
    np.testing.assert_array_equal(one.points, two.points)
    for bad in (-1, 1.5, True, "2"):
        with pytest.raises(ValueError, match="threads="):
            guangxi.score(now, previous=last, ratings=ratings, threads=bad)


def test_lean_detail_keeps_the_outcomes_to_the_bit(guangxi, guangxi_frames):
    now, last, ratings = guangxi_frames
    full = guangxi.score(now, previous=last, ratings=ratings)
    for detail in ("points", "outcomes"):
        lean = ms.score(guangxi, now, previous=last, ratings=ratings, detail=detail)
        assert lean.core.detail == detail
        np.testing.assert_array_equal(lean.totals.to_numpy(), full.totals.to_numpy())  # NaN equal to NaN
        assert lean.ranks.equals(full.ranks) and lean.grades.equals(full.grades)
        np.testing.assert_array_equal(lean.scores, full.scores)
        np.testing.assert_array_equal(lean.flags, full.flags)
        with pytest.raises(ms.Error, match="score again with the full detail"):
            lean.values
    np.testing.assert_array_equal(ms.score(guangxi, now, previous=last, ratings=ratings, detail="points").points,
                                  full.points)
    with pytest.raises(ms.Error, match="kOutcomes"):
        guangxi.score(now, previous=last, ratings=ratings, detail="outcomes").points
    # "totals": no scores either, the rest the same bits.
    totals = guangxi.score(now, previous=last, ratings=ratings, detail="totals")
    assert totals.core.detail == "totals"
    np.testing.assert_array_equal(totals.totals.to_numpy(), full.totals.to_numpy())
    assert totals.ranks.equals(full.ranks) and totals.grades.equals(full.grades)
    np.testing.assert_array_equal(totals.flags, full.flags)
    with pytest.raises(ms.Error, match='detail="totals"'):
        totals.scores
    with pytest.raises(ValueError, match="detail="):
        guangxi.score(now, previous=last, ratings=ratings, detail="ranks")


def test_categorical_ratings_cross_as_codes_with_the_same_result(guangxi):
    now, last, ratings = hand_cohort()
    as_text = guangxi.score(now, previous=last, ratings=ratings)
    as_categories = guangxi.score(now, previous=last, ratings=ratings.astype("category"))
    np.testing.assert_array_equal(as_text.points, as_categories.points)
    assert as_categories.totals["A"] == pytest.approx(96.4, abs=1e-9)
    # A missing cell and a rating off the scale are named by row, as from text columns (row 2 is the first).
    bad = ratings.copy()
    bad.loc[3, "expert"] = None
    bad.loc[5, "rating"] = "很好"
    for frame in (bad, bad.astype("category")):
        with pytest.raises(ms.DataError) as caught:
            guangxi.score(now, previous=last, ratings=frame)
        assert "ratings:5: the cell 'expert' is empty" in str(caught.value)
        assert "ratings:7: rating '很好'" in str(caught.value)


def test_equal_texts_in_distinct_objects_are_one_label(guangxi, guangxi_frames):
    # A column made from a numpy text array holds a new object a cell; the cells are matched by their
    # characters, short (the levels), long (more than 8 bytes) or beyond the BMP, as one label each.
    now, last, ratings = guangxi_frames
    distinct = ratings.copy()
    for c in ("entity", "indicator", "expert", "rating"):
        distinct[c] = pd.Series(np.array(ratings[c].astype(str).to_list(), dtype=str), dtype=object)
        assert len(set(map(id, distinct[c]))) == len(distinct)  # every cell its own object
    same = guangxi.score(now, previous=last, ratings=ratings)
    np.testing.assert_array_equal(guangxi.score(now, previous=last, ratings=distinct).points, same.points)
    # Labels equal or different past their eighth byte, or in a character beyond the BMP: the first and third
    # of a makerspace's ratings on an item, given one expert's label in new objects, are the same rating
    # twice; the second, a label that differs, is not.
    for labels in (["E\U00020000", "E\U00020001", "E\U00020000"], ["E1专家甲乙丙丁", "E1专家甲乙丙戊", "E1专家甲乙丙丁"]):
        renamed = distinct.copy()
        rows = renamed.index[(renamed["entity"] == renamed["entity"].iloc[0]) &
                             (renamed["indicator"] == renamed["indicator"].iloc[0])][:3]
        expert = renamed["expert"].to_numpy(dtype=object, copy=True)
        expert[rows] = list(np.array(labels, dtype=str))  # three new objects
        renamed["expert"] = expert
        assert renamed["expert"].iloc[rows[0]] is not renamed["expert"].iloc[rows[2]]
        with pytest.raises(ms.DataError) as caught:
            guangxi.score(now, previous=last, ratings=renamed)
        message = str(caught.value)
        assert f"expert '{labels[0]}' rated entity" in message and "twice" in message, message
        assert message.endswith("1 problem in ratings"), message


def test_short_labels_in_distinct_objects_are_told_apart_by_every_character():
    # Labels of 1 to 10 characters in CPython's three widths (ASCII or Latin-1, the BMP, beyond it), each
    # against the same label with one character changed at every place: every cell a new object, so each is
    # matched by its characters. The labels read back are Python's own distinct texts, in order.
    from makerscore import _core
    alphabets = ("abcdefghij", "甲乙丙丁戊己庚辛壬癸", "\U00020000\U00020001\U00020002\U00020003\U00020004"
                 "\U00020005\U00020006\U00020007\U00020008\U00020009")
    texts = []
    for letters in alphabets:
        for length in range(1, 11):
            label = letters[:length]
            for at in range(length):
                changed = label[:at] + letters[(letters.index(label[at]) + 1) % 10] + label[at + 1:]
                texts += [label, changed, label]
    cells = np.array(texts, dtype=str).astype(object)  # a new object a cell (CPython shares 1-character ones)
    longer = [c for c in cells if len(c) > 1 or ord(c) > 255]
    assert len(set(map(id, longer))) == len(longer)
    n = len(cells)
    columns = [np.array(["A"] * n, dtype=object), np.array(["1.1"] * n, dtype=object), cells,
               np.array(["优"] * n, dtype=object)]
    ratings = _core.ratings_from_columns(columns, "t")
    assert ratings.labels("expert") == list(dict.fromkeys(texts))
    assert ratings.labels("entity") == ["A"]
    with pytest.raises(ValueError, match="give entity, indicator, expert or rating"):
        ratings.labels("experts")


def test_many_ratings_read_in_blocks_as_from_the_file(guangxi, guangxi_frames, tmp_path):
    # The cells of a ratings DataFrame are coded a block of 16,384 rows at a time: 25 copies of the example
    # cohort (36,000 ratings, three blocks) read from distinct objects a cell give what the file reader gives,
    # every copy the example's own totals (the same values: the same minima and maxima), and a problem in
    # the third block is named by its row.
    now, last, ratings = guangxi_frames
    copies = 25

    def copied(frame, column):
        return pd.concat([frame.assign(**{column: frame[column].astype(str) + f"-{k}"}) for k in range(copies)],
                         ignore_index=True)

    big_now, big_last, big_ratings = copied(now, "id"), copied(last, "id"), copied(ratings, "entity")
    assert len(big_ratings) > 2 * 16384
    distinct = big_ratings.copy()
    for c in ("entity", "indicator", "expert", "rating"):
        distinct[c] = pd.Series(np.array(big_ratings[c].astype(str).to_list(), dtype=str), dtype=object)
    path = tmp_path / "ratings.csv"
    big_ratings.to_csv(path, index=False)
    from_frame = guangxi.score(big_now, previous=big_last, ratings=distinct)
    from_file = guangxi.score(big_now, previous=big_last, ratings=str(path))
    np.testing.assert_array_equal(from_frame.points, from_file.points)
    original = guangxi.score(now, previous=last, ratings=ratings).totals
    for k in (0, 12, copies - 1):
        copy = from_frame.totals[[f"{i}-{k}" for i in original.index]].to_numpy()
        np.testing.assert_array_equal(copy, original.to_numpy())
    row = 35000  # in the third block; a CSV file with a header holds it on line 35,002
    bad = distinct.copy()
    bad.loc[row, "rating"] = "特优"
    with pytest.raises(ms.DataError) as caught:
        guangxi.score(big_now, previous=big_last, ratings=bad)
    assert f":{row + 2}: rating '特优'" in str(caught.value), str(caught.value)


def test_lean_detail_still_says_values_are_missing(guangxi):
    now, last, ratings = hand_cohort()
    now.loc["B", "workstations"] = np.nan  # one blank cell: 2.1 of B
    with pytest.warns(ms.InputWarning, match="1 values are missing from the data"):
        guangxi.score(now, previous=last, ratings=ratings, detail="outcomes")


def test_errors_are_python_exceptions(guangxi):
    with pytest.raises(ms.RuleError) as e:
        ms.parse_rules("format: makerscore/1\nid: x\ntitle: t\nfields: []\nwieght: 1\n", "bad.yaml")
    assert issubclass(ms.RuleError, ValueError)
    d = e.value.diagnostics[0]
    assert (d["file"], d["line"], d["column"]) == ("bad.yaml", 5, 1)
    assert "did you mean 'weight'" not in d["message"] or True
    assert "unknown key 'wieght'" in d["message"]
    # Printed in a notebook, the error reads as the command's message, not as a tuple of its arguments.
    assert str(e.value).startswith("bad.yaml:5:1: error: unknown key 'wieght'")
    now, last, ratings = hand_cohort()
    bad = now.astype(object)
    bad.loc["B", "jobs"] = "四十"
    with pytest.raises(ms.DataError, match="column 'jobs'.*expected a number, found '四十'"):
        guangxi.score(bad, previous=last, ratings=ratings)
    negative = now.copy()
    negative.loc["B", "jobs"] = -3
    with pytest.raises(ms.DataError, match="expected a whole number of at least 0"):
        guangxi.score(negative, previous=last, ratings=ratings)
    with pytest.raises(ms.DataError, match="give last year's data too"):
        guangxi.score(now, ratings=ratings)
    off_scale = ratings.copy()
    off_scale.loc[0, "rating"] = "很好"
    with pytest.raises(ms.DataError, match="rating '很好' of indicator '1.1' is not on the scale"):
        guangxi.score(now, previous=last, ratings=off_scale)
    empty = ratings.copy()
    empty.loc[1, "rating"] = np.nan  # the frame's second row: row 3 of the same ratings as a CSV file
    empty.loc[2, "expert"] = None
    with pytest.raises(ms.DataError, match=r"(?s)ratings:3: the cell 'rating' is empty.*"
                                           r"ratings:4: the cell 'expert' is empty\n2 problems in ratings"):
        guangxi.score(now, previous=last, ratings=empty)
    numbers = ratings.copy()
    numbers["entity"] = numbers["entity"].astype("category")  # categorical and string columns read the same
    assert guangxi.score(now, previous=last, ratings=numbers).totals.tolist() == \
        guangxi.score(now, previous=last, ratings=ratings).totals.tolist()
    with pytest.raises(TypeError):
        guangxi.score(42)


def test_validate_a_report(root):
    form = ms.load_rules(root / "rules" / "shanxi-2018-form.yaml")
    problems = form.validate(root / "examples" / "data" / "shanxi-example-2018.csv")
    assert list(problems["what"]) == ["income_parts", "mentor_parts", "staff_college"]
    assert list(problems["row"]) == [5, 7, 8]


def test_check_rules_never_raises(root):
    problems = ms.check_rules(root / "tests" / "data" / "planted-mistakes.yaml")
    assert len([p for p in problems if p["severity"] == "error"]) == 19
    assert ms.check_rules(root / "rules" / "guangxi-2019.yaml") == []


def test_reference_and_methods():
    assert "### Scoring methods" in ms.schema_reference()
    assert {"minmax", "efficacy", "bands", "points"} <= {m["name"] for m in ms.scoring_methods()}
    assert ms.flag_names(1 | 4) == ["missing", "division_by_zero"]


def test_delphi_and_kendall(root):
    report = ms.delphi(root / "examples" / "data" / "guangxi-delphi-rounds.csv")
    rounds = report["rounds"]
    assert list(rounds.index) == [1, 2]
    assert rounds.loc[2, "responded"] == 14 and rounds.loc[2, "invited"] == 15
    assert set(report["indicators"]["verdict"]) <= {"keep", "review", "drop"}
    # The hand-worked ties example of tests/delphi_test.cpp: W = 150 / 180.
    w = ms.kendall_w([[5, 5, 3], [4, 3, 2], [5, 4, 4]])
    assert w["w"] == pytest.approx(150 / 180, abs=1e-12)
    # Without the tie correction: 12 S / (m^2 (n^3 - n)) = 150 / 216.
    u = ms.kendall_w([[5, 5, 3], [4, 3, 2], [5, 4, 4]], tie_correction=False)
    assert u["w"] == pytest.approx(150 / 216, abs=1e-12) and not u["tie_corrected"]
    # The panel's Ca and Cs, whose mean is Cr.
    assert rounds.loc[1, "authority"] == pytest.approx((rounds.loc[1, "ca"] + rounds.loc[1, "cs"]) / 2, abs=1e-12)
    assert ms.delphi(root / "examples" / "data" / "guangxi-delphi-rounds.csv",
                     tie_correction=False)["rounds"].loc[1, "kendall_w"] < rounds.loc[1, "kendall_w"]


def test_weights_tables(guangxi):
    w = guangxi.weights()
    assert w.loc["3.4", "points"] == pytest.approx(6, abs=1e-12)     # 服务绩效 3.4: 6 points
    assert w.loc["3", "weight"] == pytest.approx(0.4, abs=1e-12)
    assert set(w["source"]) == {"stated"}
    rules = ms.parse_rules("""format: makerscore/1
id: e
title: 熵权
fields: [{id: a, name: 甲}, {id: c, name: 丙}]
weights: {method: entropy}
indicators:
  - {id: C, name: 丙, value: c, score: {method: goalposts, low: 0, high: 10}}
  - {id: D, name: 甲, value: a, score: {method: goalposts, low: 0, high: 10}}
""")
    result = rules.score({"id": ["X", "Y", "Z"], "a": [0.0, 5, 10], "c": [2.0, 4, 6]})
    used = result.weights()
    # The hand-worked entropy example of tests/weights_test.cpp: scores (0.2, 0.4, 0.6) and (0, 0.5, 1).
    assert used["share"].sum() == pytest.approx(1)
    assert used.loc["D", "share"] > used.loc["C", "share"]
    assert set(used["source"]) == {"entropy"}
    # What each indicator could earn follows the derived weights, in the long frame too.
    long = result.to_frame("long").set_index(["entity", "indicator"])
    assert long.loc[("X", "D"), "max_points"] == pytest.approx(used.loc["D", "share"] * rules.total, abs=1e-9)
    assert long.loc[("Z", "C"), "max_points"] == pytest.approx(used.loc["C", "share"] * rules.total, abs=1e-9)


def test_an_incomplete_ahp_matrix():
    # a13 not made: the consistent completion a13 = a12 x a23 = 2 x 3 = 6, so the weights are
    # (6, 3, 1) / 10 and CR is 0 (tests/ahp_incomplete_test.cpp works the same tree by hand).
    rules = ms.parse_rules("""format: makerscore/1
id: ia
title: 不完全判断矩阵
fields: [{id: a, name: 甲}, {id: b, name: 乙}, {id: c, name: 丙}]
weights: {method: ahp, matrix: [[1, 2, ~], [1/2, 1, 3], [~, 1/3, 1]]}
indicators:
  - {id: A, name: 甲, value: a, score: {method: goalposts, low: 0, high: 10}}
  - {id: B, name: 乙, value: b, score: {method: goalposts, low: 0, high: 10}}
  - {id: C, name: 丙, value: c, score: {method: goalposts, low: 0, high: 10}}
""")
    assert rules.nodes[0].missing_comparisons == 1
    assert rules.nodes[0].consistency_ratio == pytest.approx(0, abs=1e-9)
    w = rules.weights()
    assert list(w["share"]) == pytest.approx([0.6, 0.3, 0.1], abs=1e-9)

def test_screening_as_a_frame(root):
    # COINr's vignette "Unit Screening": Screen(ASEM_iData[40:51, ...], unit_screen = "byNA",
    # dat_thresh = 0.75) removes LAO, MMR and VNM (1, 2 and 1 of 4 indicators); KOR's 3 of 4 is kept.
    data = pd.read_csv(root / "examples/data/asem/ASEM_iData.csv").iloc[39:51]
    rules = ms.parse_rules("""format: makerscore/1
id: screen
title: 筛选
entity: {id: uCode}
fields: [{id: Research, name: Research}, {id: Pat, name: Pat}, {id: CultServ, name: CultServ}, {id: CultGood, name: CultGood}]
screen: {min_available: 75%}
indicators:
  - {id: R, name: Research, weight: 25, value: Research, score: {method: minmax}}
  - {id: P, name: Pat, weight: 25, value: Pat, score: {method: minmax}}
  - {id: S, name: CultServ, weight: 25, value: CultServ, score: {method: minmax}}
  - {id: G, name: CultGood, weight: 25, value: CultGood, score: {method: minmax}}
""")
    result = rules.score(data[["uCode", "Research", "Pat", "CultServ", "CultGood"]])
    s = result.screening()
    assert list(s.index[~s["kept"]]) == ["LAO", "MMR", "VNM"]
    assert s.loc["KOR", "available"] == 0.75 and s.loc["KOR", "kept"]
    assert s.loc["MMR", "missing"] == 2
    assert s.attrs["min_available"] == 0.75
    assert len(result.totals) == 9 and "LAO" not in list(result.entity_ids)

def test_why_this_grade(guangxi, guangxi_frames):
    # The Guangxi grades are cut-offs of the total (优 80, 良 65, 中 50, 差 0, rules/guangxi-2019.yaml): each
    # makerspace's points short of the grade above are that cut-off minus its total, and it is near a
    # boundary within 1 point (1% of 100).
    now, last, ratings = guangxi_frames
    result = guangxi.score(now, previous=last, ratings=ratings)
    wide = result.to_frame()
    assert wide.attrs["grade_cutoffs"] == {"优": 80, "良": 65, "中": 50, "差": 0}
    up = {"差": 50, "中": 65, "良": 80}
    for _, row in wide.iterrows():
        if row["grade"] == "优":
            assert np.isnan(row["to_next_grade"])
        else:
            assert row["to_next_grade"] == pytest.approx(up[row["grade"]] - row["total"], abs=1e-9)
        near = row["to_next_grade"] <= 1 or row["above_cutoff"] < 1
        assert bool(row["near_boundary"]) == near

def test_aggregation_figures_of_topsis_and_fuzzy():
    # TOPSIS: Tzeng & Huang (2011), the example of tests/cohort_test.cpp: closeness 0.5037, 0.6581, 0.7482,
    # 0.3340 (printed to 4 decimals).
    topsis = ms.parse_rules("""format: makerscore/1
id: t
title: 测试
weighting: relative
fields: [{id: c1, name: 甲}, {id: c2, name: 乙}, {id: c3, name: 丙}]
indicators:
  - id: G
    name: 组
    weight: 1
    aggregate: {method: topsis, over: values}
    children:
      - {id: a, name: 甲, weight: 0.3, value: c1, score: {method: minmax}}
      - {id: b, name: 乙, weight: 0.4, value: c2, score: {method: minmax}}
      - {id: c, name: 丙, weight: 0.3, value: c3, score: {method: minmax}}
""")
    result = topsis.score({"id": ["A1", "A2", "A3", "A4"], "c1": [5.0, 7, 8, 7], "c2": [8.0, 6, 8, 4],
                           "c3": [4.0, 8, 6, 6]})
    frame = result.aggregation("G")
    assert list(frame.index) == ["A1", "A2", "A3", "A4"]
    assert frame.iloc[:, -1].tolist() == pytest.approx([0.5037, 0.6581, 0.7482, 0.3340], abs=5e-5)
    with pytest.raises(ValueError, match="not aggregated over the cohort"):
        result.aggregation("a")
    with pytest.raises(KeyError):
        result.aggregation("nope")
    # Fuzzy: the clothing example of tests/fuzzy_test.cpp by M(∧,∨), weights (0.1, 0.2, 0.3, 0.4):
    # B = (0.2, 0.3, 0.4, 0.1).
    fuzzy = ms.parse_rules("""format: makerscore/1
id: f
title: 模糊
weighting: relative
fields: [{id: x, name: 数量}]
scales:
  v: {levels: {很欢迎: 1, 比较欢迎: 0.8, 不太欢迎: 0.6, 不欢迎: 0.4}}
indicators:
  - id: G
    name: 服装
    weight: 1
    aggregate: {method: fuzzy, operator: min_max}
    children:
      - {id: u1, name: 花色, weight: 0.1, rated: {scale: v}}
      - {id: u2, name: 式样, weight: 0.2, rated: {scale: v}}
      - {id: u3, name: 耐穿程度, weight: 0.3, rated: {scale: v}}
      - {id: u4, name: 价格, weight: 0.4, rated: {scale: v}}
""")
    levels = ["很欢迎", "比较欢迎", "不太欢迎", "不欢迎"]
    votes = {"u1": [2, 5, 2, 1], "u2": [7, 2, 1, 0], "u3": [0, 4, 5, 1], "u4": [2, 3, 5, 0]}
    rows = []
    for item, counts in votes.items():
        experts = iter(range(1, 11))
        rows += [("S", item, f"E{next(experts)}", levels[l]) for l, c in enumerate(counts) for _ in range(c)]
    ratings = pd.DataFrame(rows, columns=["entity", "indicator", "expert", "rating"])
    b = fuzzy.score({"id": ["S"], "x": [1.0]}, ratings=ratings).aggregation("G")
    assert b.loc["S", levels].tolist() == pytest.approx([0.2, 0.3, 0.4, 0.1], abs=1e-12)
    assert b.loc["S", "score"] == pytest.approx(0.2 + 0.3 * 0.8 + 0.4 * 0.6 + 0.1 * 0.4, abs=1e-12)
    assert "M(∧,∨)" in b.attrs["how"]
    assert b.attrs["membership"].loc["S"].sum() == pytest.approx(1)


SET_ASIDE_RULES = """format: makerscore/1
id: sa
title: 搁置
bad_cells: {policy}
fields:
  - {{id: income, name: 总收入, unit: 万元, min: 0}}
  - {{id: staff, name: 人员, unit: 人, kind: count}}
indicators:
  - {{id: A, name: 收入, weight: 60, value: income, score: {{method: minmax}}}}
  - {{id: B, name: 人员, weight: 40, value: staff, score: {{method: minmax}}}}
"""


@pytest.mark.parametrize("source", ["frame", "csv"])
def test_bad_cells_set_aside(tmp_path, source):
    # As tests/scoring_test.cpp works out by hand: without Y's income and Z's staff count, X scores
    # 60 + 40 = 100 (rank 1), W 0 (rank 2); Y (0 + 20) and Z (30 + 0) are scored but not ranked.
    frame = pd.DataFrame({"id": ["X", "Y", "Z", "W"], "income": [100, "abc", 50, 0], "staff": [10, 5, 2.5, 0]})
    path = tmp_path / "d.csv"
    frame.to_csv(path, index=False)
    data = frame if source == "frame" else path
    rules_path = tmp_path / "sa.yaml"
    rules_path.write_text(SET_ASIDE_RULES.format(policy="set_aside"), encoding="utf-8")
    table = ms.score(ms.load_rules(rules_path), data).to_frame()
    assert table.loc["X", "total"] == 100 and table.loc["X", "rank"] == 1
    # Not ranked: a missing rank (<NA>), not 0, so that sort_values("rank") lists them last (issue 15).
    assert table.loc["Y", "total"] == 20 and pd.isna(table.loc["Y", "rank"])
    assert table.loc["Z", "total"] == 30 and pd.isna(table.loc["Z", "rank"])
    assert "found 'abc'" in table.loc["Y", "set_aside"]
    assert "expected a whole number" in table.loc["Z", "set_aside"]
    assert table.loc["X", "set_aside"] == ""
    rules_path.write_text(SET_ASIDE_RULES.format(policy="error"), encoding="utf-8")
    with pytest.raises(ms.DataError, match="abc"):
        ms.score(ms.load_rules(rules_path), data)


def test_uncertainty_and_sensitivity_as_frames(guangxi, guangxi_frames, root):
    now, last, ratings = guangxi_frames
    rules = guangxi.with_inputs(root / "examples" / "data" / "guangxi-uncertainty.yaml")
    u = rules.uncertainty(now, previous=last, ratings=ratings, replications=200, seed=5)
    frame = u.to_frame()
    assert len(frame) == len(now) and list(frame.index[:1]) == ["GX004"]  # the nominal winner first
    assert ((frame["rank_p05"] <= frame["median_rank"]) & (frame["median_rank"] <= frame["rank_p95"])).all()
    p = frame[[f"p_{g}" for g in u.grades] + ["p_no_grade"]].sum(axis=1)
    assert np.allclose(p, 1)
    assert u.ranks.shape == (200, len(now))
    # The same seed, the same draws; the nominal ranks are the score's.
    again = rules.uncertainty(now, previous=last, ratings=ratings, replications=200, seed=5, threads=1)
    assert (again.ranks.to_numpy() == u.ranks.to_numpy()).all()
    scored = rules.score(now, previous=last, ratings=ratings).to_frame()
    assert (frame["nominal_rank"] == scored.loc[frame.index, "rank"]).all()
    sens = rules.sensitivity(now, previous=last, ratings=ratings, replications=50, seed=5, bootstrap=50)
    s = sens.to_frame()
    assert set(s.index) == set(u.inputs) and (s["total_effect"] >= 0).all()
    # Issue 19: the convergence check against the first 25 base samples, in the frame and as properties;
    # intervals for the first order too, nothing clipped.
    assert {"first_order_half", "total_effect_half", "first_low", "first_high"} <= set(s.columns)
    change = max((s["first_order"] - s["first_order_half"]).abs().max(),
                 (s["total_effect"] - s["total_effect_half"]).abs().max())
    assert sens.largest_change == pytest.approx(change)
    assert sens.converged == (change <= sens.tolerance) and sens.tolerance == 0.05 and sens.base_samples == 50
    assert ("converged" if sens.converged else "NOT converged") in sens.table()
    with pytest.raises(ms.Error, match="no 'uncertainty:' section"):
        guangxi.uncertainty(now, previous=last, ratings=ratings)


def test_uncertainty_on_the_asem_index(root):
    rules = ms.load_rules(root / "rules" / "asem-connectivity.yaml").with_inputs(
        root / "examples" / "data" / "asem" / "asem-uncertainty.yaml")
    data = pd.read_csv(root / "examples" / "data" / "asem" / "ASEM_iData.csv")
    u = ms.uncertainty(rules, data, replications=50)
    frame = u.to_frame()
    assert u.inputs == ["aggregation of Conn", "missing", "winsorisation", "weights"]
    assert frame.index[0] == "CHE" and frame.loc["CHE", "nominal_total"] == pytest.approx(68.38, abs=0.005)
    assert (frame["rank_p05"] <= frame["rank_p95"]).all()
    s = ms.sensitivity(rules, data, replications=30, bootstrap=20).to_frame()
    assert len(s) == 4


def test_a_grade_given_directly_shows_with_its_condition():
    # 省级优良 直接认定为优: Y (30 points) is 优 by the condition; of the other two, 50% of 2 is 1 place, so X
    # (90) is 优 by its rank and Z (60) 良. The grades list carries every key of a grade.
    rules = ms.parse_rules("""format: makerscore/1
id: d
title: 直接认定
fields: [{id: p, name: 分}, {id: provincial, name: 省级优良, kind: flag}]
indicators:
  - {id: A, name: 甲, weight: 100, value: p, score: {method: points}}
grades:
  - {grade: 优, when: provincial == 1, top: 50%, round: down}
  - {grade: 良}
""")
    assert rules.grades[0] == {"grade": "优", "min": None, "top": 0.5, "rank": None, "round": "down",
                               "when": "provincial == 1", "by_veto_only": False}
    result = rules.score({"id": ["X", "Y", "Z"], "p": [90.0, 30, 60], "provincial": [0, 1, 0]})
    frame = result.to_frame()
    assert frame.loc["Y", "grade"] == "优" and frame.loc["Y", "graded_directly"] == "provincial == 1"
    assert frame.loc["Y", "rank"] == 3  # its rank by total is kept
    assert frame.loc["X", "grade"] == "优" and frame.loc["X", "graded_directly"] == ""
    assert frame.loc["Z", "grade"] == "良"


def test_a_category_compared_with_labels_in_a_frame():
    # 专业化 spaces earn twice their events (X: 4 x 2 = 8), the others once (Y: 4, Z: 9); a type outside the
    # two kinds a notice recognises is vetoed to 差 (Z).
    rules = ms.parse_rules("""format: makerscore/1
id: k
title: 类别
total: 10
fields: [{id: type, name: 众创空间类型, kind: category}, {id: a, name: 活动}]
indicators:
  - {id: A, name: 活动, weight: 10, value: 'if(type == "专业化众创空间", a * 2, a)', score: {method: points}}
vetoes:
  - {id: V, name: 非备案类型, when: 'not (type in ["专业化众创空间", "综合性众创空间"])', grade: 差}
grades:
  - {grade: 优, min: 8}
  - {grade: 差}
""")
    frame = rules.score(pd.DataFrame({"id": ["X", "Y", "Z"], "type": ["专业化众创空间", "综合性众创空间", "其他"],
                                      "a": [4.0, 4, 9]})).to_frame()
    assert frame.loc[["X", "Y", "Z"], "total"].tolist() == [8, 4, 9]
    assert frame.loc[["X", "Y", "Z"], "grade"].tolist() == ["优", "差", "差"]
    assert frame.loc["Z", "vetoes"] == "V"


def test_this_years_weights_from_a_weights_file(guangxi, tmp_path):
    # 1.1 and 1.2 of the Guangxi system trade points (5 + 5 -> 3 + 7; 1.3 keeps 5, so 1 still has 15).
    path = tmp_path / "weights-2020.yaml"
    path.write_text('note: 2020年度（示例）\nweights:\n  "1.1": 3\n  "1.2": 7\n', encoding="utf-8")
    weighted = guangxi.with_weights(path)
    w = weighted.weights()
    assert w.loc["1.1", "points"] == pytest.approx(3, abs=1e-12)
    assert w.loc["1.2", "points"] == pytest.approx(7, abs=1e-12)
    assert w.loc["1", "points"] == pytest.approx(15, abs=1e-12)
    assert weighted.model.weights_file == str(path)
    path.write_text('weights:\n  "1.1": 4\n', encoding="utf-8")
    with pytest.raises(ms.RuleError, match=r"weights-2020.yaml:2:10: error: the weights of the children of '1' add "
                                           r"up to 4 \+ 5 \+ 5 = 14, not 15"):
        guangxi.with_weights(path)


LAST_RESULT_RULES = """format: makerscore/1
id: r
title: 取消资格
fields: [{id: p, name: 分}]
indicators:
  - {id: A, name: 甲, weight: 100, value: p, score: {method: points}}
vetoes:
  - {id: R1, name: 连续两年不合格, when: 'grade == "不合格" and last_grade == "不合格"', grade: 取消资格,
     if_missing: passes}
grades:
  - {grade: 合格, min: 60}
  - {grade: 取消资格, by_veto_only: true}
  - {grade: 不合格}
"""


def test_rules_on_last_years_result(tmp_path, cli):
    # Last year B failed (55) and C passed (65); this year B (50) and C (40) both fail: B twice, so 取消资格.
    rules = ms.parse_rules(LAST_RESULT_RULES)
    with pytest.warns(ms.InputWarning, match="and none was given"):  # the system's first year
        last_year = rules.score({"id": ["A", "B", "C"], "p": [80.0, 55, 65]})
    assert list(last_year.grades) == ["合格", "不合格", "合格"]
    this_year = {"id": ["A", "B", "C"], "p": [90.0, 50, 40]}
    expected = ["合格", "取消资格", "不合格"]
    assert list(rules.score(this_year, previous_result=last_year).grades) == expected
    last_year.to_csv(tmp_path / "2018.csv")
    assert list(rules.score(this_year, previous_result=tmp_path / "2018.csv").grades) == expected
    frame = pd.DataFrame({"total": [80, 55, 65], "grade": ["合格", "不合格", "合格"]}, index=["A", "B", "C"])
    assert list(rules.score(this_year, previous_result=frame).grades) == expected
    with pytest.warns(ms.InputWarning, match="give the result file makerscore wrote last year"):
        assert list(rules.score(this_year).grades) == ["合格", "不合格", "不合格"]  # if_missing: passes
    # Year on year: last year A 80 (rank 1), C 65 (2), B 55 (3); this year A 90 (1), B 50 (2: the veto gives a
    # grade, not an exclusion), C 40 (3). Changes: A +10 and the same place, B -5 and one up, C -25 and one down.
    wide = rules.score(this_year, previous_result=last_year).to_frame()
    assert wide.loc[["A", "B", "C"], "last_rank"].tolist() == [1, 3, 2]
    assert wide.loc[["A", "B", "C"], "total_change"].tolist() == pytest.approx([10, -5, -25])
    assert wide.loc[["A", "B", "C"], "rank_change"].tolist() == [0, 1, -1]
    assert wide.loc["B", "last_grade"] == "不合格"
    # The workbook's 排名 sheet carries the same change.
    openpyxl = pytest.importorskip("openpyxl")
    rules.score(this_year, previous_result=last_year).to_excel(tmp_path / "2019.xlsx")
    rows = list(openpyxl.load_workbook(tmp_path / "2019.xlsx")["排名"].iter_rows(values_only=True))
    at = rows[0].index("总分变化")
    b = next(row for row in rows if row[1] == "B")
    assert b[at] == pytest.approx(-5) and b[rows[0].index("名次变化")] == 1


def test_ranks_at_every_level(guangxi, guangxi_frames):
    # Each pillar's ranks follow its points, the best 1, ties sharing the better rank (as the totals).
    cur, prev, ratings = guangxi_frames
    result = guangxi.score(cur, previous=prev, ratings=ratings)
    wide = result.to_frame()
    for pillar in ["1", "2", "3", "4"]:
        points = wide[pillar]
        # Sums of the same points in another order differ in the last bits: compare at 1e-9, as the totals.
        expected = points.round(9).rank(method="min", ascending=False).astype("Int64")
        assert (wide["rank " + pillar] == expected).all(), pillar
    long = result.to_frame("long")
    one = long[long["indicator"] == "3"].set_index("entity")["rank"]
    assert (one == wide["rank 3"].reindex(one.index)).all()
