import GSL

/// The off-chain node behind a push oracle: watches a reference price and sends a round when
/// the deviation threshold or the heartbeat says so (Chainlink's rules).
///
/// It sends at most one round at a time: a new one only once the pending round has landed,
/// or a heartbeat after sending it (the transaction may have been dropped).
public struct PushOracleKeeper: Sendable {
    /// The push oracle's index in ``ProtocolState/oracles``.
    public let oracle: Int
    /// The agent the keeper's transactions carry in the event log.
    public let agent: AgentTag
    private var pending: (round: Int, sentAt: Double)?

    public init(oracle: Int, agent: AgentTag) {
        self.oracle = oracle
        self.agent = agent
    }

    /// Whether a round is due at `time` for an observation `observed` (wad), given the oracle's
    /// last answer: |observed − answer| ≥ deviation × answer, or the answer's age ≥ heartbeat.
    public static func roundDue(_ feed: PushOracle, observed: UInt128, at time: Int64) -> Bool {
        if time - feed.updatedAt >= feed.parameters.heartbeat { return true }
        let difference = observed >= feed.answer ? observed - feed.answer : feed.answer - observed
        // deviation × answer / wad, rounded up: a move exactly at the threshold triggers.
        guard let threshold = try? FixedPoint.mulDiv(feed.parameters.deviation, feed.answer, FixedPoint.wad, rounding: .up)
        else { return false }
        return difference >= threshold
    }

    /// Observes `reference` (price in the oracle's unit, e.g. from the reference market) at
    /// sealed-block time `time` and returns the round transaction to submit, if one is due.
    /// The observation is reference × (1 + noise·Z), Z standard normal from `stream` (no draw
    /// when noise is 0); the transaction reaches the mempool `latency` seconds later.
    public mutating func observe(
        reference: Double, at time: Double, state: ProtocolState, stream: RandomStream
    ) -> Transaction? {
        guard case .push(let index) = state.oracles[oracle].kind else {
            preconditionFailure("oracle \(oracle) is not a push oracle")
        }
        let feed = state.pushOracles[index]
        if let pending {
            let landed = feed.round > pending.round
            let expired = time - pending.sentAt >= Double(feed.parameters.heartbeat)
            guard landed || expired else { return nil }
            self.pending = nil
        }
        let noisy = feed.parameters.noise > 0 ? reference * (1 + feed.parameters.noise * stream.standardNormal()) : reference
        let observed = TokenUnits.fromDouble(noisy, decimals: 18)
        guard observed > 0, Self.roundDue(feed, observed: observed, at: Int64(time.rounded(.down))) else { return nil }
        pending = (feed.round, time)
        return Transaction(sender: feed.keeper, agent: agent, steps: [.oracleUpdate(oracle: oracle, answer: observed)],
                           priorityFee: feed.parameters.priorityFee, submittedAt: time + feed.parameters.latency)
    }
}
