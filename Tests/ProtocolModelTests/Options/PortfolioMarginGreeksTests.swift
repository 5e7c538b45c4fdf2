import Pricing
import Testing
@testable import ProtocolModel

/// The add-on's net Greeks against finite differences of the portfolio value
/// P = Σ q·V computed with the scalar reference pricer.
@Suite("Options: the Greeks add-on against finite differences of the portfolio value")
struct PortfolioMarginGreeksTests {
    /// P with every underlying's spot times (1 + `spotMove`) and every volatility plus
    /// `volatilityShift`.
    static func portfolioValue(
        _ positions: some Sequence<OptionPosition>, book: PortfolioMarginPropertyTests.Book,
        spots: [Double], spotMove: Double, volatilityShift: Double
    ) -> Double {
        var total = 0.0
        for position in positions {
            let entry = book.engine.series[position.series]
            let option = entry.parameters(
                spot: spots[entry.underlying] * (1 + spotMove),
                volatility: book.volatilities[position.series] + volatilityShift, now: 0
            )
            total += position.quantity * BlackScholes.value(option).price
        }
        return total
    }

    @Test("Net vega and net dollar gamma match central differences (h = 1e-4 vol, 1e-4 relative spot)")
    func greeksMatchFiniteDifferences() {
        let spots = [100.0, 2_500.0]
        for seed: UInt64 in [11, 12] {
            let book = PortfolioMarginPropertyTests.book(seed: seed)
            for account in 0..<30 {
                // Series 0 has expired: its value has a kink at the strike, no derivative there.
                let positions = book.accounts[account].filter { $0.series != 0 }
                let result = book.engine.breakdown(of: positions)
                func value(_ move: Double, _ shift: Double) -> Double {
                    Self.portfolioValue(positions, book: book, spots: spots, spotMove: move, volatilityShift: shift)
                }
                let hv = 1e-4, hs = 1e-4
                let vega = (value(0, hv) - value(0, -hv)) / (2 * hv)
                let gamma = (value(hs, 0) - 2 * value(0, 0) + value(-hs, 0)) / (hs * hs)
                let scale = positions.reduce(0) { $0 + abs($1.quantity) * spots[book.engine.series[$1.series].underlying] }
                #expect(abs(result.netVega - vega) <= 1e-6 * (1 + scale), "seed \(seed) account \(account): \(result.netVega) vs \(vega)")
                #expect(abs(result.netDollarGamma - gamma) <= 1e-3 * (1 + scale),
                        "seed \(seed) account \(account): \(result.netDollarGamma) vs \(gamma)")
            }
        }
    }

    @Test("The add-on is the documented formula of the net Greeks and grows the margin above the worst loss")
    func addOnFormula() {
        let book = PortfolioMarginPropertyTests.book(seed: 13)
        for account in 0..<30 {
            let result = book.engine.breakdown(of: book.accounts[account])
            let addOn = 0.03 * abs(result.netVega) + 0.5 * 0.04 * 0.04 * abs(result.netDollarGamma)
            let expected = max(0, result.worstLoss) + addOn
            #expect(abs(result.margin - expected) <= 1e-12 * (1 + expected), "account \(account)")
        }
        var noAddOn = book.engine
        noAddOn.addOn = .none
        let positions = book.accounts[3]
        #expect(noAddOn.breakdown(of: positions).margin == max(0, noAddOn.breakdown(of: positions).worstLoss))
    }
}
