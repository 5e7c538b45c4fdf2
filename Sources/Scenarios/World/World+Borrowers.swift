import Agents
import GSL
import ProtocolModel
import Simulation

/// The reacting borrowers of a world (`agents.borrowers.behaviour`): who they are, how they
/// react, and who was below the reaction level at the last check, so that each fall is drawn
/// once.
struct BorrowerReactions {
    let behaviour: BorrowerBehaviour
    let market: Int
    let borrowers: [Borrower]
    /// Index into `borrowers` per account.
    let index: [AccountID: Int]
    /// Draws whether and when a borrower reacts (`behaviour:borrowers`).
    let stream: RandomStream
    /// Accounts below `behaviour.below` at the last check.
    var below: Set<AccountID> = []

    init(behaviour: BorrowerBehaviour, market: Int, borrowers: [Borrower], replicationSeed: UInt64) {
        self.behaviour = behaviour
        self.market = market
        self.borrowers = borrowers
        index = Dictionary(borrowers.enumerated().map { ($1.account, $0) }, uniquingKeysWith: { first, _ in first })
        stream = RandomStream(replicationSeed: replicationSeed, name: "behaviour:borrowers")
    }
}

extension World {
    /// The reacting borrowers of `market` whose health is below `threshold` (wad) at `timestamp`,
    /// from the liquidation index (an account whose health needs a price that cannot be read is
    /// left out).
    ///
    /// - Complexity: O(k log n) for the k accounts below, whatever the number of healthy ones.
    func borrowersBelowHealth(_ threshold: UInt128, market: Int, at timestamp: Int64) -> [AccountID] {
        guard let reactions = borrowerReactions else { return [] }
        let below = state.accountsBelowHealth(threshold, market: market, at: timestamp)
        return below.filter { reactions.index[$0] != nil }
    }

    /// After a sealed block: each borrower newly below the reaction level (in account order)
    /// reacts with the behaviour's probability, after its latency; one that stays below is not
    /// drawn again until it has been above.
    ///
    /// - Complexity: one ``borrowersBelowHealth(_:market:at:)`` call, plus O(k log k) for the k
    ///   accounts it returns.
    func wakeBorrowers(at time: Double, simulator: inout Simulator<WorldEvent>) {
        // NOTE: tested for nil before it is bound: binding copies the reactions first (≈ 90
        // instructions a block without borrower behaviour).
        guard borrowerReactions != nil, var reactions = borrowerReactions else { return }
        let found = borrowersBelowHealth(reactions.behaviour.below, market: reactions.market, at: Int64(time))
        let fresh = found.filter { !reactions.below.contains($0) }.sorted()
        reactions.below = Set(found)
        for account in fresh {
            guard let index = reactions.index[account], reactions.stream.uniform() < reactions.behaviour.probability else { continue }
            simulator.schedule(.borrower(index), after: max(0, reactions.behaviour.latency.sample(reactions.stream)), priority: 1)
        }
        borrowerReactions = reactions
    }

    /// Borrower `index` wakes: it submits its top-up or repayment if it is still below the level.
    func borrowerWakes(_ index: Int, at time: Double) {
        guard let reactions = borrowerReactions,
              let transaction = withView(at: time, { reactions.borrowers[index].react($0, behaviour: reactions.behaviour) }) else { return }
        submit(transaction)
    }
}
