/// The span of time in which an asset's scheduled shocks are moving, and their product after it.
///
/// Before `start` every shock's factor is exactly 1; from `end` on every one is its full
/// 1 + move, so their product is `settled`, multiplied in the shocks' order as
/// ``ReferenceMarket/shockFactor(_:at:)`` multiplies them: the same bits. Only a time inside
/// the span needs the factors themselves.
///
/// NOTE: a price between blocks multiplied the shock factors of its asset at every read
/// (a retain of the asset's shock list and a call); benchmark-day's one-hour shock spans 1/24
/// of its day: `ReferenceMarket.price(asset:at:)` 116.3 M → 112.3 M instructions (full day,
/// warm-up + 1 replication, with the deviations held by the market).
struct ShockWindow: Sendable, Equatable {
    /// Seconds: the earliest shock's start (+∞ without shocks).
    let start: Double
    /// Seconds: the latest end of a move (`at + over`, or `at` for a jump; −∞ without shocks).
    let end: Double
    /// Π (1 + move) over the shocks, in their order: the factor from `end` on.
    let settled: Double

    /// The window of `shocks` (the shocks of one asset).
    /// - Complexity: O(shocks).
    init(_ shocks: [PriceShock]) {
        var start = Double.infinity, end = -Double.infinity, settled = 1.0
        for shock in shocks {
            start = min(start, shock.at)
            // The bound `PriceShock.factor(at:)` compares with: a move is over from `at + over`.
            end = max(end, shock.over > 0 ? shock.at + shock.over : shock.at)
            settled *= 1 + shock.move
        }
        self.start = start
        self.end = end
        self.settled = settled
    }

    /// The product of the shocks' factors at `time` when `time` is outside the window (1
    /// before it, `settled` from its end), or nil inside it.
    /// - Complexity: O(1).
    func restingFactor(at time: Double) -> Double? {
        if time < start { return 1 }
        if time >= end { return settled }
        return nil
    }
}
