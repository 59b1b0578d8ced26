#!/usr/bin/env python3
"""Checks Understudy's TLS with third-party clients and scanners, against the built `understudy` binary.

Starts `understudy mocks --tls-dir` (all four systems, loopback only) and checks it with curl, Python `requests`,
`requests-oauthlib` (client credentials against the https issuer, and the refusal of a plain http one), Python `ssl`
(ALPN, TLS 1.3 / 1.2, no TLS 1.1, SNI, pipelining, a 1 MiB body), bad input at the TLS port, `openssl s_client` and
`testssl`; then the whole catalogue over TLS in both directions for both dialects (`serve --tls-dir --ca-file` and
`run --ca-file --mock-tls-dir`, with a negative control), and `run --mock-tls` against the in-process reference server.
README.md beside this file lists every check.

Prints one line per check and ends with `N passed, M failed`; a check that cannot run for want of a tool prints
`skip` and counts as neither. Exits 1 on any failed check, 2 on bad usage or a missing dependency. Every server it
starts is stopped before it exits (also on SIGTERM), every subprocess and request is bounded, and no secret is printed.

usage: check_tls.py [--binary .build/debug/understudy] [--keep]
requires: curl, openssl; pip install requests requests-oauthlib; testssl (Debian's testssl.sh) for the scan
"""
import argparse
import json
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import warnings

try:
    import requests
    from oauthlib.oauth2 import BackendApplicationClient, InsecureTransportError
    from requests_oauthlib import OAuth2Session
except ImportError as error:
    print(f"check_tls.py: missing dependency ({error}); run: pip install requests requests-oauthlib", file=sys.stderr)
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "interop"))
from checks import Checks  # noqa: E402  (Tests/checks.py)
from interop_support import (  # noqa: E402  (Tests/interop/interop_support.py: servers started, awaited, stopped)
    Fleet, StartError, drop_proxy_environment, guarded, require_executable, stop_on_sigterm)

HOST = "127.0.0.1"
# Every request, connect and handshake is abandoned after this many seconds (they take milliseconds on loopback).
REQUEST_TIMEOUT_SECONDS = 10
# curl and `openssl s_client` / `openssl x509` runs are killed after this many seconds.
TOOL_TIMEOUT_SECONDS = 30
# One `understudy run` of the catalogue takes 1-3 s; killed after this.
RUN_TIMEOUT_SECONDS = 120
# testssl --protocols --std against loopback takes ~15 s; killed after this.
TESTSSL_TIMEOUT_SECONDS = 240
# The server must close a connection that sent garbage within this many seconds (it closes at once).
GARBAGE_CLOSE_SECONDS = 5

PLAIN_HTTP_ANSWER = "this port speaks HTTPS (TLS); use an https:// URL"
OAUTH_CLIENT_ID = "understudy"
OAUTH_CLIENT_SECRET = "understudy-secret"  # the built-in issuer's client secret (Mocks/oauth.json)
CRM_TOKEN = "crm-" + secrets.token_hex(12)
API_KEY = "tls-" + secrets.token_hex(12)
# Everything printed passes through `redact`; issued access tokens are added when they are seen.
SECRET_VALUES = [CRM_TOKEN, API_KEY, OAUTH_CLIENT_SECRET]
LEAD = {"name": "Ada Lovelace", "company": "Analytical Engines", "reason": "Wants a demo over TLS",
        "phone_number": "+14155550123"}
# Not TLS (no handshake record type first) and not HTTP: the server must close at once.
GARBAGE = bytes((index * 37 + 11) % 256 for index in range(64))
BIG_BODY_BYTES = 1024 * 1024
WEAK_CIPHER_CATEGORIES = ("cipherlist_NULL", "cipherlist_aNULL", "cipherlist_EXPORT", "cipherlist_LOW",
                          "cipherlist_3DES_IDEA")
# testssl 3.0 calls the CBC category AVERAGE, 3.2 OBSOLETED; one of them must be there.
CBC_CIPHER_CATEGORIES = ("cipherlist_AVERAGE", "cipherlist_OBSOLETED")


def redact(text):
    for value in SECRET_VALUES:
        text = text.replace(value, "***")
    return text


class TLSChecks(Checks):
    """`Checks` whose details never show a secret, plus `skip` lines that count as neither passed nor failed."""

    def record(self, ok, label, detail=""):
        return super().record(ok, label, redact(str(detail)))

    def skip(self, label, reason):
        print(f"skip  {label}: {reason}")

    def note(self, text):
        print(f"note  {redact(text)}")


# Servers ------------------------------------------------------------------------------------------------------------

class Mocks:
    """The TLS mocks under test: the CA clients trust and each system's port."""

    def __init__(self, server, ca):
        self.server, self.ca = server, ca
        self.crm, self.ticketing = server.port("crm "), server.port("ticketing ")
        self.webhook, self.oauth = server.port("webhook "), server.port("oauth ")

    @staticmethod
    def url(port, path, host=HOST):
        return f"https://{host}:{port}{path}"


# Clients ------------------------------------------------------------------------------------------------------------

def http_session():
    """A requests session that ignores proxy variables, netrc and CA-bundle variables: loopback, as configured here."""
    session = requests.Session()
    session.trust_env = False
    return session


def request_count(mocks, port):
    answer = http_session().get(Mocks.url(port, "/__admin/requests/count"), verify=mocks.ca,
                                timeout=REQUEST_TIMEOUT_SECONDS)
    answer.raise_for_status()
    return answer.json()["count"]


def tls_context(cafile, alpn=None, maximum=None):
    context = ssl.create_default_context(cafile=cafile)
    if alpn:
        context.set_alpn_protocols(alpn)
    if maximum:
        context.maximum_version = maximum
    return context


def open_tls(port, context, server_hostname="localhost"):
    raw = socket.create_connection((HOST, port), timeout=REQUEST_TIMEOUT_SECONDS)
    try:
        return context.wrap_socket(raw, server_hostname=server_hostname)
    except BaseException:
        raw.close()
        raise


def format_request(method, path, port, headers=None, body=b"", close=False):
    lines = [f"{method} {path} HTTP/1.1", f"Host: localhost:{port}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body)}")
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def read_response(stream):
    """One HTTP/1.1 response from a buffered binary stream: (status, lower-cased headers, body). Content-Length only."""
    status_line = stream.readline(65537)
    if not status_line:
        raise ConnectionError("closed before a response")
    parts = status_line.decode("latin-1").split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
        raise ValueError(f"not an HTTP/1.x status line: {status_line[:80]!r}")
    headers = {}
    while True:
        line = stream.readline(65537)
        if not line:
            raise ConnectionError("closed inside a response head")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if "transfer-encoding" in headers:
        raise ValueError(f"Transfer-Encoding {headers['transfer-encoding']!r}: this checker reads Content-Length bodies")
    length = int(headers.get("content-length", "0"))
    body = stream.read(length)
    if len(body) < length:
        raise ConnectionError(f"closed after {len(body)} of {length} body bytes")
    return int(parts[1]), headers, body


def exchange(connection, data, answers=1):
    """Sends `data` in one sendall and reads `answers` responses from the same connection."""
    connection.sendall(data)
    stream = connection.makefile("rb")
    try:
        return [read_response(stream) for _ in range(answers)]
    finally:
        stream.close()


def good_request(mocks, port):
    """A fresh verified connection and one request: the status of GET /__admin/requests/count."""
    return http_session().get(Mocks.url(port, "/__admin/requests/count"), verify=mocks.ca,
                              timeout=REQUEST_TIMEOUT_SECONDS).status_code


def read_until_closed(connection, seconds):
    """Reads until the peer closes or resets: (closed, bytes read, seconds taken); closed is False on timeout."""
    started = time.monotonic()
    deadline = started + seconds
    received = b""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False, received, time.monotonic() - started
        connection.settimeout(remaining)
        try:
            chunk = connection.recv(4096)
        except socket.timeout:
            return False, received, time.monotonic() - started
        except (ConnectionResetError, BrokenPipeError):
            return True, received, time.monotonic() - started
        if not chunk:
            return True, received, time.monotonic() - started
        received += chunk


def run_tool(command, timeout=TOOL_TIMEOUT_SECONDS, stdin=subprocess.DEVNULL):
    """Runs a command with a bound; (exit code, stdout, stderr) as text. A run over the bound is killed and raises."""
    result = subprocess.run(command, stdin=stdin, capture_output=True, timeout=timeout)
    return result.returncode, result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")


def curl(*arguments):
    # -q first: no ~/.curlrc; no proxy whatever the environment says.
    return run_tool(["curl", "-q", "--silent", "--show-error", "--noproxy", "*",
                     "--max-time", str(REQUEST_TIMEOUT_SECONDS), *arguments])


def can_bind_ipv6_loopback():
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


# 1. curl ------------------------------------------------------------------------------------------------------------

def check_curl(checks, fleet, mocks, workdir):
    # The token travels in a 0600 file (-H @file), never on a command line.
    headers = os.path.join(workdir, "crm-headers")
    descriptor = os.open(headers, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(f"Authorization: Bearer {CRM_TOKEN}\nContent-Type: application/json\n")
    count_url = Mocks.url(mocks.crm, "/__admin/requests/count")

    def curl_count(*extra):
        code, out, err = curl("--cacert", mocks.ca, *extra)
        return json.loads(out)["count"] if code == 0 else None

    before = curl_count(count_url)
    code, out, err = curl("--cacert", mocks.ca, "-H", f"@{headers}", "--data-binary", json.dumps(LEAD),
                          "--write-out", "\n%{http_code}", Mocks.url(mocks.crm, "/callbacks"))
    body, _, status = out.rpartition("\n")
    checks.record(code == 0 and status == "201", "curl --cacert ca.pem: POST /callbacks -> 201",
                  f"exit {code}, status {status!r}, body {body[:200]!r}, stderr {err.strip()[:200]!r}")
    after = curl_count(count_url)
    checks.record(before is not None and after == before + 1, "curl --cacert ca.pem: the CRM's request count rose by 1",
                  f"before {before}, after {after}")

    code, out, err = curl(count_url)
    checks.record(code == 60, "curl without --cacert: exit 60 (certificate problem)",
                  f"exit {code}: {err.strip()[:200]!r}")

    code, out, err = curl("--cacert", mocks.ca, "--write-out", "\n%{http_code}",
                          Mocks.url(mocks.crm, "/__admin/requests/count", host="localhost"))
    checks.record(code == 0 and out.endswith("\n200"), "curl https://localhost:PORT (name in the certificate) -> 200",
                  f"exit {code}, output {out[-100:]!r}, stderr {err.strip()[:200]!r}")

    if can_bind_ipv6_loopback():
        # The mocks bind 127.0.0.1 by default; a second CRM on ::1 with the same CA checks the ::1 name and IPv6.
        ipv6 = fleet.start_command("mocks-ipv6", ["mocks", "--only", "crm", "--host", "::1", "--tls-dir",
                                          os.path.dirname(mocks.ca), "--crm-token", CRM_TOKEN])
        try:
            port = ipv6.port("crm ")
            code, out, err = curl("--cacert", mocks.ca, "--write-out", "\n%{http_code}",
                                  f"https://[::1]:{port}/__admin/requests/count")
            checks.record(code == 0 and out.endswith("\n200"), "curl https://[::1]:PORT (mocks --host ::1) -> 200",
                          f"exit {code}, output {out[-100:]!r}, stderr {err.strip()[:200]!r}")
        finally:
            ipv6.stop()
    else:
        checks.skip("curl https://[::1]:PORT", "this machine cannot bind ::1")

    code, out, err = curl("--verbose", "--output", os.devnull, "--cacert", mocks.ca, count_url)
    alpn = re.search(r"ALPN[:,] server accepted (to use )?http/1\.1", err)
    tls13 = re.search(r"SSL connection using TLSv1\.3", err)
    checks.record(code == 0 and bool(alpn) and bool(tls13), "curl -v: ALPN http/1.1 accepted, TLSv1.3",
                  f"exit {code}, ALPN line {'found' if alpn else 'missing'}, TLSv1.3 line "
                  f"{'found' if tls13 else 'missing'}: "
                  + " | ".join(line for line in err.splitlines() if "ALPN" in line or "SSL connection" in line))


# 2. requests --------------------------------------------------------------------------------------------------------

def check_requests(checks, mocks):
    url = Mocks.url(mocks.crm, "/callbacks")
    auth = {"Authorization": f"Bearer {CRM_TOKEN}"}
    try:
        answer = http_session().post(url, json=LEAD, headers=auth, verify=mocks.ca, timeout=REQUEST_TIMEOUT_SECONDS)
        status, detail = answer.status_code, f"status {answer.status_code}: {answer.text[:200]}"
    except requests.exceptions.RequestException as error:
        status, detail = None, f"{type(error).__name__}: {error}"
    checks.record(status == 201, "requests verify=ca.pem: POST /callbacks -> 201", detail)

    before = request_count(mocks, mocks.crm)
    try:
        answer = http_session().post(url, json=LEAD, headers=auth, timeout=REQUEST_TIMEOUT_SECONDS)
        outcome = f"answered {answer.status_code}"
    except requests.exceptions.SSLError:
        outcome = "SSLError"
    except requests.exceptions.RequestException as error:
        outcome = f"{type(error).__name__}: {error}"
    after = request_count(mocks, mocks.crm)
    checks.record(outcome == "SSLError" and after == before,
                  "requests with the default trust store: SSLError, nothing reaches the CRM",
                  f"{outcome}; CRM count {before} -> {after}")


# 3. requests-oauthlib -----------------------------------------------------------------------------------------------

def fetch_token(token_url, verify):
    session = OAuth2Session(client=BackendApplicationClient(client_id=OAUTH_CLIENT_ID))
    session.trust_env = False
    token = session.fetch_token(token_url=token_url, client_id=OAUTH_CLIENT_ID, client_secret=OAUTH_CLIENT_SECRET,
                                verify=verify, timeout=REQUEST_TIMEOUT_SECONDS)
    if token.get("access_token"):
        SECRET_VALUES.append(token["access_token"])
    return session, token


def is_bearer_token(token):
    return (bool(token.get("access_token")) and str(token.get("token_type", "")).lower() == "bearer"
            and float(token.get("expires_in", 0)) > 0)


def check_oauth(checks, fleet, mocks):
    if "OAUTHLIB_INSECURE_TRANSPORT" in os.environ:
        checks.record(False, "OAUTHLIB_INSECURE_TRANSPORT is unset", "it is set; the https checks would prove nothing")
        return
    try:
        session, token = fetch_token(Mocks.url(mocks.oauth, "/oauth/token"), mocks.ca)
        ok, detail = is_bearer_token(token), f"token fields {sorted(token)}, token_type {token.get('token_type')!r}"
    except Exception as error:  # any failure of the library is this check's failure
        session, ok, detail = None, False, f"{type(error).__name__}: {error}"
    checks.record(ok, "requests-oauthlib fetch_token over https (verify=ca.pem, no insecure switch) -> bearer token",
                  detail)

    # The ticketing mock runs with --issuer-auth ticketing: only the issuer's tokens open it.
    tickets = Mocks.url(mocks.ticketing, "/tickets?phone=%2B14155550123")
    refused = http_session().get(tickets, verify=mocks.ca, timeout=REQUEST_TIMEOUT_SECONDS).status_code
    accepted = (session.get(tickets, verify=mocks.ca, timeout=REQUEST_TIMEOUT_SECONDS).status_code
                if session is not None else None)
    checks.record(refused == 401 and accepted == 200,
                  "the issued token opens the ticketing mock (--issuer-auth) over https; no token -> 401",
                  f"without token {refused}, with token {accepted}")

    plain = fleet.start_command("mocks-plain-oauth", ["mocks", "--only", "oauth"])
    try:
        plain_url = plain.banner_url("oauth ")
        count_url = plain_url + "/__admin/requests/count"
        try:
            fetch_token(plain_url + "/oauth/token", True)
            outcome = "a token"
        except InsecureTransportError:
            outcome = "InsecureTransportError"
        except Exception as error:
            outcome = f"{type(error).__name__}: {error}"
        sent = http_session().get(count_url, timeout=REQUEST_TIMEOUT_SECONDS).json()["count"]
        checks.record(plain_url.startswith("http://") and outcome == "InsecureTransportError" and sent == 0,
                      "requests-oauthlib against a plain http:// issuer: InsecureTransportError, nothing sent",
                      f"issuer {plain_url}: {outcome}; requests the issuer saw {sent}")
        # Control: the same call is refused only for its transport; with the switch on, the plain issuer answers.
        os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"
        try:
            _, token = fetch_token(plain_url + "/oauth/token", True)
            ok, detail = is_bearer_token(token), f"token fields {sorted(token)}"
        except Exception as error:
            ok, detail = False, f"{type(error).__name__}: {error}"
        finally:
            del os.environ["OAUTHLIB_INSECURE_TRANSPORT"]
        checks.record(ok, "control: the plain issuer grants a token once OAUTHLIB_INSECURE_TRANSPORT=1", detail)
    finally:
        plain.stop()


# 4. Python ssl ------------------------------------------------------------------------------------------------------

def count_over(connection, port):
    status, _, body = exchange(connection, format_request("GET", "/__admin/requests/count", port))[0]
    return status, body


def tls11_attempt(port, ca):
    """A TLS 1.1-only handshake: ("accepted", version), ("server", reason) when the server refused it, or
    ("client", reason) when this machine's OpenSSL would not even send the ClientHello."""
    context = tls_context(ca)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version = ssl.TLSVersion.TLSv1_1
        context.maximum_version = ssl.TLSVersion.TLSv1_1
    # Security level 0 lets OpenSSL 3 offer TLS 1.1 (with SHA-1) at all, so the server is really asked.
    context.set_ciphers("DEFAULT@SECLEVEL=0")
    try:
        with open_tls(port, context) as connection:
            return "accepted", connection.version()
    except ssl.SSLError as error:
        local = error.reason in ("NO_CIPHERS_AVAILABLE", "NO_PROTOCOLS_AVAILABLE", "NO_SUITABLE_SIGNATURE_ALGORITHM")
        return ("client" if local else "server"), f"{error.reason or error}"
    except OSError as error:  # a reset or close instead of an alert is a refusal too
        return "server", f"{type(error).__name__}: {error}"


def s_client_tls11(port):
    """`openssl s_client -tls1_1`: same answers as tls11_attempt."""
    code, out, err = run_tool(["openssl", "s_client", "-connect", f"{HOST}:{port}", "-servername", "localhost",
                               "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"])
    text = out + err
    completed = re.search(r"Cipher is (?!\(NONE\))", text)
    if code == 0 or completed:
        return "accepted", f"exit {code}, " + " | ".join(line for line in text.splitlines() if "Cipher is" in line)
    if re.search(r"no protocols available|no ciphers available|unsupported protocol", text, re.IGNORECASE):
        return "client", text.strip().splitlines()[0][:200] if text.strip() else f"exit {code}"
    return "server", "alert protocol version" if "alert protocol version" in text else f"exit {code}"


def check_tls11_refused(checks, label, attempts):
    """Records that TLS 1.1 is refused. `attempts` are tried in order until one really offers TLS 1.1 to the server;
    when none can, the check passes with a note (testssl's TLS1_1 finding then carries the proof)."""
    for attempt in attempts:
        side, detail = attempt()
        if side != "client":
            break
        checks.note(f"{label}: this client would not offer TLS 1.1 ({detail})")
    checks.record(side != "accepted", label, f"the server accepted TLS 1.1: {detail}")
    if side == "server":
        checks.note(f"{label}: refused by the server ({detail})")


def check_python_ssl(checks, mocks):
    with open_tls(mocks.crm, tls_context(mocks.ca, alpn=["h2", "http/1.1"])) as connection:
        selected, version = connection.selected_alpn_protocol(), connection.version()
        status, body = count_over(connection, mocks.crm)
    checks.record(selected == "http/1.1", "ssl: ALPN offer h2,http/1.1 -> http/1.1 selected", f"selected {selected!r}")
    checks.record(version == "TLSv1.3" and status == 200, "ssl: TLS 1.3 handshake and a request -> 200",
                  f"version {version}, status {status}")

    with open_tls(mocks.crm, tls_context(mocks.ca, maximum=ssl.TLSVersion.TLSv1_2)) as connection:
        version, cipher = connection.version(), connection.cipher()[0]
        status, body = count_over(connection, mocks.crm)
    aead = "ECDHE" in cipher and ("GCM" in cipher or "CHACHA20" in cipher)
    checks.record(version == "TLSv1.2" and aead and status == 200,
                  "ssl: TLS 1.2 (maximum_version) with an ECDHE AEAD cipher and a request -> 200",
                  f"version {version}, cipher {cipher}, status {status}")

    check_tls11_refused(checks, "ssl: a TLS 1.1-only client is refused",
                        [lambda: tls11_attempt(mocks.crm, mocks.ca), lambda: s_client_tls11(mocks.crm)])

    try:
        with open_tls(mocks.crm, tls_context(mocks.ca), server_hostname="wrong.example") as connection:
            outcome = f"handshake completed ({connection.version()})"
    except ssl.SSLCertVerificationError as error:
        outcome = "SSLCertVerificationError"
        checks.note(f"wrong SNI: {error.verify_message}")
    except (ssl.SSLError, OSError) as error:
        outcome = f"{type(error).__name__}: {error}"
    checks.record(outcome == "SSLCertVerificationError",
                  "ssl: server_hostname wrong.example (CA loaded, check_hostname) -> SSLCertVerificationError", outcome)
    status = good_request(mocks, mocks.crm)
    checks.record(status == 200, "ssl: a good request right after the wrong-SNI one -> 200", f"status {status}")

    auth = {"Authorization": f"Bearer {CRM_TOKEN}", "Content-Type": "application/json"}
    names = ["Pipelined One", "Pipelined Two"]
    data = b"".join(format_request("POST", "/callbacks", mocks.crm, auth, json.dumps(dict(LEAD, name=name)).encode(),
                                   close=index == 1) for index, name in enumerate(names))
    try:
        with open_tls(mocks.crm, tls_context(mocks.ca)) as connection:
            answers = exchange(connection, data, answers=2)
        found = [(status, [name for name in names if name.encode() in body]) for status, _, body in answers]
        detail = f"answers (status, names) {found}"
        ok = found == [(201, [names[0]]), (201, [names[1]])]
    except (OSError, ValueError) as error:
        ok, detail = False, f"{type(error).__name__}: {error}"
    checks.record(ok, "ssl: two POSTs pipelined in one sendall over one TLS connection -> both answered, in order",
                  detail)

    body = (secrets.token_hex(BIG_BODY_BYTES // 2)).encode()
    headers = {"Content-Type": "text/plain"}
    try:
        with open_tls(mocks.webhook, tls_context(mocks.ca)) as connection:
            status = exchange(connection, format_request("POST", "/tls-big-body", mocks.webhook, headers, body,
                                                         close=True))[0][0]
        detail = f"status {status}"
    except (OSError, ValueError) as error:
        status, detail = None, f"{type(error).__name__}: {error}"
    checks.record(status is not None and 200 <= status < 300, "ssl: 1 MiB POST body to the webhook mock over TLS -> 2xx",
                  detail)
    found = http_session().post(Mocks.url(mocks.webhook, "/__admin/requests/find"), json={"path": "/tls-big-body"},
                                verify=mocks.ca, timeout=REQUEST_TIMEOUT_SECONDS).json().get("requests", [])
    recorded = found[-1].get("body", "") if found else ""
    checks.record(recorded == body.decode(), "ssl: the webhook journal holds the 1 MiB body byte for byte",
                  f"{len(found)} matching requests, last body {len(recorded)} characters")


# 5. Bad input at the TLS port ---------------------------------------------------------------------------------------

def check_bad_input(checks, mocks):
    with socket.create_connection((HOST, mocks.crm), timeout=REQUEST_TIMEOUT_SECONDS) as connection:
        connection.sendall(format_request("GET", "/__admin/requests/count", mocks.crm, close=True))
        closed, received, _ = read_until_closed(connection, REQUEST_TIMEOUT_SECONDS)
    head, _, body = received.partition(b"\r\n\r\n")
    status_line = head.split(b"\r\n", 1)[0].decode("latin-1")
    checks.record(status_line.startswith("HTTP/1.1 400") and PLAIN_HTTP_ANSWER in body.decode("utf-8", "replace"),
                  f"plain HTTP to the TLS port -> 400 {PLAIN_HTTP_ANSWER!r}",
                  f"status line {status_line!r}, body {body[:120]!r}, closed {closed}")

    with socket.create_connection((HOST, mocks.crm), timeout=REQUEST_TIMEOUT_SECONDS) as connection:
        connection.sendall(GARBAGE)
        closed, received, took = read_until_closed(connection, GARBAGE_CLOSE_SECONDS)
    # A TLS alert record before the close is fine; anything else the server sends back is not.
    checks.record(closed and (received == b"" or received[:1] == b"\x15"),
                  f"64 bytes of garbage -> connection closed within {GARBAGE_CLOSE_SECONDS} s",
                  f"closed {closed} after {took:.2f} s, received {received[:40]!r}")
    status = good_request(mocks, mocks.crm)
    checks.record(status == 200, "a good request after the garbage -> 200", f"status {status}")


# 6. openssl s_client ------------------------------------------------------------------------------------------------

def check_s_client(checks, mocks):
    base = ["openssl", "s_client", "-connect", f"{HOST}:{mocks.crm}", "-CAfile", mocks.ca, "-verify_return_error",
            "-servername", "localhost"]
    code, out, err = run_tool(base)
    checks.record(code == 0 and "Verify return code: 0 (ok)" in out,
                  "openssl s_client -CAfile ca.pem -verify_return_error -servername localhost: verify 0 (ok), exit 0",
                  f"exit {code}: " + " | ".join(line.strip() for line in (out + err).splitlines()
                                               if "erify" in line or "error" in line)[:300])

    code, out, err = run_tool(base + ["-verify_hostname", "wrong.example"])
    checks.record(code != 0 and "Verify return code: 0 (ok)" not in out,
                  "openssl s_client -verify_hostname wrong.example: verify error, non-zero exit",
                  f"exit {code}: " + " | ".join(line.strip() for line in (out + err).splitlines()
                                               if "erify" in line or "error" in line)[:300])

    check_tls11_refused(checks, "openssl s_client -tls1_1: handshake fails", [lambda: s_client_tls11(mocks.crm)])


# 7. testssl ---------------------------------------------------------------------------------------------------------

def check_testssl(checks, mocks, workdir):
    testssl = shutil.which("testssl") or shutil.which("testssl.sh")
    label = "testssl --protocols --std: only TLS 1.2 and 1.3, no weak cipher category"
    if testssl is None:
        checks.skip(label, "skipped: testssl not installed")
        return
    report = os.path.join(workdir, "testssl.json")
    command = [testssl, "--quiet", "--color", "0", "--warnings", "off", "--nodns", "none",
               "--connect-timeout", "10", "--openssl-timeout", "10",
               "--protocols", "--std", "--jsonfile", report, f"{HOST}:{mocks.crm}"]
    started = time.monotonic()
    try:
        code, out, err = run_tool(command, timeout=TESTSSL_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        checks.record(False, label, f"testssl ran over {TESTSSL_TIMEOUT_SECONDS}s")
        return
    try:
        with open(report, encoding="utf-8") as handle:
            findings = {finding["id"]: finding for finding in json.load(handle)}
    except (OSError, ValueError, KeyError, TypeError) as error:
        checks.record(False, label, f"no JSON report ({error}); exit {code}; output {(out + err)[-400:]!r}")
        return
    checks.note(f"testssl took {time.monotonic() - started:.0f} s")
    problems = {}

    def expect(identifier, wanted_prefix):
        finding = findings.get(identifier)
        if finding is None:
            problems[identifier] = "missing"
        elif not finding.get("finding", "").startswith(wanted_prefix):
            problems[identifier] = (f"{finding.get('finding')!r} (severity {finding.get('severity')}), "
                                    f"expected {wanted_prefix!r}")

    for protocol in ("SSLv2", "SSLv3", "TLS1", "TLS1_1"):
        expect(protocol, "not offered")
    for protocol in ("TLS1_2", "TLS1_3"):
        expect(protocol, "offered")
    cbc = [identifier for identifier in CBC_CIPHER_CATEGORIES if identifier in findings]
    for identifier in WEAK_CIPHER_CATEGORIES + tuple(cbc or CBC_CIPHER_CATEGORIES[:1]):
        expect(identifier, "not offered")
    expect("cipherlist_STRONG", "offered")
    # Anything else testssl rates worse than OK / INFO (or a scan problem: WARN, FATAL) fails too.
    for identifier, finding in findings.items():
        severity = finding.get("severity", "")
        if severity not in ("OK", "INFO") and identifier not in problems:
            problems[identifier] = f"{finding.get('finding')!r} (severity {severity})"
    checks.record(not problems, label, "; ".join(f"{identifier}: {problem}" for identifier, problem in problems.items()))


# 8. The catalogue over TLS both ways --------------------------------------------------------------------------------

def understudy_run(binary, arguments):
    return run_tool([binary, "run", *arguments], timeout=RUN_TIMEOUT_SECONDS)


def run_detail(code, out, err):
    return f"exit {code}; stdout {out.strip()[-300:]!r}; stderr {err.strip()[-300:]!r}"


def check_catalogue(checks, fleet, binary, workdir):
    mock_dir = os.path.join(workdir, "catalogue-mock-tls")
    maker = fleet.start_command("mocks-ca-maker", ["mocks", "--only", "webhook", "--tls-dir", mock_dir])
    maker.stop()
    mock_ca = os.path.join(mock_dir, "ca.pem")
    if not checks.record(os.path.isfile(mock_ca), "mocks --only webhook --tls-dir MOCKDIR made MOCKDIR/ca.pem",
                         f"{os.listdir(mock_dir) if os.path.isdir(mock_dir) else 'no folder'}"):
        return
    with open(mock_ca, "rb") as handle:
        mock_ca_bytes = handle.read()

    for dialect in ("feather", "oneinbox"):
        serve_dir = os.path.join(workdir, f"serve-tls-{dialect}")
        serve_ca = os.path.join(serve_dir, "ca.pem")
        reports = os.path.join(workdir, f"reports-{dialect}")
        serve = fleet.start_command(f"serve-{dialect}", ["serve", "--dialect", dialect, "--tls-dir", serve_dir,
                                                 "--ca-file", mock_ca, "--api-key", API_KEY])

        def arguments(target, *extra):
            return ["--target", target, "--api-key", API_KEY, "--dialect", dialect, "--capabilities", "all",
                    "--mock-tls-dir", mock_dir, "--quiet", *extra]

        try:
            target = serve.banner_url("reference tool server")
            code, out, err = understudy_run(binary, arguments(target, "--ca-file", serve_ca, "--report-dir", reports))
            checks.record(code == 0 and target.startswith("https://"),
                          f"{dialect}: run over TLS both ways (serve --ca-file, run --ca-file --mock-tls-dir) -> exit 0",
                          f"target {target}; {run_detail(code, out, err)}; serve stderr {redact(serve.stderr()[-300:])!r}")
            try:
                with open(os.path.join(reports, "mock-ca.pem"), "rb") as handle:
                    copied = handle.read()
            except OSError as error:
                copied = f"unreadable: {error}".encode()
            checks.record(copied == mock_ca_bytes, f"{dialect}: R/mock-ca.pem equals MOCKDIR/ca.pem byte for byte",
                          f"{len(copied)} bytes vs {len(mock_ca_bytes)}")

            code, out, err = understudy_run(binary, arguments(target, "--report-dir", reports + "-no-ca-file"))
            checks.record(code == 2 and "untrusted issuer" in err and "--ca-file" in err,
                          f"{dialect}: run --target https://... without --ca-file -> exit 2, 'untrusted issuer', "
                          "'--ca-file'", run_detail(code, out, err))
        finally:
            serve.stop()

        # Negative control: a target that does not trust the mock CA cannot reach the https mocks, so cases fail.
        untrusting = fleet.start_command(f"serve-{dialect}-no-ca-file", ["serve", "--dialect", dialect, "--tls-dir", serve_dir,
                                                                 "--api-key", API_KEY])
        try:
            code, out, err = understudy_run(binary, arguments(untrusting.banner_url("reference tool server"), "--ca-file",
                                                              serve_ca, "--report-dir", reports + "-control"))
            checks.record(code == 1, f"{dialect}: control: serve without --ca-file cannot reach the https mocks -> exit 1",
                          run_detail(code, out, err))
        finally:
            untrusting.stop()


# 9. In-process reference server -------------------------------------------------------------------------------------

def check_in_process(checks, binary, workdir):
    reports = os.path.join(workdir, "reports-in-process")
    code, out, err = understudy_run(binary, ["--mock-tls", "--report-dir", reports, "--quiet"])
    checks.record(code == 0, "run --mock-tls (in-process reference server) -> exit 0", run_detail(code, out, err))
    code, out, err = run_tool(["openssl", "x509", "-in", os.path.join(reports, "mock-ca.pem"), "-noout", "-text"])
    checks.record(code == 0 and re.search(r"CA:TRUE", out) is not None,
                  "R/mock-ca.pem is a CA certificate (openssl x509 -text: CA:TRUE)",
                  f"exit {code}; {err.strip()[:200]!r}")


# Main ---------------------------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/debug/understudy")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (CAs, reports, server logs)")
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    require_executable(binary, "check_tls.py")
    for tool in ("curl", "openssl"):
        if shutil.which(tool) is None:
            print(f"check_tls.py: {tool} is not installed", file=sys.stderr)
            return 2
    # No proxy for loopback traffic, and no relaxing of oauthlib's https rule.
    drop_proxy_environment("OAUTHLIB_INSECURE_TRANSPORT")
    stop_on_sigterm()

    started = time.monotonic()
    checks = TLSChecks()
    workdir = tempfile.mkdtemp(prefix="check-tls-")
    fleet = Fleet(binary, workdir)
    try:
        mock_dir = os.path.join(workdir, "mock-tls")
        try:
            server = fleet.start_command("mocks", ["mocks", "--tls-dir", mock_dir, "--crm-token", CRM_TOKEN,
                                           "--issuer-auth", "ticketing"])
            mocks = Mocks(server, os.path.join(mock_dir, "ca.pem"))
            started_ok = any(line.startswith("tls: clients must trust the CA in") for line in server.lines)
            checks.record(started_ok and os.path.isfile(mocks.ca), "mocks --tls-dir: banner names DIR/ca.pem, file there",
                          f"banner {server.lines}")
        except (StartError, OSError) as error:
            checks.record(False, "mocks --tls-dir starts", str(error))
            mocks = None
        if mocks is not None:
            guarded(checks, "curl", check_curl, fleet, mocks, workdir)
            guarded(checks, "requests", check_requests, mocks)
            guarded(checks, "requests-oauthlib", check_oauth, fleet, mocks)
            guarded(checks, "ssl", check_python_ssl, mocks)
            guarded(checks, "bad input", check_bad_input, mocks)
            guarded(checks, "openssl s_client", check_s_client, mocks)
            guarded(checks, "testssl", check_testssl, mocks, workdir)
            server.stop()
        guarded(checks, "catalogue over TLS", check_catalogue, fleet, binary, workdir)
        guarded(checks, "in-process run --mock-tls", check_in_process, binary, workdir)
    finally:
        fleet.stop_all()
        if options.keep:
            print(f"note  work folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"note  {time.monotonic() - started:.0f} s in all")
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
