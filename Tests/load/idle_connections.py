"""Idle scenario: hold --count connections open without sending a byte while probe clients keep POSTing leads. The
server must keep answering the probes, close every idle connection at its idle timeout (not before, not much
later), answer 503 at once beyond its connection limit, and give every descriptor back."""
import asyncio
import time

from latency_probe import Probe
from loadkit import (connection_scenario_parser, fd_count, fds_reaching, format_request, open_connections, percentile,
                     read_response, rss_kib, run_scenario, settle_fds)


async def watch(reader, connected):
    """Waits for the server to end an idle connection: (seconds since the connect started, since it completed,
    bytes the server sent first)."""
    try:
        data = await reader.read(4096)
    except OSError:
        data = b""
    closed = time.monotonic()
    return closed - connected[0], closed - connected[1], data


async def beyond_limit(host, port, attempts):
    """Opens `attempts` connections at once, each asking for the journal count: [(status or error, seconds)]."""
    async def one():
        start = time.monotonic()
        writer = None
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 5)
            writer.write(format_request("GET", "/__admin/requests/count", f"{host}:{port}"))
            status, headers, _ = await asyncio.wait_for(read_response(reader), 5)
            return (status, "retry-after" in headers), time.monotonic() - start
        except Exception as error:  # any failure is a figure here, judged below
            return (f"{type(error).__name__}", False), time.monotonic() - start
        finally:
            if writer is not None:
                writer.close()

    return await asyncio.gather(*(one() for _ in range(attempts)))


async def run(args, report):
    fds_before, rss_before = fd_count(args.pid), rss_kib(args.pid)
    probe = Probe(args.host, args.port, args.token, args.tag, keepalive=args.probes, interval=0.25)
    await probe.open()
    opened, errors, seconds = await open_connections(args.host, args.port, args.count, args.parallel)
    watchers = [asyncio.create_task(watch(reader, connected)) for reader, _, connected in opened]
    fds_during = await fds_reaching(args.pid, fds_before + len(opened), 10)
    rss_during = rss_kib(args.pid)
    report.figure("idle_opened", len(opened))
    report.figure("idle_connect_errors", len(errors))
    report.figure("idle_open_seconds", round(seconds, 2))
    report.check(not errors, f"all {args.count} idle connections open ({len(errors)} failed; e.g. {errors[:2]})")
    report.check(fds_during >= fds_before + len(opened),
                 f"the server holds them: {fds_during} descriptors while held, {fds_before} before")

    attempts = args.max_connections - len(opened) - args.probes + 5
    answers = await beyond_limit(args.host, args.port, attempts)
    refused = [seconds for (status, retry), seconds in answers if status == 503 and retry]
    failed = [status for (status, _), _ in answers if status not in (200, 503)]
    report.figure("beyond_limit", {"attempts": attempts, "answered_503": len(refused), "answered_200": sum(
        1 for (status, _), _ in answers if status == 200), "failed": len(failed),
        "slowest_ms": round(max(seconds for _, seconds in answers) * 1000, 1)})
    report.check(len(refused) >= 4 and not failed and max(seconds for _, seconds in answers) < 2,
                 f"beyond its limit of {args.max_connections} the server answers 503 with Retry-After at once "
                 f"({len(refused)} of {attempts} got it, {len(failed)} failed)")
    # The probes start after the burst past the limit: one of their new connections landing in it would get a 503.
    stop = asyncio.Event()
    probing = asyncio.create_task(probe.run(stop))

    done, pending = await asyncio.wait(watchers, timeout=args.idle_timeout + args.late + 10)
    stop.set()
    await probing
    for task in pending:
        task.cancel()
    # Accepted after the connect started and before it completed: the close comes no sooner than the timeout after
    # the start, and (for "late") is measured from the completion.
    since_start = [task.result()[0] for task in done]
    since_connected = [task.result()[1] for task in done]
    answered = [task.result()[2][:40] for task in done if task.result()[2]]
    for _, writer, _ in opened:
        writer.close()
    fds_after = settle_fds(args.pid, fds_before, 10)
    report.figure("fds", {"before": fds_before, "held": fds_during, "after": fds_after})
    report.figure("rss_kib", {"before": rss_before, "held": rss_during, "after": rss_kib(args.pid)})
    report.figure("idle_closed_by_server", len(done))
    report.figure("idle_close_after_s", {"min_from_connect_start": round(min(since_start, default=0), 3),
                                         "p50": round(percentile(since_connected, 0.5), 3),
                                         "max_from_connected": round(max(since_connected, default=0), 3),
                                         "configured": args.idle_timeout})
    summary = probe.summary()
    report.figure("probes_while_held", summary)
    early = [delay for delay in since_start if delay < args.idle_timeout]
    late = [delay for delay in since_connected if delay > args.idle_timeout + args.late]
    report.check(not pending, f"every idle connection is closed by the server ({len(pending)} still open)")
    report.check(not answered, f"idle connections are closed silently ({len(answered)} got bytes; e.g. {answered[:1]})")
    report.check(not early and not late,
                 f"closed at the idle timeout: not before {args.idle_timeout:.0f} s from the connect's start, "
                 f"not after {args.idle_timeout + args.late:.0f} s from its completion ({len(early)} early, {len(late)} late)")
    probes = summary["keepalive"]["count"] + summary["new_connection"]["count"]
    probe_errors = summary["keepalive"]["errors"] + summary["new_connection"]["errors"]
    worst = max(summary["keepalive"]["p99_ms"], summary["new_connection"]["p99_ms"])
    report.check(probes > 0 and probe_errors == 0 and worst < args.probe_p99_ms,
                 f"the server keeps answering others: {probes} probe leads, {probe_errors} errors, "
                 f"p99 {worst} ms (limit {args.probe_p99_ms} ms)")
    report.check(fds_after == fds_before, f"no descriptor leak: {fds_before} before, {fds_after} after")


def main():
    parser = connection_scenario_parser(__doc__, "idle connections to hold")
    parser.add_argument("--idle-timeout", type=float, default=60, help="the server's idle timeout, seconds")
    parser.add_argument("--late", type=float, default=3, help="seconds past the idle timeout a close may come")
    parser.add_argument("--max-connections", type=int, required=True, help="the server's limit: 503 beyond it")
    parser.add_argument("--probe-p99-ms", type=float, default=500)
    parser.add_argument("--parallel", type=int, default=256, help="connects in flight while opening")
    parser.add_argument("--tag", default="idle")
    run_scenario("idle", parser.parse_args(), run)


if __name__ == "__main__":
    main()
