import ProtocolModel

/// What an agent sees when it decides: the state as of the last sealed block, reference
/// prices at the current time, and the chain's gas terms. Agents never mutate state; they
/// return transactions (STYLE.md habit 3: agents propose, the protocol disposes).
public struct AgentView {
    /// The protocol state as the last sealed block left it.
    public let state: ProtocolState
    public let valuation: Valuation
    /// Simulated seconds now.
    public let time: Double
    /// The last sealed block.
    public let lastBlock: Int
    /// The last sealed block's base gas price, wei per gas unit.
    public let gasPrice: UInt64
    public let gas: GasSchedule
    /// The asset gas is paid in.
    public let nativeAsset: AssetID
    /// The transactions waiting in the public mempool, in arrival order (what a searcher sees
    /// before it sends its own).
    public let pending: [Transaction]
    /// Index answers shared by every agent that wakes after the same block (nil: each query
    /// walks the index itself).
    let queries: SealedStateQueries?

    public init(state: ProtocolState, valuation: Valuation, time: Double, lastBlock: Int, gasPrice: UInt64,
                gas: GasSchedule, nativeAsset: AssetID, pending: [Transaction] = [], queries: SealedStateQueries? = nil) {
        self.state = state
        self.valuation = valuation
        self.time = time
        self.lastBlock = lastBlock
        self.gasPrice = gasPrice
        self.gas = gas
        self.nativeAsset = nativeAsset
        self.pending = pending
        self.queries = queries
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

    /// The accounts of lending market `market` with health below `threshold` (wad) now, worst
    /// first: ``ProtocolState/accountsBelowHealth(_:market:at:)`` on the sealed state, through
    /// the shared answers when the view has them.
    public func accountsBelowHealth(_ threshold: UInt128, market: Int) throws(OracleError) -> [AccountID] {
        let timestamp = Int64(time)
        guard let queries else { return try state.accountsBelowHealth(threshold, market: market, at: timestamp) }
        return try queries.accountsBelowHealth(threshold, market: market, at: timestamp, in: state, sealedBy: lastBlock)
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
