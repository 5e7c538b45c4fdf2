#!/usr/bin/env bash
# benchmark-day against the peer's careful pure-Python loop (heap of liquidation prices), in the
# same run: median seconds per replication of each and the ratio. $1 = the release advsim binary.
# The peers live in ../shared/peers (not shipped): without them, only ours runs, with a note.
# Prints CSV rows benchmark,metric,value,unit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ADVSIM=${1:-.build/release/advsim}
REPS=${DAYMODEL_REPS:-5}
PEER=../shared/peers/daymodel
ours=$("$ADVSIM" bench scenario scenarios/benchmark-day.yaml --replications "$REPS" --format csv \
       | awk -F, '$2 == "seconds_per_replication" { print $3 }')
echo "benchmark,metric,value,unit"
echo "daymodel:advsim,seconds_per_replication,$ours,s"
if [ ! -f "$PEER/bench.py" ]; then
    echo "note: $PEER is absent; the peer's loop is skipped" >&2
    exit 0
fi
peer=$(cd "$PEER" && OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
       python3 bench.py loop-heap --borrowers 10000 --reps "$REPS" \
       | python3 -c 'import json, sys; print([json.loads(l) for l in sys.stdin if "median_s" in l][-1]["median_s"])')
echo "daymodel:python-loop-heap,seconds_per_replication,$peer,s"
echo "daymodel:ratio,python_over_advsim,$(echo "scale=2; $peer / $ours" | bc -l),x"
