import ProtocolModel

/// The attacker: one account that carries out an ``AttackPlan`` through ordinary transactions
/// (no shortcut around the ledger; DESIGN.md §4). It wakes at the plan's time, sends what the
/// plan says, and wakes again while the plan has more to do.
public struct Attacker: Sendable {
    public let name: String
    /// The name its transactions carry in the event log.
    public let tag: AgentTag
    public let account: AccountID
    /// The plan, with whatever progress a multi-block plan keeps.
    public private(set) var plan: AttackPlan
    /// Simulated seconds of the first wake-up (its transactions enter the next block).
    public let start: Double
    /// Priority fee, wei per gas unit.
    public let priorityFee: UInt64
    /// Send as a private bundle (top of the block), as attack contracts usually do, unless the
    /// plan decides per wake-up (``AttackDecision/isPrivate``).
    public let isPrivate: Bool
    /// Other accounts the attacker controls without sending from them (a second wallet whose
    /// signed orders it takes); their P&L is the attacker's.
    public let wallets: [AccountID]

    public init(name: String, account: AccountID, plan: AttackPlan, start: Double, priorityFee: UInt64, isPrivate: Bool,
                wallets: [AccountID] = []) {
        self.name = name
        tag = AgentTag(name)
        self.account = account
        self.wallets = wallets
        self.plan = plan
        self.start = start
        self.priorityFee = priorityFee
        self.isPrivate = isPrivate
    }

    /// Appends the transactions of one wake-up at `view.time` to `proposals` and returns the
    /// seconds until the next (nil: done).
    public mutating func decide(_ view: AgentView, into proposals: inout [Transaction]) -> Double? {
        let decision = plan.decide(view)
        for steps in decision.transactions {
            proposals.append(Transaction(sender: account, agent: tag, steps: steps, priorityFee: priorityFee,
                                         isPrivate: decision.isPrivate ?? isPrivate, closesBlock: decision.closesBlock,
                                         submittedAt: view.time))
        }
        return decision.wakeAfter
    }
}
