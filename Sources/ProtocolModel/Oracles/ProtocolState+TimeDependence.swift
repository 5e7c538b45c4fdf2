extension ProtocolState {
    /// Whether oracle `index`'s answer on a fixed state can change with the time it is read at:
    /// a TWAP integrates the last closing price up to the read time; every other kind answers
    /// from the state alone (a push feed's answer and round time are state), unless it reads a
    /// TWAP through its members. A corrupted oracle answers its fixed value.
    /// - Complexity: O(oracles in its tree).
    public func oracleDependsOnTime(_ index: Int) -> Bool {
        // The oracle's fields are read in place: a copy of the oracle retained its names.
        if oracles[index].corruptedAnswer != nil { return false }
        switch oracles[index].kind {
        case .constant, .spot, .push, .reserve, .stableSpot: return false
        case .twap: return true
        case .median(let members), .lowest(let members): return members.contains(where: oracleDependsOnTime)
        case .lpNaive(_, let token1Oracle): return oracleDependsOnTime(token1Oracle)
        case .lpFair(_, let oracle0, let oracle1): return oracleDependsOnTime(oracle0) || oracleDependsOnTime(oracle1)
        case .vaultShare(_, let underlyingOracle): return oracleDependsOnTime(underlyingOracle)
        case .stableLP(_, let coinOracles, _): return coinOracles.contains(where: oracleDependsOnTime)
        }
    }

    /// Whether the guarded price of `source` on a fixed state can change with the read time: a
    /// staleness limit compares the answer's age with it, and a TWAP primary or fallback moves with it.
    public func priceDependsOnTime(_ source: PriceSource) -> Bool {
        source.maxAge != nil || oracleDependsOnTime(source.oracle) || source.fallback.map(oracleDependsOnTime) == true
    }

    /// Whether any health in lending market `market` on a fixed state can change with the time
    /// it is computed at (only its assets' guarded prices can): when false, an index query such
    /// as ``accountsBelowHealth(_:market:at:)`` answers the same at every time between two blocks.
    public func healthDependsOnTime(market: Int) -> Bool {
        // NOTE: the assets' price sources are read in place, not through a copy of the asset list
        // and a closure, and the oracles in place too: 207 -> 139 instructions a call (asked
        // once per sealed block).
        for slot in markets[market].assets.indices where priceDependsOnTime(markets[market].assets[slot].price) {
            return true
        }
        return false
    }
}
