/// An amount a step uses, evaluated when the step runs (DESIGN.md §2), so a later step can
/// use what an earlier one produced.
public enum Amount: Sendable, Equatable {
    /// A literal raw amount.
    case exact(UInt128)
    /// The sender's whole balance of the asset at the time the step runs.
    case balance(AssetID)
    /// The sender's balance of the asset at the time the step runs, less a reserve kept back
    /// (zero when the balance is below it).
    case balanceAbove(AssetID, keep: UInt128)
}

/// The kinds of step, each with its own gas cost (``GasSchedule``) and events.csv `kind`.
public enum StepKind: String, Sendable, CaseIterable {
    case transfer
    case swap
    case addLiquidity = "add_liquidity"
    case removeLiquidity = "remove_liquidity"
    case check
}

/// One operation of a transaction.
public enum Step: Sendable, Equatable {
    /// Sends `amount` of `asset` from the sender to `to`.
    case transfer(asset: AssetID, amount: Amount, to: AccountID)
    /// Swaps an exact input into pool `pool`; reverts unless at least `minAmountOut` comes out.
    case swap(pool: Int, zeroForOne: Bool, amountIn: Amount, minAmountOut: UInt128)
    /// Adds liquidity: only the amounts matching the pool's ratio are taken.
    case addLiquidity(pool: Int, amount0: Amount, amount1: Amount)
    /// Burns LP shares for the pool's tokens.
    case removeLiquidity(pool: Int, shares: Amount)
    /// A guard: reverts unless the sender holds at least `atLeast` of `asset`.
    case requireBalance(asset: AssetID, atLeast: UInt128)

    /// The pool the step uses, if any.
    public var pool: Int? {
        switch self {
        case .swap(let pool, _, _, _), .addLiquidity(let pool, _, _), .removeLiquidity(let pool, _): return pool
        case .transfer, .requireBalance: return nil
        }
    }

    /// The step's kind.
    public var kind: StepKind {
        switch self {
        case .transfer: return .transfer
        case .swap: return .swap
        case .addLiquidity: return .addLiquidity
        case .removeLiquidity: return .removeLiquidity
        case .requireBalance: return .check
        }
    }
}
