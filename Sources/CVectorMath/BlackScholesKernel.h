// The fused Black–Scholes / Black-76 kernel, written once for any vector width.
//
// Included by CVectorMath.c once per instruction set, after defining:
//   CVM_T_TARGET             the `target` attribute string ("avx2,fma", "avx512f")
//   CVM_T_WIDTH              doubles per vector
//   CVM_T_EXP/LOG/ERFC       the libmvec functions of that width
//   CVM_T_VECTOR, CVM_T_KERNEL  names of the two functions defined here
// The formulas are those of the Swift scalar reference `BlackScholes.value(_:)`, with the
// same limits at σ√T = 0 and T = 0. Everything for one vector of options (1 log, 2–3 exp,
// 2 erfc and the algebra) runs before the next vector is loaded, so no intermediate array
// is written to memory. Vector types are declared inside each function, so the two
// instantiations do not clash.

#define CVM_T_TYPES                                                                        \
    typedef double VD __attribute__((vector_size(CVM_T_WIDTH * 8)));                       \
    typedef double VDU __attribute__((vector_size(CVM_T_WIDTH * 8), aligned(8)));          \
    typedef long long VI __attribute__((vector_size(CVM_T_WIDTH * 8)));                    \
    typedef unsigned char VB __attribute__((vector_size(CVM_T_WIDTH), aligned(1)))

/// Lane-wise `mask ? a : b` (mask lanes are all ones or all zeros).
#define CVM_SELECT(mask, a, b) ((VD)(((mask) & (VI)(a)) | (~(mask) & (VI)(b))))

/// Options i..<i+CVM_T_WIDTH of `a`.
__attribute__((target(CVM_T_TARGET), always_inline))
static inline void CVM_T_VECTOR(const cvm_option_arrays *a, long i) {
    CVM_T_TYPES;
    const VD zero = {0}, one = zero + 1.0, half = zero + 0.5;
    const VD spot = *(const VDU *)(a->spot + i), strike = *(const VDU *)(a->strike + i);
    const VD expiry = *(const VDU *)(a->expiry + i), rate = *(const VDU *)(a->rate + i);
    const VD sigma = *(const VDU *)(a->volatility + i);
    const VI flags = __builtin_convertvector(*(const VB *)(a->flags + i), VI);
    const VI isPut = -(flags & CVM_FLAG_PUT);
    const VI isBlack76 = -((flags & CVM_FLAG_BLACK76) >> 1);
    const VD dividend = CVM_SELECT(isBlack76, rate, *(const VDU *)(a->dividend + i));
    const VD omega = CVM_SELECT(isPut, -one, one);

    // ln(F/K) with ln(S/K) = ln(x) + (S − x·K)/S, x = fl(S/K); the FMA residual is exact.
    const VD ratio = spot / strike;
    const VD residual = __builtin_elementwise_fma(-ratio, strike, spot);
    const VD logMoneyness = CVM_T_LOG(ratio) + residual / spot + (rate - dividend) * expiry;
    const VD rootT = __builtin_elementwise_sqrt(expiry);
    const VD stdDev = sigma * rootT;
    const VI positive = stdDev > zero;
    const VD infinity = zero + __builtin_inf();
    VD d1 = CVM_SELECT(logMoneyness > zero, infinity, CVM_SELECT(logMoneyness < zero, -infinity, zero));
    d1 = CVM_SELECT(positive, logMoneyness / stdDev + half * stdDev, d1);
    const VD d2 = d1 - stdDev;

    const VD rateDiscount = CVM_T_EXP(-rate * expiry);
    // e^{−qT}: skip the call when every lane has q = 0 or q = r (Black-76, or q equal to r).
    VD dividendDiscount;
    if (__builtin_reduce_and(dividend == zero)) {
        dividendDiscount = one;
    } else if (__builtin_reduce_and(dividend == rate)) {
        dividendDiscount = rateDiscount;
    } else {
        dividendDiscount = CVM_T_EXP(-dividend * expiry);
    }
    const VD density = CVM_T_EXP(-half * d1 * d1) * 0.398942280401432677939946;
    const VD minusOmegaOverRoot2 = omega * -0.707106781186547524400844;
    const VD nd1 = half * CVM_T_ERFC(minusOmegaOverRoot2 * d1);
    const VD nd2 = half * CVM_T_ERFC(minusOmegaOverRoot2 * d2);

    const VD spotLeg = spot * dividendDiscount * nd1;
    const VD strikeLeg = strike * rateDiscount * nd2;
    const VD price = omega * (spotLeg - strikeLeg);
    const VD scaledDensity = spot * dividendDiscount * density;
    const VD decay = CVM_SELECT(expiry > zero, -(scaledDensity * sigma) / (rootT + rootT), zero);
    *(VDU *)(a->price + i) = price;
    *(VDU *)(a->delta + i) = omega * dividendDiscount * nd1;
    *(VDU *)(a->gamma + i) = CVM_SELECT(positive, dividendDiscount * density / (spot * stdDev), zero);
    *(VDU *)(a->vega + i) = scaledDensity * rootT;
    *(VDU *)(a->theta + i) = decay - omega * rate * strikeLeg + omega * dividend * spotLeg;
    *(VDU *)(a->rho + i) = CVM_SELECT(isBlack76, -expiry * price, omega * expiry * strikeLeg);
}

/// Options 0..<count of `a`; a partial last vector is padded with a harmless option.
__attribute__((target(CVM_T_TARGET)))
static void CVM_T_KERNEL(const cvm_option_arrays *a, long count) {
    long i = 0;
    for (; i + CVM_T_WIDTH <= count; i += CVM_T_WIDTH) CVM_T_VECTOR(a, i);
    if (i == count) return;
    const long rest = count - i;
    double in[6][CVM_T_WIDTH], out[6][CVM_T_WIDTH];
    unsigned char flags[CVM_T_WIDTH];
    for (long lane = 0; lane < CVM_T_WIDTH; lane++) {
        const int real = lane < rest;
        in[0][lane] = real ? a->spot[i + lane] : 1.0;
        in[1][lane] = real ? a->strike[i + lane] : 1.0;
        in[2][lane] = real ? a->expiry[i + lane] : 1.0;
        in[3][lane] = real ? a->rate[i + lane] : 0.0;
        in[4][lane] = real ? a->dividend[i + lane] : 0.0;
        in[5][lane] = real ? a->volatility[i + lane] : 0.2;
        flags[lane] = real ? a->flags[i + lane] : 0;
    }
    const cvm_option_arrays padded = {
        in[0], in[1], in[2], in[3], in[4], in[5], flags,
        out[0], out[1], out[2], out[3], out[4], out[5],
    };
    CVM_T_VECTOR(&padded, 0);
    double *const targets[6] = {a->price, a->delta, a->gamma, a->vega, a->theta, a->rho};
    for (int k = 0; k < 6; k++) {
        for (long lane = 0; lane < rest; lane++) targets[k][i + lane] = out[k][lane];
    }
}

#undef CVM_T_TYPES
#undef CVM_SELECT
