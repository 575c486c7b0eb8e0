"""The HTML report in a real browser: Debian's headless Chromium, driven through chromedriver.

Writes the example cohort's report (one page, and a folder of pages), opens it and checks that it
loads without a console error, that the ranked table holds every makerspace of the data file, that
every chart is drawn (present with a size), that a scorecard shows the experts' ratings exactly as the
ratings file gives them, that on a phone's width nothing scrolls sideways but wide scorecard tables (the
ranking reads as cards), and that it prints on A4 as laid out for paper: no table cell's text cut off
(each cell's scroll width against its client width), nothing wider than the page, no heading left
alone at a page's foot, the 32-makerspace overview (--overview-only, with last year's movement chart)
in 3 pages or fewer and each scorecard starting a page of its own. Saves screenshots and the PDFs to
OUT_DIR; look at them (pdftoppm -png) after a change to the layout.

    /usr/bin/python3 tests/report_browser_test.py BUILD/makerscore OUT_DIR

Exits 77 (a skip for ctest) with a message when Chromium, chromedriver, Selenium or pdftotext is not
installed: `bash scripts/setup.sh --tests` installs them (chromium chromium-driver python3-selenium
poppler-utils).
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
CHARTS = ["grade-chart", "ranking-table", "movement-chart", "distribution-chart", "quality-flags", "agreement"]


def rows_of(path):
    with open(path, encoding="utf-8-sig") as f:  # makerscore's CSV opens with a byte-order mark, for Excel
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


def last_years_result(this_years, path):
    """A made-up last year's result for the movement chart: this year's ranks with neighbours swapped
    (1 <-> 2, 3 <-> 4, ...), each total 1 point lower, the last makerspace missing (new this year)."""
    rows = sorted(rows_of(this_years), key=lambda row: int(row["rank"]))[:-1]
    with open(path, "w", encoding="utf-8") as f:
        f.write("id,name,total,rank,grade\n")
        for k, row in enumerate(rows):
            swapped = k + 2 if k % 2 == 0 and k + 1 < len(rows) else k if k % 2 == 1 else k + 1
            f.write(f"{row['id']},{row['name']},{float(row['total']) - 1:.2f},{swapped},{row['grade']}\n")


def print_pdf(d, path):
    """Prints the page on A4 as Chromium does (no shrinking to fit), saves it, returns its page count."""
    from selenium.webdriver.common.print_page_options import PrintOptions
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    options.shrink_to_fit = False
    pdf = base64.b64decode(d.print_page(options))
    path.write_bytes(pdf)
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def check_print_layout(d, pdf, what):
    """On paper: the page laid out for print at A4's width between the margins (188 mm, as html_page.cpp's @page sets); no cell's text cut
    off, nothing wider than the page, and no page of the PDF ending on a heading."""
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    d.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": True})
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": 711, "height": 1047, "deviceScaleFactor": 1, "mobile": False})
    try:
        cut = d.execute_script(
            "return [...document.querySelectorAll('td, th')].filter(c => c.scrollWidth > c.clientWidth + 1)"
            ".map(c => c.textContent.trim().slice(0, 40))")
        check(cut == [], f"{what}: on A4, cells whose text is cut off: {cut[:5]}")
        wide = d.execute_script(
            "const right = document.querySelector('main').getBoundingClientRect().right + 1;"
            "return [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > right)"
            ".map(e => (e.id || e.tagName) + ' ' + (e.textContent || '').trim().slice(0, 30))")
        check(wide == [], f"{what}: on A4, wider than the page: {wide[:5]}")
        headings = set(d.execute_script(
            "return [...document.querySelectorAll('h2, h3')].map(h => h.textContent.trim())"))
    finally:
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    pages = text.split("\f")
    for n, page in enumerate(pages[:-1], start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if not lines or not pages[n].strip():
            continue
        check(lines[-1] not in headings, f"{what}: page {n} of the PDF ends on the heading '{lines[-1]}'")


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
    if not shutil.which("pdftotext"):
        print("SKIPPED: pdftotext is not installed (apt-get install poppler-utils; scripts/setup.sh --tests does)")
        return SKIP
    if not chromium or not driver:
        print("SKIPPED: Chromium or chromedriver is not installed (apt-get install chromium chromium-driver; "
              "scripts/setup.sh --tests does)")
        return SKIP

    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ids = [row["id"] for row in rows_of(DATA / "guangxi-example-2019.csv")]
    ratings = rows_of(DATA / "guangxi-example-ratings.csv")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        page, folder, overview = tmp / "report.html", tmp / "pages", tmp / "overview.html"
        subprocess.run([cli, "score", *FILES[:8], "--format", "csv", "--output", str(tmp / "this-year.csv")],
                       check=True, capture_output=True)
        last_years_result(tmp / "this-year.csv", tmp / "last-year.csv")
        last = ["--previous-result", str(tmp / "last-year.csv")]
        subprocess.run([cli, "report", *FILES, *last, "--output", str(page)], check=True)
        subprocess.run([cli, "report", *FILES, *last, "--output", str(folder)], check=True)
        subprocess.run([cli, "report", *FILES, *last, "--overview-only", "--output", str(overview)], check=True)
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
            bars = d.execute_script("return document.querySelectorAll('#ranking-table svg.bar rect').length")
            check(bars > len(ids), f"the ranking draws its split bars ({bars} rects)")
            lines = d.execute_script("return document.querySelectorAll('#movement-chart line').length")
            check(lines >= len(ids) - 1, f"the movement chart draws a line per makerspace ranked both years ({lines})")
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

            # A phone: the page never scrolls sideways, nor does the ranking (cards, one per makerspace).
            d.set_window_size(390, 844)
            d.get((folder / "GX004.html").as_uri())
            overflow = d.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            check(overflow <= 1, f"on a phone the page is {overflow}px wider than the screen")
            ratings = d.execute_script(
                "const t = document.querySelector('table.ratings');"
                "return [t.scrollWidth, t.parentElement.clientWidth]")
            check(ratings[0] <= ratings[1] + 1, f"on a phone the experts' ratings scroll sideways: {ratings}")
            full_page_screenshot(d, out / "scorecard-phone.png", 390)
            d.get((folder / "index.html").as_uri())
            overflow = d.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            check(overflow <= 1, f"on a phone the overview is {overflow}px wider than the screen")
            ranking = d.execute_script(
                "const t = document.getElementById('ranking-table');"
                "return [t.scrollWidth, t.parentElement.clientWidth]")
            check(ranking[0] <= ranking[1] + 1, f"on a phone the ranking scrolls sideways: {ranking}")
            full_page_screenshot(d, out / "overview-phone.png", 390)

            # On paper: A4, the overview in 3 pages or fewer, then each scorecard starting a page of its own.
            d.set_window_size(1200, 900)
            d.get(overview.as_uri())
            overview_pages = print_pdf(d, out / "overview.pdf")
            check(overview_pages <= 3, f"the overview of {len(ids)} makerspaces prints on {overview_pages} A4 pages")
            check_print_layout(d, out / "overview.pdf", "the overview")
            d.get(page.as_uri())
            pages = print_pdf(d, out / "report.pdf")
            check(pages >= overview_pages + len(ids), f"the printed report has {pages} A4 pages for {len(ids)} scorecards")
            check_print_layout(d, out / "report.pdf", "the whole report")
        finally:
            d.quit()
    print(f"report in Chromium: {len(ids)} makerspaces in the table, charts {', '.join(CHARTS)} drawn, "
          f"overview {overview_pages} A4 pages, the whole report {pages}; screenshots and PDFs in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
