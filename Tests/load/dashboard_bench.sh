#!/usr/bin/env bash
# The CRM benchmark (the shared bench's "record a callback lead" workload) with the dashboard off, served but not
# watched, and open in N viewers, interleaved in one run so that the ratios hold on a noisy machine.
# usage: Tests/load/dashboard_bench.sh [--binary PATH] [--seconds N] [--connections N] [--rounds N] [--viewers N] [--chromium]
#   --binary       understudy to measure (default .build-release/release/understudy, built with -c release if missing)
#   --seconds      wrk duration per measurement (default 10); --connections wrk connections (default 32)
#   --rounds       times each mode is measured, interleaved off/idle/open (default 3); the median is reported
#   --viewers      dashboards open in the "open" mode (default 1); --chromium: real headless Chromium tabs
#                  (selenium, chromium, chromium-driver) instead of clients making the page's calls
# Prints one row per measurement and then per mode: median req/s, p50/p99, and req/s as a ratio to "off".
# Needs wrk (apt-get install -y wrk), curl and python3. Loopback only; every process it starts is killed by id at exit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
binary="" secs=10 conns=32 rounds=3 viewers=1 chromium=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --seconds) secs=$2; shift 2 ;;
    --connections) conns=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --viewers) viewers=$2; shift 2 ;;
    --chromium) chromium=--chromium; shift ;;
    *) echo "dashboard_bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "dashboard_bench.sh: wrk is missing: apt-get install -y wrk" >&2; exit 2; }
if [[ -z $binary ]]; then
  binary=$root/.build-release/release/understudy
  [[ -x $binary ]] || (cd "$root" && swift build -c release --scratch-path .build-release >/dev/null)
fi
work=$(mktemp -d /tmp/understudy-dashboard-bench.XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# measure MODE: starts the CRM (with or without a dashboard), optional viewers, warms up, runs wrk, prints a row.
measure() {
  local mode=$1 port dport flags=() mock viewer="" out kept before
  port=$(free_port); dport=$(free_port)
  [[ $mode == off ]] && flags=(--no-dashboard) || flags=(--dashboard-port "$dport")
  "$binary" mocks --only crm --crm-token bench-token --port "$port" "${flags[@]}" >"$work/$mode.log" 2>&1 &
  mock=$!; pids+=("$mock")
  for _ in $(seq 1 100); do grep -q "running;" "$work/$mode.log" && break; sleep 0.1; done
  if [[ $mode == open ]]; then
    python3 "$here/dashboard_viewer.py" --url "http://127.0.0.1:$dport" --viewers "$viewers" $chromium >"$work/viewer.log" 2>&1 &
    viewer=$!; pids+=("$viewer")
    sleep 2  # the viewers load the page and start polling
  fi
  wrk -t1 -c4 -d1s -s "$here/dashboard_bench.lua" "http://127.0.0.1:$port" >/dev/null 2>&1 || true  # warm-up
  before=$(curl -s "http://127.0.0.1:$port/__admin/requests/count" | tr -dc '0-9')
  out=$(wrk -t1 -c"$conns" -d"${secs}s" -s "$here/dashboard_bench.lua" "http://127.0.0.1:$port" 2>&1 | grep '^RESULT' || true)
  kept=$(curl -s "http://127.0.0.1:$port/__admin/requests/count" | tr -dc '0-9')
  if [[ -n $viewer ]]; then kill -TERM "$viewer" 2>/dev/null || true; wait "$viewer" 2>/dev/null || true; fi
  kill -TERM "$mock" 2>/dev/null || true; wait "$mock" 2>/dev/null || true
  local rps p50 p99
  rps=$(sed -n 's/.*rps=\([0-9]*\).*/\1/p' <<<"$out"); p50=$(sed -n 's/.*p50_us=\([0-9]*\).*/\1/p' <<<"$out")
  p99=$(sed -n 's/.*p99_us=\([0-9]*\).*/\1/p' <<<"$out")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "${rps:-0}" "${p50:-0}" "${p99:-0}" "$(( ${kept:-0} - ${before:-0} ))" \
    "$( [[ -n $viewer ]] && tail -1 "$work/viewer.log" || echo -)" | tee -a "$work/rows.tsv"
}

printf 'mode\treq/s\tp50_us\tp99_us\tkept\tviewer\n'
for round in $(seq 1 "$rounds"); do
  for mode in off idle open; do measure "$mode"; done
done
echo
python3 - "$work/rows.tsv" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
by_mode = {}
for mode, rps, p50, p99, *_ in rows:
    by_mode.setdefault(mode, []).append((int(rps), int(p50), int(p99)))
off = statistics.median(r[0] for r in by_mode.get("off", [(0, 0, 0)])) or 1
print(f"{'mode':6} {'median req/s':>13} {'p50_us':>8} {'p99_us':>8} {'vs off':>7}")
for mode in ("off", "idle", "open"):
    values = by_mode.get(mode, [])
    if not values:
        continue
    rps = statistics.median(v[0] for v in values)
    print(f"{mode:6} {rps:13.0f} {statistics.median(v[1] for v in values):8.0f} "
          f"{statistics.median(v[2] for v in values):8.0f} {rps / off:7.2f}")
PY
