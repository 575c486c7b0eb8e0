"""result.report(): the same HTML report as `makerscore report`, from Python."""
import subprocess
import xml.dom.minidom

import pytest

import makerscore as ms


def test_report_from_python_is_the_command_s(root, cli, guangxi_frames, tmp_path):
    now, last, ratings = guangxi_frames
    rules = ms.load_rules(root / "rules" / "guangxi-2019.yaml")
    result = rules.score(now, previous=last, ratings=ratings)
    written = result.report(tmp_path / "report.html")
    assert written == [str(tmp_path / "report.html")]
    ours = (tmp_path / "report.html").read_text(encoding="utf-8")
    data = root / "examples" / "data"
    subprocess.run([cli, "report", "--rules", str(root / "rules" / "guangxi-2019.yaml"),
                    "--data", str(data / "guangxi-example-2019.csv"), "--previous", str(data / "guangxi-example-2018.csv"),
                    "--ratings", str(data / "guangxi-example-ratings.csv"), "--output", str(tmp_path / "cli.html")],
                   check=True, capture_output=True)
    theirs = (tmp_path / "cli.html").read_text(encoding="utf-8")
    # The same page but for where the data came from, named in the last line (a DataFrame has no file name).
    assert ours.splitlines()[:-5] == theirs.splitlines()[:-5]
    assert "guangxi-example-2019.csv</footer>" in theirs and str(data) not in theirs
    # Every makerspace in the ranked table, in rank order; the markup is well formed.
    order = list(result.ranks.sort_values().index)
    rows = [line.split('data-entity="')[1].split('"')[0]
            for line in ours.split("id=\"ranking-table\"")[1].split("</table>")[0].splitlines() if "data-entity" in line]
    assert rows == order
    xml.dom.minidom.parseString(ours.replace("<!DOCTYPE html>", ""))


def test_one_scorecard_with_its_rank_interval(root, guangxi_frames, tmp_path):
    now, last, ratings = guangxi_frames
    rules = ms.load_rules(root / "rules" / "guangxi-2019.yaml").with_inputs(
        root / "examples" / "data" / "guangxi-uncertainty.yaml")
    result = rules.score(now, previous=last, ratings=ratings)
    u = rules.uncertainty(now, previous=last, ratings=ratings, replications=200, seed=3)
    first = result.ranks.idxmin()
    page = result.report(entity=first, uncertainty=u)
    low, high = u.to_frame().loc[first, ["rank_p05", "rank_p95"]]
    assert f"<td class=\"num\">{low:.0f} – {high:.0f}</td>" in page
    assert page.count('<section class="scorecard"') == 1
    folder = result.report(tmp_path / "pages")
    assert len(folder) == 1 + len(now)


def test_parts_and_anonymous_experts(root, guangxi_frames, tmp_path):
    # Issue 19: the overview or the scorecards alone; scorecards with the experts numbered or hidden.
    now, last, ratings = guangxi_frames
    result = ms.load_rules(root / "rules" / "guangxi-2019.yaml").score(now, previous=last, ratings=ratings)
    overview = result.report(parts="overview")
    assert 'id="ranking-table"' in overview and '<section class="scorecard"' not in overview
    cards = result.report(parts="scorecards")
    assert 'id="ranking-table"' not in cards and cards.count('<section class="scorecard"') == len(now)
    experts = sorted(set(ratings["expert"]))
    numbered = result.report(entity="GX004", experts="numbered")
    assert "".join(f"<th>专家{n}</th>" for n in range(1, len(experts) + 1)) in numbered
    assert not any(f"<th>{x}</th>" in numbered or f"专家 {x}：" in numbered for x in experts)
    combined = result.report(entity="GX004", experts="combined")
    assert "专家1" not in combined and not any(x in combined for x in experts)
    assert "    专家1：" in result.explain("GX004", "1.1", experts="numbered")
    assert "    expert 1: " in result.explain("GX004", "1.1", experts="numbered", language="en")
    with pytest.raises(ms.Error, match="parts='some'"):
        result.report(parts="some")
    with pytest.raises(ms.Error, match="experts='all'"):
        result.report(experts="all")
    # What a missing figure cost, against the median of those who reported it.
    missing = result.missing()
    assert "reported_median" in missing.columns
    gx006 = missing[missing["entity"] == "GX006"].iloc[0]  # 3.5: ip_count not reported (GX027's neither)
    points = result.to_frame()[gx006["indicator"]]
    unreported = set(missing[missing["indicator"] == gx006["indicator"]]["entity"])
    assert unreported == {"GX006", "GX027"}
    assert gx006["reported_median"] == pytest.approx(points.drop(list(unreported)).median())


def test_issuers_page_from_python(root, guangxi_frames, tmp_path):
    # Issue 19: the issuer's page from its own file, as `makerscore report --report-info`; errors at its lines.
    now, last, ratings = guangxi_frames
    info = tmp_path / "info.yaml"
    info.write_text("title: 2019年度广西众创空间评价结果\nissuer: 广西壮族自治区科学技术厅\nyear: 2019\n"
                    "date: 2020-03-31\n", encoding="utf-8")
    rules = ms.load_rules(root / "rules" / "guangxi-2019.yaml").with_inputs(
        root / "examples" / "data" / "guangxi-uncertainty.yaml").with_report_info(info)
    page = rules.score(now, previous=last, ratings=ratings).report(parts="overview")
    assert "<h1>2019年度广西众创空间评价结果</h1>" in page
    assert "广西壮族自治区科学技术厅" in page and "2020-03-31" in page
    assert "docs/sources/" not in page  # the issued report names its basis by title, not a repository path
    assert rules.uncertainty(now, previous=last, ratings=ratings, replications=20).ranks.shape[0] == 20
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: 评价结果\nissuerr: 科技厅\n", encoding="utf-8")
    with pytest.raises(ms.RuleError, match=r"bad.yaml:2:1: .*unknown key 'issuerr'"):
        rules.with_report_info(bad)
