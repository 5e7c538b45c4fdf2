#!/usr/bin/env python3
"""Compare advsim's benchmark-day batch with the peer's careful pure-Python loop, in distribution.

    python3 scripts/bench/daymodel-compare.py RUNS_CSV [--peers ../shared/peers/daymodel] [--seeds 400]

RUNS_CSV is the runs.csv of `advsim batch scenarios/benchmark-day.yaml -n 400`. The peer
(sim_loop.py, heap of liquidation prices) is run in this process for seeds 1..N. The two draw
different random numbers (GSL streams vs Python's Mersenne Twister), so they are compared in
distribution: mean ± standard error, median, Welch t, Mann-Whitney U and two-sample KS for the
summary values both report. Test tooling only: nothing here runs inside the simulator.
"""
import argparse
import csv
import math
import os
import statistics
import sys

from scipy import stats

KEYS = ("liquidations", "liquidated_volume", "bad_debt")


def ours(path):
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {key: [float(row[key]) for row in rows if row[key] != ""] for key in KEYS}


def peer(folder, seeds):
    sys.path.insert(0, folder)
    import sim_loop  # noqa: E402  (the peer's own module)
    values = {key: [] for key in KEYS}
    for seed in range(1, seeds + 1):
        summary = sim_loop.run(seed, scan="heap")
        for key in KEYS:
            values[key].append(float(summary[key]))
    return values


def describe(values):
    mean = statistics.fmean(values)
    error = statistics.stdev(values) / math.sqrt(len(values)) if len(values) > 1 else float("nan")
    return f"{mean:,.4g} ± {error:,.3g} (median {statistics.median(values):,.4g}, n={len(values)})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs_csv")
    parser.add_argument("--peers", default=os.path.join(os.path.dirname(__file__), "../../../shared/peers/daymodel"))
    parser.add_argument("--seeds", type=int, default=400)
    args = parser.parse_args()
    if not os.path.isdir(args.peers):
        print(f"daymodel-compare: peer folder {args.peers} absent (it is not shipped); nothing to compare")
        return
    a, b = ours(args.runs_csv), peer(args.peers, args.seeds)
    print(f"{'value':18s} {'advsim':46s} {'peer loop-heap':46s} Welch t  M-W U   KS")
    for key in KEYS:
        welch = stats.ttest_ind(a[key], b[key], equal_var=False).pvalue
        mann = stats.mannwhitneyu(a[key], b[key]).pvalue
        ks = stats.ks_2samp(a[key], b[key]).pvalue
        print(f"{key:18s} {describe(a[key]):46s} {describe(b[key]):46s} {welch:7.3g} {mann:7.3g} {ks:7.3g}")


if __name__ == "__main__":
    main()
