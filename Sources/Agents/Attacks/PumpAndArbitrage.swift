import ProtocolModel

/// bZx #1's "pump attack and arbitrage" (Qin et al., FC 2021, §4.2 and App. D): in one
/// transaction, flash-borrow X; deposit `collateralAmount` of X in a lending market whose oracle
/// the pool does not move and borrow Y against it; open a leveraged short at a margin venue with
/// `margin` of X — the venue sells margin·ℓ/ocr of X through the pool, pumping Y's price there;
/// sell the borrowed Y into the pumped pool for X; repay the flash loan; with
/// `revertIfUnprofitable`, revert unless the X balance ends higher than it began (on-chain
/// balances; DESIGN.md §4).
///
/// The Y debt stays behind, backed by the X collateral. With `unwind` the attacker later buys Y
/// back at the pool (once arbitrageurs have restored its price), repays and withdraws the
/// collateral (``PumpAndArbitrage/Unwind``); without it the P&L values the position at the end
/// reference prices, which is the paper's objective.
public struct PumpAndArbitrage: Sendable, Equatable {
    /// How the attacker unwinds the Y debt after the attack, one transaction per wake-up.
    public struct Unwind: Sendable, Equatable {
        /// Seconds between the attack and the first unwinding wake-up, and between wake-ups.
        public var interval: Double
        /// Largest premium over the reference price a purchase may push the pool's Y price to
        /// (a fraction: 0.05 stops buying at 1.05 × the reference price of Y in X).
        public var slippage: Double

        public init(interval: Double, slippage: Double) {
            self.interval = interval
            self.slippage = slippage
        }
    }

    /// The attacker's account (the unwinding reads its position).
    public var account: AccountID
    /// The asset flash-borrowed, deposited and posted as margin (ETH in bZx #1).
    public var funding: AssetID
    /// The asset borrowed and dumped into the pumped pool (WBTC in bZx #1).
    public var borrow: AssetID
    /// The flash loan of `funding`; nil to pay from the attacker's own balance.
    public var flashLoan: AttackFlashLoan?
    /// Lending-market index.
    public var market: Int
    /// Raw `funding` deposited as collateral (p1).
    public var collateralAmount: UInt128
    /// Raw `borrow` to borrow; nil for the most the market allows.
    public var borrowAmount: UInt128?
    /// Margin-venue index.
    public var marginVenue: Int
    /// Raw `funding` posted as margin (p2).
    public var margin: UInt128
    /// The pool the borrowed asset is sold into (the venue's own pool in bZx #1).
    public var pool: Int
    /// Whether `borrow` is the pool's token0 (selling it is then a zero-for-one swap).
    public var borrowIsToken0: Bool
    public var revertIfUnprofitable: Bool
    /// nil: the debt position stays open.
    public var unwind: Unwind?
    /// The attacker's priority fee, wei per gas unit (the unwinding keeps gas money back).
    public var priorityFee: UInt64
    /// Whether the attack transaction has been sent (later wake-ups unwind).
    public private(set) var attacked = false

    public init(account: AccountID, funding: AssetID, borrow: AssetID, flashLoan: AttackFlashLoan?, market: Int,
                collateralAmount: UInt128, borrowAmount: UInt128?, marginVenue: Int, margin: UInt128, pool: Int,
                borrowIsToken0: Bool, revertIfUnprofitable: Bool, unwind: Unwind?, priorityFee: UInt64) {
        self.account = account
        self.funding = funding
        self.borrow = borrow
        self.flashLoan = flashLoan
        self.market = market
        self.collateralAmount = collateralAmount
        self.borrowAmount = borrowAmount
        self.marginVenue = marginVenue
        self.margin = margin
        self.pool = pool
        self.borrowIsToken0 = borrowIsToken0
        self.revertIfUnprofitable = revertIfUnprofitable
        self.unwind = unwind
        self.priorityFee = priorityFee
    }

    /// The raw funding the attack spends: collateral plus margin (the flash loan's principal;
    /// both are at most 2^112 when a scenario loads, so the sum fits).
    public var outlay: UInt128 { collateralAmount + margin }

    /// The attack's one transaction.
    public func steps() -> [Step] {
        var steps: [Step] = []
        if let flashLoan {
            steps.append(.flashBorrow(provider: flashLoan.provider, asset: flashLoan.asset, amount: .exact(outlay)))
        }
        steps.append(.deposit(market: market, asset: funding, amount: .exact(collateralAmount)))
        steps.append(.borrow(market: market, asset: borrow,
                             amount: borrowAmount.map(Amount.exact) ?? .maxBorrow(market: market, asset: borrow)))
        steps.append(.openShort(venue: marginVenue, margin: .exact(margin)))
        steps.append(.swap(pool: pool, zeroForOne: borrowIsToken0, amountIn: .received(borrow), minAmountOut: 0))
        if let flashLoan {
            steps.append(.flashRepay(provider: flashLoan.provider, asset: flashLoan.asset,
                                     amount: .flashDebt(provider: flashLoan.provider, asset: flashLoan.asset)))
        }
        if revertIfUnprofitable { steps.append(.requireGain(asset: funding, atLeast: 0)) }
        return steps
    }

    /// The first wake-up sends the attack; later ones (with `unwind`) unwind the debt.
    mutating func decide(_ view: AgentView) -> AttackDecision {
        guard attacked else {
            attacked = true
            return AttackDecision(transactions: [steps()], wakeAfter: unwind?.interval)
        }
        guard let unwind else { return AttackDecision(transactions: [], wakeAfter: nil) }
        return unwindDecision(view, unwind)
    }
}
