#!/usr/bin/env bash
# `advsim optimize` on the bZx re-enactments (issue 6 target: bzx-oracle-2020 in ≤ 2 s at
# ≥ 1,000 evaluations/s): median wall seconds of RUNS runs on one thread, evaluations (full
# simulated replications) and evaluations per second. $1 = the release advsim binary.
# Prints CSV rows benchmark,metric,value,unit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ADVSIM=${1:-.build/release/advsim}
RUNS=${OPTIMIZE_RUNS:-5}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
echo "benchmark,metric,value,unit"
for scenario in bzx-oracle-2020 bzx-pump-2020; do
    times=()
    for _ in $(seq "$RUNS"); do
        start=$(date +%s.%N)
        "$ADVSIM" optimize "scenarios/$scenario.yaml" -n 1 --threads 1 --quiet --out "$OUT/$scenario" > "$OUT/stdout"
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc -l)")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    points=$(sed -n 's/.*maximised over \([0-9]*\) points.*/\1/p' "$OUT/stdout")
    echo "optimize:$scenario,wall_median,$median,s"
    echo "optimize:$scenario,evaluations,$points,count"
    echo "optimize:$scenario,evaluations_per_second,$(echo "scale=0; $points / $median" | bc -l),1/s"
done
