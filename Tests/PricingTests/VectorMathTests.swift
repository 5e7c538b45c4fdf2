import Foundation
@testable import Pricing
import Testing

@Suite("SIMD exp, log and erfc of the portable path")
struct VectorMathTests {
    /// Evenly spaced points over [low, high], eight lanes at a time.
    static func lanes(_ low: Double, _ high: Double, count: Int) -> [SIMD8<Double>] {
        (0..<count).map { chunk in
            var v = SIMD8<Double>()
            for lane in 0..<8 { v[lane] = low + (high - low) * Double(chunk * 8 + lane) / Double(count * 8 - 1) }
            return v
        }
    }

    /// Worst |f(x) − g(x)|/|g(x)| over `points`, in units of 2^−52.
    static func worstUlps(_ points: [SIMD8<Double>], _ f: (SIMD8<Double>) -> SIMD8<Double>, _ g: (Double) -> Double) -> Double {
        var worst = 0.0
        for v in points {
            let got = f(v)
            for lane in 0..<8 {
                let want = g(v[lane])
                guard want != 0 else { continue }
                worst = max(worst, abs(got[lane] - want) / abs(want) / Double.ulpOfOne)
            }
        }
        return worst
    }

    @Test("exp is within 1 ulp of libm from −745 to 709, including the subnormal range")
    func expAccuracy() {
        #expect(Self.worstUlps(Self.lanes(-700, 709, count: 4000), VectorMath.exp, Foundation.exp) <= 1)
        #expect(Self.worstUlps(Self.lanes(-2, 2, count: 4000), VectorMath.exp, Foundation.exp) <= 1)
        let tiny = VectorMath.exp(SIMD8(-745.1, -740, -720, -708.5, -.infinity, 710, .infinity, 0))
        #expect(abs(tiny[0] - Foundation.exp(-745.1)) <= 0x1p-1074)
        #expect(abs(tiny[1] - Foundation.exp(-740)) <= 0x1p-1074)
        #expect(abs(tiny[2] - Foundation.exp(-720)) <= 0x1p-1074)
        #expect(abs(tiny[3] - Foundation.exp(-708.5)) <= 2 * Double.ulpOfOne * Foundation.exp(-708.5))
        #expect(tiny[4] == 0 && tiny[5] == .infinity && tiny[6] == .infinity && tiny[7] == 1)
    }

    @Test("log is within 1 ulp of libm over normal and subnormal inputs; log 0 = −∞, log ∞ = ∞, log −1 = NaN")
    func logAccuracy() {
        let wide = (0..<2000).map { chunk in
            SIMD8<Double>((0..<8).map { lane in Foundation.exp(-740 + 1449 * Double(chunk * 8 + lane) / 15_999) })
        }
        #expect(Self.worstUlps(wide, VectorMath.log, Foundation.log) <= 1)
        #expect(Self.worstUlps(Self.lanes(0.5, 2, count: 4000), VectorMath.log, Foundation.log) <= 1)
        let special = VectorMath.log(SIMD8(0, .infinity, -1, .nan, 1, 0x1p-1074, 0x1p-1030, 2))
        #expect(special[0] == -.infinity && special[1] == .infinity && special[2].isNaN && special[3].isNaN)
        #expect(special[4] == 0 && special[5] == -1074 * M_LN2 && abs(special[6] + 1030 * M_LN2) <= 1e-16 * 1030)
        #expect(special[7] == M_LN2)
    }

    @Test("erfc is within a few ulp of libm on [−6, 26.5] and saturates to 0 and 2 beyond")
    func erfcAccuracy() {
        #expect(Self.worstUlps(Self.lanes(-6, 6, count: 4000), VectorMath.erfc, Foundation.erfc) <= 4)
        #expect(Self.worstUlps(Self.lanes(6, 26.5, count: 4000), VectorMath.erfc, Foundation.erfc) <= 8)
        let special = VectorMath.erfc(SIMD8(27, .infinity, -27, -.infinity, 0, 0.46875, 4, -4))
        #expect(special[0] == 0 && special[1] == 0 && special[2] == 2 && special[3] == 2 && special[4] == 1)
        #expect(abs(special[5] - Foundation.erfc(0.46875)) <= 2 * Double.ulpOfOne * special[5])
        #expect(abs(special[6] - Foundation.erfc(4)) <= 4 * Double.ulpOfOne * special[6])
        #expect(abs(special[7] - Foundation.erfc(-4)) <= 2 * Double.ulpOfOne * 2)
    }
}
