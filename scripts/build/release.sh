#!/usr/bin/env bash
# `make release`: the optimised advsim binary, at .build/release/advsim.
#
# Whole-program optimisation (full LTO) and profile-guided optimisation (LLVM IR PGO), with the
# profile taken from this checkout's own code, so it can never be stale:
#   1. an instrumented release build, in .build/pgo-instrumented;
#   2. a training run of that binary: every shipped scenario, the benchmark day, a small batch,
#      an attack search and the benchmarks' kernels, on one thread (the counters are not atomic);
#      the merged profile is kept in .build/pgo under the instrumented binary's hash, so it is
#      made again only when the code changes;
#   3. the release build with full LTO and that profile.
# The outputs are byte-identical to a plain `swift build -c release` (the same Swift semantics;
# the optimiser only places and inlines code differently); the benchmark day takes ≈ 14 % less time.
# BENCHMARKS.md has the figures.
#
# ADVSIM_PGO=0 skips stages 1–2 (LTO only). Without the toolchain's profile runtime or its
# llvm-profdata, the script says so and does the same.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/../.."
SWIFT=${SWIFT:-swift}
INSTRUMENTED=.build/pgo-instrumented
PROFILES=.build/pgo
scratch=$(mktemp -d)  # the training run's outputs and raw profiles, removed however the script ends
trap 'rm -rf "$scratch"' EXIT

say() { echo "release: $*" >&2; }

# The profile tools must be the toolchain's own: a system llvm-profdata of another LLVM version
# cannot read the raw profiles ("unsupported instrumentation profile format version").
toolchain_bin=$(dirname "$(readlink -f "$(command -v "$SWIFT" || echo "$SWIFT")")")
profdata=$toolchain_bin/llvm-profdata
runtime=$(find "$toolchain_bin/../lib/clang" -name "libclang_rt.profile-$(uname -m).a" 2>/dev/null | head -n 1)

# Runs the instrumented binary $1 on the training workload, writing raw profiles to folder $2.
train() {
    local binary=$1 raw=$2 work=$scratch/work
    mkdir -p "$work"
    export LLVM_PROFILE_FILE="$raw/%p.profraw"
    for scenario in scenarios/*.yaml; do
        "$binary" run "$scenario" --out "$work/$(basename "$scenario" .yaml)" >/dev/null
    done
    "$binary" bench scenario scenarios/benchmark-day.yaml --replications 5 --format csv >/dev/null
    "$binary" batch amm-arbitrage -n 20 --threads 1 --quiet --out "$work/batch" >/dev/null
    "$binary" optimize bzx-oracle-2020 -n 1 --threads 1 --quiet --out "$work/optimize" >/dev/null
    "$binary" bench kernel --events 1000000 --rounds 1 --format csv >/dev/null
    "$binary" bench pricing --n 100000 --rounds 1 --format csv >/dev/null
    "$binary" bench margin --accounts 1000 --rounds 1 --format csv >/dev/null
    unset LLVM_PROFILE_FILE
}

# Prints the path of a profile for the current code, making it when needed; prints nothing when
# PGO is off or unavailable.
profile() {
    if [ "${ADVSIM_PGO:-1}" = 0 ]; then say "ADVSIM_PGO=0: no profile-guided optimisation"; return; fi
    if [ ! -x "$profdata" ] || [ -z "$runtime" ]; then
        say "the toolchain has no llvm-profdata or profile runtime: building without profile-guided optimisation"
        return
    fi
    say "1/3 instrumented build ($INSTRUMENTED)"
    "$SWIFT" build -c release --product advsim --scratch-path "$INSTRUMENTED" \
        -Xswiftc -Xfrontend -Xswiftc -ir-profile-generate \
        -Xlinker -u -Xlinker __llvm_profile_runtime -Xlinker "$runtime" >&2
    local hash profile raw
    hash=$(sha256sum "$INSTRUMENTED/release/advsim" | cut -c1-16)
    profile=$PWD/$PROFILES/advsim-$hash.profdata
    if [ -f "$profile" ]; then
        say "2/3 training run: the profile of this code is already made"
    else
        say "2/3 training run (shipped scenarios and benchmarks)"
        raw=$scratch/raw
        mkdir -p "$raw"
        train "$INSTRUMENTED/release/advsim" "$raw"
        mkdir -p "$PROFILES"
        rm -f "$PROFILES"/*.profdata
        "$profdata" merge -o "$profile.partial" "$raw"/*.profraw
        mv "$profile.partial" "$profile"
    fi
    echo "$profile"
}

profile_path=$(profile)
flags=(--experimental-lto-mode=full)
if [ -n "$profile_path" ]; then
    # The profile's name changes with the code, so a changed profile rebuilds every module.
    flags+=(-Xswiftc -Xfrontend -Xswiftc "-ir-profile-use=$profile_path")
    say "3/3 optimised build (full LTO, profile $(basename "$profile_path"))"
else
    say "optimised build (full LTO)"
fi
"$SWIFT" build -c release --product advsim "${flags[@]}"
