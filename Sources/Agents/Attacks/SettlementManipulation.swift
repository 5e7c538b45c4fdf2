import ProtocolModel

/// The settlement-manipulation attack on an option vault (issue 7): buy options, then move the
/// pool the settlement oracle reads around expiry so that they settle deep in the money.
///
/// Phase 1 (first wake-up): buy `contracts` of series `series` at the vault's ask, in the public
/// mempool. Phase 2 targets the first block at or after expiry, B. With `holdBlocks` = 0 it sends
/// one private transaction into B: an optional flash loan of the asset it sells, the push (`amount`
/// of it, or up to `targetPrice`) into `pool`, `.settleOptions`, the sale back of what the push
/// bought (and, for a put, of the payout too: the profit is counted in the sold asset), the
/// repayment, and with `revertIfUnprofitable` a ``Step/requireGain(asset:atLeast:)`` on the sold
/// asset. With `holdBlocks` > 0 (a TWAP settlement oracle) it pushes the pool to `targetPrice` with
/// its own funds in each of the `holdBlocks` blocks before B, closing each block (as
/// ``TwapManipulation`` does), and in B settles and sells back everything the pushes bought. A
/// call is pumped (the sold asset is the collateral, buying the underlying); a put is dumped.
public struct SettlementManipulation: Sendable, Equatable {
    /// The attacker's account.
    public var account: AccountID
    /// Option-vault index and series index.
    public var vault: Int
    public var series: Int
    /// Raw contracts bought in phase 1 (raw units of the underlying).
    public var contracts: UInt128
    /// The most the purchase may cost, collateral raw units.
    public var maxPremium: UInt128
    /// The pool the settlement oracle reads.
    public var pool: Int
    /// Raw units of the sold asset pushed in (the flash loan's principal when `flashLoan` is set);
    /// with `targetPrice` the push stops at that price and this is only a cap.
    public var amount: UInt128
    /// Price the push aims at, whole collateral per whole underlying; nil: push exactly `amount`.
    public var targetPrice: Double?
    /// Blocks before expiry over which the price is held (a TWAP); 0: one transaction after expiry.
    public var holdBlocks: Int
    /// The series' expiry and the chain's block time, seconds.
    public var expiry: Double
    public var blockTime: Double
    /// The flash loan financing the push in the settlement transaction; its asset is the sold one.
    public var flashLoan: AttackFlashLoan?
    public var revertIfUnprofitable: Bool
    /// Whether the series is a call (pump) or a put (dump).
    public var isCall: Bool
    public var underlying: AssetID
    public var collateral: AssetID
    /// Whether the pool's token0 is the underlying.
    public var underlyingIsToken0: Bool
    /// Wake-ups so far.
    public private(set) var wakes = 0
    /// The attacker's balance of the bought asset at the first push (what the final sale keeps).
    public private(set) var boughtBefore: UInt128?

    public init(account: AccountID, vault: Int, series: Int, contracts: UInt128, maxPremium: UInt128 = .max, pool: Int,
                amount: UInt128, targetPrice: Double?, holdBlocks: Int, expiry: Double, blockTime: Double,
                flashLoan: AttackFlashLoan?, revertIfUnprofitable: Bool, isCall: Bool, underlying: AssetID, collateral: AssetID,
                underlyingIsToken0: Bool) {
        precondition(holdBlocks == 0 || targetPrice != nil, "holding the price over blocks needs a target price")
        precondition(blockTime > 0, "a positive block time")
        self.account = account
        self.vault = vault
        self.series = series
        self.contracts = contracts
        self.maxPremium = maxPremium
        self.pool = pool
        self.amount = amount
        self.targetPrice = targetPrice
        self.holdBlocks = holdBlocks
        self.expiry = expiry
        self.blockTime = blockTime
        self.flashLoan = flashLoan
        self.revertIfUnprofitable = revertIfUnprofitable
        self.isCall = isCall
        self.underlying = underlying
        self.collateral = collateral
        self.underlyingIsToken0 = underlyingIsToken0
    }

    /// The asset the push sells (collateral to pump a call, underlying to dump a put) and the one
    /// it buys.
    public var sold: AssetID { isCall ? collateral : underlying }
    public var bought: AssetID { isCall ? underlying : collateral }
    /// The push's direction in the pool.
    var zeroForOne: Bool { underlyingIsToken0 != isCall }

    /// Timestamp of the first block at or after expiry (blocks at k·blockTime).
    public var settlementBlock: Double { (expiry / blockTime).rounded(.up) * blockTime }

    /// When wake-up `wake` (≥ 1) happens: the i-th push one block before the block it closes, the
    /// settlement one block before `settlementBlock`.
    public func wakeTime(_ wake: Int) -> Double {
        settlementBlock - Double(holdBlocks + 2 - wake) * blockTime
    }

    /// Phase 1: the purchase.
    public func purchase() -> [Step] {
        [.buyOption(vault: vault, series: series, contracts: .exact(contracts), maxPremium: maxPremium)]
    }

    /// The push into the pool: `amount`, or up to `targetPrice` (capped by the balance).
    public func push() -> Step {
        guard let targetPrice else { return .swap(pool: pool, zeroForOne: zeroForOne, amountIn: .exact(amount), minAmountOut: 0) }
        let price0 = underlyingIsToken0 ? targetPrice : 1 / targetPrice
        return .swap(pool: pool, zeroForOne: zeroForOne, amountIn: .toPrice(pool: pool, price0: price0, zeroForOne: zeroForOne),
                     minAmountOut: 0)
    }

    /// The settlement transaction: [flash loan, push] (when nothing was held), settle, sell back,
    /// [repay], [gain check]. `keep` is the bought-asset balance the sale back leaves (nil: it sells
    /// what this transaction received).
    public func settlement(keep: UInt128?) -> [Step] {
        var steps: [Step] = []
        let pushes = holdBlocks == 0
        if pushes, let flashLoan {
            steps.append(.flashBorrow(provider: flashLoan.provider, asset: flashLoan.asset, amount: .exact(amount)))
        }
        if pushes { steps.append(push()) }
        steps.append(.settleOptions(vault: vault, series: series))
        let back: Amount = keep.map { .balanceAbove(bought, keep: $0) } ?? .received(bought)
        steps.append(.swap(pool: pool, zeroForOne: !zeroForOne, amountIn: back, minAmountOut: 0))
        if pushes, let flashLoan {
            steps.append(.flashRepay(provider: flashLoan.provider, asset: flashLoan.asset,
                                     amount: .flashDebt(provider: flashLoan.provider, asset: flashLoan.asset)))
        }
        if revertIfUnprofitable { steps.append(.requireGain(asset: sold, atLeast: 0)) }
        return steps
    }

    /// One wake-up: the purchase, then the pushes, then the settlement. O(1).
    mutating func decide(_ view: AgentView) -> AttackDecision {
        let wake = wakes
        wakes += 1
        if wake == 0 {
            return AttackDecision(transactions: [purchase()], wakeAfter: max(0, wakeTime(1) - view.time), isPrivate: false)
        }
        if wake <= holdBlocks {
            if boughtBefore == nil { boughtBefore = view.state.ledger.balance(bought, of: account) }
            return AttackDecision(transactions: [[push()]], wakeAfter: max(0, wakeTime(wake + 1) - view.time), isPrivate: true,
                                  closesBlock: true)
        }
        guard wake == holdBlocks + 1 else { return AttackDecision(transactions: [], wakeAfter: nil) }
        return AttackDecision(transactions: [settlement(keep: boughtBefore)], wakeAfter: nil, isPrivate: true)
    }
}
