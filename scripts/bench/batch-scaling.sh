#!/usr/bin/env bash
# Batch machinery benchmarks (issue 4). $1 = the release advsim binary.
# - throughput with 1 and 2 threads: `advsim bench batch`, 5 interleaved rounds, medians, ratio;
# - overhead: the 1-thread batch's wall time against the time spent inside its replications,
#   measured in the same process (median over the rounds);
# - peak RSS (/usr/bin/time -v) of 10^4 and 10^6 replications of a tiny scenario
#   (BATCH_BENCH_LARGE sets the larger count).
# Prints CSV: benchmark,metric,value,unit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ADVSIM=$(realpath "${1:-.build/release/advsim}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
N=${BATCH_BENCH_REPLICATIONS:-1000}
ARGS=(scenarios/amm-arbitrage.yaml -n "$N" --set duration=2h --format csv)
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { awk -F, -v m="$1" '$2==m {print $3}'; }

: > "$WORK/one"; : > "$WORK/two"; : > "$WORK/overhead"
for round in 1 2 3 4 5; do
    for threads in $([ $((round % 2)) -eq 1 ] && echo "1 2" || echo "2 1"); do
        out=$("$ADVSIM" bench batch "${ARGS[@]}" --threads "$threads")
        if [ "$threads" = 1 ]; then
            echo "$out" | field replications_per_second >> "$WORK/one"
            echo "$out" | field machinery_overhead >> "$WORK/overhead"
        else
            echo "$out" | field replications_per_second >> "$WORK/two"
        fi
    done
done
one=$(median < "$WORK/one"); two=$(median < "$WORK/two")
echo "benchmark,metric,value,unit"
echo "batch,replications_per_second_1_thread,$one,rep/s"
echo "batch,replications_per_second_2_threads,$two,rep/s"
echo "batch,speedup_2_threads,$(echo "$two / $one" | bc -l | xargs printf '%.3f'),x"
echo "batch,machinery_overhead_1_thread,$(median < "$WORK/overhead"),%"

rss() {
    /usr/bin/time -v "$ADVSIM" batch scripts/bench/tiny.yaml -n "$1" --seed 1 --threads 2 --quiet --out "$WORK/rss$1" 2>&1 >/dev/null \
        | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}'
}
small=$(rss 10000)
large=$(rss "${BATCH_BENCH_LARGE:-1000000}")
echo "batch,peak_rss_10k_replications,$small,KiB"
echo "batch,peak_rss_large_replications,$large,KiB"
echo "batch,peak_rss_growth,$(echo "($large / $small - 1) * 100" | bc -l | xargs printf '%.1f'),%"
