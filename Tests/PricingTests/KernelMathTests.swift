import Foundation
@testable import Pricing
import Testing

/// The C kernel's own exp and normal CDF against 50-digit mpmath values
/// (scripts/fixtures/make_kernel_math_fixture.py → Fixtures/kernel_math_reference.csv).
@Suite("The C kernel's exp and normal CDF against mpmath", .enabled(if: PricingPath.supported > .portable))
struct KernelMathTests {
    static let rows: [(function: String, x: Double, value: Double)] = {
        guard let url = Bundle.module.url(forResource: "kernel_math_reference", withExtension: "csv", subdirectory: "Fixtures"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("kernel_math_reference.csv missing from the test bundle") }
        return text.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",")
            return (String(cells[0]), Double(cells[1])!, Double(cells[2])!)
        }
    }()

    /// The C paths this CPU runs (avx2, and avx512 where present).
    static let paths = PricingPath.allCases.filter { $0 != .portable && $0 <= PricingPath.supported }

    /// Worst |got − ref|/ref in units of 2^−52 over the rows of `function` whose reference is
    /// at least the smallest normal double, and the worst |got − ref| over the others.
    static func worst(_ function: String, _ f: ([Double]) -> [Double]) -> (relative: Double, absolute: Double) {
        let cases = rows.filter { $0.function == function }
        let got = f(cases.map(\.x))
        var relative = 0.0, absolute = 0.0
        for (c, y) in zip(cases, got) {
            let error = y.isFinite ? abs(y - c.value) : .infinity
            if c.value >= Double.leastNormalMagnitude {
                relative = max(relative, error / c.value / Double.ulpOfOne)
            } else {
                absolute = max(absolute, error)
            }
        }
        return (relative, absolute)
    }

    @Test("exp is within 1.5·2^−52 (relative) of mpmath on [−707, 709.7], at the reduction boundaries too")
    func expAccuracy() {
        for path in Self.paths {
            let errors = Self.worst("exp") { KernelMath.exp($0, path: path)! }
            #expect(errors.relative <= 1.5, "\(path): \(errors.relative)")
            #expect(Self.rows.contains { $0.function == "exp" && $0.x < -700 } && Self.rows.contains { $0.function == "exp" && $0.x > 700 })
        }
    }

    @Test("exp flushes results below e^−707 to 0 and overflows above 709.7 to +∞; e^0 = 1")
    func expLimits() {
        for path in Self.paths {
            let y = KernelMath.exp([-707.5, -800, -.infinity, 709.8, .infinity, 0, -706.5], path: path)!
            #expect(y[0] == 0 && y[1] == 0 && y[2] == 0, "\(path)")
            #expect(y[3] == .infinity && y[4] == .infinity && y[5] == 1, "\(path)")
            #expect(abs(y[6] - Foundation.exp(-706.5)) <= 2 * Double.ulpOfOne * Foundation.exp(-706.5), "\(path)")
        }
    }

    @Test("N(x) as the kernel forms it is within 6·2^−52 (relative) of mpmath on [−38, 38], region edges included, and within 1e−307 where N is subnormal")
    func normalCDFAccuracy() {
        for path in Self.paths {
            let errors = Self.worst("cdf") { KernelMath.normalCDF($0, path: path)! }
            #expect(errors.relative <= 6, "\(path): \(errors.relative)")
            #expect(errors.absolute <= 1e-307, "\(path): \(errors.absolute)")
        }
    }

    @Test("N(−∞) = 0, N(∞) = 1, N(0) = 1/2, and beyond ±40 N is 0 or 1")
    func normalCDFLimits() {
        for path in Self.paths {
            let y = KernelMath.normalCDF([-.infinity, .infinity, 0, -41, 41, -1e300, 1e300], path: path)!
            #expect(y == [0, 1, 0.5, 0, 1, 0, 1], "\(path): \(y)")
        }
    }

    @Test("The portable path has no C kernel to test")
    func portableHasNoKernel() {
        #expect(KernelMath.exp([0], path: .portable) == nil)
        #expect(KernelMath.normalCDF([0], path: .portable) == nil)
    }
}
