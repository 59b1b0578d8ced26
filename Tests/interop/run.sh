#!/usr/bin/env bash
# Runs every Tests/interop/check_*.py against the built binary with the third-party libraries it names: each check's
# PyPI packages are listed in the `<name>.requirements.txt` beside it. Loopback only; each check bounded in time.
# usage: Tests/interop/run.sh PYTHON BINARY [PIP_FLAGS...]
set -euo pipefail
python=$1 binary=$2
shift 2
here=$(dirname "$0")
for requirements in "$here"/*.requirements.txt; do
    [[ -e $requirements ]] && "$python" -m pip install "$@" -r "$requirements"
done
failed=0
for check in "$here"/check_*.py; do
    [[ -e $check ]] || continue
    echo "== $(basename "$check")"
    timeout 300 "$python" "$check" --binary "$binary" || failed=1
done
exit $failed
