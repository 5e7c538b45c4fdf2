#ifndef CVECTORMATH_H
#define CVECTORMATH_H

/// Batch elementary functions over contiguous double buffers, for the Pricing module.
///
/// Every function takes a `path` (one of the `CVM_PATH_*` values) and computes
/// `out[i] = f(in[i])` for `0 <= i < count`. `in` and `out` may be the same buffer.
/// A path the running CPU cannot execute is never taken: `cvm_supported_path` reports the
/// fastest path this CPU supports, and the functions fall back to the portable loop when
/// asked for a path that is not available.

#ifdef __cplusplus
extern "C" {
#endif

/// Portable path: the platform's scalar libm, one call per element.
#define CVM_PATH_PORTABLE 0
/// glibc libmvec with AVX2 + FMA (4 doubles per call); Linux x86-64 only.
#define CVM_PATH_AVX2 1
/// glibc libmvec with AVX-512F (8 doubles per call); Linux x86-64 only.
#define CVM_PATH_AVX512 2

/// The fastest path the running CPU and C library support (run-time CPU detection).
int cvm_supported_path(void);

/// `out[i] = exp(in[i])`.
void cvm_exp(int path, const double *in, double *out, long count);
/// `out[i] = log(in[i])`.
void cvm_log(int path, const double *in, double *out, long count);
/// `out[i] = erfc(in[i])`.
void cvm_erfc(int path, const double *in, double *out, long count);

#ifdef __cplusplus
}
#endif

#endif
