"""What every interop check (and Tests/tls/check_tls.py) shares: `understudy` servers started, awaited by their banner
and stopped; the checks counter; bounded loopback requests; headless Chromium.

Not a check itself (run.sh runs only check_*.py). Every mock server is started with `--loops 1` (and, through a
journaled Fleet, a journal folder of its own under the work folder); every server is awaited for at most
STARTUP_TIMEOUT_SECONDS, and stopped by
`Fleet.stop_all` with SIGTERM (SIGKILL after STOP_TIMEOUT_SECONDS). Every request ignores proxy variables and gives up
after REQUEST_TIMEOUT_SECONDS. `stop_on_sigterm` turns `timeout`'s SIGTERM into SystemExit so every `finally` runs.
"""
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import checks as _checks  # noqa: E402  (Tests/checks.py)

# The last line `understudy mocks` prints once it listens; nothing is sent before it.
BANNER_END = "running; press Ctrl-C to stop"
# How long a started server may take to print its banner (a start may ask for longer).
STARTUP_TIMEOUT_SECONDS = 20
# Every request is abandoned after this many seconds (they take milliseconds on loopback).
REQUEST_TIMEOUT_SECONDS = 10
# How long a stopped server may take to exit after SIGTERM before it is killed.
STOP_TIMEOUT_SECONDS = 5
# Variables that would send loopback traffic elsewhere; `drop_proxy_environment` removes them.
PROXY_ENVIRONMENT = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
# Headless Chromium as every browser check runs it.
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu")


# Process set-up ------------------------------------------------------------------------------------------------------

def require_executable(binary, program):
    """Exits 2 with a clear message unless `binary` is an executable file."""
    if not os.access(binary, os.X_OK):
        print(f"{program}: {binary} is not an executable; build first (swift build)", file=sys.stderr)
        sys.exit(2)


def stop_on_sigterm():
    """`timeout` ends a check with SIGTERM: turn it into SystemExit so that its finally stops every server."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def drop_proxy_environment(*more):
    for name in (*PROXY_ENVIRONMENT, *more):
        os.environ.pop(name, None)


# Checks --------------------------------------------------------------------------------------------------------------

class Checks(_checks.Checks):
    """Tests/checks.py's counter (one line per check, `N passed, M failed`, `finish()` gives exit code 1 on a failure);
    every detail passes through `redact`, which masks each value of the (growing) `secret_values` list."""

    def __init__(self, secret_values=(), pass_mark="ok"):
        super().__init__()
        self.secret_values = secret_values  # the caller's list, kept by reference: secrets issued later count too
        self.pass_mark = pass_mark

    def redact(self, text):
        for value in self.secret_values:
            text = text.replace(value, "***")
        return text

    def record(self, ok, label, detail=""):
        if ok and self.pass_mark != "ok":
            self.passed += 1
            print(f"{self.pass_mark:<6}{label}")
            return ok
        return super().record(ok, label, self.redact(str(detail)))


def guarded(checks, label, function, *arguments):
    """Runs one group of checks; an exception it did not expect is that group's failure, and the next group runs."""
    try:
        return function(checks, *arguments)
    except Exception as error:
        checks.record(False, f"{label}: ran to the end", f"{type(error).__name__}: {error}")
        return None


# Mocks ---------------------------------------------------------------------------------------------------------------

class StartError(Exception):
    """A server exited or stayed silent before its banner."""


class Server:
    """One started `understudy COMMAND ...`: banner read from stdout, the rest kept by a drain thread; stderr in a file."""

    def __init__(self, name, command, workdir):
        self.name = name
        self.log_path = os.path.join(workdir, f"{name}.stderr")
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self.log)
        self.lines, self.later = [], []

    def wait_for_banner(self, timeout=STARTUP_TIMEOUT_SECONDS):
        """Reads stdout until BANNER_END, bounded by `timeout` seconds; raises StartError otherwise."""
        descriptor = self.process.stdout.fileno()
        deadline = time.monotonic() + timeout
        pending = b""
        while not any(BANNER_END in line for line in self.lines):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise StartError(f"{self.name}: no banner within {timeout}s; printed {self.lines}")
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
                                 f"printed {self.lines}; stderr: {self.stderr()[-500:]}")
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

    def banner_url(self, prefix):
        """The first http(s) URL on the banner line starting with `prefix` (`crm `, `dashboard:`)."""
        for line in self.lines:
            if line.startswith(prefix):
                return next(word for word in line.split() if word.startswith(("http://", "https://")))
        raise StartError(f"{self.name}: no banner line starting with {prefix!r}: {self.lines}")

    def port(self, prefix):
        """The port of `banner_url(prefix)`."""
        return urllib.parse.urlsplit(self.banner_url(prefix)).port

    def stderr(self):
        if not self.log.closed:
            self.log.flush()
        with open(self.log_path, "rb") as handle:
            return handle.read().decode("utf-8", "replace")

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


class MockServer(Server):
    """`understudy mocks --loops 1 ARGUMENTS`. With `journal`, the server writes its journal to a folder of its own
    under `workdir`."""

    def __init__(self, binary, name, arguments, workdir, journal=True):
        self.journal_dir = os.path.join(workdir, f"journal-{name}") if journal else None
        journal_flags = ["--journal", self.journal_dir] if journal else []
        super().__init__(name, [binary, "mocks", "--loops", "1", *journal_flags, *arguments], workdir)

    def url(self, system, path=""):
        """The URL of `path` on mock `system`, from its banner line."""
        return self.banner_url(system + " ") + path

    def dashboard_url(self, path=""):
        """The dashboard's URL, from the banner line `dashboard: http://...`."""
        return self.banner_url("dashboard:") + path

    def everything_written(self):
        """Banner, later stdout, stderr and journal files: what must never hold a secret. Complete once stopped."""
        texts = ["\n".join(self.lines), "".join(self.later), self.stderr()]
        if self.journal_dir and os.path.isdir(self.journal_dir):
            for name in sorted(os.listdir(self.journal_dir)):
                with open(os.path.join(self.journal_dir, name), "rb") as handle:
                    texts.append(handle.read().decode("utf-8", "replace"))
        return "\n".join(texts)


class Fleet:
    """Every server a check starts; `stop_all` (in the check's finally) leaves none running."""

    def __init__(self, binary, workdir, journal=True):
        self.binary, self.workdir, self.journal = binary, workdir, journal
        self.servers = []

    def start(self, name, arguments, timeout=STARTUP_TIMEOUT_SECONDS):
        """`understudy mocks ... ARGUMENTS` (a `MockServer`), once its banner is out."""
        return self._started(MockServer(self.binary, name, arguments, self.workdir, self.journal), timeout)

    def start_command(self, name, arguments, timeout=STARTUP_TIMEOUT_SECONDS):
        """`understudy ARGUMENTS` (any command that prints the banner: `mocks`, `serve`), once its banner is out."""
        return self._started(Server(name, [self.binary, *arguments], self.workdir), timeout)

    def _started(self, server, timeout):
        self.servers.append(server)
        return server.wait_for_banner(timeout)

    def stop_all(self):
        for server in reversed(self.servers):
            server.stop()


# Requests ------------------------------------------------------------------------------------------------------------

# No proxy, whatever the environment says: loopback only.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def request(method, url, data=None, headers=None):
    """(status, parsed JSON or the text) of one request of raw `data` bytes; the status of an error answer too."""
    outgoing = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with OPENER.open(outgoing, timeout=REQUEST_TIMEOUT_SECONDS) as answer:
            status, raw = answer.status, answer.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw.decode("utf-8", "replace")


def post(url, body, headers):
    """POSTs the raw `body` bytes (Content-Type application/json unless given); (status, parsed JSON or the text)."""
    return request("POST", url, body, {"Content-Type": "application/json", **headers})


def call_json(method, url, body=None, headers=None):
    """`body` (if any) sent as JSON; (status, parsed JSON or the text)."""
    data = json.dumps(body).encode() if body is not None else None
    content_type = {"Content-Type": "application/json"} if data is not None else {}
    return request(method, url, data, {**content_type, **(headers or {})})


# Browser -------------------------------------------------------------------------------------------------------------

def chromium(program, extra_flags=(), script_timeout=None):
    """Headless Chromium through Selenium: CHROMIUM_FLAGS (+ `extra_flags`), the binary `chromium` or
    `chromium-browser`, `chromedriver` from PATH. Exits 2 with a clear message when Selenium or the driver is missing;
    the caller quits the returned session in its finally."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as error:
        print(f"{program}: missing dependency ({error}); run: pip install selenium", file=sys.stderr)
        sys.exit(2)
    options = webdriver.ChromeOptions()
    for flag in (*CHROMIUM_FLAGS, *extra_flags):
        options.add_argument(flag)
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    driver = shutil.which("chromedriver")
    if not driver:
        print(f"{program}: chromedriver not found on PATH (Debian's chromium-driver)", file=sys.stderr)
        sys.exit(2)
    session = webdriver.Chrome(service=Service(driver), options=options)
    if script_timeout is not None:
        session.set_script_timeout(script_timeout)
    return session
