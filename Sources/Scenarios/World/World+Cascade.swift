import ProtocolModel

/// One lending market's chain of liquidation rounds, for `cascade_depth` (DESIGN.md §3).
///
/// A round is a block with executed liquidations in the market. Round k+1 extends the chain of
/// round k (the market's previous round) when it falls within `window` blocks of it and every
/// account it liquidates was healthy at the start of round k's block; otherwise it starts a new
/// chain as round 1. The depth is the longest chain seen.
public struct CascadeChain: Sendable, Equatable {
    /// Most blocks between two rounds of one chain.
    public let window: Int
    /// The round number of the last round in its chain (0 before the first).
    public private(set) var round = 0
    /// The longest chain so far, in rounds.
    public private(set) var depth = 0
    private var lastBlock: Int?
    private var unhealthyAtLastStart: Set<AccountID> = []

    public init(window: Int) {
        self.window = window
    }

    /// Adds the round of `block`, in which `liquidated` were liquidated, with the accounts that
    /// were unhealthy at the start of that block; returns its round number (1-based).
    /// - Complexity: O(liquidated + unhealthyAtStart).
    @discardableResult
    public mutating func addRound(block: Int, liquidated: [AccountID], unhealthyAtStart: Set<AccountID>) -> Int {
        if let lastBlock, block - lastBlock <= window, !liquidated.contains(where: unhealthyAtLastStart.contains) {
            round += 1
        } else {
            round = 1
        }
        depth = max(depth, round)
        lastBlock = block
        unhealthyAtLastStart = unhealthyAtStart
        return round
    }
}

/// One executed liquidation with its names resolved, as liquidations.csv records it.
public struct LiquidationRow: Sendable, Equatable {
    /// Block timestamp, seconds.
    public var time: Double
    public var block: Int
    /// The sending agent's name.
    public var liquidator: String
    /// The liquidated account's name.
    public var account: String
    /// The market's scenario id.
    public var market: String
    public var debtAsset: AssetID
    /// Debt repaid, raw units of `debtAsset`.
    public var repaid: UInt128
    public var collateralAsset: AssetID
    /// Collateral seized, raw units of `collateralAsset`.
    public var seized: UInt128
    /// Price used for one whole collateral token in the market's unit, wad.
    public var price: UInt128
    /// Health factor before and after, wad (after: nil when no debt is left).
    public var healthBefore: UInt128
    public var healthAfter: UInt128?
    /// The cascade round number of its block in its market, 1-based (``CascadeChain``).
    public var round: Int
    /// Price of one whole debt token in the market's unit, wad (nil when unknown).
    public var debtPrice: UInt128? = nil
}

extension World {
    /// The accounts of `market` with health below 1 at `timestamp` on the last sealed state, from
    /// the liquidation index through the answers the liquidators share (an oracle failure counts
    /// as nobody below).
    ///
    /// - Complexity: O(k log n) for the k accounts below, once per sealed block when the market's
    ///   health does not depend on the read time.
    func unhealthyAccounts(market: Int, at timestamp: Int64) -> [AccountID] {
        (try? sealedQueries.accountsBelowHealth(FixedPoint.wad, market: market, at: timestamp, in: state,
                                                sealedBy: chain.lastSealedBlock)) ?? []
    }

    /// The markets that pending transactions eligible for block `number` try to liquidate in,
    /// each with its accounts unhealthy at the block's start; empty in calm blocks.
    /// - Complexity: O(eligible pending steps), plus ``unhealthyAccounts(market:at:)`` per market found.
    func unhealthyAtBlockStart(_ number: Int) -> [Int: Set<AccountID>] {
        var result: [Int: Set<AccountID>] = [:]
        guard !state.markets.isEmpty else { return result }
        let timestamp = chain.timestamp(ofBlock: number)
        for transaction in chain.mempool where transaction.submittedAt < Double(timestamp) {
            for step in transaction.steps {
                guard case .liquidate(let market, _, _, _, _) = step, result[market] == nil else { continue }
                result[market] = Set(unhealthyAccounts(market: market, at: timestamp))
            }
        }
        return result
    }

    /// Adds the sealed block's liquidation rounds to each market's ``CascadeChain`` and, when
    /// `rows`, returns its executed liquidations as rows (in execution order).
    /// - Complexity: O(steps in the block + liquidated accounts).
    func recordCascadeRounds(block: Int, unhealthyAtStart: [Int: Set<AccountID>], rows: Bool) -> [LiquidationRow] {
        var liquidated: [Int: [AccountID]] = [:]
        var order: [Int] = []
        for record in stepLog where record.executed {
            guard let detail = record.liquidation else { continue }
            if liquidated[detail.market] == nil { order.append(detail.market) }
            liquidated[detail.market, default: []].append(detail.borrower)
        }
        guard !order.isEmpty else { return [] }
        var rounds: [Int: Int] = [:]
        for market in order {
            rounds[market] = cascades[market].addRound(block: block, liquidated: liquidated[market] ?? [],
                                                       unhealthyAtStart: unhealthyAtStart[market] ?? [])
        }
        guard rows else { return [] }
        return stepLog.compactMap { record in
            guard record.executed, let detail = record.liquidation, let debtAsset = record.assetIn,
                  let collateralAsset = record.assetOut else { return nil }
            return LiquidationRow(
                time: record.time, block: record.block, liquidator: record.agent,
                account: state.ledger.accountNames[detail.borrower.index], market: state.markets[detail.market].name,
                debtAsset: debtAsset, repaid: record.amountIn, collateralAsset: collateralAsset, seized: record.amountOut,
                price: detail.price, healthBefore: detail.healthBefore, healthAfter: detail.healthAfter,
                round: rounds[detail.market] ?? 1, debtPrice: detail.debtPrice)
        }
    }

    /// Debt of accounts whose collateral (assets with LT > 0) at end reference prices is below
    /// their debt, numeraire, summed over markets (runs.csv `underwater_debt`).
    /// - Complexity: O(positions × market assets), once at the end.
    func underwaterDebt(at end: Double) -> Double {
        var total = 0.0
        let state = self.state  // one copy: reading the class's property per call would copy it each time
        for book in state.markets {
            // NOTE: Valuation.value with each asset's price read once and each position read in
            // place: 2.1 k -> 1.0 k instructions per borrower (benchmark-day, 10,000 borrowers).
            let prices = book.assets.map { valuation.price($0.asset, at: end, state: state) }
            let decimals = book.assets.map { state.ledger.assets[$0.asset.index].decimals }
            func value(_ raw: UInt128, _ slot: Int) -> Double {
                raw > 0 ? TokenUnits.toDouble(raw, decimals: decimals[slot]) * prices[slot] : 0
            }
            // NOTE: the underwater positions' debts are summed in account order, as before, but
            // only they are sorted, not every position, and zero scaled balances are not
            // converted: 1.0 k -> 0.44 k instructions per borrower (the sort was 0.45 k).
            var underwater: [(account: AccountID, debt: Double)] = []
            for (account, position) in book.positions {
                var collateral = 0.0, debt = 0.0
                for (slot, config) in book.assets.enumerated() {
                    // A zero scaled balance is worth 0: no conversion.
                    if config.liquidationThreshold > 0, book.positions.scaledSupplied(position, slot: slot) > 0 {
                        collateral += value(book.supplied(position, slot: slot), slot)
                    }
                    if book.positions.scaledDebt(position, slot: slot) > 0 { debt += value(book.debt(position, slot: slot), slot) }
                }
                if debt > 0, collateral < debt { underwater.append((account, debt)) }
            }
            underwater.sort { $0.account < $1.account }
            for position in underwater { total += position.debt }
        }
        return total
    }
}
