/* C baseline for `advsim bench kernel`: the same workload on a hand-written binary min-heap.
 *
 * P processes (default 1,000) each sleep an exponential(1) time and reschedule themselves
 * until E events (default 10,000,000) have run. Entries {time, seq, pid} are ordered by
 * (time, seq): FIFO among equal times. Each event is a pop (sift-down) and then a push
 * (sift-up) -- the generic priority-queue API. RNG: xoshiro256** seeded by splitmix64,
 * u in (0,1) from 53 bits, delay = -log(u). Built with -DUSE_GSL, the delays come from
 * gsl_ran_exponential on a taus2 generator instead -- the RNG `advsim bench kernel` uses --
 * so the two loops differ only in the queue.
 *
 * Usage: des_baseline [processes] [events] [seed]
 * Prints one line: the round's events per second. Exits non-zero if the final simulated
 * time is implausible (more than 10 % away from events / processes).
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#ifdef USE_GSL
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
static gsl_rng *generator;
#endif

typedef struct {
    double time;
    uint64_t seq;
    uint32_t pid;
} entry_t;

static entry_t *heap;
static size_t count;

static inline int precedes(const entry_t *a, const entry_t *b) {
    return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static inline void push(entry_t e) {
    size_t hole = count++;
    while (hole > 0) {
        size_t parent = (hole - 1) / 2;
        if (!precedes(&e, &heap[parent])) break;
        heap[hole] = heap[parent];
        hole = parent;
    }
    heap[hole] = e;
}

static inline entry_t pop(void) {
    entry_t top = heap[0], last = heap[--count];
    size_t hole = 0;
    for (;;) {
        size_t child = 2 * hole + 1;
        if (child >= count) break;
        if (child + 1 < count && precedes(&heap[child + 1], &heap[child])) child++;
        if (!precedes(&heap[child], &last)) break;
        heap[hole] = heap[child];
        hole = child;
    }
    heap[hole] = last;
    return top;
}

static uint64_t state[4];
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static inline uint64_t next_u64(void) { /* xoshiro256** */
    uint64_t result = rotl(state[1] * 5, 7) * 9, t = state[1] << 17;
    state[2] ^= state[0]; state[3] ^= state[1]; state[1] ^= state[2]; state[0] ^= state[3];
    state[2] ^= t; state[3] = rotl(state[3], 45);
    return result;
}
static void seed_state(uint64_t seed) { /* splitmix64 */
#ifdef USE_GSL
    generator = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(generator, (unsigned long)seed);
#endif
    for (int i = 0; i < 4; i++) {
        uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        state[i] = z ^ (z >> 31);
    }
}
static inline double exponential1(void) {
#ifdef USE_GSL
    return gsl_ran_exponential(generator, 1.0);
#endif
    return -log(((next_u64() >> 11) + 0.5) * 0x1.0p-53); /* u in (0,1) */
}

static double monotonic_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

int main(int argc, char **argv) {
    uint32_t processes = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 10) : 1000;
    uint64_t events = argc > 2 ? strtoull(argv[2], NULL, 10) : 10000000ULL;
    uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
    heap = malloc(sizeof(entry_t) * (processes + 1));
    if (!heap || processes == 0) return 2;
    seed_state(seed);
    double start = monotonic_seconds(), now = 0;
    uint64_t seq = 0;
    for (uint32_t p = 0; p < processes; p++) push((entry_t){exponential1(), seq++, p});
    for (uint64_t n = 0; n < events; n++) {
        entry_t e = pop();
        now = e.time;
        push((entry_t){now + exponential1(), seq++, e.pid});
    }
    double elapsed = monotonic_seconds() - start;
    double expected = (double)events / processes;
    if (fabs(now - expected) > 0.1 * expected) {
        fprintf(stderr, "final time %g, expected about %g\n", now, expected);
        return 1;
    }
    printf("%.1f\n", events / elapsed);
    free(heap);
    return 0;
}
