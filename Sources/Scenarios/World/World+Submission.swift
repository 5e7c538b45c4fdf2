import ProtocolModel

extension World {
    /// Queues an agent's transactions on the chain, in their order.
    ///
    /// NOTE: each transaction is moved out of the array into the mempool (the array reversed
    /// in place, then taken from its end). Submitted from a `for` loop, each was copied (a
    /// retain of each of its buffers) and the original then destroyed with the array (a
    /// release of each); ≈ 80,000 transactions per replication of benchmark-day. The reversal
    /// runs on the array's buffer, whose swaps move elements: the array's own `reverse()` copies
    /// them (≈ 690 instructions a call).
    /// - Complexity: O(transactions).
    func submit(_ transactions: consuming [Transaction]) {
        var pending = transactions
        if pending.count > 1 { pending.withUnsafeMutableBufferPointer { $0.reverse() } }
        while let transaction = pending.popLast() { chain.submit(transaction) }
    }
}
