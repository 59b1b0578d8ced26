"""Slowloris scenario: --count connections each send one byte of a request head per second. The server must answer
408 and close each one at its header timeout (counted from the first byte), while normal clients, measured by
latency_probe.py in a process of their own before and during the attack, keep their latency."""
import asyncio
import json
import os
import sys
import time

from loadkit import connection_scenario_parser, fd_count, open_connections, percentile, rss_kib, run_scenario, settle_fds

HERE = os.path.dirname(os.path.abspath(__file__))
# Longer than any header timeout at one byte a second, so the head never completes.
SLOW_HEAD = b"POST /callbacks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Slow: " + b"a" * 200


async def slow_client(reader, writer, deadline):
    """Drips the head one byte a second: (seconds from first byte to the first answer byte, to EOF, status line)."""
    first_byte = time.monotonic()  # before the send: the server's clock starts after it, so "early" is exact
    writer.write(SLOW_HEAD[:1])
    sender = asyncio.create_task(_drip_rest(writer))
    answered_at, answer = None, b""
    try:
        while time.monotonic() < deadline:
            chunk = await asyncio.wait_for(reader.read(4096), deadline - time.monotonic())
            if not chunk:
                break
            if answered_at is None:
                answered_at = time.monotonic()
            answer += chunk
    except (OSError, asyncio.TimeoutError):
        pass
    closed_at = time.monotonic()
    sender.cancel()
    writer.close()
    status = answer.split(b"\r\n", 1)[0].decode("latin-1") if answer else None
    return (None if answered_at is None else answered_at - first_byte), closed_at - first_byte, status


async def _drip_rest(writer):
    try:
        for index in range(1, len(SLOW_HEAD)):
            await asyncio.sleep(1)
            writer.write(SLOW_HEAD[index:index + 1])
    except (OSError, ConnectionError):
        pass


async def probe(args, tag, seconds):
    """Runs latency_probe.py in its own process, so the slow clients' timers do not disturb its measurements."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, os.path.join(HERE, "latency_probe.py"), "--host", args.host, "--port", str(args.port),
        "--token", args.token, "--tag", tag, "--seconds", str(seconds), "--keepalive", str(args.probes),
        "--interval", str(args.probe_interval),
        stdout=asyncio.subprocess.PIPE)
    output, _ = await asyncio.wait_for(process.communicate(), seconds + 30)
    return json.loads(output)


async def run(args, report):
    fds_before, rss_before = fd_count(args.pid), rss_kib(args.pid)
    baseline = await probe(args, f"{args.tag}-baseline", args.baseline_seconds)
    connections, failures, _ = await open_connections(args.host, args.port, args.count)
    opened = [(reader, writer) for reader, writer, _ in connections]
    deadline = time.monotonic() + args.header_timeout + args.late + 30
    # The normal clients run while every slow connection holds its place, until just before the timeout frees them.
    during_task = asyncio.create_task(probe(args, f"{args.tag}-during", args.header_timeout - 1))
    finished = await asyncio.gather(*(slow_client(reader, writer, deadline) for reader, writer in opened))
    during = await during_task
    answer_times = [answered for answered, _, _ in finished if answered is not None]
    close_times = [closed for _, closed, _ in finished]
    statuses = {}
    for _, _, status in finished:
        statuses[status or "closed without an answer"] = statuses.get(status or "closed without an answer", 0) + 1
    fds_after = settle_fds(args.pid, fds_before, 10)

    report.figure("slow_connections", args.count)
    report.figure("slow_answers", statuses)
    report.figure("slow_answer_after_s", {"min": round(min(answer_times, default=0), 3),
                                          "p50": round(percentile(answer_times, 0.5), 3),
                                          "max": round(max(answer_times, default=0), 3), "configured": args.header_timeout})
    report.figure("slow_closed_after_s", {"min": round(min(close_times, default=0), 3),
                                          "max": round(max(close_times, default=0), 3)})
    report.figure("normal_before", baseline)
    report.figure("normal_during", during)
    report.figure("fds", {"before": fds_before, "after": fds_after})
    report.figure("rss_kib", {"before": rss_before, "after": rss_kib(args.pid)})
    report.check(not failures, f"every slow client connected ({len(failures)} failed; e.g. {failures[:2]})")
    four_oh_eight = sum(count for status, count in statuses.items() if " 408 " in status + " ")
    report.check(four_oh_eight == args.count, f"every slow connection is answered 408 ({four_oh_eight} of {args.count})")
    low, high = args.header_timeout, args.header_timeout + args.late
    report.check(all(low <= seconds <= high for seconds in answer_times) and len(answer_times) == args.count,
                 f"each is answered {low:.1f}-{high:.1f} s after its first byte")
    report.check(all(seconds <= high + 0.5 for seconds in close_times),
                 f"and closed by {high + 0.5:.1f} s (latest {max(close_times, default=0):.2f} s)")
    for kind in ("keepalive", "new_connection"):
        before, now = baseline[kind], during[kind]
        p50_limit = 2 * before["p50_ms"] + args.p50_slack_ms
        p99_limit = 2 * before["p99_ms"] + args.p99_slack_ms
        report.check(now["errors"] == 0 and now["count"] > 0 and now["p50_ms"] <= p50_limit and now["p99_ms"] <= p99_limit,
                     f"normal {kind} clients keep their latency: p50 {before['p50_ms']} -> {now['p50_ms']} ms "
                     f"(limit {p50_limit:.1f}), p99 {before['p99_ms']} -> {now['p99_ms']} ms (limit {p99_limit:.1f}), "
                     f"{now['errors']} errors")
    report.check(fds_after == fds_before, f"no descriptor leak: {fds_before} before, {fds_after} after")


def main():
    parser = connection_scenario_parser(__doc__, "slow connections")
    parser.add_argument("--header-timeout", type=float, default=10, help="the server's header timeout, seconds")
    parser.add_argument("--late", type=float, default=1.5, help="seconds past the header timeout an answer may come")
    parser.add_argument("--baseline-seconds", type=float, default=5)
    parser.add_argument("--probe-interval", type=float, default=0.02, help="pause between a probe client's requests")
    parser.add_argument("--p50-slack-ms", type=float, default=2, help="added to twice the baseline p50 when judging")
    parser.add_argument("--p99-slack-ms", type=float, default=20, help="added to twice the baseline p99 when judging")
    parser.add_argument("--tag", default="slowloris")
    run_scenario("slowloris", parser.parse_args(), run)


if __name__ == "__main__":
    main()
