// C baseline for `advsim bench pricing`: the same Black–Scholes formulas (price + delta,
// gamma, vega, theta, rho; calls and puts alternating) as a plain scalar loop, compiled by
// pricing-baselines.sh with gcc -O3 -march=native -ffast-math so gcc vectorises it to libmvec.
// Usage: bs_baseline N ROUNDS  → prints the median options/s.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void price(long n, const double *w, const double *S, const double *K, const double *T,
                  const double *r, const double *sigma, double *out) {
    double *price = out, *delta = out + n, *gamma = out + 2 * n, *vega = out + 3 * n,
           *theta = out + 4 * n, *rho = out + 5 * n;
    for (long i = 0; i < n; i++) {
        double rootT = sqrt(T[i]), sd = sigma[i] * rootT;
        double d1 = (log(S[i] / K[i]) + r[i] * T[i]) / sd + 0.5 * sd, d2 = d1 - sd;
        double nd1 = 0.5 * erfc(-w[i] * d1 * M_SQRT1_2), nd2 = 0.5 * erfc(-w[i] * d2 * M_SQRT1_2);
        double phi = exp(-0.5 * d1 * d1) * 0.3989422804014327;
        double disc = exp(-r[i] * T[i]), strikeLeg = K[i] * disc * nd2;
        price[i] = w[i] * (S[i] * nd1 - strikeLeg);
        delta[i] = w[i] * nd1;
        gamma[i] = phi / (S[i] * sd);
        vega[i] = S[i] * phi * rootT;
        theta[i] = -S[i] * phi * sigma[i] / (2 * rootT) - w[i] * r[i] * strikeLeg;
        rho[i] = w[i] * T[i] * strikeLeg;
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    double *in = malloc(sizeof(double) * 6 * n), *out = malloc(sizeof(double) * 6 * n);
    double *w = in, *S = in + n, *K = in + 2 * n, *T = in + 3 * n, *r = in + 4 * n, *sigma = in + 5 * n;
    srand48(12345);
    for (long i = 0; i < n; i++) {
        w[i] = i % 2 == 0 ? 1 : -1;
        S[i] = 50 + 100 * drand48();
        K[i] = 50 + 100 * drand48();
        T[i] = 0.01 + 1.99 * drand48();
        r[i] = 0.1 * drand48();
        sigma[i] = 0.05 + 1.45 * drand48();
    }
    double times[64], checksum = 0;
    if (rounds > 64) rounds = 64;
    price(n, w, S, K, T, r, sigma, out);
    for (int k = 0; k < rounds; k++) {
        double start = now();
        price(n, w, S, K, T, r, sigma, out);
        times[k] = now() - start;
        checksum += out[n / 2] + out[5 * n + 7];
    }
    qsort(times, rounds, sizeof(double), by_value);
    printf("%.6g\n", n / times[rounds / 2]);
    return isfinite(checksum) ? 0 : 1;
}
