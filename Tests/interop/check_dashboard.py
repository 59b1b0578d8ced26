#!/usr/bin/env python3
"""Drives the mocks' live dashboard in a real headless Chromium (Selenium) while a plain HTTP client uses the CRM.

Starts `understudy mocks --admin-token A --crm-token T` (loopback, free ports), opens the dashboard URL from the
banner, and checks, without ever reloading the page unless a check says so:

- the API refuses calls without the admin token, and the page asks for it (a password field) before it shows data;
- a lead POSTed to the CRM with urllib appears in the request feed and in the CRM's leads table within 2 s;
- its detail shows the body pretty-printed and the Authorization header masked, and neither the CRM token nor the
  admin token is anywhere in the page source; the page loaded nothing from outside its own origin;
- the status filter hides rows that do not match;
- "Add fault: 503, 503" on the CRM makes the next POST answer 503, and that 503 appears in the feed;
- "Reset system" empties the leads table and the CRM's rows;
- a reload asks for the token again (nothing was stored: no cookie, no web storage);
- 10,000 leads POSTed over keep-alive connections leave at most 500 rows in the open page, and a fresh load with
  10,000 journal entries shows its 500 newest rows within 5 s.

Screenshots of each step go to --screenshots (default .build/ci-reports/dashboard). Prints one line per check and
ends with `N passed, M failed`; exits 1 on a failed check, 2 on bad usage or a missing dependency. Every wait is
bounded (WebDriverWait, request timeouts); the server and the browser are always stopped (also on SIGTERM).

usage: check_dashboard.py --binary .build/debug/understudy [--screenshots DIR]
requires: pip install selenium; Debian's chromium and chromium-driver
"""
import argparse
import json
import os
import secrets
import sys
import tempfile
import threading
import time
import urllib.parse
from http.client import HTTPConnection

try:
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError as error:
    print(f"check_dashboard.py: missing dependency ({error}); run: pip install selenium", file=sys.stderr)
    sys.exit(2)

from interop_support import (REQUEST_TIMEOUT_SECONDS, Checks, Fleet, StartError, call_json, chromium,  # noqa: E402
                             require_executable, stop_on_sigterm)

# How soon a request must show in the page (the bound), and how long other page changes may take.
LIVE_SECONDS = 2
PAGE_SECONDS = 10
# The load part: leads POSTed, by this many threads on keep-alive connections; the page keeps this many rows.
MANY_LEADS, POSTING_THREADS, MAX_ROWS = 10_000, 4, 500
# A fresh load with MANY_LEADS journal entries must show its rows within this many seconds.
LOAD_SECONDS = 5
ADMIN_TOKEN = "admin-" + secrets.token_hex(12)
CRM_TOKEN = "crm-" + secrets.token_hex(12)
LEAD = {"name": "Grace Hopper", "company": "Compilers Ltd", "reason": "Wants the dashboard demo",
        "phone_number": "+14155550199"}


def post_lead(crm, lead):
    return call_json("POST", crm + "/callbacks", lead, {"Authorization": f"Bearer {CRM_TOKEN}"})


def post_many(crm, count, threads):
    """POSTs `count` leads with `threads` keep-alive connections; returns how many were answered 201."""
    address = urllib.parse.urlsplit(crm)
    created = []

    def worker(number):
        connection = HTTPConnection(address.hostname, address.port, timeout=REQUEST_TIMEOUT_SECONDS)
        ok = 0
        try:
            for index in range(number, count, threads):
                body = json.dumps(dict(LEAD, name=f"Load {index}"))
                connection.request("POST", "/callbacks", body, {"Authorization": f"Bearer {CRM_TOKEN}",
                                                                "Content-Type": "application/json"})
                answer = connection.getresponse()
                answer.read()
                ok += answer.status == 201
        except OSError:
            pass  # counted as not created
        finally:
            connection.close()
            created.append(ok)

    workers = [threading.Thread(target=worker, args=(number,)) for number in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=300)
    return sum(created)


def row_count(driver):
    return driver.execute_script("return document.querySelectorAll('#feed-rows tr').length")


def waits_for(driver, seconds, condition):
    """True when `condition(driver)` becomes truthy within `seconds` (polled by WebDriverWait), else False."""
    try:
        WebDriverWait(driver, seconds, poll_frequency=0.05).until(lambda d: condition(d))
        return True
    except TimeoutException:
        return False


def feed_rows(driver, system=None, status=None):
    rows = driver.find_elements(By.CSS_SELECTOR, "#feed-rows tr")
    return [row for row in rows if row.is_displayed()
            and (system is None or row.get_attribute("data-system") == system)
            and (status is None or row.get_attribute("data-status") == str(status))]


def leads_table_text(driver):
    tables = driver.find_elements(By.ID, "collection-crm-leads")
    return tables[0].text if tables else ""


def crm_card(driver):
    return driver.find_element(By.ID, "system-crm")


def run_checks(checks, driver, mocks, screenshots):
    dashboard, crm = mocks.dashboard_url(), mocks.url("crm")
    shot = lambda name: driver.save_screenshot(os.path.join(screenshots, name + ".png"))  # noqa: E731

    status, _ = call_json("GET", dashboard + "/api/systems")
    checks.record(status == 401, "the dashboard's API refuses a call without the admin token", f"got {status}")
    driver.get(dashboard + "/")
    asked = waits_for(driver, PAGE_SECONDS, lambda d: d.find_element(By.ID, "token-input").is_displayed())
    shot("1-token")
    checks.record(asked and not driver.find_element(By.ID, "board").is_displayed(),
                  "the page asks for the admin token before it shows anything")
    driver.find_element(By.ID, "token-input").send_keys(ADMIN_TOKEN)
    driver.find_element(By.ID, "token-submit").click()
    connected = waits_for(driver, PAGE_SECONDS, lambda d: d.find_element(By.ID, "board").is_displayed()
                          and d.find_elements(By.ID, "collection-crm-leads"))
    shot("2-connected")
    checks.record(connected, "with the token the page shows the feed and the CRM's leads table")
    if not connected:
        return

    status, _ = post_lead(crm, LEAD)
    appeared = waits_for(driver, LIVE_SECONDS, lambda d: feed_rows(d, "crm", 201))
    checks.record(status == 201 and appeared, f"a lead POSTed to the CRM shows in the feed within {LIVE_SECONDS} s",
                  f"POST answered {status}; rows: {[r.text for r in feed_rows(driver)]}")
    in_table = waits_for(driver, LIVE_SECONDS, lambda d: LEAD["name"] in leads_table_text(d)
                         and LEAD["phone_number"] in leads_table_text(d))
    shot("3-lead")
    checks.record(in_table, f"the lead shows in the leads table within {LIVE_SECONDS} s", leads_table_text(driver)[:200])

    if appeared:
        feed_rows(driver, "crm", 201)[0].find_element(By.TAG_NAME, "button").click()
        detailed = waits_for(driver, PAGE_SECONDS, lambda d: d.find_element(By.ID, "detail").is_displayed()
                             and LEAD["company"] in d.find_element(By.ID, "detail-body").text)
        shot("4-detail")
        headers = driver.find_element(By.ID, "detail-headers").text
        checks.record(detailed and '"company": "Compilers Ltd"' in driver.find_element(By.ID, "detail-body").text,
                      "the detail shows the body pretty-printed", driver.find_element(By.ID, "detail-body").text[:200])
        checks.record("Authorization *** (secret)" in headers, "the detail shows the Authorization header masked", headers)
        source = driver.page_source
        checks.record(CRM_TOKEN not in source and ADMIN_TOKEN not in source,
                      "neither the CRM token nor the admin token is anywhere in the page source")
        origins = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))")
        checks.record(origins == [], "the page loads nothing from outside its own origin", str(origins))

    status_filter = driver.find_element(By.ID, "filter-status")
    status_filter.send_keys("404")
    filtered = waits_for(driver, PAGE_SECONDS, lambda d: not feed_rows(d))
    shot("5-filter")
    status_filter.clear()
    status_filter.send_keys("2xx")
    checks.record(filtered and waits_for(driver, PAGE_SECONDS, lambda d: feed_rows(d, "crm", 201)),
                  "the status filter hides rows that do not match (404) and shows those that do (2xx)")
    status_filter.clear()
    status_filter.send_keys(" ")  # an input event with an empty value: every row again
    status_filter.clear()

    crm_card(driver).find_element(By.CSS_SELECTOR, "button[data-fault='503']").click()
    listed = waits_for(driver, PAGE_SECONDS, lambda d: "status_sequence 503, 503" in crm_card(d).text)
    status, _ = post_lead(crm, LEAD)
    seen = waits_for(driver, LIVE_SECONDS, lambda d: feed_rows(d, "crm", 503))
    shot("6-fault")
    checks.record(listed and status == 503, "a 503 fault added from the page answers the next request 503",
                  f"listed {listed}, answered {status}")
    checks.record(seen, f"the 503 shows in the feed within {LIVE_SECONDS} s")

    crm_card(driver).find_element(By.CSS_SELECTOR, "button[data-action='reset']").click()
    emptied = waits_for(driver, PAGE_SECONDS, lambda d: "No records." in leads_table_text(d)
                        and LEAD["name"] not in leads_table_text(d))
    shot("7-reset")
    faults = call_json("GET", dashboard + "/api/systems/crm/faults", headers={"X-Admin-Token": ADMIN_TOKEN})[1]
    checks.record(emptied and not feed_rows(driver, "crm") and faults.get("faults") == [],
                  "\"Reset system\" empties the leads table, the CRM's rows and its fault rules",
                  f"table: {leads_table_text(driver)[:120]!r}; faults: {faults}")

    driver.refresh()
    asked_again = waits_for(driver, PAGE_SECONDS, lambda d: d.find_element(By.ID, "token-input").is_displayed())
    stored = driver.execute_script("return [document.cookie, localStorage.length, sessionStorage.length]")
    shot("8-reload")
    checks.record(asked_again and stored == ["", 0, 0], "a reload asks for the token again: nothing was stored",
                  f"stored: {stored}")
    if not asked_again:
        return
    driver.find_element(By.ID, "token-input").send_keys(ADMIN_TOKEN)
    driver.find_element(By.ID, "token-submit").click()
    waits_for(driver, PAGE_SECONDS, lambda d: d.find_element(By.ID, "board").is_displayed())

    created = post_many(crm, MANY_LEADS, POSTING_THREADS)
    capped = waits_for(driver, PAGE_SECONDS, lambda d: row_count(d) == MAX_ROWS
                       and "Load" in leads_table_text(d))
    shot("9-many")
    checks.record(created == MANY_LEADS and capped and row_count(driver) == MAX_ROWS,
                  f"{MANY_LEADS} leads arriving leave the open page at {MAX_ROWS} rows (and reach the leads table)",
                  f"created {created}, rows {row_count(driver)}")
    driver.get("about:blank")  # else only the fragment would change, and the page would not load again
    driver.get(dashboard + "/#token=" + urllib.parse.quote(ADMIN_TOKEN))
    started = time.monotonic()
    loaded = waits_for(driver, LOAD_SECONDS, lambda d: row_count(d) == MAX_ROWS)
    elapsed = time.monotonic() - started
    shot("10-load")
    checks.record(loaded and ADMIN_TOKEN not in driver.current_url,
                  f"a fresh load with {MANY_LEADS} journal entries shows the newest {MAX_ROWS} rows within {LOAD_SECONDS} s"
                  " (token from the #fragment, removed from the address bar)",
                  f"{elapsed:.1f} s, rows {row_count(driver)}, url {driver.current_url.split('#')[0]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--screenshots", default=os.path.join(".build", "ci-reports", "dashboard"))
    arguments = parser.parse_args()
    require_executable(arguments.binary, "check_dashboard.py")
    os.makedirs(arguments.screenshots, exist_ok=True)
    stop_on_sigterm()
    checks, driver = Checks([ADMIN_TOKEN, CRM_TOKEN]), None
    with tempfile.TemporaryDirectory(prefix="check-dashboard-") as workdir:
        fleet = Fleet(arguments.binary, workdir, journal=False)
        try:
            mocks = fleet.start("mocks", ["--admin-token", ADMIN_TOKEN, "--crm-token", CRM_TOKEN])
            checks.record(any(line.startswith("dashboard: http://127.0.0.1:") for line in mocks.lines),
                          "the banner prints the dashboard's URL", str(mocks.lines))
            driver = chromium("check_dashboard.py", ["--window-size=1280,1000"])
            run_checks(checks, driver, mocks, arguments.screenshots)
        except (StartError, RuntimeError, WebDriverException, OSError) as error:
            checks.record(False, "the check ran to its end", f"{type(error).__name__}: {error}")
        finally:
            if driver is not None:
                driver.quit()
            fleet.stop_all()
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
