#!/usr/bin/env python3
"""Where a scenario's wall time goes, by perf sampling, and which code makes its reference
counting and hashing.

callgrind counts instructions, and an atomic retain or release is one instruction that costs
tens of cycles; copies of structs holding arrays (a retain and release of every buffer) and
SipHash lookups therefore weigh far more in wall time than in a callgrind profile. This samples
`advsim bench scenario` with perf (DWARF call graphs, so a plain release build with debug
information: `swift build -c release`), then prints
  - the functions the samples land in (self time, % of samples), and
  - for the samples in swift_retain / swift_release / uniqueness checks / Hasher / dictionary
    lookups and value-witness copies, the first caller that is none of those: the code whose
    copies or lookups to look at.

Usage:
  scripts/bench/perf-copies.py BIN SCENARIO [--replications N] [--top K] [-- bench options...]
e.g. scripts/bench/perf-copies.py .build/release/advsim scenarios/amm-arbitrage.yaml --replications 60
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

RUNTIME = re.compile(r"swift_retain|swift_release|swift_isUniquelyReferenced|swift_arrayDestroy|swift_bridgeObject"
                     r"|doDecrementSlow|Hasher|RawDictionaryStorage")
# Frames that only pass a copy or lookup on: value witnesses (Vwcp, Vwxx, WOc, WOh), the
# standard library's dictionary and uniqueness helpers.
PASS_ON = re.compile(r"^swift_|Hasher|RawDictionaryStorage|Dictionary|doDecrement|RefCounts|_swift_release_dealloc"
                     r"|V[wW][a-zA-Z]{2}$|makeUnique|makeMutableAndUnique")


def frames(script):
    """Each sample's frames (innermost first) as symbol names without offsets."""
    for block in script.split("\n\n"):
        lines = [line.strip() for line in block.strip().split("\n")[1:] if line.strip()]
        names = [re.sub(r"\+0x[0-9a-f]+.*", "", re.sub(r"^[0-9a-f]+ ", "", line)) for line in lines]
        if names:
            yield names


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("scenario")
    parser.add_argument("--replications", type=int, default=40)
    parser.add_argument("--top", type=int, default=15)
    # Further `bench scenario` options come after `--`, split off here: argparse's own handling of
    # `--` refused them after an option (`... --replications 200 -- --set duration=12s`).
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    args.rest = argv[split + 1:]
    with tempfile.TemporaryDirectory() as folder:
        data = os.path.join(folder, "perf.data")
        subprocess.run(["perf", "record", "-q", "-F", "4000", "--call-graph", "dwarf,16384", "-o", data, args.binary,
                        "bench", "scenario", args.scenario, "--replications", str(args.replications), "--format", "csv",
                        *args.rest], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        script = subprocess.run(["perf", "script", "-i", data], capture_output=True, text=True, check=True).stdout
    own, callers, total, runtime = collections.Counter(), collections.Counter(), 0, 0
    for names in frames(script):
        total += 1
        own[names[0]] += 1
        if RUNTIME.search(names[0]):
            runtime += 1
            caller = next((name for name in names[1:] if not PASS_ON.search(name)), "?")
            callers[caller] += 1
    if total == 0:
        sys.exit("perf recorded no samples (is perf allowed here? kernel.perf_event_paranoid)")
    print(f"{total} samples; self time:")
    for name, count in own.most_common(args.top):
        print(f"  {100 * count / total:5.1f} %  {name[:150]}")
    print(f"reference counting, uniqueness and hashing: {100 * runtime / total:.1f} % of samples; made by:")
    for name, count in callers.most_common(args.top):
        print(f"  {100 * count / total:5.1f} %  {name[:150]}")


if __name__ == "__main__":
    main()
