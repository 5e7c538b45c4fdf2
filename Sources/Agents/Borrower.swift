import GSL
import ProtocolModel

/// What a borrower does when its health falls below its reaction level.
public enum BorrowerAction: String, Sendable, CaseIterable {
    /// Deposits more of its collateral asset from its wallet.
    case topUp = "top-up"
    /// Repays part of its debt from its wallet.
    case repay
}

/// How a borrower population reacts to falling health (`agents.borrowers.behaviour`).
public struct BorrowerBehaviour: Sendable {
    /// Health factor below which a borrower may react, wad.
    public var below: UInt128
    public var action: BorrowerAction
    /// Health factor the reaction aims for, wad (above `below`).
    public var target: UInt128
    /// Chance that a borrower reacts each time it falls below `below`, in [0, 1].
    public var probability: Double
    /// Delay between the block that showed the fall and the reaction, seconds.
    public var latency: Distribution
    /// Priority fee of its transactions, wei per gas.
    public var priorityFee: UInt64

    public init(below: UInt128, action: BorrowerAction, target: UInt128, probability: Double, latency: Distribution,
                priorityFee: UInt64) {
        self.below = below
        self.action = action
        self.target = target
        self.probability = probability
        self.latency = latency
        self.priorityFee = priorityFee
    }
}

/// A borrower with one collateral and one debt asset in a lending market that, when woken
/// because its health fell below its population's level, tops up its collateral or repays debt
/// from its wallet to bring its health back to the target, through an ordinary transaction.
///
/// It decides from the last sealed block's state and the oracle answers at the current time; the
/// amount is computed exactly in the market's unit (wad), rounded up, then capped by what its
/// wallet can spend (and, for a repayment, by its debt) — a borrower with too little in its
/// wallet does what it can.
public struct Borrower: Sendable {
    public let name: String
    public let account: AccountID
    /// Index of its lending market.
    public let market: Int
    public let collateral: AssetID
    public let debt: AssetID

    public init(name: String, account: AccountID, market: Int, collateral: AssetID, debt: AssetID) {
        self.name = name
        self.account = account
        self.market = market
        self.collateral = collateral
        self.debt = debt
    }

    /// The transaction that restores its health to `behaviour.target`, or nil when its health
    /// is no longer below `behaviour.below`, it has no debt, or its wallet holds nothing usable.
    ///
    /// Top-up: deposit ⌈(target × debt − weighted collateral) / (LT × price)⌉. Repay: repay
    /// ⌈(debt − weighted collateral / target) / price⌉ of the debt asset.
    /// - Complexity: O(market assets) oracle reads.
    public func react(_ view: AgentView, behaviour: BorrowerBehaviour) -> Transaction? {
        let state = view.state
        let timestamp = Int64(view.time)
        let book = state.markets[market]
        guard let values = try? state.accountValues(market: market, account: account, at: timestamp),
              values.debt > 0, values.health < behaviour.below,
              let collateralSlot = book.slot(of: collateral), let debtSlot = book.slot(of: debt)
        else { return nil }
        let gasUnits = view.gas.base + (behaviour.action == .topUp ? view.gas.deposit : view.gas.repay)
        let step: Step
        do {
            switch behaviour.action {
            case .topUp:
                let config = book.assets[collateralSlot]
                guard config.liquidationThreshold > 0 else { return nil }
                let wanted = try FixedPoint.mulDiv(behaviour.target, values.debt, FixedPoint.wad, rounding: .up)
                guard wanted > values.weightedCollateral else { return nil }
                let value = try FixedPoint.mulDiv(wanted - values.weightedCollateral, FixedPoint.wad, config.liquidationThreshold, rounding: .up)
                let needed = try Self.tokens(value, price: try state.price(config.price, at: timestamp), decimals: decimals(collateral, state))
                let amount = min(needed, view.spendable(collateral, of: account, gasUnits: gasUnits, priorityFee: behaviour.priorityFee))
                guard amount > 0 else { return nil }
                step = .deposit(market: market, asset: collateral, amount: .exact(amount))
            case .repay:
                let config = book.assets[debtSlot]
                let kept = try FixedPoint.mulDiv(values.weightedCollateral, FixedPoint.wad, behaviour.target, rounding: .down)
                guard values.debt > kept else { return nil }
                let needed = try Self.tokens(values.debt - kept, price: try state.price(config.price, at: timestamp), decimals: decimals(debt, state))
                let amount = min(needed, state.debt(market: market, slot: debtSlot, account: account),
                                 view.spendable(debt, of: account, gasUnits: gasUnits, priorityFee: behaviour.priorityFee))
                guard amount > 0 else { return nil }
                step = .repay(market: market, asset: debt, amount: .exact(amount))
            }
        } catch {
            return nil
        }
        // The tag is made here, when the borrower acts, not when it is built: a population has as
        // many borrowers as accounts, most of which never send anything, and each tag made at
        // build time cost a lock and a lookup per borrower and replication and kept every name.
        return Transaction(sender: account, agent: AgentTag(name), steps: [step], priorityFee: behaviour.priorityFee,
                           submittedAt: view.time)
    }

    private func decimals(_ asset: AssetID, _ state: ProtocolState) -> Int {
        state.ledger.assets[asset.index].decimals
    }

    /// ⌈value × 10^decimals / price⌉: raw units of a token worth `value` (wad) at `price` (wad per whole token).
    static func tokens(_ value: UInt128, price: UInt128, decimals: Int) throws -> UInt128 {
        var scale: UInt128 = 1
        for _ in 0..<decimals { scale *= 10 }
        return try FixedPoint.mulDiv(value, scale, price, rounding: .up)
    }
}
