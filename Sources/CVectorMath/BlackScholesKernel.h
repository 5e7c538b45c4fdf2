// The Black–Scholes / Black-76 kernel, written once for any vector width.
//
// Included by CVectorMath.c once per instruction set, after defining:
//   CVM_T_TARGET             the `target` attribute string ("avx2,fma", "avx512f")
//   CVM_T_WIDTH              doubles per vector
//   CVM_T_EXP/LOG/ERFC       the libmvec functions of that width
//   CVM_T_BLOCK, CVM_T_KERNEL  names of the two functions defined here
// The formulas are those of the Swift scalar reference `BlackScholes.value(_:)`, with the
// same limits at σ√T = 0 and T = 0.
//
// Options go through in blocks of CVM_BLOCK_SIZE that stay in L1. Within a block the work runs in
// passes (S/K; log; d1, d2 and the exp/erfc arguments; exp and erfc; the six outputs), so
// each libmvec call sits in a tight loop of independent calls: the CPU overlaps their
// latencies. (Fusing everything per vector was measured slower: every vector then waits for
// its log → d1 → erfc chain, and all vector registers are spilled around each call.)

#define CVM_T_TYPES                                                                        \
    typedef double VD __attribute__((vector_size(CVM_T_WIDTH * 8)));                       \
    typedef double VDU __attribute__((vector_size(CVM_T_WIDTH * 8), aligned(8)));          \
    typedef long long VI __attribute__((vector_size(CVM_T_WIDTH * 8)));                    \
    typedef unsigned char VB __attribute__((vector_size(CVM_T_WIDTH), aligned(1)))

/// Lane-wise `mask ? a : b` (mask lanes are all ones or all zeros).
#define CVM_SELECT(mask, a, b) ((VD)(((mask) & (VI)(a)) | (~(mask) & (VI)(b))))
#define CVM_LOAD(pointer) (*(const VDU *)(pointer))
#define CVM_STORE(pointer, value) (*(VDU *)(pointer) = (value))

/// Options i..<i+CVM_BLOCK_SIZE of `a`.
__attribute__((target(CVM_T_TARGET), always_inline))
static inline void CVM_T_BLOCK(const cvm_option_arrays *a, long i) {
    CVM_T_TYPES;
    const VD zero = {0}, one = zero + 1.0, half = zero + 0.5;
    const VD infinity = zero + __builtin_inf();
    // The arrays of this block, read into locals once (the compiler cannot assume the output
    // stores leave `*a` unchanged).
    const double *const spots = a->spot + i, *const strikes = a->strike + i;
    const double *const expiries = a->expiry + i, *const rates = a->rate + i;
    const double *const dividendsIn = a->dividend + i, *const sigmas = a->volatility + i;
    const unsigned char *const kinds = a->kind + i, *const models = a->model + i;
    // Per option: S/K and its log; √T, 1/S, 1/(σ√T), ω and q (after the Black-76 rule);
    // e^{−rT}, e^{−d1²/2}, e^{−qT}; erfc(−ω·d1/√2), erfc(−ω·d2/√2). Divisions and square
    // roots are done once per option.
    double ratios[CVM_BLOCK_SIZE], logs[CVM_BLOCK_SIZE], rootTs[CVM_BLOCK_SIZE];
    double inverseSpots[CVM_BLOCK_SIZE], inverseStdDevs[CVM_BLOCK_SIZE];
    double omegas[CVM_BLOCK_SIZE], dividends[CVM_BLOCK_SIZE];
    double exps[3][CVM_BLOCK_SIZE], erfcs[2][CVM_BLOCK_SIZE];

    for (long v = 0; v < CVM_BLOCK_SIZE; v += CVM_T_WIDTH) {
        const VD ratio = CVM_LOAD(spots + v) / CVM_LOAD(strikes + v);
        CVM_STORE(ratios + v, ratio);
        CVM_STORE(logs + v, CVM_T_LOG(ratio));
    }

    VI dividendIsZero = zero == zero, dividendIsRate = dividendIsZero;
    for (long v = 0; v < CVM_BLOCK_SIZE; v += CVM_T_WIDTH) {
        const VD spot = CVM_LOAD(spots + v), strike = CVM_LOAD(strikes + v);
        const VD expiry = CVM_LOAD(expiries + v), rate = CVM_LOAD(rates + v);
        const VD sigma = CVM_LOAD(sigmas + v);
        const VI isBlack76 = -__builtin_convertvector(*(const VB *)(models + v), VI);
        const VI isPut = -__builtin_convertvector(*(const VB *)(kinds + v), VI);
        const VD dividend = CVM_SELECT(isBlack76, rate, CVM_LOAD(dividendsIn + v));
        const VD omega = CVM_SELECT(isPut, -one, one);
        // ln(F/K) with ln(S/K) = ln(x) + (S − x·K)/S, x = fl(S/K); the FMA residual is exact.
        const VD inverseSpot = one / spot;
        const VD residual = __builtin_elementwise_fma(-CVM_LOAD(ratios + v), strike, spot);
        const VD logMoneyness = CVM_LOAD(logs + v) + residual * inverseSpot + (rate - dividend) * expiry;
        const VD rootT = __builtin_elementwise_sqrt(expiry);
        const VD stdDev = sigma * rootT;
        const VD inverseStdDev = one / stdDev;
        VD d1 = CVM_SELECT(logMoneyness > zero, infinity, CVM_SELECT(logMoneyness < zero, -infinity, zero));
        d1 = CVM_SELECT(stdDev > zero, logMoneyness * inverseStdDev + half * stdDev, d1);
        const VD minusOmegaOverRoot2 = omega * -0.707106781186547524400844;
        CVM_STORE(rootTs + v, rootT);
        CVM_STORE(inverseSpots + v, inverseSpot);
        CVM_STORE(inverseStdDevs + v, inverseStdDev);
        CVM_STORE(omegas + v, omega);
        CVM_STORE(dividends + v, dividend);
        CVM_STORE(exps[0] + v, -rate * expiry);
        CVM_STORE(exps[1] + v, -half * d1 * d1);
        CVM_STORE(exps[2] + v, -dividend * expiry);
        CVM_STORE(erfcs[0] + v, minusOmegaOverRoot2 * d1);
        CVM_STORE(erfcs[1] + v, minusOmegaOverRoot2 * (d1 - stdDev));
        dividendIsZero &= dividend == zero;
        dividendIsRate &= dividend == rate;
    }
    // e^{−qT} needs no call when q = 0 or q = r (Black-76) throughout the block.
    const int dividendCalls = !__builtin_reduce_and(dividendIsZero) && !__builtin_reduce_and(dividendIsRate);
    for (long v = 0; v < CVM_BLOCK_SIZE; v += CVM_T_WIDTH) {
        CVM_STORE(exps[0] + v, CVM_T_EXP(CVM_LOAD(exps[0] + v)));
        CVM_STORE(exps[1] + v, CVM_T_EXP(CVM_LOAD(exps[1] + v)));
        CVM_STORE(erfcs[0] + v, CVM_T_ERFC(CVM_LOAD(erfcs[0] + v)));
        CVM_STORE(erfcs[1] + v, CVM_T_ERFC(CVM_LOAD(erfcs[1] + v)));
    }
    if (dividendCalls) {
        for (long v = 0; v < CVM_BLOCK_SIZE; v += CVM_T_WIDTH) CVM_STORE(exps[2] + v, CVM_T_EXP(CVM_LOAD(exps[2] + v)));
    }

    for (long v = 0; v < CVM_BLOCK_SIZE; v += CVM_T_WIDTH) {
        const VD spot = CVM_LOAD(spots + v), strike = CVM_LOAD(strikes + v);
        const VD expiry = CVM_LOAD(expiries + v), rate = CVM_LOAD(rates + v);
        const VD sigma = CVM_LOAD(sigmas + v);
        const VI isBlack76 = -__builtin_convertvector(*(const VB *)(models + v), VI);
        const VD dividend = CVM_LOAD(dividends + v);
        const VD omega = CVM_LOAD(omegas + v);
        const VD rootT = CVM_LOAD(rootTs + v);
        const VD inverseStdDev = CVM_LOAD(inverseStdDevs + v);
        const VI positive = sigma * rootT > zero;
        const VD rateDiscount = CVM_LOAD(exps[0] + v);
        const VD dividendDiscount = dividendCalls ? CVM_LOAD(exps[2] + v)
            : CVM_SELECT(dividend == zero, one, rateDiscount);
        const VD density = CVM_LOAD(exps[1] + v) * 0.398942280401432677939946;
        const VD nd1 = half * CVM_LOAD(erfcs[0] + v);
        const VD nd2 = half * CVM_LOAD(erfcs[1] + v);

        const VD spotLeg = spot * dividendDiscount * nd1;
        const VD strikeLeg = strike * rateDiscount * nd2;
        const VD price = omega * (spotLeg - strikeLeg);
        const VD scaledDensity = spot * dividendDiscount * density;
        // σ/(2√T) = σ²/(2·σ√T) where σ√T > 0; the term is 0 where σ√T = 0.
        const VD decay = CVM_SELECT(positive, -(scaledDensity * sigma) * (half * sigma * inverseStdDev), zero);
        CVM_STORE(a->price + i + v, price);
        CVM_STORE(a->delta + i + v, omega * dividendDiscount * nd1);
        CVM_STORE(a->gamma + i + v, CVM_SELECT(positive, dividendDiscount * density * CVM_LOAD(inverseSpots + v) * inverseStdDev, zero));
        CVM_STORE(a->vega + i + v, scaledDensity * rootT);
        CVM_STORE(a->theta + i + v, decay - omega * rate * strikeLeg + omega * dividend * spotLeg);
        CVM_STORE(a->rho + i + v, CVM_SELECT(isBlack76, -expiry * price, omega * expiry * strikeLeg));
    }
}

/// Options 0..<count of `a`; a partial last block is padded with a harmless option.
__attribute__((target(CVM_T_TARGET)))
static void CVM_T_KERNEL(const cvm_option_arrays *a, long count) {
    long i = 0;
    for (; i + CVM_BLOCK_SIZE <= count; i += CVM_BLOCK_SIZE) CVM_T_BLOCK(a, i);
    if (i == count) return;
    const long rest = count - i;
    double in[6][CVM_BLOCK_SIZE], out[6][CVM_BLOCK_SIZE];
    unsigned char kinds[CVM_BLOCK_SIZE], models[CVM_BLOCK_SIZE];
    for (long lane = 0; lane < CVM_BLOCK_SIZE; lane++) {
        const int real = lane < rest;
        in[0][lane] = real ? a->spot[i + lane] : 1.0;
        in[1][lane] = real ? a->strike[i + lane] : 1.0;
        in[2][lane] = real ? a->expiry[i + lane] : 1.0;
        in[3][lane] = real ? a->rate[i + lane] : 0.0;
        in[4][lane] = real ? a->dividend[i + lane] : 0.0;
        in[5][lane] = real ? a->volatility[i + lane] : 0.2;
        kinds[lane] = real ? a->kind[i + lane] : 0;
        models[lane] = real ? a->model[i + lane] : 0;
    }
    const cvm_option_arrays padded = {
        in[0], in[1], in[2], in[3], in[4], in[5], kinds, models,
        out[0], out[1], out[2], out[3], out[4], out[5],
    };
    CVM_T_BLOCK(&padded, 0);
    double *const targets[6] = {a->price, a->delta, a->gamma, a->vega, a->theta, a->rho};
    for (int k = 0; k < 6; k++) {
        for (long lane = 0; lane < rest; lane++) targets[k][i + lane] = out[k][lane];
    }
}

#undef CVM_T_TYPES
#undef CVM_SELECT
#undef CVM_LOAD
#undef CVM_STORE
