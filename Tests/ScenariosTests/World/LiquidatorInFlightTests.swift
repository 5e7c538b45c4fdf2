@testable import Agents
import ProtocolModel
import Testing
@testable import Scenarios

/// What a liquidator sends given its own transactions still in flight and its own earlier sales
/// of the wake-up, on the flash crash of ``DefenceWorldTests`` stopped in its deepest block.
@Suite("Liquidators: their own transactions in flight and their own sales")
struct LiquidatorInFlightTests {
    /// A crash world run to the block after the shock (accounts below health 1, liquidators with
    /// capital), and a view of its sealed state.
    static func crashed(_ overrides: [String]) throws -> (World, AgentView) {
        let world = try DefenceWorldTests.world(["shocks=[{at: 10m, asset: ETH, move: -0.5, over: 1m}]", "duration=636s"] + overrides)
        _ = try world.run()
        var view = AgentView(state: world.state, valuation: world.valuation, lastBlock: world.chain.lastSealedBlock,
                             gasPrice: world.sealedView.gasPrice, gas: world.chain.config.gas,
                             nativeAsset: world.chain.config.nativeAsset)
        view.time = Double(world.chain.timestamp(ofBlock: world.chain.lastSealedBlock)) + 1
        return (world, view)
    }

    /// The borrowers of the liquidations in `transactions`.
    static func borrowers(_ transactions: [Transaction]) -> [AccountID] {
        transactions.flatMap { transaction in
            transaction.steps.compactMap { step -> AccountID? in
                guard case .liquidate(_, let borrower, _, _, _) = step else { return nil }
                return borrower
            }
        }
    }

    /// What `liquidator` proposes on `view` with `pending` in the mempool, `seconds` after the view's time.
    static func proposals(of liquidator: Liquidator, _ view: AgentView, pending: [Transaction] = [], after seconds: Double = 0) -> [Transaction] {
        var view = view
        view.pending = pending
        view.time += seconds
        var proposals: [Transaction] = []
        liquidator.decide(view, into: &proposals)
        return proposals
    }

    @Test("Without a cap, a liquidator sends no second liquidation of an account while its own is pending; another liquidator still competes for it", arguments: [false, true])
    func oneInFlightPerAccount(sellsAtLoss: Bool) throws {
        let (world, view) = try Self.crashed(["agents.liquidators.sell_at_loss=\(sellsAtLoss)", "agents.liquidators.min_profit=0"])
        let first = world.liquidators[0], second = world.liquidators[1]
        let sent = Self.proposals(of: first, view)
        let liquidated = Self.borrowers(sent)
        #expect(!liquidated.isEmpty)
        #expect(Set(Self.borrowers(Self.proposals(of: first, view, pending: sent))).isDisjoint(with: liquidated))
        #expect(!Set(Self.borrowers(Self.proposals(of: second, view, pending: sent))).isDisjoint(with: liquidated))
        // Once its transactions have left the mempool it may send them again.
        #expect(Self.borrowers(Self.proposals(of: first, view)) == liquidated)
    }

    /// The borrowers whose auctions `transactions` start, bid in or settle.
    static func auctionBorrowers(_ transactions: [Transaction]) -> Set<AccountID> {
        Set(transactions.flatMap { transaction in
            transaction.steps.compactMap { step -> AccountID? in
                switch step {
                case .startAuction(_, let borrower, _, _), .auctionBid(_, let borrower, _), .auctionSettle(_, let borrower): borrower
                default: nil
                }
            }
        })
    }

    @Test("An auction keeper (English or Dutch) sends nothing about an auction while its own transaction about it is pending, however long it waits; another keeper still competes; once it has landed the keeper acts again",
          arguments: ["{mechanism: english-auction, bid_duration: 10m, auction_duration: 6h, min_increment: 0.03, penalty: 0.13}",
                      "{mechanism: dutch-auction, start_premium: 0.05, duration: 10m}"])
    func oneInFlightPerAuction(mechanism: String) throws {
        let (world, view) = try Self.crashed(["lending_markets.m.liquidation=\(mechanism)"])
        let first = world.liquidators[0], second = world.liquidators[1]
        let sent = Self.proposals(of: first, view)
        let started = Self.auctionBorrowers(sent)
        #expect(!started.isEmpty)
        // Ten minutes later, its transactions still waiting (say, under its gas cap): nothing
        // about those auctions again.
        #expect(Self.auctionBorrowers(Self.proposals(of: first, view, pending: sent, after: 600)).isDisjoint(with: started))
        // Another keeper still competes for them.
        #expect(!Self.auctionBorrowers(Self.proposals(of: second, view, pending: sent)).isDisjoint(with: started))
        // Once its transactions have left the mempool (here unexecuted) it sends them again, at once.
        #expect(Self.auctionBorrowers(Self.proposals(of: first, view)) == started)
    }

    @Test("A profit-seeking liquidator's sales of one wake-up, run in order on the sealed pool, each return at least its minimum (the repayment)")
    func ownSalesAreQuotedInOrder() throws {
        // A thin pool: each sale moves it; several accounts below health 1 at once.
        let (world, view) = try Self.crashed(["pools.eth_usdc.reserve0=300", "agents.liquidators.min_profit=0",
                                              "agents.liquidators.capital={ETH: 10, USDC: 5000000}"])
        var sent: [Transaction] = []
        world.liquidators[0].decide(view, into: &sent)
        #expect(sent.count >= 2)
        var pool = world.state.pools[0].pool
        for transaction in sent {
            guard case .liquidate(let market, let borrower, let debtAsset, let collateralAsset, .exact(let repay)) = transaction.steps[0],
                  case .swap(_, let zeroForOne, _, let minimum) = transaction.steps[1] else {
                Issue.record("not a liquidation and a sale: \(transaction.steps)")
                continue
            }
            let quote = try world.state.quoteLiquidation(market: market, borrower: borrower, debtAsset: debtAsset, collateralAsset: collateralAsset,
                                                   requested: repay, at: Int64(view.time))
            let out = try pool.swapExactIn(quote.seize, zeroForOne: zeroForOne)
            #expect(out >= minimum)
            #expect(minimum == repay)
        }
    }
}
