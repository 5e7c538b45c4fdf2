import Simulation

/// A wake-up of an arbitrageur held out of the event queue (``World/deferredArbitrageurs``).
struct DeferredWakeUp {
    /// Simulated seconds it wakes at.
    let time: Double
    /// Its place in the event order, reserved when its delay was drawn.
    let id: EventID
    /// The arbitrageur's index.
    let index: Int
}

extension World {
    /// Holds the wake-up of arbitrageur `index` at `time`, drawn at this seal, out of the queue:
    /// it sizes at execution, takes part, and wakes before the next block.
    ///
    /// NOTE: such wake-ups come in a chain, only the first not yet run in the queue. Once a
    /// decision leaves a back-run of every pool pending, every later one of the chain would only
    /// stand aside (``Arbitrageur/standAside()``): they are stood aside at once, without their
    /// events (≈ 1.6 of ≈ 2.5 arbitrageur wake-ups a quiet block in benchmark-day). Each keeps
    /// the place in the order its delay's draw reserved, so every event runs when it did.
    /// Callgrind: idle block at 10,000 borrowers 19,393 -> 19,166 instructions; benchmark-day
    /// 668.2 M -> 665.0 M (warm-up + 1).
    func deferArbitrageurWakeUp(_ index: Int, at time: Double, id: EventID) {
        // In wake-up order: by time, then by place (reserved in drawing order, so a later one of
        // the same time goes after). The slots are kept from seal to seal, and filled by hand:
        // `insert(_:at:)` and `removeAll` went through the array's generic `replaceSubrange`
        // (≈ 85 instructions each).
        let wakeUp = DeferredWakeUp(time: time, id: id, index: index)
        if deferredCount == deferredArbitrageurs.count { deferredArbitrageurs.append(wakeUp) }
        deferredArbitrageurs.withUnsafeMutableBufferPointer { chain in
            var position = deferredCount
            while position > 0, chain[position - 1].time > time {
                chain[position] = chain[position - 1]
                position -= 1
            }
            chain[position] = wakeUp
        }
        deferredCount += 1
    }

    /// Queues the first wake-up of the chain this seal drew that has not run (nothing when none is left).
    func queueFirstDeferredWakeUp(simulator: inout Simulator<WorldEvent>) {
        guard nextDeferredArbitrageur < deferredCount else { return }
        let first = deferredArbitrageurs[nextDeferredArbitrageur]
        simulator.schedule(.arbitrageur(first.index), at: first.time, priority: WorldEvent.arbitrageur(first.index).priority,
                           reserved: first.id)
    }

    /// After arbitrageur `index` woke: when it was the chain's queued wake-up, the next one is
    /// queued, or, if a back-run of every pool is now pending, the rest of the chain stands aside.
    func wokeArbitrageur(_ index: Int, simulator: inout Simulator<WorldEvent>) {
        guard nextDeferredArbitrageur < deferredCount, deferredArbitrageurs[nextDeferredArbitrageur].index == index else { return }
        nextDeferredArbitrageur += 1
        guard backRunInEveryPool else { return queueFirstDeferredWakeUp(simulator: &simulator) }
        // Each of them, woken before the next block (which alone clears the flag), would find
        // the flag set and stand aside; nothing reads their waiting flags or draws before the
        // next seal.
        for next in nextDeferredArbitrageur..<deferredCount {
            let waking = deferredArbitrageurs[next].index
            arbitrageurWaiting[waking] = false
            Unmanaged.passUnretained(arbitrageurs[waking])._withUnsafeGuaranteedRef { $0.standAside() }
        }
        nextDeferredArbitrageur = deferredCount
    }

    /// Empties the chain of the previous seal: every wake-up of it ran or stood aside, as they
    /// all fall before this block.
    func clearDeferredWakeUps() {
        assert(nextDeferredArbitrageur == deferredCount, "an arbitrageur wake-up was left deferred past its block")
        deferredCount = 0
        nextDeferredArbitrageur = 0
    }
}
