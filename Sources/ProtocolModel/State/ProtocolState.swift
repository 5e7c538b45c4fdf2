/// The model protocol's whole mutable state: the ledger and the venues that hold tokens on it.
///
/// Only transactions mutate it (``execute(_:context:)``), atomically: every write is journalled
/// and a failing step rolls the state back to where the transaction began, except for the gas
/// the sender paid (DESIGN.md §2). Agents read it between blocks and propose transactions.
public struct ProtocolState: Sendable {
    public internal(set) var ledger: Ledger
    public internal(set) var pools: [PoolVenue] = []
    /// Pools written by the open transaction, with their state before each write.
    // NOTE: a journal emptied in O(1) at commit, not an array of tuples popped record by record:
    // 968.3 M → 965.2 M a benchmark day, warm-up + 1 (callgrind).
    var poolUndo = UndoJournal<PoolUndo>()
    /// The first pool written since the spot prices were last refreshed
    /// (``refreshSpotPrices()``), or -1; the others so written are ``moreStalePools``. Every pool
    /// whose spot-price cache is behind its reserves is one of them.
    var firstStalePool = -1
    /// Price oracles, indexed by oracle id (Oracles/).
    public internal(set) var oracles: [Oracle] = []
    /// Lending markets (Lending/).
    public internal(set) var markets: [LendingMarket] = []
    /// Undo records of the oracles, flash loans and lending markets written by the open
    /// transaction, oldest first.
    var modelUndo = UndoJournal<ModelUndo>()
    /// The balance before the first step of the running transaction of the first account and
    /// asset its `.received` amounts and `requireGain` guards name, in the order they are noted
    /// (nil otherwise; not part of the state proper); any others are ``moreTransactionBaselines``.
    // NOTE: held inline: the transactions that note any (a liquidation's sale of what it seized)
    // note one, and the list's append, search and emptying cost ≈ 90 instructions a liquidation
    // (benchmark-day full day, warm-up + 1: 663.0 M -> 661.0 M; callgrind).
    var firstTransactionBaseline: TransactionBaseline?
    /// The running transaction's baselines after ``firstTransactionBaseline``, in the order noted.
    var moreTransactionBaselines: [TransactionBaseline] = []
    /// Liquidation-price index of each lending market's committed positions, by market.
    var liquidationIndices: [LiquidationIndex] = []
    /// The venues and oracle states most scenarios have none of, and the rarely written flash
    /// loans and referencing journal, behind one reference (ProtocolState+RareParts.swift): a
    /// copy of the state — each block's sealed view — retains one object for all of them
    /// instead of one per array.
    var rare = RarePartsBox(RareParts())

    public init(ledger: Ledger = Ledger()) {
        self.ledger = ledger
    }

    /// Registers an asset while the world is being built.
    public mutating func addAsset(_ asset: Asset) -> AssetID { ledger.addAsset(asset) }

    /// Registers an account while the world is being built.
    public mutating func addAccount(named name: String) -> AccountID { ledger.addAccount(named: name) }

    /// Creates `amount` of `asset` in `account` outside any transaction: the initial
    /// endowments of a world (genesis).
    public mutating func endow(_ asset: AssetID, amount: UInt128, to account: AccountID) throws(LedgerError) {
        try ledger.mint(asset, amount: amount, to: account)
        ledger.commit()
    }

    /// Creates a pool seeded with `reserve0`/`reserve1` taken from `provider`, who receives the
    /// initial LP shares. Called while the world is being built.
    public mutating func addPool(
        name: String, token0: AssetID, token1: AssetID, reserve0: UInt128, reserve1: UInt128,
        feePips: UInt128, provider: AccountID, timestamp: Int64
    ) throws -> Int {
        let decimals0 = ledger.assets[token0.index].decimals
        let decimals1 = ledger.assets[token1.index].decimals
        let pool = ConstantProductPool(reserve0: reserve0, reserve1: reserve1, feePips: feePips,
                                       decimals0: decimals0, decimals1: decimals1, timestamp: timestamp)
        let account = ledger.addAccount(named: "pool:\(name)")
        let shareAsset = ledger.addAsset(Asset(symbol: "LP-\(name)", decimals: 18))
        try ledger.transfer(token0, amount: reserve0, from: provider, to: account)
        try ledger.transfer(token1, amount: reserve1, from: provider, to: account)
        try ledger.mint(shareAsset, amount: pool.totalShares, to: provider)
        ledger.commit()
        pools.append(PoolVenue(name: name, token0: token0, token1: token1, shareAsset: shareAsset,
                               account: account, pool: pool))
        return pools.count - 1
    }

    /// Replaces pool `index`'s state, journalling its old value (a pool is a small value, so
    /// every write is journalled; rollback replays the journal backwards). Its spot-price cache
    /// is left as it is, refreshed when it is next read (``refreshSpotPrices()``).
    mutating func writePool(_ index: Int, _ pool: ConstantProductPool) {
        noteWrite(ofPool: index)
        poolUndo.append(PoolUndo(index: index, old: pools[index].pool))
        pools[index].pool = pool
    }

    /// Lists pool `index`, about to be written, among those whose spot-price caches the next
    /// refresh must look at, unless it is listed already. Called before every write of a pool's
    /// reserves (a rollback's too). O(1).
    // NOTE: the first pool is listed inline: when none is listed, every cache is current. Out of
    // line, the first write after each refresh cost ≈ 30 instructions: +1.4 M a benchmark day.
    @inline(__always)
    mutating func noteWrite(ofPool index: Int) {
        guard index != firstStalePool else { return }
        if firstStalePool < 0 { firstStalePool = index } else { noteWrite(ofAnotherPool: index) }
    }

    /// Lists pool `index` after ``firstStalePool`` unless its cache is behind its reserves: it
    /// was listed when it fell behind.
    @inline(never)
    private mutating func noteWrite(ofAnotherPool index: Int) {
        if pools[index].spotPrices.isCurrent(for: pools[index].pool) { moreStalePools.append(index) }
    }

    /// Brings every pool's spot-price cache to its current reserves, before steps that read
    /// oracles and before a block seals (the agents' reads). A read of a stale cache computes
    /// the price itself, the same bits: this only saves the divisions of repeated reads.
    /// - Complexity: O(pools written since the last refresh), a division per held price of each.
    // NOTE: the cache was refreshed at every pool write (≈ 300 instructions with the price's
    // divisions), though noise trades and back-runs are mostly followed by another write before
    // any oracle reads the pool: 57.5 k refreshes → 38.1 k, 771.2 M → 767.5 M instructions a
    // benchmark day, warm-up + 1 (callgrind). It looks only at the pools written since (a pass
    // over every pool cost ≈ 8 instructions a pool at each non-swap step and seal); the first is
    // held inline, so a one-pool world never touches the list.
    @inline(__always)
    mutating func refreshSpotPrices() {
        if firstStalePool >= 0 { refreshStaleSpotPrices() }
    }

    @inline(never)
    private mutating func refreshStaleSpotPrices() {
        refreshSpotPrices(ofPool: firstStalePool)
        firstStalePool = -1
        guard !moreStalePools.isEmpty else { return }
        for index in moreStalePools { refreshSpotPrices(ofPool: index) }
        moreStalePools.removeAll(keepingCapacity: true)
    }

    /// Brings pool `index`'s cache to its reserves unless it is there already.
    @inline(__always)
    private mutating func refreshSpotPrices(ofPool index: Int) {
        if !pools[index].spotPrices.isCurrent(for: pools[index].pool) { pools[index].refreshSpotPrices() }
    }
}

/// An account's balance of an asset before the first step of the running transaction.
struct TransactionBaseline: Sendable {
    let account: AccountID
    let asset: AssetID
    // NOTE: the balance is held as two 64-bit halves: a UInt128 held inline in the state (the
    // first baseline) raised the state's alignment to 16 bytes, and the sealed view that copies
    // the state at each block was then allocated through posix_memalign (≈ 80 instructions more a
    // block; callgrind: empty block 7.20 k -> 7.11 k, benchmark day 646.8 M -> 646.1 M).
    private let high: UInt64
    private let low: UInt64

    init(account: AccountID, asset: AssetID, balance: UInt128) {
        self.account = account
        self.asset = asset
        high = UInt64(truncatingIfNeeded: balance >> 64)
        low = UInt64(truncatingIfNeeded: balance)
    }

    /// The balance, raw units.
    var balance: UInt128 { UInt128(high) << 64 | UInt128(low) }
}

/// An undo record of a pool write: the pool's state before it.
struct PoolUndo: Sendable {
    /// The pool's index in ``ProtocolState/pools``.
    let index: Int
    let old: ConstantProductPool
}
