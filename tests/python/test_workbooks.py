"""Excel workbooks in (issue 15): read by their content, the first sheet or the one named, title rows left
out, numbers typed as numbers read exactly, dates refused, each message naming the sheet and cell. The
workbooks are made here with openpyxl, as Excel would save them."""
import datetime
import subprocess
import zipfile

import pytest

import makerscore as ms

openpyxl = pytest.importorskip("openpyxl")

from test_hostile import RATINGS, RULES, TOTALS, frame  # noqa: E402


def workbook(path, rows, title=None, sheet="2019年", extra_sheet=True):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append([title])
    for r in rows:
        ws.append(r)
    if extra_sheet:
        wb.create_sheet("说明").append(["填表说明"])
    wb.save(path)
    return path


def cohort_rows():
    d = frame()
    return [list(d.columns)] + d.values.tolist()


@pytest.fixture
def rules():
    return ms.parse_rules(RULES)


def test_a_workbook_scores_as_the_csv(rules, tmp_path):
    # Named .dat: a workbook is told by its content, not its name.
    path = workbook(tmp_path / "cohort-2019.dat", cohort_rows(), title="2019年度众创空间统计表")
    with pytest.warns(ms.InputWarning, match="left out the title row '2019年度众创空间统计表' above the header"):
        r = rules.score(str(path), ratings=RATINGS)
    assert r.entity_ids == ["S01", "S02", "S03"]
    assert r.totals.tolist() == pytest.approx(TOTALS)


def test_numbers_typed_as_numbers_are_read_exactly(rules, tmp_path):
    # Excel stores a number as the shortest text that reads back to the same double, up to 17 digits:
    # 0.1 + 0.2 as 0.30000000000000004. (openpyxl writes 15 digits, so the sheet is patched as Excel writes it.)
    rows = cohort_rows()
    rows[1][2] = 0.3
    path = workbook(tmp_path / "c.xlsx", rows)
    patched = tmp_path / "excel.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<v>0.3</v>" in data
                data = data.replace(b"<v>0.3</v>", b"<v>0.30000000000000004</v>")
            zout.writestr(item, data)
    r = rules.score(str(patched), ratings=RATINGS)
    assert r.values[0, 1] == 0.1 + 0.2 != 0.3


def test_the_sheet_named_is_read(rules, tmp_path, cli, root):
    path = tmp_path / "two.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["填表说明"])
    ws = wb.create_sheet("2019年")
    for r in cohort_rows():
        ws.append(r)
    wb.save(path)
    ratings = tmp_path / "ratings.csv"
    RATINGS.to_csv(ratings, index=False)
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text(RULES, encoding="utf-8")
    run = lambda *extra: subprocess.run([cli, "score", "--rules", str(rules_file), "--data", str(path),  # noqa: E731
                                         "--ratings", str(ratings), "--format", "csv", *extra],
                                        capture_output=True, text=True)
    p = run("--sheet", "2019年")
    assert p.returncode == 0, p.stderr
    assert rules.score(str(path), ratings=RATINGS, sheet="2019年").totals.tolist() == pytest.approx(TOTALS)
    assert p.stdout.splitlines()[1].startswith("1,S01,青秀众创,96,")
    p = run("--sheet", "2020年")
    assert p.returncode == 4
    assert "the workbook has no sheet '2020年'; its sheets are '说明', '2019年'" in p.stderr
    p = run()  # the first sheet holds no cohort
    assert p.returncode == 4
    assert "the sheet '说明' holds no header row naming the columns (is the table on another sheet? choose it with " \
           "--sheet)" in p.stderr


def test_a_text_cell_names_its_sheet_and_cell(rules, tmp_path):
    rows = cohort_rows()
    rows[2][3] = "六"  # staff of S02, cell D3
    path = workbook(tmp_path / "c.xlsx", rows)
    with pytest.raises(ms.DataError, match=r"c.xlsx:3: cell D3 of sheet '2019年', column 'staff' \(服务人员数量\): "
                                           r"expected a number in 人, found '六'"):
        rules.score(str(path), ratings=RATINGS)


def test_a_date_is_refused_not_read_as_a_day_count(rules, tmp_path):
    rows = cohort_rows()
    rows[1][2] = datetime.date(2019, 12, 31)  # income of S01, cell C2
    path = workbook(tmp_path / "c.xlsx", rows)
    with pytest.raises(ms.DataError, match=r"cell C2 holds a date or a time \(Excel's day number 43830\), not a figure"):
        rules.score(str(path), ratings=RATINGS)


def test_ratings_from_a_workbook(rules, tmp_path):
    path = workbook(tmp_path / "ratings.xlsx", [list(RATINGS.columns)] + RATINGS.values.tolist(), sheet="专家打分")
    assert rules.score(frame(), ratings=str(path)).totals.tolist() == pytest.approx(TOTALS)


def test_a_damaged_workbook_is_refused(rules, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with pytest.raises(ms.DataError, match="broken.xlsx: it is not a readable Excel workbook"):
        rules.score(str(path), ratings=RATINGS)


def test_the_result_as_a_workbook(rules, tmp_path, cli):
    d = frame()
    d.loc[1, "staff"] = None  # S02's staff missing: listed on the third sheet
    with pytest.warns(ms.InputWarning):
        r = rules.score(d, ratings=RATINGS)
    r.to_excel(tmp_path / "result.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "result.xlsx")
    assert wb.sheetnames == ["排名", "得分明细", "缺失与标记"]
    ranked = [row for row in wb["排名"].iter_rows(values_only=True)]
    assert ranked[0] == ("排名", "编号", "名称", "总分", "等级", "A 总收入(40)", "B 服务人员(30)", "C 入驻率(20)",
                         "D 运营管理(10)", "距上一等级", "高出本级分界", "接近等级分界", "说明")
    # Numbers stay numbers (shown with 2 decimals): S02 = 40 x 500/900 + 0 + 12 + 7.
    assert ranked[2][:5] == (2, "S02", "邕江创客", pytest.approx(40 * 500 / 900 + 12 + 7), "中")
    # Why this grade: S02's 中 is 60 - 41.22 short of 良 (cut-offs 优 80, 良 60, 中 0) and the lowest grade.
    assert ranked[2][9:12] == (pytest.approx(60 - (40 * 500 / 900 + 12 + 7)), None, None)
    assert wb["排名"]["D2"].number_format == "0.00"
    missing = [row for row in wb["缺失与标记"].iter_rows(min_row=2, values_only=True)]
    assert missing[0][:3] == ("S02", "邕江创客", "B") and "not reported: staff (服务人员数量)" in missing[0][3]
    details = [row for row in wb["得分明细"].iter_rows(min_row=2, values_only=True)]
    assert ("S02", "邕江创客", "B", "服务人员", 0, 30, "missing") in details


def test_a_formula_name_stays_text_in_the_workbook(rules, tmp_path):
    d = frame()
    d.loc[0, "name"] = '=HYPERLINK("http://x","点击")'
    rules.score(d, ratings=RATINGS).to_excel(tmp_path / "r.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "r.xlsx")["排名"]["C2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","点击")'


def test_with_relative_weights_the_maximum_is_on_the_scale_shown(tmp_path):
    # Relative weights: each indicator is shown as a score on the total's scale (0-100), so its maximum there is
    # 100, not its share of the points. S01 has the highest income: A shows 100 of 100.
    rules = ms.parse_rules(RULES.replace("title: 示例评价", "title: 示例评价\nweighting: relative"))
    rules.score(frame(), ratings=RATINGS).to_excel(tmp_path / "r.xlsx")
    details = [row for row in openpyxl.load_workbook(tmp_path / "r.xlsx")["得分明细"].iter_rows(min_row=2, values_only=True)]
    assert ("S01", "青秀众创", "A", "总收入", 100, 100, None) in details


PERCENT_RULES = """format: makerscore/1
id: pc
title: 百分比
fields:
  - {id: occ, name: 入驻率, kind: share}
  - {id: growth, name: 收入增长率, unit: "%"}
  - {id: staff, name: 服务人员}
indicators:
  - {id: A, name: 入驻率, weight: 40, value: occ, score: {method: ratio, benchmark: 80%}}
  - {id: B, name: 收入增长率, weight: 40, value: growth, score: {method: ratio, benchmark: 50}}
  - {id: C, name: 服务人员, weight: 20, value: staff, score: {method: ratio, benchmark: 10}}
"""


def test_a_cell_shown_as_a_percentage_means_what_it_shows(tmp_path):
    # Excel stores 69.50% as 0.695 with a percentage format. A share reads it as the fraction 0.695; a field in
    # percent points (unit %) as 69.5, as the cell shows it, never as 0.695 points. A: 0.695 / 0.8 x 40 =
    # 34.75; B: 69.5 / 50 -> capped at 40 (0.695 / 50 x 40 would have been 0.556). Text "7.3%" in a share
    # is exactly 0.073. A percentage in a field measured otherwise is refused, naming the cell.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "occ", "growth", "staff"])
    ws.append(["X", 0.695, 0.695, 5])
    ws.append(["Y", "7.3%", "12.5%", 10])
    ws.append(["Z", 0.07, 0.07, 10])
    for row in ws.iter_rows(min_row=2, max_col=3, min_col=2):
        for cell in row:
            cell.number_format = "0.00%"
    wb.save(tmp_path / "p.xlsx")
    rules = ms.parse_rules(PERCENT_RULES)
    r = rules.score(str(tmp_path / "p.xlsx"))
    # r.values: one column per node (0 the total, then A, B, C).
    assert r.values[0, 1] == 0.695 and r.values[1, 1] == 0.073 and r.values[2, 1] == 0.07
    assert r.values[0, 2] == 69.5 and r.values[1, 2] == 12.5 and r.values[2, 2] == 7.0
    assert r.totals[0] == pytest.approx(0.695 / 0.8 * 40 + 40 + 10, abs=1e-12)
    ws["D2"].number_format = "0%"
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(ms.DataError, match=r"cell D2 .*column 'staff' \(服务人员\): expected a number, found the "
                                           r"percentage '500%'"):
        rules.score(str(tmp_path / "bad.xlsx"))
