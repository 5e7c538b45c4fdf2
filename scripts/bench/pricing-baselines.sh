#!/usr/bin/env bash
# Pricing benchmark with its two baselines, interleaved, one CSV out (benchmark,metric,value,unit).
#   scripts/bench/pricing-baselines.sh PATH/TO/advsim [ROUNDS] [N]
# Each round runs advsim bench pricing, the C baseline (gcc -O3 -march=native -ffast-math,
# compiled here into scripts/bench/build/) and the numpy baseline once, in rotating order;
# medians over rounds are printed, then the ratios batch_vs_numpy and batch_vs_c, and the
# 1-minute load average before and after the rounds (the machine may be shared: ratios from
# one run are comparable, absolute figures move with the load).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
advsim="${1:?usage: $0 PATH/TO/advsim [ROUNDS] [N]}"
rounds="${2:-5}"
n="${3:-1000000}"

mkdir -p "$here/build"
gcc -O3 -march=native -ffast-math -o "$here/build/bs_baseline" "$here/bs_baseline.c" -lm

python="python3"
if ! "$python" -c "import numpy, scipy" 2>/dev/null; then
    if [ ! -x "$root/.venv-bench/bin/python" ]; then
        python3 -m venv "$root/.venv-bench" >&2
        "$root/.venv-bench/bin/pip" install --quiet numpy scipy >&2
    fi
    python="$root/.venv-bench/bin/python"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
run_advsim() { "$advsim" bench pricing --n "$n" --rounds 3 --format csv | grep -E '_options_per_second,' >> "$tmp/advsim.csv"; }
run_c() { "$here/build/bs_baseline" "$n" 3 >> "$tmp/c.txt"; }
run_numpy() { "$python" "$here/bs_numpy_baseline.py" "$n" 3 >> "$tmp/numpy.txt"; }
load_start="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo nan)"
for ((round = 0; round < rounds; round++)); do
    case $((round % 3)) in
        0) run_advsim; run_c; run_numpy ;;
        1) run_c; run_numpy; run_advsim ;;
        2) run_numpy; run_advsim; run_c ;;
    esac
done
load_end="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo nan)"
path="$("$advsim" bench pricing --n 1000 --rounds 1 --format csv | sed -n 's/^pricing,batch_path_\([a-z0-9]*\),.*/\1/p')"

"$python" - "$tmp" "$path" "$load_start" "$load_end" <<'PY'
import statistics, sys
tmp, path, load_start, load_end = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
def med(values): return statistics.median(values)
batch = med([float(l.split(",")[2]) for l in open(f"{tmp}/advsim.csv") if "batch_options" in l])
scalar = med([float(l.split(",")[2]) for l in open(f"{tmp}/advsim.csv") if "scalar_options" in l])
c = med([float(x) for x in open(f"{tmp}/c.txt")])
numpy = med([float(x) for x in open(f"{tmp}/numpy.txt")])
print("benchmark,metric,value,unit")
print(f"pricing,batch_options_per_second,{batch:.6g},options/s")
print(f"pricing,scalar_options_per_second,{scalar:.6g},options/s")
print(f"pricing,c_gcc_O3_native_fastmath_options_per_second,{c:.6g},options/s")
print(f"pricing,numpy_call_options_per_second,{numpy:.6g},options/s")
print(f"pricing,batch_vs_numpy,{batch / numpy:.3f},ratio")
print(f"pricing,batch_vs_c,{batch / c:.3f},ratio")
print(f"pricing,batch_path_{path},1,flag")
print(f"pricing,load_average_1min_start,{load_start},load")
print(f"pricing,load_average_1min_end,{load_end},load")
PY
