extension WorldBuilder {
    /// Notes for liquidators that cannot act as set up, said once at build instead of leaving a
    /// run with no liquidation and no word: none of the market's debt assets in their capital and
    /// no flash-loan funding (nothing to repay with); no native asset while gas costs something
    /// (they cannot pay for a transaction); a fixed-bonus market whose every collateral pays
    /// bonus 0 (a liquidation never covers its gas, so only `sell_at_loss` liquidators act).
    static func liquidatorNotes(_ spec: LiquidatorSpec, scenario: Scenario) -> [String] {
        guard spec.count > 0, let market = scenario.lendingMarkets.first(where: { $0.id == spec.market }) else { return [] }
        let held = Set(spec.capital.filter { $0.amount.upperBound > 0 }.map(\.symbol))
        var notes: [String] = []
        let debtAssets = market.assets.filter(\.borrowable).map(\.symbol)
        if spec.flashLoanProvider == nil, !debtAssets.isEmpty, held.isDisjoint(with: debtAssets) {
            notes.append("liquidators of \(market.id) hold none of its borrowable assets (\(debtAssets.joined(separator: ", "))) "
                         + "and have no flash-loan funding: they never liquidate (give them capital in a debt asset)")
        }
        let native = scenario.chain.nativeAsset
        if !held.contains(native), scenario.chain.gasPrice != .constant(gwei: 0) || spec.priorityFee > 0 {
            notes.append("liquidators of \(market.id) hold no \(native) to pay gas: they cannot pay for a transaction, "
                         + "so they never liquidate (give them \(native) capital)")
        }
        let collateral = market.assets.filter { $0.liquidationThreshold > 0 }
        if market.liquidation == .fixedBonus, !collateral.isEmpty, collateral.allSatisfy({ $0.bonus == 0 }), !spec.sellsAtLoss {
            notes.append("\(market.id)'s collateral pays no liquidation bonus (bonus 0, the default): a liquidation never covers "
                         + "its gas, so its liquidators stand aside (set `bonus`, or `sell_at_loss: true`)")
        }
        return notes
    }
}
