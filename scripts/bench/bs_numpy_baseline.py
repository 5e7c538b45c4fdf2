#!/usr/bin/env python3
"""numpy/scipy baseline for `advsim bench pricing`: call price + 5 Greeks, vectorised,
single-threaded (the `ndtr_call` variant of shared/peers/bs_numpy.py).
Usage: bs_numpy_baseline.py N ROUNDS  -> prints the median options/s."""
import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_v] = "1"

import statistics
import sys
import time

import numpy as np
from scipy.special import ndtr

INV_SQRT_2PI = 0.3989422804014327


def call_greeks(S, K, T, r, sigma):
    sqrtT = np.sqrt(T)
    sst = sigma * sqrtT
    d1 = (np.log(S / K) + (r + 0.5 * sigma * sigma) * T) / sst
    d2 = d1 - sst
    Nd1, Nd2 = ndtr(d1), ndtr(d2)
    phi = np.exp(-0.5 * d1 * d1) * INV_SQRT_2PI
    Kdisc = K * np.exp(-r * T)
    return (S * Nd1 - Kdisc * Nd2, Nd1, phi / (S * sst), S * phi * sqrtT,
            -S * phi * sigma / (2.0 * sqrtT) - r * Kdisc * Nd2, T * Kdisc * Nd2)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    rng = np.random.default_rng(12345)
    S, K = rng.uniform(50, 150, n), rng.uniform(50, 150, n)
    T, r, sigma = rng.uniform(0.01, 2, n), rng.uniform(0, 0.1, n), rng.uniform(0.05, 1.5, n)
    call_greeks(S, K, T, r, sigma)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        call_greeks(S, K, T, r, sigma)
        times.append(time.perf_counter() - start)
    print(f"{n / statistics.median(times):.6g}")


if __name__ == "__main__":
    main()
