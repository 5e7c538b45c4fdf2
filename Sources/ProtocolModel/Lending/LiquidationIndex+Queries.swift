extension ProtocolState {
    /// Every account of `market` with health below `threshold` (wad) at `timestamp`, worst
    /// health first (ties by account id), each verified with the exact ``health(market:account:at:)``.
    ///
    /// Walks each (collateral, debt) heap of the liquidation index down to the keys within a
    /// small relative margin of the pair's threshold key, and the general set of accounts the
    /// heaps cannot key. Accounts whose health cannot be computed are left out: for an
    /// arithmetic limit, or because a price they need cannot be read (its oracle paused or
    /// stale). A pair whose price cannot be read is skipped whole (each of its accounts holds
    /// both assets), so an oracle failure hides only the accounts holding that asset — those
    /// whose liquidation would revert — and every other account is still found.
    /// - Complexity: O((k + c + g) · log) for k answers, c near-threshold candidates and g
    ///   accounts in the general set — not O(positions).
    public func accountsBelowHealth(_ threshold: UInt128, market: Int, at timestamp: Int64) -> [AccountID] {
        accountsAndHealthBelow(threshold, market: market, at: timestamp).accounts
    }

    /// ``accountsBelowHealth(_:market:at:)`` with the health (wad) of each account it lists, in
    /// the same order: what the verification computed, for a caller that needs it next (a
    /// liquidator's quote, the lowest health of a block). `pairs` holds, in the same order, each
    /// account's ``soleLiquidationPair(market:borrower:)`` when the verification valued it through
    /// the two slots it holds (its amounts then converted already), nil otherwise (that pair may
    /// still exist).
    /// - Complexity: as ``accountsBelowHealth(_:market:at:)``.
    public func accountsAndHealthBelow(
        _ threshold: UInt128, market: Int, at timestamp: Int64
    ) -> (accounts: [AccountID], health: [UInt128], pairs: [LiquidationPair?]) {
        accountsAndHealthBelowIfAny(threshold, market: market, at: timestamp) ?? ([], [], [])
    }

    /// ``accountsAndHealthBelow(_:market:at:)``, nil when no account is below `threshold`.
    ///
    /// NOTE: for a caller that keeps the empty answers apart (``SealedStateQueries``): three
    /// empty lists handed back were three releases (≈ 55 instructions) on a calm block's query.
    /// - Complexity: as ``accountsBelowHealth(_:market:at:)``.
    public func accountsAndHealthBelowIfAny(
        _ threshold: UInt128, market: Int, at timestamp: Int64
    ) -> (accounts: [AccountID], health: [UInt128], pairs: [LiquidationPair?])? {
        // Candidates first, verified after: a closure calling back into `self` would capture a
        // copy of the whole state (a retain of every buffer) per query.
        // NOTE: storage for a few candidates is reserved at the first (one allocation, not one
        // per doubling), and the verified list is sized once (callgrind: array growth 7.5 M a
        // benchmark day, warm-up + 1).
        // NOTE: the verification reads the prices the walk read for the heaps' bounds (two
        // oracle reads per candidate, ≈ 25 k candidates a benchmark day, warm-up + 1).
        var candidates: [AccountID] = [], prices = QuotePrices(), read = PairPrices.none
        forEachCandidate(market: market, at: timestamp, bound: .health(LiquidationIndex.double(threshold) / 1e18), prices: &prices,
                             pair: &read) {
            if candidates.capacity == 0 { candidates.reserveCapacity(16) }
            candidates.append($0)
        }
        guard !candidates.isEmpty else { return nil }
        let pair = pairValuation(market: market, read)
        // NOTE: below a threshold under 2^64 each health fits in 64 bits, so health, account
        // index and the account's place among those verified pack into one UInt128 key sorted by
        // plain comparison, not a tuple's through a closure (callgrind: 1,123.8 M -> 1,118.8 M
        // instructions a benchmark day, warm-up + 1; the cascade's blocks sort a few hundred
        // accounts each). The keys are collected as the candidates are verified, with no list of
        // pairs in between. Account indices below 2^32 (fewer accounts than that) leave the low
        // 32 bits for the place, which orders nothing (no two keys share an account).
        let packs = threshold <= UInt128(UInt64.max) && ledger.accountCount <= 1 << 32
        guard packs else {
            var wide: [(health: UInt128, account: AccountID, amounts: (held: UInt128, owed: UInt128))] = []
            for account in candidates {
                var valued = (held: UInt128(0), owed: UInt128(0))
                guard let health = verifiedHealth(market: market, account: account, at: timestamp, prices: prices, pair: pair,
                                                      amounts: &valued),
                      health < threshold else { continue }
                wide.append((health, account, valued))
            }
            guard !wide.isEmpty else { return nil }
            wide.sort { ($0.health, $0.account) < ($1.health, $1.account) }
            return (wide.map(\.account), wide.map(\.health), wide.map { pair.solePair($0.amounts) })
        }
        // NOTE: the keys and the amounts are written in place, in storage sized for every
        // candidate (the amounts in a temporary buffer), not appended (a uniqueness and a
        // capacity check each); the three lists are written in one pass over the sorted keys.
        return withUnsafeTemporaryAllocation(of: (held: UInt128, owed: UInt128).self, capacity: candidates.count) { amounts in
            var keys = [UInt128](unsafeUninitializedCapacity: candidates.count) { keys, found in
                for account in candidates {
                    var valued = (held: UInt128(0), owed: UInt128(0))
                    guard let health = verifiedHealth(market: market, account: account, at: timestamp, prices: prices, pair: pair,
                                                          amounts: &valued),
                          health < threshold else { continue }
                    (keys.baseAddress.unsafelyUnwrapped + found)
                        .initialize(to: health << 64 | UInt128(UInt64(account.index)) << 32 | UInt128(UInt64(found)))
                    (amounts.baseAddress.unsafelyUnwrapped + found).initialize(to: valued)
                    found += 1
                }
            }
            guard !keys.isEmpty else { return nil }
            LiquidationIndex.sortDistinct(&keys)
            // NOTE: each account valued through the pair is listed with its pair's amounts, so a
            // liquidator's quote does not look its position up and convert its balances again
            // (``soleLiquidationPair(market:borrower:)``, ≈ 180 instructions a quote; ≈ 80 more a
            // verified account here; callgrind, benchmark-day full day, warm-up + 1: 567.26 M ->
            // 565.35 M instructions).
            let count = keys.count
            var health: [UInt128] = [], pairs: [LiquidationPair?] = []
            let accounts = [AccountID](unsafeUninitializedCapacity: count) { accounts, listed in
                health = [UInt128](unsafeUninitializedCapacity: count) { health, healthListed in
                    pairs = [LiquidationPair?](unsafeUninitializedCapacity: count) { pairs, pairsListed in
                        keys.withUnsafeBufferPointer { keys in
                            for rank in 0..<count {
                                let key = keys[rank]
                                (accounts.baseAddress.unsafelyUnwrapped + rank).initialize(to: AccountID(Int(UInt64(truncatingIfNeeded: key) >> 32)))
                                (health.baseAddress.unsafelyUnwrapped + rank).initialize(to: key >> 64)
                                let place = Int(UInt32(truncatingIfNeeded: key))
                                (pairs.baseAddress.unsafelyUnwrapped + rank).initialize(to: pair.solePair(amounts[place]))
                            }
                        }
                        pairsListed = count
                    }
                    healthListed = count
                }
                listed = count
            }
            return (accounts, health, pairs)
        }
    }

    /// The lowest health (wad) below `threshold` of any account of `market` at `timestamp`: the
    /// first health of ``accountsAndHealthBelow(_:market:at:)``, nil when no account is below it.
    /// The same candidates are verified alike (and left out alike).
    ///
    /// NOTE: for the world's lowest health after each seal, which needs one number: no answer's
    /// arrays are built, and the first two candidates are held in place (``Candidates``; a calm
    /// block verifies the one account at the lowest health so far). Callgrind, empty block at
    /// 10,000 borrowers: 6,610 -> 6,019 instructions; benchmark-day 635.88 M -> 635.62 M (warm-up + 1).
    /// In ``accountsAndHealthBelow(_:market:at:)`` the held candidates cost the cascade's blocks
    /// more than they saved (636.04 M).
    /// - Complexity: as ``accountsBelowHealth(_:market:at:)``.
    public func lowestHealthBelow(_ threshold: UInt128, market: Int, at timestamp: Int64) -> UInt128? {
        // Candidates first, verified after, as in ``accountsAndHealthBelow(_:market:at:)``.
        var candidates = Candidates(), prices = QuotePrices(), read = PairPrices.none
        forEachCandidate(market: market, at: timestamp, bound: .health(LiquidationIndex.double(threshold) / 1e18), prices: &prices,
                             pair: &read) {
            candidates.append($0)
        }
        guard candidates.count > 0 else { return nil }
        let pair = pairValuation(market: market, read)
        var lowest: UInt128?
        for index in 0..<candidates.count {
            var valued = (held: UInt128(0), owed: UInt128(0))
            guard let health = verifiedHealth(market: market, account: candidates[index], at: timestamp, prices: prices, pair: pair,
                                                  amounts: &valued),
                  health < threshold else { continue }
            lowest = min(lowest ?? .max, health)
        }
        return lowest
    }

    /// The lowest health (wad) of any account with debt in `market` at `timestamp`; nil when
    /// no account owes anything. Verified exactly like ``accountsBelowHealth(_:market:at:)``.
    /// - Complexity: O(heaps + near-lowest candidates + general set), not O(positions).
    public func lowestHealth(market: Int, at timestamp: Int64) -> UInt128? {
        var candidates: [AccountID] = [], prices = QuotePrices(), read = PairPrices.none
        forEachCandidate(market: market, at: timestamp, bound: .nearRoot, prices: &prices, pair: &read) { candidates.append($0) }
        let pair = pairValuation(market: market, read)
        var lowest: UInt128?
        var valued = (held: UInt128(0), owed: UInt128(0))
        for account in candidates {
            if let health = verifiedHealth(market: market, account: account, at: timestamp, prices: prices, pair: pair,
                                               amounts: &valued), health != .max {
                lowest = min(lowest ?? .max, health)
            }
        }
        return lowest
    }

    /// Which heap keys a query visits.
    private enum CandidateBound {
        /// Keys above the pair's threshold key for this health (a fraction).
        case health(Double)
        /// Keys near the root's: the root holds its heap's lowest ideal health.
        case nearRoot
    }

    /// Calls `body` with every account of the general set, and with every heap account whose
    /// key is above the lower key of `bound`, lowered by the index's relative margin.
    ///
    /// The prices it reads are kept in `prices`, and those of the last pair it read them for in
    /// `pair` (left as it is when it reads none).
    ///
    /// NOTE: a pair's two heaps (above dust, dust) share one reading of its prices and indices.
    private func forEachCandidate(
        market: Int, at timestamp: Int64, bound: CandidateBound, prices: inout QuotePrices, pair read: inout PairPrices,
        _ body: (AccountID) -> Void
    ) {
        guard market < liquidationIndices.count else { return }
        // Market and index fields are read in place: a copy of the whole market, of the index
        // or of a heap would retain each of its buffers.
        for account in liquidationIndices[market].general { body(account) }
        let pairs = liquidationIndices[market].slots * liquidationIndices[market].slots
        for pair in 0..<pairs {
            let keyed = !liquidationIndices[market].heaps[pair].keys.isEmpty
            let dust = !liquidationIndices[market].heaps[pairs + pair].keys.isEmpty
            guard keyed || dust else { continue }
            guard let lowerKeys = lowerKeys(market: market, pair: pair, at: timestamp, bound: bound, dust: dust, prices: &prices,
                                            read: &read)
            else { continue }
            if keyed {
                liquidationIndices[market].heaps[pair].forEach(keyAbove: lowerKeys.keyed * (1 - LiquidationIndex.keyMargin), body)
            }
            if dust {
                liquidationIndices[market].heaps[pairs + pair].forEach(keyAbove: lowerKeys.dust * (1 - LiquidationIndex.keyMargin), body)
            }
        }
    }

    /// The lower keys of `bound` for heap pair `pair` (collateral slot × slots + debt slot):
    /// for its heap above dust, and for its dust heap (−∞, every account, when the premises of
    /// its bounds fail: ``LiquidationIndex/dustKey(scaledSupplied:scaledDebt:liquidationThreshold:)``,
    /// and when `dust` says the dust heap is empty: its key then goes unread); nil when no
    /// account of the pair can be below the bound's health (a debt price of 0) or none can be
    /// valued (a price of the pair cannot be read). The two slots' prices it reads are kept in
    /// `prices`, and in `read` when it answers.
    private func lowerKeys(
        market: Int, pair: Int, at timestamp: Int64, bound: CandidateBound, dust: Bool, prices: inout QuotePrices, read: inout PairPrices
    ) -> (keyed: Double, dust: Double)? {
        switch bound {
        case .nearRoot:
            // A dust heap's keys are bounds: any of its accounts may hold the lowest health.
            return (liquidationIndices[market].heaps[pair].keys.first ?? 0, -.infinity)
        case .health(let health):
            let slots = liquidationIndices[market].slots, collateral = pair / slots, debt = pair % slots
            // NOTE: the slots' configurations are read in place, not copied whole.
            guard let collateralPrice = try? price(markets[market].assets[collateral].price, at: timestamp),
                  let debtPrice = try? price(markets[market].assets[debt].price, at: timestamp)
            else { return nil }
            prices.keep(collateralPrice, of: collateral)
            prices.keep(debtPrice, of: debt)
            guard debtPrice > 0, health > 0 else { return nil }
            let supplyIndex = markets[market].reserves[collateral].supplyIndex
            let borrowIndex = markets[market].reserves[debt].borrowIndex
            let collateralDecimals = ledger.assets[markets[market].assets[collateral].asset.index].decimals
            let debtDecimals = ledger.assets[markets[market].assets[debt].asset.index].decimals
            let indexRatio = LiquidationIndex.double(supplyIndex) / LiquidationIndex.double(borrowIndex)
            // Keys hold the configured LT; a dynamic collateral scale s < 1 in force lowers every
            // account's health of this collateral by s, so health < h ⟺ configured health < h / s.
            let scale = dynamicCollateralScale(market: market, slot: collateral)
            let lowerKey = indexRatio * LiquidationIndex.double(collateralPrice) * Self.powerOfTen(debtDecimals - collateralDecimals)
                * scale / (LiquidationIndex.double(debtPrice) * health)
            // The dust bounds are worked out for the configured LT: under a scale, every dust key is visited.
            // NOTE: asked only when the pair's dust heap holds an account (its lower key is read then alone).
            let dustBounded = dust && scale == 1 && supplyIndex >= FixedPoint.wad && borrowIndex >= FixedPoint.wad
                && collateralPrice >= FixedPoint.powerOfTen(collateralDecimals) && debtPrice >= FixedPoint.powerOfTen(debtDecimals)
            read = PairPrices(pair: pair, collateral: collateralPrice, debt: debtPrice)
            return (lowerKey, dustBounded ? lowerKey : -.infinity)
        }
    }

    /// The ``PairValuation`` of the pair whose prices `read` holds, read on this state; ``PairValuation/none``
    /// when it holds none, when the collateral's configured LT is 0 or when an asset's decimals
    /// are out of range (10^decimals beyond 128 bits).
    ///
    /// NOTE: read after the walk, only when it found a candidate: a calm block's query finds none
    /// (≈ 0.8 k of ≈ 10.3 k answers below health 1 a benchmark day, warm-up + 1, have one), and
    /// the walk keeps the two prices alone (callgrind, full day: 583.91 M -> 583.24 M instructions).
    private func pairValuation(market: Int, _ read: PairPrices) -> PairValuation {
        guard read.pair >= 0 else { return .none }
        let slots = liquidationIndices[market].slots, collateral = read.pair / slots, debt = read.pair % slots
        let configuredThreshold = markets[market].assets[collateral].liquidationThreshold
        let collateralDecimals = ledger.assets[markets[market].assets[collateral].asset.index].decimals
        let debtDecimals = ledger.assets[markets[market].assets[debt].asset.index].decimals
        guard configuredThreshold > 0, (0...38).contains(collateralDecimals), (0...38).contains(debtDecimals) else { return .none }
        let threshold = effectiveFactors(market: market, slot: collateral).liquidationThreshold
        return PairValuation(
            collateralSlot: collateral, debtSlot: debt, collateralPrice: read.collateral, debtPrice: read.debt,
            supplyIndex: markets[market].reserves[collateral].supplyIndex, borrowIndex: markets[market].reserves[debt].borrowIndex,
            collateralUnit: FixedPoint.powerOfTen(collateralDecimals), debtUnit: FixedPoint.powerOfTen(debtDecimals),
            collateralPriceSplit: read.collateral.quotientAndRemainder(dividingBy: FixedPoint.powerOfTen(collateralDecimals)),
            debtPriceSplit: read.debt.quotientAndRemainder(dividingBy: FixedPoint.powerOfTen(debtDecimals)),
            threshold: threshold == configuredThreshold ? markets[market].assets[collateral].thresholdRatio : ReducedRatio(threshold, FixedPoint.wad))
    }

    /// The exact health of `account` (through `prices`, read on this state at `timestamp`), nil
    /// when an arithmetic limit or a failed price read prevents computing it. A position
    /// holding only `pair`'s two balances is valued through it (``PairValuation/health(held:owed:)``).
    ///
    /// NOTE: nearly every account an index query verifies is below its threshold (≈ 25.3 k of
    /// ≈ 26.4 k a benchmark day, warm-up + 1, most in a cascade's blocks; liquidators ask below 1),
    /// so each health is needed, not only a comparison with the threshold (a cross-multiplication
    /// would decide few). The pair's valuation spares each the reads of its slots' prices,
    /// indices, decimals and factors: ≈ 727 -> ≈ 520 instructions a candidate (callgrind,
    /// benchmark-day full day, warm-up + 1: 586.72 M -> 584.03 M instructions).
    /// `amounts` is set to the collateral held and debt owed (raw units) that the pair's valuation
    /// read, and left as it is for any other.
    private func verifiedHealth(
        market: Int, account: AccountID, at timestamp: Int64, prices: QuotePrices, pair: PairValuation,
        amounts: inout (held: UInt128, owed: UInt128)
    ) -> UInt128? {
        if pair.collateralSlot >= 0, let position = markets[market].positions[account],
           let (supplied, owed) = balances(of: position, onlyIn: pair, market: market) {
            // The amounts as ``debt(of:market:slot:)`` and ``supplied(of:market:slot:)`` convert them.
            guard let held = try? FixedPoint.mulDiv(supplied, pair.supplyIndex, FixedPoint.wad, rounding: .down),
                  let debt = try? FixedPoint.mulDiv(owed, pair.borrowIndex, FixedPoint.wad, rounding: .up) else { return nil }
            amounts = (held, debt)
            return pair.health(held: held, owed: debt)
        }
        return try? health(market: market, account: account, at: timestamp, prices: prices)
    }

    /// The scaled supplied balance of `position` in `pair`'s collateral slot and its scaled debt
    /// in the debt slot when both are above 0 and it holds no other balance; nil otherwise.
    @inline(__always)
    private func balances(of position: LendingPosition, onlyIn pair: PairValuation, market: Int) -> (supplied: UInt128, owed: UInt128)? {
        // NOTE: a two-asset market's position is read straight: its collateral slot's two
        // balances and its debt slot's two, without the loop over the slots (≈ 30 instructions a
        // verified account; callgrind, benchmark-day full day, warm-up + 1: 561.42 M -> 560.61 M).
        if markets[market].positions.slots == 2, pair.collateralSlot != pair.debtSlot {
            let supplied = markets[market].positions.scaledSupplied(position, slot: pair.collateralSlot)
            let owed = markets[market].positions.scaledDebt(position, slot: pair.debtSlot)
            guard markets[market].positions.scaledDebt(position, slot: pair.collateralSlot) == 0,
                  markets[market].positions.scaledSupplied(position, slot: pair.debtSlot) == 0,
                  supplied > 0, owed > 0 else { return nil }
            return (supplied, owed)
        }
        var supplied: UInt128 = 0, owed: UInt128 = 0
        for slot in 0..<markets[market].positions.slots {
            let scaledSupplied = markets[market].positions.scaledSupplied(position, slot: slot)
            let scaledDebt = markets[market].positions.scaledDebt(position, slot: slot)
            if slot == pair.collateralSlot, scaledDebt == 0 {
                supplied = scaledSupplied
            } else if slot == pair.debtSlot, scaledSupplied == 0 {
                owed = scaledDebt
            } else if scaledSupplied > 0 || scaledDebt > 0 {
                return nil
            }
        }
        return supplied > 0 && owed > 0 ? (supplied, owed) : nil
    }

    /// The dynamic collateral scale in force for `slot` (``effectiveFactors(market:slot:)``) as
    /// a fraction, 1 when none lowers it. The LT in force is the configured one times this scale
    /// (rounded down, a relative change far below the index's margin).
    @inline(__always)
    private func dynamicCollateralScale(market: Int, slot: Int) -> Double {
        guard markets[market].defences.dynamicCollateral != nil,
              markets[market].defenceState.collateralScale[slot] < FixedPoint.wad else { return 1 }
        return LiquidationIndex.double(markets[market].defenceState.collateralScale[slot]) / 1e18
    }

    /// 10^exponent as a Double (exponent may be negative): the product of |exponent| tens,
    /// read from a table up to 10^22.
    ///
    /// NOTE: every product up to 10^22 is exact, so the table holds the same values; the loop
    /// cost ≈ 40 instructions more per pair a query, every block (callgrind: 920.5 M -> 920.1 M
    /// a benchmark day, warm-up + 1).
    @inline(__always)
    private static func powerOfTen(_ exponent: Int) -> Double {
        let magnitude = abs(exponent)
        let tabled = min(magnitude, exactPowersOfTen.count - 1)
        var result = exactPowersOfTen[tabled]
        for _ in tabled..<magnitude { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    /// 10^0 … 10^22, each exactly representable (a literal: no lazy initialisation).
    private static let exactPowersOfTen: [Double] = [
        1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
        1e21, 1e22,
    ]
}

/// The two prices of one heap pair an index query read (``ProtocolState/lowerKeys(market:pair:at:bound:prices:read:)``).
private struct PairPrices {
    /// Collateral slot × slots + debt slot; −1: none read (``none``).
    let pair: Int
    let collateral: UInt128
    let debt: UInt128

    /// No pair's prices read.
    static var none: PairPrices { PairPrices(pair: -1, collateral: 0, debt: 0) }
}

/// What valuing a position of one heap pair reads besides its two balances, read once by an
/// index query (``ProtocolState/pairValuation(market:_:)``) on its state with the prices it read
/// at its time: the collateral's price, supply index and 10^decimals, the debt's price, borrow
/// index and 10^decimals, and the collateral's liquidation threshold in force over wad
/// (``ProtocolState/effectiveFactors(market:slot:)``; the configured one's ratio when equal).
private struct PairValuation {
    /// −1: no pair (``none``).
    let collateralSlot: Int
    let debtSlot: Int
    let collateralPrice: UInt128
    let debtPrice: UInt128
    let supplyIndex: UInt128
    let borrowIndex: UInt128
    let collateralUnit: UInt128
    let debtUnit: UInt128
    /// The collateral's price divided by its unit: ⌊price/unit⌋ and price mod unit.
    let collateralPriceSplit: (quotient: UInt128, remainder: UInt128)
    /// The debt's price divided by its unit alike.
    let debtPriceSplit: (quotient: UInt128, remainder: UInt128)
    let threshold: ReducedRatio

    /// The ``ProtocolState/soleLiquidationPair(market:borrower:)`` of a position that the pair's
    /// ``health(held:owed:)`` valued with these `amounts`; nil for a debt of 0 (no
    /// position was valued through it).
    @inline(__always)
    func solePair(_ amounts: (held: UInt128, owed: UInt128)) -> LiquidationPair? {
        guard amounts.owed > 0 else { return nil }
        return LiquidationPair(debtSlot: debtSlot, collateralSlot: collateralSlot, owed: amounts.owed, held: amounts.held)
    }

    /// No pair read: no position is valued through it.
    // NOTE: computed, not a stored `static let`: the global's lazy initialisation check and a copy
    // out of it cost ≈ 40 instructions a query.
    static var none: PairValuation {
        PairValuation(collateralSlot: -1, debtSlot: -1, collateralPrice: 0, debtPrice: 0, supplyIndex: 0, borrowIndex: 0,
                      collateralUnit: 0, debtUnit: 0, collateralPriceSplit: (0, 0), debtPriceSplit: (0, 0), threshold: ReducedRatio(0, 1))
    }

    /// The health of a position whose only balances are `held` (raw units, its scaled supplied
    /// balance converted down) in the collateral slot and `owed` (raw units, its scaled debt
    /// converted up) in the debt slot, as ``ProtocolState/health(market:account:at:)`` values it
    /// (``ProtocolState/valuation(market:position:at:weighingBorrowingPower:prices:read:)``: the
    /// same products, roundings and sums, a lone term each); nil for an arithmetic error.
    func health(held: UInt128, owed: UInt128) -> UInt128? {
        do throws(ArithmeticError) {
            // NOTE: held·price/unit = held·⌊price/unit⌋ + held·(price mod unit)/unit, the first
            // term a whole number: ⌊held·price/unit⌋ is the first term plus the floor of the second,
            // whose product fits in 128 bits for any held below 2^68 with a unit up to 10^18. The
            // split is made once a query; a position's collateral value then needs neither a
            // 256-bit product nor its division (callgrind, benchmark-day full day, warm-up + 1:
            // 557.53 M -> 555.12 M). Any overflow takes the general path, which fails alike.
            let whole = FixedPoint.multipliedReportingOverflow(held, collateralPriceSplit.quotient)
            let fraction = FixedPoint.multipliedReportingOverflow(held, collateralPriceSplit.remainder)
            let sum = whole.partialValue.addingReportingOverflow(fraction.partialValue / collateralUnit)
            let value = !whole.overflow && !fraction.overflow && !sum.overflow
                ? sum.partialValue
                : try ProtocolState.tokenValue(held, scale: collateralUnit, price: collateralPrice, rounding: .down)
            // NOTE: a debt price that is a whole number of units per token (a stablecoin's wad
            // price over 10^6) values the debt with one product, exact and so rounded up alike
            // (callgrind, benchmark-day full day, warm-up + 1: 554.90 M -> 553.84 M).
            let wholeDebt = FixedPoint.multipliedReportingOverflow(owed, debtPriceSplit.quotient)
            let debtValue = debtPriceSplit.remainder == 0 && !wholeDebt.overflow
                ? wholeDebt.partialValue
                : try ProtocolState.tokenValue(owed, scale: debtUnit, price: debtPrice, rounding: .up)
            return AccountValues(weightedCollateral: try threshold.floor(value), borrowingPower: 0, debt: debtValue).health
        } catch {
            return nil
        }
    }
}

/// The candidates of one index query (``ProtocolState/lowestHealthBelow(_:market:at:)``), in the
/// walk's order: the first two held in place, the others in an array.
private struct Candidates {
    private var first = AccountID(0), second = AccountID(0)
    /// The candidates after the first two (nil while there are none: nothing to release), storage
    /// for 16 reserved at the first (one allocation, not one per doubling).
    private var more: [AccountID]?
    /// How many candidates are held.
    private(set) var count = 0

    /// Adds `account` after the others.
    mutating func append(_ account: AccountID) {
        switch count {
        case 0: first = account
        case 1: second = account
        default:
            if more == nil {
                more = []
                more?.reserveCapacity(16)
            }
            more?.append(account)
        }
        count += 1
    }

    /// The candidate at `index` (0 ..< count).
    subscript(index: Int) -> AccountID { index == 0 ? first : index == 1 ? second : more.unsafelyUnwrapped[index - 2] }
}
