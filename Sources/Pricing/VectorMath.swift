/// exp, log and erfc on `SIMD8<Double>` lanes for the portable batch kernel (any CPU, no
/// libm call per lane).
///
/// Written for baseline x86-64 (SSE2) as well as arm64, following the measured recipes of
/// shared/research/feasibility.md §3: no `clamped`/`pointwiseMin`/`pointwiseMax` (not
/// vectorised; `replacing(with:where:)` instead), no `.rounded` (8 `trunc` calls without
/// SSE4.1; the 1.5·2^52 magic-constant rounding instead), no `addingProduct` (a scalar `fma`
/// call per lane without FMA hardware), and no integer↔double conversions (scalar on SSE2;
/// the magic constant's bit pattern instead). Accuracy against glibc: exp and log within
/// 1 ulp, erfc a few ulp (relative) on [−6, 27].
enum VectorMath {
    typealias V = SIMD8<Double>
    typealias I = SIMD8<Int64>

    /// 1.5·2^52: adding and subtracting it rounds a double below 2^51 in magnitude to an
    /// integer, which then sits in the low bits of the sum's bit pattern.
    static let roundingMagic = 0x1.8p52

    @inline(__always)
    static func bits(_ x: V) -> I { unsafeBitCast(x, to: I.self) }

    @inline(__always)
    static func double(_ x: I) -> V { unsafeBitCast(x, to: V.self) }

    /// e^x lane by lane: Cody–Waite reduction x = k·ln2 + r, |r| ≤ ln2/2, a degree-13
    /// Taylor polynomial for e^r, and 2^k built in two halves so that results down into the
    /// subnormal range and up to overflow are right. e^(−∞) = 0, e^(+∞) = +∞.
    @inline(__always)
    static func exp(_ x: V) -> V {
        // Beyond these the result is 0 or +∞ anyway; keeps k small and finite.
        var y = x.replacing(with: -746, where: x .< -746)
        y.replace(with: 710, where: x .> 710)
        let magic = V(repeating: roundingMagic)
        let shifted = y * V(repeating: 1.442_695_040_888_963_407_4) + magic  // log2(e)
        let k = shifted - magic
        // ln2 split so that k·ln2High is exact for |k| < 2^11.
        let r = (y - k * V(repeating: 0x1.62e42fee00000p-1)) - k * V(repeating: 0x1.a39ef35793c76p-33)
        // Horner, highest degree first: 1/13!, 1/12!, …, 1/2!, 1, 1.
        var p = V(repeating: 1.0 / 6_227_020_800) * r + V(repeating: 1.0 / 479_001_600)
        p = p * r + V(repeating: 1.0 / 39_916_800)
        p = p * r + V(repeating: 1.0 / 3_628_800)
        p = p * r + V(repeating: 1.0 / 362_880)
        p = p * r + V(repeating: 1.0 / 40_320)
        p = p * r + V(repeating: 1.0 / 5_040)
        p = p * r + V(repeating: 1.0 / 720)
        p = p * r + V(repeating: 1.0 / 120)
        p = p * r + V(repeating: 1.0 / 24)
        p = p * r + V(repeating: 1.0 / 6)
        p = p * r + V(repeating: 0.5)
        p = p * r + V(repeating: 1)
        p = p * r + V(repeating: 1)
        // 2^k = 2^k1 · 2^k2 with k1 = round(k/2), each half a normal power of two.
        let k1 = (k * V(repeating: 0.5) + magic) - magic
        let k2 = k - k1
        let bias = I(repeating: 1023)
        let magicBits = bits(magic)
        let scale1 = double(((bits(k1 + magic) &- magicBits) &+ bias) &<< 52)
        let scale2 = double(((bits(k2 + magic) &- magicBits) &+ bias) &<< 52)
        return p * scale1 * scale2
    }

    /// ln x lane by lane: x = m·2^e with m ∈ [√½, √2) and ln m = 2·atanh(s),
    /// s = (m − 1)/(m + 1), |s| ≤ 0.172, evaluated in fdlibm's cancellation-free form.
    /// ln 0 = −∞, ln +∞ = +∞, negative or NaN → NaN; subnormals are scaled first.
    @inline(__always)
    static func log(_ x: V) -> V {
        let subnormal = x .< V(repeating: 0x1p-1022)
        let scaled = x.replacing(with: x * V(repeating: 0x1p54), where: subnormal)
        let xBits = bits(scaled)
        let exponentBits = ((xBits & I(repeating: 0x7FF0_0000_0000_0000)) &>> 52) &- I(repeating: 1023)
        var m = double((xBits & I(repeating: 0x000F_FFFF_FFFF_FFFF)) | I(repeating: 0x3FF0_0000_0000_0000))
        let magic = V(repeating: roundingMagic)
        var e = double(exponentBits &+ bits(magic)) - magic
        e.replace(with: e - 54, where: subnormal)
        let high = m .> V(repeating: 1.414_213_562_373_095_048_8)
        m.replace(with: m * 0.5, where: high)
        e.replace(with: e + 1, where: high)

        // fdlibm's form: f = m − 1 (exact), s = f/(2 + f), ln m = f − (f²/2 − s·(f²/2 + R)),
        // R = 2·Σ s^(2j)/(2j+1), j = 1…11, Horner from the highest degree.
        let f = m - 1
        let s = f / (f + 2)
        let z = s * s
        var series = V(repeating: 2.0 / 23) * z + V(repeating: 2.0 / 21)
        series = series * z + V(repeating: 2.0 / 19)
        series = series * z + V(repeating: 2.0 / 17)
        series = series * z + V(repeating: 2.0 / 15)
        series = series * z + V(repeating: 2.0 / 13)
        series = series * z + V(repeating: 2.0 / 11)
        series = series * z + V(repeating: 2.0 / 9)
        series = series * z + V(repeating: 2.0 / 7)
        series = series * z + V(repeating: 2.0 / 5)
        series = series * z + V(repeating: 2.0 / 3)
        let r = z * series
        let halfSquare = 0.5 * f * f
        // ln2 split so that e·ln2High is exact.
        var result = e * V(repeating: 0x1.62e42fee00000p-1)
            - ((halfSquare - (s * (halfSquare + r) + e * V(repeating: 0x1.a39ef35793c76p-33))) - f)
        result.replace(with: -.infinity, where: x .== 0)
        result.replace(with: .infinity, where: x .== .infinity)
        result.replace(with: .nan, where: .!(x .>= 0))
        return result
    }

    /// erfc x lane by lane: W. J. Cody's rational approximations (CALERF, 1969/1993) with
    /// e^(−x²) formed as e^(−y16²)·e^(−(y−y16)(y+y16)), y16 = |x| rounded to 1/16, so no
    /// digits are lost in x². erfc(x) = 2 − erfc(−x) for x < 0; 0 beyond 26.55, 2 below −26.55.
    @inline(__always)
    static func erfc(_ x: V) -> V {
        let y = x.replacing(with: -x, where: x .< 0).replacing(with: 27, where: x .> 27 .| x .< -27)
        let magic = V(repeating: roundingMagic)
        let y16 = ((y * 16 + magic) - magic) * 0.0625
        return erfc(x, gaussian: exp(-(y16 * y16)) * exp(-((y - y16) * (y + y16))))
    }

    /// e^(−d²/2) lane by lane with d² split exactly into hi + lo (Dekker's two-product), so
    /// large |d| lose no digits: e^(−hi/2)·(1 − lo/2). 0 for d = ±∞.
    @inline(__always)
    static func gaussian(_ d: V) -> V {
        let hi = d * d
        let splitter = V(repeating: 134_217_729.0)  // 2^27 + 1
        let dc = splitter * d
        let dh = dc - (dc - d), dl = d - dh
        let lo = ((dh * dh - hi) + 2 * dh * dl) + dl * dl
        let e = exp(-0.5 * hi)
        return (e - e * (0.5 * lo)).replacing(with: 0, where: .!(hi .< .infinity))
    }

    /// erfc x lane by lane given g = e^(−x²) (from an exact source: the Black–Scholes kernel
    /// passes e^(−d²/2) for x = ±d/√2). Cody's three regions (|x| ≤ 0.46875, ≤ 4, > 4): a
    /// region no lane needs is skipped, and the two outer regions' numerators and
    /// denominators are blended so one division serves both.
    @inline(__always)
    static func erfc(_ x: V, gaussian g: V) -> V {
        let y = x.replacing(with: -x, where: x .< 0)
        let small = .!(y .> 0.468_75)
        let large = y .> 4
        let middle = .!small .& .!large
        var numerator = V(repeating: 1), denominator = V(repeating: 1)
        var smallResult = V(repeating: 1)
        if any(small) {
            // erfc x = 1 − x·A(x²)/B(x²), rounded once at 1 (not (B − x·A)/B: N(d1) − N(d2)
            // near the money cancels, and the extra rounding showed in Black-76 rho).
            let xs = x.replacing(with: 0, where: .!small)
            let z = xs * xs
            var a = V(repeating: 1.857_777_061_846_031_53e-1) * z + V(repeating: 3.161_123_743_870_565_60e00)
            a = a * z + V(repeating: 1.138_641_541_510_501_56e02)
            a = a * z + V(repeating: 3.774_852_376_853_020_21e02)
            a = a * z + V(repeating: 3.209_377_589_138_469_47e03)
            var b = z + V(repeating: 2.360_129_095_234_412_09e01)
            b = b * z + V(repeating: 2.440_246_379_344_441_73e02)
            b = b * z + V(repeating: 1.282_616_526_077_372_28e03)
            b = b * z + V(repeating: 2.844_236_833_439_170_62e03)
            smallResult = 1 - xs * a / b
        }
        if any(middle) {
            // erfc y = g·C(y)/D(y).
            let t = y.replacing(with: 1, where: .!middle)
            var c = V(repeating: 2.153_115_354_744_038_46e-8) * t + V(repeating: 5.641_884_969_886_700_89e-1)
            c = c * t + V(repeating: 8.883_149_794_388_375_94e00)
            c = c * t + V(repeating: 6.611_919_063_714_162_95e01)
            c = c * t + V(repeating: 2.986_351_381_974_001_31e02)
            c = c * t + V(repeating: 8.819_522_212_417_690_90e02)
            c = c * t + V(repeating: 1.712_047_612_634_070_58e03)
            c = c * t + V(repeating: 2.051_078_377_826_071_47e03)
            c = c * t + V(repeating: 1.230_339_354_797_997_25e03)
            var d = t + V(repeating: 1.574_492_611_070_983_47e01)
            d = d * t + V(repeating: 1.176_939_508_913_124_99e02)
            d = d * t + V(repeating: 5.371_811_018_620_098_58e02)
            d = d * t + V(repeating: 1.621_389_574_566_690_19e03)
            d = d * t + V(repeating: 3.290_799_235_733_459_63e03)
            d = d * t + V(repeating: 4.362_619_090_143_247_16e03)
            d = d * t + V(repeating: 3.439_367_674_143_721_64e03)
            d = d * t + V(repeating: 1.230_339_354_803_749_42e03)
            numerator.replace(with: g * c, where: middle)
            denominator.replace(with: d, where: middle)
        }
        if any(large) {
            // erfc y = g·(1/√π − w·P(w)/Q(w))/y = g·(Q/√π − w·P)/(y·Q), w = 1/y², y ≤ 27.
            let t = y.replacing(with: 5, where: .!large).replacing(with: 27, where: y .> 27)
            let w = 1 / (t * t)
            var p = V(repeating: 1.631_538_713_730_209_78e-2) * w + V(repeating: 3.053_266_349_612_323_44e-1)
            p = p * w + V(repeating: 3.603_448_999_498_044_39e-1)
            p = p * w + V(repeating: 1.257_817_261_112_292_46e-1)
            p = p * w + V(repeating: 1.608_378_514_874_227_66e-2)
            p = p * w + V(repeating: 6.587_491_615_298_378_03e-4)
            var q = w + V(repeating: 2.568_520_192_289_822_42e00)
            q = q * w + V(repeating: 1.872_952_849_923_460_47e00)
            q = q * w + V(repeating: 5.279_051_029_514_284_12e-1)
            q = q * w + V(repeating: 6.051_834_131_244_131_91e-2)
            q = q * w + V(repeating: 2.335_204_976_268_691_85e-3)
            numerator.replace(with: g * (q * V(repeating: 5.641_895_835_477_562_869_5e-1) - w * p), where: large)
            denominator.replace(with: t * q, where: large)
        }
        var result = numerator / denominator
        result.replace(with: smallResult, where: small)
        result.replace(with: 0, where: y .> 26.55)
        result.replace(with: 2 - result, where: .!small .& (x .< 0))
        return result
    }
}
