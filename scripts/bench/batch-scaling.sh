#!/usr/bin/env bash
# Batch machinery benchmarks (issue 4). $1 = the release advsim binary.
# - throughput with 1 and 2 threads: median of 5 interleaved runs, and their ratio;
# - batch overhead: 1-thread batch wall time against N × the median raw replication time
#   measured in-process by `advsim bench scenario`;
# - peak RSS (from /usr/bin/time -v) for 10^4 and 10^6 replications of a tiny scenario.
# Prints CSV: benchmark,metric,value,unit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ADVSIM=$(realpath "${1:-.build/release/advsim}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
N=${BATCH_BENCH_REPLICATIONS:-200}
SCENARIO=scenarios/amm-arbitrage.yaml
ARGS=(-n "$N" --seed 1 --set duration=2h --quiet)

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc -l; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

one=(); two=()
for round in 1 2 3 4 5; do
    rm -rf "$WORK"/t1 "$WORK"/t2
    if [ $((round % 2)) -eq 1 ]; then
        one+=("$(seconds "$ADVSIM" batch "$SCENARIO" "${ARGS[@]}" --threads 1 --out "$WORK/t1")")
        two+=("$(seconds "$ADVSIM" batch "$SCENARIO" "${ARGS[@]}" --threads 2 --out "$WORK/t2")")
    else
        two+=("$(seconds "$ADVSIM" batch "$SCENARIO" "${ARGS[@]}" --threads 2 --out "$WORK/t2")")
        one+=("$(seconds "$ADVSIM" batch "$SCENARIO" "${ARGS[@]}" --threads 1 --out "$WORK/t1")")
    fi
done
t1=$(printf '%s\n' "${one[@]}" | median)
t2=$(printf '%s\n' "${two[@]}" | median)
raw=$("$ADVSIM" bench scenario "$SCENARIO" --set duration=2h --replications 21 --format csv | awk -F, '$2=="seconds_per_replication" {print $3}')
echo "benchmark,metric,value,unit"
echo "batch,replications_per_second_1_thread,$(echo "$N / $t1" | bc -l | xargs printf '%.1f'),rep/s"
echo "batch,replications_per_second_2_threads,$(echo "$N / $t2" | bc -l | xargs printf '%.1f'),rep/s"
echo "batch,speedup_2_threads,$(echo "$t1 / $t2" | bc -l | xargs printf '%.3f'),x"
echo "batch,overhead_vs_raw_replications,$(echo "($t1 / ($N * $raw) - 1) * 100" | bc -l | xargs printf '%.2f'),%"

rss() {
    /usr/bin/time -v "$ADVSIM" batch scripts/bench/tiny.yaml -n "$1" --seed 1 --threads 2 --quiet --out "$WORK/rss$1" 2>&1 >/dev/null \
        | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}'
}
small=$(rss 10000)
large=$(rss "${BATCH_BENCH_LARGE:-1000000}")
echo "batch,peak_rss_10k_replications,$small,KiB"
echo "batch,peak_rss_large_replications,$large,KiB"
echo "batch,peak_rss_growth,$(echo "($large / $small - 1) * 100" | bc -l | xargs printf '%.1f'),%"
