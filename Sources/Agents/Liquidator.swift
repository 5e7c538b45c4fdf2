import GSL
import ProtocolModel

/// Repays the debt of unhealthy accounts in one lending market for their collateral at the
/// liquidation bonus, and sells the seized collateral in the same transaction through the pool that pays most for it —
/// the cascade channel: the sale moves the pool, and with it any spot or TWAP oracle on it.
///
/// After every sealed block it wakes once, after a reaction latency drawn from its
/// distribution. When the last base gas price is above its cap it does nothing (the Black
/// Thursday failure), and its transactions still waiting in the mempool wait while the base
/// price stays above the cap (``Transaction/baseFeeCap``). Otherwise it takes the market's accounts with health below 1 from the
/// core's liquidation index (`accountsBelowHealth`, worst health first), and for each quotes a liquidation of up to the close factor, limited by
/// its own balance of the debt asset (capital spent on earlier liquidations of the same wake-up
/// is not counted twice; one that sells at a loss counts what their sales are expected to
/// return, ``ProposedSales``), and quotes each sale on the pools as its earlier sales of the
/// wake-up leave them. Liquidators waking after the same block share one index answer
/// (``SealedStateQueries``). It reads the mempool: an account whose liquidations already pending
/// ahead of its own fill the market's per-account (or count) cap for the block is left alone,
/// since its transaction could only revert, and so is one whose own liquidation is still pending
/// (``PendingLiquidations``). It submits `liquidate` + `swap` when the sale of the seized collateral
/// on those reserves beats the repayment by more than gas plus `minProfit`; the swap's
/// minimum output is the repayment, so the transaction reverts (costing only gas) rather than
/// lose capital when the pool moved first. With `funding: .flashLoan` it needs no capital of the
/// debt asset: it flash-borrows the repayment and repays loan + fee from the sale in the same
/// transaction; the fee counts against the profit (Liquidator+FlashLoan.swift).
public final class Liquidator {
    public let name: String
    /// The name its transactions carry in the event log.
    public let tag: AgentTag
    public let account: AccountID
    /// Index of the lending market it watches.
    public let market: Int
    /// Reaction latency after a sealed block, seconds.
    public let latency: Distribution
    /// Base gas price above which it does nothing, wei per gas (nil: no cap).
    public let gasPriceCap: UInt64?
    /// Required profit beyond gas, USD at reference prices.
    public let minProfit: Double
    /// Priority fee, wei per gas.
    public let priorityFee: UInt64
    /// How it pays the debt it repays.
    public let funding: LiquidatorFunding
    /// Liquidates whatever it can pay for and sells the seizure at any price (the peer models'
    /// liquidators), instead of only when the sale beats repayment and gas; the proceeds of its
    /// sales fund its next liquidations of the same block.
    public let sellsAtLoss: Bool
    /// In an English-auction market: the fraction below the lot's oracle value it bids, in
    /// [0, 1] (Liquidator+EnglishAuction.swift).
    public let bidMargin: Double
    /// In an English-auction market: opens every auction with a bid of 0 and never raises.
    public let zeroBidder: Bool
    let stream: RandomStream
    /// The latest its reaction delay can be, seconds (``latestDelay(_:)``: +∞ unless its latency
    /// is uniform).
    public let latestReactionDelay: Double
    /// Reaction delays passed over (``deferReactionDelay()``), drawn before the next one taken.
    @usableFromInline var deferredDelays = 0
    /// Number of liquidation transactions submitted.
    public private(set) var submitted = 0
    /// The storage of the last wake-up's budget per market slot, reused by the next
    /// (``purchases(of:health:_:into:twoSteps:)``).
    private var budgetStorage: [UInt128] = []

    public init(name: String, account: AccountID, market: Int, latency: Distribution,
                gasPriceCap: UInt64?, minProfit: Double, priorityFee: UInt64, funding: LiquidatorFunding = .capital,
                sellsAtLoss: Bool = false, bidMargin: Double = 0.05, zeroBidder: Bool = false, replicationSeed: UInt64) {
        self.name = name
        tag = AgentTag(name)
        self.account = account
        self.market = market
        self.latency = latency
        self.gasPriceCap = gasPriceCap
        self.minProfit = minProfit
        self.priorityFee = priorityFee
        self.funding = funding
        self.sellsAtLoss = sellsAtLoss
        self.bidMargin = bidMargin
        self.zeroBidder = zeroBidder
        self.stream = RandomStream(replicationSeed: replicationSeed, name: name)
        self.latestReactionDelay = Self.latestDelay(latency)
    }

    /// The liquidations worth making now, appended to `proposals` (what it holds already is left
    /// as it is and does not count against this wake-up's gas or caps): one transaction per
    /// unhealthy borrower, worst health first (ties by account id). In a Dutch-auction market it starts an auction for
    /// each unhealthy account without one, and buys from running auctions when that pays; in
    /// an English-auction market it starts, bids in and settles auctions.
    /// Nothing while the market's circuit breaker pauses liquidations in the next block.
    /// `twoSteps` lists a liquidation's two steps (``Chain/twoSteps(_:_:)`` reuses a spare list).
    ///
    /// - Complexity: O((k + a + 1) × market assets) oracle reads for k accounts below health 1
    ///   (plus the index's near-threshold candidates) and a running auctions, independent of
    ///   the healthy positions.
    public func decide(_ view: AgentView, into proposals: inout [Transaction],
                       twoSteps: (consuming Step, consuming Step) -> [Step] = { [$0, $1] }) {
        if let gasPriceCap, view.gasPrice > gasPriceCap { return }
        let state = view.state
        let timestamp = Int64(view.time)
        // NOTE: the market is read in place: `let book = state.markets[market]` copies it, a
        // retain and release of each of its buffers (≈ 740 instructions per wake-up).
        // Paused or not in the next block, the first its transactions can land in: a pause that
        // ends at that block's timestamp no longer stops them.
        if state.markets[market].isPaused(.liquidate, at: view.nextBlockTimestamp) { return }
        let (candidates, health, pairs) = view.accountsAndHealthBelow(FixedPoint.wad, market: market)
        let first = proposals.count
        switch state.markets[market].liquidation {
        case .fixedBonus:
            purchases(of: candidates, health: health, pairs: pairs, view, into: &proposals, twoSteps: twoSteps)
        case .dutchAuction(let parameters):
            auctionStarts(for: candidates, parameters: parameters, view, into: &proposals)
            purchases(of: runningAuctions(parameters, at: timestamp, in: state.markets[market]), view, into: &proposals,
                      twoSteps: twoSteps)
        case .englishAuction(let parameters):
            englishAuctionActions(for: candidates, parameters: parameters, view, into: &proposals)
        }
        submitted += proposals.count - first
    }

    /// Whether ``decide(_:into:twoSteps:)`` proposes nothing on `view`'s sealed state at any time before the
    /// next block: in a fixed-bonus market whose health does not depend on the read time, no
    /// account is below health 1 (its candidates, whenever it reads them). The world need not
    /// wake it then. The answer is the same for every liquidator of the market.
    public func proposesNothing(on view: AgentView) -> Bool {
        guard case .fixedBonus = view.state.markets[market].liquidation else { return false }
        return view.noAccountBelowHealthOneBeforeNextBlock(market: market)
    }

    /// Liquidations (fixed bonus) or auction purchases of `borrowers`, in order, each worth it
    /// after gas and `minProfit` (or any that its capital covers when it sells at a loss),
    /// appended to `proposals` (gas and the per-block cap count only those appended here).
    /// `health`, when given, is each borrower's health on the view's state now, `pairs` each
    /// one's pair when the query read it, and `borrowers` the view's accounts below health 1
    /// (``AgentView/accountsAndHealthBelow(_:market:)``): a fixed-bonus quote then does not value
    /// the position again, and the walk starts after the lead of them that an earlier liquidator
    /// of the block found barred by the per-account cap (or barred with its own liquidations).
    /// `twoSteps` lists a liquidation's two steps.
    func purchases(of borrowers: [AccountID], health: [UInt128]? = nil, pairs: [LiquidationPair?] = [], _ view: AgentView,
                   into proposals: inout [Transaction], twoSteps: (consuming Step, consuming Step) -> [Step]) {
        guard !borrowers.isEmpty else { return }
        let state = view.state
        let timestamp = Int64(view.time)
        // The market's fields are read in place, not through a copy of the whole market.
        let assets = state.markets[market].assets
        let gasUnits = liquidationGasUnits(view.gas)
        guard view.canPayGas(gasUnits, priorityFee: priorityFee, for: account) else { return }
        // Gas is priced (a reference price read) only for a liquidator that weighs profit.
        let gasUSD = sellsAtLoss ? 0 : view.gasCostUSD(units: gasUnits, priorityFee: priorityFee)
        // NOTE: the budget is written over the last wake-up's storage: a fresh array cost an
        // allocation and a free per wake-up (callgrind, benchmark-day full day, warm-up + 1:
        // 731.3 M -> 729.0 M instructions).
        var budget: [UInt128] = []
        swap(&budget, &budgetStorage)
        defer { budgetStorage = budget }
        liquidationBudget(view, assets: assets, gasUnits: gasUnits, into: &budget)
        let ahead = PendingLiquidations(view, market: market, outranking: self, cap: state.markets[market].defences.liquidationCap)
        let first = proposals.count
        // NOTE: the quotes of one wake-up share each slot's price: two oracle reads per quote
        // before, ≈ 24 k quotes a benchmark day (callgrind, warm-up + 1: 1,118.8 M -> 1,115.8 M).
        var prices = QuotePrices()
        var sales = ProposedSales()
        // NOTE: the liquidators waking after an earlier one of the block find the accounts it
        // liquidates barred by the per-account cap, each after a look at its pending fees (≈ 45
        // instructions, ≈ 176 k a benchmark day): the barred lead is shared, and skipped.
        let lead = health == nil ? 0 : min(view.barredLead(market: market, fee: priorityFee), borrowers.count)
        // NOTE: the lead its own liquidations bar as well, once sent, is shared too: the next
        // liquidator of the block (the world does not wake it when the lead is every account)
        // walked them all to find them barred. Benchmark-day, warm-up + 1: 3,930 wake-ups, 790
        // deciding -> 397; 583.2 M -> 578.4 M instructions (callgrind).
        var barred = lead, claimed = lead
        for rank in lead..<borrowers.count {
            let borrower = borrowers[rank]
            if ahead.capReached(proposed: proposals.count - first) { break }
            guard !ahead.capReached(for: borrower) else {
                if barred == rank { barred += 1 }
                if claimed == rank { claimed += 1 }
                continue
            }
            if ahead.hasOwnPending(borrower) { continue }
            // NOTE: a borrower owing one asset against one collateral (every borrower of
            // benchmark-day) has its pair and amounts read from one look at its position, which
            // the quote then reads no more (≈ 26 k quotes a benchmark day; callgrind, full day,
            // warm-up + 1: 780.2 M -> 777.5 M instructions); the largest pair is searched otherwise.
            // The query lists it when its verification valued the borrower through its pair (every
            // borrower of benchmark-day), and it is not read again (callgrind, full day, warm-up + 1:
            // 567.26 M -> 565.35 M; ``ProtocolState/accountsAndHealthBelow(_:market:at:)``).
            let listed = rank < pairs.count ? pairs[rank] : nil
            let pair = health == nil ? nil : listed ?? state.soleLiquidationPair(market: market, borrower: borrower)
            guard let (debtSlot, collateralSlot) = pair.map({ ($0.debtSlot, $0.collateralSlot) }) ?? largestPair(of: borrower, in: state),
                  budget[debtSlot] > 0 else { continue }
            let debtAsset = assets[debtSlot].asset, collateralAsset = assets[collateralSlot].asset
            guard let quote = try? quote(borrower, health: health?[rank], pair: pair, debt: (debtSlot, debtAsset),
                                         collateral: (collateralSlot, collateralAsset), requested: budget[debtSlot], state: state,
                                         prices: &prices, at: timestamp),
                  quote.seize > 0, let fee = fundingFee(quote.repay, of: debtAsset, state: state)
            else { continue }
            // A liquidator that sells at a loss counts its sales' proceeds as capital again (a
            // profit-seeking one keeps its repayments aside: it spends only what it holds). Its
            // sale is counted at once: a wake-up that cannot pay the gas for it stops here.
            let pool: Int, proceeds: UInt128
            if sellsAtLoss {
                guard let sale = sales.sell(quote.seize, collateralAsset, for: debtAsset, in: state) else { continue }
                (pool, proceeds) = sale
            } else {
                // Its sale is quoted on the pools as its earlier proposals of the wake-up leave them
                // (recorded only when it is proposed): quoted on the sealed reserves, a wake-up's
                // later sales in a pool its earlier ones moved fell short of their minimum and reverted.
                var trial = sales
                guard let (best, out) = trial.sell(quote.seize, collateralAsset, for: debtAsset, in: state),
                      out > quote.repay + fee,
                      view.tokens(out - quote.repay - fee, of: debtAsset) * view.usdPrice(debtAsset) > gasUSD + minProfit
                else { continue }
                sales = trial
                (pool, proceeds) = (best, 0)
            }
            let zeroForOne = state.pools[pool].token0 == collateralAsset
            // Each proposal may revert and still pay gas: send only as many as gas can be paid for.
            guard view.canPayGas(gasUnits, priorityFee: priorityFee, transactions: proposals.count - first + 1, for: account) else { break }
            proposals.append(Transaction(
                sender: account, agent: tag,
                steps: liquidationSteps(borrower: borrower, debtAsset: debtAsset, collateralAsset: collateralAsset, repay: quote.repay,
                                        fee: fee, pool: pool, zeroForOne: zeroForOne,
                                        minimumOut: sellsAtLoss ? 0 : quote.repay + fee, twoSteps: twoSteps),
                priorityFee: priorityFee, submittedAt: view.time, baseFeeCap: gasPriceCap ?? .max))
            if claimed == rank, ahead.capReached(for: borrower, sending: 1) { claimed += 1 }
            spend(quote.repay, regaining: proceeds, slot: debtSlot, from: &budget)
            // NOTE: once no budget is left in any slot the market is owed in, no later borrower
            // can be liquidated (its largest debt is in such a slot), so the walk stops instead
            // of looking up each remaining borrower's position to skip it (≈ 500 instructions
            // each, ≈ 7.7 k borrowers a day in benchmark-day's cascade).
            if budget[debtSlot] == 0, !hasBudget(budget, forDebtIn: state) { break }
        }
        guard health != nil else { return }
        if claimed > barred {
            view.noteBarredLead(claimed, market: market, fee: priorityFee, sending: proposals.count - first)
        } else if barred > lead {
            view.noteBarredLead(barred, market: market, fee: priorityFee, sending: 0)
        }
    }

    /// ``ProtocolState/quoteLiquidation(market:borrower:debtAsset:collateralAsset:requested:at:)``,
    /// through the borrower's known `health` on `state` at `timestamp` when given (with the slots
    /// of the two assets, found in its position, and the slots' `prices` the wake-up's earlier
    /// quotes read), and through its `pair` of the same answer when given as well.
    private func quote(_ borrower: AccountID, health: UInt128?, pair: LiquidationPair?, debt: (slot: Int, asset: AssetID),
                       collateral: (slot: Int, asset: AssetID), requested: UInt128, state: ProtocolState, prices: inout QuotePrices,
                       at timestamp: Int64) throws(RevertReason) -> LiquidationQuote {
        if let health, let pair {
            return try state.quoteLiquidation(market: market, borrower: borrower, health: health, pair: pair, requested: requested,
                                              prices: &prices, at: timestamp)
        }
        guard let health else {
            return try state.quoteLiquidation(market: market, borrower: borrower, debtAsset: debt.asset, collateralAsset: collateral.asset,
                                              requested: requested, at: timestamp)
        }
        return try state.quoteLiquidation(market: market, borrower: borrower, health: health, debtSlot: debt.slot,
                                          collateralSlot: collateral.slot, requested: requested, prices: &prices, at: timestamp)
    }

    /// Whether `budget` is left in a slot that some account of the market owes: one whose
    /// reserve's scaled debt (the sum of its positions') is not 0.
    /// - Complexity: O(market assets).
    func hasBudget(_ budget: [UInt128], forDebtIn state: ProtocolState) -> Bool {
        state.markets[market].reserves.indices.contains { budget[$0] > 0 && state.markets[market].reserves[$0].scaledDebt > 0 }
    }

    /// The slots of `borrower`'s largest debt and largest collateral (LT > 0), if it has both
    /// in different assets; of equal amounts, the first slot.
    ///
    /// NOTE: amounts are read only when a second slot competes: an account owing (or pledging)
    /// one asset needs no conversion of its scaled balance (two position reads, ≈ 830
    /// instructions, per account looked at in benchmark-day); they are read from the position in
    /// hand (no further lookups).
    func largestPair(of borrower: AccountID, in state: ProtocolState) -> (debt: Int, collateral: Int)? {
        guard let position = state.markets[market].positions[borrower] else { return nil }
        var debt = LargestSlot(), collateral = LargestSlot()
        for slot in 0..<state.markets[market].positions.slots {
            if state.markets[market].positions.scaledDebt(position, slot: slot) > 0 {
                debt.offer(slot) { state.debt(of: position, market: market, slot: $0) }
            }
            if state.markets[market].positions.scaledSupplied(position, slot: slot) > 0,
               state.markets[market].assets[slot].liquidationThreshold > 0 {
                collateral.offer(slot) { state.supplied(of: position, market: market, slot: $0) }
            }
        }
        guard let debtSlot = debt.slot, let collateralSlot = collateral.slot, debtSlot != collateralSlot else { return nil }
        return (debtSlot, collateralSlot)
    }

    /// The slot with the largest amount among those offered, the first on ties; amounts are
    /// converted only once a second slot competes.
    private struct LargestSlot {
        private(set) var slot: Int?
        private var amount: UInt128?

        mutating func offer(_ candidate: Int, amountOf: (Int) -> UInt128) {
            guard let current = slot else {
                slot = candidate
                return
            }
            let currentAmount = amount ?? amountOf(current), candidateAmount = amountOf(candidate)
            (slot, amount) = candidateAmount > currentAmount ? (candidate, candidateAmount) : (current, currentAmount)
        }
    }

    /// The pool that pays the most `output` for `amount` of `input` at its current reserves,
    /// and that output; nil when no pool trades the pair.
    static func bestSale(of amount: UInt128, _ input: AssetID, for output: AssetID, in state: ProtocolState) -> (Int, UInt128)? {
        var best: (Int, UInt128)?
        for (index, venue) in state.pools.enumerated() where (venue.token0, venue.token1) == (input, output) || (venue.token0, venue.token1) == (output, input) {
            guard let out = venue.quote(amountIn: amount, zeroForOne: venue.token0 == input),
                  out > (best?.1 ?? 0) else { continue }
            best = (index, out)
        }
        return best
    }
}
