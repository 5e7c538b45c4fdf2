/// How a consumer (a lending market's asset) reads its price: an oracle plus the guards it
/// switches on (DESIGN.md §3 "Guards").
public struct PriceSource: Sendable, Equatable {
    /// The primary oracle.
    public var oracle: Int
    /// Staleness limit: an answer older than this many seconds is not used.
    public var maxAge: Int64?
    /// The fallback oracle, used when the primary is stale or deviates too far.
    public var fallback: Int?
    /// Max |primary − fallback| / fallback, wad fraction (needs `fallback`).
    public var maxDeviation: UInt128?
    /// What happens when the primary deviates beyond `maxDeviation`.
    public var onDeviation: DeviationAction

    public init(oracle: Int, maxAge: Int64? = nil, fallback: Int? = nil, maxDeviation: UInt128? = nil,
                onDeviation: DeviationAction = .useFallback) {
        self.oracle = oracle
        self.maxAge = maxAge
        self.fallback = fallback
        self.maxDeviation = maxDeviation
        self.onDeviation = onDeviation
    }
}

/// A deviation guard's action.
public enum DeviationAction: Sendable, Equatable {
    /// Use the fallback's answer.
    case useFallback
    /// Refuse to price: every step that needs the price reverts.
    case pause
}

extension ProtocolState {
    /// The guarded price of `source` at `timestamp`, wad.
    ///
    /// A stale primary answer (age > `maxAge`) gives way to the fallback, or reverts without
    /// one (a stale fallback reverts too). A primary beyond `maxDeviation` from the fallback
    /// gives the fallback's answer, or reverts with `.paused`.
    public func price(_ source: PriceSource, at timestamp: Int64) throws(OracleError) -> UInt128 {
        let reading = try readOracle(source.oracle, at: timestamp)
        // NOTE: most sources have no guard (every read of benchmark-day's ≈ 270 k): answered
        // before the oracle's name and the guards are read.
        if source.maxAge == nil, source.fallback == nil { return reading.value }
        let name = oracles[source.oracle].name
        let stale = source.maxAge.map { timestamp - reading.updatedAt > $0 } ?? false
        guard let fallbackIndex = source.fallback else {
            if stale { throw .stale(oracle: name, age: timestamp - reading.updatedAt, limit: source.maxAge ?? 0) }
            return reading.value
        }
        let fallback = try readOracle(fallbackIndex, at: timestamp)
        if let maxAge = source.maxAge, timestamp - fallback.updatedAt > maxAge, stale {
            throw .stale(oracle: name, age: timestamp - reading.updatedAt, limit: maxAge)
        }
        if stale { return fallback.value }
        guard let maxDeviation = source.maxDeviation else { return reading.value }
        let difference = reading.value >= fallback.value ? reading.value - fallback.value : fallback.value - reading.value
        let limit: UInt128
        do { limit = try FixedPoint.mulDiv(maxDeviation, fallback.value, FixedPoint.wad, rounding: .down) } catch {
            throw .arithmetic(oracle: name, error)
        }
        guard difference > limit else { return reading.value }
        switch source.onDeviation {
        case .useFallback: return fallback.value
        case .pause: throw .paused(oracle: name)
        }
    }
}
