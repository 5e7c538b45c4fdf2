import ProtocolModel

/// The attacker's running cost breakdown (DESIGN.md §4), folded in block by block from the
/// executed steps of its own transactions; values in the numeraire at each block's reference
/// prices.
struct AttackAccounting {
    var executed = 0
    var reverted = 0
    var gasCost = 0.0
    var swapFees = 0.0
    /// Value given up on the attacker's own trades against reference prices, fees excluded.
    var priceImpactLoss = 0.0
    var flashLoanVolume = 0.0
    var flashLoanFees = 0.0
    var bribes = 0.0
    /// Peak own funds committed, over sealed blocks.
    var capital = 0.0
    /// Balances plus supplied collateral per asset at the start, raw units.
    var initialHeld: [UInt128] = []
    /// The attacker's margin positions' equity after the last block with margin steps, floored at
    /// zero per position (it can walk away), numeraire.
    var marginEquity = 0.0
    /// The rounding the cost's sums above have collected (every term added to a cost component).
    var costRounding = RoundingBound()

    /// Adds `value` to the cost component at `component`, and counts it into ``costRounding``;
    /// when `value` was computed from other values (`parts`), their magnitudes are counted too.
    mutating func addCost(_ value: Double, to component: WritableKeyPath<AttackAccounting, Double>, parts: Double...) {
        self[keyPath: component] += value
        costRounding.add(value)
        for part in parts { costRounding.add(part) }
    }
}

extension World {
    /// What the attacker holds of each asset at `time`: its balance plus what it has supplied to
    /// the markets where its position is above water at that time's reference prices (one under
    /// water is as good as lost: it walks away from it).
    func attackerHeld(_ account: AccountID, at time: Double) -> [UInt128] {
        // One copy of the world's state for the whole count (each read of the class's `state`
        // copies it: a retain and release of every buffer).
        let state = self.state
        var held = state.ledger.assets.indices.map { state.ledger.balance(AssetID($0), of: account) }
        for market in state.markets.indices where state.markets[market].positions[account] != nil {
            let position = lendingClaims(market: market, account: account)
            guard equity(position, at: time) >= 0 else { continue }
            for (asset, supplied) in zip(position.assets, position.supplied) { held[asset.index] += supplied }
        }
        return held
    }

    /// Folds one sealed block into the attacker's accounts.
    func accountAttack(_ receipt: BlockReceipt, at time: Double) {
        // NOTE: tested for nil before it is bound: binding copies the whole attacker first
        // (≈ 100 instructions a block without one).
        guard attacker != nil, let attacker else { return }
        guard receipt.outcomes.contains(where: { $0.sender == attacker.account }) else { return }
        // NOTE: one copy of the world's state for the block, not one at every valuation: each read
        // of the class's `state` copies it (a retain and release of every buffer). Made only when
        // the attacker sent something (perf, harvest-2020: 9 % of a replication).
        let state = self.state
        let native = chain.config.nativeAsset
        for entry in receipt.outcomes where entry.sender == attacker.account {
            switch entry.outcome {
            case .executed: attack.executed += 1
            case .reverted: attack.reverted += 1
            case .dropped: break
            }
            attack.addCost(valuation.value(entry.gasPaid, of: native, at: time, state: state), to: \.gasCost)
        }
        var flashFlows: [AssetID: Int128] = [:]
        var marginTraded = false
        for record in stepLog where record.executed && record.agent == attacker.tag {
            switch record.kind {
            case let kind where kind.isSwap:
                guard let input = record.assetIn, let output = record.assetOut else { continue }
                let paid = valuation.value(record.amountIn, of: input, at: time, state: state)
                let received = valuation.value(record.amountOut, of: output, at: time, state: state)
                let fee = state.swapFee(kind: record.kind, pool: record.pool, paid: paid, received: received)
                attack.addCost(fee, to: \.swapFees)
                attack.addCost(paid - fee - received, to: \.priceImpactLoss, parts: paid, received)
            case .flashBorrow:
                guard let asset = record.assetOut else { continue }
                attack.flashLoanVolume += valuation.value(record.amountOut, of: asset, at: time, state: state)
                flashFlows[asset, default: 0] -= Int128(record.amountOut)
            case .flashRepay:
                guard let asset = record.assetIn else { continue }
                flashFlows[asset, default: 0] += Int128(record.amountIn)
            case .openShort, .closeShort:
                // A margin trade: margin paid in, payout out, and the position's equity in between.
                marginTraded = true
                if let asset = record.assetIn { attack.addCost(valuation.value(record.amountIn, of: asset, at: time, state: state), to: \.priceImpactLoss) }
                if let asset = record.assetOut { attack.addCost(-valuation.value(record.amountOut, of: asset, at: time, state: state), to: \.priceImpactLoss) }
                // The venue's pool fee on the trade it made for the attacker is a swap fee, as on
                // the attacker's own swaps: moved out of the loss above, which includes it.
                if let sale = record.marginPoolSale(pools: state.pools) {
                    let fee = state.swapFee(kind: .swap, pool: record.pool,
                                            paid: valuation.value(sale.amount, of: sale.asset, at: time, state: state), received: 0)
                    attack.addCost(fee, to: \.swapFees)
                    attack.addCost(-fee, to: \.priceImpactLoss)
                }
            case .oracleUpdate:
                // A signed round the attacker submits carries its bribe to the feed's operator.
                guard let asset = record.assetIn else { continue }
                attack.addCost(valuation.value(record.amountIn, of: asset, at: time, state: state), to: \.bribes)
            default:
                continue
            }
        }
        // An executed transaction repaid every flash loan in full: repayments less principals are the fees.
        for (asset, fee) in flashFlows.sorted(by: { $0.key < $1.key }) {
            attack.addCost(signedValue(fee, of: asset, at: time), to: \.flashLoanFees)
        }
        if marginTraded {
            let equity = marginEquity(of: attacker.account, at: time)
            attack.addCost(-(equity - attack.marginEquity), to: \.priceImpactLoss, parts: equity, attack.marginEquity)
            attack.marginEquity = equity
        }
        let held = attackerHeld(attacker.account, at: time)
        let committed = held.indices.reduce(0.0) { total, index in
            let initial = attack.initialHeld[index]
            return initial > held[index] ? total + valuation.value(initial - held[index], of: AssetID(index), at: time, state: state) : total
        }
        attack.capital = max(attack.capital, committed)
    }

    /// The equity of `account`'s margin positions at reference prices, each floored at zero.
    func marginEquity(of account: AccountID, at time: Double) -> Double {
        state.marginVenues.reduce(0.0) { total, venue in
            guard let position = venue.positions[account] else { return total }
            return total + max(0, equity(position, at: venue, at: time))
        }
    }

    /// Fills the attack columns from the accounts and the attacker's P&L rows.
    func finishAttack(_ pnl: [PartyPnL]) {
        guard attacker != nil else { return }
        var rounding = attack.costRounding
        var net = 0.0
        for row in pnl where row.party == .attacker {
            net += row.value
            rounding.add(row.value)
        }
        let cost = attack.flashLoanFees + attack.swapFees + attack.gasCost + attack.bribes + attack.priceImpactLoss
        // The gross is the difference of two sums of valued terms, taken at different prices (the
        // cost at each block's, the net at the end's): an attack that took nothing leaves only
        // their roundings (±1e-14 ETH on a 14 ETH round trip), whose sign would count as a profit
        // or a loss half of the time. Within that rounding it is zero.
        let gross = rounding.zeroingResidue(net + cost)
        metrics.attackExecuted = attack.executed
        metrics.attackReverted = attack.reverted
        metrics.attackNetProfit = net
        metrics.attackCost = cost
        metrics.attackGrossProfit = gross
        metrics.attackCapital = attack.capital
        metrics.attackProfitToCost = cost != 0 ? gross / cost : nil
        metrics.flashLoanVolume = attack.flashLoanVolume
        metrics.flashLoanFees = attack.flashLoanFees
        metrics.attackSwapFees = attack.swapFees
        metrics.priceImpactLoss = attack.priceImpactLoss
        metrics.attackGasCost = attack.gasCost
        metrics.bribes = attack.bribes
    }
}
