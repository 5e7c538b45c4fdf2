/// An oracle (`oracles: ID: {...}`): a price readable by lending markets, in `unit`.
public struct OracleSpec: Sendable {
    public var id: String
    /// The unit of account of its answers (default `USD`); a market only uses oracles in its unit.
    public var unit: String
    public var kind: OracleSpecKind
}

/// How an oracle computes its answer (`type:`), mapped onto the protocol core's oracles.
public enum OracleSpecKind: Sendable {
    /// The pool's current price of `base` in the pool's other token.
    case spot(pool: String, base: String)
    /// A time-weighted average of the pool's closing prices over `window` seconds, advanced at
    /// every sealed block.
    case twap(pool: String, base: String, window: Double, geometric: Bool)
    /// An arithmetic TWAP whose observation advances only through the public update step
    /// (`update: keeper`).
    case keeperTwap(KeeperTwapSpec)
    /// A Chainlink-like feed of an asset's reference price, posted by a keeper's transactions.
    case push(PushOracleSpec)
    /// The price of one LP share of `pool`.
    case lp(LPOracleSpec)
    /// The median of earlier oracles' answers.
    case median([String])
    /// The lowest of earlier oracles' answers.
    case lowest([String])
    /// A fixed answer (e.g. 1 for the unit of account itself).
    case constant(Double)
    /// An automated price reserve's current price of its `y` in its `x` (the oracle's unit is
    /// `x`); moves with every trade, inside the same transaction.
    case reserve(String)
    /// A stable pool's marginal price of coin `base` in coin `quote` (the oracle's unit is
    /// `quote`); moves with every swap, inside the same transaction.
    case stableSpot(pool: String, base: String, quote: String)
    /// A vault's price per share times its underlying's price from an earlier oracle (whose
    /// unit it takes).
    case vaultShare(vault: String, underlyingOracle: String)
    /// One LP share of a stable pool, each coin priced by an earlier oracle.
    case stableLP(StableLPOracleSpec)
}

/// `type: stable_lp`: an LP share of stable pool `pool`, valued naively at the pool's live
/// balances (a swap moves it) or by the virtual price times the lowest coin price (only fees move
/// it), each coin priced by an earlier oracle in the oracle's unit.
public struct StableLPOracleSpec: Sendable {
    public var pool: String
    /// `pricing: virtual_price` (true) or `naive`.
    public var virtualPrice: Bool
    /// Per coin of the pool, in the pool's coin order: the coin and the oracle pricing it.
    public var coinOracles: [(coin: String, oracle: String)]
}

/// The account that sends an oracle's transactions (push rounds, TWAP updates).
public struct OracleKeeperSpec: Sendable, Equatable {
    /// Priority fee per gas unit it offers, gwei (`priority_fee`, default 1).
    public var priorityFee: Double
    /// Native-asset balance it starts with to pay gas, whole tokens (`keeper_balance`, default 10).
    public var balance: Double
}

/// `type: twap` with `update: keeper` (the Inverse Finance / Keep3r design).
public struct KeeperTwapSpec: Sendable {
    public var pool: String
    public var base: String
    /// Minimum age of the observation a read differences against, seconds.
    public var window: Double
    /// How often the scenario's keeper sends the update, seconds (nil: no keeper; only agents
    /// that choose to call it update the oracle).
    public var interval: Double?
    public var keeper: OracleKeeperSpec
}

/// `type: push`: a Chainlink-like feed of `source`'s reference price in the oracle's unit.
public struct PushOracleSpec: Sendable {
    /// The asset whose reference price the keeper observes.
    public var source: String
    /// A round is due when the observation moved by this fraction from the answer (default 0.005).
    public var deviation: Double
    /// A round is due when the answer is this old, seconds (default 3600).
    public var heartbeat: Double
    /// Seconds from the keeper's observation to its transaction reaching the mempool (default 0).
    public var latency: Double
    /// Relative standard deviation of the keeper's observation noise (default 0).
    public var noise: Double
    public var keeper: OracleKeeperSpec
}

/// `type: lp`: an LP share of `pool` priced naively from reserves at the pool's own spot (the
/// Cheese Bank / Warp Finance flaw: needs only `token1_oracle`) or fairly as 2·√(k·p0·p1)/supply
/// (needs both token oracles).
public struct LPOracleSpec: Sendable {
    public var pool: String
    /// `pricing: fair` (true) or `naive`.
    public var fair: Bool
    /// The oracle pricing the pool's token0 (fair pricing only).
    public var token0Oracle: String?
    /// The oracle pricing the pool's token1.
    public var token1Oracle: String
}

/// A lending-market asset's guards on its oracle (mapped to the core's `PriceSource`).
public struct PriceGuardSpec: Sendable, Equatable {
    /// Staleness limit, seconds (`max_age`; nil: none).
    public var maxAge: Double?
    /// The fallback oracle's id (`fallback`).
    public var fallback: String?
    /// Max |primary − fallback| / fallback, fraction (`max_deviation`; needs `fallback`).
    public var maxDeviation: Double?
    /// `on_deviation: pause` (true) refuses to price; `fallback` (default) uses the fallback.
    public var pauseOnDeviation: Bool

    /// The scenario keys of the guards.
    static let keys: Set<String> = ["max_age", "fallback", "max_deviation", "on_deviation"]
}
