#ifndef CVECTORMATH_H
#define CVECTORMATH_H

/// The fused Black–Scholes / Black-76 batch kernel of the Pricing module (AVX2+FMA or
/// AVX-512; its own exp and normal CDF, glibc libmvec's log) with run-time CPU dispatch.
///
/// Swift sees pointer arguments only: vectors never cross the Swift/C boundary by value, so
/// the Swift module's compiler flags do not matter. A path the running CPU cannot execute is
/// never taken: `cvm_supported_path` reports the fastest path this CPU supports, and
/// `cvm_black_scholes` refuses (returns 0) any path above it.

#ifdef __cplusplus
extern "C" {
#endif

/// Portable path: no C kernel; the Swift SIMD kernel runs instead (any CPU, any OS).
#define CVM_PATH_PORTABLE 0
/// AVX2 + FMA, 4 doubles per vector; Linux x86-64 with glibc only (libmvec's log).
#define CVM_PATH_AVX2 1
/// AVX-512F, 8 doubles per vector; Linux x86-64 with glibc only (libmvec's log).
#define CVM_PATH_AVX512 2

/// Options and their outputs in structure-of-arrays form; element i of every array belongs
/// to option i. Conventions as in the Pricing module (vega per 1.00 vol, theta per year,
/// rho per 1.00 rate). `dividend` is ignored for Black-76 options. The `kind` and `model`
/// bytes are the in-memory tags of Swift's `OptionKind` and `PricingModel` (the Pricing
/// module checks them once before passing its arrays in place).
typedef struct {
    const double *spot;
    const double *strike;
    const double *expiry;
    const double *rate;
    const double *dividend;
    const double *volatility;
    /// 0 = call, 1 = put.
    const unsigned char *kind;
    /// 0 = Black–Scholes, 1 = Black-76 (q = r, rho = −T·V).
    const unsigned char *model;
    double *price;
    double *delta;
    double *gamma;
    double *vega;
    double *theta;
    double *rho;
} cvm_option_arrays;

/// The fastest path the running CPU and C library support (run-time CPU detection).
int cvm_supported_path(void);

/// Prices and Greeks of options 0..<count of `arrays` on `path`, one pass, fused per vector.
/// Returns 1 when done, 0 (writing nothing) when `path` is `CVM_PATH_PORTABLE` or not
/// supported by this CPU and C library.
int cvm_black_scholes(int path, const cvm_option_arrays *arrays, long count);

/// e^x for x[0..<count] into y with the kernel's own exp on `path` (for tests). Returns 1
/// when done, 0 (writing nothing) when `path` is portable or not supported here.
int cvm_exp(int path, const double *x, double *y, long count);

/// The standard normal CDF N(x) for x[0..<count] into y, composed from the kernel's own
/// e^{−x²/2} and rational erfc parts exactly as the kernel forms N(ω·d1) (for tests).
/// Returns 1 when done, 0 (writing nothing) when `path` is portable or not supported here.
int cvm_normal_cdf(int path, const double *x, double *y, long count);

#ifdef __cplusplus
}
#endif

#endif
