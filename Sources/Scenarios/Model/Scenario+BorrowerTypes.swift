import Agents
import GSL

/// Where a borrower population's genesis positions come from.
public enum BorrowerPositions: Sendable {
    /// `count` borrowers with drawn collateral and health.
    case drawn(BorrowerDraws)
    /// One borrower per row of a CSV snapshot.
    case snapshot(BorrowerSnapshot)
}

/// `agents.borrowers` without a snapshot: one collateral and one debt asset for all.
public struct BorrowerDraws: Sendable {
    /// Collateral asset symbol and amount (whole tokens, drawn per borrower).
    public var collateral: String
    public var amount: Distribution
    /// Debt asset symbol.
    public var debt: String
    /// Initial health factor, drawn per borrower (the borrow is capped by the borrowing power).
    public var health: Distribution
}

/// `agents.borrowers.snapshot: FILE`: positions loaded from a CSV file.
public struct BorrowerSnapshot: Sendable {
    /// The path it was read from (the scenario's path, resolved against the scenario file's
    /// folder): what messages print and what a rendered scenario names.
    public var resolvedPath: String
    public var positions: [SnapshotPosition]
}

/// One row of a position snapshot; amounts are exact decimal text in whole tokens.
public struct SnapshotPosition: Sendable, Equatable {
    /// The account's name (unique in the snapshot).
    public var account: String
    public var collateral: String
    public var collateralAmount: String
    public var debt: String
    public var debtAmount: String
    /// 1-based line of the row in the file.
    public var line: Int
}

/// `agents.borrowers.behaviour`: how borrowers react when their health falls.
public struct BorrowerBehaviourSpec: Sendable {
    /// Health factor below which a borrower may react (> 0).
    public var below: Double
    public var action: BorrowerAction
    /// Health factor it restores (above `below`).
    public var target: Double
    /// Chance of reacting each time it falls below `below`, in [0, 1].
    public var probability: Double
    /// Reaction delay after the block that showed the fall, seconds.
    public var latency: Distribution
    /// Wallet endowment per borrower: per asset, whole tokens (include the native asset for gas).
    public var reserve: CapitalSpec
    /// Priority fee, gwei.
    public var priorityFee: Double
}

extension Scenario {
    /// The path the borrower snapshot was read from (for its hash in manifest.json), if any.
    public var borrowerSnapshotPath: String? {
        guard case .snapshot(let snapshot) = borrowers?.positions else { return nil }
        return snapshot.resolvedPath
    }
}
