#!/usr/bin/env python3
"""Checks that the reference tool server's answers conform to the contract's OpenAPI 3.1 files.

Runs the already-built `understudy` binary: `mocks --only crm` as the downstream system and `serve` in each dialect,
drives a short scenario per dialect over 127.0.0.1, and validates every answer body against the schema of its operation
and status (JSON Schema 2020-12, `$ref`s resolved through a registry holding the whole OpenAPI document). Prints one line
per check and ends with `N passed, M failed`; exits 1 on any failure, 2 when it cannot start.

usage: check_answers.py [--binary .build/debug/understudy] [--specs Sources/ToolContract/Resources]
"""
import argparse
import http.client
import json
import os
import select
import subprocess
import sys
import time
import urllib.parse

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import Checks  # noqa: E402  (Tests/checks.py)

HOST = "127.0.0.1"
# Every request is abandoned after this many seconds; the slowest call (execute against the mock CRM) takes milliseconds.
REQUEST_TIMEOUT_SECONDS = 10
# How long a started process may take to print its URL line.
STARTUP_TIMEOUT_SECONDS = 20
API_KEY = "ci-contract-key"
CRM_TOKEN = "crm-token"  # the built-in mock CRM's bearer token: the secret no answer may show
OAUTH_SECRET = "understudy-secret"  # the built-in mock issuer's client secret, sent in oauth2 settings: never shown either
SPEC_URI = "urn:understudy:openapi"


class Spec:
    """One OpenAPI document: response and request schemas by path template, method and status."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as handle:
            self.document = json.load(handle)
        absolute = _rewrite_refs(self.document)
        self.registry = Registry().with_resource(SPEC_URI, Resource.from_contents(absolute, default_specification=DRAFT202012))
        self.absolute = absolute

    def operation(self, template, method):
        return self.absolute["paths"].get(template, {}).get(method.lower())

    def validator(self, schema):
        return Draft202012Validator(schema, registry=self.registry, format_checker=Draft202012Validator.FORMAT_CHECKER)

    def declared_properties(self, schema):
        """Top-level property names a schema declares (following one `$ref`), or None when it is not an object schema."""
        if "$ref" in schema:
            schema = self.registry.resolver().lookup(schema["$ref"]).contents
        return set(schema.get("properties", {})) if schema.get("type") == "object" else None


def _rewrite_refs(node):
    """The document with each local `#/...` reference made absolute, so any sub-schema can be validated on its own."""
    if isinstance(node, dict):
        return {key: (SPEC_URI + value if key == "$ref" and isinstance(value, str) and value.startswith("#") else _rewrite_refs(value))
                for key, value in node.items()}
    if isinstance(node, list):
        return [_rewrite_refs(item) for item in node]
    return node


class Client:
    """JSON over HTTP/1.1 to one base URL, each request bounded by REQUEST_TIMEOUT_SECONDS."""

    def __init__(self, base_url):
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.hostname != HOST:
            raise SystemExit(f"refusing to talk to {base_url}: only {HOST} is used")
        self.port = parsed.port

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT_SECONDS)
        try:
            data = None if body is None else json.dumps(body).encode()
            sent = {"Content-Type": "application/json"} if data is not None else {}
            sent.update(headers or {})
            connection.request(method, path, body=data, headers=sent)
            response = connection.getresponse()
            raw = response.read()
            return response.status, response.getheader("Content-Type") or "", raw.decode("utf-8", "replace")
        finally:
            connection.close()


def start(command, marker):
    """Starts `command`, waits for the stdout line containing `marker`, returns (process, the URL on that line)."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    buffered = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(process.stdout.fileno(), 4096)
        if not chunk:
            break
        buffered += chunk
        for line in buffered.decode("utf-8", "replace").split("\n")[:-1]:  # complete lines only
            if marker in line:
                url = next((word for word in line.split() if word.startswith("http://")), None)
                if url:
                    return process, url
    stop(process)
    raise RuntimeError(f"{' '.join(command)} printed no '{marker}' URL line within {STARTUP_TIMEOUT_SECONDS}s: {buffered!r}")


def stop(process):
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


class Scenario:
    """Sends requests to one tool server and checks every answer against `spec`."""

    def __init__(self, name, spec, client, checks, auth):
        self.name, self.spec, self.client, self.checks, self.auth = name, spec, client, checks, auth

    def call(self, method, path, template, expect, body=None, headers=None, request_is_valid=True):
        """Sends one request, checks status, answer schema (and the request against its schema); returns the JSON answer."""
        label = f"{self.name} {method} {path.split('?')[0] if len(path) < 70 else template} -> {expect}"
        operation = self.spec.operation(template, method)
        if operation is None:
            self.checks.record(False, label, f"the spec has no operation {method} {template}")
            return None
        if body is not None and request_is_valid and "requestBody" in operation:
            schema = operation["requestBody"]["content"]["application/json"]["schema"]
            problems = sorted(self.spec.validator(schema).iter_errors(body), key=lambda e: list(e.absolute_path))
            self.checks.record(not problems, f"{label}: request body matches the spec",
                               "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in problems[:3]))
        sent = dict(self.auth if headers is None else headers)
        try:
            status, content_type, text = self.client.request(method, path, body, sent)
        except (OSError, http.client.HTTPException) as error:
            self.checks.record(False, label, f"request failed: {error}")
            return None
        if not self.checks.record(status == expect, label, f"status {status}: {text[:300]}"):
            return None
        if CRM_TOKEN in text or OAUTH_SECRET in text:
            self.checks.record(False, f"{label}: no secret in the answer", "the CRM token or OAuth client secret appears in the answer")
        response = operation["responses"].get(str(status))
        if response is None:
            self.checks.record(False, f"{label}: status declared", f"the spec declares no {status} for {method} {template}")
            return None
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            self.checks.record(text == "", f"{label}: empty body", f"expected no body, got {text[:200]!r}")
            return None
        if not content_type.startswith("application/json"):
            self.checks.record(False, f"{label}: JSON answer", f"Content-Type is {content_type!r}")
            return None
        try:
            answer = json.loads(text)
        except ValueError as error:
            self.checks.record(False, f"{label}: JSON answer", str(error))
            return None
        problems = sorted(self.spec.validator(schema).iter_errors(answer), key=lambda e: list(e.absolute_path))
        self.checks.record(not problems, f"{label}: answer matches the spec",
                           "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in problems[:5]))
        declared = self.spec.declared_properties(schema)
        if declared is not None and isinstance(answer, dict) and set(answer) - declared:
            # Allowed (the schemas are open), but worth seeing: the fields the contract adds to the platform's shape.
            print(f"note  {label}: fields beyond the schema: {sorted(set(answer) - declared)}")
        return answer

    def expect(self, ok, label, detail=""):
        return self.checks.record(ok, f"{self.name} {label}", detail)


LEAD_INPUT = {"name": "Ada Lovelace", "company": "Analytical Engines", "reason": "Wants a demo", "phone_number": "+15105550100"}
FIELDS = ["name", "company", "reason", "phone_number"]


def feather_scenario(scenario, crm_url):
    configuration = {
        "url": crm_url + "/callbacks", "method": "POST",
        "headers": [{"key": "Authorization", "value": f"Bearer {CRM_TOKEN}", "secure": True}],
        "body": {field: "{{" + field + "}}" for field in FIELDS}, "timeout": 5,
        "variables": [{"name": field, "type": "str", "required": True} for field in FIELDS],
    }
    tool = {"name": "create_callback_lead", "description": "Saves a callback lead once the caller gave all four fields",
            "tool_type": "api_call", "configuration": configuration,
            "response_schema": {"field_mappings": [{"path": "lead.id", "alias": "lead_id"}]}}
    call = scenario.call
    created = call("POST", "/v1/tools", "/v1/tools", 201, tool)
    if not created:
        return
    tool_id = created["id"]
    scenario.expect(created.get("active_revision", {}).get("has_secrets") is True, "create: has_secrets is true")
    call("GET", f"/v1/tools/{tool_id}", "/v1/tools/{tool_id}", 200)
    listed = call("GET", "/v1/tools?limit=1", "/v1/tools", 200)
    if listed:
        scenario.expect([item["id"] for item in listed["items"]] == [tool_id], "list: the tool is listed")
    call("GET", "/v1/tools?limit=0", "/v1/tools", 422)
    executed = call("POST", f"/v1/tools/{tool_id}/execute", "/v1/tools/{tool_id}/execute", 200, {"input": LEAD_INPUT})
    if executed:
        scenario.expect(executed.get("success") is True and executed.get("status_code") == 201
                        and str(executed.get("body", {}).get("lead_id", "")).startswith("lead_"),
                        "execute: success, 201, body narrowed to lead_id", json.dumps(executed)[:300])
    partial = {key: value for key, value in LEAD_INPUT.items() if key != "phone_number"}
    rejected = call("POST", f"/v1/tools/{tool_id}/execute", "/v1/tools/{tool_id}/execute", 422, {"input": partial})
    if rejected:
        scenario.expect(["body", "input", "phone_number"] in [item["loc"] for item in rejected["detail"]],
                        "execute with 3 fields: 422 at phone_number", json.dumps(rejected)[:300])
    call("POST", "/v1/tools", "/v1/tools", 422, {"name": "", "configuration": dict(configuration, timeout=0)},
         request_is_valid=False)
    call("PUT", f"/v1/tools/{tool_id}", "/v1/tools/{tool_id}", 200, {"description": "Saves a lead for sales"})
    unknown = "00000000-0000-4000-8000-00000000dead"
    call("GET", f"/v1/tools/{unknown}", "/v1/tools/{tool_id}", 404)
    call("POST", f"/v1/tools/{unknown}/execute", "/v1/tools/{tool_id}/execute", 404, {"input": LEAD_INPUT})
    call("GET", "/v1/tools", "/v1/tools", 401, headers={})
    call("GET", "/v1/tools", "/v1/tools", 401, headers={"x-api-key": "wrong"})

    # The oauth2 extension: accepted in the configuration, answered in the spec's shape with the client secret masked.
    oauth2 = {"token_url": "http://127.0.0.1:9/oauth/token", "client_id": "understudy", "client_secret": OAUTH_SECRET,
              "scopes": ["leads:write"]}
    with_oauth2 = call("POST", "/v1/tools", "/v1/tools", 201,
                       dict(tool, name="callback_with_oauth2", configuration=dict(configuration, headers=[], oauth2=oauth2)))
    if with_oauth2:
        shown = call("GET", f"/v1/tools/{with_oauth2['id']}", "/v1/tools/{tool_id}", 200)
        for answer in filter(None, [with_oauth2, shown]):
            revision = answer.get("active_revision") or {}
            scenario.expect(revision.get("configuration", {}).get("oauth2", {}).get("client_secret") == "********"
                            and revision.get("has_secrets") is True and OAUTH_SECRET not in json.dumps(answer),
                            "oauth2: client_secret masked, has_secrets true", json.dumps(revision)[:300])

    revision = call("POST", f"/v1/tools/{tool_id}/revisions", "/v1/tools/{tool_id}/revisions", 201,
                    {"name": "v2", "based_on_revision_id": created["active_revision_id"],
                     "response_schema": {"field_mappings": [{"path": "lead.status"}]},
                     "input_defaults": {"company": {"value": "Analytical Engines", "type": "pinned"}}})
    if not revision:
        return
    revision_id = revision["id"]
    call("GET", f"/v1/tools/{tool_id}/revisions", "/v1/tools/{tool_id}/revisions", 200)
    call("GET", f"/v1/tools/revisions/{revision_id}", "/v1/tools/revisions/{revision_id}", 200)
    call("GET", f"/v1/tools/revisions/{unknown}", "/v1/tools/revisions/{revision_id}", 404)
    call("PUT", f"/v1/tools/revisions/{revision_id}", "/v1/tools/revisions/{revision_id}", 200, {"description": "second draft"})
    call("POST", f"/v1/tools/{tool_id}/revisions/{revision_id}/test", "/v1/tools/{tool_id}/revisions/{revision_id}/test", 200,
         {"input": dict(LEAD_INPUT, name="Test Run")})
    preview = call("POST", f"/v1/tools/{tool_id}/revisions/{revision_id}/preview-transfer-destination",
                   "/v1/tools/{tool_id}/revisions/{revision_id}/preview-transfer-destination", 200,
                   {"input_mapping": {field: "{{" + field + "}}" for field in FIELDS}, "response_path": "lead.phone_number",
                    "context_vars": dict(LEAD_INPUT, name="Preview Run")})
    if preview:
        scenario.expect(preview.get("resolved") is True and preview.get("destination") == LEAD_INPUT["phone_number"],
                        "preview-transfer-destination: resolved", json.dumps(preview)[:300])
    call("GET", f"/v1/tools/{tool_id}/revisions/{revision_id}/impact", "/v1/tools/{tool_id}/revisions/{revision_id}/impact", 200)
    call("POST", f"/v1/tools/{tool_id}/set-active-revision", "/v1/tools/{tool_id}/set-active-revision", 200,
         {"revision_id": revision_id})
    call("POST", f"/v1/tools/{tool_id}/disable", "/v1/tools/{tool_id}/disable", 204)
    call("POST", f"/v1/tools/{tool_id}/enable", "/v1/tools/{tool_id}/enable", 204)
    call("DELETE", f"/v1/tools/revisions/{created['active_revision_id']}", "/v1/tools/revisions/{revision_id}", 204)

    transfer = {"name": "to_sales", "description": "Transfers the caller to sales", "tool_type": "call_transfer",
                "transfer_target": {"destination": "sip:sales@example.com", "mode": "warm"}}
    call("POST", "/v1/tools", "/v1/tools", 201, transfer)
    call("POST", "/v1/tools", "/v1/tools", 422, dict(transfer, name="bad_target", transfer_target={"destination": "555-0100"}))

    # A downstream that refuses connections: 200 with success false and error connection_error, never a 5xx.
    closed = dict(tool, name="unreachable", configuration=dict(configuration, url="http://127.0.0.1:9/x"))
    unreachable = call("POST", "/v1/tools", "/v1/tools", 201, closed)
    if unreachable:
        failed = call("POST", f"/v1/tools/{unreachable['id']}/execute", "/v1/tools/{tool_id}/execute", 200, {"input": LEAD_INPUT})
        if failed:
            scenario.expect(failed.get("success") is False and failed.get("status_code") == 0
                            and failed.get("error") == "connection_error", "execute unreachable: connection_error",
                            json.dumps(failed)[:300])
    call("DELETE", f"/v1/tools/{tool_id}", "/v1/tools/{tool_id}", 204)
    call("GET", f"/v1/tools/{tool_id}", "/v1/tools/{tool_id}", 404)


def oneinbox_scenario(scenario, crm_url):
    tool = {"name": "create_callback_lead", "type": "api_call", "description": "Saves a callback lead",
            "url": crm_url + "/callbacks", "method": "POST", "headers": {"Authorization": f"Bearer {CRM_TOKEN}"},
            "parameters": [{"name": field, "required": True} for field in FIELDS], "run_in_background": False}
    call = scenario.call
    created = call("POST", "/v1/tools", "/v1/tools", 201, tool)
    if not created:
        return
    tool_id = created["id"]
    call("GET", f"/v1/tools/{tool_id}", "/v1/tools/{tool_id}", 200)
    call("GET", "/v1/tools?limit=5", "/v1/tools", 200)
    call("GET", "/v1/tools?limit=201", "/v1/tools", 422)
    call("PATCH", f"/v1/tools/{tool_id}", "/v1/tools/{tool_id}", 200, {"description": "Saves a lead for sales", "transfer_to": None})
    executed = call("POST", f"/v1/tools/{tool_id}/execute", "/v1/tools/{tool_id}/execute", 200, {"input": LEAD_INPUT})
    if executed:
        scenario.expect(executed.get("success") is True and executed.get("status_code") == 201, "execute: success, 201",
                        json.dumps(executed)[:300])
    partial = {key: value for key, value in LEAD_INPUT.items() if key != "reason"}
    call("POST", f"/v1/tools/{tool_id}/execute", "/v1/tools/{tool_id}/execute", 422, {"input": partial})
    call("POST", "/v1/tools", "/v1/tools", 422, {"name": "x", "type": "api_call", "description": "no url"}, request_is_valid=False)
    call("PATCH", f"/v1/tools/{tool_id}", "/v1/tools/{tool_id}", 422, {"method": "TRACE"}, request_is_valid=False)
    background = call("POST", "/v1/tools", "/v1/tools", 201, dict(tool, name="callback_in_background", run_in_background=True))
    if background:
        accepted = call("POST", f"/v1/tools/{background['id']}/execute", "/v1/tools/{tool_id}/execute", 200,
                        {"input": dict(LEAD_INPUT, name="Background Run")})
        if accepted:
            scenario.expect(accepted.get("background") is True and accepted.get("status_code") == 0,
                            "execute in background: accepted at once", json.dumps(accepted)[:300])
    transfer = call("POST", "/v1/tools", "/v1/tools", 201,
                    {"name": "to_sales", "type": "call_transfer", "description": "Transfers to sales", "transfer_to": "sip:sales@example.com"})
    if transfer:
        call("POST", f"/v1/tools/{transfer['id']}/execute", "/v1/tools/{tool_id}/execute", 400, {"input": {}})
    unknown = "00000000-0000-4000-8000-00000000dead"
    call("GET", f"/v1/tools/{unknown}", "/v1/tools/{tool_id}", 404)
    call("GET", "/v1/tools", "/v1/tools", 401, headers={})
    oauth2 = {"token_url": "http://127.0.0.1:9/oauth/token", "client_id": "understudy", "client_secret": OAUTH_SECRET}
    with_oauth2 = call("POST", "/v1/tools", "/v1/tools", 201, dict(tool, name="callback_with_oauth2", oauth2=oauth2))
    if with_oauth2:
        scenario.expect(with_oauth2.get("oauth2", {}).get("client_secret") == "********"
                        and OAUTH_SECRET not in json.dumps(with_oauth2), "oauth2: client_secret masked",
                        json.dumps(with_oauth2)[:300])
    call("DELETE", f"/v1/tools/{tool_id}", "/v1/tools/{tool_id}", 204)
    call("DELETE", f"/v1/tools/{tool_id}", "/v1/tools/{tool_id}", 404)


def check_feather_unchanged(spec, checks, research):
    """Feather's paths, operations and schemas are the research file's, apart from the contract's `x-understudy-*` notes
    and additions marked `x-understudy-extension: true` (a property or a schema that Feather's file does not have)."""
    if not os.path.exists(research):
        print(f"skip  feather spec unchanged from Feather's file: {research} not found")
        return

    def is_extension(value):
        return isinstance(value, dict) and value.get("x-understudy-extension") is True

    def strip(node, parent=None, original=None):
        """`node` without notes, and without the extensions added under `properties` or `schemas` where `original`
        (the same place in Feather's file) has no such key: a marked entry that replaces one of Feather's still differs."""
        if isinstance(node, dict):
            known = original if isinstance(original, dict) else {}
            return {key: strip(value, key, known.get(key)) for key, value in node.items()
                    if not key.startswith("x-understudy-")
                    and not (parent in ("properties", "schemas") and key not in known and is_extension(value))}
        if isinstance(node, list):
            return [strip(item, None, original[index] if isinstance(original, list) and index < len(original) else None)
                    for index, item in enumerate(node)]
        return node

    with open(research, encoding="utf-8") as handle:
        original = json.load(handle)
    for part in ("paths", "components"):
        theirs = original[part]
        ours = strip(spec.document[part], part, theirs)
        if part == "components":
            ours = dict(ours, securitySchemes=theirs.get("securitySchemes"))  # ours may describe the schemes more
        checks.record(ours == theirs, f"feather spec: {part} unchanged from Feather's file", "they differ")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/debug/understudy")
    parser.add_argument("--specs", default="Sources/ToolContract/Resources")
    parser.add_argument("--research", default="../shared/research/feather-tools-openapi.json")
    options = parser.parse_args()
    if not os.access(options.binary, os.X_OK):
        print(f"{options.binary} is not an executable; build first (swift build)", file=sys.stderr)
        return 2
    checks = Checks()
    feather = Spec(os.path.join(options.specs, "feather.openapi.json"))
    oneinbox = Spec(os.path.join(options.specs, "oneinbox.openapi.json"))
    check_feather_unchanged(feather, checks, options.research)
    processes = []
    try:
        mocks, crm_url = start([options.binary, "mocks", "--only", "crm", "--loops", "1"], "crm ")
        processes.append(mocks)
        for dialect, spec, auth, run in [("feather", feather, {"x-api-key": API_KEY}, feather_scenario),
                                          ("oneinbox", oneinbox, {"Authorization": f"Bearer {API_KEY}"}, oneinbox_scenario)]:
            server, url = start([options.binary, "serve", "--dialect", dialect, "--api-key", API_KEY, "--port", "0"],
                                "reference tool server")
            processes.append(server)
            run(Scenario(dialect, spec, Client(url), checks, auth), crm_url)
            stop(server)
    except RuntimeError as error:
        checks.record(False, "start", str(error))
    finally:
        for process in processes:
            stop(process)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
