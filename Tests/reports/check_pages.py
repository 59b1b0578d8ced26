#!/usr/bin/env python3
"""Opens Understudy's pages and Markdown the way readers do: a real Chromium, and markdown-it-py's renderer.

From a certified run's report DIR (run.json) it makes a failing run as a pipeline would meet it: the first cases of
run.json turned into failures, errors and non-strict results with hostile text (markup, pipes, a ``` run, a long
body) in messages, checks and evidence, then `understudy report` (BINARY) renders it again into WORK/failing. Then:

- summary.md of DIR and of the failing run rendered by markdown-it-py (CommonMark, HTML blocks on, tables on): the
  counts table is a <table>, every <details> opened is closed, every failing case id is in an <h4>, no <script>
  element appears, and the file is under 1 MiB;
- report.html of the failing run, `understudy report compare` of DIR and the failing run (compare.html), and
  `understudy report diff` of the two (diff.html) opened in headless Chromium through Selenium: each has its title,
  report.html has one row per case with the blocking failures first, opening a case's evidence shows it, and the
  outcome filter hides the passing rows (CSS only); and DIR/badge.svg is drawn at its declared size; each page is
  screenshotted into WORK/screenshots.

Prints one line per check and ends with `N passed, M failed`; exits 1 on any failed check, 2 on bad usage or missing
tools. Loopback only: pages are file:// URLs and reference nothing outside themselves.

usage: check_pages.py --binary .build/debug/understudy --work DIR RUN_DIR
requires: pip install selenium markdown-it-py; Debian's chromium and chromium-driver
"""
import argparse
import copy
import json
import os
import re
import shutil
import subprocess
import sys

try:
    from markdown_it import MarkdownIt
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
except ImportError as error:
    print(f"check_pages.py: missing dependency ({error}); run: pip install selenium markdown-it-py", file=sys.stderr)
    sys.exit(2)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import Checks  # noqa: E402  (Tests/checks.py)

HOSTILE = '<script>alert("x")</script> | pipe ``` fence & <b>bold</b>'
FAILING_CASES = 12


def failing_run(report):
    """The report with its first non-skipped cases failed (most), errored and non-strict, each with evidence."""
    failing = copy.deepcopy(report)
    cases = [case for case in failing["cases"] if case["outcome"] == "pass"][:FAILING_CASES]
    for index, case in enumerate(cases):
        case["outcome"] = "error" if index % 5 == 1 else "fail"
        if case["level"] == "SHOULD":
            case["outcome"] = "non-strict"
        case["message"] = f"expected the contract's answer; got {HOSTILE} #{index}"
        body = json.dumps({"items": [{"id": f"tool-{n}", "name": HOSTILE} for n in range(200)]})
        case["evidence"] = {
            "expectation": "the contract's answer", "observed": HOSTILE,
            "exchanges": [{"method": "POST", "url": "http://127.0.0.1:1/v1/tools?x=1&y=2",
                           "request_headers": [{"name": "Content-Type", "value": "application/json"}],
                           "request_body": body, "status": 500,
                           "response_headers": [{"name": "Content-Type", "value": "text/plain"}],
                           "response_body": HOSTILE * 50, "error": None, "started_ms": 1.0, "duration_ms": 2.0}],
            "mock_requests": [{"system": "crm", "method": "POST", "target": "/leads", "headers": [],
                               "body": HOSTILE, "arrived_ms": 1.5, "status": 201}],
        }
        case["checks"] = [
            {"rule": case["rule"], "expectation": "the answer is 201", "passed": True, "observed": None},
            {"rule": case["rule"], "expectation": f"a field is right {HOSTILE}", "passed": False, "observed": HOSTILE},
        ]
    return failing, [case["id"] for case in cases if case["outcome"] in ("fail", "error")]


def run(binary, *arguments):
    return subprocess.run([binary, *arguments], capture_output=True, text=True, timeout=120)


def check_markdown(checks, path, failing_ids, label):
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    checks.record(len(source.encode()) < 1024 * 1024, f"{label}: summary.md is under 1 MiB", f"{len(source.encode())} bytes")
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(source)
    checks.record("<table>" in html, f"{label}: markdown-it renders the counts table as a <table>")
    opened, closed = html.count("<details>"), html.count("</details>")
    checks.record(opened == closed == source.count("<details>"), f"{label}: every <details> survives and is closed",
                  f"{opened} opened, {closed} closed, {source.count('<details>')} in the source")
    checks.record("<script" not in html.lower(), f"{label}: no <script> element comes out of the Markdown")
    missing = [case_id for case_id in failing_ids if not re.search(rf"<h4>[^\n]*<code>{re.escape(case_id)}</code>", html)]
    checks.record(not missing, f"{label}: every failing case is named in a heading", f"missing: {missing[:3]}")


def browser():
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(flag)
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(driver), options=options)


def check_report_page(checks, driver, path, report, failing_ids, shots):
    driver.get("file://" + os.path.abspath(path))
    checks.record(driver.title.startswith("Understudy: "), "report.html: Chromium shows its title", driver.title)
    rows = driver.find_elements(By.CSS_SELECTOR, "article.case")
    checks.record(len(rows) == len(report["cases"]), "report.html: one row per case", f"{len(rows)} rows")
    first = [row.get_attribute("id")[len("case-"):] for row in rows[:len(failing_ids)]]
    checks.record(sorted(first) == sorted(failing_ids), "report.html: blocking failures come first", f"{first[:3]}")
    details = rows[0].find_element(By.CSS_SELECTOR, "details:not(.checks)")
    details.find_element(By.TAG_NAME, "summary").click()
    checks.record(details.get_attribute("open") is not None, "report.html: a click opens a case's evidence")
    driver.save_screenshot(os.path.join(shots, "report-failing.png"))
    passing = [row for row in rows if "o-pass" in row.get_attribute("class")]
    driver.find_element(By.CSS_SELECTOR, "label[for=show-o-pass]").click()
    hidden = [row for row in passing if not row.is_displayed()]
    checks.record(passing and len(hidden) == len(passing), "report.html: the pass filter hides passing rows (CSS only)",
                  f"{len(hidden)} of {len(passing)} hidden")
    driver.save_screenshot(os.path.join(shots, "report-failing-filtered.png"))
    checks.record(not driver.find_elements(By.TAG_NAME, "script"), "report.html: hostile text stays text (no script element)")


def check_page(checks, driver, path, label, shots):
    driver.get("file://" + os.path.abspath(path))
    checks.record(bool(driver.title), f"{label}: Chromium shows its title", driver.title)
    # A verdict word coloured like its background cannot be read (compare.html's column tags once were).
    hidden = [tag.text for tag in driver.find_elements(By.CSS_SELECTOR, ".verdict-tag")
              if tag.value_of_css_property("color") == tag.value_of_css_property("background-color")
              or tag.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")]
    checks.record(not hidden, f"{label}: verdict tags are drawn on no fill of their own colour", f"{hidden[:3]}")
    checks.record(not driver.find_elements(By.TAG_NAME, "script"), f"{label}: no script element")
    driver.save_screenshot(os.path.join(shots, label.replace(".", "-") + ".png"))


def check_badge(checks, driver, path, shots):
    """badge.svg as a browser draws it (an <img> on a README would): it renders at its declared size."""
    driver.get("file://" + os.path.abspath(path))
    svg = driver.find_elements(By.TAG_NAME, "svg")
    size = svg[0].size if svg else {"width": 0, "height": 0}
    with open(path, encoding="utf-8") as handle:
        declared = re.search(r'<svg[^>]*\bwidth="(\d+)"[^>]*\bheight="(\d+)"', handle.read())
    expected = {"width": int(declared.group(1)), "height": int(declared.group(2))} if declared else None
    checks.record(bool(svg) and expected == {"width": round(size["width"]), "height": round(size["height"])},
                  "badge.svg: Chromium draws it at its declared size", f"drawn {size}, declared {expected}")
    driver.save_screenshot(os.path.join(shots, "badge.png"))


def main():
    parser = argparse.ArgumentParser(description="Open Understudy's pages in Chromium and render its Markdown.")
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True, help="where the failing run, pages and screenshots go")
    parser.add_argument("run_dir", help="a certified run's report directory")
    arguments = parser.parse_args()
    with open(os.path.join(arguments.run_dir, "run.json"), encoding="utf-8") as handle:
        report = json.load(handle)
    checks = Checks()
    failing_dir, shots = os.path.join(arguments.work, "failing"), os.path.join(arguments.work, "screenshots")
    os.makedirs(failing_dir, exist_ok=True)
    os.makedirs(shots, exist_ok=True)
    failing, failing_ids = failing_run(report)
    failing_json = os.path.join(failing_dir, "run.json")
    with open(failing_json, "w", encoding="utf-8") as handle:
        json.dump(failing, handle)
    rendered = run(arguments.binary, "report", failing_json, "--format", "html,md,junit")
    checks.record(rendered.returncode == 0, "understudy report renders the failing run", rendered.stderr.strip())
    compared = run(arguments.binary, "report", "compare", os.path.join(arguments.run_dir, "run.json"), failing_json,
                   "--label", "certified", "--label", "failing", "--report-dir", arguments.work)
    checks.record(compared.returncode == 0, "understudy report compare writes compare.html", compared.stderr.strip())
    diffed = run(arguments.binary, "report", "diff", os.path.join(arguments.run_dir, "run.json"), failing_json,
                 "--format", "html", "--report-dir", arguments.work)
    checks.record(diffed.returncode == 1, "understudy report diff exits 1 for the new failures", f"exit {diffed.returncode}")

    check_markdown(checks, os.path.join(arguments.run_dir, "summary.md"), [], "certified")
    check_markdown(checks, os.path.join(failing_dir, "summary.md"), failing_ids, "failing")
    driver = browser()
    try:
        check_report_page(checks, driver, os.path.join(failing_dir, "report.html"), failing, failing_ids, shots)
        check_page(checks, driver, os.path.join(arguments.work, "compare.html"), "compare.html", shots)
        check_page(checks, driver, os.path.join(arguments.work, "diff.html"), "diff.html", shots)
        check_badge(checks, driver, os.path.join(arguments.run_dir, "badge.svg"), shots)
    finally:
        driver.quit()
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
