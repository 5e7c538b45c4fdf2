import Pricing
import Testing
@testable import ProtocolModel

/// A two-position portfolio margined against values computed independently in Python with
/// mpmath at 50 digits (Black–Scholes from its closed form with erfc; not the Swift pricer):
///
///     S = 100, T = 30/365 year, r = 0.03, q = 0
///     long 2 calls K = 105 σ = 0.60, short 3 puts K = 95 σ = 0.65
///     risk array: spot −15 % … +15 % step 5 % × vol ×{0.7, 1, 1.3}
///     lossⱼ = Σ q·(V(S, σ) − V(S·(1 + shockⱼ), σ·multⱼ));  vega, Γ·S² summed with q
///     margin = max(0, max lossⱼ) + 0.02·|net vega| + ½·0.05²·|net Γ·S²|
///
/// printed with 17 significant digits (mp.nstr(x, 17)).
@Suite("Options: portfolio margin of a hand-computed two-position portfolio")
struct PortfolioMarginFixtureTests {
    static let expectedLosses: [Double] = [
        27.953837226462557, 16.581120301988764, 6.6894824885759719, -2.1278754477485171,
        -10.462152623443922, -18.828364991795073, -27.520739796358083,
        31.269574207197596, 20.110162654214022, 9.7590761650320401, 0.0,
        -9.4036882383575095, -18.657988911178556, -27.911629814166473,
        34.306917327627943, 23.122552012638391, 12.459064543827919, 2.1940185737983922,
        -7.7930933659552576, -17.607186781029475, -27.330913618713234,
    ]
    static let expectedNetVega = -9.4082000582606756
    static let expectedNetDollarGamma = -141.01607036903487
    static let expectedMargin = 34.67135141675445

    /// The engine on the fixture's two series, revalued at its market (time 0).
    static func engine() -> PortfolioMargin {
        let expiry = 30 * 86_400.0
        let series = [
            OptionSeries(underlying: 0, kind: .call, strike: 105, expiry: expiry, rate: 0.03),
            OptionSeries(underlying: 0, kind: .put, strike: 95, expiry: expiry, rate: 0.03),
        ]
        var engine = PortfolioMargin(series: series, addOn: GreeksAddOn(volatilityBuffer: 0.02, spotGap: 0.05))
        engine.revalue(spots: [100], volatilities: [0.6, 0.65], now: 0)
        return engine
    }

    static let portfolio = [OptionPosition(series: 0, quantity: 2), OptionPosition(series: 1, quantity: -3)]

    @Test("The standard risk array is spot ±15 % in 7 steps × vol ×{0.7, 1, 1.3}, spot varying fastest")
    func standardArray() {
        let array = RiskArray.standard
        #expect(array.scenarioCount == 21)
        let shocks = [-0.15, -0.10, -0.05, 0, 0.05, 0.10, 0.15]
        for (index, shock) in shocks.enumerated() { #expect(abs(array.spotShocks[index] - shock) < 1e-15) }
        #expect(array.scenario(0).spotShock == -0.15 && array.scenario(0).volatilityMultiplier == 0.7)
        #expect(array.scenario(10).volatilityMultiplier == 1)
        #expect(abs(array.scenario(10).spotShock) < 1e-15)
        #expect(array.scenario(20).spotShock == 0.15 && array.scenario(20).volatilityMultiplier == 1.3)
    }

    @Test("Scenario losses, net Greeks and margin match the 50-digit values to 1e-11 relative")
    func matchesFixture() {
        let result = Self.engine().breakdown(of: Self.portfolio)
        #expect(result.scenarioLosses.count == 21)
        for (index, expected) in Self.expectedLosses.enumerated() {
            let got = result.scenarioLosses[index]
            #expect(abs(got - expected) <= 1e-11 * (1 + abs(expected)), "scenario \(index): \(got) vs \(expected)")
        }
        #expect(abs(result.netVega - Self.expectedNetVega) <= 1e-11 * abs(Self.expectedNetVega))
        #expect(abs(result.netDollarGamma - Self.expectedNetDollarGamma) <= 1e-11 * abs(Self.expectedNetDollarGamma))
        #expect(abs(result.margin - Self.expectedMargin) <= 1e-11 * Self.expectedMargin)
        #expect(abs(result.worstLoss - 34.306917327627943) <= 1e-11 * 34.3)
    }

    @Test("The one-pass account margins agree with the per-portfolio breakdown")
    func accountsPath() {
        let engine = Self.engine()
        var accounts = OptionAccounts()
        accounts.append(Self.portfolio)
        accounts.append([])
        accounts.append(Self.portfolio.map { OptionPosition(series: $0.series, quantity: -$0.quantity) })
        var margins: [Double] = []
        engine.margins(of: accounts, into: &margins)
        #expect(margins.count == 3)
        #expect(abs(margins[0] - Self.expectedMargin) <= 1e-11 * Self.expectedMargin)
        #expect(margins[1] == 0)
        // The mirror book loses where the original gains: worst = 27.911629814166473 (spot
        // +15 %, vol ×1), plus the same add-on (|·| of the same Greeks).
        let addOn = 0.02 * abs(Self.expectedNetVega) + 0.5 * 0.05 * 0.05 * abs(Self.expectedNetDollarGamma)
        #expect(abs(margins[2] - (27.911629814166473 + addOn)) <= 1e-11 * margins[2])
    }
}
