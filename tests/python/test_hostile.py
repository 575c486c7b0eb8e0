"""Data frames an analyst really has (issue 14): nullable and datetime columns, NaN ids, duplicated columns;
warnings for inputs that break no rule; one Rules shared by 8 threads."""
import threading
import warnings

import numpy as np
import pandas as pd
import pytest

import makerscore as ms

RULES = """format: makerscore/1
id: example
title: 示例评价
fields:
  - {id: income, name: 总收入, unit: 万元, kind: amount, min: 0}
  - {id: staff, name: 服务人员数量, unit: 人, kind: count}
  - {id: rate, name: 入驻率, unit: "%", min: 0, max: 100}
scales:
  level: {levels: {优: 1, 良: 0.8, 中: 0.6, 差: 0.3}}
indicators:
  - {id: A, name: 总收入, weight: 40, value: income, score: {method: minmax}}
  - {id: B, name: 服务人员, weight: 30, value: staff, score: {method: minmax}}
  - {id: C, name: 入驻率, weight: 20, value: rate, score: {method: goalposts, low: 0, high: 100}}
  - {id: D, name: 运营管理, weight: 10, rated: {scale: level}}
grades: [{grade: 优, min: 80}, {grade: 良, min: 60}, {grade: 中, min: 0}]
"""


@pytest.fixture
def rules():
    return ms.parse_rules(RULES)


def frame():
    return pd.DataFrame({"id": ["S01", "S02", "S03"], "name": ["青秀众创", "邕江创客", "南湖空间"],
                         "income": [1200.0, 800.0, 300.0], "staff": [12, 6, 3], "rate": [85.0, 60.0, 95.0]})


RATINGS = pd.DataFrame([("S01", "D", "E1", "优"), ("S01", "D", "E2", "良"), ("S02", "D", "E1", "良"),
                        ("S02", "D", "E2", "中"), ("S03", "D", "E1", "差"), ("S03", "D", "E2", "中")],
                       columns=["entity", "indicator", "expert", "rating"])

# By hand (docs/errors.md's example): A = 40 (x - 300) / 900: 40, 22.22, 0; B = 30 (x - 3) / 9: 30, 10, 0;
# C = 20 x rate / 100: 17, 12, 19; D = 10 x mean level: 9, 7, 4.5.
TOTALS = [40 + 30 + 17 + 9, 40 * 500 / 900 + 10 + 12 + 7, 0 + 0 + 19 + 4.5]


def test_the_plain_frame_scores_as_worked_out(rules):
    assert rules.score(frame(), ratings=RATINGS).totals.tolist() == pytest.approx(TOTALS)


def test_nullable_integer_and_float_columns_read_with_missing_values(rules):
    d = frame()
    d["staff"] = pd.array([12, None, 3], dtype="Int64")  # S02's staff unknown: B earns 0 (the default policy)
    assert rules.score(d, ratings=RATINGS).totals.tolist() == pytest.approx([96, TOTALS[1] - 10, 23.5])
    d = frame()
    d["income"] = pd.array([1200.0, pd.NA, 300.0], dtype="Float64")  # S02's income unknown: A earns 0
    assert rules.score(d, ratings=RATINGS).totals.tolist() == pytest.approx([96, 10 + 12 + 7, 23.5])
    d = frame()
    d["income"] = pd.array([1200, 800, 300], dtype="Int64")  # complete: as float64
    assert rules.score(d, ratings=RATINGS).totals.tolist() == pytest.approx(TOTALS)


@pytest.mark.parametrize("values, message", [
    (pd.to_datetime(["2019-01-01"] * 3), "column 'income': holds dates (datetime64[ns]); expected numbers in 万元"),
    (pd.to_timedelta([1, 2, 3], unit="D"), "column 'income': holds durations"),
    ([True, False, True], "column 'income': holds True/False (bool); only a field of kind 'flag' takes them"),
    (pd.array([True, None, True], dtype="boolean"), "holds True/False (boolean)"),
    (np.array([1 + 1j, 2, 3]), "holds complex numbers"),
])
def test_columns_that_are_not_numbers_are_refused_by_name(rules, values, message):
    d = frame()
    d["income"] = values
    with pytest.raises(ms.DataError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")
                       .replace("]", r"\]")):
        rules.score(d, ratings=RATINGS)


def test_a_missing_id_is_refused_naming_its_row(rules):
    d = frame()
    d["id"] = ["S01", np.nan, "S03"]
    with pytest.raises(ms.DataError, match=r"the entity id is missing \(NaN or None\) in row\(s\) 2"):
        rules.score(d, ratings=RATINGS)


def test_a_duplicated_column_is_refused(rules):
    d = frame()
    d.columns = ["id", "name", "income", "income", "rate"]
    with pytest.raises(ms.DataError, match="the column\\(s\\) 'income' appear more than once"):
        rules.score(d, ratings=RATINGS)


def test_ids_names_the_id_column(rules):
    d = frame().rename(columns={"id": "编号"})
    r = rules.score(d, ratings=RATINGS, ids="编号")
    assert r.entity_ids == ["S01", "S02", "S03"]
    with pytest.raises(ms.DataError, match="ids='code' names no column"):
        rules.score(d, ratings=RATINGS, ids="code")


def test_look_alike_experts_are_refused(rules):
    twins = RATINGS.copy()
    twins.loc[1, "expert"] = "\uff25" "1"  # FULLWIDTH LATIN CAPITAL LETTER E
    with pytest.raises(ms.DataError, match="the expert ids 'E1' and '\uff25" "1' look alike"):
        rules.score(frame(), ratings=twins)


def test_inputs_that_break_no_rule_warn(rules):
    empty = RATINGS.iloc[0:0]
    with pytest.warns(ms.InputWarning, match="holds no ratings"):
        r = rules.score(frame(), ratings=empty)
    assert any("has no value for any of the 3 entities" in w for w in r.warnings)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert rules.score(frame(), ratings=RATINGS).warnings == []


def test_eight_threads_share_one_rules(rules):
    # A Rules and its compiled model are immutable; the GIL is released while scoring.
    results, errors = [], []

    def work():
        try:
            for _ in range(20):
                results.append(rules.score(frame(), ratings=RATINGS).totals.tolist())
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 160
    assert all(r == pytest.approx(TOTALS) for r in results)


def test_to_csv_never_writes_over_its_input(rules, tmp_path):
    data = tmp_path / "cohort.csv"
    frame().to_csv(data, index=False)
    before = data.read_bytes()
    r = rules.score(str(data), ratings=RATINGS)
    with pytest.raises(ms.Error, match="it is the same file as the input"):
        r.to_csv(data)
    assert data.read_bytes() == before
    with pytest.raises(ms.Error, match="it is a device"):
        r.to_csv("/dev/null")
    r.to_csv(tmp_path / "result.csv")
    # With a byte-order mark, so that Excel reads it as UTF-8; pandas reads it back with utf-8-sig.
    assert (tmp_path / "result.csv").read_bytes().startswith(b"\xef\xbb\xbfrank,id,name,total")
    back = pd.read_csv(tmp_path / "result.csv", encoding="utf-8-sig")
    assert back["name"].tolist() == ["青秀众创", "邕江创客", "南湖空间"]
    assert back["total"].tolist() == pytest.approx(TOTALS)


def test_a_name_that_is_a_formula_stays_text_in_csv(rules):
    d = frame()
    d.loc[0, "name"] = '=HYPERLINK("http://x","点击")'
    d.loc[1, "name"] = "+86 771"
    text = rules.score(d, ratings=RATINGS).to_csv()
    assert '\'=HYPERLINK(""http://x"",""点击"")' in text
    assert ",'+86 771," in text


def test_a_blank_cell_is_listed_and_warned_of(rules):
    d = frame()
    d.loc[1, "staff"] = np.nan  # S02's staff unknown: B, 30 points, earns 0 (the default policy)
    with pytest.warns(ms.InputWarning, match=r"S02 邕江创客: B 服务人员: not reported: staff \(服务人员数量\); 0 of 30 points"):
        r = rules.score(d, ratings=RATINGS)
    m = r.missing()
    assert m[["entity", "indicator", "points", "max_points"]].values.tolist() == [["S02", "B", 0.0, 30.0]]
    assert m.loc[0, "fields"] == ["staff"]
    assert rules.score(frame(), ratings=RATINGS).missing().empty


def test_a_gb18030_file_reads_with_its_encoding(rules, tmp_path):
    gbk = tmp_path / "cohort-gbk.csv"
    gbk.write_bytes(frame().to_csv(index=False).encode("gb18030"))
    with pytest.raises(ms.DataError, match='encoding="gb18030"'):
        rules.score(str(gbk), ratings=RATINGS)
    r = rules.score(str(gbk), ratings=RATINGS, encoding="gb18030")
    assert r.to_frame()["name"].tolist() == ["青秀众创", "邕江创客", "南湖空间"]
    assert r.totals.tolist() == pytest.approx(TOTALS)


def test_chinese_headers_as_on_the_command_line(rules):
    # 编号 and 名称 are the id and name columns; units in brackets are the fields' own. Before, 编号 was
    # ignored and the makerspaces were scored as 0, 1, 2.
    d = frame().rename(columns={"id": "编号", "name": "名称", "income": "总收入（万元）", "staff": "服务人员数量(人)"})
    r = rules.score(d, ratings=RATINGS)
    assert r.entity_ids == ["S01", "S02", "S03"]
    assert r.totals.tolist() == pytest.approx(TOTALS)
    with pytest.raises(ms.DataError, match=r"the column '总收入（元）' is in 元, but the rule file's field income"):
        rules.score(frame().rename(columns={"income": "总收入（元）"}), ratings=RATINGS)


def test_a_frame_without_ids_is_refused_naming_its_columns(rules):
    d = frame().drop(columns=["id"])
    with pytest.raises(ms.DataError, match="no column holding the entity ids: name one 'id'.*the columns are 'name', "
                                           "'income', 'staff', 'rate'"):
        rules.score(d, ratings=RATINGS)


def test_unranked_makerspaces_have_a_missing_rank(rules):
    vetoed = ms.parse_rules(RULES.replace("grades:", "vetoes:\n  - {id: V, name: 人员太少, when: staff < 5, exclude: true}\n"
                                                     "grades:"))
    r = vetoed.score(frame(), ratings=RATINGS)
    assert str(r.ranks.dtype) == "Int64"
    assert pd.isna(r.ranks["S03"]) and r.ranks["S01"] == 1
    table = r.to_frame().sort_values("rank")
    assert table.index.tolist()[-1] == "S03"  # last, not first
