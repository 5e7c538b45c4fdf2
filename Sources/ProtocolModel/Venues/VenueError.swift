/// Why a venue refused a trade (a revert of the transaction that asked).
public enum VenueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The trade would leave the venue's price outside its configured range.
    case priceOutOfRange
    /// The venue does not hold enough of the output token (or the cap is reached); for a margin
    /// venue, its liquidity does not cover the loan.
    case insufficientInventory
    /// The trade's input is zero.
    case zeroAmount
    /// A margin venue has no open position for the sender.
    case noPosition
    /// A margin position's locked value at the oracle price is below its loan times ocr.
    case insufficientEquity
    /// A vault's deviation guard: its position's spot value is too far from its virtual-price value.
    case priceDeviation
    case arithmetic(ArithmeticError)

    public var description: String {
        switch self {
        case .priceOutOfRange: return "the trade would move the price outside the venue's range"
        case .insufficientInventory: return "the venue's inventory does not cover the trade"
        case .zeroAmount: return "the trade's input is zero"
        case .noPosition: return "no open position at the margin venue"
        case .insufficientEquity: return "the position's value at the oracle price is below its loan × ocr"
        case .priceDeviation: return "the vault's spot valuation deviates from its virtual-price valuation beyond its limit"
        case .arithmetic(let error): return "arithmetic \(error)"
        }
    }

    /// Runs `body`, mapping an ``ArithmeticError`` to ``arithmetic(_:)``.
    static func arithmetic<T>(_ body: () throws(ArithmeticError) -> T) throws(VenueError) -> T {
        do { return try body() } catch { throw .arithmetic(error) }
    }
}
