"""Normal clients that measure what a well-behaved caller sees while a scenario stresses the server: K keep-alive
connections and one new-connection-per-request client, each POSTing a lead every interval. As a command it runs for
--seconds and prints one JSON object; the idle scenario uses `Probe` in-process."""
import argparse
import asyncio
import json
import time

from loadkit import Connection, HTTPError, latency_summary, lead_body, lead_headers


class Probe:
    """Open the keep-alive connections with `open()`, then `run(stop)` until the event `stop` is set."""

    def __init__(self, host, port, token, tag, keepalive=4, interval=0.1):
        self.host, self.port, self.token, self.tag = host, port, token, tag
        self.interval = interval
        self.connections = [Connection(host, port) for _ in range(keepalive)]
        self.latencies = {"keepalive": [], "new_connection": []}
        self.errors = {"keepalive": [], "new_connection": []}
        self.sent = 0

    async def open(self):
        await asyncio.gather(*(connection.open() for connection in self.connections))

    async def run(self, stop):
        tasks = [self._keepalive(connection, stop) for connection in self.connections]
        tasks.append(self._new_connection(stop))
        await asyncio.gather(*tasks)
        for connection in self.connections:
            connection.close()

    async def _once(self, kind, connection, close):
        self.sent += 1
        name = f"{self.tag}-{kind}-{self.sent}"
        start = time.monotonic()
        try:
            status, _, _ = await connection.request("POST", "/callbacks", lead_headers(self.token), lead_body(name),
                                                    close=close, timeout=10)
            self.latencies[kind].append(time.monotonic() - start)
            if not 200 <= status < 300:
                self.errors[kind].append(f"status {status}")
        except (OSError, HTTPError, asyncio.TimeoutError) as error:
            self.errors[kind].append(f"{type(error).__name__}: {error}")

    async def _keepalive(self, connection, stop):
        while not stop.is_set():
            await self._once("keepalive", connection, close=False)
            await _sleep_or_stop(stop, self.interval)

    async def _new_connection(self, stop):
        while not stop.is_set():
            await self._once("new_connection", Connection(self.host, self.port), close=True)
            await _sleep_or_stop(stop, self.interval)

    def summary(self):
        result = {}
        for kind, values in self.latencies.items():
            result[kind] = latency_summary(values)
            result[kind]["errors"] = len(self.errors[kind])
            result[kind]["first_errors"] = self.errors[kind][:3]
        return result


async def _sleep_or_stop(stop, seconds):
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except asyncio.TimeoutError:
        pass


async def _main(args):
    probe = Probe(args.host, args.port, args.token, args.tag, args.keepalive, args.interval)
    await probe.open()
    stop = asyncio.Event()
    asyncio.get_running_loop().call_later(args.seconds, stop.set)
    await probe.run(stop)
    print(json.dumps(probe.summary()), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--tag", required=True, help="prefix of the lead names")
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--keepalive", type=int, default=4)
    parser.add_argument("--interval", type=float, default=0.1)
    asyncio.run(_main(parser.parse_args()))
