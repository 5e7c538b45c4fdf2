import Testing
@testable import ProtocolModel

@Suite("Fixed-point arithmetic")
struct FixedPointTests {
    @Test("mulDiv rounds as named on small hand cases: 7·3/2 is 10 down, 11 up; exact divisions agree")
    func mulDivRoundingHandCases() throws {
        #expect(try FixedPoint.mulDiv(7, 3, 2, rounding: .down) == 10)
        #expect(try FixedPoint.mulDiv(7, 3, 2, rounding: .up) == 11)
        #expect(try FixedPoint.mulDiv(6, 4, 3, rounding: .down) == 8)
        #expect(try FixedPoint.mulDiv(6, 4, 3, rounding: .up) == 8)
        #expect(try FixedPoint.mulDiv(0, 5, 7, rounding: .up) == 0)
        #expect(try FixedPoint.mulDiv(1, 1, 3, rounding: .up) == 1)
        #expect(try FixedPoint.mulDiv(1, 1, 3, rounding: .down) == 0)
    }

    @Test("mulDiv keeps a 256-bit product: (2^127)·4/8 is 2^126, (max)·(max)/(max) is max")
    func mulDivWideProduct() throws {
        #expect(try FixedPoint.mulDiv(1 << 127, 4, 8, rounding: .down) == 1 << 126)
        #expect(try FixedPoint.mulDiv(.max, .max, .max, rounding: .up) == .max)
        #expect(throws: ArithmeticError.overflow) { try FixedPoint.mulDiv(.max, 2, 1, rounding: .down) }
        // ⌊max·max/(max−1)⌋ = max + 1 + … does not fit.
        #expect(throws: ArithmeticError.overflow) { try FixedPoint.mulDiv(.max, .max, .max - 1, rounding: .down) }
        // ⌊max·1/1⌋ fits but rounding up an inexact max would not: max·3/3 is exact.
        #expect(try FixedPoint.mulDiv(.max, 3, 3, rounding: .up) == .max)
        #expect(throws: ArithmeticError.divisionByZero) { try FixedPoint.mulDiv(1, 1, 0, rounding: .down) }
    }

    @Test("mulDiv matches Python big-integer results on 1200 fixture cases, including throws")
    func mulDivFixture() throws {
        var checked = 0, thrown = 0
        for line in MulDivFixture.text.split(separator: "\n") where line.hasPrefix("muldiv ") {
            let fields = line.split(separator: " ")
            let (a, b, c) = (UInt128(fields[1])!, UInt128(fields[2])!, UInt128(fields[3])!)
            let rounding: Rounding = fields[4] == "up" ? .up : .down
            switch fields[5] {
            case "overflow":
                #expect(throws: ArithmeticError.overflow, "\(line)") { try FixedPoint.mulDiv(a, b, c, rounding: rounding) }
                thrown += 1
            case "divisionByZero":
                #expect(throws: ArithmeticError.divisionByZero, "\(line)") { try FixedPoint.mulDiv(a, b, c, rounding: rounding) }
                thrown += 1
            default:
                #expect(try FixedPoint.mulDiv(a, b, c, rounding: rounding) == UInt128(fields[5])!, "\(line)")
            }
            checked += 1
        }
        #expect(checked == 1200)
        #expect(thrown > 100 && thrown < 1000)
    }

    @Test("add, subtract and multiply throw at the edges of UInt128 and are exact inside")
    func checkedOperations() throws {
        #expect(try FixedPoint.add(.max - 1, 1) == .max)
        #expect(throws: ArithmeticError.overflow) { try FixedPoint.add(.max, 1) }
        #expect(try FixedPoint.subtract(5, 5) == 0)
        #expect(throws: ArithmeticError.underflow) { try FixedPoint.subtract(4, 5) }
        #expect(try FixedPoint.multiply(1 << 64, UInt128(UInt64.max)) == .max - UInt128(UInt64.max))
        #expect(throws: ArithmeticError.overflow) { try FixedPoint.multiply(1 << 64, 1 << 64) }
        #expect(try FixedPoint.divide(7, 2, rounding: .down) == 3)
        #expect(try FixedPoint.divide(7, 2, rounding: .up) == 4)
        #expect(try FixedPoint.divide(.max, 1, rounding: .up) == .max)
        #expect(throws: ArithmeticError.divisionByZero) { try FixedPoint.divide(7, 0, rounding: .up) }
        #expect(FixedPoint.wad == 1_000_000_000_000_000_000)
    }

    @Test("sqrt is exact on perfect squares and floors just around them")
    func sqrtAroundSquares() {
        let roots: [UInt128] = [1, 2, 3, 10, 1 << 32, UInt128(UInt64.max), 999_999_999_999_999_999]
        for root in roots {
            let square = root * root
            #expect(FixedPoint.sqrt(square) == root)
            #expect(FixedPoint.sqrt(square - 1) == root - 1)
            #expect(FixedPoint.sqrt(square + 1) == root)
        }
        #expect(FixedPoint.sqrt(0) == 0)
        #expect(FixedPoint.sqrt(.max) == UInt128(UInt64.max))
        #expect(FixedPoint.sqrtOfProduct(.max, .max) == .max)
        #expect(FixedPoint.sqrtOfProduct(1 << 127, 2) == 1 << 64)
        #expect(FixedPoint.sqrtOfProduct((1 << 127) + 1, 1 << 127) == 1 << 127)
    }

    @Test("sqrt and sqrtOfProduct match Python's math.isqrt on 400 random fixture cases")
    func sqrtFixture() {
        var checked = 0
        for line in MulDivFixture.text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields[0] == "sqrt" {
                #expect(FixedPoint.sqrt(UInt128(fields[1])!) == UInt128(fields[2])!, "\(line)")
                checked += 1
            } else if fields[0] == "sqrtproduct" {
                #expect(FixedPoint.sqrtOfProduct(UInt128(fields[1])!, UInt128(fields[2])!) == UInt128(fields[3])!, "\(line)")
                checked += 1
            }
        }
        #expect(checked == 400)
    }
}
