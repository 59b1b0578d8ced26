#!/usr/bin/env bash
# Fuzzes the reference tool server with schemathesis (PyPI) against the contract's OpenAPI files, both dialects.
#
# For each dialect: starts the built-in mock CRM (the downstream that seeded tools call) and `understudy serve` on free
# ports with a random API key, seeds a few tools so that generated requests reach more than 404s, then runs schemathesis
# under a wall-clock bound: no 5xx, every answer as its schema says (body, status, Content-Type, headers), and probes
# with wrong methods, wrong keys and schema-breaking bodies refused (the list is at `checks=` below).
# Everything runs in a network namespace of its own that has only loopback: tools that the fuzzer creates can name any
# URL, and executing them must reach nothing beyond this machine.
# Exits 0 when no check found anything; 1 on any finding or a run that hit its bound; 2 when it cannot start. Every
# process it starts is stopped on exit.
#
# usage: Tests/contract/schemathesis.sh [--quick] [--binary PATH] [--seed N] [--dialect feather|oneinbox] [--reports DIR]
#   --quick    CI budget: fewer examples per operation, under 2 minutes in all
#   --binary   the understudy binary to run (default .build/debug/understudy, which `swift test` builds)
#   --max-examples N  test cases per operation and phase (default 100, or 30 with --quick)
#   --seed     schemathesis seed (default: 1 with --quick so CI is repeatable, else a random one, printed)
#   --dialect  fuzz one dialect only (default both)
#   --reports  keep each dialect's full log, JUnit XML and HAR (every request and answer) in DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
script=$root/Tests/contract/schemathesis.sh

binary=.build/debug/understudy
quick=false
seed=""
dialects=(feather oneinbox)
reports=""
examples=""
in_namespace=false
arguments=("$@")
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=true ;;
        --binary) binary=$2; shift ;;
        --seed) seed=$2; shift ;;
        --max-examples) examples=$2; shift ;;
        --dialect) dialects=("$2"); shift ;;
        --reports) reports=$2; shift ;;
        --in-namespace) in_namespace=true ;;  # internal: this copy already runs in the loopback-only namespace
        -h|--help) sed -n '2,19p' "$script"; exit 0 ;;
        *) echo "schemathesis.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
case "$binary" in /*) ;; *) binary=$root/$binary ;; esac
case "$reports" in /*|"") ;; *) reports=$root/$reports ;; esac
if [ ! -x "$binary" ]; then
    echo "schemathesis.sh: $binary is not an executable; build first (swift build)" >&2
    exit 2
fi
for dialect in "${dialects[@]}"; do
    case "$dialect" in
        feather|oneinbox) ;;
        *) echo "schemathesis.sh: unknown dialect $dialect (feather or oneinbox)" >&2; exit 2 ;;
    esac
done

# schemathesis in a venv of our own under .build (git-ignored). System site packages are visible, so a machine that
# has the packages works offline, as in .ci/run. Installed before entering the namespace, which has no network.
venv=$root/.build/schemathesis-venv
if ! $in_namespace; then
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv --system-site-packages "$venv"
    fi
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        'schemathesis>=4.32,<5' 'openapi-spec-validator>=0.7' 'jsonschema>=4.18' || {
        echo "schemathesis.sh: pip could not install schemathesis into $venv" >&2
        exit 2
    }
    for dialect in "${dialects[@]}"; do
        # A file schemathesis cannot read is a finding of its own.
        "$venv/bin/python" -m openapi_spec_validator "$root/Sources/ToolContract/Resources/$dialect.openapi.json" || exit 1
    done
    if ! command -v ip >/dev/null || ! unshare --net true 2>/dev/null; then
        echo "schemathesis.sh: cannot create a network namespace (needs unshare --net, as root or with user namespaces," \
             "and ip from iproute2); will not fuzz outside one: the tools it creates could call any address" >&2
        exit 2
    fi
    exec unshare --net -- bash "$script" --in-namespace "${arguments[@]}"
fi
ip link set lo up

# Budgets. Test cases per operation and phase; the bound covers one dialect's whole run, and a run that reaches it
# fails rather than passing on half the work.
if $quick; then
    max_examples=30
    stateful_steps=15
    bound_seconds=75
    seed=${seed:-1}
else
    max_examples=100
    stateful_steps=30
    bound_seconds=240
    seed=${seed:-$(( $(od -An -N4 -tu4 /dev/urandom) % 1000000 ))}
fi
max_examples=${examples:-$max_examples}
# Each request is abandoned after this many seconds; the slowest (execute against the mock CRM) takes milliseconds.
request_timeout_seconds=10
# How long a started process may take to print its URL line.
startup_timeout_seconds=20
st=$venv/bin/schemathesis
echo "$("$st" --version); seed $seed; max-examples $max_examples per operation; bound ${bound_seconds}s per dialect"

work=$(mktemp -d /tmp/understudy-schemathesis.XXXXXX)
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

# The check that replaces schemathesis' status_code_conformance. Feather's file is kept as Feather publishes it (CI
# compares it), and it leaves out statuses the contract answers, e.g. 404 for an unknown id (errors.unknown-id) on some
# operations; the contract lists them per operation in `x-understudy-statuses`. The built-in check decides first (it
# also knows which probes to skip); a status it rejects passes only when that list adds it and the body is the
# contract's ErrorResponse (errors.shape). Built on schemathesis 4's own check and failure type, hence the pin below 5.
cat >"$work/understudy_checks.py" <<'PYTHON'
"""schemathesis checks for Tests/contract/schemathesis.sh."""
import schemathesis
from jsonschema import Draft202012Validator
from schemathesis.openapi.checks import UndefinedStatusCode
from schemathesis.specs.openapi.checks import status_code_conformance


@schemathesis.check
def contract_status_code_conformance(ctx, response, case):
    """status_code_conformance, also accepting the operation's `x-understudy-statuses` with an ErrorResponse body."""
    try:
        return status_code_conformance(ctx, response, case)
    except UndefinedStatusCode:
        status = str(response.status_code)
        if status not in case.operation.definition.raw.get("x-understudy-statuses", {}):
            raise
    schema = case.operation.schema.raw_schema["components"]["schemas"]["ErrorResponse"]
    try:
        body = response.json()
    except ValueError as error:
        raise AssertionError(f"The {status} that x-understudy-statuses adds is not JSON: {error}") from None
    problems = [problem.message for problem in Draft202012Validator(schema).iter_errors(body)]
    if problems:
        raise AssertionError(f"The {status} that x-understudy-statuses adds is not an ErrorResponse: {'; '.join(problems[:3])}")
    return None
PYTHON

# start NAME MARKER COMMAND...: starts COMMAND in the background, waits for the stdout line holding MARKER and
# sets $started_url to the URL on it.
start() {
    local name=$1 marker=$2
    shift 2
    "$@" >"$work/$name.out" 2>"$work/$name.err" </dev/null &
    pids+=($!)
    local waited=0 line
    while [ "$waited" -lt $(( startup_timeout_seconds * 10 )) ]; do
        line=$(grep -m1 -F "$marker" "$work/$name.out" 2>/dev/null || true)
        if [ -n "$line" ]; then
            started_url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' <<<"$line" | head -n1)
            [ -n "$started_url" ] && return 0
        fi
        sleep 0.1
        waited=$(( waited + 1 ))
    done
    echo "schemathesis.sh: $name printed no '$marker' URL line within ${startup_timeout_seconds}s" >&2
    cat "$work/$name.out" "$work/$name.err" >&2
    exit 2
}

# post URL BODY [FIELDS]: POSTs JSON with the dialect's auth and prints the answer's FIELDS (space-separated names,
# default id); a seed that fails stops the run.
post() {
    local answer
    answer=$(curl --silent --show-error --fail-with-body --max-time "$request_timeout_seconds" \
        -H "$auth_header" -H 'Content-Type: application/json' -d "$2" "$1") || {
        echo "schemathesis.sh: seeding $1 failed: $answer" >&2
        exit 2
    }
    "$venv/bin/python" -c 'import json, sys; answer = json.load(sys.stdin); print(*(answer[field] for field in sys.argv[1].split()))' \
        "${3:-id}" <<<"$answer"
}

# toml_strings A B ...: a TOML array of the given strings (ids and loopback URLs: no quotes or backslashes in them).
toml_strings() {
    local joined="" value
    for value in "$@"; do joined+="${joined:+, }\"$value\""; done
    echo "[$joined]"
}

# Seeds and configuration per dialect. The fuzzer takes ids from earlier answers, but its own POST /v1/tools seldom
# passes the contract's validation (stricter than Feather's schema says), and DELETE would soon remove every tool it
# finds. So the seeded ids are offered as dictionaries: each operation draws its ids from them at some probability and
# generates the rest, and DELETE draws from tools and revisions kept for it. Names and URLs are offered to the bodies
# that create tools in the same way.
configure_feather() {
    local base=$1 crm=$2 config=$3 first tool active revision spare_revision transfer doomed
    local lead='{"name": "create_callback_lead", "description": "Saves a callback lead", "tool_type": "api_call",
        "configuration": {"url": "'"$crm"'/callbacks", "method": "POST", "timeout": 5,
        "headers": [{"key": "Authorization", "value": "Bearer crm-token", "secure": true}],
        "body": {"name": "{{name}}", "phone_number": "{{phone_number}}"},
        "variables": [{"name": "name", "type": "str", "required": true},
                      {"name": "phone_number", "type": "str", "required": false}]},
        "input_defaults": {"name": {"value": "Ada Lovelace", "type": "default"}},
        "response_schema": {"field_mappings": [{"path": "lead.id", "alias": "lead_id"}]}}'
    first=$(post "$base/v1/tools" "$lead" "id active_revision_id")
    tool=${first% *}
    active=${first#* }
    revision=$(post "$base/v1/tools/$tool/revisions" '{"name": "v2", "based_on_revision_id": "'"$active"'",
        "response_schema": {"field_mappings": [{"path": "lead.status"}]},
        "input_defaults": {"name": {"value": "Grace Hopper", "type": "default"},
                           "phone_number": {"value": "+15105550100", "type": "pinned"}}}')
    spare_revision=$(post "$base/v1/tools/$tool/revisions" '{"name": "v3", "based_on_revision_id": "'"$active"'"}')
    transfer=$(post "$base/v1/tools" '{"name": "to_sales", "tool_type": "call_transfer",
        "transfer_target": {"destination": "sip:sales@example.com", "mode": "warm"}}')
    doomed=$(post "$base/v1/tools" "${lead/create_callback_lead/deleted_by_the_fuzzer}")
    echo "seeded tools $tool (revisions $active, $revision, $spare_revision), $transfer, $doomed"
    cat >"$config" <<TOML
hooks = "$work/understudy_checks.py"

# Both of Feather's schemes carry the key, so that ignored_auth's request with one of them wrong or left out is
# refused rather than let through on the other.
[auth.openapi.APIKeyHeader]
api_key = "\${UNDERSTUDY_FUZZ_API_KEY}"
[auth.openapi.HTTPBearer]
bearer = "\${UNDERSTUDY_FUZZ_API_KEY}"

[phases.stateful]
max-steps = $stateful_steps

[dictionaries.tools]
values = $(toml_strings "$tool" "$transfer")
[dictionaries.revision_owner]
values = $(toml_strings "$tool")
[dictionaries.revisions]
values = $(toml_strings "$active" "$revision")
[dictionaries.doomed_tools]
values = $(toml_strings "$doomed")
[dictionaries.doomed_revisions]
values = $(toml_strings "$spare_revision" "$active")
[dictionaries.names]
values = ["fuzzed_tool", "another_fuzzed_tool"]
[dictionaries.urls]
values = $(toml_strings "$crm/callbacks" "$crm/contacts/lookup")

[[operations]]
include-path-regex = "^/v1/tools/\\\\{tool_id\\\\}/(execute|enable|disable|revisions)\$"
parameters = { "path.tool_id" = { dictionary = "tools", probability = 0.8 } }

# The revisions belong to the first tool: an operation on a revision of a tool draws that tool.
[[operations]]
include-path-regex = "^/v1/tools/\\\\{tool_id\\\\}/(revisions/\\\\{revision_id\\\\}/|set-active-revision)"
parameters = { "path.tool_id" = { dictionary = "revision_owner", probability = 0.8 }, "path.revision_id" = { dictionary = "revisions", probability = 0.8 }, "body.revision_id" = { dictionary = "revisions", probability = 0.8 } }

[[operations]]
include-name = ["GET /v1/tools/{tool_id}", "PUT /v1/tools/{tool_id}"]
parameters = { "path.tool_id" = { dictionary = "tools", probability = 0.8 } }

[[operations]]
include-name = ["GET /v1/tools/revisions/{revision_id}", "PUT /v1/tools/revisions/{revision_id}"]
parameters = { "path.revision_id" = { dictionary = "revisions", probability = 0.8 } }

[[operations]]
include-name = "DELETE /v1/tools/{tool_id}"
parameters = { "path.tool_id" = { dictionary = "doomed_tools", probability = 0.95 } }

[[operations]]
include-name = "DELETE /v1/tools/revisions/{revision_id}"
parameters = { "path.revision_id" = { dictionary = "doomed_revisions", probability = 0.95 } }

[[operations]]
include-name = "POST /v1/tools"
parameters = { "body.name" = { dictionary = "names", probability = 0.6 }, "body.configuration.url" = { dictionary = "urls", probability = 0.6 } }
TOML
}

configure_oneinbox() {
    local base=$1 crm=$2 config=$3 tool background transfer doomed
    local lead='{"name": "create_callback_lead", "type": "api_call", "description": "Saves a lead",
        "url": "'"$crm"'/callbacks", "method": "POST", "headers": {"Authorization": "Bearer crm-token"},
        "parameters": [{"name": "name", "required": true}, {"name": "phone_number", "required": false}]}'
    tool=$(post "$base/v1/tools" "$lead")
    background=$(post "$base/v1/tools" '{"name": "in_background", "type": "api_call", "description": "In the background",
        "url": "'"$crm"'/callbacks", "method": "POST", "run_in_background": true}')
    transfer=$(post "$base/v1/tools" '{"name": "to_sales", "type": "call_transfer", "description": "Transfers to sales",
        "transfer_to": "sip:sales@example.com"}')
    doomed=$(post "$base/v1/tools" "${lead/create_callback_lead/deleted_by_the_fuzzer}")
    echo "seeded tools $tool, $background, $transfer, $doomed"
    cat >"$config" <<TOML
hooks = "$work/understudy_checks.py"

[auth.openapi.HTTPBearer]
bearer = "\${UNDERSTUDY_FUZZ_API_KEY}"

[phases.stateful]
max-steps = $stateful_steps

[dictionaries.tools]
values = $(toml_strings "$tool" "$background" "$transfer")
[dictionaries.doomed_tools]
values = $(toml_strings "$doomed")
[dictionaries.names]
values = ["fuzzed_tool", "another_fuzzed_tool"]
[dictionaries.urls]
values = $(toml_strings "$crm/callbacks" "$crm/contacts/lookup")
[dictionaries.destinations]
values = ["+15105550100", "sip:sales@example.com"]

[[operations]]
include-name = ["GET /v1/tools/{tool_id}", "PATCH /v1/tools/{tool_id}", "POST /v1/tools/{tool_id}/execute"]
parameters = { "path.tool_id" = { dictionary = "tools", probability = 0.8 } }

[[operations]]
include-name = "DELETE /v1/tools/{tool_id}"
parameters = { "path.tool_id" = { dictionary = "doomed_tools", probability = 0.95 } }

[[operations]]
include-name = "POST /v1/tools"
parameters = { "body.name" = { dictionary = "names", probability = 0.6 }, "body.url" = { dictionary = "urls", probability = 0.6 }, "body.transfer_to" = { dictionary = "destinations", probability = 0.5 } }
TOML
}

# The checks. On every answer: no 5xx; body matches the operation's schema for its status; status documented
# (contract_status_code_conformance, above); Content-Type and headers as documented. On the probes schemathesis makes:
# a method the path does not have gets 405 with Allow (unsupported_method); a request with the API key left out or
# wrong gets 401 (ignored_auth, the contract's auth.api-key); a body or parameter that breaks its schema gets a 4xx
# (negative_data_rejection). Not positive_data_acceptance: the contract's validation is stricter than a JSON Schema
# can say (URL and SIP grammars, placeholders naming variables), so schema-valid bodies are often rightly 422s.
checks=not_a_server_error,response_schema_conformance,contract_status_code_conformance,content_type_conformance
checks+=,response_headers_conformance,unsupported_method,ignored_auth,negative_data_rejection

found=0
for dialect in "${dialects[@]}"; do
    spec=$root/Sources/ToolContract/Resources/$dialect.openapi.json
    key=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    if [ "$dialect" = feather ]; then auth_header="x-api-key: $key"; else auth_header="Authorization: Bearer $key"; fi
    # The configuration names the key by this variable, so it is never written to disk.
    export UNDERSTUDY_FUZZ_API_KEY=$key

    start "crm-$dialect" "crm " "$binary" mocks --only crm --loops 1
    crm_url=$started_url
    start "serve-$dialect" "reference tool server" "$binary" serve --dialect "$dialect" --api-key "$key" --port 0
    server_url=$started_url
    "configure_$dialect" "$server_url" "$crm_url" "$work/$dialect.toml"

    echo "== $dialect: schemathesis against $server_url"
    status=0
    # Run from the scratch folder so nothing (reports, example database) lands in the work tree.
    (cd "$work" && timeout --kill-after=10 "$bound_seconds" "$st" --config-file "$work/$dialect.toml" run "$spec" \
        --url "$server_url" \
        --checks "$checks" \
        --max-examples "$max_examples" --seed "$seed" --workers 1 --request-timeout "$request_timeout_seconds" \
        --generation-database none --no-color --report junit,har --report-dir "$work/$dialect-reports") \
        >"$work/$dialect.log" 2>&1 || status=$?
    # Every failure with its curl reproduction, the warnings and the summary; the phase-by-phase progress is left out.
    if grep -q '^=* SUMMARY =*$' "$work/$dialect.log"; then
        sed -n '/^=* \(FAILURES\|WARNINGS\|SUMMARY\) =*$/,$p' "$work/$dialect.log"
    else
        cat "$work/$dialect.log"
    fi
    if [ -n "$reports" ]; then
        mkdir -p "$reports"
        cp "$work/$dialect.log" "$reports/$dialect.log"
        cp "$work/$dialect-reports"/junit* "$reports/$dialect.junit.xml" 2>/dev/null || true
        cp "$work/$dialect-reports"/har* "$reports/$dialect.har.json" 2>/dev/null || true
    fi
    case "$status" in
        0) echo "== $dialect: no findings" ;;
        124|137) echo "== $dialect: FAILED: the run did not finish within ${bound_seconds}s"; found=1 ;;
        *) echo "== $dialect: FAILED: schemathesis exited $status"; found=1 ;;
    esac
    # The server's log: one line per request, never a secret; kept with the reports.
    if [ -n "$reports" ]; then cp "$work/serve-$dialect.err" "$reports/$dialect.server.log"; fi
done
if [ "$found" -ne 0 ]; then
    echo "schemathesis: findings above (reproduce with --seed $seed)"
    exit 1
fi
echo "schemathesis: no findings"
