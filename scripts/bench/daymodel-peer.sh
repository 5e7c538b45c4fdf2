#!/usr/bin/env bash
# benchmark-day against the peer's careful pure-Python loop (heap of liquidation prices), in the
# same run: median seconds per replication of each and the ratio. $1 = the release advsim binary.
# The peers live in ../shared/peers (not shipped): without them, only ours runs, with a note.
# Prints CSV rows benchmark,metric,value,unit.
#
# The two run in alternating rounds (DAYMODEL_ROUNDS, default 5; DAYMODEL_REPS replications each,
# default 5, after each side's own warm-up): on a shared machine whose load drifts, back-to-back
# runs of one binary differ by up to ±20 %, and a drift between one long run of ours and one of
# the peer's moved the ratio with it. Each round's ratio compares two runs made seconds apart;
# the figures printed are the medians over the rounds (the round medians of each side and the
# rounds' ratios), with the smallest and largest ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
ADVSIM=${1:-.build/release/advsim}
REPS=${DAYMODEL_REPS:-5}
ROUNDS=${DAYMODEL_ROUNDS:-5}
PEER=../shared/peers/daymodel

ours_round() {
    "$ADVSIM" bench scenario scenarios/benchmark-day.yaml --replications "$REPS" --format csv \
        | awk -F, '$2 == "seconds_per_replication" { print $3 }'
}

peer_round() {
    (cd "$PEER" && OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
        python3 bench.py loop-heap --borrowers 10000 --reps "$REPS" \
        | python3 -c 'import json, sys; print([json.loads(l) for l in sys.stdin if "median_s" in l][-1]["median_s"])')
}

peer_present=1
if [ ! -f "$PEER/bench.py" ]; then
    echo "note: $PEER is absent; the peer's loop is skipped" >&2
    peer_present=0
fi
ours=() peer=()
for ((round = 1; round <= ROUNDS; round++)); do
    ours+=("$(ours_round)")
    if [ "$peer_present" = 1 ]; then peer+=("$(peer_round)"); fi
done

# Medians over the rounds, and each round's ratio (peer / ours).
python3 - "$peer_present" "${ours[*]}" "${peer[*]:-}" <<'PY'
import statistics, sys
present = sys.argv[1] == "1"
ours = [float(v) for v in sys.argv[2].split()]
print("benchmark,metric,value,unit")
print(f"daymodel:advsim,seconds_per_replication,{statistics.median(ours)},s")
if present:
    peer = [float(v) for v in sys.argv[3].split()]
    ratios = [p / o for p, o in zip(peer, ours)]
    print(f"daymodel:python-loop-heap,seconds_per_replication,{statistics.median(peer)},s")
    print(f"daymodel:ratio,python_over_advsim,{statistics.median(ratios):.2f},x")
    print(f"daymodel:ratio,python_over_advsim_min,{min(ratios):.2f},x")
    print(f"daymodel:ratio,python_over_advsim_max,{max(ratios):.2f},x")
PY
