import Agents

extension World {
    /// Each perp liquidator's decision on the block just sealed, at `time`, its liquidations
    /// queued as it makes them (so the next one sees them in the mempool).
    @inline(never)
    func perpLiquidatorsDecide(at time: Double) {
        for liquidator in perpLiquidators {
            withView(at: time) { view in liquidator.onBlockSealed(view, into: &proposals) }
            submitProposals()
        }
    }
}
