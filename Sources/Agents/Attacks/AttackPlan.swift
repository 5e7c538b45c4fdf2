import ProtocolModel

/// A complete, parameterised attack (issue 6): what the attacker sends, step by step.
public enum AttackPlan: Sendable {
    /// bZx #2, Cheese Bank, Warp: buy the collateral where the market's oracle reads its price,
    /// deposit it, borrow the most the inflated price allows, repay the flash loan — one
    /// transaction.
    case spotOracleBorrow(SpotOracleBorrow)
    /// bZx #1: borrow Y against X at a fixed-price market, pump Y's pool price with a leveraged
    /// short at a margin venue, dump the borrowed Y into the pumped pool — one transaction, then
    /// optionally unwind the debt over later wake-ups.
    case pumpAndArbitrage(PumpAndArbitrage)
    /// Sell into the pool a spot oracle reads, liquidate the borrowers the push makes unhealthy,
    /// buy back, repay the flash loan — one transaction.
    case cascadeTrigger(CascadeTrigger)
    /// Inverse Finance: hold a pool's price up over several blocks, then borrow against the TWAP.
    case twapManipulation(TwapManipulation)
    /// Bribe a majority of a median oracle's sources to post a false price, then borrow.
    case oracleBribe(OracleBribe)
    /// Harvest: move a stable pool around a vault deposit and withdrawal, `cycles` per
    /// transaction, one transaction per block.
    case sharePriceCycle(SharePriceCycle)
    /// Mango Markets: a perp fill between two own wallets, a spot pump of the perp's oracle over
    /// several blocks, then a loan against the long wallet's unrealised PnL.
    case oraclePumpPnL(OraclePumpPnL, account: AccountID)
    /// Buy options on a vault, then move the pool its settlement oracle reads at expiry (a spot
    /// push in one transaction, or a push held over blocks for a TWAP) and settle.
    case settlementManipulation(SettlementManipulation)
    /// Cream Finance v1: two own accounts build a vault-share collateral claim larger than the
    /// vault's supply, a donation to the vault inflates it, borrow everything — one transaction
    /// sent by `account`.
    case donationInflation(DonationInflation, account: AccountID)

    /// What the plan does at `view.time`: the transactions to send and when to wake next. A plan
    /// that spans blocks keeps its progress in its own value (the attacker owns it, mutably).
    mutating func decide(_ view: AgentView) -> AttackDecision {
        switch self {
        case .spotOracleBorrow(let plan): return AttackDecision(transactions: [plan.steps()], wakeAfter: nil)
        case .pumpAndArbitrage(var plan):
            defer { self = .pumpAndArbitrage(plan) }
            return plan.decide(view)
        case .cascadeTrigger(var plan):
            let decision = plan.decide(view)
            self = .cascadeTrigger(plan)
            return decision
        case .twapManipulation(var plan):
            let decision = plan.decide(view)
            self = .twapManipulation(plan)
            return decision
        case .oracleBribe(let plan): return AttackDecision(transactions: [plan.steps(view)], wakeAfter: nil)
        case .sharePriceCycle(var plan):
            defer { self = .sharePriceCycle(plan) }
            return plan.decide(view)
        case .oraclePumpPnL(var plan, let account):
            let decision = plan.decide(view, account: account)
            self = .oraclePumpPnL(plan, account: account)
            return decision
        case .settlementManipulation(var plan):
            let decision = plan.decide(view)
            self = .settlementManipulation(plan)
            return decision
        case .donationInflation(let plan, let account):
            return AttackDecision(transactions: [plan.steps(account: account)], wakeAfter: nil)
        }
    }
}

/// One wake-up's result.
public struct AttackDecision: Sendable, Equatable {
    /// The step lists of the transactions to send now, in order.
    public var transactions: [[Step]]
    /// Seconds until the attacker wakes again; nil when the plan is done.
    public var wakeAfter: Double?
    /// Whether this wake-up's transactions go as private bundles (true) or to the public mempool
    /// (false); nil: the attacker's own setting.
    public var isPrivate: Bool?
    /// Whether the builder the attacker pays places them last in the block (see
    /// ``Transaction/closesBlock``).
    public var closesBlock: Bool

    public init(transactions: [[Step]], wakeAfter: Double?, isPrivate: Bool? = nil, closesBlock: Bool = false) {
        self.transactions = transactions
        self.wakeAfter = wakeAfter
        self.isPrivate = isPrivate
        self.closesBlock = closesBlock
    }
}

/// One purchase of an attack: `amount` of the funding asset sold at a venue for the asset the
/// plan wants.
public struct AttackLeg: Sendable, Equatable {
    /// Where the trade goes.
    public enum Venue: Sendable, Equatable {
        /// Constant-product pool `index`, in the direction that takes the funding asset.
        case pool(index: Int, zeroForOne: Bool)
        /// Automated price reserve `index`, selling its X (`sellX`) or its Y.
        case reserve(index: Int, sellX: Bool)
        /// Fixed-price depot `index` (it takes only the asset it is paid in).
        case depot(index: Int)

        /// The step selling `amountIn` here (any output accepted: the plan's own end check decides).
        func trade(_ amountIn: Amount) -> Step {
            switch self {
            case .pool(let index, let zeroForOne):
                return .swap(pool: index, zeroForOne: zeroForOne, amountIn: amountIn, minAmountOut: 0)
            case .reserve(let index, let sellX):
                return .reserveSwap(reserve: index, sellX: sellX, amountIn: amountIn, minAmountOut: 0)
            case .depot(let index):
                return .depotBuy(depot: index, amountIn: amountIn, minAmountOut: 0)
            }
        }
    }

    public var venue: Venue
    /// Raw units of the funding asset sold.
    public var amount: UInt128

    public init(venue: Venue, amount: UInt128) {
        self.venue = venue
        self.amount = amount
    }

    /// The step that makes the trade.
    var step: Step { venue.trade(.exact(amount)) }
}

/// The flash loan an attack is financed with.
public struct AttackFlashLoan: Sendable, Equatable {
    /// Index into ``ProtocolState/flashLoanProviders``.
    public var provider: Int
    public var asset: AssetID

    public init(provider: Int, asset: AssetID) {
        self.provider = provider
        self.asset = asset
    }
}
