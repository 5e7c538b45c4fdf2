import ProtocolModel
import Testing
@testable import Scenarios

/// The chain rule of `cascade_depth` (DESIGN.md §3) on synthetic rounds.
@Suite("Cascade chains")
struct CascadeChainTests {
    static let a = AccountID(1), b = AccountID(2), c = AccountID(3), d = AccountID(4), e = AccountID(5), f = AccountID(6)

    @Test("A round extends the chain when within the window and its accounts were healthy at the previous round's start")
    func chainRule() {
        var chain = CascadeChain(window: 5)
        #expect(chain.depth == 0 && chain.round == 0)
        // Block 10 liquidates a (a and b unhealthy at its start).
        #expect(chain.addRound(block: 10, liquidated: [Self.a], unhealthyAtStart: [Self.a, Self.b]) == 1)
        // Block 12 liquidates c: healthy at block 10's start, 2 blocks later → round 2.
        #expect(chain.addRound(block: 12, liquidated: [Self.c], unhealthyAtStart: [Self.c]) == 2)
        // Block 17 (exactly the window later) liquidates d, healthy at block 12's start → round 3.
        #expect(chain.addRound(block: 17, liquidated: [Self.d, Self.e], unhealthyAtStart: [Self.d, Self.e]) == 3)
        #expect(chain.depth == 3)
        // Block 23 is 6 blocks later: beyond the window, a new chain.
        #expect(chain.addRound(block: 23, liquidated: [Self.f], unhealthyAtStart: [Self.f, Self.b]) == 1)
        // Block 24 liquidates b, already unhealthy at block 23's start (a late liquidation, not a
        // cascade) together with a: the link breaks.
        #expect(chain.addRound(block: 24, liquidated: [Self.a, Self.b], unhealthyAtStart: []) == 1)
        // Block 25 liquidates c, healthy at block 24's start → round 2; the depth stays 3.
        #expect(chain.addRound(block: 25, liquidated: [Self.c], unhealthyAtStart: []) == 2)
        #expect(chain.round == 2 && chain.depth == 3)
    }

    @Test("With a one-block window only consecutive blocks chain")
    func oneBlockWindow() {
        var chain = CascadeChain(window: 1)
        #expect(chain.addRound(block: 1, liquidated: [Self.a], unhealthyAtStart: [Self.a]) == 1)
        #expect(chain.addRound(block: 2, liquidated: [Self.b], unhealthyAtStart: [Self.b]) == 2)
        #expect(chain.addRound(block: 4, liquidated: [Self.c], unhealthyAtStart: [Self.c]) == 1)
        #expect(chain.addRound(block: 5, liquidated: [Self.d], unhealthyAtStart: []) == 2)
        #expect(chain.addRound(block: 6, liquidated: [Self.e], unhealthyAtStart: []) == 3)
        #expect(chain.depth == 3)
    }
}
