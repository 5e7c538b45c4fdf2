import ProtocolModel

/// The spot-oracle borrowing attack: flash-borrow the funding asset, buy the collateral through
/// `legs` (the leg into the pool the market's oracle reads pushes the collateral's price up),
/// deposit everything the legs bought, borrow the maximum of `borrow` at the inflated price,
/// sell the borrowed asset back into the funding asset when they differ, repay the flash loan,
/// and — with `revertIfUnprofitable` — revert unless the funding-asset balance ends higher than
/// it began (on-chain balances, not reference prices; DESIGN.md §4). The position left behind
/// is under water at fair prices: the attacker walks away from it and the lenders bear the loss.
///
/// With `provision` (Cheese Bank, Warp Finance) the collateral is the LP share of a pool whose
/// LP oracle values it from the pool's reserves: the legs buy the pool's other token, which is
/// added to the pool with funding to mint the shares deposited; then a pump of funding into
/// the same pool inflates the shares' oracle value before the borrow, and the tokens the pump
/// bought are sold back into the pool after it.
public struct SpotOracleBorrow: Sendable, Equatable {
    /// The asset the legs spend and the profit is counted in.
    public var funding: AssetID
    /// The flash loan of `funding` covering the legs; nil to pay them from the attacker's own balance.
    public var flashLoan: AttackFlashLoan?
    public var legs: [AttackLeg]
    /// Lending-market index.
    public var market: Int
    public var collateral: AssetID
    public var borrow: AssetID
    /// Where `borrow` is sold for `funding`, when they differ.
    public var sellBack: AttackLeg.Venue?
    /// The LP-collateral form's liquidity provision and pump; nil for a plain token collateral.
    public var provision: LiquidityProvision?
    public var revertIfUnprofitable: Bool

    public init(funding: AssetID, flashLoan: AttackFlashLoan?, legs: [AttackLeg], market: Int, collateral: AssetID,
                borrow: AssetID, sellBack: AttackLeg.Venue?, provision: LiquidityProvision? = nil, revertIfUnprofitable: Bool) {
        self.funding = funding
        self.flashLoan = flashLoan
        self.legs = legs
        self.market = market
        self.collateral = collateral
        self.borrow = borrow
        self.sellBack = sellBack
        self.provision = provision
        self.revertIfUnprofitable = revertIfUnprofitable
    }

    /// The raw funding the transaction lays out (the flash loan's principal): the legs, and the
    /// provision's pairing and pump.
    public var outlay: UInt128 { legs.reduce(0) { $0 + $1.amount } + (provision.map { $0.pairing + $0.pump } ?? 0) }

    /// The attack's one transaction.
    public func steps() -> [Step] {
        var steps: [Step] = []
        if let flashLoan, outlay > 0 {
            steps.append(.flashBorrow(provider: flashLoan.provider, asset: flashLoan.asset, amount: .exact(outlay)))
        }
        steps += legs.filter { $0.amount > 0 }.map(\.step)
        if let provision { steps.append(provision.mint) }
        steps.append(.deposit(market: market, asset: collateral, amount: .received(collateral)))
        if let provision { steps.append(provision.pumpStep) }
        steps.append(.borrow(market: market, asset: borrow, amount: .maxBorrow(market: market, asset: borrow)))
        if let provision { steps.append(provision.unpumpStep) }
        if borrow != funding, let sellBack { steps.append(sellBack.trade(.received(borrow))) }
        if let flashLoan, outlay > 0 {
            steps.append(.flashRepay(provider: flashLoan.provider, asset: flashLoan.asset,
                                     amount: .flashDebt(provider: flashLoan.provider, asset: flashLoan.asset)))
        }
        if revertIfUnprofitable { steps.append(.requireGain(asset: funding, atLeast: 0)) }
        return steps
    }
}

/// The LP-collateral form of ``SpotOracleBorrow``: which pool's shares are minted and deposited,
/// and how much funding pairs the bought tokens and pumps the pool.
public struct LiquidityProvision: Sendable, Equatable {
    /// The pool whose LP shares are the collateral (index into ``ProtocolState/pools``).
    public var pool: Int
    /// Whether the funding asset is the pool's token0.
    public var fundingIsToken0: Bool
    /// The pool's other token: what the legs buy and the pump buys.
    public var other: AssetID
    /// Raw funding offered to pair the bought tokens; the pool takes what matches its price
    /// (Uniswap v2 `mint`), the rest stays with the attacker.
    public var pairing: UInt128
    /// Raw funding sold into the pool after the deposit, lifting the shares' naive value.
    public var pump: UInt128

    public init(pool: Int, fundingIsToken0: Bool, other: AssetID, pairing: UInt128, pump: UInt128) {
        self.pool = pool
        self.fundingIsToken0 = fundingIsToken0
        self.other = other
        self.pairing = pairing
        self.pump = pump
    }

    /// Adds everything the legs bought of the other token, with up to `pairing` of funding.
    var mint: Step {
        let offered = Amount.exact(pairing), bought = Amount.received(other)
        return .addLiquidity(pool: pool, amount0: fundingIsToken0 ? offered : bought, amount1: fundingIsToken0 ? bought : offered)
    }

    /// Sells `pump` of funding into the pool.
    var pumpStep: Step {
        .swap(pool: pool, zeroForOne: fundingIsToken0, amountIn: .exact(pump), minAmountOut: 0)
    }

    /// Sells back what the attacker now holds of the other token beyond its holdings at the start.
    var unpumpStep: Step {
        .swap(pool: pool, zeroForOne: !fundingIsToken0, amountIn: .received(other), minAmountOut: 0)
    }
}
