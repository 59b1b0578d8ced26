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
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError as error:
    print(f"check_cors: missing dependency: {error}; pip install selenium", file=sys.stderr)
    sys.exit(2)

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


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print(f"pass  {name}")
        else:
            self.failed += 1
            print(f"FAIL  {name}: {detail}")


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


def start_mocks(binary, allowed_origin):
    """Starts the mock CRM allowing `allowed_origin`; returns (process, crm URL) once the banner printed it."""
    process = subprocess.Popen([binary, "mocks", "--only", "crm", "--loops", "1", "--cors", allowed_origin],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    url = None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if line.startswith("crm "):
            url = next(word for word in line.split() if word.startswith("http://"))
        if line.startswith("running;"):
            threading.Thread(target=process.stdout.read, daemon=True).start()  # keep the pipe drained
            return process, url
    process.kill()
    raise RuntimeError(f"understudy mocks did not start: {process.stderr.read()[-2000:]}")


def admin(url, path, body=None):
    request = urllib.request.Request(url + "/__admin" + path, method="POST" if body is not None else "GET",
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def browser():
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    driver = shutil.which("chromedriver")
    if not driver:
        print("check_cors: chromedriver not found (Debian's chromium-driver)", file=sys.stderr)
        sys.exit(2)
    session = webdriver.Chrome(service=Service(driver), options=options)
    session.set_script_timeout(SCRIPT_TIMEOUT_SECONDS)
    return session


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    arguments = parser.parse_args()
    if not os.access(arguments.binary, os.X_OK):
        print(f"check_cors: no executable at {arguments.binary}", file=sys.stderr)
        sys.exit(2)
    checks = Checks()
    allowed, other = PageServer(), PageServer()
    process, driver = None, None
    try:
        process, crm = start_mocks(arguments.binary, allowed.origin)
        driver = browser()

        driver.get(allowed.origin + "/")
        result = driver.execute_async_script(FETCH_LEAD, crm, CRM_TOKEN)
        checks.check("an allowed origin's POST with a bearer token is answered 201 and readable",
                     result.get("status") == 201 and str(result.get("body", {}).get("id", "")).startswith("lead_"), result)
        preflights = admin(crm, "/requests/find", {"method": "OPTIONS", "path": "/callbacks"})["requests"]
        checks.check("the browser's preflight reached the mock and was answered by it (answered_by admin, 204)",
                     len(preflights) == 1 and preflights[0]["answered_by"] == "admin" and preflights[0]["status"] == 204,
                     preflights)
        admin_read = driver.execute_async_script(
            "const [url, done] = arguments; fetch(url + '/__admin/collections/leads').then(a => a.json())"
            ".then(b => done(b.held)).catch(e => done(String(e)));", crm)
        checks.check("the allowed page reads the admin API too", admin_read == 1, admin_read)
        exposed = driver.execute_async_script(
            "const [url, done] = arguments; fetch(url + '/__admin/requests')"
            ".then(a => done(a.headers.get('X-Journal-Recorded'))).catch(e => done(String(e)));", crm)
        checks.check("the page reads an exposed header (X-Journal-Recorded)", exposed == "2", exposed)

        driver.get(other.origin + "/")
        refused = driver.execute_async_script(FETCH_LEAD, crm, CRM_TOKEN)
        checks.check("another origin's fetch is refused by the browser", "error" in refused and "status" not in refused,
                     refused)
        held = admin(crm, "/collections/leads")["held"]
        checks.check("the refused origin stored no lead (the browser never sent the POST)", held == 1, f"held {held}")
        posts = admin(crm, "/requests/count", {"method": "POST"})["count"]
        checks.check("exactly one POST reached the mock", posts == 1, f"{posts} POSTs")
    except Exception as error:  # a crash of the check itself is a failure, never a pass
        checks.check("the checks ran to the end", False, repr(error))
    finally:
        if driver:
            driver.quit()
        if process:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        allowed.stop()
        other.stop()
    print(f"{checks.passed} passed, {checks.failed} failed")
    sys.exit(1 if checks.failed else 0)


if __name__ == "__main__":
    main()
