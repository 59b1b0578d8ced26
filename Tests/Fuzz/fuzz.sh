#!/usr/bin/env bash
# Builds the libFuzzer targets in Tests/Fuzz with -sanitize=fuzzer,address and runs each for a bounded time.
# Usage: Tests/Fuzz/fuzz.sh [--seconds N] [--target NAME|all] [--build-only]
#   --seconds N    how long each target runs (default 20)
#   --target NAME  RequestParser, ResponseReader, MockDefinition, Templates, TLSRead, or all (default)
#   --build-only   build the targets and stop
# Exits 1 when a target crashes, hangs, leaks or runs out of memory, after printing the reproducer's path;
# 2 for a usage error; 3 when the build fails. Everything it writes (objects, binaries, the growing corpus, crash
# artifacts, logs) goes under .build-fuzz/, never into the repository tree. The modules are compiled straight from
# Sources/ with swiftc, so `swift build` and `swift test` neither see nor build the fuzz targets.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
fuzz_dir=$root/Tests/Fuzz
out=$root/.build-fuzz
all_targets=(RequestParser ResponseReader MockDefinition Templates TLSRead)
seconds=20
selected=all
build_only=false

usage() { sed -n '3,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case $1 in
        --seconds) seconds=${2:-}; shift 2 || { usage >&2; exit 2; } ;;
        --target) selected=${2:-}; shift 2 || { usage >&2; exit 2; } ;;
        --build-only) build_only=true; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "fuzz.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
if ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then
    echo "fuzz.sh: --seconds must be a positive whole number, got '$seconds'" >&2; exit 2
fi
if [ "$selected" = all ]; then
    targets=("${all_targets[@]}")
elif [[ " ${all_targets[*]} " == *" $selected "* ]]; then
    targets=("$selected")
else
    echo "fuzz.sh: unknown target '$selected'; expected one of: ${all_targets[*]}, all" >&2; exit 2
fi

swiftc=$(command -v swiftc)
clang=$(dirname "$swiftc")/clang
[ -x "$clang" ] || clang=$(command -v clang)
build=$out/build
mkdir -p "$build/modules" "$build/objects" "$build/bin" "$build/keys" "$out/logs"

# The modules each one depends on, and the modules each target links (dependencies first).
declare -A module_deps=(
    [CSystemShims]="" [CTLSShims]="" [JSONModel]="" [ToolContract]="" [HTTPWire]="CSystemShims CTLSShims"
    [MockSystems]="CSystemShims CTLSShims HTTPWire JSONModel"
    [ReferenceToolServer]="CSystemShims CTLSShims HTTPWire JSONModel ToolContract"
)
declare -A target_modules=(
    [RequestParser]="CSystemShims CTLSShims HTTPWire" [ResponseReader]="CSystemShims CTLSShims HTTPWire"
    [MockDefinition]="CSystemShims CTLSShims JSONModel HTTPWire MockSystems"
    [Templates]="CSystemShims CTLSShims JSONModel HTTPWire ToolContract MockSystems ReferenceToolServer"
    [TLSRead]="CSystemShims CTLSShims HTTPWire"
)
# Each stage depends only on earlier ones; the modules of one stage build in parallel.
stages=("CSystemShims CTLSShims" "JSONModel HTTPWire ToolContract" "MockSystems ReferenceToolServer")
c_modules=(CSystemShims CTLSShims)

# -O for speed; fuzzer coverage and AddressSanitizer everywhere; line tables so that crash stacks name lines.
swift_flags=(-package-name understudy -swift-version 6 -parse-as-library -O -gline-tables-only
             "-sanitize=fuzzer,address" -I "$build/modules")
c_flags=(-O1 -gline-tables-only "-fsanitize=address,fuzzer-no-link" -I "$root/Sources/CSystemShims/include"
         -I "$root/Sources/CTLSShims/include")
# The C modules, one module map for both; HTTPWire's TLS links the system's OpenSSL.
{
    for module in CSystemShims CTLSShims; do
        printf 'module %s {\n    header "%s"\n    export *\n}\n' "$module" "$root/Sources/$module/include/$module.h"
    done
} > "$build/modules/module.modulemap"
link_libraries=(-lssl -lcrypto)

sources_key() {  # A hash of the files given, the flags and the toolchain: the cache key of one build output.
    { "$swiftc" --version 2>&1; printf '%s\n' "${swift_flags[@]}" "${c_flags[@]}" "$@"; cat "$@"; } | sha256sum | cut -d' ' -f1
}

# The files the EmbedResources plugin embeds in a module: those directly in a folder named Resources, by path.
resource_files() {
    find "$root/Sources/$1" -type f -path '*/Resources/*' ! -name '*.swift' | while read -r file; do
        [[ $(basename "$(dirname "$file")") == Resources ]] && echo "$file"
    done | LC_ALL=C sort
}

# The plugin's work for such a module: ResourceEmbedder (compiled here once) writes the `EmbeddedResources` source
# from the module's resource files, in the plugin's order, and prints its path.
embedded_resources() {
    local module=$1 tool=$build/tools/ResourceEmbedder inputs
    mapfile -t inputs < <(resource_files "$module")
    if [ ! -x "$tool" ]; then
        mkdir -p "$build/tools"
        "$swiftc" -O -module-name ResourceEmbedder "$root"/Sources/ResourceEmbedder/*.swift -o "$tool" >&2 || return 1
    fi
    "$tool" "$build/tools/$module+EmbeddedResources.swift" "$module" "${inputs[@]}" >&2 || return 1
    echo "$build/tools/$module+EmbeddedResources.swift"
}

build_module() {
    local module=$1 key dep sources
    if [[ " ${c_modules[*]} " == *" $module "* ]]; then
        mapfile -t sources < <(find "$root/Sources/$module" -type f \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort)
    else
        mapfile -t sources < <(find "$root/Sources/$module" -type f -name '*.swift' | LC_ALL=C sort)
        if [ -n "$(resource_files "$module")" ]; then sources+=("$(embedded_resources "$module")") || return 1; fi
    fi
    key=$(sources_key "${sources[@]}")
    for dep in ${module_deps[$module]}; do key=$key$(cat "$build/keys/$dep"); done
    if [ -f "$build/objects/$module.o" ] && [ "$(cat "$build/keys/$module" 2>/dev/null)" = "$key" ]; then return 0; fi
    echo "fuzz.sh: compiling $module"
    if [[ " ${c_modules[*]} " == *" $module "* ]]; then
        local c_files=() objects=() c_file
        mapfile -t c_files < <(find "$root/Sources/$module" -type f -name '*.c' | LC_ALL=C sort)
        for c_file in "${c_files[@]}"; do
            "$clang" "${c_flags[@]}" -c "$c_file" -o "$build/objects/$module-$(basename "$c_file" .c).o" || return 1
            objects+=("$build/objects/$module-$(basename "$c_file" .c).o")
        done
        ld -r "${objects[@]}" -o "$build/objects/$module.o" || return 1
    else
        "$swiftc" "${swift_flags[@]}" -module-name "$module" -wmo -emit-module \
            -emit-module-path "$build/modules/$module.swiftmodule" -c -o "$build/objects/$module.o" "${sources[@]}" || return 1
    fi
    echo "$key" > "$build/keys/$module"
}

link_target() {
    local target=$1 key module objects=() sources
    mapfile -t sources < <(find "$fuzz_dir/$target" "$fuzz_dir/Support" -type f -name '*.swift' | LC_ALL=C sort)
    key=$(sources_key "${sources[@]}")
    for module in ${target_modules[$target]}; do
        objects+=("$build/objects/$module.o")
        key=$key$(cat "$build/keys/$module")
    done
    if [ -x "$build/bin/$target" ] && [ "$(cat "$build/keys/target-$target" 2>/dev/null)" = "$key" ]; then return 0; fi
    echo "fuzz.sh: linking $target"
    "$swiftc" "${swift_flags[@]}" -use-ld=lld -module-name "${target}Fuzz" "${sources[@]}" "${objects[@]}" \
        "${link_libraries[@]}" -o "$build/bin/$target" || return 1
    echo "$key" > "$build/keys/target-$target"
}

# Runs the given commands as background jobs; fails when any of them fails. (The commands check their own steps:
# `set -e` does not reach into a function called as the left side of `||`.)
in_parallel() {
    local pids=() pid failed=0
    for command in "$@"; do $command & pids+=($!); done
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    return $failed
}

declare -A needed=()
for target in "${targets[@]}"; do for module in ${target_modules[$target]}; do needed[$module]=1; done; done
started=$SECONDS
for stage in "${stages[@]}"; do
    jobs=()
    for module in $stage; do [ -n "${needed[$module]:-}" ] && jobs+=("build_module $module"); done
    [ ${#jobs[@]} -eq 0 ] || in_parallel "${jobs[@]}" || { echo "fuzz.sh: build failed" >&2; exit 3; }
done
jobs=()
for target in "${targets[@]}"; do jobs+=("link_target $target"); done
in_parallel "${jobs[@]}" || { echo "fuzz.sh: build failed" >&2; exit 3; }
echo "fuzz.sh: built ${targets[*]} in $((SECONDS - started)) s"
$build_only && exit 0

# libFuzzer writes new inputs to the first corpus folder only: the seeds in Tests/Fuzz/Corpus stay as they are.
crashed=()
for target in "${targets[@]}"; do
    corpus=$out/corpus/$target
    artifacts=$out/artifacts/$target
    log=$out/logs/$target.log
    mkdir -p "$corpus" "$artifacts"
    dictionary=()
    [ -f "$fuzz_dir/$target/dictionary.txt" ] && dictionary=(-dict="$fuzz_dir/$target/dictionary.txt")
    echo "fuzz.sh: running $target for $seconds s (log: ${log#"$root"/})"
    status=0
    # Swift's own crash backtracer would run inside the sanitizer's signal handling; libFuzzer prints the stack instead.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} "$build/bin/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "${dictionary[@]}" "$corpus" "$fuzz_dir/Corpus/$target" > "$log" 2>&1 || status=$?
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1 || true)
    echo "fuzz.sh: $target: ${executions:-?} executions, ${rate:-?} exec/s, ${coverage:-no coverage line}"
    if [ $status -ne 0 ]; then
        reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        grep -E '^(==[0-9]+==ERROR|SUMMARY|Fatal error|.*Fatal error:)' "$log" | head -5 >&2 || true
        echo "fuzz.sh: $target FAILED (exit $status); reproducer: ${reproducer:-none written, see $log}" >&2
        [ -n "$reproducer" ] && echo "fuzz.sh: reproduce with: SWIFT_BACKTRACE=enable=no $build/bin/$target $reproducer" >&2
        crashed+=("$target")
    fi
done
if [ ${#crashed[@]} -gt 0 ]; then
    echo "fuzz.sh: failures in ${crashed[*]}; turn each reproducer into a regression test" >&2
    exit 1
fi
echo "fuzz.sh: no crashes in ${targets[*]}"
