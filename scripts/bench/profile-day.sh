#!/usr/bin/env bash
# A callgrind profile of the benchmark day (a warm-up and one replication, both full days) with
# per-instruction costs, for scripts/bench/callgrind-lines.py. valgrind 3.19 cannot read Swift
# 6.3's DWARF 5, so it runs a copy stripped of debug information; callgrind-lines.py maps the
# addresses back with the unstripped binary.
#   $1  an advsim binary with debug information (a release build has it)
#   $2  output prefix: writes $2.cg (the profile) and $2.bin (the stripped copy valgrind ran)
#   further arguments go to `advsim bench scenario` (e.g. --seed 2, --set duration=2h)
# Prints the total instruction count. A full day takes a minute or two under valgrind.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 ADVSIM_BINARY OUTPUT_PREFIX [bench scenario options...]" >&2; exit 2; }
BIN=$(realpath "$1"); OUT=$(realpath -m "$2"); shift 2
cd "$(dirname "$0")/../.."
command -v valgrind >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }
objcopy --strip-debug "$BIN" "$OUT.bin"
valgrind --tool=callgrind --dump-instr=yes --callgrind-out-file="$OUT.cg" \
    "$OUT.bin" bench scenario scenarios/benchmark-day.yaml --replications 1 "$@" >/dev/null 2>&1
callgrind_annotate "$OUT.cg" | grep "PROGRAM TOTALS"
