/// `prefix` followed by `number` in decimal — "borrower-12" for ("borrower-", 12) — the same
/// string as the interpolation `"\(prefix)\(number)"`, for a population's account names.
///
/// NOTE: the bytes are written into the new string directly (a name of up to 15 bytes is a
/// small string: no allocation); the interpolation went through `Int.description` and two
/// appends, ≈ 470 instructions per name, once per borrower of benchmark-day (callgrind).
///
/// - Precondition: `number` ≥ 0.
func numberedName(_ prefix: StaticString, _ number: Int) -> String {
    precondition(number >= 0, "a population number is not negative")
    var digits = 1, rest = number
    while rest >= 10 {
        rest /= 10
        digits += 1
    }
    let prefixLength = prefix.utf8CodeUnitCount
    return String(unsafeUninitializedCapacity: prefixLength + digits) { bytes in
        let start = bytes.baseAddress!
        start.initialize(from: prefix.utf8Start, count: prefixLength)
        var cursor = start + prefixLength + digits, value = number
        repeat {
            cursor -= 1
            cursor.initialize(to: UInt8(truncatingIfNeeded: value % 10) &+ UInt8(ascii: "0"))
            value /= 10
        } while value > 0
        return prefixLength + digits
    }
}
