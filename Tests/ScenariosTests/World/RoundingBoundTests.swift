import Testing
@testable import Scenarios

@Suite("Rounding bound of a sum of valued terms")
struct RoundingBoundTests {
    @Test("0.1 + 0.2 − 0.3 is zero within the rounding of its terms; a difference above the bound is kept")
    func residueAndSignal() {
        var bound = RoundingBound()
        var sum = 0.0
        for term in [0.1, 0.2, -0.3] {
            sum += term
            bound.add(term)
        }
        #expect(sum != 0)  // 5.55e-17: the residue
        #expect(bound.zeroingResidue(sum) == 0)
        // (3 + 2)·4·ε·0.6 ≈ 2.66e-15: a difference of 1e-14 is above it and stays.
        #expect(abs(bound.error - 5 * 4 * Double.ulpOfOne * 0.6) < 1e-30)
        #expect(bound.zeroingResidue(1e-14) == 1e-14)
        #expect(bound.zeroingResidue(-1e-14) == -1e-14)
    }

    @Test("Without terms nothing is rounding: any non-zero value stays")
    func emptyBound() {
        let bound = RoundingBound()
        #expect(bound.error == 0)
        #expect(bound.zeroingResidue(1e-300) == 1e-300)
        #expect(bound.zeroingResidue(0) == 0)
    }
}
