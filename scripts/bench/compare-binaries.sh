#!/usr/bin/env bash
# Wall-clock comparison of advsim binaries on one scenario, for a change's before and after.
#
#   scripts/bench/compare-binaries.sh [-r ROUNDS] [-n REPLICATIONS] [-s SCENARIO] BASE OTHER...
#
# Each round runs `bench scenario SCENARIO --replications REPLICATIONS` once with every binary,
# in turn (defaults: 30 rounds, 10 replications, scenarios/benchmark-day.yaml). Per binary it
# prints, in milliseconds a replication, the median of the rounds' medians and three figures of
# the rounds' fastest replications (their minimum, 10th and 25th percentiles), and each figure's
# ratio to BASE's.
#
# Why the low percentiles: on the shared 2-vCPU guests these notes were measured on, one binary's
# speed flips between two states for seconds at a time (benchmark-day: ≈ 22 ms and ≈ 38 ms a
# replication), so the median of a round says which state it ran in. The fastest replication of a
# round, and the 10th–25th percentile of those over many interleaved rounds, are what the code
# costs when the machine is not taken away. An A/A check (BASE given twice) shows the noise left:
# ±2 % at p10 with 30 rounds there. Compare ratios of the same run only.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=30 replications=10 scenario=scenarios/benchmark-day.yaml
while getopts "r:n:s:" option; do
    case $option in
        r) rounds=$OPTARG ;;
        n) replications=$OPTARG ;;
        s) scenario=$OPTARG ;;
        *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || { echo "usage: $0 [-r ROUNDS] [-n REPLICATIONS] [-s SCENARIO] BASE OTHER..." >&2; exit 2; }
for binary in "$@"; do [ -x "$binary" ] || { echo "$0: $binary: not an executable" >&2; exit 2; }; done

samples=$(mktemp)
trap 'rm -f "$samples"' EXIT
for ((round = 1; round <= rounds; round++)); do
    for index in $(seq 1 $#); do
        binary=${!index}
        "$binary" bench scenario "$scenario" --replications "$replications" --format csv \
            | awk -F, -v index_="$index" '$2 == "seconds_per_replication" { median = $3 }
                                          $2 == "min_seconds_per_replication" { fastest = $3 }
                                          END { print index_, median, fastest }' >> "$samples"
    done
    printf 'round %d/%d\r' "$round" "$rounds" >&2
done
echo >&2

python3 - "$samples" "$@" <<'PY'
import statistics
import sys

path, binaries = sys.argv[1], sys.argv[2:]
medians, fastest = {}, {}
for line in open(path):
    index, median, low = line.split()
    medians.setdefault(int(index), []).append(float(median))
    fastest.setdefault(int(index), []).append(float(low))


def figures(index):
    lows = sorted(fastest[index])
    def quantile(p):
        return lows[int(p * (len(lows) - 1))]
    return {"median": statistics.median(medians[index]), "min": lows[0], "p10": quantile(0.10), "p25": quantile(0.25)}


base = figures(1)
print(f"{'binary':<40} {'median':>8} {'min':>8} {'p10':>8} {'p25':>8}   ratios to the first (median, min, p10, p25)")
for index, binary in enumerate(binaries, start=1):
    own = figures(index)
    ratios = "  ".join(f"{own[key] / base[key]:.3f}" for key in ("median", "min", "p10", "p25"))
    print(f"{binary[-40:]:<40} " + " ".join(f"{own[key] * 1e3:8.2f}" for key in ("median", "min", "p10", "p25")) + f"   {ratios}")
PY
