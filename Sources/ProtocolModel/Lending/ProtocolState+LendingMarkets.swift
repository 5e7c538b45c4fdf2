/// A lending market configuration that cannot work (a world-building error).
public struct LendingConfigurationError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

extension ProtocolState {
    /// Registers a lending market while the world is being built; creates its cash account
    /// `market:<name>`. Returns its index.
    ///
    /// - Throws: when an asset is listed twice, an oracle's unit differs from `unit`, or a
    ///   factor is out of range (needs collateral factor ≤ LT ≤ 1 and close factor in (0, 1]).
    public mutating func addLendingMarket(
        name: String, unit: String, mode: MarginMode, closeFactor: UInt128, insuranceFund: AccountID,
        assets: [MarketAssetConfig], liquidation: LiquidationMechanism = .fixedBonus, timestamp: Int64
    ) throws(LendingConfigurationError) -> Int {
        if case .dutchAuction(let auction) = liquidation, auction.duration <= 0 || auction.tail <= 0 || auction.cusp >= FixedPoint.wad {
            throw LendingConfigurationError(description: "market \(name): an auction needs positive duration and tail and cusp < 1")
        }
        if case .englishAuction(let auction) = liquidation, auction.bidDuration <= 0 || auction.auctionDuration <= 0 {
            throw LendingConfigurationError(description: "market \(name): an English auction needs positive bid and auction durations")
        }
        guard closeFactor > 0, closeFactor <= FixedPoint.wad else {
            throw LendingConfigurationError(description: "market \(name): close factor must be in (0, 1]")
        }
        for (index, config) in assets.enumerated() {
            let symbol = ledger.assets[config.asset.index].symbol
            guard !assets[..<index].contains(where: { $0.asset == config.asset }) else {
                throw LendingConfigurationError(description: "market \(name): \(symbol) listed twice")
            }
            guard config.collateralFactor <= config.liquidationThreshold, config.liquidationThreshold <= FixedPoint.wad else {
                throw LendingConfigurationError(description: "market \(name): \(symbol) needs collateral factor ≤ liquidation threshold ≤ 1")
            }
            for oracle in [config.price.oracle] + (config.price.fallback.map { [$0] } ?? []) where oracles[oracle].unit != unit {
                throw LendingConfigurationError(description:
                    "market \(name): oracle \(oracles[oracle].name) answers in \(oracles[oracle].unit), the market's unit is \(unit)")
            }
        }
        let account = ledger.addAccount(named: "market:\(name)")
        markets.append(LendingMarket(name: name, unit: unit, mode: mode, closeFactor: closeFactor, account: account,
                                     insuranceFund: insuranceFund, liquidation: liquidation, assets: assets,
                                     reserves: assets.map { _ in MarketAssetState(lastAccrual: timestamp) },
                                     positions: LendingPositions(slots: assets.count)))
        return markets.count - 1
    }

    /// Seals a block at `timestamp`, after its last transaction: TWAP oracles snapshot the
    /// closing prices and every market accrues interest (DESIGN.md §2). A market whose
    /// accrual overflows is left as it was (its next touch reverts the same way).
    /// - Complexity: O(TWAP oracles + market assets).
    public mutating func seal(timestamp: Int64) {
        precondition(modelUndo.isEmpty && poolUndo.isEmpty, "a block seals between transactions")
        snapshotOracles(at: timestamp)
        sealOptionVaults(at: timestamp)
        for index in markets.indices { accrueAtSeal(market: index, at: timestamp) }
        commit()
    }

    /// The slot of `asset` in `market`, or a revert.
    // NOTE: inlined, with the revert built out of line: a call for a scan of a few slots (two in
    // every liquidation's plan; benchmark-day full day, warm-up + 1: 659.0 M -> 657.8 M; callgrind).
    @inline(__always)
    func listedSlot(_ market: Int, _ asset: AssetID) throws(RevertReason) -> Int {
        guard let slot = markets[market].slot(of: asset) else { throw unlisted(asset) }
        return slot
    }

    /// The revert of a step naming `asset` in a market that does not list it.
    @inline(never)
    private func unlisted(_ asset: AssetID) -> RevertReason {
        .lending(.unlistedAsset(ledger.assets[asset.index].symbol))
    }

    /// `account`'s position in `market`, nil when it has none. O(1).
    public func position(market: Int, account: AccountID) -> LendingPosition? {
        markets[market].positions[account]
    }

    /// What `account` has supplied of slot `slot`, raw units, rounded down.
    public func supplied(market: Int, slot: Int, account: AccountID) -> UInt128 {
        // No position allocated for an account without one: it has supplied nothing.
        guard let position = markets[market].positions[account] else { return 0 }
        return supplied(of: position, market: market, slot: slot)
    }

    /// What `position` (an account's current position in `market`, already looked up) has
    /// supplied of slot `slot`, raw units, rounded down: ``supplied(market:slot:account:)``
    /// without the position lookup.
    public func supplied(of position: LendingPosition, market: Int, slot: Int) -> UInt128 {
        Self.scaledToAmount(markets[market].positions.scaledSupplied(position, slot: slot), markets[market].reserves[slot].supplyIndex,
                            rounding: .down)
    }

    /// What `account` owes of slot `slot`, raw units, rounded up (at the last accrual).
    public func debt(market: Int, slot: Int, account: AccountID) -> UInt128 {
        // No position allocated for an account without one: it owes nothing.
        guard let position = markets[market].positions[account] else { return 0 }
        return debt(of: position, market: market, slot: slot)
    }

    /// What `position` (an account's current position in `market`, already looked up) owes of
    /// slot `slot`, raw units, rounded up (at the last accrual): ``debt(market:slot:account:)``
    /// without the position lookup.
    public func debt(of position: LendingPosition, market: Int, slot: Int) -> UInt128 {
        Self.scaledToAmount(markets[market].positions.scaledDebt(position, slot: slot), markets[market].reserves[slot].borrowIndex,
                            rounding: .up)
    }

    /// What all accounts owe of slot `slot` of `market`, raw units, rounded up (at the last
    /// accrual): the total the borrow cap bounds.
    public func totalDebt(market: Int, slot: Int) -> UInt128 {
        Self.scaledToAmount(markets[market].reserves[slot].scaledDebt, markets[market].reserves[slot].borrowIndex, rounding: .up)
    }

    /// scaled × index / wad; saturates (indices stay far below the bound in any scenario).
    // NOTE: a zero balance without a division (an index still at 1 is mulDiv's own
    // shortcut): half the P&L's conversions per position at the end of a run are of zero
    // balances (≈ 240 instructions each saved; underwaterDebt 53 M -> 42 M for 10,000 borrowers).
    // NOTE: inlined with mulDiv's shortcut for an index at 1 (a·c/c = a, the same quotient and
    // no remainder to round), other indices through the call: a call per conversion, several a
    // liquidation (benchmark-day full day, warm-up + 1: 656.6 M -> 654.4 M; callgrind).
    @inline(__always)
    static func scaledToAmount(_ scaled: UInt128, _ index: UInt128, rounding: Rounding) -> UInt128 {
        if scaled == 0 { return 0 }
        if index == FixedPoint.wad { return scaled }
        return scaledToAmountAtIndex(scaled, index, rounding: rounding)
    }

    /// ``scaledToAmount(_:_:rounding:)`` of a non-zero balance through mulDiv.
    @inline(never)
    private static func scaledToAmountAtIndex(_ scaled: UInt128, _ index: UInt128, rounding: Rounding) -> UInt128 {
        (try? FixedPoint.mulDiv(scaled, index, FixedPoint.wad, rounding: rounding)) ?? .max
    }

    /// amount × wad / index (reverting on overflow or a zero index), inlined with mulDiv's
    /// shortcut for an index at 1 like ``scaledToAmount(_:_:rounding:)``.
    @inline(__always)
    static func amountToScaled(_ amount: UInt128, _ index: UInt128, rounding: Rounding) throws(RevertReason) -> UInt128 {
        if index == FixedPoint.wad { return amount }
        return try amountToScaledAtIndex(amount, index, rounding: rounding)
    }

    /// ``amountToScaled(_:_:rounding:)`` through mulDiv.
    @inline(never)
    private static func amountToScaledAtIndex(_ amount: UInt128, _ index: UInt128, rounding: Rounding) throws(RevertReason) -> UInt128 {
        do { return try FixedPoint.mulDiv(amount, FixedPoint.wad, index, rounding: rounding) } catch { throw .arithmetic(error) }
    }
}
