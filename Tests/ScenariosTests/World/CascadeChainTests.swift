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

    @Test("The unhealthy accounts at a round's start count in any order and with repeats, only for the next round")
    func unhealthyListOrderAndAge() {
        var chain = CascadeChain(window: 5)
        let far = AccountID(10_000)
        #expect(chain.addRound(block: 1, liquidated: [Self.a], unhealthyAtStart: [far, Self.c, far, Self.b]) == 1)
        // d was healthy at block 1's start → round 2; far was not, but that only matters next round.
        #expect(chain.addRound(block: 2, liquidated: [Self.d], unhealthyAtStart: [Self.e]) == 2)
        // far and c were unhealthy at block 1's start, not at block 2's: the chain goes on.
        #expect(chain.addRound(block: 3, liquidated: [far, Self.c], unhealthyAtStart: [Self.f]) == 3)
        // f, unhealthy at block 3's start, breaks the link when it is liquidated.
        #expect(chain.addRound(block: 4, liquidated: [Self.a, Self.f], unhealthyAtStart: []) == 1)
        #expect(chain.depth == 3)
    }

    @Test("Noting a round's liquidations one by one, then closing it, is adding the round")
    func notedRounds() {
        var added = CascadeChain(window: 5), noted = CascadeChain(window: 5)
        let rounds: [(block: Int, liquidated: [AccountID], unhealthyAtStart: [AccountID])] = [
            (1, [Self.a], [Self.a, Self.b]), (3, [Self.c, Self.d], [Self.c]), (4, [Self.e, Self.c], []),
            (5, [], [Self.f]), (6, [Self.b, Self.f], [Self.a]), (20, [Self.a], []),
        ]
        for round in rounds {
            for account in round.liquidated { noted.noteLiquidated(account) }
            #expect(noted.roundIsOpen == !round.liquidated.isEmpty)
            let number = noted.closeRound(block: round.block, unhealthyAtStart: round.unhealthyAtStart)
            #expect(!noted.roundIsOpen)
            #expect(number == added.addRound(block: round.block, liquidated: round.liquidated, unhealthyAtStart: round.unhealthyAtStart))
            #expect(noted == added && noted.depth == added.depth)
        }
    }

    @Test("Two chains are equal when their last rounds and the accounts unhealthy at its start agree, whatever came before")
    func equality() {
        var one = CascadeChain(window: 5), two = CascadeChain(window: 5)
        one.addRound(block: 1, liquidated: [Self.a], unhealthyAtStart: [Self.a, AccountID(50)])
        two.addRound(block: 1, liquidated: [Self.b], unhealthyAtStart: [Self.b])
        #expect(one != two)
        one.addRound(block: 9, liquidated: [Self.c], unhealthyAtStart: [Self.d, Self.c])
        two.addRound(block: 9, liquidated: [Self.c], unhealthyAtStart: [Self.c, Self.d, Self.c])
        #expect(one == two)
        var three = two
        three.addRound(block: 10, liquidated: [Self.e], unhealthyAtStart: [Self.e])
        two.addRound(block: 10, liquidated: [Self.e], unhealthyAtStart: [Self.f])
        #expect(three != two)
    }
}
