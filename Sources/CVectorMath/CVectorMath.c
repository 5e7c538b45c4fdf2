// Batch exp, log and erfc for the Pricing module's batch kernel.
//
// Goals, in order: never run an instruction the CPU lacks (run-time dispatch with
// __builtin_cpu_supports), glibc accuracy (libmvec's documented bound is 4 ulp), speed.
// Vector arguments cross the C ABI only inside functions compiled with the matching
// target attribute; Swift sees pointer arguments only, so its own compiler flags do not
// matter (calling libmvec with vectors by value from Swift silently breaks without AVX2).

#include "CVectorMath.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__) && defined(__linux__) && defined(__GLIBC__)
#define CVM_HAVE_LIBMVEC 1
#include <immintrin.h>

__attribute__((target("avx2,fma"))) __m256d _ZGVdN4v_exp(__m256d);
__attribute__((target("avx2,fma"))) __m256d _ZGVdN4v_log(__m256d);
__attribute__((target("avx2,fma"))) __m256d _ZGVdN4v_erfc(__m256d);
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_exp(__m512d);
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_log(__m512d);
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_erfc(__m512d);

#define CVM_AVX2_LOOP(name, vfunc)                                                  \
    __attribute__((target("avx2,fma"))) static void name(const double *in, double *out, \
                                                         long count) {             \
        long i = 0;                                                                 \
        for (; i + 4 <= count; i += 4) {                                            \
            _mm256_storeu_pd(out + i, vfunc(_mm256_loadu_pd(in + i)));               \
        }                                                                           \
        if (i < count) {                                                            \
            double buffer[4] = {1.0, 1.0, 1.0, 1.0};                                \
            memcpy(buffer, in + i, (size_t)(count - i) * sizeof(double));           \
            _mm256_storeu_pd(buffer, vfunc(_mm256_loadu_pd(buffer)));                \
            memcpy(out + i, buffer, (size_t)(count - i) * sizeof(double));          \
        }                                                                           \
    }

#define CVM_AVX512_LOOP(name, vfunc)                                                \
    __attribute__((target("avx512f"))) static void name(const double *in, double *out, \
                                                        long count) {              \
        long i = 0;                                                                 \
        for (; i + 8 <= count; i += 8) {                                            \
            _mm512_storeu_pd(out + i, vfunc(_mm512_loadu_pd(in + i)));               \
        }                                                                           \
        if (i < count) {                                                            \
            double buffer[8] = {1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0};            \
            memcpy(buffer, in + i, (size_t)(count - i) * sizeof(double));           \
            _mm512_storeu_pd(buffer, vfunc(_mm512_loadu_pd(buffer)));                \
            memcpy(out + i, buffer, (size_t)(count - i) * sizeof(double));          \
        }                                                                           \
    }

CVM_AVX2_LOOP(cvm_exp_avx2, _ZGVdN4v_exp)
CVM_AVX2_LOOP(cvm_log_avx2, _ZGVdN4v_log)
CVM_AVX2_LOOP(cvm_erfc_avx2, _ZGVdN4v_erfc)
CVM_AVX512_LOOP(cvm_exp_avx512, _ZGVeN8v_exp)
CVM_AVX512_LOOP(cvm_log_avx512, _ZGVeN8v_log)
CVM_AVX512_LOOP(cvm_erfc_avx512, _ZGVeN8v_erfc)
#endif

int cvm_supported_path(void) {
#if defined(CVM_HAVE_LIBMVEC)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return CVM_PATH_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return CVM_PATH_AVX2;
#endif
    return CVM_PATH_PORTABLE;
}

/// The path actually taken: `requested`, unless this CPU cannot run it.
static int cvm_effective_path(int requested) {
    return requested <= cvm_supported_path() ? requested : CVM_PATH_PORTABLE;
}

#define CVM_PORTABLE_LOOP(func)                                   \
    for (long i = 0; i < count; i++) out[i] = func(in[i]);

#if defined(CVM_HAVE_LIBMVEC)
#define CVM_DISPATCH(func)                                                   \
    switch (cvm_effective_path(path)) {                                      \
    case CVM_PATH_AVX512: cvm_##func##_avx512(in, out, count); return;      \
    case CVM_PATH_AVX2: cvm_##func##_avx2(in, out, count); return;          \
    default: CVM_PORTABLE_LOOP(func) return;                                \
    }
#else
#define CVM_DISPATCH(func) (void)path; CVM_PORTABLE_LOOP(func)
#endif

void cvm_exp(int path, const double *in, double *out, long count) { CVM_DISPATCH(exp) }
void cvm_log(int path, const double *in, double *out, long count) { CVM_DISPATCH(log) }
void cvm_erfc(int path, const double *in, double *out, long count) { CVM_DISPATCH(erfc) }
