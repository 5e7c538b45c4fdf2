extension ProtocolState {
    /// Registers an oracle while the world is being built; returns its index.
    ///
    /// For `.twap` and `.push` kinds use ``addTwapOracle(name:unit:pool:baseIsToken0:window:geometric:timestamp:)``
    /// and ``addPushOracle(name:unit:keeper:parameters:answer:timestamp:)``. An oracle may only
    /// refer to oracles registered before it (so references never form a cycle), and a median
    /// needs at least one member.
    public mutating func addOracle(name: String, unit: String, kind: OracleKind) -> Int {
        let existing = 0..<oracles.count
        switch kind {
        case .twap, .push: preconditionFailure("TWAP and push oracles have their own constructors")
        case .median(let members), .lowest(let members):
            precondition(!members.isEmpty && members.allSatisfy(existing.contains), "an aggregate needs earlier oracles as members")
        case .lpNaive(_, let token1Oracle):
            precondition(existing.contains(token1Oracle), "an LP oracle refers to an earlier oracle")
        case .lpFair(_, let oracle0, let oracle1):
            precondition(existing.contains(oracle0) && existing.contains(oracle1), "an LP oracle refers to earlier oracles")
        case .reserve(let reserve): precondition(reserves.indices.contains(reserve), "a reserve oracle needs a reserve")
        case .stableSpot(let pool, _, _): precondition(stablePools.indices.contains(pool), "a stable-pool oracle needs its pool")
        case .vaultShare(let vault, let underlyingOracle):
            precondition(vaults.indices.contains(vault) && existing.contains(underlyingOracle), "a vault-share oracle needs its vault and an earlier oracle")
        case .stableLP(let pool, let coinOracles, _):
            precondition(stablePools.indices.contains(pool) && coinOracles.count == stablePools[pool].coins.count
                         && coinOracles.allSatisfy(existing.contains), "a stable LP oracle needs its pool and an earlier oracle per coin")
        case .spot(let pool, let baseIsToken0):
            precondition(pools.indices.contains(pool), "a spot oracle needs its pool")
            pools[pool].spotPrices.hold(baseIsToken0: baseIsToken0, for: pools[pool].pool)
        case .constant: break
        }
        oracles.append(Oracle(name: name, unit: unit, kind: kind))
        return oracles.count - 1
    }

    /// Registers a TWAP oracle over pool `pool`, its history pre-filled with the pool's price
    /// at `timestamp`. `window` in seconds.
    public mutating func addTwapOracle(
        name: String, unit: String, pool: Int, baseIsToken0: Bool, window: Int64, geometric: Bool, timestamp: Int64
    ) -> Int {
        let venue = pools[pool].pool
        guard let price = baseIsToken0 ? venue.price0Wad : venue.price1Wad else {
            preconditionFailure("a TWAP oracle needs a funded pool")
        }
        let initial: OracleSnapshot
        if geometric {
            initial = OracleSnapshot(timestamp: timestamp, cumulative: 0,
                                     value: TwapOracle.tickBits(TwapOracle.tick(ofWadPrice: price)))
        } else {
            initial = OracleSnapshot(timestamp: timestamp, cumulative: poolCumulative(pool, baseIsToken0, at: timestamp), value: price)
        }
        twapOracles.append(TwapOracle(pool: pool, baseIsToken0: baseIsToken0, window: window, geometric: geometric, initial: initial))
        oracles.append(Oracle(name: name, unit: unit, kind: .twap(twapOracles.count - 1)))
        return oracles.count - 1
    }

    /// Registers an arithmetic TWAP oracle over pool `pool` whose observation advances only
    /// when someone runs the public update step ``Step/updateTwap(oracle:)`` (the Inverse
    /// Finance / Keep3r design; rule in ``KeeperObservations``). Its history is pre-filled with
    /// the pool's price at `timestamp`. `window` in seconds.
    public mutating func addKeeperTwapOracle(
        name: String, unit: String, pool: Int, baseIsToken0: Bool, window: Int64, timestamp: Int64
    ) -> Int {
        let venue = pools[pool].pool
        guard let price = baseIsToken0 ? venue.price0Wad : venue.price1Wad else {
            preconditionFailure("a TWAP oracle needs a funded pool")
        }
        let now = poolCumulative(pool, baseIsToken0, at: timestamp)
        var twap = TwapOracle(pool: pool, baseIsToken0: baseIsToken0, window: window, geometric: false,
                              initial: OracleSnapshot(timestamp: timestamp, cumulative: now, value: price))
        twap.observations = KeeperObservations(
            initial: TwapObservation(timestamp: timestamp - window, cumulative: now &- price &* UInt128(window)), window: window)
        twapOracles.append(twap)
        oracles.append(Oracle(name: name, unit: unit, kind: .twap(twapOracles.count - 1)))
        return oracles.count - 1
    }

    /// Registers a push oracle whose rounds `keeper` posts; `answer` (wad) is its initial round
    /// at `timestamp`.
    public mutating func addPushOracle(
        name: String, unit: String, keeper: AccountID, parameters: PushOracleParameters, answer: UInt128, timestamp: Int64
    ) -> Int {
        pushOracles.append(PushOracle(keeper: keeper, parameters: parameters, answer: answer, updatedAt: timestamp))
        oracles.append(Oracle(name: name, unit: unit, kind: .push(pushOracles.count - 1)))
        return oracles.count - 1
    }

    /// Forces oracle `index` to answer `answer` (nil restores it): a corrupted feed. Set between
    /// transactions, never inside one. A test hook (tests reach it through `@testable import`),
    /// not public API: no scenario corrupts an oracle this way.
    mutating func corruptOracle(_ index: Int, answer: UInt128?) {
        precondition(modelUndo.isEmpty && poolUndo.isEmpty, "oracles are corrupted between transactions")
        oracles[index].corruptedAnswer = answer
    }

    /// Oracle `index`'s answer at `timestamp` (the current block's time inside a transaction).
    /// - Complexity: O(1) for spot, push, LP and reserve oracles, a few Newton solves for stable-pool,
    ///   stable LP and vault-share oracles; O(log window/block time) for a TWAP;
    ///   the sum of the members' costs for a median or a lowest.
    public func readOracle(_ index: Int, at timestamp: Int64) throws(OracleError) -> OracleReading {
        // NOTE: constant and spot oracles answer most reads (≈ 300 k in benchmark-day, full day,
        // warm-up + 1: the health checks of liquidations and of the agents' views); they are
        // answered here, in a small function, and every other read, and a spot oracle's
        // failure, goes through the full switch of `readOracleOfAnyKind`, whose frame and set-up
        // cost ≈ 40 instructions a read.
        if oracles[index].corruptedAnswer == nil {
            switch oracles[index].kind {
            case .constant(let value):
                return OracleReading(value: value, updatedAt: timestamp)
            case .spot(let pool, let baseIsToken0):
                if let price = spotPrice(pool, baseIsToken0: baseIsToken0) { return OracleReading(value: price, updatedAt: timestamp) }
            default:
                break
            }
        }
        return try readOracleOfAnyKind(index, at: timestamp)
    }

    /// The wad spot price of pool `pool`'s token0 in token1 (`baseIsToken0`) or the inverse, from
    /// the venue's cache when current; nil when a reserve is zero.
    @inline(__always)
    private func spotPrice(_ pool: Int, baseIsToken0: Bool) -> UInt128? {
        pools[pool].spotPrices.price(of: pools[pool].pool, baseIsToken0: baseIsToken0)
    }

    /// ``readOracle(_:at:)`` for an oracle of any kind.
    @inline(never)
    private func readOracleOfAnyKind(_ index: Int, at timestamp: Int64) throws(OracleError) -> OracleReading {
        // NOTE: fields read one by one and the name only on a failure: the optimizer copied the
        // whole oracle (its name, unit and kind) for every read otherwise (callgrind).
        if let corrupted = oracles[index].corruptedAnswer { return OracleReading(value: corrupted, updatedAt: timestamp) }
        switch oracles[index].kind {
        case .constant(let value):
            return OracleReading(value: value, updatedAt: timestamp)
        case .spot(let pool, let baseIsToken0):
            guard let price = spotPrice(pool, baseIsToken0: baseIsToken0) else {
                throw .emptyPool(oracle: oracles[index].name)
            }
            return OracleReading(value: price, updatedAt: timestamp)
        case .twap(let twapIndex):
            return OracleReading(value: twapValue(twapIndex, at: timestamp), updatedAt: timestamp)
        case .push(let pushIndex):
            let feed = pushOracles[pushIndex]
            return OracleReading(value: feed.answer, updatedAt: feed.updatedAt)
        case .median(let members):
            var (values, updatedAt) = try readMembers(members, at: timestamp)
            values.sort()
            let middle = values.count / 2
            let median = values.count % 2 == 1
                ? values[middle]
                : values[middle - 1] / 2 + values[middle] / 2 + (values[middle - 1] & values[middle] & 1)
            return OracleReading(value: median, updatedAt: updatedAt)
        case .lowest(let members):
            var lowest = OracleReading(value: .max, updatedAt: timestamp)
            for member in members {
                let reading = try readOracle(member, at: timestamp)
                lowest = OracleReading(value: min(lowest.value, reading.value), updatedAt: min(lowest.updatedAt, reading.updatedAt))
            }
            return lowest
        case .lpNaive(let pool, let token1Oracle):
            let reading = try readOracle(token1Oracle, at: timestamp)
            return OracleReading(value: try lpNaivePrice(pool, token1Price: reading.value, oracle: oracles[index].name),
                                 updatedAt: reading.updatedAt)
        case .lpFair(let pool, let oracle0, let oracle1):
            let reading0 = try readOracle(oracle0, at: timestamp), reading1 = try readOracle(oracle1, at: timestamp)
            return OracleReading(value: try lpFairPrice(pool, price0: reading0.value, price1: reading1.value, oracle: oracles[index].name),
                                 updatedAt: min(reading0.updatedAt, reading1.updatedAt))
        case .reserve(let reserve):
            return OracleReading(value: try reservePrice(reserve, oracle: oracles[index].name), updatedAt: timestamp)
        case .stableSpot(let pool, let base, let quote):
            return OracleReading(value: try stableSpotPrice(pool, base: base, quote: quote, oracle: oracles[index].name), updatedAt: timestamp)
        case .vaultShare(let vault, let underlyingOracle):
            let reading = try readOracle(underlyingOracle, at: timestamp)
            do {
                let price = try FixedPoint.mulDiv(try vaultPricePerShare(vault), reading.value, FixedPoint.wad, rounding: .down)
                return OracleReading(value: price, updatedAt: reading.updatedAt)
            } catch { throw .arithmetic(oracle: oracles[index].name, error) }
        case .stableLP(let pool, let coinOracles, let virtualPrice):
            let (prices, updatedAt) = try readMembers(coinOracles, at: timestamp)
            let price = virtualPrice ? try stableLPVirtualPrice(pool, coinPrices: prices, oracle: oracles[index].name)
                : try stableLPNaivePrice(pool, coinPrices: prices, oracle: oracles[index].name)
            return OracleReading(value: price, updatedAt: updatedAt)
        }
    }

    /// The answers of oracles `members` at `timestamp`, in their order, and the oldest answer's time.
    private func readMembers(_ members: [Int], at timestamp: Int64) throws(OracleError) -> (values: [UInt128], updatedAt: Int64) {
        var values: [UInt128] = []
        values.reserveCapacity(members.count)
        var updatedAt = timestamp
        for member in members {
            let reading = try readOracle(member, at: timestamp)
            values.append(reading.value)
            updatedAt = min(updatedAt, reading.updatedAt)
        }
        return (values, updatedAt)
    }

    /// Takes the TWAP snapshots of a sealed block at `timestamp` (its closing prices).
    /// Called by ``seal(timestamp:)``.
    mutating func snapshotOracles(at timestamp: Int64) {
        for index in twapOracles.indices {
            let twap = twapOracles[index]
            guard twap.observations == nil, timestamp > twap.history.latest.timestamp,
                  let price = pools[twap.pool].spotPrices.price(of: pools[twap.pool].pool, baseIsToken0: twap.baseIsToken0)
            else { continue }
            let snapshot: OracleSnapshot
            if twap.geometric {
                snapshot = OracleSnapshot(timestamp: timestamp, cumulative: twap.history.cumulative(at: timestamp),
                                          value: TwapOracle.tickBits(TwapOracle.tick(ofWadPrice: price)))
            } else {
                snapshot = OracleSnapshot(timestamp: timestamp, cumulative: poolCumulative(twap.pool, twap.baseIsToken0, at: timestamp),
                                          value: price)
            }
            twapOracles[index].history.append(snapshot)
        }
    }

    /// (C(t) − C(t − window)) / window, rounded down (arithmetic), or 1.0001^⌊mean tick⌋
    /// (geometric); for a keeper-updated TWAP, (C(t) − C(o)) / (t − o) over its reference
    /// observation o (``KeeperObservations``).
    func twapValue(_ index: Int, at timestamp: Int64) -> UInt128 {
        // NOTE: the oracle's fields are read in place: `let twap = twapOracles[index]` copied it
        // (a retain and release of its history's buffers) at every read (perf, compound-dai-2020).
        let pool = twapOracles[index].pool, baseIsToken0 = twapOracles[index].baseIsToken0
        if let reference = twapOracles[index].observations?.reference(at: timestamp) {
            let now = poolCumulative(pool, baseIsToken0, at: timestamp)
            return (now &- reference.cumulative) / UInt128(timestamp - reference.timestamp)
        }
        let past = twapOracles[index].history.cumulative(at: timestamp - twapOracles[index].window)
        let window = UInt128(twapOracles[index].window)
        if twapOracles[index].geometric {
            let now = twapOracles[index].history.cumulative(at: timestamp)
            let delta = Int128(bitPattern: now &- past)
            var meanTick = delta / Int128(window)
            if delta < 0, delta % Int128(window) != 0 { meanTick -= 1 }  // towards −∞, as Uniswap v3
            return TwapOracle.wadPrice(ofTick: Int64(meanTick))
        }
        let now = poolCumulative(pool, baseIsToken0, at: timestamp)
        return (now &- past) / window
    }

    /// The pool's accumulator as it would read if accrued at `timestamp` (no write): the
    /// reserves not yet touched in this block are the previous block's closing reserves.
    func poolCumulative(_ pool: Int, _ baseIsToken0: Bool, at timestamp: Int64) -> UInt128 {
        let venue = pools[pool].pool
        let cumulative = baseIsToken0 ? venue.price0Cumulative : venue.price1Cumulative
        guard timestamp > venue.lastTimestamp, let price = pools[pool].spotPrices.price(of: venue, baseIsToken0: baseIsToken0) else {
            return cumulative
        }
        return cumulative &+ price &* UInt128(timestamp - venue.lastTimestamp)
    }
}
