import ProtocolModel

extension World {
    /// Queues the transactions the agent that just decided appended to ``proposals`` on the
    /// chain, in their order, and leaves the buffer empty with its capacity.
    ///
    /// NOTE: agents append to this one buffer, which keeps its capacity, instead of returning an
    /// array per decision, which was allocated, grown and freed (≈ 41 k decisions a benchmark
    /// day; callgrind, warm-up + 1: 921.4 M -> 914.8 M).
    /// Each transaction is moved out of the buffer into the mempool (the buffer reversed in
    /// place, then taken from its end). Submitted from a `for` loop, each was copied (a retain
    /// of each of its buffers) and the original then destroyed (a release of each); ≈ 80,000
    /// transactions per replication of benchmark-day. The reversal runs on the array's buffer,
    /// whose swaps move elements: the array's own `reverse()` copies them (≈ 690 instructions a
    /// call).
    /// - Complexity: O(transactions).
    func submitProposals() {
        if proposals.count > 1 { proposals.withUnsafeMutableBufferPointer { $0.reverse() } }
        while let transaction = proposals.popLast() { submit(transaction) }
    }

    /// Queues `transaction` on the chain (the world's only way in), noting when it liquidates
    /// (``liquidationsMayBePending``). - Complexity: O(steps).
    func submit(_ transaction: consuming Transaction) {
        if !liquidationsMayBePending, transaction.steps.contains(where: { if case .liquidate = $0 { true } else { false } }) {
            liquidationsMayBePending = true
        }
        chain.submit(transaction)
    }
}
