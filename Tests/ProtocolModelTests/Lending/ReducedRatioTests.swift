import GSL
import Testing
@testable import ProtocolModel

@Suite("Genesis: a reduced ratio floors exactly as mulDiv of the unreduced one")
struct ReducedRatioTests {
    /// ⌊x·a/b⌋ or the error, through mulDiv.
    static func reference(_ x: UInt128, _ a: UInt128, _ b: UInt128) -> Result<UInt128, ArithmeticError> {
        Result { () throws(ArithmeticError) in try FixedPoint.mulDiv(x, a, b, rounding: .down) }
    }

    /// The same through the reduced ratio.
    static func reduced(_ x: UInt128, _ a: UInt128, _ b: UInt128) -> Result<UInt128, ArithmeticError> {
        Result { () throws(ArithmeticError) in try ReducedRatio(a, b).floor(x) }
    }

    /// A price-like or factor-like ratio: a common factor (a power of ten, or random) times two
    /// random cofactors, or one of the edge values 0 and 1.
    static func ratio(_ stream: RandomStream) -> (UInt128, UInt128) {
        func part() -> UInt128 {
            switch stream.uniformInt(6) {
            case 0: return 0
            case 1: return 1
            default: return max(WideArithmeticTests.operand(stream) >> UInt128(stream.uniformInt(128)), 1)
            }
        }
        let common: UInt128 = stream.uniformInt(2) == 0 ? FixedPoint.powerOfTen(stream.uniformInt(30)) : part()
        let (a, overflowA) = part().multipliedReportingOverflow(by: common)
        let (b, overflowB) = part().multipliedReportingOverflow(by: common)
        return (overflowA ? part() : a, overflowB ? part() : b)
    }

    @Test("40,000 random values and ratios with common factors, zero numerators and denominators, overflowing quotients")
    func randomRatios() {
        let stream = RandomStream(seed: 31)
        var outcomes = (fitting: 0, overflow: 0, divisionByZero: 0)
        for _ in 0..<40_000 {
            let (a, b) = Self.ratio(stream)
            let x = WideArithmeticTests.operand(stream) >> UInt128(stream.uniformInt(128))
            let expected = Self.reference(x, a, b)
            #expect(Self.reduced(x, a, b) == expected, "⌊\(x)·\(a)/\(b)⌋")
            switch expected {
            case .success: outcomes.fitting += 1
            case .failure(.overflow): outcomes.overflow += 1
            case .failure: outcomes.divisionByZero += 1
            }
        }
        #expect(outcomes.fitting > 1_000 && outcomes.overflow > 1_000 && outcomes.divisionByZero > 1_000, "\(outcomes)")
    }

    @Test("A whole price per unit and a factor of 0.8 reduce to a plain product and a division by 5")
    func reduction() {
        let price = ReducedRatio(2_000 * FixedPoint.wad, FixedPoint.wad)
        #expect(price.numerator == 2_000 && price.denominator == 1)
        let factor = ReducedRatio(800_000_000_000_000_000, FixedPoint.wad)
        #expect(factor.numerator == 4 && factor.denominator == 5)
    }

    @Test("A market asset's LT and bonus ratios follow its factors, set at creation or later; no bonus ratio when wad + bonus overflows")
    func marketAssetRatios() {
        var config = MarketAssetConfig(asset: AssetID(0), price: PriceSource(oracle: 0), collateralFactor: 750_000_000_000_000_000,
                                       liquidationThreshold: 800_000_000_000_000_000, liquidationBonus: 80_000_000_000_000_000,
                                       borrowable: false, interest: .zero)
        #expect(config.thresholdRatio == ReducedRatio(4, 5) && config.bonusRatio == ReducedRatio(27, 25))
        config.liquidationThreshold = 825_000_000_000_000_000
        config.liquidationBonus = 0
        #expect(config.thresholdRatio == ReducedRatio(33, 40) && config.bonusRatio == ReducedRatio(1, 1))
        config.liquidationBonus = .max
        #expect(config.bonusRatio == nil)
    }
}
