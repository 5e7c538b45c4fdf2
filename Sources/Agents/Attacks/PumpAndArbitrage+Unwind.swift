import Foundation
import ProtocolModel

extension PumpAndArbitrage {
    /// One unwinding wake-up, decided on the sealed state (bZx #1's attacker redeemed its 112 WBTC
    /// over two days in 74 transactions, at 39.08 ETH/WBTC on average). It buys Y at the pool —
    /// the least of what it still owes beyond what it holds, what its spendable X pays for, and
    /// what keeps the pool's Y price at most (1 + slippage) × the reference price —, repays what
    /// it holds, and withdraws the collateral the smaller debt frees, which pays for the next
    /// purchase (a unit of Y repaid frees er/cf of X, more than it costs at the market price). When
    /// the purchase covers the debt (with a part per million for the interest accrued before the
    /// block) it repays it all and withdraws everything; it wakes again after `interval` and stops
    /// once it owes nothing (taking back any collateral left). The purchase's minimum output is
    /// the quoted amount: if the state moved before the block, the transaction reverts and the
    /// next wake-up tries again.
    func unwindDecision(_ view: AgentView, _ unwind: Unwind) -> AttackDecision {
        let state = view.state
        guard let debtSlot = state.markets[market].slot(of: borrow), let collateralSlot = state.markets[market].slot(of: funding) else {
            return AttackDecision(transactions: [], wakeAfter: nil)
        }
        let debt = state.debt(market: market, slot: debtSlot, account: account)
        let supplied = state.supplied(market: market, slot: collateralSlot, account: account)
        guard debt > 0 else {
            // The attack reverted, or the debt is repaid: take back any collateral left and stop.
            let steps: [Step] = supplied > 0 ? [.withdraw(market: market, asset: funding, amount: .exact(supplied))] : []
            return AttackDecision(transactions: steps.isEmpty ? [] : [steps], wakeAfter: nil)
        }
        // The debt grows by the interest accrued before the block: cover it with a part per million.
        let target = debt + debt / 1_000_000 + 1
        let held = state.ledger.balance(borrow, of: account)
        let wanted = target > held ? target - held : 0
        let purchase = wanted > 0 ? unwindPurchase(view, wanted: wanted, slippage: unwind.slippage) : nil
        let bought = purchase?.out ?? 0
        var steps: [Step] = []
        if let purchase {
            steps.append(.swap(pool: pool, zeroForOne: !borrowIsToken0, amountIn: .exact(purchase.in), minAmountOut: purchase.out))
        }
        if held + bought >= target {
            // Wake once more: collateral the supply interest added since the seal is withdrawn then.
            steps.append(.repay(market: market, asset: borrow, amount: .debt(market: market, asset: borrow)))
            steps.append(.withdraw(market: market, asset: funding, amount: .exact(supplied)))
            return AttackDecision(transactions: [steps], wakeAfter: unwind.interval)
        }
        guard held + bought > 0 else { return AttackDecision(transactions: [], wakeAfter: unwind.interval) }
        steps.append(.repay(market: market, asset: borrow, amount: .balance(borrow)))
        // What it will still owe, interest headroom included (positive: held + bought < target).
        let freed = freedCollateral(view, supplied: supplied, debt: debt, remaining: target - held - bought)
        if freed > 0 { steps.append(.withdraw(market: market, asset: funding, amount: .exact(freed))) }
        return AttackDecision(transactions: [steps], wakeAfter: unwind.interval)
    }

    /// The X to pay and the Y it buys at the pool now (exact Uniswap v2 quotes), or nil when the
    /// pool's price is already above the cap or nothing is affordable.
    private func unwindPurchase(_ view: AgentView, wanted: UInt128, slippage: Double) -> (in: UInt128, out: UInt128)? {
        let venue = view.state.pools[pool]
        let (reserveX, reserveY) = borrowIsToken0 ? (venue.pool.reserve1, venue.pool.reserve0) : (venue.pool.reserve0, venue.pool.reserve1)
        let (decimalsX, decimalsY) = borrowIsToken0 ? (venue.pool.decimals1, venue.pool.decimals0) : (venue.pool.decimals0, venue.pool.decimals1)
        // The capped price of Y in X, raw X per raw Y; without the fee the pool's raw price after
        // buying Δy is k/(y − Δy)², so Δy ≤ y − √(k / cap).
        let capPrice = view.usdPrice(borrow) / view.usdPrice(funding) * (1 + slippage) * pow(10, Double(decimalsX - decimalsY))
        let x = Double(reserveX), y = Double(reserveY)
        let floorY = (x * y / capPrice).squareRoot()
        guard capPrice.isFinite, capPrice > 0, floorY < y else { return nil }
        let byPrice = UInt128(y - floorY)
        let gasUnits = view.gas.units(of: Transaction(sender: account, agent: "", steps: [
            .swap(pool: pool, zeroForOne: !borrowIsToken0, amountIn: .exact(0), minAmountOut: 0),
            .repay(market: market, asset: borrow, amount: .balance(borrow)),
            .withdraw(market: market, asset: funding, amount: .exact(0)),
        ], submittedAt: view.time))
        let budget = view.spendable(funding, of: account, gasUnits: gasUnits, priorityFee: priorityFee)
        guard budget > 0,
              let affordable = try? ConstantProductPool.amountOut(amountIn: budget, reserveIn: reserveX, reserveOut: reserveY,
                                                                  feePips: venue.pool.feePips) else { return nil }
        let out = min(wanted, byPrice, affordable)
        guard out > 0,
              let cost = try? ConstantProductPool.amountIn(amountOut: out, reserveIn: reserveX, reserveOut: reserveY,
                                                           feePips: venue.pool.feePips), cost <= budget else { return nil }
        return (cost, out)
    }

    /// The raw X collateral the attacker may withdraw once its debt falls from `debt` to
    /// `remaining`: the supplied amount less what keeps `remaining` within the borrowing power,
    /// scaled from the position's current values (one collateral and one debt asset), less one
    /// part per million of headroom for the market's rounding.
    private func freedCollateral(_ view: AgentView, supplied: UInt128, debt: UInt128, remaining: UInt128) -> UInt128 {
        guard let values = try? view.state.accountValues(market: market, account: account, at: Int64(view.time.rounded(.down))),
              values.borrowingPower > 0,
              let remainingValue = try? FixedPoint.mulDiv(values.debt, remaining, debt, rounding: .up),
              let needed = try? FixedPoint.mulDiv(supplied, remainingValue, values.borrowingPower, rounding: .up) else { return 0 }
        let headroom = needed / 1_000_000 + 1
        return supplied > needed + headroom ? supplied - needed - headroom : 0
    }
}
