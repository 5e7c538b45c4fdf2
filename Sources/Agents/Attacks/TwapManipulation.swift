import ProtocolModel

/// The multi-block TWAP attack (Inverse Finance, April 2022): with its own funds the attacker
/// buys the collateral in the pool a TWAP oracle reads, pushing its price to a target, and keeps
/// pushing it back there once a block for `holdBlocks` blocks (arbitrageurs sell it back down in
/// between); then it deposits all the collateral it holds and borrows the most of `funding` the
/// inflated TWAP allows.
///
/// Each wake-up's transaction goes as a bundle of a builder the attacker pays or to the public
/// mempool, as `bundles` says: one draw per wake-up made when the world is built (the share of
/// block builders the attacker can pay). In a block it buys, its push closes the block and is
/// sized when it runs, so the closing price the TWAP records is the target whatever arbitrageurs
/// sold earlier in the block; in the others it is sized on the sealed state and arbitrageurs'
/// sales can follow it. The earlier blocks' purchases cannot be reverted: with
/// `revertIfUnprofitable` the borrowing transaction reverts unless it brings in more `funding`
/// than the collateral deposited is worth at the reference prices the attacker sees when it
/// decides — walking away from the position must beat keeping the collateral. A failed attack
/// keeps the collateral it bought dear, or with `unwind` sells it back into the pool the next
/// block (recovering what the pushes paid when the price still stands at the target); a
/// completed one can still lose when holding cost more than the borrow brought.
public struct TwapManipulation: Sendable, Equatable {
    /// The attacker's account (its balances decide the purchase sizes and the final check).
    public var account: AccountID
    /// The pool the oracle reads.
    public var pool: Int
    /// Whether the collateral is the pool's token0.
    public var collateralIsToken0: Bool
    /// The pool's other token: what the pushes spend, the market lends and the check counts.
    public var funding: AssetID
    public var collateral: AssetID
    /// Lending-market index.
    public var market: Int
    /// Fractional move of the pool price above its price at the first wake-up (0.5: +50 %).
    public var push: Double
    /// Blocks over which the price is pushed (m).
    public var holdBlocks: Int
    /// Seconds between wake-ups (the chain's block time).
    public var blockTime: Double
    /// Per wake-up (holdBlocks pushes, the borrow, the unwind): sent as a private bundle.
    public var bundles: [Bool]
    public var revertIfUnprofitable: Bool
    /// Sell the collateral still held back into the pool the block after the borrow (when the
    /// borrow reverted).
    public var unwind: Bool
    /// Wake-ups so far.
    public private(set) var wakes = 0
    /// Target price, whole `funding` per whole `collateral` (set at the first wake-up).
    public private(set) var target: Double?

    public init(account: AccountID, pool: Int, collateralIsToken0: Bool, funding: AssetID, collateral: AssetID, market: Int,
                push: Double, holdBlocks: Int, blockTime: Double, bundles: [Bool], revertIfUnprofitable: Bool, unwind: Bool) {
        precondition(bundles.count == holdBlocks + 2, "one bundle draw per wake-up")
        self.account = account
        self.pool = pool
        self.collateralIsToken0 = collateralIsToken0
        self.funding = funding
        self.collateral = collateral
        self.market = market
        self.push = push
        self.holdBlocks = holdBlocks
        self.blockTime = blockTime
        self.bundles = bundles
        self.revertIfUnprofitable = revertIfUnprofitable
        self.unwind = unwind
    }

    /// Relative shortfall from the target below which a block needs no push (10 bp): the sized
    /// push lands a hair under the target, and dust trades would only burn gas.
    static let pushTolerance = 1e-3

    /// One wake-up: a push while blocks remain, then the borrow, then (with `unwind`) the sale of
    /// any collateral the attacker still holds.
    /// - Complexity: O(1).
    mutating func decide(_ view: AgentView) -> AttackDecision {
        if target == nil { target = collateralPrice(view) * (1 + push) }
        let wake = wakes
        wakes += 1
        let isPrivate = bundles[wake]
        if wake < holdBlocks {
            if isPrivate, let target {
                // A block whose builder it pays: its push closes the block, sized when it runs, so
                // the block's closing price — what the TWAP records — is the target whatever the
                // arbitrageurs sold before it.
                let price0 = collateralIsToken0 ? target : 1 / target
                let push = Step.swap(pool: pool, zeroForOne: !collateralIsToken0,
                                     amountIn: .toPrice(pool: pool, price0: price0, zeroForOne: !collateralIsToken0), minAmountOut: 0)
                return AttackDecision(transactions: [[push]], wakeAfter: blockTime, isPrivate: true, closesBlock: true)
            }
            let steps = pushStep(view).map { [[$0]] } ?? []
            return AttackDecision(transactions: steps, wakeAfter: blockTime, isPrivate: false)
        }
        let collateralHeld = view.state.ledger.balance(collateral, of: account)
        guard wake == holdBlocks else {
            // The borrow reverted (or the attacker held collateral besides): sell it back.
            let sale: [[Step]] = collateralHeld > 0
                ? [[.swap(pool: pool, zeroForOne: collateralIsToken0, amountIn: .balance(collateral), minAmountOut: 0)]] : []
            return AttackDecision(transactions: sale, wakeAfter: nil, isPrivate: isPrivate)
        }
        var steps: [Step] = [.deposit(market: market, asset: collateral, amount: .balance(collateral)),
                             .borrow(market: market, asset: funding, amount: .maxBorrow(market: market, asset: funding))]
        if revertIfUnprofitable {
            // The pushes are sunk: borrowing pays when it brings more than the collateral is worth.
            let worth = view.valuation.value(collateralHeld, of: collateral, at: view.time, state: view.state)
            steps.append(.requireGain(asset: funding, atLeast: view.rawUnits(worth: worth, of: funding)))
        }
        return AttackDecision(transactions: [steps], wakeAfter: unwind ? blockTime : nil, isPrivate: isPrivate)
    }

    /// The pool's sealed price of the collateral, whole `funding` per whole `collateral`.
    private func collateralPrice(_ view: AgentView) -> Double {
        let spot = view.state.pools[pool].pool.spotPrice
        return collateralIsToken0 ? spot : 1 / spot
    }

    /// The swap that moves the sealed pool to the target (within its fee band), capped by what the
    /// attacker can spend; nil when the price is within ``pushTolerance`` of the target already or
    /// nothing can be spent.
    private func pushStep(_ view: AgentView) -> Step? {
        guard let target, collateralPrice(view) < target * (1 - Self.pushTolerance) else { return nil }
        // Price of token0 in token1 the push aims at; buying token0 means selling token1.
        let price0 = collateralIsToken0 ? target : 1 / target
        guard let trade = view.state.pools[pool].pool.arbitrage(towards: price0), trade.zeroForOne != collateralIsToken0
        else { return nil }
        let gas = view.gas.base + view.gas.units(of: .swap)
        let amount = min(trade.amountIn, view.spendable(funding, of: account, gasUnits: gas, priorityFee: 0))
        guard amount > 0 else { return nil }
        return .swap(pool: pool, zeroForOne: trade.zeroForOne, amountIn: .exact(amount), minAmountOut: 0)
    }
}
