import ProtocolModel

/// The spot-oracle borrowing attack: flash-borrow the funding asset, buy the collateral through
/// `legs` (the leg into the pool the market's oracle reads pushes the collateral's price up),
/// deposit everything the legs bought, borrow the maximum of `borrow` at the inflated price,
/// sell the borrowed asset back into the funding asset when they differ, repay the flash loan,
/// and — with `revertIfUnprofitable` — revert unless the funding-asset balance ends higher than
/// it began (on-chain balances, not reference prices; DESIGN.md §4). The position left behind
/// is under water at fair prices: the attacker walks away from it and the lenders bear the loss.
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
    public var revertIfUnprofitable: Bool

    public init(funding: AssetID, flashLoan: AttackFlashLoan?, legs: [AttackLeg], market: Int, collateral: AssetID,
                borrow: AssetID, sellBack: AttackLeg.Venue?, revertIfUnprofitable: Bool) {
        self.funding = funding
        self.flashLoan = flashLoan
        self.legs = legs
        self.market = market
        self.collateral = collateral
        self.borrow = borrow
        self.sellBack = sellBack
        self.revertIfUnprofitable = revertIfUnprofitable
    }

    /// The raw funding spent by the legs (the flash loan's principal).
    public var outlay: UInt128 { legs.reduce(0) { $0 + $1.amount } }

    /// The attack's one transaction.
    public func steps() -> [Step] {
        var steps: [Step] = []
        if let flashLoan, outlay > 0 {
            steps.append(.flashBorrow(provider: flashLoan.provider, asset: flashLoan.asset, amount: .exact(outlay)))
        }
        steps += legs.filter { $0.amount > 0 }.map(\.step)
        steps.append(.deposit(market: market, asset: collateral, amount: .received(collateral)))
        steps.append(.borrow(market: market, asset: borrow, amount: .maxBorrow(market: market, asset: borrow)))
        if borrow != funding, let sellBack { steps.append(sellBack.trade(.received(borrow))) }
        if let flashLoan, outlay > 0 {
            steps.append(.flashRepay(provider: flashLoan.provider, asset: flashLoan.asset,
                                     amount: .flashDebt(provider: flashLoan.provider, asset: flashLoan.asset)))
        }
        if revertIfUnprofitable { steps.append(.requireGain(asset: funding, atLeast: 0)) }
        return steps
    }
}
