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
}
