/// One lending market's index of positions by liquidation price, so that "which accounts
/// are below health h" costs O(answers + 1) instead of O(positions) (issue 5).
///
/// A position with exactly one collateral asset (LT > 0, supplied > 0) and one other debt
/// asset has health < h ⟺ K > t, where K = scaledDebt / (scaledSupplied × LT) is the
/// account's key and t = (supplyIndex × p_collateral × 10^debtDecimals) /
/// (borrowIndex × p_debt × 10^collateralDecimals × h) depends only on the market and prices.
/// Keys are scaled balances, so interest accrual and socialised losses (which move the
/// indices of every position alike) never re-key anyone. Each (collateral slot, debt slot)
/// pair has an indexed max-heap of keys; a position of such a pair with a balance below
/// ``dustScaled`` goes to the pair's dust heap instead, keyed by an upper bound of its key
/// (``dustKey(scaledSupplied:scaledDebt:liquidationThreshold:)``); every other position with
/// debt (several assets, a collateral balance too small to bound) is in a small general set
/// that queries scan.
///
/// The index holds committed state only: ``ProtocolState/commit()`` re-keys the accounts whose
/// positions the transaction wrote.
public struct LiquidationIndex: Sendable {
    /// Positions with a scaled balance below this go to a dust heap: their rounding (one raw
    /// unit) could exceed ``keyMargin`` relative to the balance.
    static let dustScaled: UInt128 = 10_000_000
    /// Relative margin a query leaves on the Double keys before verifying each candidate's
    /// exact health, so that no account is missed through rounding.
    static let keyMargin = 1e-4

    /// The heaps, two per (collateral slot, debt slot): heap `c × slots + d` keys the positions
    /// above dust, heap `slots² + c × slots + d` (a dust heap) bounds the keys of the others.
    var heaps: [KeyHeap]
    /// Accounts with debt that the heaps cannot key, in no order.
    var general: [AccountID] = []
    /// Where each account is, by account index (see ``Location``).
    var locations: [Location] = []
    let slots: Int

    /// An account's place in the index.
    struct Location {
        /// −1: not indexed; −2: general set; otherwise the heap number.
        var heap: Int32
        /// Position in that heap's arrays or in `general`.
        var position: Int32
        static let none = Location(heap: -1, position: -1)
    }

    init(slots: Int) {
        self.slots = slots
        heaps = Array(repeating: KeyHeap(), count: 2 * slots * slots)
    }

    /// Number of accounts indexed (heaps and general set).
    public var count: Int { heaps.reduce(general.count) { $0 + $1.keys.count } }

    /// Re-keys `account` to `target`, the ``placement(_:in:config:)`` of its committed position:
    /// into a heap, the general set, or out of the index when it owes nothing. O(log n).
    // NOTE: inlined into the commit's re-keying, its one caller (benchmark-day full day, warm-up + 1:
    // 652.6 M -> 651.9 M; callgrind).
    @inline(__always)
    mutating func update(_ account: AccountID, to target: Placement) {
        if account.index >= locations.count {
            locations.append(contentsOf: repeatElement(.none, count: account.index + 1 - locations.count))
        }
        let location = locations[account.index]
        switch (location.heap, target) {
        case (-1, .none): return
        case (-2, .general): return
        case (let heap, .keyed(let number, let key)) where heap == Int32(number):
            heaps[number].setKey(key, at: Int(location.position), locations: &locations)
            return
        default: break
        }
        remove(account, from: location)
        switch target {
        case .none: break
        case .general:
            locations[account.index] = Location(heap: -2, position: Int32(general.count))
            general.append(account)
        case .keyed(let number, let key):
            heaps[number].insert(account, key: key, heapNumber: Int32(number), locations: &locations)
        }
    }

    /// Takes `account` out of its place `location` (a heap, the general set, or none).
    // NOTE: inlined into the re-key, its one caller (benchmark-day full day, warm-up + 1: 647.0 M ->
    // 646.8 M; callgrind).
    @inline(__always)
    private mutating func remove(_ account: AccountID, from location: Location) {
        switch location.heap {
        case -1: return
        case -2:
            let position = Int(location.position)
            let last = general.removeLast()
            if position < general.count {
                general[position] = last
                locations[last.index].position = Int32(position)
            }
        default:
            heaps[Int(location.heap)].remove(at: Int(location.position), locations: &locations)
        }
        locations[account.index] = .none
    }

    enum Placement {
        case none
        case general
        case keyed(heap: Int, key: Double)
    }

    /// Where a position belongs: nowhere without debt; with exactly one collateral and one other
    /// debt asset, the pair's heap when both balances are above dust, else the pair's dust heap
    /// when its key can be bounded; the general set otherwise.
    // NOTE: inlined into the commit's re-keying, its one caller (benchmark-day full day, warm-up + 1:
    // 654.4 M -> 654.2 M; callgrind).
    @inline(__always)
    static func placement(_ position: LendingPosition?, in positions: LendingPositions, config: [MarketAssetConfig]) -> Placement {
        guard let position else { return .none }
        let slots = positions.slots
        // NOTE: a two-asset market's position is read straight, without the loop over the slots
        // (callgrind, benchmark-day full day, warm-up + 1: 560.61 M -> 559.97 M).
        if slots == 2 {
            let owes0 = positions.scaledDebt(position, slot: 0) > 0, owes1 = positions.scaledDebt(position, slot: 1) > 0
            guard owes0 || owes1 else { return .none }
            let holds0 = positions.scaledSupplied(position, slot: 0) > 0 && config[0].liquidationThreshold > 0
            let holds1 = positions.scaledSupplied(position, slot: 1) > 0 && config[1].liquidationThreshold > 0
            // One debt slot, one collateral slot, not the same one.
            guard owes0 != owes1, holds0 != holds1, owes0 != holds0 else { return .general }
            let debtSlot = owes0 ? 0 : 1, collateralSlot = 1 - debtSlot
            return pairPlacement(scaledSupplied: positions.scaledSupplied(position, slot: collateralSlot), collateralSlot: collateralSlot,
                                 scaledDebt: positions.scaledDebt(position, slot: debtSlot), debtSlot: debtSlot, slots: slots,
                                 threshold: keyThreshold(config[collateralSlot].liquidationThreshold))
        }
        var debtSlot = -1, debtCount = 0, collateralSlot = -1, collateralCount = 0
        for slot in 0..<slots {
            if positions.scaledDebt(position, slot: slot) > 0 { debtSlot = slot; debtCount += 1 }
            if positions.scaledSupplied(position, slot: slot) > 0, config[slot].liquidationThreshold > 0 {
                collateralSlot = slot; collateralCount += 1
            }
        }
        guard debtCount > 0 else { return .none }
        guard debtCount == 1, collateralCount == 1, debtSlot != collateralSlot else { return .general }
        return pairPlacement(scaledSupplied: positions.scaledSupplied(position, slot: collateralSlot), collateralSlot: collateralSlot,
                             scaledDebt: positions.scaledDebt(position, slot: debtSlot), debtSlot: debtSlot, slots: slots,
                             threshold: keyThreshold(config[collateralSlot].liquidationThreshold))
    }

    /// A configured liquidation threshold (wad) as the fraction keys divide by.
    @inline(__always)
    static func keyThreshold(_ liquidationThreshold: UInt128) -> Double { double(liquidationThreshold) / 1e18 }

    /// The ``placement(_:in:config:)`` of a position whose only collateral (configured
    /// liquidation threshold above 0, ``keyThreshold(_:)`` `threshold`) is `scaledSupplied` > 0
    /// in `collateralSlot` and whose only debt is `scaledDebt` > 0 in another slot, `debtSlot`,
    /// of a market of `slots` assets.
    @inline(__always)
    static func pairPlacement(scaledSupplied: UInt128, collateralSlot: Int, scaledDebt: UInt128, debtSlot: Int, slots: Int,
                              threshold: Double) -> Placement {
        let pair = collateralSlot * slots + debtSlot
        guard scaledDebt >= dustScaled, scaledSupplied >= dustScaled else {
            guard let key = dustKey(scaledSupplied: scaledSupplied, scaledDebt: scaledDebt, liquidationThreshold: threshold)
            else { return .general }
            return .keyed(heap: slots * slots + pair, key: key)
        }
        return .keyed(heap: pair, key: double(scaledDebt) / (double(scaledSupplied) * threshold))
    }

    /// An upper bound of the key of a position with a balance below dust, so that a query's
    /// pruning (which assumes a key exact to within ``keyMargin``) never drops it while its exact
    /// health is below the threshold; nil when the collateral is too small to bound (general set).
    ///
    /// Each rounding of the exact health moves it down by at most one unit of the amount
    /// rounded: the collateral converted from its scaled balance, its value, and that value
    /// weighted by LT (each floored: relative to the collateral, at most 1, 1 and 1/LT over the
    /// scaled balance), the debt converted and valued (each ceiled: at most 1 over the scaled
    /// debt); the health's own floor changes no comparison with an integer threshold. Those
    /// bounds hold while the collateral's supply index and the debt's borrow index are at least
    /// 1 (wad) and each asset's price is at least one unit of value per raw unit (10^decimals,
    /// wad); a query visits the whole dust heap otherwise. With each term doubled, the bound is
    /// the key times (1 + 4 / scaledDebt) / (1 − 2 (2 + 1/LT) / scaledSupplied).
    ///
    /// NOTE: dust positions (debts below 10 USDC left by halving liquidations) were in the
    /// general set, each verified by every query: ≈ 20 k exact health computations in a
    /// benchmark day (callgrind, warm-up + 1: 1,151.2 M -> 1,123.8 M instructions).
    static func dustKey(scaledSupplied: UInt128, scaledDebt: UInt128, liquidationThreshold: Double) -> Double? {
        let collateralError = 2 * (2 + 1 / liquidationThreshold) / double(scaledSupplied)
        guard collateralError <= 0.5 else { return nil }
        let key = double(scaledDebt) / (double(scaledSupplied) * liquidationThreshold)
        return key * (1 + 4 / double(scaledDebt)) / (1 - collateralError)
    }

    /// `value` as the nearest-ish Double through its two 64-bit halves (relative error below
    /// 2^-52; the standard library's generic UInt128 conversion is far slower).
    static func double(_ value: UInt128) -> Double {
        Double(UInt64(truncatingIfNeeded: value >> 64)) * 0x1p64 + Double(UInt64(truncatingIfNeeded: value))
    }
}
