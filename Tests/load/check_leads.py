"""Judges the leads scenario once the mock has stopped: every lead wrk read a 2xx answer for is in the journal file
exactly once, no lead is journaled twice, wrk saw no errors, descriptors came back, and resident memory stayed flat
once the bounded stores were full (README.md says why the two tolerances are what they are)."""
import argparse
import glob
import json
import os
import re
import sys
from collections import Counter

from loadkit import Report, entry_name, journal_lines


def read_phase(label, folder):
    """What wrk's threads wrote for one phase: 2xx names, other statuses and wrk's RESULT line."""
    names = []
    for path in sorted(glob.glob(os.path.join(folder, "answered-*.txt"))):
        with open(path) as file:
            names.extend(line.rstrip("\n") for line in file if line.strip())
    others = []
    for path in sorted(glob.glob(os.path.join(folder, "other-*.txt"))):
        with open(path) as file:
            others.extend(line.strip() for line in file if line.strip())
    result = {}
    with open(os.path.join(folder, "wrk.txt")) as file:
        for line in file:
            if line.startswith("RESULT "):
                result = {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)", line)}
    return {"label": label, "names": names, "others": others, "wrk": result}


def steady_memory(samples_path, steady_from):
    """(samples in the steady window as (recorded, rss_kib), all samples) from the sampler's CSV."""
    rows = []
    with open(samples_path) as file:
        next(file, None)
        for line in file:
            _, recorded, rss, _ = line.strip().split(",")
            rows.append((int(recorded), int(rss)))
    return [row for row in rows if row[0] >= steady_from], rows


def slope_kib_per_100k(window):
    """Least-squares growth of RSS per 100,000 requests over the window."""
    if len(window) < 2:
        return 0.0
    xs, ys = [row[0] for row in window], [row[1] for row in window]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return 0.0 if spread == 0 else sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread * 100_000


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--journal", required=True)
    parser.add_argument("--phase", action="append", required=True, help="LABEL:FOLDER written by leads.lua")
    parser.add_argument("--connections", type=int, required=True, help="wrk connections per phase")
    parser.add_argument("--samples", required=True)
    parser.add_argument("--steady-from", type=int, required=True, help="journal count where the steady window starts")
    parser.add_argument("--tolerance-kib", type=int, required=True, help="growth allowed over the steady window")
    parser.add_argument("--late-tolerance-kib", type=int, required=True,
                        help="growth allowed from the window's first half to its second (sustained growth: a leak)")
    parser.add_argument("--rss-before", type=int, required=True)
    parser.add_argument("--rss-after", type=int, required=True)
    parser.add_argument("--fds-before", type=int, required=True)
    parser.add_argument("--fds-after", type=int, required=True)
    parser.add_argument("--admin-journal", required=True, help="the journal counters GET /__admin showed at the end")
    parser.add_argument("--journal-capacity", type=int, required=True)
    parser.add_argument("--figures")
    args = parser.parse_args()
    report = Report("leads", args.figures)

    phases = [read_phase(*spec.split(":", 1)) for spec in args.phase]
    journaled, statuses, lines = Counter(), {}, 0
    try:
        for _, entry in journal_lines(args.journal):
            lines += 1
            name = entry_name(entry)
            if entry.get("route") == "create_callback" and name is not None:
                journaled[name] += 1
                statuses[name] = entry.get("status")
        parses = True
    except ValueError as error:
        report.check(False, f"the journal file parses: {error}")
        parses = False
    if parses:
        report.check(True, f"the journal file parses: {lines} lines, each one whole JSON")

    answered_all = set()
    for phase in phases:
        names, label, wrk = phase["names"], phase["label"], phase["wrk"]
        missing = [name for name in names if journaled[name] == 0]
        twice = [name for name in names if journaled[name] > 1]
        not_2xx = [name for name in names if journaled[name] and not 200 <= (statuses[name] or 0) < 300]
        report.figure(f"{label}.requests_answered", int(wrk.get("requests", -1)))
        report.figure(f"{label}.answered_2xx", len(names))
        report.figure(f"{label}.answered_other", len(phase["others"]))
        report.figure(f"{label}.socket_errors", int(wrk.get("errors", -1)))
        report.figure(f"{label}.rps", int(wrk.get("rps", 0)))
        report.figure(f"{label}.latency_ms", {"p50": wrk.get("p50_us", 0) / 1000, "p99": wrk.get("p99_us", 0) / 1000,
                                              "max": wrk.get("max_us", 0) / 1000})
        report.check(len(names) + len(phase["others"]) == int(wrk.get("requests", -1)),
                     f"{label}: wrk's request count equals the answers its threads recorded")
        report.check(not phase["others"] and int(wrk.get("errors", -1)) == 0,
                     f"{label}: no error: {len(phase['others'])} non-2xx answers, {int(wrk.get('errors', -1))} socket errors")
        report.check(len(set(names)) == len(names), f"{label}: every 2xx answer names a different lead")
        report.check(not missing and not twice and not not_2xx,
                     f"{label}: every 2xx-answered lead is journaled exactly once with a 2xx status "
                     f"({len(missing)} missing, {len(twice)} twice, {len(not_2xx)} with another status; e.g. "
                     f"{(missing + twice + not_2xx)[:3]})")
        answered_all.update(names)

    with open(args.admin_journal) as file:
        counters = json.load(file)
    report.figure("journal.in_memory", counters)
    report.check(counters["recorded"] == lines and counters["retained"] == min(lines, args.journal_capacity)
                 and counters["overflow"] == counters["recorded"] - counters["retained"],
                 f"the in-memory journal recorded every line of the file ({counters['recorded']} vs {lines}), keeps "
                 f"its bound of {args.journal_capacity} and counts the rest as overflow")
    duplicated = [name for name, count in journaled.items() if count > 1]
    unanswered = [name for name in journaled if name not in answered_all]
    report.figure("journal.leads", sum(journaled.values()))
    report.figure("journal.leads_not_read_by_wrk", len(unanswered))
    report.check(not duplicated, f"no lead is journaled twice ({len(duplicated)} are; e.g. {duplicated[:3]})")
    in_flight_bound = args.connections * len(phases)
    report.check(len(unanswered) <= in_flight_bound,
                 f"leads journaled but never read by wrk ({len(unanswered)}) are at most the requests in flight when "
                 f"its threads stopped ({in_flight_bound})")

    window, rows = steady_memory(args.samples, args.steady_from)
    report.figure("rss_kib.before", args.rss_before)
    report.figure("rss_kib.after", args.rss_after)
    report.figure("rss_kib.peak", max((rss for _, rss in rows), default=0))
    report.figure("fds.before", args.fds_before)
    report.figure("fds.after", args.fds_after)
    report.check(args.fds_after == args.fds_before, f"descriptors come back: {args.fds_before} before, {args.fds_after} after")
    if len(window) < 4:
        report.check(False, f"at least 4 memory samples after {args.steady_from} journaled requests (have {len(window)})")
    else:
        start, high = window[0][1], max(rss for _, rss in window)
        middle = (window[0][0] + window[-1][0]) / 2
        first_half = max(rss for recorded, rss in window if recorded <= middle)
        second_half = max(rss for recorded, rss in window if recorded > middle)
        report.figure("rss_kib.steady", {"from_requests": window[0][0], "to_requests": window[-1][0], "samples": len(window),
                                         "start": start, "min": min(rss for _, rss in window), "max": high,
                                         "last": window[-1][1], "growth_in_second_half": second_half - first_half,
                                         "slope_kib_per_100k": round(slope_kib_per_100k(window), 1)})
        report.check(high - start <= args.tolerance_kib,
                     f"memory bounded once the stores are full: grew {high - start} KiB over "
                     f"{window[-1][0] - window[0][0]} requests (tolerance {args.tolerance_kib} KiB)")
        report.check(second_half - first_half <= args.late_tolerance_kib,
                     f"and flat: the second half of the window peaks {second_half - first_half} KiB above the first "
                     f"(tolerance {args.late_tolerance_kib} KiB)")
    sys.exit(report.finish())


if __name__ == "__main__":
    main()
