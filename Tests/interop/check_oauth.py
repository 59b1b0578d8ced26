#!/usr/bin/env python3
"""Drives the mock OAuth issuer with authlib, unmodified: RFC 8414 discovery, client credentials, and misbehaviour.

Starts `understudy mocks --only crm,oauth --issuer-auth crm --admin-token T` (loopback, free ports), then with
`authlib` from PyPI: fetches the issuer's metadata and validates it with `AuthorizationServerMetadata.validate()`,
checks the issuer equals the URL it was fetched from (RFC 8414 §3.3), discovers the token endpoint from it, gets a
token with `OAuth2Session` (client_secret_basic and client_secret_post) and creates a lead on the CRM with it. Then the
issuer misbehaves on purpose: a token expired or revoked through the admin API is refused by the CRM with
`invalid_token` and a client that fetches a new token once gets through; RFC 7009 revocation by authlib; a delay
fault on the token route trips authlib's timeout; an `invalid_client` fault raises authlib's `OAuthError`; a 503
sequence fails two fetches, then one succeeds.

Prints one line per check and ends with `N passed, M failed`. Exits 1 on any failed check, 2 on bad usage or a
missing dependency. The server is stopped before it exits (also on SIGTERM), every request is bounded, and no secret
(client secret, admin token, access token) is printed.

usage: check_oauth.py [--binary .build/debug/understudy]
requires: pip install -r Tests/interop/oauth.requirements.txt (authlib, requests)
"""
import argparse
import hashlib
import os
import secrets
import sys
import tempfile
import time

try:
    import requests
    from authlib.integrations.requests_client import OAuth2Session, OAuthError
    from authlib.oauth2.rfc8414 import AuthorizationServerMetadata
except ImportError as error:
    print(f"check_oauth.py: missing dependency ({error}); run: pip install -r Tests/interop/oauth.requirements.txt",
          file=sys.stderr)
    sys.exit(2)

from interop_support import (REQUEST_TIMEOUT_SECONDS, Checks, Fleet, StartError, drop_proxy_environment,  # noqa: E402
                             guarded, require_executable, stop_on_sigterm)

# The delay fault holds the token answer this long; the client gives up after CLIENT_TIMEOUT_SECONDS.
FAULT_DELAY_MS = 3000
CLIENT_TIMEOUT_SECONDS = 0.5
WELL_KNOWN = "/.well-known/oauth-authorization-server"

CLIENT_ID = "understudy"
CLIENT_SECRET = "understudy-secret"  # the built-in issuer's client secret (Mocks/oauth.json)
ADMIN_TOKEN = "admin-" + secrets.token_hex(12)
# Every detail printed is masked by `Checks` for these values; access tokens are added as they are issued.
SECRET_VALUES = [CLIENT_SECRET, ADMIN_TOKEN]
LEAD = {"name": "Ada Lovelace", "company": "Analytical Engines", "reason": "Wants a demo", "phone_number": "+14155550123"}


class Mocks:
    """The started `understudy mocks`: the CRM's and the issuer's base URLs, and an admin client for the issuer."""

    def __init__(self, server):
        self.crm, self.oauth = server.url("crm"), server.url("oauth")

    def admin(self, method, path, body=None, token=ADMIN_TOKEN):
        """A call to the issuer's admin API (`/__admin/...`)."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return plain_session().request(method, self.oauth + "/__admin" + path, json=body, headers=headers,
                                       timeout=REQUEST_TIMEOUT_SECONDS)


def plain_session():
    """A requests session that ignores proxy variables and netrc: loopback only."""
    session = requests.Session()
    session.trust_env = False
    return session


def oauth_session(auth_method="client_secret_basic", token_endpoint=None):
    session = OAuth2Session(CLIENT_ID, CLIENT_SECRET, token_endpoint_auth_method=auth_method,
                            revocation_endpoint_auth_method=auth_method, token_endpoint=token_endpoint)
    session.trust_env = False
    return session


def fetch(session, token_endpoint, timeout=REQUEST_TIMEOUT_SECONDS):
    token = session.fetch_token(token_endpoint, grant_type="client_credentials", timeout=timeout)
    SECRET_VALUES.append(token["access_token"])
    return token


def create_lead(session, mocks, token_endpoint):
    """POST a lead; on 401 `invalid_token`, fetch a new token once and send again, as a tool server must.
    Returns (first answer, final answer)."""
    first = session.post(mocks.crm + "/callbacks", json=LEAD, timeout=REQUEST_TIMEOUT_SECONDS)
    if first.status_code == 401 and 'error="invalid_token"' in first.headers.get("WWW-Authenticate", ""):
        fetch(session, token_endpoint)
        return first, session.post(mocks.crm + "/callbacks", json=LEAD, timeout=REQUEST_TIMEOUT_SECONDS)
    return first, first


# Checks -------------------------------------------------------------------------------------------------------------

def check_discovery(checks, mocks):
    """RFC 8414 metadata, validated by authlib; returns the document (or None)."""
    answer = plain_session().get(mocks.oauth + WELL_KNOWN, timeout=REQUEST_TIMEOUT_SECONDS)
    if not checks.record(answer.status_code == 200 and answer.headers.get("Content-Type", "").startswith("application/json"),
                         f"GET {WELL_KNOWN}: 200 JSON", f"{answer.status_code} {answer.text[:200]}"):
        return None
    document = answer.json()
    metadata = AuthorizationServerMetadata(document)
    try:
        metadata.validate()
        checks.record(True, "authlib AuthorizationServerMetadata.validate() accepts the document")
    except ValueError as error:
        checks.record(False, "authlib AuthorizationServerMetadata.validate() accepts the document", f"{error}: {document}")
    checks.record(document.get("issuer") == mocks.oauth, "issuer is the URL the metadata was fetched from, minus the well-known part",
                  f"issuer {document.get('issuer')!r}, fetched from {mocks.oauth + WELL_KNOWN!r}")
    checks.record(document.get("grant_types_supported") == ["client_credentials"]
                  and set(document.get("token_endpoint_auth_methods_supported", [])) == {"client_secret_basic", "client_secret_post"}
                  and document.get("scopes_supported") == ["leads:write", "tickets:write"],
                  "grant types, client auth methods and scopes are the issuer's", document)
    endpoint = metadata.token_endpoint or ""
    checks.record(endpoint.startswith(mocks.oauth + "/"), "token_endpoint is on the issuer", endpoint)
    return document


def check_tokens(checks, mocks, document):
    """Client credentials by Basic and by form, then a lead on the issuer-auth CRM."""
    token_endpoint = document["token_endpoint"]
    for method in ("client_secret_basic", "client_secret_post"):
        session = oauth_session(method)
        token = fetch(session, token_endpoint)
        checks.record(token.get("token_type") == "Bearer" and token.get("expires_in") == 3600 and token.get("access_token"),
                      f"OAuth2Session.fetch_token ({method}) at the discovered endpoint: a Bearer token for 3600 s",
                      {key: value for key, value in token.items() if key != "access_token"})
        first, _ = create_lead(session, mocks, token_endpoint)
        checks.record(first.status_code == 201, f"the CRM (issuer auth) accepts the {method} token: 201",
                      f"{first.status_code} {first.text[:200]}")


def check_refusal(checks, mocks, document, how):
    """A token made bad through the admin API (`expire` or `revoke`) is refused with invalid_token, then replaced."""
    token_endpoint = document["token_endpoint"]
    session = oauth_session()
    token = fetch(session, token_endpoint)
    selector = {"token": token["access_token"]} if how == "expire" else {"client_id": CLIENT_ID}
    answer = mocks.admin("POST", f"/tokens/{how}", selector)
    checks.record(answer.status_code == 200 and answer.json().get("affected", 0) >= 1,
                  f"POST /__admin/tokens/{how} {list(selector)[0]}: at least one token affected", f"{answer.status_code} {answer.text}")
    first, final = create_lead(session, mocks, token_endpoint)
    challenge = first.headers.get("WWW-Authenticate", "")
    word = "expired" if how == "expire" else "revoked"
    checks.record(first.status_code == 401 and 'error="invalid_token"' in challenge and word in challenge,
                  f"the CRM refuses the {word} token: 401, WWW-Authenticate invalid_token saying {word}",
                  f"{first.status_code} WWW-Authenticate: {challenge}")
    checks.record(final.status_code == 201, "one new token from authlib, and the lead goes through: 201",
                  f"{final.status_code} {final.text[:200]}")


def check_rfc7009(checks, mocks, document):
    """authlib's own revocation call at the discovered revocation endpoint."""
    token_endpoint, endpoint = document["token_endpoint"], document.get("revocation_endpoint")
    if not checks.record(bool(endpoint), "metadata names a revocation_endpoint", document):
        return
    session = oauth_session("client_secret_post")
    token = fetch(session, token_endpoint)
    answer = session.revoke_token(endpoint, token=token["access_token"], token_type_hint="access_token",
                                  timeout=REQUEST_TIMEOUT_SECONDS)
    checks.record(answer.status_code == 200, "OAuth2Session.revoke_token (RFC 7009): 200", f"{answer.status_code} {answer.text}")
    first, final = create_lead(session, mocks, token_endpoint)
    checks.record(first.status_code == 401 and "revoked" in first.headers.get("WWW-Authenticate", "") and final.status_code == 201,
                  "the revoked token is refused, a new one goes through", f"{first.status_code} then {final.status_code}")


def check_admin(checks, mocks, document):
    """Expiry by fingerprint; the listing names tokens by fingerprint only; the admin token is required."""
    token = fetch(oauth_session(), document["token_endpoint"])["access_token"]
    fingerprint = "sha256:" + hashlib.sha256(token.encode()).hexdigest()[:12]
    answer = mocks.admin("POST", "/tokens/expire", {"fingerprint": fingerprint})
    checks.record(answer.status_code == 200 and answer.json().get("affected") == 1,
                  "POST /__admin/tokens/expire by the fingerprint a listing shows: 1 affected", answer.text)
    answer = mocks.admin("GET", "/tokens")
    listing = answer.text
    tokens = answer.json().get("tokens", []) if answer.status_code == 200 else []
    states = {token.get("state") for token in tokens}
    checks.record(answer.status_code == 200 and {"valid", "expired", "revoked"} <= states,
                  "GET /__admin/tokens lists valid, expired and revoked tokens", f"{answer.status_code} states {states}")
    leaked = [value for value in SECRET_VALUES[2:] if value in listing]
    checks.record(not leaked and all(token.get("fingerprint", "").startswith("sha256:") for token in tokens),
                  "the listing shows fingerprints, never a token", f"{len(leaked)} token(s) in the listing")
    unauthorised = mocks.admin("GET", "/tokens", token=None)
    checks.record(unauthorised.status_code == 401, "the token admin needs --admin-token: 401 without it",
                  f"{unauthorised.status_code}")
    bad = mocks.admin("POST", "/tokens/revoke", {"tokn": "x"})
    checks.record(bad.status_code == 400 and "tokn" in bad.text, "an unknown key in the body: 400 naming it", bad.text)


def with_fault(mocks, rule, action):
    """Installs `rule` on the issuer, runs `action`, and removes every fault rule again."""
    answer = mocks.admin("POST", "/faults", rule)
    if answer.status_code != 201:
        raise RuntimeError(f"the fault rule was refused: {answer.status_code} {answer.text}")
    try:
        return action()
    finally:
        mocks.admin("DELETE", "/faults")


def check_faults(checks, mocks, document):
    """Fault rules on the token route, seen through authlib."""
    token_endpoint = document["token_endpoint"]
    slow = {"id": "slow-token", "match": {"route": "issue_token"}, "times": 1, "delay_ms": FAULT_DELAY_MS}

    def slow_fetch():
        started = time.monotonic()
        try:
            fetch(oauth_session(), token_endpoint, timeout=CLIENT_TIMEOUT_SECONDS)
            return "no error", time.monotonic() - started
        except requests.exceptions.Timeout as error:
            return type(error).__name__, time.monotonic() - started
    outcome, seconds = with_fault(mocks, slow, slow_fetch)
    checks.record(outcome in ("ReadTimeout", "Timeout") and seconds < FAULT_DELAY_MS / 1000,
                  f"a {FAULT_DELAY_MS} ms delay on issue_token: authlib's {CLIENT_TIMEOUT_SECONDS} s timeout is raised",
                  f"{outcome} after {seconds:.2f} s")

    refuse = {"id": "refuse-client", "match": {"route": "issue_token"}, "times": 1,
              "action": {"type": "respond", "status": 401, "headers": {"WWW-Authenticate": 'Basic realm="oauth"', "Cache-Control": "no-store"},
                         "body": {"error": "invalid_client", "error_description": "client refused by a fault rule"}}}

    def refused_fetch():
        try:
            fetch(oauth_session(), token_endpoint)
            return "no error"
        except OAuthError as error:
            return error.error
    checks.record(with_fault(mocks, refuse, refused_fetch) == "invalid_client",
                  "a respond-401 rule on issue_token: authlib raises OAuthError, error == 'invalid_client'")

    unavailable = {"id": "token-503", "match": {"route": "issue_token"}, "action": {"type": "status_sequence", "statuses": [503, 503]}}

    def three_fetches():
        outcomes = []
        for _ in range(3):
            try:
                fetch(oauth_session(), token_endpoint)
                outcomes.append("token")
            except requests.exceptions.HTTPError as error:
                outcomes.append(error.response.status_code)
        return outcomes
    outcomes = with_fault(mocks, unavailable, three_fetches)
    checks.record(outcomes == [503, 503, "token"], "a 503, 503 sequence on issue_token: two HTTPErrors, then a token", outcomes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/debug/understudy")
    options = parser.parse_args()
    require_executable(options.binary, "check_oauth.py")
    binary = os.path.abspath(options.binary)
    drop_proxy_environment("AUTHLIB_INSECURE_TRANSPORT")
    stop_on_sigterm()

    checks = Checks(SECRET_VALUES)
    with tempfile.TemporaryDirectory(prefix="check-oauth-") as log_dir:
        fleet = Fleet(binary, log_dir, journal=False)
        try:
            mocks = Mocks(fleet.start("mocks", ["--only", "crm,oauth", "--issuer-auth", "crm",
                                                "--admin-token", ADMIN_TOKEN]))
            checks.record(True, "understudy mocks --only crm,oauth --issuer-auth crm starts")
            document = guarded(checks, "discovery", check_discovery, mocks)
            if document and document.get("token_endpoint"):
                guarded(checks, "tokens", check_tokens, mocks, document)
                guarded(checks, "expire", check_refusal, mocks, document, "expire")
                guarded(checks, "revoke", check_refusal, mocks, document, "revoke")
                guarded(checks, "RFC 7009", check_rfc7009, mocks, document)
                guarded(checks, "token admin", check_admin, mocks, document)
                guarded(checks, "faults", check_faults, mocks, document)
        except (StartError, OSError) as error:
            checks.record(False, "understudy mocks starts", str(error))
        finally:
            fleet.stop_all()
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
