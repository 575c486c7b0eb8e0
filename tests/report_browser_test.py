"""The HTML report in a real browser: Debian's headless Chromium, driven through chromedriver.

Writes the example cohort's report (one page, and a folder of pages), opens it and checks that it
loads without a console error, that the ranked table holds every makerspace of the data file, that
every chart is drawn (present with a size), that a scorecard shows the experts' ratings exactly as the
ratings file gives them, that on a phone's width nothing but the tables scrolls sideways, and that it
prints on A4 with each scorecard on a page of its own. Saves screenshots and the PDF to OUT_DIR.

    /usr/bin/python3 tests/report_browser_test.py BUILD/makerscore OUT_DIR

Exits 77 (a skip for ctest) with a message when Chromium, chromedriver or Selenium is not installed:
`bash scripts/setup.sh --tests` installs them (chromium chromium-driver python3-selenium).
"""
import base64
import csv
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT / "examples" / "data"
FILES = ["--rules", str(ROOT / "rules" / "guangxi-2019.yaml"),
         "--data", str(DATA / "guangxi-example-2019.csv"),
         "--previous", str(DATA / "guangxi-example-2018.csv"),
         "--ratings", str(DATA / "guangxi-example-ratings.csv"),
         "--inputs", str(DATA / "guangxi-uncertainty.yaml")]
CHARTS = ["grade-chart", "ranking-table", "split-chart", "distribution-chart", "quality-flags", "agreement"]


def rows_of(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def browser(chromium, driver, profile):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    # As root, headless, and without the background connections a closed network refuses.
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def console_errors(d):
    return [entry["message"] for entry in d.get_log("browser") if entry["level"] == "SEVERE"]


def size_of(d, element_id):
    return d.execute_script(
        "const e = document.getElementById(arguments[0]);"
        "if (!e) return null; const r = e.getBoundingClientRect(); return [r.width, r.height];", element_id)


def full_page_screenshot(d, path, width):
    height = d.execute_script("return document.documentElement.scrollHeight")
    d.set_window_size(width, min(height + 100, 16000))
    d.save_screenshot(str(path))


def main(cli, out_dir):
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    try:
        import selenium  # noqa: F401
    except ImportError:
        print("SKIPPED: Selenium is not installed (apt-get install python3-selenium; scripts/setup.sh --tests does)")
        return SKIP
    if not chromium or not driver:
        print("SKIPPED: Chromium or chromedriver is not installed (apt-get install chromium chromium-driver; "
              "scripts/setup.sh --tests does)")
        return SKIP
    from selenium.webdriver.common.print_page_options import PrintOptions

    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ids = [row["id"] for row in rows_of(DATA / "guangxi-example-2019.csv")]
    ratings = rows_of(DATA / "guangxi-example-ratings.csv")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        page, folder = tmp / "report.html", tmp / "pages"
        subprocess.run([cli, "report", *FILES, "--output", str(page)], check=True)
        subprocess.run([cli, "report", *FILES, "--output", str(folder)], check=True)
        check(sorted(p.name for p in folder.iterdir()) == sorted(["index.html"] + [f"{i}.html" for i in ids]),
              "the folder holds index.html and one page per makerspace")

        d = browser(chromium, driver, tmp / "profile")
        try:
            # The whole report in one page.
            d.set_window_size(1200, 900)
            d.get(page.as_uri())
            check(console_errors(d) == [], f"console errors: {console_errors(d)}")
            shown = d.execute_script(
                "return [...document.querySelectorAll('#ranking-table tbody tr')].map(r => r.dataset.entity)")
            check(sorted(shown) == sorted(ids), f"the ranked table holds {len(shown)} makerspaces, the data {len(ids)}")
            for chart in CHARTS:
                size = size_of(d, chart)
                check(size and size[0] > 0 and size[1] > 0, f"chart #{chart} is missing or empty: {size}")
            bars = d.execute_script("return document.querySelectorAll('#split-chart svg.bar rect').length")
            check(bars > len(ids), f"the split chart draws its bars ({bars} rects)")
            cards = d.execute_script("return [...document.querySelectorAll('section.scorecard')].map(s => s.dataset.entity)")
            check(sorted(cards) == sorted(ids), "one scorecard per makerspace")
            for n in (1, len(ids)):
                for chart in (f"radar-{n}", f"points-{n}", f"indicators-{n}"):
                    size = size_of(d, chart)
                    check(size and size[0] > 0 and size[1] > 0, f"scorecard chart #{chart} is missing or empty")
            full_page_screenshot(d, out / "overview.png", 1200)

            # One makerspace's own page: its experts' ratings as the ratings file gives them.
            d.set_window_size(1000, 900)
            d.get((folder / "GX004.html").as_uri())
            check(console_errors(d) == [], f"console errors: {console_errors(d)}")
            table = d.execute_script(
                "const t = document.querySelector('table.ratings');"
                "const experts = [...t.querySelectorAll('thead th')].map(th => th.textContent.trim());"
                "return [...t.querySelectorAll('tbody tr')].map(tr => {"
                "  const cells = [...tr.children].map(td => td.textContent.trim());"
                "  return [cells[0].split(' ')[0], Object.fromEntries(experts.map((x, k) => [x, cells[k]]))]; });")
            expected = {}
            for r in ratings:
                if r["entity"] == "GX004":
                    expected.setdefault(r["indicator"], {})[r["expert"]] = r["rating"]
            check({ind: {x: row[x] for x in expected[ind]} for ind, row in table} == expected,
                  f"GX004's ratings shown: {table}; in the file: {expected}")
            check(size_of(d, "radar-" + str(ids.index("GX004") + 1)), "GX004's radar chart")
            check(d.execute_script("return document.querySelector('table.stability') !== null"),
                  "GX004's rank interval and grade probabilities")
            full_page_screenshot(d, out / "scorecard-GX004.png", 1000)

            # A phone: only the tables scroll sideways, not the page.
            d.set_window_size(390, 844)
            d.get((folder / "GX004.html").as_uri())
            overflow = d.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            check(overflow <= 1, f"on a phone the page is {overflow}px wider than the screen")
            d.save_screenshot(str(out / "scorecard-phone.png"))
            d.get((folder / "index.html").as_uri())
            overflow = d.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            check(overflow <= 1, f"on a phone the overview is {overflow}px wider than the screen")

            # On paper: A4, the overview then each scorecard starting a page of its own.
            d.set_window_size(1200, 900)
            d.get(page.as_uri())
            options = PrintOptions()
            options.page_width, options.page_height = 21.0, 29.7
            pdf = base64.b64decode(d.print_page(options))
            (out / "report.pdf").write_bytes(pdf)
            pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
            check(pages >= 1 + len(ids), f"the printed report has {pages} A4 pages for {len(ids)} scorecards")
        finally:
            d.quit()
    print(f"report in Chromium: {len(ids)} makerspaces in the table, charts {', '.join(CHARTS)} drawn, "
          f"{pages} A4 pages; screenshots and PDF in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
