"""Samples a server process while load runs: every interval, one CSV line `elapsed_s,recorded,rss_kib,fds`, where
`recorded` is the mock's journal count (GET /__admin/requests/count). Stops on SIGTERM, when the process ends,
or after --max-seconds."""
import argparse
import signal
import sys
import time

from loadkit import blocking_get_json, fd_count, rss_kib


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--admin", required=True, help="host:port of the mock whose journal count is sampled")
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--max-seconds", type=float, default=1200)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    host, port = args.admin.rsplit(":", 1)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    start = time.monotonic()
    with open(args.out, "w", buffering=1) as out:
        out.write("elapsed_s,recorded,rss_kib,fds\n")
        while not stopping and time.monotonic() - start < args.max_seconds:
            try:
                _, answer = blocking_get_json(host, int(port), "/__admin/requests/count", timeout=5)
                out.write(f"{time.monotonic() - start:.2f},{answer['count']},{rss_kib(args.pid)},{fd_count(args.pid)}\n")
            except (OSError, KeyError, ValueError) as error:
                if not _alive(args.pid):
                    break
                print(f"sample_process: skipped a sample: {error}", file=sys.stderr)
            time.sleep(args.interval)


def _alive(pid):
    try:
        rss_kib(pid)
        return True
    except (OSError, RuntimeError):
        return False


if __name__ == "__main__":
    main()
