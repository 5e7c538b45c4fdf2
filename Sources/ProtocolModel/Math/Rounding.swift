/// Rounding direction of an integer division, named as on-chain code names it.
///
/// Every division in the protocol model states its direction; the rule is "in the protocol's
/// favour" (amounts paid out round down, amounts charged round up).
public enum Rounding: Sendable {
    /// Towards zero: ⌊a/b⌋.
    case down
    /// Away from zero: ⌈a/b⌉.
    case up
}

/// An arithmetic failure inside a transaction: always a revert, never a trap.
public enum ArithmeticError: Error, Sendable, Equatable {
    /// The exact result does not fit in `UInt128`.
    case overflow
    /// A subtraction would go below zero.
    case underflow
    /// A division by zero.
    case divisionByZero
}
