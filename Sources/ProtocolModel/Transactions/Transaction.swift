/// An atomic list of steps sent by one account (DESIGN.md §2).
public struct Transaction: Sendable {
    /// A unique, increasing id within a replication (assigned on submission).
    public var id: Int
    /// The account that signs, pays gas and is "the sender" of every step.
    public var sender: AccountID
    /// The acting agent, for the event log (e.g. `arbitrageur-2`).
    public var agent: AgentTag
    public var steps: [Step]
    /// Priority fee per gas unit, in wei of the native asset.
    public var priorityFee: UInt64
    /// A private bundle goes to the top of the block, ahead of the public mempool.
    public var isPrivate: Bool
    /// A bundle the block's builder places last, after the public mempool (a builder the sender
    /// pays to close the block with its trade), and includes only if it executes: one that would
    /// revert is left out and pays no gas (``TransactionOutcome/dropped``).
    public var closesBlock: Bool
    /// When it was submitted (simulated seconds); it can only enter a block whose timestamp is
    /// later.
    public var submittedAt: Double
    /// The highest base gas price of a block it may enter, wei per gas (EIP-1559's max fee per
    /// gas less its priority fee): while the base price is above it, it waits in the mempool.
    /// `UInt64.max`: any.
    public var baseFeeCap: UInt64

    public init(id: Int = 0, sender: AccountID, agent: AgentTag, steps: [Step], priorityFee: UInt64 = 0,
                isPrivate: Bool = false, closesBlock: Bool = false, submittedAt: Double, baseFeeCap: UInt64 = .max) {
        self.id = id
        self.sender = sender
        self.agent = agent
        self.steps = steps
        self.priorityFee = priorityFee
        self.isPrivate = isPrivate
        self.closesBlock = closesBlock
        self.submittedAt = submittedAt
        self.baseFeeCap = baseFeeCap
    }
}

/// Why a step, and so its transaction, reverted. Its text (``text(assets:)``) is built only when
/// it is printed: an events.csv row, a message.
public enum RevertReason: Error, Sendable, Equatable {
    case ledger(LedgerError)
    case pool(PoolError)
    case arithmetic(ArithmeticError)
    /// Less than `minimum` of the output asset `asset` came out (raw units).
    case slippage(asset: AssetID, minimum: UInt128, actual: UInt128)
    /// A `check` step: the sender's balance of `asset` is below `minimum` (raw units).
    case balanceBelow(asset: AssetID, balance: UInt128, minimum: UInt128)
    /// A `requireGain` step: the sender's balance of `asset` did not rise by `requiredGain` since
    /// the transaction began (`before`; raw units).
    case unprofitable(asset: AssetID, balance: UInt128, before: UInt128, requiredGain: UInt128)
    case guardFailed(String)
    /// A lending-market rule refused the step.
    case lending(LendingError)
    /// An oracle could not give a usable price.
    case oracle(OracleError)
    /// A reserve, depot or margin venue refused the trade.
    case venue(VenueError)
    /// A perp market refused the step.
    case perp(PerpError)
    /// An option vault refused the step.
    case options(OptionError)
    /// The transaction ended still owing a flash loan (principal + fee, raw units of `asset`).
    case flashLoanNotRepaid(provider: String, asset: AssetID, owed: UInt128)
}

/// What happened to a transaction offered to a block.
public enum TransactionOutcome: Sendable, Equatable {
    /// All steps ran; the state changes stand.
    case executed
    /// A step failed; everything but the gas payment was rolled back. `step` is the index of
    /// the failing step, or the number of steps when a flash loan was left unpaid at the end.
    case reverted(step: Int, reason: RevertReason)
    /// Not included at all, and no gas paid: the sender could not pay for the gas, or a
    /// block-closing bundle would have reverted.
    case dropped

    // NOTE: a pattern match: `self == .executed` went through the synthesized equality of
    // outcomes and their revert reasons (1.4 M instructions a benchmark day over the block-closing
    // bundles; callgrind).
    public var isExecuted: Bool {
        if case .executed = self { return true }
        return false
    }
}
