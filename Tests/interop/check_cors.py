#!/usr/bin/env python3
"""Checks `understudy mocks --cors` with a real browser: headless Chromium driven by Selenium.

Serves two pages on loopback (two origins: different ports), starts `understudy mocks --only crm --cors ORIGIN_A`,
and from each page's script calls the mock CRM with `fetch` as a web agent builder's "test this tool" button would:
a JSON POST with an `Authorization` header, which makes the browser send a preflight first. From the allowed origin
the lead is stored and the page reads the answer, the admin API and an exposed header; from the other origin the
browser refuses to send the POST, and no lead is stored. The mock's journal shows the preflight as answered by the
mock itself (`answered_by: admin`).

Prints one line per check and ends with `N passed, M failed`. Exits 1 on any failed check, 2 on bad usage or a
missing dependency. Every server and the browser are stopped before it exits; every wait is bounded.

usage: check_cors.py --binary .build/debug/understudy
requires: chromium and chromium-driver (Debian); pip install selenium
"""
import argparse
import http.server
import shutil
import sys
import tempfile
import threading

try:
    import selenium  # noqa: F401  (driven through interop_support.chromium)
except ImportError as error:
    print(f"check_cors: missing dependency: {error}; pip install selenium", file=sys.stderr)
    sys.exit(2)

from interop_support import Checks, Fleet, call_json, chromium, require_executable, stop_on_sigterm

STARTUP_TIMEOUT_SECONDS = 30
SCRIPT_TIMEOUT_SECONDS = 15
CRM_TOKEN = "crm-token"  # the built-in definition's token: not a secret of anyone's

PAGE = b"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>tool tester</title></head>
<body><p>A page that calls a mock from the browser.</p></body></html>"""

# Runs in the page: POSTs a lead with a bearer token (not CORS-safelisted, so a preflight goes first) and reports what
# the page could read, or the error the browser raised.
FETCH_LEAD = """
const [url, token, done] = arguments;
fetch(url + "/callbacks", {method: "POST", headers: {"Authorization": "Bearer " + token, "Content-Type": "application/json"},
      body: JSON.stringify({name: "Ada Lovelace", company: "AE", reason: "browser test", phone_number: "+14155550123"})})
  .then(async answer => done({status: answer.status, body: await answer.json()}))
  .catch(error => done({error: String(error)}));
"""


class PageServer:
    """Serves PAGE on 127.0.0.1 at a free port, on its own thread: one browser origin."""

    def __init__(self):
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(PAGE)))
                self.end_headers()
                self.wfile.write(PAGE)

            def log_message(self, *arguments):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def admin(url, path, body=None):
    """The parsed answer of the CRM's admin API (`/__admin/...`): a POST of `body` as JSON, or a GET."""
    return call_json("POST" if body is not None else "GET", url + "/__admin" + path, body)[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    arguments = parser.parse_args()
    require_executable(arguments.binary, "check_cors")
    stop_on_sigterm()
    checks = Checks(pass_mark="pass")
    allowed, other = PageServer(), PageServer()
    workdir = tempfile.mkdtemp(prefix="check-cors-")
    fleet, driver = Fleet(arguments.binary, workdir, journal=False), None
    try:
        crm = fleet.start("crm", ["--only", "crm", "--cors", allowed.origin], STARTUP_TIMEOUT_SECONDS).url("crm")
        driver = chromium("check_cors", script_timeout=SCRIPT_TIMEOUT_SECONDS)

        driver.get(allowed.origin + "/")
        result = driver.execute_async_script(FETCH_LEAD, crm, CRM_TOKEN)
        checks.record(result.get("status") == 201 and str(result.get("body", {}).get("id", "")).startswith("lead_"),
                      "an allowed origin's POST with a bearer token is answered 201 and readable", result)
        preflights = admin(crm, "/requests/find", {"method": "OPTIONS", "path": "/callbacks"})["requests"]
        checks.record(len(preflights) == 1 and preflights[0]["answered_by"] == "admin" and preflights[0]["status"] == 204,
                      "the browser's preflight reached the mock and was answered by it (answered_by admin, 204)",
                      preflights)
        admin_read = driver.execute_async_script(
            "const [url, done] = arguments; fetch(url + '/__admin/collections/leads').then(a => a.json())"
            ".then(b => done(b.held)).catch(e => done(String(e)));", crm)
        checks.record(admin_read == 1, "the allowed page reads the admin API too", admin_read)
        exposed = driver.execute_async_script(
            "const [url, done] = arguments; fetch(url + '/__admin/requests')"
            ".then(a => done(a.headers.get('X-Journal-Recorded'))).catch(e => done(String(e)));", crm)
        checks.record(exposed == "2", "the page reads an exposed header (X-Journal-Recorded)", exposed)

        driver.get(other.origin + "/")
        refused = driver.execute_async_script(FETCH_LEAD, crm, CRM_TOKEN)
        checks.record("error" in refused and "status" not in refused, "another origin's fetch is refused by the browser",
                      refused)
        held = admin(crm, "/collections/leads")["held"]
        checks.record(held == 1, "the refused origin stored no lead (the browser never sent the POST)", f"held {held}")
        posts = admin(crm, "/requests/count", {"method": "POST"})["count"]
        checks.record(posts == 1, "exactly one POST reached the mock", f"{posts} POSTs")
    except Exception as error:  # a crash of the check itself is a failure, never a pass
        checks.record(False, "the checks ran to the end", repr(error))
    finally:
        if driver:
            driver.quit()
        fleet.stop_all()
        allowed.stop()
        other.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(checks.finish())


if __name__ == "__main__":
    main()
