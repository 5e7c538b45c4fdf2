import Foundation
import Experiments
import Scenarios

/// The short human summary `advsim run` prints.
enum RunSummary {
    static func text(scenario: Scenario, seed: UInt64, result: ReplicationResult, directory: String, seconds: Double) -> String {
        let m = result.metrics
        func money(_ value: Double?) -> String {
            guard let value else { return "—" }
            return Self.amount(value) + " " + scenario.numeraire
        }
        var lines = [
            "scenario      \(scenario.name) (seed \(seed), replication seed \(result.seed))",
            "simulated     \(formatted(m.endTime / 3_600)) h, \(m.blocks) blocks in \(formatted(seconds)) s",
            "transactions  \(m.transactions) included, \(m.revertedTransactions) reverted, \(m.droppedTransactions) dropped; gas \(money(m.gasCost))",
            "swaps         \(m.swaps) (\(m.arbitrageTrades) arbitrage), volume \(money(m.swapVolume)), fees \(money(m.swapFees))",
            "pool vs ref   max deviation \(percent(m.maxPoolDeviation)), mean \(percent(m.meanPoolDeviation)), final \(percent(m.finalPoolDeviation))",
            "P&L           arbitrageurs \(money(m.arbitrageurPnl)), LPs \(money(m.lpPnl)), noise traders \(money(m.noiseTraderPnl))",
        ]
        if m.lpWithdrawals > 0 { lines.append("LPs           \(m.lpWithdrawals) withdrawals on volatility") }
        lines += lendingLines(m, money: money)
        if let interest = m.optionsOpenInterest {
            lines.append("options       open interest \(formatted(interest)) underlying units, \(m.optionLiquidations ?? 0) liquidations, "
                + "vault P&L \(money(m.vaultPnl)), settlement deviation \(percent(m.settlementPriceDeviation))")
        }
        if let net = m.attackNetProfit {
            let outcome = "\(m.attackExecuted ?? 0) executed, \(m.attackReverted ?? 0) reverted"
            lines.append("attack        net profit \(money(net)) (\(outcome)); cost \(money(m.attackCost)), gross \(money(m.attackGrossProfit)), capital \(money(m.attackCapital))")
        }
        for note in result.notes { lines.append("note          \(note)") }
        lines.append("output        \(directory)/")
        return lines.joined(separator: "\n")
    }

    /// The lending outcome (nothing without a lending market): liquidations and cascades, the
    /// debt lost, the lowest health, and the oracles that priced the markets.
    private static func lendingLines(_ m: RunMetrics, money: (Double?) -> String) -> [String] {
        guard let liquidations = m.liquidations else { return [] }
        var oracles = "oracles       max deviation from reference \(percent(m.maxOracleDeviation))"
        if let trips = m.circuitBreakerTrips { oracles += ", circuit breaker trips \(trips)" }
        return [
            "liquidations  \(liquidations) (volume \(money(m.liquidatedVolume))), cascade depth \(m.cascadeDepth ?? 0), "
                + "min health \(m.minHealth.map { String(format: "%.4g", $0) } ?? "—")",
            "bad debt      \(money(m.badDebt)) written off (insurance fund paid \(money(m.insuranceFundUsed))), "
                + "\(money(m.underwaterDebt)) still underwater, short of its collateral by \(money(m.underwaterShortfall))",
            oracles,
        ]
    }

    static func formatted(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        // Int64(exactly:) is nil for a fraction, and for NaN, ±inf or beyond Int64 (a one-unit
        // pool moves by 1e20 %), which Int64(_:) would trap on.
        return Int64(exactly: rounded).map { String($0) } ?? String(rounded)
    }

    /// A money amount: to the cent from 1 up, else to four significant digits — in a numeraire
    /// such as ETH a gas bill of 0.003049 is not "0".
    static func amount(_ value: Double) -> String {
        guard value != 0, abs(value) < 1 else { return formatted(value) }
        return String(format: "%.4g", value)
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return formatted(value * 100) + " %"
    }
}
