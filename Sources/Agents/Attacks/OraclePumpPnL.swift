import ProtocolModel

/// Mango Markets (Oct 2022): trade a large perp position between two wallets the attacker
/// controls, pump the thin spot markets the perp's oracle reads, and borrow everything the long
/// wallet's unrealised PnL allows, then walk away.
///
/// Wake-up 0: fund the short wallet A and the attacker's own (long) account with `deposit` quote
/// each, and take A's signed order: buy `size` base at `price` (the mark the attacker sees when
/// nil — the pre-attack price). Wake-ups 1…`pumpBlocks`: buy the spot legs, each split evenly
/// over the blocks (the last block takes the remainder), one transaction per block. Last
/// wake-up: borrow the market's quote up to the long account's initial health; with
/// `revertIfUnprofitable` the borrow reverts unless it brings back at least everything put in
/// (both deposits and the spot spend; on-chain balances). Nothing after the fill is sent when
/// the fill did not execute, and nothing at all when `price` is nil and the oracle cannot answer.
public struct OraclePumpPnL: Sendable, Equatable {
    /// Perp-market index.
    public var market: Int
    /// The short wallet A: its account in the market delegates to the attacker.
    public var wallet: AccountID
    /// The market's quote asset (deposits, spot spending, the loan).
    public var quote: AssetID
    /// Quote deposited into each wallet, raw units.
    public var deposit: UInt128
    /// Base bought from A, raw units.
    public var size: UInt128
    /// The fill's price, wad quote per base; nil: the mark at the first wake-up.
    public var price: UInt128?
    /// The spot purchases, totals over the whole pump (raw quote each).
    public var legs: [AttackLeg]
    /// Blocks the pump is spread over (≥ 1).
    public var pumpBlocks: Int
    /// Seconds between wake-ups (the chain's block time).
    public var blockTime: Double
    public var revertIfUnprofitable: Bool
    /// Wake-ups done so far.
    public private(set) var stage = 0

    public init(market: Int, wallet: AccountID, quote: AssetID, deposit: UInt128, size: UInt128, price: UInt128?, legs: [AttackLeg],
                pumpBlocks: Int, blockTime: Double, revertIfUnprofitable: Bool) {
        precondition(pumpBlocks >= 1, "the pump takes at least one block")
        self.market = market
        self.wallet = wallet
        self.quote = quote
        self.deposit = deposit
        self.size = size
        self.price = price
        self.legs = legs
        self.pumpBlocks = pumpBlocks
        self.blockTime = blockTime
        self.revertIfUnprofitable = revertIfUnprofitable
    }

    /// Quote put in: both deposits and every leg, raw units.
    public var outlay: UInt128 { legs.reduce(2 * deposit) { $0 + $1.amount } }

    /// The transactions of the wake-up at `view.time` and when to wake next.
    mutating func decide(_ view: AgentView, account: AccountID) -> AttackDecision {
        defer { stage += 1 }
        switch stage {
        case 0:
            guard let mark = price ?? (try? view.state.readOracle(view.state.perpMarkets[market].oracle, at: Int64(view.time)).value) else {
                return AttackDecision(transactions: [], wakeAfter: nil)  // no mark to trade at: the attack does not start
            }
            return AttackDecision(transactions: [[
                .perpDeposit(market: market, account: wallet, amount: .exact(deposit)),
                .perpDeposit(market: market, account: account, amount: .exact(deposit)),
                .perpTrade(market: market, counterparty: wallet, base: size, price: mark, buy: true),
            ]], wakeAfter: blockTime)
        case let block where block <= pumpBlocks:
            guard view.state.perpAccount(market: market, account: account).base > 0 else { return AttackDecision(transactions: [], wakeAfter: nil) }
            let steps = legs.compactMap { leg -> Step? in
                let share = leg.amount / UInt128(pumpBlocks)
                let amount = block == pumpBlocks ? leg.amount - share * UInt128(pumpBlocks - 1) : share
                return amount > 0 ? leg.venue.trade(.exact(amount)) : nil
            }
            return AttackDecision(transactions: steps.isEmpty ? [] : [steps], wakeAfter: blockTime)
        default:
            var steps: [Step] = [.perpBorrow(market: market, amount: .perpMaxBorrow(market: market))]
            if revertIfUnprofitable { steps.append(.requireGain(asset: quote, atLeast: outlay)) }
            return AttackDecision(transactions: [steps], wakeAfter: nil)
        }
    }
}
