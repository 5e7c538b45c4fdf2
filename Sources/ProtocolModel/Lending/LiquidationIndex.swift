/// One lending market's index of positions by liquidation price, so that "which accounts
/// are below health h" costs O(answers + 1) instead of O(positions) (issue 5).
///
/// A position with exactly one collateral asset (LT > 0, supplied > 0) and one other debt
/// asset has health < h ⟺ K > t, where K = scaledDebt / (scaledSupplied × LT) is the
/// account's key and t = (supplyIndex × p_collateral × 10^debtDecimals) /
/// (borrowIndex × p_debt × 10^collateralDecimals × h) depends only on the market and prices.
/// Keys are scaled balances, so interest accrual and socialised losses (which move the
/// indices of every position alike) never re-key anyone. Each (collateral slot, debt slot)
/// pair has an indexed max-heap of keys; every other position with debt (several assets,
/// balances below ``dustScaled``) is in a small general set that queries scan.
///
/// The index holds committed state only: ``ProtocolState/commit()`` re-keys the accounts whose
/// positions the transaction wrote.
public struct LiquidationIndex: Sendable {
    /// Positions with a scaled balance below this go to the general set: their rounding
    /// (one raw unit) could exceed ``keyMargin`` relative to the balance.
    static let dustScaled: UInt128 = 10_000_000
    /// Relative margin a query leaves on the Double keys before verifying each candidate's
    /// exact health, so that no account is missed through rounding.
    static let keyMargin = 1e-4

    /// The heaps, one per (collateral slot, debt slot): heap `c × slots + d`.
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
        heaps = (0..<(slots * slots)).map { KeyHeap(collateralSlot: $0 / slots, debtSlot: $0 % slots) }
    }

    /// Number of accounts indexed (heaps and general set).
    public var count: Int { heaps.reduce(general.count) { $0 + $1.keys.count } }

    /// Re-keys `account` to `target`, the ``placement(_:in:config:)`` of its committed position:
    /// into a heap, the general set, or out of the index when it owes nothing. O(log n).
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

    /// Where a position belongs: nowhere without debt; a heap with exactly one collateral
    /// and one other debt asset, both above dust; the general set otherwise.
    static func placement(_ position: LendingPosition?, in positions: LendingPositions, config: [MarketAssetConfig]) -> Placement {
        guard let position else { return .none }
        let slots = positions.slots
        var debtSlot = -1, debtCount = 0, collateralSlot = -1, collateralCount = 0
        for slot in 0..<slots {
            if positions.scaledDebt(position, slot: slot) > 0 { debtSlot = slot; debtCount += 1 }
            if positions.scaledSupplied(position, slot: slot) > 0, config[slot].liquidationThreshold > 0 {
                collateralSlot = slot; collateralCount += 1
            }
        }
        guard debtCount > 0 else { return .none }
        let scaledDebt = positions.scaledDebt(position, slot: debtSlot)
        guard debtCount == 1, collateralCount == 1, debtSlot != collateralSlot, scaledDebt >= dustScaled,
              positions.scaledSupplied(position, slot: collateralSlot) >= dustScaled
        else { return .general }
        let threshold = double(config[collateralSlot].liquidationThreshold) / 1e18
        let key = double(scaledDebt) / (double(positions.scaledSupplied(position, slot: collateralSlot)) * threshold)
        return .keyed(heap: collateralSlot * slots + debtSlot, key: key)
    }

    /// `value` as the nearest-ish Double through its two 64-bit halves (relative error below
    /// 2^-52; the standard library's generic UInt128 conversion is far slower).
    static func double(_ value: UInt128) -> Double {
        Double(UInt64(truncatingIfNeeded: value >> 64)) * 0x1p64 + Double(UInt64(truncatingIfNeeded: value))
    }
}
