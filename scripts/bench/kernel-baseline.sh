#!/usr/bin/env bash
# Kernel benchmark against a C baseline, interleaved so both see the same machine load.
#
# Usage: scripts/bench/kernel-baseline.sh PATH/TO/advsim [rounds=5] [processes=1000] [events=10000000]
# Compiles scripts/bench/des_baseline.c with gcc -O2 into scripts/bench/build/ twice (inline
# xoshiro RNG; GSL taus2 RNG as the Swift benchmark uses), then runs one round of each C loop
# and one of `advsim bench kernel` in turn, `rounds` times. Prints CSV
# `benchmark,metric,value,unit`: each median, the ratio kernel / C (`kernel_vs_c`, the brief's
# target) and kernel / C-with-GSL-RNG (`kernel_vs_c_gsl_rng`, the queue alone compared).
set -euo pipefail

advsim=${1:?usage: $0 PATH/TO/advsim [rounds] [processes] [events]}
rounds=${2:-5}
processes=${3:-1000}
events=${4:-10000000}

here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/build"
gcc -O2 -o "$here/build/des_baseline" "$here/des_baseline.c" -lm
# The same loop drawing its delays through GSL, as the Swift kernel benchmark does.
gcc -O2 -DUSE_GSL -o "$here/build/des_baseline_gsl" "$here/des_baseline.c" $(pkg-config --cflags --libs gsl)

c_rates=()
c_gsl_rates=()
kernel_rates=()
for ((round = 1; round <= rounds; round++)); do
    c_rates+=("$("$here/build/des_baseline" "$processes" "$events" "$round")")
    c_gsl_rates+=("$("$here/build/des_baseline_gsl" "$processes" "$events" "$round")")
    kernel_rates+=("$("$advsim" bench kernel --processes "$processes" --events "$events" --rounds 1 --format csv |
        awk -F, '$2 == "events_per_second" { print $3 }')")
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
c_median=$(median "${c_rates[@]}")
c_gsl_median=$(median "${c_gsl_rates[@]}")
kernel_median=$(median "${kernel_rates[@]}")

echo "benchmark,metric,value,unit"
echo "kernel,events_per_second,$kernel_median,events/s"
echo "c_binary_heap,events_per_second,$c_median,events/s"
echo "c_binary_heap_gsl_rng,events_per_second,$c_gsl_median,events/s"
echo "kernel_vs_c_gsl_rng,ratio,$(awk -v k="$kernel_median" -v c="$c_gsl_median" 'BEGIN { printf "%.3f", k / c }'),x"
echo "kernel_vs_c,ratio,$(awk -v k="$kernel_median" -v c="$c_median" 'BEGIN { printf "%.3f", k / c }'),x"
