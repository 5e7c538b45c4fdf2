#!/usr/bin/env bash
# `make bench`: every benchmark with its baselines, in one run. $1 = the release advsim binary.
# Prints each benchmark's CSV (benchmark,metric,value,unit) and a combined table at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
ADVSIM=${1:-.build/release/advsim}
for tool in bc /usr/bin/time column; do
    command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc time bsdextrautils >/dev/null; break; }
done
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
echo "benchmark,metric,value,unit" > "$OUT"

run() {
    echo "== $*" >&2
    "$@" | tail -n +2 | tee -a "$OUT"
}

if [ -f scripts/bench/kernel-baseline.sh ]; then run bash scripts/bench/kernel-baseline.sh "$ADVSIM"; fi
if [ -f scripts/bench/pricing-baselines.sh ]; then run bash scripts/bench/pricing-baselines.sh "$ADVSIM"; fi
run "$ADVSIM" bench scenario scenarios/amm-arbitrage.yaml --format csv
run "$ADVSIM" bench margin --format csv
run bash scripts/bench/batch-scaling.sh "$ADVSIM"
run bash scripts/bench/daymodel-peer.sh "$ADVSIM"
run bash scripts/bench/optimize-attack.sh "$ADVSIM"

echo
echo "All figures (machine: $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
column -s, -t < "$OUT"
