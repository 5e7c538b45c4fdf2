// The Black–Scholes / Black-76 kernel, written once for any vector width.
//
// Included by CVectorMath.c once per instruction set, after defining:
//   CVM_T_TARGET             the `target` attribute string ("avx2,fma", "avx512f")
//   CVM_T_WIDTH              doubles per vector
//   CVM_T_LOG                the libmvec log of that width
//   CVM_T_SPLAT(c)           a vector initializer with c in every lane
//   CVM_T_VD, CVM_T_VI, CVM_T_VDU, CVM_T_VB names for this width's vector types
//   CVM_T_COEFFICIENTS, CVM_T_TABLE  names for this width's coefficient table type and value
//   CVM_T_EXPONENTIAL, CVM_T_GAUSSIAN, CVM_T_TAIL, CVM_T_HALF_ERFC, CVM_T_BLOCK, CVM_T_KERNEL,
//   CVM_T_EXP_ARRAY, CVM_T_CDF_ARRAY  names of the functions defined here
// The formulas are those of the Swift scalar reference `BlackScholes.value(_:)`, with the
// same limits at σ√T = 0 and T = 0.
//
// Options go through in blocks of CVM_BLOCK_SIZE that stay in L1. Within a block the work runs in
// passes (S/K and its log; d1, e^{−rT} and e^{−d1²/2}; e^{−qT} where needed; the normal CDFs;
// the six outputs), so the libmvec log calls sit in a tight loop of independent calls (the CPU
// overlaps their latencies) and no pass keeps more values live than there are registers.
// (Fusing everything per vector was measured slower: every vector then waits for its
// log → d1 → exp chain, and all vector registers are spilled around each call.)
//
// N(ω·d1) and N(ω·d2) are not libmvec erfc calls: one e^{−d1²/2} serves the density and both
// tails. With x = −ω·d/√2, N(ω·d) = erfc(x)/2 and erfc(|x|) = e^{−x²}·R(|x|) outside
// |x| ≤ 0.46875, where R is a rational function (CVM_T_TAIL); e^{−d2²/2} is never formed, since
// K·e^{−rT}·e^{−d2²/2} = S·e^{−qT}·e^{−d1²/2} exactly (d2 = d1 − σ√T, σ√T·d1 = ln(F/K) + σ²T/2).

typedef double CVM_T_VD __attribute__((vector_size(CVM_T_WIDTH * 8)));
typedef long long CVM_T_VI __attribute__((vector_size(CVM_T_WIDTH * 8)));
typedef double CVM_T_VDU __attribute__((vector_size(CVM_T_WIDTH * 8), aligned(8)));
typedef unsigned char CVM_T_VB __attribute__((vector_size(CVM_T_WIDTH), aligned(1)));

// Short names for this width's types (#undef at the end): doubles, 64-bit integers (masks),
// doubles at 8-byte alignment, bytes.
#define VD CVM_T_VD
#define VI CVM_T_VI
#define VDU CVM_T_VDU
#define VB CVM_T_VB

/// Lane-wise `mask ? a : b` (mask lanes are all ones or all zeros).
#define CVM_SELECT(mask, a, b) ((VD)(((mask) & (VI)(a)) | (~(mask) & (VI)(b))))
#define CVM_LOAD(pointer) (*(const VDU *)(pointer))
#define CVM_STORE(pointer, value) (*(VDU *)(pointer) = (value))
#define CVM_FMA(a, b, c) __builtin_elementwise_fma(a, b, c)

/// W. J. Cody's CALERF coefficients (1969; relative error below 1e-17 in exact arithmetic),
/// each repeated across a vector. CVM_T_TAIL reads them through a pointer the compiler cannot
/// see through, so every FMA takes its coefficient as a full-width memory operand instead of a
/// register the compiler would re-broadcast for each use (there are more constants than
/// vector registers).
typedef struct {
    /// erf(x) = x·A(x²)/B(x²) for |x| ≤ 0.46875; A from the highest degree, B monic.
    CVM_T_VD a[5], b[4];
    /// erfc(y) = e^{−y²}·C(y)/D(y) for 0.46875 < y ≤ 4; D monic.
    CVM_T_VD c[9], d[8];
    /// erfc(y) = e^{−y²}·(1/√π − w·P(w)/Q(w))/y for y > 4, w = 1/y², multiplied through by
    /// y¹²: the numerator y¹²·(Q(w)/√π − w·P(w)) (n, degree 6) and Q(w)·y¹⁰ (m, degree 5) are
    /// polynomials in z = y², highest degree first, so no 1/y² division. n's coefficients are
    /// q_i/√π − p_k rounded once (mpmath); relative error of the whole with these rounded
    /// coefficients 2e-17 on [4, 27] (mpmath).
    CVM_T_VD n[7], m[6];
    /// e^r ≈ Σ e_j·r^{11−j} on |r| ≤ ln2/2: mpmath's Chebyshev fit of degree 11 (chebyfit),
    /// relative error 1.6e-17 with the coefficients rounded to doubles (mpmath, 4001 points).
    CVM_T_VD e[12];
    /// The exp reduction's constants: 1/ln2, 1.5·2^52, −ln2 as a double and its remainder.
    CVM_T_VD log2e, roundingMagic, minusLn2High, minusLn2Low;
} CVM_T_COEFFICIENTS;

static const CVM_T_COEFFICIENTS CVM_T_TABLE = {
    .a = {CVM_T_SPLAT(1.857777061846031526730e-1), CVM_T_SPLAT(3.161123743870565596947e0),
          CVM_T_SPLAT(1.138641541510501556495e2), CVM_T_SPLAT(3.774852376853020208137e2),
          CVM_T_SPLAT(3.209377589138469472562e3)},
    .b = {CVM_T_SPLAT(2.360129095234412093499e1), CVM_T_SPLAT(2.440246379344441733056e2),
          CVM_T_SPLAT(1.282616526077372275645e3), CVM_T_SPLAT(2.844236833439170622273e3)},
    .c = {CVM_T_SPLAT(2.15311535474403846343e-8), CVM_T_SPLAT(5.64188496988670089180e-1),
          CVM_T_SPLAT(8.88314979438837594118e0), CVM_T_SPLAT(6.61191906371416294775e1),
          CVM_T_SPLAT(2.98635138197400131132e2), CVM_T_SPLAT(8.81952221241769090411e2),
          CVM_T_SPLAT(1.71204761263407058314e3), CVM_T_SPLAT(2.05107837782607146532e3),
          CVM_T_SPLAT(1.23033935479799725272e3)},
    .d = {CVM_T_SPLAT(1.57449261107098347253e1), CVM_T_SPLAT(1.17693950891312499305e2),
          CVM_T_SPLAT(5.37181101862009857509e2), CVM_T_SPLAT(1.62138957456669018874e3),
          CVM_T_SPLAT(3.29079923573345962678e3), CVM_T_SPLAT(4.36261909014324715820e3),
          CVM_T_SPLAT(3.43936767414372163696e3), CVM_T_SPLAT(1.23033935480374942043e3)},
    .n = {CVM_T_SPLAT(0x1.595fd0d71e356p-10), CVM_T_SPLAT(0x1.124f4754250f8p-5),
          CVM_T_SPLAT(0x1.208452e11f785p-2), CVM_T_SPLAT(0x1.dca1624e8d13ep-1),
          CVM_T_SPLAT(0x1.16bac60519037p+0), CVM_T_SPLAT(0x1.09135e694d0e4p-2),
          CVM_T_SPLAT(-0x1.0b4fb18b485c7p-6)},
    .m = {CVM_T_SPLAT(2.33520497626869185e-3), CVM_T_SPLAT(6.05183413124413191e-2),
          CVM_T_SPLAT(5.27905102951428412e-1), CVM_T_SPLAT(1.87295284992346725e0),
          CVM_T_SPLAT(2.56852019228982242e0), CVM_T_SPLAT(1.0)},
    .e = {CVM_T_SPLAT(0x1.af632a0f7e2cep-26), CVM_T_SPLAT(0x1.28b4101c77212p-22),
          CVM_T_SPLAT(0x1.71ddf56d8deb5p-19), CVM_T_SPLAT(0x1.a01991a10d9aep-16),
          CVM_T_SPLAT(0x1.a01a01b1461c5p-13), CVM_T_SPLAT(0x1.6c16c1880029fp-10),
          CVM_T_SPLAT(0x1.111111110f21ep-7), CVM_T_SPLAT(0x1.555555554f0bap-5),
          CVM_T_SPLAT(0x1.555555555555ap-3), CVM_T_SPLAT(0x1.0000000000011p-1), CVM_T_SPLAT(1.0),
          CVM_T_SPLAT(1.0)},
    .log2e = CVM_T_SPLAT(0x1.71547652b82fep0),
    .roundingMagic = CVM_T_SPLAT(0x1.8p52),
    .minusLn2High = CVM_T_SPLAT(-0x1.62e42fefa39efp-1),
    .minusLn2Low = CVM_T_SPLAT(-0x1.abc9e3b39803fp-56),
};

/// e^x lane by lane: x = n·ln2 + r with n = round(x/ln2) (1.5·2^52 rounding constant) and
/// |r| ≤ ln2/2 by two FMAs (ln2 split in two doubles), e^r by a degree-11 polynomial,
/// 2^n added to the result's exponent field. Within 1 ulp of glibc's exp on [−707, 709.7]
/// (tests); 0 below −707 (results under 1e-307 are flushed), +∞ above 709.7.
__attribute__((target(CVM_T_TARGET), always_inline))
static inline CVM_T_VD CVM_T_EXPONENTIAL(CVM_T_VD x) {
    const CVM_T_COEFFICIENTS *k = &CVM_T_TABLE;
    __asm__ volatile("" : "+r"(k));
    const VD zero = {0};
    const VD shifted = CVM_FMA(x, k->log2e, k->roundingMagic);
    const VD n = shifted - k->roundingMagic;
    VD r = CVM_FMA(n, k->minusLn2High, x);
    r = CVM_FMA(n, k->minusLn2Low, r);
    VD p = CVM_FMA(k->e[0], r, k->e[1]);
    for (int j = 2; j < 12; j++) p = CVM_FMA(p, r, k->e[j]);
    const VD scaled = (VD)((VI)p + ((VI)shifted << 52));
    return CVM_SELECT(x < -707.0, zero, CVM_SELECT(x > 709.7, zero + __builtin_inf(), scaled));
}

/// The rational part R of erfc, lane by lane, for y = min(|x|, 27):
///   |x| ≤ 0.46875:       erfc(x) = 1 − sign(x)·R   (R = y·A(y²)/B(y²))
///   0.46875 < |x| ≤ 4:   erfc(|x|) = e^{−x²}·R     (R = C(y)/D(y))
///   |x| > 4:             erfc(|x|) = e^{−x²}·R     (R = Σ n_j·z^j / (y·z·Σ m_j·z^j), z = y²)
/// The regions share one division. Beyond |x| = 27, e^{−x²} is 0 and R finite.
__attribute__((target(CVM_T_TARGET), always_inline))
static inline CVM_T_VD CVM_T_TAIL(CVM_T_VD x) {
    const CVM_T_COEFFICIENTS *k = &CVM_T_TABLE;
    __asm__ volatile("" : "+r"(k));
    const VD zero = {0};
    VD y = (VD)((VI)x & ~(VI)(-zero));
    y = __builtin_elementwise_min(y, zero + 27.0);
    const VD z = y * y;
    const VI small = y <= 0.46875, large = y > 4.0;

    VD a = CVM_FMA(k->a[0], z, k->a[1]);
    for (int j = 2; j < 5; j++) a = CVM_FMA(a, z, k->a[j]);
    VD b = z + k->b[0];
    for (int j = 1; j < 4; j++) b = CVM_FMA(b, z, k->b[j]);
    VD c = CVM_FMA(k->c[0], y, k->c[1]);
    for (int j = 2; j < 9; j++) c = CVM_FMA(c, y, k->c[j]);
    VD d = y + k->d[0];
    for (int j = 1; j < 8; j++) d = CVM_FMA(d, y, k->d[j]);
    VD numerator = CVM_SELECT(small, y * a, c), denominator = CVM_SELECT(small, b, d);
    // The outer region is rare (|d| > 5.66): skipped when no lane needs it.
    if (__builtin_reduce_or(large)) {
        VD n = CVM_FMA(k->n[0], z, k->n[1]);
        for (int j = 2; j < 7; j++) n = CVM_FMA(n, z, k->n[j]);
        VD m = CVM_FMA(k->m[0], z, k->m[1]);
        for (int j = 2; j < 6; j++) m = CVM_FMA(m, z, k->m[j]);
        numerator = CVM_SELECT(large, n, numerator);
        denominator = CVM_SELECT(large, (y * z) * m, denominator);
    }
    return numerator / denominator;
}

/// e^{−d²/2} lane by lane: e^{−h/2}·(1 − l/2) with d² = h + l exactly (FMA residual), so
/// large |d| lose no digits to the rounding of d². 0 beyond |d| = 37.6 (CVM_T_EXPONENTIAL's
/// flush); d is clamped to ±40 first so that d² and its residual stay finite.
__attribute__((target(CVM_T_TARGET), always_inline))
static inline CVM_T_VD CVM_T_GAUSSIAN(CVM_T_VD d) {
    const VD zero = {0};
    const VD clamped = __builtin_elementwise_max(__builtin_elementwise_min(d, zero + 40.0), zero - 40.0);
    const VD square = clamped * clamped;
    const VD high = CVM_T_EXPONENTIAL(square * -0.5);
    return CVM_FMA(high * -0.5, CVM_FMA(clamped, clamped, -square), high);
}

/// w·erfc(x)/2 lane by lane, given R = CVM_T_TAIL(x) and G = w·e^{−x²}:
///   |x| ≤ 0.46875: w/2 − sign(x)·w·R/2;  x > 0: G·R/2;  x < 0: w − G·R/2.
/// (Passing G lets the kernel use K·e^{−rT}·e^{−d2²/2} = S·e^{−qT}·e^{−d1²/2}.)
__attribute__((target(CVM_T_TARGET), always_inline))
static inline CVM_T_VD CVM_T_HALF_ERFC(CVM_T_VD x, CVM_T_VD tail, CVM_T_VD w, CVM_T_VD weightedGaussian) {
    const VD zero = {0};
    const VI signBit = (VI)(-zero);
    const VI small = (VD)((VI)x & ~signBit) <= 0.46875;
    const VD halfWeight = w * 0.5;
    const VD signedHalf = (VD)((VI)(tail * CVM_SELECT(small, halfWeight, weightedGaussian * 0.5)) ^ ((VI)x & signBit));
    return CVM_SELECT(small, halfWeight - signedHalf, (VD)((VI)w & (VI)(x < zero)) + signedHalf);
}

/// e^x for x[0..<count] (test entry point for CVM_T_EXPONENTIAL).
__attribute__((target(CVM_T_TARGET)))
static void CVM_T_EXP_ARRAY(const double *x, double *y, long count) {
    for (long i = 0; i < count; i += CVM_T_WIDTH) {
        VD lanes = {0};
        for (long lane = 0; lane < CVM_T_WIDTH && i + lane < count; lane++) lanes[lane] = x[i + lane];
        const VD result = CVM_T_EXPONENTIAL(lanes);
        for (long lane = 0; lane < CVM_T_WIDTH && i + lane < count; lane++) y[i + lane] = result[lane];
    }
}

/// N(x) for x[0..<count], composed as the kernel composes N(ω·d1) (test entry point).
__attribute__((target(CVM_T_TARGET)))
static void CVM_T_CDF_ARRAY(const double *x, double *y, long count) {
    const VD one = (VD){0} + 1.0;
    for (long i = 0; i < count; i += CVM_T_WIDTH) {
        VD d = {0};
        for (long lane = 0; lane < CVM_T_WIDTH && i + lane < count; lane++) d[lane] = x[i + lane];
        const VD argument = d * -0.707106781186547524400844;
        const VD result = CVM_T_HALF_ERFC(argument, CVM_T_TAIL(argument), one, CVM_T_GAUSSIAN(d));
        for (long lane = 0; lane < CVM_T_WIDTH && i + lane < count; lane++) y[i + lane] = result[lane];
    }
}

/// Options i..<i+CVM_BLOCK_SIZE of `a`.
__attribute__((target(CVM_T_TARGET), always_inline))
static inline void CVM_T_BLOCK(const cvm_option_arrays *a, long i) {
    const VD zero = {0}, one = zero + 1.0, half = zero + 0.5;
    // The arrays of this block, read into locals once (the compiler cannot assume the output
    // stores leave `*a` unchanged).
    const double *const spots = a->spot + i, *const strikes = a->strike + i;
    const double *const expiries = a->expiry + i, *const rates = a->rate + i;
    const double *const dividendsIn = a->dividend + i, *const sigmas = a->volatility + i;
    const unsigned char *const kinds = a->kind + i, *const models = a->model + i;
    double *const prices = a->price + i, *const deltas = a->delta + i, *const gammas = a->gamma + i;
    double *const vegas = a->vega + i, *const thetas = a->theta + i, *const rhos = a->rho + i;
    // Per option: S/K and its log; d1, √T, 1/S, 1/(σ√T), ω and q (after the Black-76 rule);
    // e^{−rT}, e^{−d1²/2}, e^{−qT}; N(ω·d1) and K·e^{−rT}·N(ω·d2). Divisions and square roots
    // are done once per option.
    double ratios[CVM_BLOCK_SIZE], logs[CVM_BLOCK_SIZE], d1s[CVM_BLOCK_SIZE], rootTs[CVM_BLOCK_SIZE];
    double inverseSpots[CVM_BLOCK_SIZE], inverseStdDevs[CVM_BLOCK_SIZE];
    double omegas[CVM_BLOCK_SIZE], dividends[CVM_BLOCK_SIZE];
    double exps[3][CVM_BLOCK_SIZE], cdfs[CVM_BLOCK_SIZE], strikeLegs[CVM_BLOCK_SIZE];

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
        const VD residual = CVM_FMA(-CVM_LOAD(ratios + v), strike, spot);
        const VD logMoneyness = CVM_LOAD(logs + v) + residual * inverseSpot + (rate - dividend) * expiry;
        const VD rootT = __builtin_elementwise_sqrt(expiry);
        const VD stdDev = sigma * rootT;
        const VD inverseStdDev = one / stdDev;
        // Where σ√T = 0, 1/(σ√T) = ∞ makes d1 = ±∞ by the sign of ln(F/K), and NaN (0·∞) at
        // the money, where the limit is 0.
        VD d1 = CVM_FMA(logMoneyness, inverseStdDev, half * stdDev);
        d1 = CVM_SELECT(d1 == d1, d1, zero);
        CVM_STORE(d1s + v, d1);
        CVM_STORE(rootTs + v, rootT);
        CVM_STORE(inverseSpots + v, inverseSpot);
        CVM_STORE(inverseStdDevs + v, inverseStdDev);
        CVM_STORE(omegas + v, omega);
        CVM_STORE(dividends + v, dividend);
        CVM_STORE(exps[0] + v, CVM_T_EXPONENTIAL(-rate * expiry));
        CVM_STORE(exps[1] + v, CVM_T_GAUSSIAN(d1));
        CVM_STORE(exps[2] + v, -dividend * expiry);
        dividendIsZero &= dividend == zero;
        dividendIsRate &= dividend == rate;
    }
    // e^{−qT} is not computed when q = 0 or q = r (Black-76) throughout the block.
    const int dividendCalls = !__builtin_reduce_and(dividendIsZero) && !__builtin_reduce_and(dividendIsRate);
    if (dividendCalls) {
        for (long v = 0; v < CVM_BLOCK_SIZE; v += CVM_T_WIDTH) CVM_STORE(exps[2] + v, CVM_T_EXPONENTIAL(CVM_LOAD(exps[2] + v)));
    }
    // N(ω·d1) and K·e^{−rT}·N(ω·d2): with x = −ω·d/√2, N(ω·d) = erfc(x)/2, and
    // K·e^{−rT}·e^{−d2²/2} = S·e^{−qT}·e^{−d1²/2}. e^{−qT} is settled here for the last pass.
    for (long v = 0; v < CVM_BLOCK_SIZE; v += CVM_T_WIDTH) {
        const VD rateDiscount = CVM_LOAD(exps[0] + v);
        const VD dividendDiscount = dividendCalls ? CVM_LOAD(exps[2] + v)
            : CVM_SELECT(CVM_LOAD(dividends + v) == zero, one, rateDiscount);
        const VD gaussian = CVM_LOAD(exps[1] + v);
        const VD minusOmegaOverRoot2 = CVM_LOAD(omegas + v) * -0.707106781186547524400844;
        const VD d1 = CVM_LOAD(d1s + v), stdDev = CVM_LOAD(sigmas + v) * CVM_LOAD(rootTs + v);
        const VD x1 = minusOmegaOverRoot2 * d1, x2 = minusOmegaOverRoot2 * (d1 - stdDev);
        const VD strikeDiscounted = CVM_LOAD(strikes + v) * rateDiscount;
        const VD spotGaussian = CVM_LOAD(spots + v) * dividendDiscount * gaussian;
        CVM_STORE(exps[2] + v, dividendDiscount);
        CVM_STORE(cdfs + v, CVM_T_HALF_ERFC(x1, CVM_T_TAIL(x1), one, gaussian));
        CVM_STORE(strikeLegs + v, CVM_T_HALF_ERFC(x2, CVM_T_TAIL(x2), strikeDiscounted, spotGaussian));
    }

    for (long v = 0; v < CVM_BLOCK_SIZE; v += CVM_T_WIDTH) {
        const VD spot = CVM_LOAD(spots + v);
        const VD expiry = CVM_LOAD(expiries + v), rate = CVM_LOAD(rates + v);
        const VD sigma = CVM_LOAD(sigmas + v);
        const VI isBlack76 = -__builtin_convertvector(*(const VB *)(models + v), VI);
        const VD dividend = CVM_LOAD(dividends + v);
        const VD omega = CVM_LOAD(omegas + v);
        const VD rootT = CVM_LOAD(rootTs + v);
        const VD inverseStdDev = CVM_LOAD(inverseStdDevs + v);
        const VI positive = sigma * rootT > zero;
        const VD dividendDiscount = CVM_LOAD(exps[2] + v);
        const VD density = CVM_LOAD(exps[1] + v) * 0.398942280401432677939946;
        const VD nd1 = CVM_LOAD(cdfs + v), strikeLeg = CVM_LOAD(strikeLegs + v);

        const VD spotLeg = spot * dividendDiscount * nd1;
        const VD price = omega * (spotLeg - strikeLeg);
        const VD scaledDensity = spot * dividendDiscount * density;
        // σ/(2√T) = σ²/(2·σ√T) where σ√T > 0; the term is 0 where σ√T = 0.
        const VD decay = CVM_SELECT(positive, -(scaledDensity * sigma) * (half * sigma * inverseStdDev), zero);
        CVM_STORE(prices + v, price);
        CVM_STORE(deltas + v, omega * dividendDiscount * nd1);
        CVM_STORE(gammas + v, CVM_SELECT(positive, dividendDiscount * density * CVM_LOAD(inverseSpots + v) * inverseStdDev, zero));
        CVM_STORE(vegas + v, scaledDensity * rootT);
        CVM_STORE(thetas + v, decay - omega * rate * strikeLeg + omega * dividend * spotLeg);
        CVM_STORE(rhos + v, CVM_SELECT(isBlack76, -expiry * price, omega * expiry * strikeLeg));
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

#undef VD
#undef VI
#undef VDU
#undef VB
#undef CVM_SELECT
#undef CVM_LOAD
#undef CVM_STORE
#undef CVM_FMA
