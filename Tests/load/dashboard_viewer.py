#!/usr/bin/env python3
"""Keeps N dashboards "open" on a running `understudy mocks` for dashboard_bench.sh, until SIGTERM or --seconds.

Default: N stdlib clients that make exactly the page's calls (Sources/MockSystems/Dashboard/Resources/dashboard.js):
GET /api/systems and /api/requests?limit=500 once, then long polls GET /api/events?after=C&wait_ms=25000&limit=500
(pausing 250 ms after a poll that brought events, 1 s after one that missed some; reading /api/requests?limit=500 afresh when events were missed),
and after events for a system at most every 300 ms its fault rules and each collection's newest 200 records.
With --chromium: N real headless Chromium tabs on the page instead (needs selenium, chromium, chromium-driver).

Prints `viewer polls=P events=E refreshes=R errors=X` at the end. Every request is bounded (30 s).
usage: dashboard_viewer.py --url http://127.0.0.1:PORT [--viewers N] [--seconds S] [--chromium]
"""
import argparse
import json
import signal
import sys
import threading
import time
import urllib.request

REFRESH_SECONDS = 0.3
POLL_PAUSE_SECONDS = 0.25
BUSY_POLL_PAUSE_SECONDS = 1.0
stop = threading.Event()
counts = {"polls": 0, "events": 0, "refreshes": 0, "errors": 0}
lock = threading.Lock()


def get(url):
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.loads(answer.read() or b"null")


def count(name, amount=1):
    with lock:
        counts[name] += amount


def viewer(base):
    """One page's calls, in a loop, until `stop` is set."""
    try:
        systems = get(base + "/api/systems")["systems"]
        cursor = get(base + "/api/requests?limit=500")["cursor"]
    except OSError:
        count("errors")
        return
    collections = {system["name"]: system["collections"] for system in systems}
    last_refresh = {}
    while not stop.is_set():
        try:
            answer = get(f"{base}/api/events?after={cursor}&wait_ms=25000&limit=500")
            count("polls")
            count("events", len(answer["events"]))
            cursor = answer["next"]
            if answer["missed"]:
                cursor = get(base + "/api/requests?limit=500")["cursor"]
            for name in {event["system"] for event in answer["events"]}:
                if time.monotonic() - last_refresh.get(name, 0) < REFRESH_SECONDS:
                    continue
                last_refresh[name] = time.monotonic()
                get(f"{base}/api/systems/{name}/faults")
                for collection in collections.get(name, []):
                    get(f"{base}/api/systems/{name}/collections/{collection}?limit=200")
                count("refreshes")
            if answer["missed"]:
                stop.wait(BUSY_POLL_PAUSE_SECONDS)
            elif answer["events"]:
                stop.wait(POLL_PAUSE_SECONDS)
        except OSError:
            count("errors")
            stop.wait(0.5)


def chromium_tabs(base, viewers):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    import shutil
    drivers = []
    for _ in range(viewers):
        options = webdriver.ChromeOptions()
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
            options.add_argument(flag)
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if binary:
            options.binary_location = binary
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
        driver.get(base + "/")
        drivers.append(driver)
    return drivers


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--viewers", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=3600)
    parser.add_argument("--chromium", action="store_true")
    arguments = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    base = arguments.url.rstrip("/")
    drivers = []
    try:
        if arguments.chromium:
            drivers = chromium_tabs(base, arguments.viewers)
        else:
            for _ in range(arguments.viewers):
                threading.Thread(target=viewer, args=(base,), daemon=True).start()
        stop.wait(arguments.seconds)
    finally:
        stop.set()
        for driver in drivers:
            driver.quit()
    print("viewer " + " ".join(f"{name}={value}" for name, value in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
