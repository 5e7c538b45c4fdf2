/// The on-chain state of a Chainlink-like push oracle: its last round, posted by a keeper
/// account through a transaction (``Step/oracleUpdate(oracle:answer:)``), which competes for
/// block space like any other (DESIGN.md §2).
public struct PushOracle: Sendable, Equatable {
    /// The only account allowed to post rounds.
    public let keeper: AccountID
    /// The keeper's rules (read off-chain by ``PushOracleKeeper``).
    public let parameters: PushOracleParameters
    /// The latest answer, wad.
    public internal(set) var answer: UInt128
    /// Timestamp of the block that posted the latest answer, seconds.
    public internal(set) var updatedAt: Int64
    /// Number of rounds posted after the initial answer.
    public internal(set) var round: Int

    public init(keeper: AccountID, parameters: PushOracleParameters, answer: UInt128, updatedAt: Int64) {
        self.keeper = keeper
        self.parameters = parameters
        self.answer = answer
        self.updatedAt = updatedAt
        self.round = 0
    }
}

/// When a push oracle's keeper posts a round, and how fast it lands.
public struct PushOracleParameters: Sendable, Equatable {
    /// A round is due when |observed − answer| ≥ deviation × answer (wad fraction: 0.5 % →
    /// 5·10^15).
    public var deviation: UInt128
    /// A round is due when the answer is at least this old, seconds.
    public var heartbeat: Int64
    /// Seconds between the keeper's observation and its transaction reaching the mempool.
    public var latency: Double
    /// Relative standard deviation of the keeper's observation noise (0 = exact reference).
    public var noise: Double
    /// Priority fee per gas unit the keeper offers, wei.
    public var priorityFee: UInt64

    public init(deviation: UInt128, heartbeat: Int64, latency: Double, noise: Double = 0, priorityFee: UInt64 = 0) {
        self.deviation = deviation
        self.heartbeat = heartbeat
        self.latency = latency
        self.noise = noise
        self.priorityFee = priorityFee
    }
}

extension ProtocolState {
    /// The oracle-update step: posts `answer` as push oracle `oracle`'s new round, stamped
    /// with the block's timestamp. Reverts unless `sender` is its keeper and `answer` > 0.
    mutating func postRound(oracle: Int, answer: UInt128, sender: AccountID, context: ExecutionContext) throws(RevertReason) -> StepFlows {
        guard case .push(let index) = oracles[oracle].kind else {
            throw .guardFailed("oracle \(oracles[oracle].name) is not a push oracle")
        }
        var feed = pushOracles[index]
        guard sender == feed.keeper else { throw .guardFailed("only the keeper posts rounds of \(oracles[oracle].name)") }
        guard answer > 0 else { throw .guardFailed("a round of \(oracles[oracle].name) must be positive") }
        feed.answer = answer
        feed.updatedAt = context.timestamp
        feed.round += 1
        writePushOracle(index, feed)
        return StepFlows()
    }
}
