"""Executes scenario: hundreds of concurrent `POST /v1/tools/{id}/execute` on the reference tool server against a mock
CRM that delays every lead. A fast tool (timeout --fast-timeout s, delays below it) must succeed; a slow tool
(timeout --slow-timeout s, delayed --slow-delay-ms) must answer `error: timeout` at its timeout. Every execution
must reach the CRM exactly once (the tools have no retry), and the servers must give their descriptors back."""
import argparse
import asyncio
import json
import sys
import time
from collections import Counter

from loadkit import (Connection, HTTPError, Report, blocking_get_json, entry_name, fd_count, latency_summary,
                     rss_kib, settle_fds, steady_fds)


def tool_body(name, crm_url, token, timeout, slow):
    """Feather's ToolCreate for the handbook's callback-lead tool; the slow one carries the header the delay matches."""
    headers = [{"key": "Authorization", "value": f"Bearer {token}", "secure": True}]
    if slow:
        headers.append({"key": "X-Load-Delay", "value": "slow"})
    fields = ["name", "company", "reason", "phone_number"]
    return {"name": name, "description": "Saves a callback lead (load test)", "tool_type": "api_call",
            "configuration": {"url": f"{crm_url}/callbacks", "method": "POST", "headers": headers,
                              "body": {field: "{{" + field + "}}" for field in fields}, "timeout": timeout,
                              "variables": [{"name": field, "type": "str", "required": True} for field in fields]},
            "response_schema": {"field_mappings": [{"path": "lead.id", "alias": "lead_id"}]}}


async def setup(args):
    """Installs the CRM's delays and creates both tools: {"fast": id, "slow": id}."""
    crm = Connection(*args.crm_address)
    rules = [{"id": "slow", "match": {"route": "create_callback", "header": {"name": "X-Load-Delay", "value": "slow"}},
              "delay_ms": args.slow_delay_ms},
             {"id": "jitter", "match": {"route": "create_callback"},
              "delay_ms": {"min": args.jitter_min_ms, "max": args.jitter_max_ms}}]
    for rule in rules:
        status, _, body = await crm.request("POST", "/__admin/faults", {"Content-Type": "application/json"},
                                            json.dumps(rule).encode())
        if status != 201:
            raise SystemExit(f"executes: installing fault {rule['id']} answered {status}: {body[:200]!r}")
    crm.close()
    server, ids = Connection(*args.server_address), {}
    for kind, timeout in (("fast", args.fast_timeout), ("slow", args.slow_timeout)):
        body = tool_body(f"create_callback_lead_{kind}", args.crm_url, args.crm_token, timeout, kind == "slow")
        status, _, answer = await server.request("POST", "/v1/tools", {"x-api-key": args.api_key,
                                                 "Content-Type": "application/json"}, json.dumps(body).encode())
        if status != 201:
            raise SystemExit(f"executes: creating the {kind} tool answered {status}: {answer[:300]!r}")
        ids[kind] = json.loads(answer)["id"]
    server.close()
    return ids


async def execute_one(args, connection, ids, kind, name):
    """One execute of the `kind` tool for lead `name`: a result dict (http status, success, error, seconds, ...)."""
    body = {"input": {"name": name, "company": "Load Test Ltd", "reason": "soak test lead", "phone_number": "+14155550123"}}
    result, start = {"name": name, "kind": kind}, time.monotonic()
    try:
        status, _, answer = await connection.request(
            "POST", f"/v1/tools/{ids[kind]}/execute", {"x-api-key": args.api_key, "Content-Type": "application/json"},
            json.dumps(body).encode(), timeout=args.fast_timeout + 30)
        parsed = json.loads(answer)
        mapped = parsed.get("body") if isinstance(parsed.get("body"), dict) else {}
        result.update(http=status, success=parsed.get("success"), status_code=parsed.get("status_code"),
                      error=parsed.get("error"), lead_id=mapped.get("lead_id"))
    except (OSError, HTTPError, asyncio.TimeoutError, ValueError) as error:
        connection.close()
        result.update(http=None, failure=f"{type(error).__name__}: {error}")
    result["seconds"] = time.monotonic() - start
    return result


async def sequential(args, ids, names):
    """Fast executes one after another on one connection (warm-up and the final pool check)."""
    connection = Connection(*args.server_address)
    results = [await execute_one(args, connection, ids, "fast", name) for name in names]
    connection.close()
    return results


async def execute_all(args, ids):
    """Runs --total executes with --concurrency clients, each one execute at a time: a list of result dicts."""
    results, next_index = [], [0]

    async def worker():
        connection = Connection(*args.server_address)
        while next_index[0] < args.total:
            index = next_index[0]
            next_index[0] += 1
            results.append(await execute_one(args, connection, ids, "slow" if index % args.slow_every == 0 else "fast",
                                             f"{args.tag}-{index}"))
        connection.close()

    await asyncio.gather(*(worker() for _ in range(args.concurrency)))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server", required=True, help="host:port of the reference tool server")
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--server-pid", type=int, required=True)
    parser.add_argument("--crm", required=True, help="host:port of the mock CRM")
    parser.add_argument("--crm-token", required=True)
    parser.add_argument("--crm-pid", type=int, required=True)
    parser.add_argument("--total", type=int, required=True)
    parser.add_argument("--concurrency", type=int, required=True)
    parser.add_argument("--slow-every", type=int, default=10, help="every Nth execute uses the slow tool")
    parser.add_argument("--fast-timeout", type=int, default=5)
    parser.add_argument("--slow-timeout", type=int, default=1)
    parser.add_argument("--slow-delay-ms", type=int, default=3000)
    parser.add_argument("--jitter-min-ms", type=int, default=20)
    parser.add_argument("--jitter-max-ms", type=int, default=800)
    parser.add_argument("--margin", type=float, default=0.5, help="seconds past a timeout its answer may come")
    parser.add_argument("--pool-idle-seconds", type=float, default=5, help="the tool server's outbound pool idle timeout")
    parser.add_argument("--tag", default="exec")
    parser.add_argument("--figures")
    args = parser.parse_args()
    host, port = args.server.rsplit(":", 1)
    args.server_address = (host, int(port))
    host, port = args.crm.rsplit(":", 1)
    args.crm_address = (host, int(port))
    args.crm_url = f"http://{args.crm}"
    report = Report("executes", args.figures)

    ids = asyncio.run(setup(args))
    # Warm-up: one-time allocations (the outbound client's pool, the runtime's own descriptors) happen before counting.
    warm = asyncio.run(sequential(args, ids, [f"{args.tag}-warm-{index}" for index in range(3)]))
    server_fds, crm_fds = steady_fds(args.server_pid), steady_fds(args.crm_pid)
    server_rss = rss_kib(args.server_pid)
    start = time.monotonic()
    results = asyncio.run(execute_all(args, ids))
    elapsed = time.monotonic() - start
    server_fds_loaded = fd_count(args.server_pid)
    # The slow leads' delays end, and the outbound pool's idle connections expire (5 s); the next execute then
    # closes every expired one and pools its own: descriptors must be back where the warm-up left them.
    time.sleep(max(args.slow_delay_ms / 1000, args.pool_idle_seconds) + 0.5)
    final = asyncio.run(sequential(args, ids, [f"{args.tag}-final"]))
    _, journal = blocking_get_json(*args.crm_address, "/__admin/requests?route=create_callback&limit=100000")
    delivered = Counter(entry_name(entry) for entry in journal["requests"])
    server_fds_after = settle_fds(args.server_pid, server_fds, 5)
    crm_fds_after = settle_fds(args.crm_pid, crm_fds, 5)

    fast = [result for result in results if result["kind"] == "fast"]
    slow = [result for result in results if result["kind"] == "slow"]
    failed = [result for result in results + warm + final if result.get("http") != 200]
    fast_wrong = [result for result in fast if not (result.get("success") is True and result.get("status_code") == 201)]
    slow_wrong = [result for result in slow if not (result.get("success") is False and result.get("error") == "timeout")]
    fast_late = [result for result in fast if result["seconds"] > args.fast_timeout]
    slow_out = [result for result in slow
                if not args.slow_timeout - 0.05 <= result["seconds"] <= args.slow_timeout + args.margin]
    everything = results + warm + final
    not_once = [result["name"] for result in everything if delivered[result["name"]] != 1]
    strangers = [name for name in delivered if name not in {result["name"] for result in everything}]
    lead_ids = [result.get("lead_id") for result in fast]

    report.figure("executes", len(results))
    report.figure("concurrency", args.concurrency)
    report.figure("seconds", round(elapsed, 2))
    report.figure("fast", {**latency_summary([result["seconds"] for result in fast]), "timeout_s": args.fast_timeout,
                           "succeeded": len(fast) - len(fast_wrong)})
    report.figure("slow", {**latency_summary([result["seconds"] for result in slow]), "timeout_s": args.slow_timeout,
                           "timed_out": len(slow) - len(slow_wrong), "crm_delay_ms": args.slow_delay_ms})
    report.figure("crm_journal", {"create_callback": sum(delivered.values()), "overflow": journal.get("overflow")})
    report.figure("server_fds", {"before": server_fds, "right_after_load": server_fds_loaded, "after": server_fds_after})
    report.figure("server_rss_kib", {"before": server_rss, "after": rss_kib(args.server_pid)})
    report.figure("crm_fds", {"before": crm_fds, "after": crm_fds_after})
    report.check(not failed, f"every execute is answered 200 ({len(failed)} not; e.g. {failed[:2]})")
    # The server really runs them side by side: each client's execute takes at most the slow timeout (plus margin),
    # so the clients finish within that many rounds. One at a time, the slow ones alone would take
    # total / slow_every x slow_timeout, and the fast ones at least total x jitter_min.
    rounds = -(-args.total // args.concurrency)
    wall_limit = rounds * (max(args.slow_timeout, args.jitter_max_ms / 1000) + args.margin)
    report.check(elapsed <= wall_limit, f"{args.concurrency} executes in flight at once: {args.total} took "
                                        f"{elapsed:.2f} s (limit {wall_limit:.1f} s for {rounds} rounds)")
    report.check(not fast_wrong, f"fast tool: success with the CRM's 201 ({len(fast_wrong)} not; e.g. {fast_wrong[:2]})")
    report.check(not slow_wrong, f"slow tool: error timeout ({len(slow_wrong)} not; e.g. {slow_wrong[:2]})")
    report.check(not fast_late, f"fast answers within their {args.fast_timeout} s timeout ({len(fast_late)} later)")
    report.check(not slow_out, f"slow answers {args.slow_timeout - 0.05:.2f}-{args.slow_timeout + args.margin:.2f} s "
                               f"after the call ({len(slow_out)} outside; e.g. {[round(r['seconds'], 3) for r in slow_out[:3]]})")
    report.check(not not_once and not strangers and journal.get("overflow") == 0,
                 f"every execution reached the CRM exactly once ({len(not_once)} not once, {len(strangers)} unknown)")
    report.check(None not in lead_ids and len(set(lead_ids)) == len(lead_ids),
                 "every fast execute maps its own lead id")
    report.check(server_fds_after == server_fds,
                 f"no tool server descriptor leak: {server_fds} before, {server_fds_loaded} right after the load "
                 f"(idle pool), {server_fds_after} once the pool expired")
    report.check(crm_fds_after == crm_fds, f"no CRM descriptor leak: {crm_fds} before, {crm_fds_after} after")
    sys.exit(report.finish())


if __name__ == "__main__":
    main()
