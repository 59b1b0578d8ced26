#!/usr/bin/env python3
"""Checks the webhook mock's signature verification with the signing code of the schemes' own libraries.

For each scheme it starts `understudy mocks --only webhook --webhook-signature SCHEME` (loopback, a free port, its own
process) and sends it requests signed by third-party code, unmodified: `standardwebhooks.Webhook(secret).sign` and
`svix.webhooks.Webhook(secret).sign` (Standard Webhooks), `slack_sdk.signature.SignatureVerifier(secret)
.generate_signature` (Slack), a `Stripe-Signature` header built as Stripe's documentation says and checked by
`stripe.WebhookSignature.verify_header` first, GitHub's published test vector, and Python's `hmac` for Understudy's
own scheme. Correct signatures must be answered 2xx; one changed body byte, a stale timestamp or a wrong secret 401
`invalid_signature` with a message naming what failed. README.md beside this file has the table.

Prints one line per check and ends with `N passed, M failed`. Exits 1 on any failed check, 2 on bad usage or a missing
dependency. Every server it starts is stopped before it exits (also on SIGTERM), every request is bounded, and no
secret is printed (every secret is random per run, except GitHub's published one, and masked in every line).

usage: check_signatures.py [--binary .build/debug/understudy] [--keep]
requires: pip install -r signatures.requirements.txt (standardwebhooks svix slack_sdk stripe)
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import datetime, timezone

try:
    import standardwebhooks
    import stripe
    import svix.webhooks
    from slack_sdk.signature import SignatureVerifier
except ImportError as error:
    print(f"check_signatures.py: missing dependency ({error}); run: pip install -r "
          "Tests/interop/signatures.requirements.txt", file=sys.stderr)
    sys.exit(2)

from interop_support import (Checks, Fleet, drop_proxy_environment, guarded, post, require_executable,  # noqa: E402
                             stop_on_sigterm)

# A refused start (bad flags) must exit within this many seconds.
REFUSAL_TIMEOUT_SECONDS = 20
# A timestamp this far in the past is outside the mocks' default 300 s tolerance.
STALE_SECONDS = 3600

# Secrets: random per run; GitHub's vector secret is public (docs.github.com, "Validating webhook deliveries").
STANDARD_SECRET = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
STANDARD_OLD_SECRET = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
STRIPE_SECRET = "whsec_" + secrets.token_hex(16)
SLACK_SECRET = secrets.token_hex(16)
HMAC_SECRET = "hmac-" + secrets.token_hex(16)
GITHUB_PLANTED_SECRET = "gh-" + secrets.token_hex(16)
GITHUB_VECTOR_SECRET = "It's a Secret to Everybody"
GITHUB_VECTOR_PAYLOAD = b"Hello, World!"
GITHUB_VECTOR_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
# Every detail printed is masked by `Checks` for these values (GitHub's published secret is no secret and stays readable).
SECRET_VALUES = [STANDARD_SECRET, STANDARD_OLD_SECRET, STRIPE_SECRET, SLACK_SECRET, HMAC_SECRET, GITHUB_PLANTED_SECRET]
SECRET_VALUES += [value[len("whsec_"):] for value in (STANDARD_SECRET, STANDARD_OLD_SECRET)]
# A JSON event with non-ASCII text: what is signed is the UTF-8 bytes, exactly as sent.
EVENT = json.dumps({"type": "call.ended", "data": {"id": "call_1", "note": "naïve café ☎"}}, ensure_ascii=False)


# Requests -----------------------------------------------------------------------------------------------------------

def expect(checks, server, label, body, headers, status, words=None):
    """One check: `status` (2: any 2xx); for a 401, an `invalid_signature` body whose message holds `words`."""
    answered, answer = post(server.url("webhook", "/events"), body, headers)
    if status == 2:
        ok = 200 <= answered < 300
    else:
        message = answer.get("message", "") if isinstance(answer, dict) else ""
        ok = answered == status and isinstance(answer, dict) and answer.get("error") == "invalid_signature" \
            and (words is None or words in message)
    return checks.record(ok, f"{server.name}: {label} -> {'2xx' if status == 2 else status}",
                         f"answered {answered}: {str(answer)[:300]}")


def changed(body):
    """`body` with one byte changed (the last, so any JSON stays the same length)."""
    return body[:-1] + bytes([body[-1] ^ 0x01])


def now():
    return datetime.now(tz=timezone.utc)


def start(fleet, scheme, *secrets_given):
    """The webhook mock alone, verifying `scheme` signatures made with any of `secrets_given`."""
    flags = [flag for secret in secrets_given for flag in ("--webhook-secret", secret)]
    return fleet.start(scheme, ["--only", "webhook", "--webhook-signature", scheme, *flags])


# Schemes ------------------------------------------------------------------------------------------------------------

def check_standard_webhooks(checks, fleet):
    server = start(fleet, "standard-webhooks", STANDARD_SECRET, STANDARD_OLD_SECRET)
    body = EVENT.encode()
    for library, signer in (("standardwebhooks", standardwebhooks.Webhook), ("svix.webhooks", svix.webhooks.Webhook)):
        def headers(msg_id, at, secret=STANDARD_SECRET):
            signature = signer(secret).sign(msg_id=msg_id, timestamp=at, data=EVENT)
            return {"webhook-id": msg_id, "webhook-timestamp": str(int(at.timestamp())), "webhook-signature": signature,
                    "Content-Type": "application/json"}

        signed = headers(f"msg_{library}_{secrets.token_hex(6)}", now())
        expect(checks, server, f"{library}.Webhook(secret).sign", body, signed, 2)
        expect(checks, server, f"{library}: one body byte changed", changed(body), signed, 401, "does not match")
        expect(checks, server, f"{library}: signed {STALE_SECONDS} s ago", body,
               headers(f"msg_{library}_stale", datetime.fromtimestamp(time.time() - STALE_SECONDS, tz=timezone.utc)),
               401, "away from now (in the past)")
        expect(checks, server, f"{library}: the same delivery again (replay)", body, signed, 401, "replayed delivery")
        expect(checks, server, f"{library}: signed with the older of two configured secrets (rotation)", body,
               headers(f"msg_{library}_old", now(), STANDARD_OLD_SECRET), 2)
    # Rotation on the sender's side: two signatures, space-separated, only the second by a configured secret.
    other = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
    SECRET_VALUES.append(other)
    msg_id, at = f"msg_two_{secrets.token_hex(6)}", now()
    both = " ".join(standardwebhooks.Webhook(secret).sign(msg_id=msg_id, timestamp=at, data=EVENT)
                    for secret in (other, STANDARD_SECRET))
    two = {"webhook-id": msg_id, "webhook-timestamp": str(int(at.timestamp())), "webhook-signature": both}
    expect(checks, server, "two v1 signatures, one by a configured secret", body, two, 2)
    wrong = {**two, "webhook-id": msg_id + "x",
             "webhook-signature": standardwebhooks.Webhook(other).sign(msg_id=msg_id + "x", timestamp=at, data=EVENT)}
    expect(checks, server, "signed with an unknown secret", body, wrong, 401, "against 2 configured secrets")
    return server, STANDARD_SECRET


def check_stripe(checks, fleet):
    server = start(fleet, "stripe", STRIPE_SECRET)
    body = EVENT.encode()

    def v1(timestamp, secret=STRIPE_SECRET):
        # Stripe's documentation: HMAC-SHA256, keyed by the endpoint secret, of "{t}.{payload}", in hex.
        return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()

    t = int(time.time())
    wrong = v1(t, "whsec_" + secrets.token_hex(16))
    header = f"t={t},v1={wrong},v1={v1(t)},v0={secrets.token_hex(32)}"
    try:
        stripe.WebhookSignature.verify_header(EVENT, header, STRIPE_SECRET, tolerance=300)
        agreed, detail = True, ""
    except stripe.SignatureVerificationError as error:
        agreed, detail = False, str(error)
    checks.record(agreed, "stripe: stripe.WebhookSignature.verify_header accepts the header built per the docs "
                  "(t, a wrong v1, the right v1, v0)", detail)
    expect(checks, server, "Stripe-Signature with two v1 values, one wrong", body, {"Stripe-Signature": header}, 2)
    if hasattr(stripe.WebhookSignature, "generate_signature_header"):
        made = stripe.WebhookSignature.generate_signature_header(EVENT, STRIPE_SECRET, timestamp=t + 1)
        expect(checks, server, "stripe.WebhookSignature.generate_signature_header", body, {"Stripe-Signature": made}, 2)
    expect(checks, server, "one body byte changed", changed(body), {"Stripe-Signature": f"t={t},v1={v1(t)}"}, 401,
           "does not match")
    stale = t - STALE_SECONDS
    expect(checks, server, f"signed {STALE_SECONDS} s ago", body, {"Stripe-Signature": f"t={stale},v1={v1(stale)}"},
           401, "away from now (in the past)")
    expect(checks, server, "only the wrong v1", body, {"Stripe-Signature": f"t={t},v1={wrong}"}, 401,
           "tried 1 signature")
    expect(checks, server, "no t= element", body, {"Stripe-Signature": f"v1={v1(t)}"}, 401, "no t=<Unix seconds>")
    return server, STRIPE_SECRET


def check_slack(checks, fleet):
    server = start(fleet, "slack", SLACK_SECRET)
    form = "token=x&team_id=T1&command=%2Fcall&text=na%C3%AFve+caf%C3%A9"
    body = form.encode()
    verifier = SignatureVerifier(SLACK_SECRET)

    def headers(timestamp, secret_verifier=verifier):
        return {"X-Slack-Request-Timestamp": timestamp, "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Signature": secret_verifier.generate_signature(timestamp=timestamp, body=form)}

    fresh = str(int(time.time()))
    expect(checks, server, "slack_sdk SignatureVerifier(secret).generate_signature", body, headers(fresh), 2)
    expect(checks, server, "one body byte changed", changed(body), headers(fresh), 401, "does not match")
    expect(checks, server, f"signed {STALE_SECONDS} s ago", body, headers(str(int(time.time()) - STALE_SECONDS)), 401,
           "away from now (in the past)")
    expect(checks, server, "signed with another secret", body, headers(fresh, SignatureVerifier(secrets.token_hex(16))),
           401, "does not match")
    return server, SLACK_SECRET


def check_github(checks, fleet):
    server = start(fleet, "github", GITHUB_PLANTED_SECRET, GITHUB_VECTOR_SECRET)
    vector = {"X-Hub-Signature-256": GITHUB_VECTOR_SIGNATURE}
    expect(checks, server, "GitHub's published test vector (second of two secrets)", GITHUB_VECTOR_PAYLOAD, vector, 2)
    expect(checks, server, "the vector with one body byte changed", changed(GITHUB_VECTOR_PAYLOAD), vector, 401,
           "does not match")
    expect(checks, server, "no X-Hub-Signature-256", GITHUB_VECTOR_PAYLOAD, {}, 401,
           "X-Hub-Signature-256 header is missing")
    return server, GITHUB_PLANTED_SECRET


def check_hmac(checks, fleet):
    server = fleet.start("hmac", ["--only", "webhook", "--webhook-secret", HMAC_SECRET])
    body = bytes(range(256))  # not UTF-8: verified as the raw bytes received
    t = str(int(time.time()))
    signature = hmac.new(HMAC_SECRET.encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest()
    headers = {"X-Timestamp": t, "X-Signature": "sha256=" + signature, "Content-Type": "application/octet-stream"}
    expect(checks, server, "Python hmac over 256 binary bytes (--webhook-secret alone: hmac)", body, headers, 2)
    expect(checks, server, "one body byte changed", changed(body), headers, 401, "does not match")
    return server, HMAC_SECRET


def check_nothing_leaked(checks, server, secret):
    # A careless sender that puts the secret in a header, the query and the body: the journal must mask it.
    query = urllib.parse.quote(secret, safe="")
    answered, _ = post(server.url("webhook", f"/events?leak={query}"), json.dumps({"leak": secret}).encode(),
                       {"X-Debug": secret})
    checks.record(answered == 401, f"{server.name}: a request carrying the secret but no signature -> 401",
                  f"answered {answered}")
    server.stop()
    written = server.everything_written()
    leaked = [index for index, value in enumerate(SECRET_VALUES) if value in written]
    checks.record(not leaked and "running;" in written,
                  f"{server.name}: banner, output, stderr and journal hold no secret",
                  f"secret(s) #{leaked} found" if leaked else "no banner")


def check_refusals(checks, binary):
    # A Standard Webhooks secret that is not whsec_ + base64: exit 2, one line, the secret not in it.
    planted = "planted-" + secrets.token_hex(12)
    SECRET_VALUES.append(planted)
    result = subprocess.run([binary, "mocks", "--only", "webhook", "--webhook-signature", "standard-webhooks",
                             "--webhook-secret", planted], stdin=subprocess.DEVNULL, capture_output=True,
                            timeout=REFUSAL_TIMEOUT_SECONDS)
    err = result.stderr.decode("utf-8", "replace")
    checks.record(result.returncode == 2 and "must start with 'whsec_'" in err and planted not in err,
                  "mocks --webhook-signature standard-webhooks --webhook-secret NOT-WHSEC -> exit 2, secret not shown",
                  f"exit {result.returncode}: {err[:200]}")
    result = subprocess.run([binary, "mocks", "--only", "webhook", "--webhook-signature", "stripe"],
                            stdin=subprocess.DEVNULL, capture_output=True, timeout=REFUSAL_TIMEOUT_SECONDS)
    err = result.stderr.decode("utf-8", "replace")
    checks.record(result.returncode == 2 and "needs --webhook-secret" in err,
                  "mocks --webhook-signature stripe without --webhook-secret -> exit 2",
                  f"exit {result.returncode}: {err[:200]}")


# Main ---------------------------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/debug/understudy")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (journals, server logs)")
    options = parser.parse_args()
    require_executable(options.binary, "check_signatures.py")
    binary = os.path.abspath(options.binary)
    drop_proxy_environment()
    stop_on_sigterm()

    started = time.monotonic()
    checks = Checks(SECRET_VALUES)
    workdir = tempfile.mkdtemp(prefix="check-signatures-")
    fleet = Fleet(binary, workdir)
    try:
        for label, group in (("standard-webhooks", check_standard_webhooks), ("stripe", check_stripe),
                             ("slack", check_slack), ("github", check_github), ("hmac", check_hmac)):
            started_server = guarded(checks, label, group, fleet)
            if started_server is not None:
                guarded(checks, f"{label}: leak check", check_nothing_leaked, *started_server)
        guarded(checks, "refusals", check_refusals, binary)
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
