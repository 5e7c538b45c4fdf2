extension Scenario {
    /// A market's `liquidation:` and defence keys in ``resolvedYAML()`` (nothing for a
    /// fixed-bonus market without defences).
    static func renderedDefences(_ market: LendingMarketSpec) -> [String] {
        var lines: [String] = []
        if case .dutchAuction(let auction) = market.liquidation {
            lines.append("    liquidation: {mechanism: dutch-auction, start_premium: \(number(auction.startPremium)), "
                         + "duration: \(seconds(auction.duration)), tail: \(seconds(auction.tail)), cusp: \(number(auction.cusp))}")
        }
        if case .englishAuction(let auction) = market.liquidation { lines.append(renderedEnglishAuction(auction)) }
        if let breaker = market.defences.circuitBreaker {
            var fields = breaker.oracle.map { ["oracle: \($0)"] } ?? []
            let paused = [breaker.pauseBorrow ? "borrow" : nil, breaker.pauseLiquidate ? "liquidate" : nil].compactMap { $0 }
            fields += ["threshold: \(number(breaker.threshold))", "window: \(seconds(breaker.window))",
                       "cooldown: \(seconds(breaker.cooldown))", "pause: [\(paused.joined(separator: ", "))]"]
            lines.append("    circuit_breaker: {\(fields.joined(separator: ", "))}")
        }
        if let cap = market.defences.liquidationCap {
            let fields = [cap.perBlock.map { "per_block: \(number($0))" }, cap.count.map { "count: \($0)" },
                          cap.perAccount.map { "per_account: \($0)" }].compactMap { $0 }
            lines.append("    liquidation_cap: {\(fields.joined(separator: ", "))}")
        }
        if let dynamic = market.defences.dynamicCollateral {
            lines.append("    dynamic_collateral_factor: {halflife: \(seconds(dynamic.halflife)), "
                         + "target_volatility: \(number(dynamic.targetVolatility)), min_factor: \(number(dynamic.minFactor))}")
        }
        return lines
    }

    static func render(_ interest: InterestSpec) -> String {
        "{base: \(number(interest.base)), slope1: \(number(interest.slope1)), slope2: \(number(interest.slope2)), kink: \(number(interest.kink))}"
    }
}
