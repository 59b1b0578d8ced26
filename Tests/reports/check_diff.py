#!/usr/bin/env python3
"""Checks Understudy run diffs (diff.json) with a third-party validator, as CI consumers will read them.

Each FILE validates against the shipped JSON Schema (draft 2020-12, jsonschema's Draft202012Validator, formats
checked), and its derived fields agree with its cases: `counts` per class of change, `regressed` exactly when a case
is newly failing, and each case's class agrees with its two outcomes (the rules in README, "Comparing runs").

Prints one line per check and ends with `N passed, M failed`; exits 1 on any failed check, 2 on bad usage or missing
dependencies.

usage: check_diff.py FILE... [--schema Sources/RunReports/Resources/diff.schema.json]
requires: pip install jsonschema
"""
import argparse
import json
import os
import sys

try:
    from jsonschema import Draft202012Validator
except ImportError as error:
    print(f"check_diff.py: missing dependency ({error}); run: pip install jsonschema", file=sys.stderr)
    sys.exit(2)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import Checks  # noqa: E402  (Tests/checks.py)

DEFAULT_SCHEMA = os.path.join(os.path.dirname(__file__), "..", "..", "Sources", "RunReports", "Resources",
                              "diff.schema.json")
FAILING = ("fail", "error")


def expected_change(old, new):
    """The class of a case from its outcome before and after (None when absent), as README states it."""
    if new is None:
        return "removed"
    if old is None:
        return "newly-failing" if new in FAILING else "added"
    if new in FAILING:
        return "still-failing" if old in FAILING else "newly-failing"
    if old in FAILING:
        return "newly-passing" if new == "pass" else "changed"
    return None if old == new else "changed"


def check_diff(checks, path, validator):
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as handle:
            diff = json.load(handle)
    except (OSError, ValueError) as error:
        checks.record(False, f"{name} parses", str(error))
        return
    errors = sorted(validator.iter_errors(diff), key=lambda error: list(error.absolute_path))
    detail = "; ".join(f"$.{'.'.join(str(part) for part in error.absolute_path)}: {error.message}" for error in errors[:5])
    if not checks.record(not errors, f"{name} matches diff.schema.json", detail):
        return
    cases = diff["cases"]
    counted = {key: sum(1 for case in cases if case["change"].replace("-", "_") == key)
               for key in diff["counts"] if key != "unchanged"}
    mismatched = {key: (diff["counts"][key], value) for key, value in counted.items() if diff["counts"][key] != value}
    checks.record(not mismatched, f"{name} counts agree with its cases", f"(written, counted): {mismatched}")
    regressed = counted["newly_failing"] > 0
    checks.record(diff["regressed"] == regressed, f"{name} regressed agrees with its cases",
                  f"written {diff['regressed']}, computed {regressed}")
    wrong = [case["id"] for case in cases
             if expected_change((case["old"] or {}).get("outcome"), (case["new"] or {}).get("outcome")) != case["change"]]
    checks.record(not wrong, f"{name} classes agree with the outcomes", f"wrong: {wrong[:5]}")
    ids = [case["id"] for case in cases]
    checks.record(len(ids) == len(set(ids)), f"{name} lists each case once")


def main():
    parser = argparse.ArgumentParser(description="Check Understudy run diffs with a third-party validator.")
    parser.add_argument("files", nargs="+", help="diff.json files")
    parser.add_argument("--schema", default=DEFAULT_SCHEMA, help="the run diff JSON Schema")
    arguments = parser.parse_args()
    if not os.path.isfile(arguments.schema):
        print(f"check_diff.py: schema not found at {arguments.schema}", file=sys.stderr)
        return 2
    with open(arguments.schema, encoding="utf-8") as handle:
        schema = json.load(handle)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    checks = Checks()
    for path in arguments.files:
        check_diff(checks, path, validator)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
