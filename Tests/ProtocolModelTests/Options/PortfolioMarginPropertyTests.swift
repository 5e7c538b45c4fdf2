import GSL
import Pricing
import Testing
@testable import ProtocolModel

/// Invariants of portfolio margin over random books: random listed series on two
/// underlyings (Black–Scholes and Black-76, calls and puts, strikes 70–130 % of spot,
/// expiries 1–180 days, one already expired) and random accounts of 0–12 positions.
@Suite("Options: portfolio margin invariants over random portfolios")
struct PortfolioMarginPropertyTests {
    /// A revalued engine, its accounts, and the volatilities it was revalued at.
    struct Book {
        var engine: PortfolioMargin
        var accounts: OptionAccounts
        var volatilities: [Double]
    }

    /// An engine on 24 random series revalued at time 0, and 200 random accounts.
    static func book(seed: UInt64) -> Book {
        let stream = RandomStream(seed: seed)
        let spots = [100.0, 2_500.0]
        var series: [OptionSeries] = []
        var volatilities: [Double] = []
        for index in 0..<24 {
            let underlying = stream.uniformInt(2)
            let days = index == 0 ? -1 : 1 + 179 * stream.uniform()
            series.append(OptionSeries(
                underlying: underlying, kind: stream.bernoulli(0.5) ? .call : .put,
                strike: spots[underlying] * (0.7 + 0.6 * stream.uniform()), expiry: days * 86_400,
                model: stream.bernoulli(0.3) ? .black76 : .blackScholes,
                rate: 0.05 * stream.uniform(), dividend: 0.02 * stream.uniform()
            ))
            volatilities.append(0.2 + stream.uniform())
        }
        var engine = PortfolioMargin(series: series, addOn: GreeksAddOn(volatilityBuffer: 0.03, spotGap: 0.04))
        engine.revalue(spots: spots, volatilities: volatilities, now: 0)
        var accounts = OptionAccounts()
        for _ in 0..<200 {
            let count = stream.uniformInt(13)
            accounts.append((0..<count).map { _ in
                OptionPosition(series: stream.uniformInt(24), quantity: (stream.uniform() - 0.5) * 20)
            })
        }
        return Book(engine: engine, accounts: accounts, volatilities: volatilities)
    }

    @Test("Every margin is ≥ 0, an empty or netted-out book owes 0, and the one-pass path equals the breakdown")
    func nonNegativeAndFlat() {
        for seed: UInt64 in [1, 2, 3] {
            let book = Self.book(seed: seed)
            let engine = book.engine, accounts = book.accounts
            var margins: [Double] = []
            engine.margins(of: accounts, into: &margins)
            for account in 0..<accounts.count {
                let breakdown = engine.breakdown(of: accounts[account])
                #expect(margins[account] >= 0, "seed \(seed) account \(account)")
                #expect(abs(margins[account] - breakdown.margin) <= 1e-9 * (1 + breakdown.margin),
                        "seed \(seed) account \(account): \(margins[account]) vs \(breakdown.margin)")
                if accounts[account].isEmpty { #expect(margins[account] == 0) }
            }
            // A position next to its exact opposite: every scenario loss and the margin are 0.
            let netted = accounts[5].flatMap { [$0, OptionPosition(series: $0.series, quantity: -$0.quantity)] }
            let result = engine.breakdown(of: netted)
            #expect(result.scenarioLosses.allSatisfy { abs($0) <= 1e-9 }, "seed \(seed): \(result.scenarioLosses)")
            #expect(result.margin <= 1e-9)
        }
    }

    @Test("Scaling every position by k scales the scenario losses and net Greeks by k")
    func linearity() {
        for seed: UInt64 in [4, 5] {
            let book = Self.book(seed: seed)
            let engine = book.engine, accounts = book.accounts
            for account in 0..<20 {
                let base = engine.breakdown(of: accounts[account])
                for k in [-2.5, 0.0, 3.0] {
                    let scaled = engine.breakdown(of: accounts[account].map { OptionPosition(series: $0.series, quantity: k * $0.quantity) })
                    for (index, loss) in base.scenarioLosses.enumerated() {
                        #expect(abs(scaled.scenarioLosses[index] - k * loss) <= 1e-9 * (1 + abs(k * loss)),
                                "seed \(seed) account \(account) k \(k) scenario \(index)")
                    }
                    #expect(abs(scaled.netVega - k * base.netVega) <= 1e-9 * (1 + abs(k * base.netVega)))
                    #expect(abs(scaled.netDollarGamma - k * base.netDollarGamma) <= 1e-9 * (1 + abs(k * base.netDollarGamma)))
                    if k > 0 {
                        #expect(abs(scaled.margin - k * base.margin) <= 1e-9 * (1 + k * base.margin))
                    }
                }
            }
        }
    }

    @Test("Margin is subadditive across accounts: margin(A + B) ≤ margin(A) + margin(B)")
    func subadditive() {
        let book = Self.book(seed: 6)
        let engine = book.engine, accounts = book.accounts
        for account in stride(from: 0, to: 100, by: 2) {
            let a = engine.breakdown(of: accounts[account]), b = engine.breakdown(of: accounts[account + 1])
            let both = engine.breakdown(of: Array(accounts[account]) + Array(accounts[account + 1]))
            #expect(both.margin <= a.margin + b.margin + 1e-9 * (1 + a.margin + b.margin), "account \(account)")
        }
    }

    @Test("Each table entry is the base price minus the scalar reference price in that scenario")
    func tableMatchesScalarReference() {
        let book = Self.book(seed: 7)
        let engine = book.engine
        let spots = [100.0, 2_500.0]
        let volatilities = book.volatilities
        for (index, entry) in engine.series.enumerated() {
            let spot = spots[entry.underlying], volatility = volatilities[index]
            let base = BlackScholes.value(entry.parameters(spot: spot, volatility: volatility, now: 0))
            #expect(abs(engine.baseValuations.prices[index] - base.price) <= 1e-12 * (1 + base.price))
            let row = index * engine.stride
            for scenario in 0..<engine.riskArray.scenarioCount {
                let shock = engine.riskArray.scenario(scenario)
                let moved = BlackScholes.value(entry.parameters(
                    spot: spot * (1 + shock.spotShock), volatility: volatility * shock.volatilityMultiplier, now: 0
                ))
                let expected = base.price - moved.price
                #expect(abs(engine.table[row + scenario] - expected) <= 1e-11 * (1 + spot),
                        "series \(index) scenario \(scenario)")
            }
            #expect(abs(engine.table[row + engine.riskArray.scenarioCount] - base.vega) <= 1e-11 * (1 + spot))
            for padding in (engine.riskArray.scenarioCount + 2)..<engine.stride { #expect(engine.table[row + padding] == 0) }
        }
    }

    @Test("An engine revalued at another market first, then at this one, holds exactly a fresh engine's table")
    func reusedEngineMatchesFreshEngine() {
        let book = Self.book(seed: 11)
        let spots = [100.0, 2_500.0]
        var reused = book.engine
        reused.revalue(spots: [80, 3_000], volatilities: book.volatilities.map { $0 * 1.5 }, now: 86_400)
        reused.revalue(spots: spots, volatilities: book.volatilities, now: 0)
        // The same inputs through the same kernel give identical bits, so equality is exact.
        #expect(reused.table == book.engine.table)
        let count = reused.series.count
        #expect(reused.baseValuations.count == count)
        #expect((0..<count).map { reused.baseValuations[$0] } == (0..<count).map { book.engine.baseValuations[$0] })
    }
}
