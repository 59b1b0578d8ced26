"""Kill -9 scenario, in two steps around a restart.

`load`: keep-alive clients POST uniquely named requests to the CRM and the webhook of a mocks process journaling to
files; the process is sent SIGKILL mid-load. What the clients saw (answered, in flight) goes to a state file, with
whether each journal file ended in a half line right after the kill (a kill can cut a line being written; README.md).

`judge`, after load.sh restarted the mocks on the same journal folder and stopped them: every request answered before
the kill must be in its system's file exactly once, and every file must parse: whole JSON lines only, no half line.
With --pad-bytes every webhook body carries that much padding, so that each journal line spans many pages."""
import argparse
import asyncio
import json
import os
import signal
import sys
import time
from collections import Counter

from loadkit import Connection, HTTPError, Report, entry_name, journal_lines, lead_body, lead_headers


async def load_then_kill(args):
    """Runs the clients, kills the process after --kill-after s, and returns what the clients saw."""
    answered, unanswered, errors_before_kill = [], [], []
    killed_at = [None]
    targets = [("crm", args.crm), ("webhook", args.webhook)]

    async def worker(number):
        system, address = targets[number % 2]
        host, port = address.rsplit(":", 1)
        connection, sent = Connection(host, int(port)), 0
        while True:
            sent += 1
            name = f"{args.tag}-{number}-{sent}"
            if system == "crm":
                path, headers = "/callbacks", lead_headers(args.token)
            else:
                path, headers = "/hooks/load", {"Content-Type": "application/json"}
            body = lead_body(name)
            if system == "webhook" and args.pad_bytes:
                body = json.dumps({"name": name, "pad": "x" * args.pad_bytes}).encode()
            try:
                status, _, _ = await connection.request("POST", path, headers, body, timeout=10)
                answered.append((system, name, status))
            except (OSError, HTTPError, asyncio.TimeoutError) as error:
                unanswered.append((system, name))
                if killed_at[0] is None:
                    errors_before_kill.append(f"{system}: {type(error).__name__}: {error}")
                return

    async def killer():
        await asyncio.sleep(args.kill_after)
        os.kill(args.pid, signal.SIGKILL)
        killed_at[0] = time.monotonic()

    await asyncio.wait_for(asyncio.gather(killer(), *(worker(number) for number in range(args.connections))),
                           args.kill_after + 30)
    return answered, unanswered, errors_before_kill


SYSTEMS = ("crm", "webhook")


def tail_state(path):
    """(whole lines, whether the file ends in a half line) of a journal file as the kill left it."""
    with open(path, "rb") as file:
        data = file.read()
    return data.count(b"\n"), bool(data) and not data.endswith(b"\n")


def load(args):
    report = Report(f"kill9 {args.tag} (load)")
    answered, unanswered, errors_before_kill = asyncio.run(load_then_kill(args))
    after_kill = {system: tail_state(os.path.join(args.journal_dir, f"{system}.jsonl")) for system in SYSTEMS}
    with open(args.state, "w") as out:
        json.dump({"killed_after_s": args.kill_after, "answered": answered, "unanswered": unanswered,
                   "errors_before_kill": errors_before_kill,
                   "after_kill": {system: {"whole_lines": lines, "half_line": half}
                                  for system, (lines, half) in after_kill.items()}}, out)
    report.check(not errors_before_kill,
                 f"no client error before the kill ({len(errors_before_kill)}; e.g. {errors_before_kill[:2]})")
    sys.exit(report.finish())


def judge(args):
    with open(args.state) as file:
        state = json.load(file)
    report = Report(f"kill9 {args.tag}", args.figures)
    report.figure("killed_after_s", state["killed_after_s"])
    report.check(not state["errors_before_kill"], f"no client error before the kill ({len(state['errors_before_kill'])})")
    for system in SYSTEMS:
        path = os.path.join(args.journal_dir, f"{system}.jsonl")
        names, lines = Counter(), 0
        try:
            for _, entry in journal_lines(path):
                lines += 1
                names[entry_name(entry)] += 1
            report.check(True, f"{system}.jsonl parses after the restart: {lines} whole lines, none half written")
        except (ValueError, OSError) as error:
            report.check(False, f"{system}.jsonl parses after the restart: {error}")
        mine = [(name, status) for kind, name, status in state["answered"] if kind == system]
        missing = [name for name, _ in mine if names[name] == 0]
        twice = [name for name, count in names.items() if count > 1]
        not_2xx = [status for _, status in mine if not 200 <= status < 300]
        in_flight = [name for kind, name in state["unanswered"] if kind == system]
        killed = state["after_kill"][system]
        report.figure(system, {"answered_before_kill": len(mine), "non_2xx": len(not_2xx),
                               "lines_after_kill": killed["whole_lines"], "half_line_after_kill": killed["half_line"],
                               "lines_after_restart": lines, "in_flight_at_kill": len(in_flight),
                               "in_flight_journaled": sum(1 for name in in_flight if names[name])})
        report.check(not missing and not twice,
                     f"{system}: every answered request is in the file exactly once ({len(missing)} missing, "
                     f"{len(twice)} twice; e.g. {(missing + twice)[:3]})")
        report.check(not not_2xx, f"{system}: every answer before the kill was 2xx ({len(not_2xx)} not)")
        report.check(lines <= len(mine) + len(in_flight),
                     f"{system}: the file holds nothing but answered and in-flight requests ({lines} lines)")
        report.check(lines == killed["whole_lines"],
                     f"{system}: the restart kept every whole line the kill left ({killed['whole_lines']} -> {lines}) "
                     f"and {'cut the half line' if killed['half_line'] else 'found no half line'}")
    sys.exit(report.finish())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    steps = parser.add_subparsers(dest="step", required=True)
    loading = steps.add_parser("load", help="drive the mocks and kill them; write the state file")
    loading.add_argument("--crm", required=True, help="host:port")
    loading.add_argument("--webhook", required=True, help="host:port")
    loading.add_argument("--token", required=True, help="the CRM's bearer token")
    loading.add_argument("--pid", type=int, required=True, help="the mocks process to kill")
    loading.add_argument("--connections", type=int, default=64)
    loading.add_argument("--kill-after", type=float, default=2)
    loading.add_argument("--pad-bytes", type=int, default=0, help="padding in every webhook body (large journal lines)")
    judging = steps.add_parser("judge", help="judge the journal files after the restart")
    judging.add_argument("--figures")
    for step in (loading, judging):
        step.add_argument("--journal-dir", required=True)
        step.add_argument("--state", required=True, help="what the clients saw (JSON), written by load")
        step.add_argument("--tag", default="kill9")
    args = parser.parse_args()
    (load if args.step == "load" else judge)(args)


if __name__ == "__main__":
    main()
