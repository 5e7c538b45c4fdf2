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
    /// By account index: the block of the latest round whose start found the account unhealthy
    /// (`Int.min`: none). The accounts unhealthy at the last round's start are those stamped
    /// with `lastBlock`: a stamp, not a set, so a round hashes nothing.
    private var unhealthyStamps: [Int] = []
    /// Whether ``noteLiquidated(_:)`` noted a liquidation since the last round ended.
    public private(set) var roundIsOpen = false
    /// Whether an account noted since the last round ended was unhealthy at its start.
    private var roundBreaksChain = false

    public init(window: Int) {
        self.window = window
    }

    /// Adds the round of `block`, in which `liquidated` were liquidated, with the accounts that
    /// were unhealthy at the start of that block (any order; repeats allowed); returns its round
    /// number (1-based). Blocks must increase from round to round.
    /// The same as ``noteLiquidated(_:)`` for each of `liquidated`, then
    /// ``closeRound(block:unhealthyAtStart:)``.
    /// - Complexity: O(liquidated + unhealthyAtStart), amortized (the stamps grow to the largest
    ///   account index seen).
    @discardableResult
    public mutating func addRound(block: Int, liquidated: [AccountID], unhealthyAtStart: [AccountID]) -> Int {
        for account in liquidated { noteLiquidated(account) }
        return closeRound(block: block, unhealthyAtStart: unhealthyAtStart)
    }

    /// Notes that `account` is liquidated in the round being recorded, which
    /// ``closeRound(block:unhealthyAtStart:)`` ends: the accounts are not kept, only whether one
    /// was unhealthy at the start of the last round (which breaks the chain).
    /// - Complexity: O(1).
    public mutating func noteLiquidated(_ account: AccountID) {
        roundIsOpen = true
        if !roundBreaksChain, let lastBlock, wasUnhealthy(account, atStartOf: lastBlock) { roundBreaksChain = true }
    }

    /// Ends the round of `block`, whose liquidated accounts ``noteLiquidated(_:)`` noted (none
    /// noted: a round without liquidations), with the accounts that were unhealthy at the start of
    /// that block (any order; repeats allowed); returns its round number (1-based). Blocks must
    /// increase from round to round.
    /// - Complexity: O(unhealthyAtStart), amortized (the stamps grow to the largest account index
    ///   seen).
    @discardableResult
    public mutating func closeRound(block: Int, unhealthyAtStart: [AccountID]) -> Int {
        if let lastBlock, block - lastBlock <= window, !roundBreaksChain {
            round += 1
        } else {
            round = 1
        }
        roundIsOpen = false
        roundBreaksChain = false
        depth = max(depth, round)
        lastBlock = block
        for account in unhealthyAtStart where account.index >= unhealthyStamps.count {
            unhealthyStamps += [Int](repeating: .min, count: account.index + 1 - unhealthyStamps.count)
        }
        // Every index is in range now: the stamps are written without a check or a uniqueness
        // test per account.
        unhealthyStamps.withUnsafeMutableBufferPointer { stamps in
            for account in unhealthyAtStart { stamps[account.index] = block }
        }
        return round
    }

    /// Whether `account` was unhealthy at the start of the round of `block`.
    private func wasUnhealthy(_ account: AccountID, atStartOf block: Int) -> Bool {
        account.index < unhealthyStamps.count && unhealthyStamps[account.index] == block
    }

    /// Same window, round, depth, last round and accounts unhealthy at its start (older stamps
    /// do not count, nor a round being noted).
    /// - Complexity: O(largest account index stamped).
    public static func == (lhs: CascadeChain, rhs: CascadeChain) -> Bool {
        guard lhs.window == rhs.window, lhs.round == rhs.round, lhs.depth == rhs.depth,
              lhs.lastBlock == rhs.lastBlock else { return false }
        guard let block = lhs.lastBlock else { return true }
        return (0..<max(lhs.unhealthyStamps.count, rhs.unhealthyStamps.count)).allSatisfy {
            lhs.wasUnhealthy(AccountID($0), atStartOf: block) == rhs.wasUnhealthy(AccountID($0), atStartOf: block)
        }
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
    /// Price used for one whole collateral token in the market's unit, wad (nil when unknown:
    /// ``LiquidationRecord/price``).
    public var price: UInt128?
    /// Health factor before and after, wad (nil when unknown: ``LiquidationRecord/healthBefore``,
    /// ``LiquidationRecord/healthAfter``).
    public var healthBefore: UInt128?
    public var healthAfter: UInt128?
    /// The cascade round number of its block in its market, 1-based (``CascadeChain``).
    public var round: Int
    /// Price of one whole debt token in the market's unit, wad (nil when unknown).
    public var debtPrice: UInt128? = nil
}

extension World {
    /// The accounts of `market` with health below 1 at `timestamp` on the last sealed state, from
    /// the liquidation index through the answers the liquidators share (an account whose health
    /// needs a price that cannot be read is left out).
    ///
    /// - Complexity: O(k log n) for the k accounts below, once per sealed block when the market's
    ///   health does not depend on the read time.
    func unhealthyAccounts(market: Int, at timestamp: Int64) -> [AccountID] {
        sealedQueries.accountsBelowHealth(FixedPoint.wad, market: market, at: timestamp, in: state, sealedBy: chain.lastSealedBlock)
    }

    /// By market index, the accounts unhealthy at the start of block `number` (worst health
    /// first) in each market that pending transactions eligible for the block try to liquidate
    /// in, none in the other markets; an empty list in calm blocks.
    /// - Complexity: O(1) while no liquidation is pending (``liquidationsMayBePending``), else
    ///   O(pending steps up to the last market found), plus ``unhealthyAccounts(market:at:)`` per
    ///   market found.
    func unhealthyAtBlockStart(_ number: Int) -> [[AccountID]] {
        // NOTE: lists by market index, not a dictionary of sets, and the mempool walk stops once
        // every market is found: the walk's hashing was ≈ 7.5 M instructions (benchmark-day).
        // The walk is skipped while no liquidation is pending (most blocks of a benchmark day),
        // and a walk that finds none says so: the walks 3.3 M -> 0.4 M, the check of each submitted
        // transaction's steps +1.4 M (callgrind, benchmark-day: 729.4 M -> 727.1 M, warm-up + 1).
        var result: [[AccountID]] = []
        var unfound = cascades.count
        guard unfound > 0, liquidationsMayBePending else { return result }
        let timestamp = chain.timestamp(ofBlock: number)
        var found: [Bool] = []
        var liquidating = false
        // Indexed reads: only the market is read from each step, no step or transaction is copied.
        let mempool = chain.mempool
        for transaction in mempool.indices {
            let eligible = mempool[transaction].submittedAt < Double(timestamp)
            for step in mempool[transaction].steps.indices {
                guard case .liquidate(let market, _, _, _, _) = mempool[transaction].steps[step] else { continue }
                liquidating = true
                guard eligible else { break }
                if found.isEmpty {
                    found = [Bool](repeating: false, count: cascades.count)
                    result = [[AccountID]](repeating: [], count: cascades.count)
                }
                guard market < found.count, !found[market] else { continue }
                found[market] = true
                result[market] = unhealthyAccounts(market: market, at: timestamp)
                unfound -= 1
                if unfound == 0 { return result }
            }
        }
        if !liquidating { liquidationsMayBePending = false }
        return result
    }

    /// Adds the sealed block's liquidation rounds to each market's ``CascadeChain``, with
    /// `unhealthyAtStart` from ``unhealthyAtBlockStart(_:)``, and, when `rows`, returns its
    /// executed liquidations as rows (in execution order).
    /// - Complexity: O(steps in the block + markets + liquidated accounts + accounts unhealthy at
    ///   the start).
    func recordCascadeRounds(block: Int, unhealthyAtStart: [[AccountID]], rows: Bool) -> [LiquidationRow] {
        // NOTE: each liquidation is noted in its market's chain as it is read (in place: no record
        // is copied), instead of gathered in a list per market for ``CascadeChain/addRound``
        // (an allocation per market and a checked append per liquidation); the chains are written
        // through one access for the walk, not a uniqueness test each, and a round's stamps
        // through one unchecked buffer. ≈ 146 -> 68 instructions a liquidation (callgrind,
        // benchmark-day, 25,937 liquidations, warm-up + 1: 570.34 M -> 568.33 M).
        var liquidations = false
        cascades.withUnsafeMutableBufferPointer { chains in
            for index in stepLog.indices where stepLog[index].executed {
                guard let detail = stepLog[index].liquidation else { continue }
                precondition(chains.indices.contains(detail.market), "a liquidation in an unknown market")
                chains[detail.market].noteLiquidated(detail.borrower)
                liquidations = true
            }
        }
        guard liquidations else { return [] }
        for market in cascades.indices where cascades[market].roundIsOpen {
            cascades[market].closeRound(block: block, unhealthyAtStart: market < unhealthyAtStart.count ? unhealthyAtStart[market] : [])
        }
        guard rows else { return [] }
        return stepLog.compactMap { record in
            guard record.executed, let detail = record.liquidation, let debtAsset = record.assetIn,
                  let collateralAsset = record.assetOut else { return nil }
            return LiquidationRow(
                time: record.time, block: record.block, liquidator: record.agent.name,
                account: state.ledger.accountNames[detail.borrower.index], market: state.markets[detail.market].name,
                debtAsset: debtAsset, repaid: record.amountIn, collateralAsset: collateralAsset, seized: record.amountOut,
                price: detail.price, healthBefore: detail.healthBefore, healthAfter: detail.healthAfter,
                round: cascades[detail.market].round, debtPrice: detail.debtPrice)
        }
    }
}
