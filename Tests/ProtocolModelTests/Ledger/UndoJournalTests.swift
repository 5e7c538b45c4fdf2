import Testing
@testable import ProtocolModel

@Suite("UndoJournal")
struct UndoJournalTests {
    @Test("Pairs and single records pop newest first, whether they grow the storage or reuse it")
    func pairsAndSingles() {
        var journal = UndoJournal<Int>()
        for round in 0..<3 {
            var expected: [Int] = []
            // Odd lengths make a pair straddle the end of the storage grown in the first round.
            for value in 0..<(5 + 2 * round) {
                if value.isMultiple(of: 3) {
                    journal.append(value)
                    expected.append(value)
                } else {
                    journal.append(value, -value)
                    expected += [value, -value]
                }
            }
            #expect(journal.count == expected.count)
            var popped: [Int] = []
            while !journal.isEmpty { popped.append(journal.removeLast()) }
            #expect(popped == expected.reversed())
            journal.removeAll()
        }
    }

    @Test("Quadruples, pairs and single records pop newest first, whether they grow the storage or reuse it")
    func quadruplesPairsAndSingles() {
        var journal = UndoJournal<Int>()
        for round in 0..<4 {
            var expected: [Int] = []
            // Lengths that vary by round make a quadruple straddle the end of the storage grown before.
            for value in 0..<(4 + 3 * round) {
                switch value % 3 {
                case 0:
                    journal.append(value, -value, 100 + value, -100 - value)
                    expected += [value, -value, 100 + value, -100 - value]
                case 1:
                    journal.append(value, -value)
                    expected += [value, -value]
                default:
                    journal.append(value)
                    expected.append(value)
                }
            }
            #expect(journal.count == expected.count)
            #expect(Array(journal[0...]) == expected)
            var popped: [Int] = []
            while !journal.isEmpty { popped.append(journal.removeLast()) }
            #expect(popped == expected.reversed())
            journal.removeAll()
        }
    }
}
