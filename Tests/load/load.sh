#!/usr/bin/env bash
# Load and soak: a million leads, ten thousand idle connections, slowloris, concurrent executes, kill -9 while
# journaling. Loopback only, bounded in count and time; prints each scenario's figures and PASS/FAIL and exits 1
# when any scenario fails. How to run and the figures measured: Tests/load/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: Tests/load/load.sh [--quick] [--binary PATH] [--only LIST] [--keep]

  --quick        smaller counts and shorter server timeouts for a CI smoke run (well under a minute);
                 default: the full counts and the server's default timeouts (about 5 minutes)
  --binary PATH  the understudy binary to test (default: build release into .build-release and use it)
  --only LIST    comma-separated scenarios: leads,idle,slowloris,executes,kill9 (default: all)
  --keep         keep the work folder (journals, samples, logs, figures as JSON) and print where it is
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree
root=$(cd "$here/../.." && pwd)
quick=false keep=false binary="" only="leads,idle,slowloris,executes,kill9"
while (($#)); do
    case $1 in
        --quick) quick=true ;;
        --keep) keep=true ;;
        --binary) binary=${2:?--binary needs a path}; shift ;;
        --only) only=${2:?--only needs a list}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "load.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
for name in ${only//,/ }; do
    case $name in leads|idle|slowloris|executes|kill9) ;; *) echo "load.sh: unknown scenario '$name'" >&2; exit 2 ;; esac
done

# Counts and limits. The full mode keeps the server's defaults (HTTPServer.Configuration: idle timeout 60 s, header
# timeout 10 s, 10,000 connections) and waits them out; the quick mode sets smaller ones with the mocks' flags.
# The idle connections leave room under the connection limit for 4 keep-alive probes, 1 new-connection probe and a
# little slack; the driver then opens past the limit to see the 503s.
WRK_THREADS=2 WRK_CONNECTIONS=256
if $quick; then
    IDLE_TIMEOUT=10 HEADER_TIMEOUT=4
    LEADS_KEEPALIVE=40000 LEADS_CLOSE=10000 WRK_MAX_SECONDS=60 SAMPLE_INTERVAL=0.5
    # A copy of crm.json whose leads collection holds 5,000 and a 2,000-entry journal, so that the stores are full
    # early and most of the quick run is a (short) steady window.
    LEADS_COLLECTION=5000 JOURNAL_CAPACITY=2000 STEADY_FROM=20000 RSS_TOLERANCE_KIB=8192 RSS_LATE_TOLERANCE_KIB=4096
    IDLE_COUNT=1000 MAX_CONNECTIONS=1010 SLOW_COUNT=200 EXEC_TOTAL=600 EXEC_CONCURRENCY=100 KILL_ROUNDS=2 KILL_CONNECTIONS=64
    KILL_LARGE_ROUNDS=0 KILL_LARGE_PAD=0
else
    IDLE_TIMEOUT=60 HEADER_TIMEOUT=10
    LEADS_KEEPALIVE=1000000 LEADS_CLOSE=1000000 WRK_MAX_SECONDS=600 SAMPLE_INTERVAL=2
    # Built-in crm.json: leads collection 100,000, journal 10,000 (default). The steady window starts at four times
    # the larger bound; over the 1.6 million requests after it memory may settle by 16 MiB in all, but grow by at
    # most 4 MiB from the window's first half to its second (README.md: why).
    LEADS_COLLECTION="" JOURNAL_CAPACITY="" STEADY_FROM=400000 RSS_TOLERANCE_KIB=16384 RSS_LATE_TOLERANCE_KIB=4096
    IDLE_COUNT=9990 MAX_CONNECTIONS=10000 SLOW_COUNT=2000 EXEC_TOTAL=5000 EXEC_CONCURRENCY=300 KILL_ROUNDS=5 KILL_CONNECTIONS=128
    # Then rounds whose webhook bodies are 4 MB, so that each journal line is one write(2) of ~8 MB (README: bugs).
    KILL_LARGE_ROUNDS=8 KILL_LARGE_PAD=4000000
fi

work=$(mktemp -d /tmp/understudy-load.XXXXXX)
mkdir -p "$work/pids" "$work/figures"
token="load-crm-$RANDOM$RANDOM" api_key="load-key-$RANDOM$RANDOM" tag="run$(date +%s)"
idle_job=""

# Everything started in the background is listed in $work/pids; whatever is still alive at exit is killed by id.
cleanup() {
    local file pid
    [[ -n $idle_job ]] && kill "$idle_job" 2>/dev/null
    for file in "$work"/pids/*; do
        [[ -e $file ]] || continue
        pid=${file##*/}
        if grep -qE 'understudy|wrk|python' "/proc/$pid/cmdline" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    done
    if $keep; then echo "work folder kept: $work"; else rm -rf -- "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

track() { : >"$work/pids/$1"; }
untrack() { rm -f "$work/pids/$1"; }
# Prints the value of a Python expression over loadkit's helpers; the arguments after it are sys.argv[1:].
kit() { PYTHONPATH="$here" python3 -c "import json, sys; from loadkit import *; print($1)" "${@:2}"; }

# 10,000 connections need descriptors on both sides; every process started from here inherits the limit.
raise_fd_limit() {
    local want=65536
    if (($(ulimit -Hn) < want)); then ulimit -Hn "$want" 2>/dev/null || true; fi
    ulimit -n "$(( $(ulimit -Hn) < want ? $(ulimit -Hn) : want ))"
}

# Waits (at most 10 s) until FILE holds TEXT while PID lives.
wait_for_line() {
    local _
    for _ in $(seq 100); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        kill -0 "$3" 2>/dev/null || break
        sleep 0.1
    done
    echo "not started: $(cat "$1")" >&2
    return 1
}

# Starts `understudy mocks ARGS...` logging to $work/NAME.log; sets MOCK_PID once its URLs are printed.
start_mocks() {
    local name=$1; shift
    "$binary" mocks "$@" >"$work/$name.log" 2>&1 &
    MOCK_PID=$!
    track "$MOCK_PID"
    wait_for_line "$work/$name.log" "running;" "$MOCK_PID"
}

# The port a mocks log printed for SYSTEM.
port_of() { sed -n "s|^$2 *http://127.0.0.1:\([0-9]*\) .*|\1|p" "$work/$1.log" | head -1; }

# SIGTERM, then (after 10 s) SIGKILL; returns the process's exit status.
stop_process() {
    local pid=$1 _ state status=0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do
        state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || echo gone)
        [[ $state == Z || $state == gone ]] && break
        sleep 0.1
    done
    [[ $state == Z || $state == gone ]] || kill -9 "$pid" 2>/dev/null || true
    wait "$pid" || status=$?
    untrack "$pid"
    return "$status"
}

count_files() { local n=0 file; for file in "$1"/$2; do [[ -e $file ]] && n=$((n + 1)); done; echo "$n"; }

# One wrk phase of the leads scenario: COUNT leads to URL, then wrk is interrupted once every thread met its quota.
run_wrk() {
    local label=$1 count=$2 url=$3 mode=("${@:4}") out wpid deadline
    out="$work/leads/$label"
    mkdir -p "$out"
    wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_MAX_SECONDS}s" --timeout 10s -s "$here/leads.lua" "$url" \
        -- "$token" "$((count / WRK_THREADS))" "$out" "$tag-$label" "${mode[@]}" >"$out/wrk.txt" 2>&1 &
    wpid=$!
    track "$wpid"
    deadline=$((SECONDS + WRK_MAX_SECONDS + 10))
    while (($(count_files "$out" 'done-*') < WRK_THREADS)) && kill -0 "$wpid" 2>/dev/null && ((SECONDS < deadline)); do
        sleep 0.2
    done
    kill -INT "$wpid" 2>/dev/null || true
    wait "$wpid" || true
    untrack "$wpid"
    echo "  $label: $(grep RESULT "$out/wrk.txt" || echo "no RESULT from wrk: $(tail -3 "$out/wrk.txt")")"
    if (($(count_files "$out" 'done-*') < WRK_THREADS)); then
        echo "  $label: wrk did not reach its quota of $count answers within ${WRK_MAX_SECONDS}s" >&2
        return 1
    fi
}

scenario_leads() {
    command -v wrk >/dev/null || { echo "  wrk is not installed (apt-get install -y wrk)"; return 1; }
    local dir="$work/leads" pid port sampler rss_before fds_before rss_after fds_after _ status=0
    mkdir -p "$dir"
    local args=(--only crm --crm-token "$token" --journal "$dir/journal")
    if [[ -n $LEADS_COLLECTION ]]; then
        mkdir -p "$dir/definitions"
        python3 - "$root/Mocks/crm.json" "$dir/definitions/crm.json" "$LEADS_COLLECTION" <<'EOF'
import json, sys
definition = json.load(open(sys.argv[1]))
definition["collections"]["leads"]["capacity"] = int(sys.argv[3])
json.dump(definition, open(sys.argv[2], "w"))
EOF
        args+=(--definitions "$dir/definitions" --journal-capacity "$JOURNAL_CAPACITY")
    fi
    start_mocks leads "${args[@]}"
    pid=$MOCK_PID port=$(port_of leads crm)
    fds_before=$(kit 'steady_fds(int(sys.argv[1]))' "$pid") rss_before=$(kit 'rss_kib(int(sys.argv[1]))' "$pid")
    python3 "$here/sample_process.py" --pid "$pid" --admin "127.0.0.1:$port" --interval "$SAMPLE_INTERVAL" \
        --max-seconds $((3 * WRK_MAX_SECONDS)) --out "$dir/samples.csv" &
    sampler=$!
    track "$sampler"
    echo "  $LEADS_KEEPALIVE leads over $WRK_CONNECTIONS keep-alive connections, then $LEADS_CLOSE over new connections"
    run_wrk keepalive "$LEADS_KEEPALIVE" "http://127.0.0.1:$port" || status=1
    run_wrk close "$LEADS_CLOSE" "http://127.0.0.1:$port" close || status=1
    sleep "$SAMPLE_INTERVAL"
    fds_after=$(kit 'settle_fds(int(sys.argv[1]), int(sys.argv[2]), 5)' "$pid" "$fds_before")
    rss_after=$(kit 'rss_kib(int(sys.argv[1]))' "$pid")
    kill -TERM "$sampler"; wait "$sampler" || true; untrack "$sampler"
    kit 'json.dumps(blocking_get_json("127.0.0.1", int(sys.argv[1]), "/__admin")[1]["journal"])' \
        "$port" >"$dir/admin-journal.json" || status=1
    stop_process "$pid" || { echo "  the mocks did not stop cleanly on SIGTERM"; status=1; }
    echo "  journal file: $(du -h "$dir/journal/crm.jsonl" | cut -f1); checking it"
    timeout 600 python3 "$here/check_leads.py" --journal "$dir/journal/crm.jsonl" \
        --phase "keepalive:$dir/keepalive" --phase "close:$dir/close" --connections "$WRK_CONNECTIONS" \
        --samples "$dir/samples.csv" --steady-from "$STEADY_FROM" --tolerance-kib "$RSS_TOLERANCE_KIB" \
        --late-tolerance-kib "$RSS_LATE_TOLERANCE_KIB" \
        --rss-before "$rss_before" --rss-after "$rss_after" --fds-before "$fds_before" --fds-after "$fds_after" \
        --admin-journal "$dir/admin-journal.json" --journal-capacity "${JOURNAL_CAPACITY:-10000}" \
        --figures "$work/figures/leads.json" || status=1
    return "$status"
}

scenario_idle() {
    local pid port status=0
    start_mocks idle --only crm --crm-token "$token" --idle-timeout "$IDLE_TIMEOUT" --max-connections "$MAX_CONNECTIONS"
    pid=$MOCK_PID port=$(port_of idle crm)
    echo "  $IDLE_COUNT idle connections held until the server's ${IDLE_TIMEOUT}s idle timeout closes them"
    timeout $((IDLE_TIMEOUT + 180)) python3 "$here/idle_connections.py" --port "$port" --pid "$pid" --token "$token" \
        --count "$IDLE_COUNT" --idle-timeout "$IDLE_TIMEOUT" --max-connections "$MAX_CONNECTIONS" --tag "$tag-idle" \
        --figures "$work/figures/idle.json" || status=1
    stop_process "$pid" || status=1
    return "$status"
}

scenario_slowloris() {
    local pid port status=0
    start_mocks slowloris --only crm --crm-token "$token" --header-timeout "$HEADER_TIMEOUT"
    pid=$MOCK_PID port=$(port_of slowloris crm)
    echo "  $SLOW_COUNT connections sending one head byte a second; header timeout ${HEADER_TIMEOUT}s"
    timeout $((HEADER_TIMEOUT + 120)) python3 "$here/slowloris.py" --port "$port" --pid "$pid" --token "$token" \
        --count "$SLOW_COUNT" --header-timeout "$HEADER_TIMEOUT" --tag "$tag-slow" \
        --figures "$work/figures/slowloris.json" || status=1
    stop_process "$pid" || status=1
    return "$status"
}

scenario_executes() {
    local crm crm_port server server_port status=0
    start_mocks executes --only crm --crm-token "$token" --journal-capacity $((EXEC_TOTAL * 2))
    crm=$MOCK_PID crm_port=$(port_of executes crm)
    "$binary" serve --api-key "$api_key" >"$work/serve.log" 2>"$work/serve-requests.log" &
    server=$!
    track "$server"
    wait_for_line "$work/serve.log" "running;" "$server"
    server_port=$(sed -n 's|.* at http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/serve.log" | head -1)
    echo "  $EXEC_TOTAL executes, $EXEC_CONCURRENCY in flight, against a CRM delaying every lead"
    timeout 600 python3 "$here/concurrent_executes.py" --server "127.0.0.1:$server_port" --api-key "$api_key" \
        --server-pid "$server" --crm "127.0.0.1:$crm_port" --crm-token "$token" --crm-pid "$crm" \
        --total "$EXEC_TOTAL" --concurrency "$EXEC_CONCURRENCY" --tag "$tag-exec" \
        --figures "$work/figures/executes.json" || status=1
    stop_process "$server" || status=1
    stop_process "$crm" || status=1
    return "$status"
}

scenario_kill9() {
    local round status=0
    for round in $(seq "$KILL_ROUNDS"); do
        # In a subshell of its own whose stderr is filtered: bash reports the SIGKILLed child ("Killed") on exit.
        (kill9_round "$round" "$KILL_CONNECTIONS" 0) 2>"$work/kill9-$round.stderr" || status=1
        grep -v ' Killed ' "$work/kill9-$round.stderr" >&2 || true
    done
    # Journal lines of megabytes: one write(2) spanning hundreds of pages, which SIGKILL can cut (README: bugs).
    for round in $(seq $((KILL_ROUNDS + 1)) $((KILL_ROUNDS + KILL_LARGE_ROUNDS))); do
        (kill9_round "$round" 16 "$KILL_LARGE_PAD") 2>"$work/kill9-$round.stderr" || status=1
        grep -v ' Killed ' "$work/kill9-$round.stderr" >&2 || true
    done
    return "$status"
}

kill9_round() {
    local round=$1 connections=$2 pad=$3 pid after status=0 journal="$work/kill9/round-$round"
    start_mocks "kill9-$round" --only crm,webhook --crm-token "$token" --journal "$journal"
    pid=$MOCK_PID
    after=$(awk -v r="$round" 'BEGIN { printf "%.1f", 1 + (r % 4) * 0.6 }')
    echo "  round $round: $connections keep-alive clients, webhook padding $pad bytes, SIGKILL after ${after}s"
    timeout 60 python3 "$here/kill9_journal.py" load --crm "127.0.0.1:$(port_of "kill9-$round" crm)" \
        --webhook "127.0.0.1:$(port_of "kill9-$round" webhook)" --token "$token" --pid "$pid" \
        --journal-dir "$journal" --connections "$connections" --kill-after "$after" --pad-bytes "$pad" \
        --tag "$tag-k$round" --state "$work/kill9/state-$round.json" || status=1
    wait "$pid" || true
    untrack "$pid"
    # The mocks start again on the same folder (reopening a journal cuts a half line the kill left), stop cleanly,
    # and only then are the files judged: what a user sees after restarting crashed mocks.
    start_mocks "kill9-$round-restart" --only crm,webhook --crm-token "$token" --journal "$journal"
    stop_process "$MOCK_PID" || { echo "  the restarted mocks did not stop cleanly"; status=1; }
    timeout 120 python3 "$here/kill9_journal.py" judge --journal-dir "$journal" --state "$work/kill9/state-$round.json" \
        --tag "$tag-k$round" --figures "$work/figures/kill9-$round.json" || status=1
    return "$status"
}

# Runs scenario NAME in a subshell with errexit on (an `if` around it would switch errexit off inside).
run_scenario() {
    local started=$SECONDS status=0
    set +e
    (set -e; "scenario_$1")
    status=$?
    set -e
    echo "$1: $([[ $status == 0 ]] && echo PASS || echo FAIL) ($((SECONDS - started)) s)" >>"$work/verdicts"
    echo "-- $1: $([[ $status == 0 ]] && echo PASS || echo FAIL) in $((SECONDS - started)) s"
}

raise_fd_limit
if (($(ulimit -n) < IDLE_COUNT + 200)); then
    echo "load.sh: warning: the descriptor limit ($(ulimit -n)) is too low for $IDLE_COUNT idle connections" >&2
fi
if [[ -z $binary ]]; then
    echo "building the release binary (.build-release)"
    swift build -c release --scratch-path "$root/.build-release" --product understudy >"$work/build.log" 2>&1 \
        || { tail -30 "$work/build.log"; exit 1; }
    binary="$root/.build-release/release/understudy"
fi
[[ -x $binary ]] || { echo "load.sh: no executable at '$binary'" >&2; exit 2; }
echo "load and soak ($($quick && echo quick || echo full)): $binary; fd limit $(ulimit -n); work folder $work"
started=$SECONDS
: >"$work/verdicts"
scenarios=" ${only//,/ } "
# In quick mode the idle scenario, which mostly waits for the idle timeout, runs beside the others.
if $quick && [[ $scenarios == *" idle "* ]]; then
    run_scenario idle >"$work/idle.out" 2>&1 &
    idle_job=$!
    scenarios=${scenarios/ idle / }
fi
for name in $scenarios; do
    echo "== $name"
    run_scenario "$name"
done
if [[ -n $idle_job ]]; then
    wait "$idle_job" || true
    idle_job=""
    echo "== idle (ran beside the others)"
    cat "$work/idle.out"
fi
echo "== summary ($((SECONDS - started)) s)"
cat "$work/verdicts"
! grep -q FAIL "$work/verdicts"
