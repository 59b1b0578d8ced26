#!/usr/bin/env bash
# Proves the release build ships as one file: builds `understudy` with the Swift runtime linked statically, checks it
# needs no Swift or Foundation library, then runs it alone, away from the build folder and the toolchain.
# Usage: Tests/release/check_static_binary.sh [--binary PATH] [--scratch-path DIR]
#   --binary PATH        check this binary instead of building one
#   --scratch-path DIR   build in DIR (swift build --scratch-path) instead of .build
# Exits 1 when a check fails (saying which), 2 for a usage error, 3 when the build fails.
#
# The checks: (1) its dynamic dependencies (readelf NEEDED) are only libc's family, the C++ runtime and OpenSSL 3, no
# libswift*/libFoundation*/libdispatch/ICU; (2) copied alone into an empty folder and run with a bare environment
# (env -i, PATH=/usr/bin:/bin, LD_LIBRARY_PATH empty), `contract`, `contract --openapi feather`, `cases` and
# `run --only lifecycle.create` (the in-process reference server, loopback only) work, and the contract printed is
# the source tree's byte for byte; (3) as root (CI), or where `unshare -r` gives a user namespace, the same commands
# in a bare chroot holding only the binary, the shared libraries ldd names for it, /proc and /dev/{null,urandom}: no
# toolchain, no /usr, no resources can be reached there. Every command is bounded by `timeout`.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
binary=
scratch=()
usage() { sed -n '4,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case $1 in
        --binary) binary=${2:-}; shift 2 || { usage >&2; exit 2; } ;;
        --scratch-path) scratch=(--scratch-path "${2:-}"); shift 2 || { usage >&2; exit 2; } ;;
        -h|--help) usage; exit 0 ;;
        *) echo "check_static_binary.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

fail() { echo "check_static_binary.sh: FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

if [ -z "$binary" ]; then
    # The release command README documents ("Release build").
    build=(swift build -c release --static-swift-stdlib --product understudy "${scratch[@]}")
    step "${build[*]}"
    (cd "$root" && "${build[@]}") || { echo "check_static_binary.sh: the release build failed" >&2; exit 3; }
    binary=$(cd "$root" && swift build -c release --static-swift-stdlib "${scratch[@]}" --show-bin-path)/understudy
fi
[ -x "$binary" ] || { echo "check_static_binary.sh: no executable at $binary" >&2; exit 2; }
step "binary: $binary ($(du -h "$binary" | cut -f1))"

# (1) What the dynamic linker must find on the target machine.
mapfile -t needed < <(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
step "needs: ${needed[*]}"
allowed='^(libc|libm|libdl|libpthread|librt|libutil|ld-linux-[a-z0-9_-]+|libstdc\+\+|libgcc_s|libssl|libcrypto)\.so(\.[0-9]+)*$'
for library in "${needed[@]}"; do
    [[ $library =~ $allowed ]] || fail "the binary needs $library; a shipped binary may need only libc, libstdc++/libgcc_s and OpenSSL"
done
if readelf -d "$binary" | grep -E '\((RUNPATH|RPATH)\)' | grep -qE '/opt/|swift|\.build'; then
    fail "the binary's RUNPATH points into a toolchain or build folder: $(readelf -d "$binary" | grep -E 'RUNPATH|RPATH')"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
contract=$root/Sources/ToolContract/Resources/contract.md
feather=$root/Sources/ToolContract/Resources/feather.openapi.json

# Runs the four commands with RUN (a command prefix) from DIR; REPORTS is the report folder as the binary sees it.
# Usage: exercise LABEL REPORTS_ON_DISK REPORTS_FOR_BINARY RUN...
exercise() {
    local label=$1 on_disk=$2 for_binary=$3; shift 3
    step "$label: understudy contract"
    timeout 60 "$@" contract > "$work/contract.out" || fail "$label: understudy contract exited $?"
    cmp -s "$work/contract.out" "$contract" || fail "$label: understudy contract is not Sources/ToolContract/Resources/contract.md"
    step "$label: understudy contract --openapi feather"
    timeout 60 "$@" contract --openapi feather > "$work/feather.out" || fail "$label: understudy contract --openapi feather exited $?"
    cmp -s "$work/feather.out" "$feather" || fail "$label: the feather OpenAPI printed is not Sources/ToolContract/Resources/feather.openapi.json"
    step "$label: understudy cases"
    timeout 60 "$@" cases > "$work/cases.out" || fail "$label: understudy cases exited $?"
    grep -q '^lifecycle\.create' "$work/cases.out" || fail "$label: understudy cases does not list lifecycle.create"
    step "$label: understudy run --only lifecycle.create"
    timeout 120 "$@" run --only lifecycle.create --report-dir "$for_binary" --quiet || fail "$label: understudy run exited $?"
    [ -s "$on_disk/run.json" ] || fail "$label: understudy run wrote no run.json"
}

# (2) Alone in an empty folder, with a bare environment.
alone=$work/alone
mkdir -p "$alone/home"
cp "$binary" "$alone/understudy"
cd "$alone"
exercise "alone" "$alone/reports" "$alone/reports" \
    env -i PATH=/usr/bin:/bin HOME="$alone/home" LD_LIBRARY_PATH= ./understudy

# (3) In a bare chroot: the binary and the libraries ldd resolves for it, nothing else but what every Linux system
# and container has: /proc, which the Swift runtime reads at start (/proc/self/maps: without it the binary sees no
# arguments), and /dev/null and /dev/urandom, which Foundation's UUID() reads (without it every UUID comes out
# 00000000-0000-4000-8000-000000000000, silently, and the reference server's tool ids collide). The chroot gets its
# own mount and PID namespaces, so those are mounted there alone and nothing outlives it.
# Absolute paths: env -i leaves PATH=/, which would not find them.
namespaces=(--mount --pid --fork --kill-child --propagation private)
if [ "$(id -u)" = 0 ] && unshare "${namespaces[@]}" true 2>/dev/null; then
    enter=("$(command -v unshare)" "${namespaces[@]}")
elif unshare -r "${namespaces[@]}" true 2>/dev/null; then
    enter=("$(command -v unshare)" -r "${namespaces[@]}")
else
    echo "check_static_binary.sh: cannot make mount and PID namespaces here: the bare chroot check is skipped" >&2
    step "PASS (without the chroot check): $binary runs alone"
    exit 0
fi
jail=$work/jail
mkdir -p "$jail/proc" "$jail/dev" "$jail/tmp" "$jail/home"
touch "$jail/dev/null" "$jail/dev/urandom"
cp "$binary" "$jail/understudy"
while read -r path; do
    mkdir -p "$jail$(dirname "$path")"
    cp -L "$path" "$jail$path"
done < <(ldd "$binary" | grep -oE '/[^ ]+' | sort -u)
step "chroot holds: $(cd "$jail" && find . -type f | sort | tr '\n' ' ')"
cd "$work"
# shellcheck disable=SC2016 # $0 and $@ belong to the inner shell.
mounts='mount -t proc proc "$0/proc" && mount --bind /dev/null "$0/dev/null" && mount --bind /dev/urandom "$0/dev/urandom"'
exercise "chroot" "$jail/tmp/reports" /tmp/reports \
    "${enter[@]}" /bin/sh -c "$mounts"' && exec "$@"' "$jail" \
    env -i PATH=/ HOME=/home TMPDIR=/tmp "$(command -v chroot)" "$jail" /understudy
step "PASS: $binary runs alone and in a bare chroot"
