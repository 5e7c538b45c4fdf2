import ProtocolModel

/// What an agent sees when it decides: the state as of the last sealed block, reference
/// prices at the current time, and the chain's gas terms. Agents never mutate state; they
/// propose transactions (STYLE.md habit 3: agents propose, the protocol disposes): one that
/// sends at most one per decision returns it, one that may send several appends them to a
/// buffer the caller owns (`decide(_:into:)`), which the world then queues on the chain.
public struct AgentView {
    /// The protocol state as the last sealed block left it.
    ///
    /// The owner (the world) keeps its own state here and writes it only when it seals a block;
    /// it lends the view to an agent for one decision, so the view's state is the world's,
    /// read in place: neither copied nor shared with the next block's writes. An agent gets the
    /// view as a constant; a copy it keeps would keep the old state (a value) and make the
    /// world's next write copy the state's buffers.
    ///
    /// NOTE: the world used to copy its state into a new shared object after every seal (≈ 14
    /// buffers retained, then released before the next block's writes, the object allocated and
    /// freed: ≈ 1.3 k instructions a block). Callgrind: benchmark-day full day, warm-up + 1:
    /// 606.5 M -> 590.0 M instructions; empty block 5.90 k -> 4.57 k; idle block at 10,000
    /// borrowers 18.1 k -> 16.4 k.
    public var state: ProtocolState
    /// Reference prices and the numeraire.
    public let valuation: Valuation
    /// The last sealed block.
    public var lastBlock: Int
    /// The last sealed block's base gas price, wei per gas unit.
    public var gasPrice: UInt64
    /// Gas units per step kind.
    public var gas: GasSchedule { gasTerms.schedule }
    /// ``gas``, held by reference.
    ///
    /// NOTE: the world lends its view to each agent's decision as a bitwise copy of the struct
    /// (a memcpy the compiler makes for the closure's argument); the schedule's 40 fields made
    /// 320 of its 584 bytes (≈ 75 k decisions a benchmark day, warm-up + 1).
    private let gasTerms: GasTerms
    /// The asset gas is paid in.
    public let nativeAsset: AssetID
    /// Index answers shared by every agent that wakes after the same block (nil: each query
    /// walks the index itself).
    let queries: SealedStateQueries?
    /// Simulated seconds now.
    public var time: Double
    /// The transactions waiting in the public mempool, in arrival order (what a searcher sees
    /// before it sends its own).
    public var pending: [Transaction]
    /// How many transactions of each sender wait in the mempool, by account index
    /// (``Chain/pendingBySender``; empty when the view is lent without them: the world lends them
    /// to arbitrageurs sized at decision).
    public var pendingBySender: [Int32] = []

    /// The view at `time` of `state`, the state sealed by block `lastBlock` at base gas price
    /// `gasPrice` (wei per gas unit), with the mempool `pending`.
    public init(state: ProtocolState, valuation: Valuation, lastBlock: Int, gasPrice: UInt64, gas: GasSchedule,
                nativeAsset: AssetID, queries: SealedStateQueries? = nil, time: Double = 0, pending: [Transaction] = []) {
        self.state = state
        self.valuation = valuation
        self.lastBlock = lastBlock
        self.gasPrice = gasPrice
        gasTerms = GasTerms(schedule: gas)
        self.nativeAsset = nativeAsset
        self.queries = queries
        self.time = time
        self.pending = pending
    }

    /// Whether a transaction of `account` waits in the mempool (``pendingBySender``). O(1).
    public func hasPendingTransaction(of account: AccountID) -> Bool {
        Chain.hasPending(from: account, in: pendingBySender)
    }

    /// The priority fees of the liquidations of lending market `market` pending in the mempool,
    /// through the shared answers when the view has them (they follow the mempool as it grows
    /// between two blocks, so each agent reads only what arrived since the last one).
    func pendingLiquidationFees(market: Int) -> PendingLiquidationFees {
        guard let queries else {
            var fees = PendingLiquidationFees()
            fees.add(pending[...], market: market)
            return fees
        }
        return queries.pendingLiquidationFees(market: market, in: pending, sealedBy: lastBlock)
    }

    /// How many leading accounts of ``accountsAndHealthBelow(_:market:)`` below health 1 (wad) in
    /// lending market `market` the liquidations pending in the mempool bar under the market's
    /// per-account cap for a liquidator paying priority fee `fee`, as an earlier liquidator of the
    /// block found; 0 without shared answers or when the answer depends on the read time.
    func barredLead(market: Int, fee: UInt64) -> Int {
        guard let queries, !healthDependsOnTime(market: market) else { return 0 }
        return queries.barredLead(market: market, fee: fee, mempool: pending.count, sealedBy: lastBlock)
    }

    /// Shares that the first `count` accounts of that answer are barred for a liquidator paying
    /// `fee` once the mempool holds the `sending` transactions the caller sends after it.
    func noteBarredLead(_ count: Int, market: Int, fee: UInt64, sending: Int) {
        guard let queries, !healthDependsOnTime(market: market) else { return }
        queries.noteBarredLead(count, market: market, fee: fee, mempool: pending.count + sending, sealedBy: lastBlock)
    }

    /// The accounts of lending market `market` with health below `threshold` (wad) now, worst
    /// first: ``ProtocolState/accountsBelowHealth(_:market:at:)`` on the sealed state, through
    /// the shared answers when the view has them.
    public func accountsBelowHealth(_ threshold: UInt128, market: Int) -> [AccountID] {
        accountsAndHealthBelow(threshold, market: market).accounts
    }

    /// ``accountsBelowHealth(_:market:)`` with each account's health (wad) as the index's
    /// verification computed it, and its pair when the verification read it
    /// (``ProtocolState/accountsAndHealthBelow(_:market:at:)``), in the same order.
    public func accountsAndHealthBelow(
        _ threshold: UInt128, market: Int
    ) -> (accounts: [AccountID], health: [UInt128], pairs: [LiquidationPair?]) {
        let timestamp = Int64(time)
        guard let queries else { return state.accountsAndHealthBelow(threshold, market: market, at: timestamp) }
        return queries.accountsAndHealthBelow(threshold, market: market, at: timestamp, in: state, sealedBy: lastBlock)
    }

    /// Whether no account of lending market `market` is below health 1 on the sealed state
    /// whenever it is read before the next block: its health does not depend on the read time
    /// and ``accountsBelowHealth(_:market:)`` below 1 (wad) is empty now.
    func noAccountBelowHealthOneBeforeNextBlock(market: Int) -> Bool {
        guard let queries else {
            guard !state.healthDependsOnTime(market: market) else { return false }
            return state.accountsBelowHealth(FixedPoint.wad, market: market, at: Int64(time)).isEmpty
        }
        return queries.noAccountBelowHealthOne(market: market, at: Int64(time), in: state, sealedBy: lastBlock)
    }

    /// Whether a health in lending market `market` on the sealed state can change with the time
    /// it is read at (``ProtocolState/healthDependsOnTime(market:)``), through the shared answers
    /// when the view has them.
    public func healthDependsOnTime(market: Int) -> Bool {
        guard let queries else { return state.healthDependsOnTime(market: market) }
        return queries.healthDependsOnTime(market: market, in: state, sealedBy: lastBlock)
    }

    /// The timestamp of the next block, the first a transaction sent now can land in: block k
    /// has timestamp k × block time and executes the transactions submitted before it.
    public var nextBlockTimestamp: Int64 {
        let blockTime = valuation.market.blockTime
        return Int64(((time / blockTime).rounded(.down) + 1) * blockTime)
    }

    /// The USD reference price of `asset` now.
    public func usdPrice(_ asset: AssetID) -> Double {
        valuation.usdPrice(asset, at: time) ?? 0
    }

    /// The cost, in USD, of `units` of gas at the last base price plus `priorityFee`.
    public func gasCostUSD(units: UInt64, priorityFee: UInt64) -> Double {
        let wei = Double(units) * Double(gasPrice + priorityFee)
        return wei / 1e18 * usdPrice(nativeAsset)
    }

    /// What `account` can put into a transaction of `gasUnits` gas: its balance of `asset`, less
    /// — when `asset` is the native asset — a reserve of three times the transaction's gas at the
    /// last base price plus `priorityFee` (the next block's price may be higher), so that the
    /// gas payment never starves the transaction itself.
    public func spendable(_ asset: AssetID, of account: AccountID, gasUnits: UInt64, priorityFee: UInt64) -> UInt128 {
        let balance = state.ledger.balance(asset, of: account)
        guard asset == nativeAsset else { return balance }
        let reserve = gasReserve(gasUnits, priorityFee: priorityFee)
        return balance > reserve ? balance - reserve : 0
    }

    /// Three times the gas of one transaction of `gasUnits` at the last base price plus
    /// `priorityFee`, wei: the margin for a next block priced higher.
    func gasReserve(_ gasUnits: UInt64, priorityFee: UInt64) -> UInt128 {
        3 * UInt128(gasUnits) * UInt128(gasPrice + priorityFee)
    }

    /// Whether `account` holds the native asset for `transactions` transactions of `gasUnits`
    /// gas each at the last base price plus `priorityFee` (with the same threefold margin as
    /// ``spendable(_:of:gasUnits:priorityFee:)``): an agent that cannot pay gas sends nothing.
    public func canPayGas(_ gasUnits: UInt64, priorityFee: UInt64, transactions: Int = 1, for account: AccountID) -> Bool {
        state.ledger.balance(nativeAsset, of: account) >= gasReserve(gasUnits, priorityFee: priorityFee) * UInt128(max(transactions, 1))
    }

    /// Whole-token double of a raw amount of `asset`.
    public func tokens(_ raw: UInt128, of asset: AssetID) -> Double {
        TokenUnits.toDouble(raw, decimals: state.ledger.assets[asset.index].decimals)
    }
}

/// A gas schedule held by reference (``AgentView/gas``).
private final class GasTerms {
    let schedule: GasSchedule

    init(schedule: GasSchedule) { self.schedule = schedule }
}
