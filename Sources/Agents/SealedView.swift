import ProtocolModel

/// What every ``AgentView`` of one sealed state shares: the state as the block (and what the
/// world did at the seal) left it, the block's gas terms and the world's constants. The owner
/// (the world) makes one per sealed block, on the first view after the seal, and every view
/// holds a reference to it.
///
/// NOTE: a view used to hold its own copy of `ProtocolState` — a retain and release of each
/// of its ≈ 14 buffers (≈ 1.3 k instructions per view, ≈ 18 views per block in benchmark-day);
/// a shared reference costs one. The owner drops it before it writes the state again, so the
/// state's buffers are not shared when the next block writes them (no copy on write).
public final class SealedView {
    /// The protocol state as the last sealed block left it.
    @usableFromInline let state: ProtocolState
    @usableFromInline let valuation: Valuation
    /// The last sealed block.
    @usableFromInline let lastBlock: Int
    /// The last sealed block's base gas price, wei per gas unit.
    @usableFromInline let gasPrice: UInt64
    @usableFromInline let gas: GasSchedule
    /// The asset gas is paid in.
    @usableFromInline let nativeAsset: AssetID
    /// Index answers shared by every agent that wakes after the same block (nil: each query
    /// walks the index itself).
    @usableFromInline let queries: SealedStateQueries?

    // NOTE: inlinable: called out of line (from the world, once a block), the state was copied
    // once more on the way into the object (960.8 M -> 959.4 M instructions a benchmark day,
    // warm-up + 1).
    @inlinable
    public init(state: ProtocolState, valuation: Valuation, lastBlock: Int, gasPrice: UInt64, gas: GasSchedule,
                nativeAsset: AssetID, queries: SealedStateQueries? = nil) {
        self.state = state
        self.valuation = valuation
        self.lastBlock = lastBlock
        self.gasPrice = gasPrice
        self.gas = gas
        self.nativeAsset = nativeAsset
        self.queries = queries
    }
}
