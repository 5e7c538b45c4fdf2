// The Pricing module's fused batch kernel: its own vector exp and normal CDF, and glibc's
// vector log (libmvec).
//
// Goals, in order: never run an instruction the CPU lacks (run-time dispatch with
// __builtin_cpu_supports), accuracy within a few ulp (libmvec's log: documented bound 4 ulp;
// the kernel's exp and N(x): tested against mpmath), speed.
// Vector arguments cross the C ABI only inside functions compiled with the matching
// target attribute; Swift sees pointer arguments only, so its own compiler flags do not
// matter (calling libmvec with vectors by value from Swift silently breaks without AVX2).
// The kernel body is BlackScholesKernel.h, instantiated once per instruction set.

#include "CVectorMath.h"

#include <math.h>  // also defines __GLIBC__ on glibc systems

#if defined(__x86_64__) && defined(__linux__) && defined(__GLIBC__)
#define CVM_HAVE_LIBMVEC 1

typedef double cvm_v4d __attribute__((vector_size(32)));
typedef double cvm_v8d __attribute__((vector_size(64)));
__attribute__((target("avx2,fma"))) cvm_v4d _ZGVdN4v_log(cvm_v4d);
__attribute__((target("avx512f"))) cvm_v8d _ZGVeN8v_log(cvm_v8d);

/// Options per block: a multiple of both vector widths, small enough for L1.
#define CVM_BLOCK_SIZE 64

#define CVM_T_TARGET "avx2,fma"
#define CVM_T_WIDTH 4
#define CVM_T_LOG _ZGVdN4v_log
#define CVM_T_SPLAT(c) {c, c, c, c}
#define CVM_T_VD cvm_avx2_vd
#define CVM_T_COEFFICIENTS cvm_avx2_coefficients
#define CVM_T_TABLE cvm_avx2_table
#define CVM_T_VI cvm_avx2_vi
#define CVM_T_VDU cvm_avx2_vdu
#define CVM_T_VB cvm_avx2_vb
#define CVM_T_TAIL cvm_erfc_tail_avx2
#define CVM_T_EXPONENTIAL cvm_exp_avx2
#define CVM_T_GAUSSIAN cvm_gaussian_avx2
#define CVM_T_HALF_ERFC cvm_half_erfc_avx2
#define CVM_T_EXP_ARRAY cvm_exp_array_avx2
#define CVM_T_CDF_ARRAY cvm_normal_cdf_array_avx2
#define CVM_T_BLOCK cvm_black_scholes_block_avx2
#define CVM_T_KERNEL cvm_black_scholes_avx2
#include "BlackScholesKernel.h"
#undef CVM_T_TARGET
#undef CVM_T_WIDTH
#undef CVM_T_LOG
#undef CVM_T_SPLAT
#undef CVM_T_VD
#undef CVM_T_COEFFICIENTS
#undef CVM_T_TABLE
#undef CVM_T_VI
#undef CVM_T_VDU
#undef CVM_T_VB
#undef CVM_T_TAIL
#undef CVM_T_EXPONENTIAL
#undef CVM_T_GAUSSIAN
#undef CVM_T_HALF_ERFC
#undef CVM_T_EXP_ARRAY
#undef CVM_T_CDF_ARRAY
#undef CVM_T_BLOCK
#undef CVM_T_KERNEL

#define CVM_T_TARGET "avx512f"
#define CVM_T_WIDTH 8
#define CVM_T_LOG _ZGVeN8v_log
#define CVM_T_SPLAT(c) {c, c, c, c, c, c, c, c}
#define CVM_T_VD cvm_avx512_vd
#define CVM_T_COEFFICIENTS cvm_avx512_coefficients
#define CVM_T_TABLE cvm_avx512_table
#define CVM_T_VI cvm_avx512_vi
#define CVM_T_VDU cvm_avx512_vdu
#define CVM_T_VB cvm_avx512_vb
#define CVM_T_TAIL cvm_erfc_tail_avx512
#define CVM_T_EXPONENTIAL cvm_exp_avx512
#define CVM_T_GAUSSIAN cvm_gaussian_avx512
#define CVM_T_HALF_ERFC cvm_half_erfc_avx512
#define CVM_T_EXP_ARRAY cvm_exp_array_avx512
#define CVM_T_CDF_ARRAY cvm_normal_cdf_array_avx512
#define CVM_T_BLOCK cvm_black_scholes_block_avx512
#define CVM_T_KERNEL cvm_black_scholes_avx512
#include "BlackScholesKernel.h"
#undef CVM_T_TARGET
#undef CVM_T_WIDTH
#undef CVM_T_LOG
#undef CVM_T_SPLAT
#undef CVM_T_VD
#undef CVM_T_COEFFICIENTS
#undef CVM_T_TABLE
#undef CVM_T_VI
#undef CVM_T_VDU
#undef CVM_T_VB
#undef CVM_T_TAIL
#undef CVM_T_EXPONENTIAL
#undef CVM_T_GAUSSIAN
#undef CVM_T_HALF_ERFC
#undef CVM_T_EXP_ARRAY
#undef CVM_T_CDF_ARRAY
#undef CVM_T_BLOCK
#undef CVM_T_KERNEL
#endif

int cvm_supported_path(void) {
#if defined(CVM_HAVE_LIBMVEC)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return CVM_PATH_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return CVM_PATH_AVX2;
#endif
    return CVM_PATH_PORTABLE;
}

int cvm_black_scholes(int path, const cvm_option_arrays *arrays, long count) {
    if (path == CVM_PATH_PORTABLE || path > cvm_supported_path()) return 0;
#if defined(CVM_HAVE_LIBMVEC)
    if (path == CVM_PATH_AVX512) {
        cvm_black_scholes_avx512(arrays, count);
    } else {
        cvm_black_scholes_avx2(arrays, count);
    }
    return 1;
#else
    (void)arrays;
    (void)count;
    return 0;
#endif
}

int cvm_exp(int path, const double *x, double *y, long count) {
    if (path == CVM_PATH_PORTABLE || path > cvm_supported_path()) return 0;
#if defined(CVM_HAVE_LIBMVEC)
    if (path == CVM_PATH_AVX512) {
        cvm_exp_array_avx512(x, y, count);
    } else {
        cvm_exp_array_avx2(x, y, count);
    }
    return 1;
#else
    (void)x;
    (void)y;
    (void)count;
    return 0;
#endif
}

int cvm_normal_cdf(int path, const double *x, double *y, long count) {
    if (path == CVM_PATH_PORTABLE || path > cvm_supported_path()) return 0;
#if defined(CVM_HAVE_LIBMVEC)
    if (path == CVM_PATH_AVX512) {
        cvm_normal_cdf_array_avx512(x, y, count);
    } else {
        cvm_normal_cdf_array_avx2(x, y, count);
    }
    return 1;
#else
    (void)x;
    (void)y;
    (void)count;
    return 0;
#endif
}
