import Agents
import Simulation

extension World {
    /// Queues the wake-up of each perp liquidator without one queued, after its reaction delay
    /// from the block just sealed (an event at the seal's instant for a delay of 0, after the
    /// seal's own work).
    @inline(never)
    func schedulePerpLiquidators(simulator: inout Simulator<WorldEvent>) {
        for index in perpLiquidators.indices where !perpLiquidatorWaiting[index] {
            perpLiquidatorWaiting[index] = true
            simulator.schedule(.perpLiquidator(index), after: perpLiquidators[index].reactionDelay(), priority: WorldEvent.perpLiquidator(index).priority)
        }
    }

    /// Perp liquidator `index` wakes at `time`: it decides on the last sealed block, its
    /// liquidations queued as it makes them (so the next to wake sees them in the mempool).
    func perpLiquidatorWakes(_ index: Int, at time: Double) {
        perpLiquidatorWaiting[index] = false
        let liquidator = perpLiquidators[index]
        withView(at: time) { view in liquidator.decide(view, into: &proposals) }
        submitProposals()
    }
}
