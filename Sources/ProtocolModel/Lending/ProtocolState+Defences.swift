import Foundation

extension ProtocolState {
    /// Switches on `market`'s defences while the world is being built (before the first seal).
    ///
    /// - Throws: when a circuit breaker watches an unknown oracle, or a parameter is out of
    ///   range (threshold in (0, 1), positive window, non-negative cooldown, a cap that allows
    ///   nothing, or a dynamic factor with non-positive half-life or target or a minimum outside
    ///   (0, 1]).
    public mutating func configureDefences(market: Int, _ defences: MarketDefences) throws(LendingConfigurationError) {
        let name = markets[market].name
        func fail(_ message: String) -> LendingConfigurationError { LendingConfigurationError(description: "market \(name): \(message)") }
        if let breaker = defences.circuitBreaker {
            guard !breaker.oracles.isEmpty, breaker.oracles.allSatisfy(oracles.indices.contains) else {
                throw fail("a circuit breaker watches at least one known oracle")
            }
            guard breaker.threshold > 0, breaker.threshold < FixedPoint.wad, breaker.window > 0, breaker.cooldown >= 0 else {
                throw fail("a circuit breaker needs a threshold in (0, 1), a positive window and a non-negative cooldown")
            }
        }
        if let cap = defences.liquidationCap {
            guard cap.value != nil || cap.count != nil || cap.perAccount != nil, cap.value.map({ $0 > 0 }) ?? true,
                  cap.count.map({ $0 > 0 }) ?? true, cap.perAccount.map({ $0 > 0 }) ?? true else {
                throw fail("a liquidation cap needs a positive value, count or per-account count")
            }
        }
        if let dynamic = defences.dynamicCollateral {
            guard dynamic.halflife > 0, dynamic.targetVolatility > 0, dynamic.minFactor > 0, dynamic.minFactor <= 1 else {
                throw fail("a dynamic collateral factor needs a positive half-life and target and a minimum factor in (0, 1]")
            }
        }
        let slots = markets[market].assets.count
        markets[market].defences = defences
        markets[market].defenceState = DefenceState(
            windows: [WindowExtremes](repeating: WindowExtremes(), count: defences.circuitBreaker?.oracles.count ?? 0),
            variance: [Double](repeating: 0, count: slots), lastPrice: [UInt128](repeating: 0, count: slots),
            collateralScale: [UInt128](repeating: FixedPoint.wad, count: slots))
    }

    /// Feeds the sealed state at `timestamp` to every market's circuit breaker and dynamic
    /// collateral factor (call after each seal, between transactions; not journalled). An
    /// oracle that cannot answer is skipped for that seal.
    /// - Complexity: O(watched oracles + market assets) oracle reads, amortised O(1) each.
    public mutating func observeDefences(at timestamp: Int64) {
        precondition(modelUndo.isEmpty, "defences observe sealed state between transactions")
        // NOTE: each defence read in place, not the market's whole `defences` copied first (a
        // memcpy and a destroy per market and seal; callgrind, benchmark-day warm-up + 1:
        // observeDefences 1.45 M -> 0.58 M).
        for index in markets.indices {
            if let breaker = markets[index].defences.circuitBreaker { observeBreaker(index, breaker, at: timestamp) }
            if let dynamic = markets[index].defences.dynamicCollateral { observeVolatility(index, dynamic, at: timestamp) }
        }
    }

    private mutating func observeBreaker(_ market: Int, _ breaker: CircuitBreaker, at timestamp: Int64) {
        var state = markets[market].defenceState
        var tripped = false
        for (position, oracle) in breaker.oracles.enumerated() {
            guard let answer = try? readOracle(oracle, at: timestamp).value else { continue }
            state.windows[position].evict(before: timestamp - breaker.window)
            if let low = state.windows[position].minimum, let high = state.windows[position].maximum {
                let up = (try? FixedPoint.mulDiv(low, FixedPoint.wad + breaker.threshold, FixedPoint.wad, rounding: .down)) ?? .max
                let down = (try? FixedPoint.mulDiv(high, FixedPoint.wad - breaker.threshold, FixedPoint.wad, rounding: .up)) ?? 0
                if answer > up || answer < down { tripped = true }
            }
            state.windows[position].push(answer, at: timestamp)
        }
        if tripped {
            if timestamp >= state.pausedUntil { state.trips += 1 }
            let end = timestamp.addingReportingOverflow(breaker.cooldown)
            state.pausedUntil = end.overflow ? .max : end.partialValue
        }
        markets[market].defenceState = state
    }

    private mutating func observeVolatility(_ market: Int, _ dynamic: DynamicCollateralFactor, at timestamp: Int64) {
        var state = markets[market].defenceState
        let book = markets[market]
        let elapsed = state.lastSeal.map { Double(timestamp - $0) } ?? 0
        for (slot, config) in book.assets.enumerated() where config.liquidationThreshold > 0 {
            guard let price = try? self.price(config.price, at: timestamp), price > 0 else { continue }
            let previous = state.lastPrice[slot]
            state.lastPrice[slot] = price
            guard previous > 0, elapsed > 0 else { continue }
            let logReturn = log(Double(price) / Double(previous))
            let decay = exp2(-elapsed / dynamic.halflife)
            state.variance[slot] = decay * state.variance[slot] + (1 - decay) * logReturn * logReturn
            let volatility = (state.variance[slot] * Double(InterestRateModel.secondsPerYear) / elapsed).squareRoot()
            let scale = volatility > 0 ? min(1, max(dynamic.minFactor, dynamic.targetVolatility / volatility)) : 1
            state.collateralScale[slot] = min(FixedPoint.wad, TokenUnits.fromDouble(scale, decimals: 18))
        }
        state.lastSeal = timestamp
        markets[market].defenceState = state
    }

    /// The collateral factor and liquidation threshold of `slot` in force now: the configured
    /// ones scaled by the dynamic collateral scale (rounded down), or the configured ones.
    public func effectiveFactors(market: Int, slot: Int) -> (collateralFactor: UInt128, liquidationThreshold: UInt128) {
        let config = markets[market].assets[slot]
        guard markets[market].defences.dynamicCollateral != nil, markets[market].defenceState.collateralScale[slot] < FixedPoint.wad else {
            return (config.collateralFactor, config.liquidationThreshold)
        }
        let scale = markets[market].defenceState.collateralScale[slot]
        // scale < wad, so both products fit: factor ≤ wad.
        return (config.collateralFactor * scale / FixedPoint.wad, config.liquidationThreshold * scale / FixedPoint.wad)
    }

    /// Reverts when the circuit breaker pauses `action` in `market` in a block at `timestamp`.
    func requireNotPaused(_ market: Int, _ action: PausableAction, at timestamp: Int64) throws(RevertReason) {
        guard markets[market].isPaused(action, at: timestamp) else { return }
        throw .lending(.paused(action: action.rawValue, until: markets[market].defenceState.pausedUntil))
    }

    /// Counts a liquidation of `borrower` repaying `repay` raw units of slot `debtSlot` against
    /// the market's per-block cap (journalled), or reverts when it would exceed it.
    ///
    /// Writes in place and journals only the totals it changes and the borrower's count, so a
    /// block's k-th liquidation costs O(1), not a copy of the per-account counts (O(k)).
    mutating func consumeLiquidationCap(_ market: Int, borrower: AccountID, debtSlot: Int, repay: UInt128,
                                        at timestamp: Int64) throws(RevertReason) {
        guard let cap = markets[market].defences.liquidationCap else { return }
        if markets[market].defenceState.capUsage.timestamp != timestamp {
            // The per-account counts of the earlier block are left as they are: their stamp is
            // no longer the block's (the list is neither copied into the journal nor rebuilt).
            let usage = markets[market].defenceState.capUsage
            modelUndo.append(.liquidationCap(market: market, timestamp: usage.timestamp, value: usage.value, count: usage.count))
            markets[market].defenceState.capUsage.timestamp = timestamp
            markets[market].defenceState.capUsage.value = 0
            markets[market].defenceState.capUsage.count = 0
        }
        let count = markets[market].defenceState.capUsage.count
        if let limit = cap.count, count >= limit {
            throw .lending(.liquidationCapReached("\(limit) liquidations per block"))
        }
        let accountCount = cap.perAccount == nil ? 0 : markets[market].defenceState.capUsage.count(of: borrower)
        if let limit = cap.perAccount, accountCount >= limit {
            throw .lending(.liquidationCapReached("\(limit) liquidations of one account per block"))
        }
        let value = markets[market].defenceState.capUsage.value
        var newValue = value
        if let limit = cap.value {
            let config = markets[market].assets[debtSlot]
            let price = try guardedPrice(config.price, at: timestamp)
            do { newValue = try FixedPoint.add(value, try tokenValue(repay, config.asset, price: price, rounding: .down)) } catch {
                throw .arithmetic(error)
            }
            guard newValue <= limit else {
                throw .lending(.liquidationValueCapReached(value: newValue, limit: limit, unit: markets[market].unit))
            }
        }
        let accountTally = cap.perAccount == nil ? nil : markets[market].defenceState.capUsage.tally(of: borrower)
        modelUndo.append(.liquidationCapTally(market: market, value: value, count: count,
                                              account: accountTally.map { (borrower, $0) }))
        markets[market].defenceState.capUsage.value = newValue
        markets[market].defenceState.capUsage.count = count + 1
        if accountTally != nil {
            markets[market].defenceState.capUsage.setTally(.init(timestamp: timestamp, count: accountCount + 1), of: borrower)
        }
    }
}
