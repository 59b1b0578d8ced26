#!/usr/bin/env python3
"""Checks a directory of Understudy run reports with third-party tools, as CI consumers will read them.

- DIR/run.json validates against the shipped JSON Schema (draft 2020-12, jsonschema's Draft202012Validator, formats
  checked) and its derived fields agree with its cases;
- DIR/junit.xml parses with xml.etree and with junitparser: one testcase per case of run.json, in order, classname the
  case's area and classname.name its id (the id once, as CI tools show it), one testsuite per area, and failure / error / skipped elements exactly where
  run.json has a blocking failure, a blocking error and a skip;
- DIR/report.html and DIR/summary.md exist and are not empty; the HTML references no external asset.

Prints one line per check and ends with `N passed, M failed`; exits 1 on any failed check, 2 on bad usage or missing
dependencies.

usage: check_reports.py DIR [--schema Sources/RunReports/Resources/run-report.schema.json]
requires: pip install jsonschema junitparser
"""
import argparse
import json
import os
import re
import sys
import xml.etree.ElementTree as ElementTree

try:
    import junitparser
    from jsonschema import Draft202012Validator
except ImportError as error:
    print(f"check_reports.py: missing dependency ({error}); run: pip install jsonschema junitparser", file=sys.stderr)
    sys.exit(2)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import Checks  # noqa: E402  (Tests/checks.py)

DEFAULT_SCHEMA = os.path.join(os.path.dirname(__file__), "..", "..", "Sources", "RunReports", "Resources",
                              "run-report.schema.json")


def check_json(checks, path, schema_path):
    """Validates run.json; returns its cases (or None when it cannot be read)."""
    try:
        with open(path, encoding="utf-8") as handle:
            report = json.load(handle)
    except (OSError, ValueError) as error:
        checks.record(False, "run.json parses", str(error))
        return None
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(report), key=lambda error: list(error.absolute_path))
    detail = "; ".join(f"$.{'.'.join(str(part) for part in error.absolute_path)}: {error.message}" for error in errors[:5])
    if not checks.record(not errors, "run.json matches run-report.schema.json", detail):
        return report.get("cases") if isinstance(report, dict) else None
    cases = report["cases"]
    summary = report["summary"]
    counted = {"total": len(cases), "passed": outcome_count(cases, "pass"), "failed": outcome_count(cases, "fail"),
               "non_strict": outcome_count(cases, "non-strict"), "skipped": outcome_count(cases, "skipped"),
               "errored": outcome_count(cases, "error"),
               "blocking": sum(1 for case in cases if is_blocking(case))}
    mismatched = {key: (summary[key], value) for key, value in counted.items() if summary[key] != value}
    checks.record(not mismatched, "run.json summary agrees with its cases", f"(written, counted): {mismatched}")
    certified = counted["blocking"] == 0 and not report["stale_baseline"]
    checks.record(report["certified"] == certified, "run.json certified agrees with its cases",
                  f"written {report['certified']}, computed {certified}")
    return cases


def outcome_count(cases, outcome):
    return sum(1 for case in cases if case["outcome"] == outcome)


def is_blocking(case):
    return case["outcome"] in ("fail", "error") and not case["baselined"]


def check_junit(checks, path, cases):
    """Parses junit.xml with xml.etree and junitparser and compares it with run.json's cases."""
    try:
        ElementTree.parse(path)
        checks.record(True, "junit.xml parses with xml.etree")
    except (OSError, ElementTree.ParseError) as error:
        checks.record(False, "junit.xml parses with xml.etree", str(error))
        return
    try:
        document = junitparser.JUnitXml.fromfile(path)
    except Exception as error:  # junitparser raises several types for a bad file
        checks.record(False, "junit.xml parses with junitparser", str(error))
        return
    checks.record(True, "junit.xml parses with junitparser")
    suites = list(document) if isinstance(document, junitparser.JUnitXml) else [document]
    testcases = [(suite.name, case) for suite in suites for case in suite]
    if cases is None:
        checks.record(False, "junit.xml matches run.json", "run.json could not be read")
        return
    checks.record(len(testcases) == len(cases), "junit.xml has one testcase per case of run.json",
                  f"{len(testcases)} testcases, {len(cases)} cases")
    names = [f"{case.classname}.{case.name}" for _, case in testcases]
    checks.record(names == [case["id"] for case in cases], "junit.xml classname.name are the case ids, once, in order",
                  f"first difference: {first_difference(names, [case['id'] for case in cases])}")
    wrong_class = [case.name for suite_name, case in testcases if case.classname != suite_name]
    by_id = {case["id"]: case for case in cases}
    full = lambda testcase: f"{testcase.classname}.{testcase.name}"
    wrong_area = [full(case) for _, case in testcases if full(case) in by_id and case.classname != by_id[full(case)]["area"]]
    checks.record(not wrong_class and not wrong_area, "junit.xml classnames are the areas (and their suite's name)",
                  f"wrong: {list(dict.fromkeys(wrong_class + wrong_area))[:5]}")
    areas = list(dict.fromkeys(case["area"] for case in cases))
    checks.record([suite.name for suite in suites] == areas, "junit.xml has one testsuite per area, in order",
                  f"{[suite.name for suite in suites]} vs {areas}")
    mismatched = []
    for _, testcase in testcases:
        case = by_id.get(full(testcase))
        if case is None:
            continue
        kinds = sorted(type(result).__name__ for result in testcase.result)
        expected = {"fail": ["Failure"], "error": ["Error"]}.get(case["outcome"], []) if is_blocking(case) else []
        if case["outcome"] == "skipped":
            expected = ["Skipped"]
        if kinds != expected:
            mismatched.append(f"{testcase.name}: {kinds} for {case['outcome']}")
    checks.record(not mismatched, "junit.xml failure/error/skipped elements match the outcomes", "; ".join(mismatched[:5]))


def first_difference(left, right):
    for index, (a, b) in enumerate(zip(left, right)):
        if a != b:
            return f"#{index}: {a!r} vs {b!r}"
    return f"lengths {len(left)} vs {len(right)}"


def check_text_file(checks, path, label):
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        checks.record(False, f"{label} exists and is UTF-8", str(error))
        return None
    checks.record(bool(text.strip()), f"{label} is not empty")
    return text


def main():
    parser = argparse.ArgumentParser(description="Check Understudy run reports with third-party tools.")
    parser.add_argument("directory", help="the report directory (run.json, junit.xml, summary.md, report.html)")
    parser.add_argument("--schema", default=DEFAULT_SCHEMA, help="the run report JSON Schema")
    arguments = parser.parse_args()
    if not os.path.isdir(arguments.directory):
        print(f"check_reports.py: {arguments.directory} is not a directory", file=sys.stderr)
        return 2
    if not os.path.isfile(arguments.schema):
        print(f"check_reports.py: schema not found at {arguments.schema}", file=sys.stderr)
        return 2
    checks = Checks()
    cases = check_json(checks, os.path.join(arguments.directory, "run.json"), arguments.schema)
    check_junit(checks, os.path.join(arguments.directory, "junit.xml"), cases)
    check_text_file(checks, os.path.join(arguments.directory, "summary.md"), "summary.md")
    html = check_text_file(checks, os.path.join(arguments.directory, "report.html"), "report.html")
    if html is not None:
        external = re.findall(r"<link\b|<script\b[^>]*\bsrc=|@import|url\(\s*['\"]?https?:", html, re.IGNORECASE)
        checks.record(not external, "report.html references no external asset", f"found: {external[:5]}")
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
