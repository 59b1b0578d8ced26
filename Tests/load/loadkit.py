"""Shared pieces of the load drivers: process figures from /proc, a minimal HTTP/1.1 client on asyncio
streams, lead bodies, percentiles and the PASS/FAIL report every driver prints. Standard library only."""
import argparse
import asyncio
import json
import os
import sys
import time


# Process figures ---------------------------------------------------------------------------------------------------

def rss_kib(pid):
    """Resident memory (VmRSS) of `pid` in KiB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def fd_count(pid):
    """Open file descriptors of `pid`."""
    return len(os.listdir(f"/proc/{pid}/fd"))


def settle_fds(pid, expected, seconds):
    """The fd count of `pid` once it equals `expected`, or the last count seen after `seconds` (closes are async)."""
    deadline = time.monotonic() + seconds
    count = fd_count(pid)
    while count != expected and time.monotonic() < deadline:
        time.sleep(0.1)
        count = fd_count(pid)
    return count


async def fds_reaching(pid, at_least, seconds):
    """The fd count of `pid` once it reaches `at_least` (accepts trail the client's connects), or the last count seen
    after `seconds`."""
    deadline = time.monotonic() + seconds
    count = fd_count(pid)
    while count < at_least and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        count = fd_count(pid)
    return count


def steady_fds(pid, seconds=5):
    """The fd count of `pid` once two reads 0.1 s apart agree (closes after a burst are asynchronous), or the last
    count seen after `seconds`."""
    deadline = time.monotonic() + seconds
    previous, count = None, fd_count(pid)
    while count != previous and time.monotonic() < deadline:
        time.sleep(0.1)
        previous, count = count, fd_count(pid)
    return count


# HTTP/1.1 over asyncio streams -------------------------------------------------------------------------------------

class HTTPError(Exception):
    """The peer closed, reset or answered something that is not HTTP/1.1 with a Content-Length."""


async def read_response(reader):
    """Reads one response: (status, headers as a lower-cased dict, body bytes). Content-Length bodies only
    (every server under test sends one)."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        raise HTTPError(f"closed after {len(error.partial)} bytes of a response head") from None
    lines = head[:-4].decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
        raise HTTPError(f"not an HTTP/1.x status line: {lines[0]!r}")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    try:
        body = await reader.readexactly(length) if length else b""
    except asyncio.IncompleteReadError:
        raise HTTPError("closed in the middle of a response body") from None
    return int(parts[1]), headers, body


def format_request(method, path, host, headers=None, body=b"", close=False):
    """The bytes of one request; `body` is sent with a Content-Length."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}"]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body)}")
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class Connection:
    """One keep-alive client connection; `request` sends one request and reads its answer."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def open(self):
        self.reader, self.writer = await asyncio.wait_for(asyncio.open_connection(self.host, self.port), 10)
        return self

    async def request(self, method, path, headers=None, body=b"", close=False, timeout=30):
        if self.writer is None:
            await self.open()
        self.writer.write(format_request(method, path, f"{self.host}:{self.port}", headers, body, close))
        try:
            answer = await asyncio.wait_for(read_response(self.reader), timeout)
        except BaseException:
            self.close()
            raise
        if close or answer[1].get("connection", "").lower() == "close":
            self.close()
        return answer

    def close(self):
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None


async def open_connections(host, port, count, parallel=256):
    """Opens `count` connections, `parallel` at a time, sending nothing: (list of (reader, writer, (connect started,
    connected)), errors, seconds). The server accepted each one between those two instants."""
    gate = asyncio.Semaphore(parallel)

    async def one():
        async with gate:
            started = time.monotonic()
            reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 30)
            return reader, writer, (started, time.monotonic())

    start = time.monotonic()
    results = await asyncio.gather(*(one() for _ in range(count)), return_exceptions=True)
    opened = [result for result in results if not isinstance(result, BaseException)]
    errors = [f"{type(result).__name__}: {result}" for result in results if isinstance(result, BaseException)]
    return opened, errors, time.monotonic() - start


def blocking_get_json(host, port, path, headers=None, timeout=30):
    """GET `path` with the standard library's client (for admin calls outside an event loop)."""
    import http.client
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        connection.close()


# Leads -------------------------------------------------------------------------------------------------------------

def lead_body(name):
    """The four callback fields the mock CRM requires, with a unique `name`."""
    return json.dumps({"name": name, "company": "Load Test Ltd", "reason": "soak test lead",
                       "phone_number": "+14155550123"}, separators=(",", ":")).encode()


def lead_headers(token):
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def journal_lines(path):
    """Yields (line number, parsed entry) for every line of a JSON Lines journal file; raises ValueError naming the
    first line that does not parse or a last line without its newline (a half-written line)."""
    with open(path, "rb") as file:
        number = 0
        for raw in file:
            number += 1
            if not raw.endswith(b"\n"):
                raise ValueError(f"{path}: line {number} has no newline: a half line ({len(raw)} bytes)")
            try:
                yield number, json.loads(raw)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}: line {number} does not parse: {error}") from None


def entry_name(entry):
    """The `name` field of a journaled request's JSON body, or None."""
    body = entry.get("body_json")
    return body.get("name") if isinstance(body, dict) else None


# Figures and verdicts ----------------------------------------------------------------------------------------------

def percentile(values, fraction):
    """Nearest-rank percentile of `values` (0 when empty)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(fraction * len(ordered) + 0.5)) - 1))]


def latency_summary(seconds):
    """p50, p99 and max of latencies given in seconds, in milliseconds."""
    return {"count": len(seconds), "p50_ms": round(percentile(seconds, 0.50) * 1000, 2),
            "p99_ms": round(percentile(seconds, 0.99) * 1000, 2), "max_ms": round(max(seconds, default=0) * 1000, 2)}


def connection_scenario_parser(description, count_help):
    """The arguments of a scenario that holds --count connections to one server process while probes run."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True, help="the server process, for descriptors and memory")
    parser.add_argument("--token", required=True, help="the CRM's bearer token, for the probes' leads")
    parser.add_argument("--count", type=int, required=True, help=count_help)
    parser.add_argument("--probes", type=int, default=4, help="keep-alive probe connections")
    parser.add_argument("--figures")
    return parser


def run_scenario(name, args, run):
    """Runs `await run(args, report)` and exits with the report's verdict."""
    report = Report(name, args.figures)
    asyncio.run(run(args, report))
    sys.exit(report.finish())


class Report:
    """Collects figures and failed checks; `finish` prints them, writes them as JSON and gives the exit code."""

    def __init__(self, scenario, figures_path=None):
        self.scenario, self.figures_path = scenario, figures_path
        self.figures, self.failures = {}, []

    def figure(self, name, value):
        self.figures[name] = value
        print(f"  {name}: {json.dumps(value) if isinstance(value, (dict, list)) else value}", flush=True)

    def check(self, passed, what):
        """Records a check; `what` says what must hold, with the figures that decided it."""
        print(f"  [{'ok' if passed else 'FAILED'}] {what}", flush=True)
        if not passed:
            self.failures.append(what)

    def finish(self):
        verdict = "PASS" if not self.failures else "FAIL"
        self.figures["verdict"] = verdict
        if self.figures_path:
            with open(self.figures_path, "w") as out:
                json.dump(self.figures, out, indent=1)
        print(f"{self.scenario}: {verdict}", flush=True)
        return 0 if not self.failures else 1
