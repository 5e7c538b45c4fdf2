/// The switchable defences of one lending market (DESIGN.md §3, issue 5 item 6); each is off
/// when nil. Configured once while the world is built
/// (``ProtocolState/configureDefences(market:_:)``).
public struct MarketDefences: Sendable, Equatable {
    public var circuitBreaker: CircuitBreaker?
    public var liquidationCap: LiquidationCap?
    public var dynamicCollateral: DynamicCollateralFactor?

    public init(circuitBreaker: CircuitBreaker? = nil, liquidationCap: LiquidationCap? = nil,
                dynamicCollateral: DynamicCollateralFactor? = nil) {
        self.circuitBreaker = circuitBreaker
        self.liquidationCap = liquidationCap
        self.dynamicCollateral = dynamicCollateral
    }
}

/// Pauses borrowing and/or liquidations when a watched oracle moves too far within a window.
///
/// At each seal every watched oracle's answer p is compared with the lowest (lo) and highest
/// (hi) answers it gave at the seals of the last `window` seconds: the breaker trips when
/// p > lo × (1 + threshold) or p < hi × (1 − threshold). A trip pauses the listed actions until
/// `cooldown` seconds after the latest trip (a move while paused extends the pause; only a
/// trip from the unpaused state is counted in ``DefenceState/trips``).
public struct CircuitBreaker: Sendable, Equatable {
    /// The oracle indices watched.
    public var oracles: [Int]
    /// Relative move that trips it, wad (0.2 = 20 %).
    public var threshold: UInt128
    /// Look-back window, seconds.
    public var window: Int64
    /// Pause length after the latest trip, seconds.
    public var cooldown: Int64
    /// Whether a trip pauses `borrow`.
    public var pausesBorrow: Bool
    /// Whether a trip pauses `liquidate` and `start_auction`.
    public var pausesLiquidations: Bool

    public init(oracles: [Int], threshold: UInt128, window: Int64, cooldown: Int64, pausesBorrow: Bool, pausesLiquidations: Bool) {
        self.oracles = oracles
        self.threshold = threshold
        self.window = window
        self.cooldown = cooldown
        self.pausesBorrow = pausesBorrow
        self.pausesLiquidations = pausesLiquidations
    }
}

/// A limit on liquidations within one block: a liquidation that would take the block's total
/// repaid value above `value`, its count above `count`, or one account's liquidations above
/// `perAccount`, reverts.
public struct LiquidationCap: Sendable, Equatable {
    /// Max repaid value per block, wad in the market's unit of account (debt valued at its
    /// guarded oracle price, rounded down); nil: no value cap.
    public var value: UInt128?
    /// Max executed liquidations per block; nil: no count cap.
    public var count: Int?
    /// Max executed liquidations of one account per block; nil: no per-account cap.
    public var perAccount: Int?

    public init(value: UInt128?, count: Int?, perAccount: Int? = nil) {
        self.value = value
        self.count = count
        self.perAccount = perAccount
    }
}

/// Collateral factors and liquidation thresholds that fall as realised volatility rises
/// ("autonomous risk management").
///
/// At each seal, per collateral asset with LT > 0, from its guarded price p and the previous
/// seal's p′ (Δt seconds earlier): r = ln(p / p′), λ = 2^(−Δt / halflife),
/// v ← λ·v + (1 − λ)·r² (v starts at 0), realised volatility σ = √(v · year / Δt) (per year,
/// 365 days), and scale = clamp(targetVolatility / σ, minFactor, 1) (1 while σ = 0). The
/// effective CF and LT are ⌊configured × scale⌋ (scale held as a wad, rounded down). Doubles
/// are used for the estimate only; the factor the protocol applies is a fixed wad until the
/// next seal.
public struct DynamicCollateralFactor: Sendable, Equatable {
    /// EWMA half-life, seconds (> 0).
    public var halflife: Double
    /// Volatility per year at and below which the configured factors apply in full (> 0).
    public var targetVolatility: Double
    /// Lowest scale applied, in (0, 1].
    public var minFactor: Double

    public init(halflife: Double, targetVolatility: Double, minFactor: Double) {
        self.halflife = halflife
        self.targetVolatility = targetVolatility
        self.minFactor = minFactor
    }
}

/// The defences' running state in one market.
public struct DefenceState: Sendable, Equatable {
    /// Per watched oracle (in ``CircuitBreaker/oracles`` order), the answers of the window.
    var windows: [WindowExtremes] = []
    /// Paused actions stay paused while the block timestamp is below this, seconds.
    public internal(set) var pausedUntil: Int64 = .min
    /// Times the circuit breaker tripped from the unpaused state.
    public internal(set) var trips = 0
    /// Liquidations made in the current block against the cap (journalled).
    public internal(set) var capUsage = LiquidationCapUsage()
    /// Per asset slot: EWMA of squared log-returns (per seal interval), the last sealed price
    /// (wad; 0 before the first seal) and its timestamp.
    var variance: [Double] = []
    var lastPrice: [UInt128] = []
    var lastSeal: Int64?
    /// Per asset slot: the dynamic collateral scale, wad (10^18 = configured factors in full).
    public internal(set) var collateralScale: [UInt128] = []

    /// Whether `action` is paused in a block at `timestamp` under `breaker`.
    public func isPaused(_ action: PausableAction, under breaker: CircuitBreaker?, at timestamp: Int64) -> Bool {
        guard let breaker, timestamp < pausedUntil else { return false }
        switch action {
        case .borrow: return breaker.pausesBorrow
        case .liquidate: return breaker.pausesLiquidations
        }
    }
}

/// What the liquidations of the current block used of the cap.
///
/// NOTE: the per-account counts are kept by account index, each stamped with the timestamp of
/// the block it counts in, instead of in a dictionary made anew for each block: a block starts by
/// changing `timestamp` alone (a count stamped with another timestamp is 0), and a count is read
/// without hashing the account (≈ 220 instructions per lookup, plus the dictionary's regrowth in
/// every block with liquidations). The list grows once to the largest account index counted.
/// Equality compares the counts of the current block, not the stamps of earlier ones.
public struct LiquidationCapUsage: Sendable {
    /// Timestamp of the block the totals belong to.
    public internal(set) var timestamp: Int64 = .min
    /// Repaid value so far in that block, wad in the market's unit.
    public internal(set) var value: UInt128 = 0
    /// Liquidations so far in that block.
    public internal(set) var count = 0
    /// By account index, the account's last counted block and its count there (kept only under
    /// a per-account cap).
    private var tallies: [Tally] = []

    /// One account's liquidations in the block at `timestamp`.
    struct Tally: Sendable, Equatable {
        var timestamp: Int64
        var count: Int
    }

    /// Liquidations of `account` so far in the block at ``timestamp``.
    /// - Complexity: O(1).
    public func count(of account: AccountID) -> Int {
        guard account.index < tallies.count, tallies[account.index].timestamp == timestamp else { return 0 }
        return tallies[account.index].count
    }

    /// Liquidations so far in the block at ``timestamp`` per account that has any (kept only
    /// under a per-account cap).
    /// - Complexity: O(largest account index counted so far).
    public var perAccount: [AccountID: Int] {
        var counts: [AccountID: Int] = [:]
        for (index, tally) in tallies.enumerated() where tally.timestamp == timestamp && tally.count > 0 {
            counts[AccountID(index)] = tally.count
        }
        return counts
    }

    /// What is stored for `account` (its count in another block included), for the journal.
    func tally(of account: AccountID) -> Tally {
        account.index < tallies.count ? tallies[account.index] : Tally(timestamp: .min, count: 0)
    }

    /// Stores `tally` for `account`, growing the list to its index.
    /// - Complexity: O(1), plus once the growth of the list.
    // NOTE: inlined into its two callers, a liquidation's count and its undo (benchmark-day full
    // day, warm-up + 1: 651.9 M -> 651.4 M; callgrind).
    @inline(__always)
    mutating func setTally(_ tally: Tally, of account: AccountID) {
        if account.index >= tallies.count {
            tallies.append(contentsOf: repeatElement(Tally(timestamp: .min, count: 0), count: account.index + 1 - tallies.count))
        }
        tallies[account.index] = tally
    }
}

extension LiquidationCapUsage: Equatable {
    /// The same block, totals and per-account counts in it.
    public static func == (lhs: LiquidationCapUsage, rhs: LiquidationCapUsage) -> Bool {
        lhs.timestamp == rhs.timestamp && lhs.value == rhs.value && lhs.count == rhs.count && lhs.perAccount == rhs.perAccount
    }
}

/// An action a circuit breaker can pause.
public enum PausableAction: String, Sendable, Equatable, CaseIterable {
    case borrow
    /// `liquidate` and `start_auction`.
    case liquidate
}
