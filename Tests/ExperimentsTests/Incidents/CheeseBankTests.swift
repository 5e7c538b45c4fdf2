import Foundation
import ProtocolModel
import Scenarios
import Testing
@testable import Experiments

/// Cheese Bank, 6 Nov 2020 (scenarios/cheese-bank-2020.yaml; ../shared/research/incidents.md
/// §2.4): LP collateral valued naively from the pool's reserves, pumped inside one flash-loan
/// transaction; the defended twin values it fairly from external prices.
@Suite("Cheese Bank re-enactment and its defended twin")
struct CheeseBankTests {
    /// The pool at genesis (ETH, CHEESE) and ETH's price in USD, as in the scenario.
    static let (x0, y0, ethUSD) = (86.0967, 292_434.07, 445.55)

    @Test("The historical attack: 50 ETH buys 107,232 CHEESE (as on chain), the bank's whole $3.3M is borrowed (as reported), the attacker's costs are ≈130 ETH (132 ETH reported) and it nets $3.11M (within a factor of 2 of the $3.3M loss)")
    func historical() throws {
        let log = IncidentSearch.StepLog()
        let scenario = try Scenario.load(path: IncidentSearch.path("cheese-bank-2020"))
        let world = try World(scenario: scenario, seed: 1, options: WorldOptions(checkInvariants: true))
        let metrics = try world.run(sink: log)
        #expect(log.records.allSatisfy { $0.executed })
        let buy = try #require(log.records.first { $0.kind == .swap })
        // Constant product with the 0.3 % fee, evaluated independently.
        let bought = Self.y0 * 50 * 0.997 / (Self.x0 + 50 * 0.997)
        #expect(abs(TokenUnits.toDouble(buy.amountOut, decimals: 18) - bought) < 1e-6 * bought)
        #expect(abs(bought - 107_232) < 0.5)
        let borrow = try #require(log.records.first { $0.kind == .borrow })
        #expect(borrow.amountOut == 3_300_000_000_000)
        let suppliersUSDC = world.pnl.first { $0.party == .suppliers && $0.value < 0 }
        #expect(suppliersUSDC?.value == -3_300_000)
        // The ETH the borrowed USDC must make up for: the flash loan less what selling the pumped
        // CHEESE back returns — the 50 + 78.8 ETH left in the pool with the LP tokens and the pump's
        // round trip. The record: 58,812 USDC converted into 132 ETH to pay the attack's costs.
        let flash = try #require(log.records.first { $0.kind == .flashBorrow })
        let unpump = try #require(log.records.last { $0.kind == .swap && $0.pool == 0 })
        let ethCost = TokenUnits.toDouble(flash.amountOut, decimals: 18) - TokenUnits.toDouble(unpump.amountOut, decimals: 18)
        #expect(abs(ethCost / 132 - 1) < 0.05, "\(ethCost) ETH")
        let net = try #require(metrics.attackNetProfit)
        #expect(abs(net / 3_114_979.21 - 1) < 1e-6, "\(net)")
        #expect(net / 3.3e6 > 0.5 && net / 3.3e6 < 2)
    }

    @Test("Naive pricing: the pump lifts the attacker's LP tokens ×148.7 over their pre-attack share price (the closed form of the pool's arithmetic; the statement reports ×300)")
    func lpMultiplier() throws {
        // With cash to spare, the borrow is 0.6 × the deposit's oracle value after the pump.
        let log = IncidentSearch.StepLog()
        let scenario = try Scenario.load(path: IncidentSearch.path("cheese-bank-2020"),
                                         overrides: ["lending_markets.cheese_bank.assets.USDC.supply=100000000"])
        _ = try World(scenario: scenario, seed: 1).run(sink: log)
        let shares = TokenUnits.toDouble(try #require(log.records.first { $0.kind == .deposit }).amountIn, decimals: 18)
        let borrowed = TokenUnits.toDouble(try #require(log.records.first { $0.kind == .borrow }).amountOut, decimals: 6)
        let before = shares * 2 * Self.x0 * Self.ethUSD / (Self.x0 * Self.y0).squareRoot()
        // Closed form: buy 50 ETH of CHEESE (fee 0.3 %), pair it at the new price, pump 20,000 ETH.
        let x1 = Self.x0 + 50, y1 = Self.y0 - Self.y0 * 50 * 0.997 / (Self.x0 + 50 * 0.997)
        let paired = (Self.y0 - y1) * x1 / y1
        let supply0 = (Self.x0 * Self.y0).squareRoot()
        let supply1 = supply0 * (x1 + paired) / x1
        let after = 2 * (x1 + paired + 20_000) / supply1 / (2 * Self.x0 / supply0)
        #expect(abs(after - 148.697) < 0.01)
        #expect(abs(borrowed / 0.6 / before / after - 1) < 1e-5, "\(borrowed / 0.6 / before) vs \(after)")
    }

    @Test("Sign change: the best attack on naive pricing nets about $3.13M (not safe); with fair pricing it cannot repay its flash loan and the best point is a reverted attack (safe)")
    func signChange() throws {
        let unsafe = try IncidentSearch.bestAttack("cheese-bank-2020")
        #expect(try #require(unsafe.summary.mean) > 3e6)
        #expect(!Frontier.isSafe(unsafe.summary))
        let safe = try IncidentSearch.bestAttack("cheese-bank-2020-defended")
        #expect(Frontier.isSafe(safe.summary), "\(safe.summary) at \(safe.parameters)")
    }

    @Test("The defended bank lends 0.6 × the fair value of the deposited LP tokens, $26,706.53, against the naive pricing's $3.3M")
    func defendedBorrow() throws {
        let log = IncidentSearch.StepLog()
        let scenario = try Scenario.load(path: IncidentSearch.path("cheese-bank-2020-defended"))
        _ = try World(scenario: scenario, seed: 1).run(sink: log)
        let borrow = try #require(log.records.first { $0.kind == .borrow })
        #expect(abs(TokenUnits.toDouble(borrow.amountOut, decimals: 6) - 26_706.53) < 0.01)
        #expect(log.records.allSatisfy { !$0.executed })
    }
}
