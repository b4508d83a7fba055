#!/bin/sh
# Runs one fuzz target for SECONDS and prints a one-line summary.
#
#   fuzz/run.sh TARGET SECONDS [EXTRA LIBFUZZER FLAGS...]
#
# TARGET: wire, markdown, tei, html, json, nitf, newsml, template, stream or jsonl.  Sets up and builds
# $FUZZ_BUILD (default build-fuzz: clang, -Dfuzzing=true) when need be,
# seeds the corpus with fuzz/seeds.sh when it is missing, and runs one
# process (no -jobs/-workers): -max_total_time=SECONDS -timeout=10
# -rss_limit_mb=2048, leak detection on, UBSan fatal, the target's
# dictionary.  Under $FUZZ_WORK (default build-fuzz/fuzz-work): corpus/TARGET
# (grows), artifacts/TARGET/ (crash-*, leak-*, timeout-*, oom-*: minimize
# one with -minimize_crash=1, then add it to tests/fuzz-regressions/TARGET/)
# and logs/TARGET-DATE.log.  The summary line:
#
#   fuzz-wire: 600 s, 123456 execs, 205 exec/s, cov 2345, ft 8901, corpus 1234, crashes 0
#
# Exit status 0 when no crash, leak, timeout or OOM was found, 1 otherwise.
set -eu

if [ $# -lt 2 ]; then
	echo "usage: fuzz/run.sh TARGET SECONDS [LIBFUZZER FLAGS...]" >&2
	exit 2
fi
target=$1
secs=$2
shift 2
case $target in
wire | markdown | tei | html | json | nitf | newsml | template | stream | jsonl) ;;
*)
	echo "run.sh: unknown target '$target' (wire, markdown, tei, html, json, nitf, newsml, template, stream, jsonl)" >&2
	exit 2
	;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}
work=${FUZZ_WORK:-$build/fuzz-work}
export FUZZ_BUILD="$build" FUZZ_WORK="$work"

if [ ! -f "$build/build.ninja" ]; then
	CC=clang meson setup "$build" -Dfuzzing=true -Db_lundef=false \
		-Dtests=false -Dwerror=true >/dev/null
fi
ninja -C "$build" "fuzz/fuzz-$target" >/dev/null
exe=$build/fuzz/fuzz-$target

corpus=$work/corpus/$target
[ -d "$corpus" ] || "$root/fuzz/seeds.sh" >/dev/null
artifacts=$work/artifacts/$target
mkdir -p "$corpus" "$artifacts" "$work/logs"
log=$work/logs/$target-$(date +%Y%m%d-%H%M%S).log
dict=$root/fuzz/dict/$target.dict
set -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$artifacts/" "$@"
[ -f "$dict" ] && set -- -dict="$dict" "$@"

before=$(ls "$artifacts" | wc -l)
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-} \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-} \
	"$exe" "$@" "$corpus" >"$log" 2>&1 && rc=0 || rc=$?
after=$(ls "$artifacts" | wc -l)

stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -n 1; }
execs=$(stat number_of_executed_units)
rate=$(stat average_exec_per_sec)
last=$(grep -E '^#[0-9]+.* cov: ' "$log" | tail -n 1)
cov=$(printf '%s\n' "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
ft=$(printf '%s\n' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
corp=$(printf '%s\n' "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
crashes=$((after - before))
# a crash that left no artifact (the fuzzer itself failed) counts too
if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then
	crashes=1
fi
new=$(ls -t "$artifacts" | head -n "$((after - before))" | tr '\n' ' ')
echo "fuzz-$target: $secs s, ${execs:-?} execs, ${rate:-?} exec/s," \
	"cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}, crashes $crashes" \
	"${new:+(artifacts/$target: $new)}(log: $log)"
[ "$crashes" -eq 0 ]
