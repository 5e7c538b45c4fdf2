/// The last answer of a pool's ``ConstantProductPool/arbitrage(towards:)``, for the block
/// builder's checks of block-closing bundles: asked again of the same pool and price while the
/// state is unchanged, it returns that answer instead of computing it again (the same value,
/// bit for bit: the answer depends only on the pool's state and the price).
///
/// The memo cannot see writes: its owner calls ``forget()`` before anything may change the
/// state the answers were computed on (a transaction run, another block, another state).
// NOTE: a back-run bundle is directed (`directedSwap`) and then checked (`toPriceSwapInput`) on
// the same state, the check asking the direction's answer again (when back-runs were a pair, one
// bundle per direction, the second check of a pair recomputed the first's: 27,860 calls a
// benchmark day, warm-up + 1, ≈ 160 instructions each; ≈ 45 % repeats: 726.3 M → 724.8 M
// instructions a benchmark day; callgrind). Keyed by the pool's index and not
// its state: a key of its reserves, fee and decimals cost ≈ 60 instructions a call (726.0 M).
struct ArbitrageMemo: Sendable {
    /// The pool of the remembered answer; −1 when there is none.
    private var pool = -1
    /// The bits of the remembered answer's price.
    private var priceBits: UInt64 = 0
    private var answer: (amountIn: UInt128, zeroForOne: Bool)?

    /// Pool `index`'s (`pool`'s) ``ConstantProductPool/arbitrage(towards:)`` answer for `price`:
    /// the remembered one when the last call since ``forget()`` asked the same.
    /// - Complexity: O(1).
    mutating func arbitrage(_ pool: borrowing ConstantProductPool, index: Int, towards price: Double)
        -> (amountIn: UInt128, zeroForOne: Bool)? {
        if index == self.pool, price.bitPattern == priceBits { return answer }
        answer = pool.arbitrage(towards: price)
        self.pool = index
        priceBits = price.bitPattern
        return answer
    }

    /// Drops the remembered answer: the state may change.
    mutating func forget() { pool = -1 }
}
