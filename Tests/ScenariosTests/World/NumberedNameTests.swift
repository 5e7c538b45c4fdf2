@testable import Scenarios
import Testing

/// Population names written byte by byte are the interpolated names.
@Suite("Numbered names")
struct NumberedNameTests {
    @Test("The same string as the interpolation: every digit count, powers of ten and their neighbours, random numbers")
    func sameAsInterpolation() {
        var numbers = [0, 1, 9, 10, 11, 99, 100, 12_345, 99_999, 100_000, Int.max]
        var power = 1
        while power <= Int.max / 10 {
            power *= 10
            numbers += [power - 1, power, power + 1]
        }
        var generator = SystemRandomNumberGenerator()
        numbers += (0..<1_000).map { _ in Int.random(in: 0...Int.max, using: &generator) >> Int.random(in: 0..<63, using: &generator) }
        for number in numbers {
            #expect(numberedName("borrower-", number) == "borrower-\(number)", "\(number)")
        }
        #expect(numberedName("", 7) == "7")
        #expect(numberedName("a-much-longer-prefix-than-fifteen-bytes-", 42) == "a-much-longer-prefix-than-fifteen-bytes-42")
        #expect(numberedName("borrower-", 12).utf8.count == 11)
    }
}
