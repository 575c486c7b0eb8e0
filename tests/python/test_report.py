"""result.report(): the same HTML report as `makerscore report`, from Python."""
import subprocess
import xml.dom.minidom

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
