import Pricing
import Testing
@testable import ProtocolModel

@Suite("Options: flat accounts and series expiry")
struct OptionAccountsTests {
    @Test("Each account owns a contiguous range of the one positions array, empty accounts included")
    func ranges() {
        var accounts = OptionAccounts()
        let a = accounts.append([OptionPosition(series: 0, quantity: 1), OptionPosition(series: 2, quantity: -2)])
        let b = accounts.append([])
        let c = accounts.append([OptionPosition(series: 1, quantity: 5)])
        #expect([a, b, c] == [0, 1, 2])
        #expect(accounts.count == 3 && accounts.positions.count == 3)
        #expect(accounts.range(of: 0) == 0..<2 && accounts.range(of: 1) == 2..<2 && accounts.range(of: 2) == 2..<3)
        #expect(Array(accounts[2]) == [OptionPosition(series: 1, quantity: 5)])
        accounts.removeAll()
        #expect(accounts.count == 0 && accounts.positions.isEmpty)
    }

    @Test("Time to expiry counts 365-day years from now and stops at 0 once expired")
    func yearsToExpiry() {
        let series = OptionSeries(underlying: 0, kind: .call, strike: 100, expiry: 73 * 86_400)
        #expect(series.yearsToExpiry(at: 0) == 0.2)
        #expect(abs(series.yearsToExpiry(at: 36.5 * 86_400) - 0.1) < 1e-16)
        #expect(series.yearsToExpiry(at: 80 * 86_400) == 0)
    }

    @Test("An expired series loses exactly its change of intrinsic value in every scenario")
    func expiredSeries() {
        let series = [
            OptionSeries(underlying: 0, kind: .call, strike: 95, expiry: 86_400),
            OptionSeries(underlying: 0, kind: .put, strike: 110, expiry: 86_400),
        ]
        var engine = PortfolioMargin(series: series, addOn: .none)
        engine.revalue(spots: [100], volatilities: [0.5, 0.5], now: 2 * 86_400)
        let array = engine.riskArray
        for scenario in 0..<array.scenarioCount {
            let spot = 100 * (1 + array.scenario(scenario).spotShock)
            let callLoss = 5 - max(spot - 95, 0), putLoss = 10 - max(110 - spot, 0)
            #expect(abs(engine.table[scenario] - callLoss) < 1e-12, "scenario \(scenario)")
            #expect(abs(engine.table[engine.stride + scenario] - putLoss) < 1e-12, "scenario \(scenario)")
        }
        // Long the call and the put: worth 15 for spot in [95, 110] and more outside, so no
        // scenario loses (−5 %, 0 and +5 % lose exactly 0) and the margin is 0.
        let book = engine.breakdown(of: [OptionPosition(series: 0, quantity: 1), OptionPosition(series: 1, quantity: 1)])
        #expect(abs(book.worstLoss) < 1e-12)
        #expect(book.margin < 1e-12)
        #expect(book.netVega == 0 && book.netDollarGamma == 0)
    }
}
