/// A price oracle: answers the price of one whole unit of an asset in a named unit of account,
/// as an 18-decimal fixed-point number ("wad"; DESIGN.md §2–3).
public struct Oracle: Sendable {
    /// The scenario's id of the oracle, e.g. `eth_twap`.
    public var name: String
    /// The unit of account its answers are in (e.g. `USD`, `ETH`); a lending market only
    /// accepts oracles in its own unit.
    public var unit: String
    public var kind: OracleKind
    /// When set, every read answers this value instead (a corrupted or manipulated feed, e.g.
    /// one member of a median). Set only by tests (``ProtocolState/corruptOracle(_:answer:)``).
    var corruptedAnswer: UInt128?

    public init(name: String, unit: String, kind: OracleKind) {
        self.name = name
        self.unit = unit
        self.kind = kind
        self.corruptedAnswer = nil
    }
}

/// How an oracle computes its answer.
public enum OracleKind: Sendable, Equatable {
    /// A fixed answer (e.g. the unit of account itself: 1.0).
    case constant(UInt128)
    /// The pool's current reserves: price of token0 in token1 when `baseIsToken0`, else the
    /// inverse. Moves with every trade, inside the same transaction.
    case spot(pool: Int, baseIsToken0: Bool)
    /// A time-weighted average over the pool's closing prices; index into
    /// ``ProtocolState/twapOracles``.
    case twap(Int)
    /// A Chainlink-like feed whose rounds are transactions; index into
    /// ``ProtocolState/pushOracles``.
    case push(Int)
    /// The median of the answers of other oracles (the mean of the two middle ones, rounded
    /// down, for an even count).
    case median([Int])
    /// The lowest answer of other oracles: a conservative aggregator (bZx valued sUSD collateral at
    /// the lower of its Kyber and Uniswap prices; Qin et al., FC 2021).
    case lowest([Int])
    /// An LP share priced naively from the pool's reserves at its own spot price: value =
    /// (reserve0·spot0 + reserve1)·p1 / supply = 2·reserve1·p1 / supply, with p1 from
    /// `token1Oracle` — the Cheese Bank / Warp Finance flaw: a swap into the pool inflates it.
    case lpNaive(pool: Int, token1Oracle: Int)
    /// An LP share priced fairly: 2·√(reserve0·reserve1·p0·p1) / supply with both prices from
    /// oracles (Alpha Homora's fair LP pricing); a swap only moves it by the fee it adds to k.
    case lpFair(pool: Int, oracle0: Int, oracle1: Int)
    /// An automated price reserve's current price of its Y in its X (index into
    /// ``ProtocolState/reserves``); moves with every trade, inside the same transaction.
    case reserve(Int)
    /// A StableSwap pool's marginal price of coin `base` in coin `quote` (index into
    /// ``ProtocolState/stablePools``); moves with every swap, inside the same transaction.
    case stableSpot(pool: Int, base: AssetID, quote: AssetID)
    /// A share vault's price per share times its underlying's price from `underlyingOracle`
    /// (index into ``ProtocolState/vaults``): Cream's pricing of yUSD, inflatable by a donation
    /// when the vault counts its balances.
    case vaultShare(vault: Int, underlyingOracle: Int)
    /// One LP share of StableSwap pool `pool` (index into ``ProtocolState/stablePools``), each
    /// coin priced by its oracle in `coinOracles` (in the pool's coin order): naively, the share's
    /// claims at the pool's live balances (Σ balanceᵢ·pᵢ / supply: a swap into the pool moves it,
    /// as it moves a naive constant-product LP price), or (`virtualPrice`) Curve's virtual price ×
    /// the lowest coin price (the pricing Curve and Chainlink recommend: only fees move it).
    case stableLP(pool: Int, coinOracles: [Int], virtualPrice: Bool)
}

/// One answer of an oracle.
public struct OracleReading: Sendable, Equatable {
    /// The price, wad (10^18 = 1 unit of account per whole token).
    public var value: UInt128
    /// When the answer was produced (seconds): now for computed oracles, the round's block
    /// timestamp for push oracles, the oldest member's for a median.
    public var updatedAt: Int64

    public init(value: UInt128, updatedAt: Int64) {
        self.value = value
        self.updatedAt = updatedAt
    }
}

/// Why an oracle read failed (a revert inside a transaction).
public enum OracleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pool behind the oracle has an empty reserve.
    case emptyPool(oracle: String)
    /// The answer is older than the consumer's staleness limit and no fallback applies.
    case stale(oracle: String, age: Int64, limit: Int64)
    /// The answer deviates from the fallback by more than the limit and the consumer pauses.
    case paused(oracle: String)
    /// An arithmetic failure while computing the answer.
    case arithmetic(oracle: String, ArithmeticError)

    public var description: String {
        switch self {
        case .emptyPool(let oracle): return "\(oracle): pool reserve is empty"
        case .stale(let oracle, let age, let limit): return "\(oracle): answer is \(age) s old, limit \(limit) s"
        case .paused(let oracle): return "\(oracle): deviation from the fallback beyond the limit, paused"
        case .arithmetic(let oracle, let error): return "\(oracle): arithmetic \(error)"
        }
    }
}
