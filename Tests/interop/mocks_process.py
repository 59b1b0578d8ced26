"""Running `understudy mocks` for the interop checks: started, awaited by its banner, stopped; bounded raw requests.

Not a check itself (run.sh runs only check_*.py). Every server is started with `--loops 1` and a journal folder of its
own under the work folder, awaited for at most STARTUP_TIMEOUT_SECONDS, and stopped by `Fleet.stop_all` with SIGTERM
(SIGKILL after STOP_TIMEOUT_SECONDS). Every request ignores proxy variables and gives up after REQUEST_TIMEOUT_SECONDS.
"""
import json
import os
import select
import subprocess
import threading
import time
import urllib.error
import urllib.request

# The last line `understudy mocks` prints once it listens; nothing is sent before it.
BANNER_END = "running; press Ctrl-C to stop"
# How long a started server may take to print its banner.
STARTUP_TIMEOUT_SECONDS = 20
# Every request is abandoned after this many seconds (they take milliseconds on loopback).
REQUEST_TIMEOUT_SECONDS = 10
# How long a stopped server may take to exit after SIGTERM before it is killed.
STOP_TIMEOUT_SECONDS = 5


class StartError(Exception):
    """A server exited or stayed silent before its banner."""


class MockServer:
    """One `understudy mocks ARGUMENTS`: banner read from stdout, the rest kept by a drain thread; stderr in a file."""

    def __init__(self, binary, name, arguments, workdir):
        self.name = name
        self.journal_dir = os.path.join(workdir, f"journal-{name}")
        self.log_path = os.path.join(workdir, f"{name}.stderr")
        self.log = open(self.log_path, "wb")
        command = [binary, "mocks", "--loops", "1", "--journal", self.journal_dir, *arguments]
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self.log)
        self.lines, self.later = [], []

    def wait_for_banner(self):
        """Reads stdout until BANNER_END, bounded by STARTUP_TIMEOUT_SECONDS; raises StartError otherwise."""
        descriptor = self.process.stdout.fileno()
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        pending = b""
        while not any(BANNER_END in line for line in self.lines):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise StartError(f"{self.name}: no banner within {STARTUP_TIMEOUT_SECONDS}s; printed {self.lines}")
            ready, _, _ = select.select([descriptor], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(descriptor, 4096)
            if not chunk:
                try:
                    self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
                except subprocess.TimeoutExpired:
                    pass  # closed its stdout but still running: stop() ends it
                raise StartError(f"{self.name} exited with {self.process.returncode} before its banner; "
                                 f"stderr: {self.stderr()[-500:]}")
            pending += chunk
            *complete, pending = pending.split(b"\n")
            self.lines.extend(line.decode("utf-8", "replace") for line in complete)
        # Keep reading (and keeping) what it prints, so a full pipe never blocks it and a check can see it all.
        threading.Thread(target=self._drain, args=(descriptor,), daemon=True).start()
        return self

    def _drain(self, descriptor):
        try:
            while chunk := os.read(descriptor, 65536):
                self.later.append(chunk.decode("utf-8", "replace"))
        except OSError:
            pass

    def url(self, system, path=""):
        """The URL of `path` on mock `system`, from its banner line."""
        for line in self.lines:
            if line.startswith(system + " "):
                return next(word for word in line.split() if word.startswith(("http://", "https://"))) + path
        raise StartError(f"{self.name}: no {system} line in the banner: {self.lines}")

    def stderr(self):
        if not self.log.closed:
            self.log.flush()
        with open(self.log_path, "rb") as handle:
            return handle.read().decode("utf-8", "replace")

    def everything_written(self):
        """Banner, later stdout, stderr and journal files: what must never hold a secret. Complete once stopped."""
        texts = ["\n".join(self.lines), "".join(self.later), self.stderr()]
        if os.path.isdir(self.journal_dir):
            for name in sorted(os.listdir(self.journal_dir)):
                with open(os.path.join(self.journal_dir, name), "rb") as handle:
                    texts.append(handle.read().decode("utf-8", "replace"))
        return "\n".join(texts)

    def stop(self):
        """SIGTERM, then SIGKILL after STOP_TIMEOUT_SECONDS; idempotent."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
        if not self.log.closed:
            self.log.close()


class Fleet:
    """Every server a check starts; `stop_all` (in the check's finally) leaves none running."""

    def __init__(self, binary, workdir):
        self.binary, self.workdir = binary, workdir
        self.servers = []

    def start(self, name, arguments):
        server = MockServer(self.binary, name, arguments, self.workdir)
        self.servers.append(server)
        return server.wait_for_banner()

    def stop_all(self):
        for server in reversed(self.servers):
            server.stop()


# No proxy, whatever the environment says: loopback only.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def post(url, body, headers):
    """POSTs the raw `body` bytes (Content-Type application/json unless given); (status, parsed JSON or the text)."""
    headers = {"Content-Type": "application/json", **headers}
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with OPENER.open(request, timeout=REQUEST_TIMEOUT_SECONDS) as answer:
            status, raw = answer.status, answer.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw.decode("utf-8", "replace")
