#!/usr/bin/env python3
"""Checks what Understudy publishes beside its run reports, as a badge service and a reader would see it.

For each report DIR (a run's report directory):
- DIR/badge.svg parses with xml.etree as SVG; its texts are `conformance` and the message run.json implies
  (`certified`, `N of M MUST passing`, or `no cases`), its message half is filled with the outcome's colour (green
  certified, red failing, grey nothing run), and its width is the sum of its two halves, each wide enough for its text;
- DIR/badge.json is a shields.io endpoint: exactly schemaVersion 1, label, message and a named color, agreeing with
  the SVG.

Then `understudy report compare` over every DIR/run.json (BINARY) writes compare.html and compare.md into a temporary
directory and prints their paths; a single report is refused with exit 2. compare.html parses with html.parser,
references no external resource and has no script; it has one row per case id of the runs (their union, grouped by
area), one cell per run in each row, and a total row of MUST passed / run that agrees with each run.json. compare.md
has a table per area, every case id, and the same total row.

Prints one line per check and ends with `N passed, M failed`; exits 1 on any failed check, 2 on bad usage.

usage: check_publishing.py --binary .build/debug/understudy DIR [DIR ...]
requires: Python 3 only (xml.etree, html.parser, json)
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import Checks  # noqa: E402  (Tests/checks.py)

SVG = "{http://www.w3.org/2000/svg}"
COLOURS = {"certified": ("#4c1", "brightgreen"), "failing": ("#e05d44", "red"), "nothing": ("#9f9f9f", "lightgrey")}


def must_score(cases):
    ran = [case for case in cases if case["level"] == "MUST" and case["outcome"] != "skipped"]
    return sum(1 for case in ran if case["outcome"] == "pass"), len(ran)


def expected_badge(report):
    """The message and the COLOURS key run.json implies."""
    cases = report["cases"]
    if all(case["outcome"] == "skipped" for case in cases):
        return "no cases", "nothing"
    if report["certified"]:
        return "certified", "certified"
    passed, ran = must_score(cases)
    return f"{passed} of {ran} MUST passing", "failing"


def check_badge(checks, directory, report):
    name = os.path.basename(os.path.normpath(directory))
    message, outcome = expected_badge(report)
    try:
        root = ElementTree.parse(os.path.join(directory, "badge.svg")).getroot()
    except (OSError, ElementTree.ParseError) as error:
        checks.record(False, f"{name}/badge.svg parses with xml.etree", str(error))
        return
    checks.record(root.tag == SVG + "svg", f"{name}/badge.svg is an SVG document", root.tag)
    texts = [text.text for text in root.iter(SVG + "text") if text.get("aria-hidden") != "true"]
    checks.record(texts == ["conformance", message], f"{name}/badge.svg says conformance: {message}", f"{texts}")
    fills = [rect.get("fill") for rect in root.iter(SVG + "rect") if rect.get("class") == "message"]
    checks.record(fills == [COLOURS[outcome][0]], f"{name}/badge.svg message is {outcome} ({COLOURS[outcome][0]})", f"{fills}")
    halves = [rect for rect in root.iter(SVG + "rect") if rect.get("height") == "20" and rect.get("fill") != "url(#s)"
              and rect.get("rx") is None]
    widths = [int(rect.get("width")) for rect in halves]
    ok = len(widths) == 2 and int(root.get("width")) == sum(widths)
    checks.record(ok, f"{name}/badge.svg is as wide as its two halves", f"{root.get('width')} vs {widths}")
    # 11 px Verdana's narrowest letters (i, l) are 3 px and lowercase averages over 6: under 4.5 a character clips.
    roomy = len(widths) == 2 and all(width >= 4.5 * len(text) + 10 for width, text in zip(widths, texts))
    checks.record(roomy, f"{name}/badge.svg halves are wide enough for their text", f"{widths} for {texts}")
    try:
        with open(os.path.join(directory, "badge.json"), encoding="utf-8") as handle:
            endpoint = json.load(handle)
    except (OSError, ValueError) as error:
        checks.record(False, f"{name}/badge.json parses", str(error))
        return
    keys = sorted(endpoint) if isinstance(endpoint, dict) else None
    checks.record(keys == ["color", "label", "message", "schemaVersion"],
                  f"{name}/badge.json has exactly the shields endpoint keys", f"{keys}")
    schema = endpoint.get("schemaVersion") if isinstance(endpoint, dict) else None
    checks.record(schema == 1 and type(schema) is int, f"{name}/badge.json schemaVersion is 1", f"{schema!r}")
    wanted = {"label": "conformance", "message": message, "color": COLOURS[outcome][1]}
    got = {key: endpoint.get(key) for key in wanted} if isinstance(endpoint, dict) else None
    checks.record(got == wanted, f"{name}/badge.json agrees with run.json and badge.svg", f"{got} vs {wanted}")


class MatrixParser(HTMLParser):
    """Collects the tags of compare.html and the rows of its matrix: (kind, header text, [cell texts])."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.rows = []
        self.row = None
        self.cell = None
        self.areas = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "tbody" and attributes.get("class") == "area":
            self.areas += 1
        if tag == "tr":
            self.row = {"class": attributes.get("class", ""), "head": None, "cells": []}
        if tag in ("th", "td") and self.row is not None:
            self.cell = {"tag": tag, "scope": attributes.get("scope"), "text": "", "code": None}
        if tag == "code" and self.cell is not None and self.cell["code"] is None:
            self.cell["code"] = ""

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None and self.row is not None:
            if self.cell["tag"] == "th" and self.row["head"] is None:
                self.row["head"] = self.cell
            else:
                self.row["cells"].append(self.cell["text"].strip())
            self.cell = None
        if tag == "code" and self.cell is not None and self.cell["code"] == "":
            self.cell["code"] = self.cell["text"]
        if tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data


def union(reports):
    """Case ids and areas in order of first appearance across the reports, grouped by area."""
    order, areas = [], {}
    for report in reports:
        for case in report["cases"]:
            if case["id"] not in areas:
                areas[case["id"]] = case["area"]
                order.append(case["id"])
    area_order = list(dict.fromkeys(areas[case_id] for case_id in order))
    return [case_id for area in area_order for case_id in order if areas[case_id] == area], area_order


def check_compare(checks, binary, directories, reports):
    paths = [os.path.join(directory, "run.json") for directory in directories]
    with tempfile.TemporaryDirectory() as out:
        refused = subprocess.run([binary, "report", "compare", paths[0], "--report-dir", out],
                                 capture_output=True, text=True, timeout=60)
        checks.record(refused.returncode == 2 and refused.stderr.startswith("understudy: report compare needs two"),
                      "report compare refuses a single report with exit 2", f"{refused.returncode}: {refused.stderr[:200]}")
        result = subprocess.run([binary, "report", "compare", *paths, "--report-dir", out],
                                capture_output=True, text=True, timeout=60)
        written = [os.path.join(out, "compare.html"), os.path.join(out, "compare.md")]
        if not checks.record(result.returncode == 0 and result.stdout.split() == written,
                             "report compare exits 0 and prints compare.html and compare.md",
                             f"{result.returncode}: {result.stdout[:200]} {result.stderr[:200]}"):
            return
        with open(written[0], encoding="utf-8") as handle:
            html = handle.read()
        with open(written[1], encoding="utf-8") as handle:
            markdown = handle.read()
    ids, areas = union(reports)
    totals = [f"{passed} / {ran}" for passed, ran in (must_score(report["cases"]) for report in reports)]

    parser = MatrixParser()
    parser.feed(html)
    parser.close()
    external = [(tag, attributes) for tag, attributes in parser.tags
                if tag in ("script", "link", "iframe", "object", "embed") or "src" in attributes
                or re.match(r"\s*https?:", attributes.get("href") or "")]
    external += re.findall(r"@import|url\(", html)
    checks.record(not external, "compare.html has no script and references no external resource", f"{external[:5]}")
    case_rows = [row for row in parser.rows if row["head"] and row["head"]["scope"] == "row" and "total-row" not in row["class"]]
    row_ids = [row["head"]["code"] for row in case_rows]
    checks.record(row_ids == ids, "compare.html has one row per case id of the runs, grouped by area",
                  f"{len(row_ids)} rows, {len(ids)} ids; first difference at "
                  f"{next((i for i, (a, b) in enumerate(zip(row_ids, ids)) if a != b), min(len(row_ids), len(ids)))}")
    checks.record(parser.areas == len(areas), "compare.html has one row group per area", f"{parser.areas} vs {len(areas)}")
    widths = {len(row["cells"]) for row in parser.rows if row["head"]}
    checks.record(widths == {len(reports)}, "compare.html rows have one cell per run", f"{widths}")
    total = [row["cells"] for row in parser.rows if "total-row" in row["class"]]
    checks.record(total == [totals], "compare.html total row is each run's MUST passed / run", f"{total} vs {totals}")

    for area in areas:
        checks.record(f"\n## {area}\n" in markdown or f"\n## {area.replace('_', chr(92) + '_')}\n" in markdown,
                      f"compare.md has a table for area {area}")
    missing = [case_id for case_id in ids if f"| `{case_id}` |" not in markdown]
    checks.record(not missing, "compare.md has a row for every case id", f"missing: {missing[:5]}")
    total_row = "| **total** | " + " | ".join(f"**{score}**" for score in totals) + " |"
    checks.record(total_row in markdown, "compare.md total row is each run's MUST passed / run", total_row)
    tables = [block for block in markdown.split("\n\n") if block.startswith("| ")]
    uneven = [block.split("\n")[0] for block in tables
              if len({line.replace("\\|", "").count("|") for line in block.strip().split("\n")}) != 1]
    checks.record(tables and not uneven, "compare.md tables have as many cells in every row as in their header",
                  f"{uneven[:3]}")


def main():
    parser = argparse.ArgumentParser(description="Check Understudy's badges and run comparison.")
    parser.add_argument("--binary", required=True, help="the understudy binary (for report compare)")
    parser.add_argument("directories", nargs="+", help="run report directories (run.json, badge.svg, badge.json)")
    arguments = parser.parse_args()
    reports = []
    for directory in arguments.directories:
        try:
            with open(os.path.join(directory, "run.json"), encoding="utf-8") as handle:
                reports.append(json.load(handle))
        except (OSError, ValueError) as error:
            print(f"check_publishing.py: cannot read {directory}/run.json: {error}", file=sys.stderr)
            return 2
    if not os.access(arguments.binary, os.X_OK):
        print(f"check_publishing.py: {arguments.binary} is not an executable", file=sys.stderr)
        return 2
    checks = Checks()
    for directory, report in zip(arguments.directories, reports):
        check_badge(checks, directory, report)
    if len(reports) >= 2:
        check_compare(checks, arguments.binary, arguments.directories, reports)
    else:
        checks.record(False, "report compare needs two report directories", f"got {len(reports)}")
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
