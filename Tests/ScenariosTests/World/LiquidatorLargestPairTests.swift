@testable import Agents
import ProtocolModel
import Testing

/// Which debt and collateral a liquidator takes on, on a hand-built market: USDC (6 decimals,
/// borrowable, no collateral), DAI (18, borrowable, LT 0.8) and ETH (18, LT 0.8), all priced
/// by constant oracles. Amounts are compared in raw units, as the positions hold them.
@Suite("Liquidator's largest pair")
struct LiquidatorLargestPairTests {
    static let wad: UInt128 = 1_000_000_000_000_000_000

    struct Failure: Error { let outcome: String }

    struct Market {
        var state = ProtocolState()
        let usdc: AssetID, dai: AssetID, eth: AssetID
        let supplier: AccountID
        var market = 0

        init() throws {
            usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
            dai = state.addAsset(Asset(symbol: "DAI", decimals: 18))
            eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
            supplier = state.addAccount(named: "supplier")
            let insurance = state.addAccount(named: "insurance")
            let usd = state.addOracle(name: "usd", unit: "USD", kind: .constant(LiquidatorLargestPairTests.wad))
            let ethPrice = state.addOracle(name: "eth", unit: "USD", kind: .constant(3_500 * LiquidatorLargestPairTests.wad))
            let threshold: UInt128 = 800_000_000_000_000_000
            func config(_ asset: AssetID, _ oracle: Int, threshold: UInt128, borrowable: Bool) -> MarketAssetConfig {
                MarketAssetConfig(asset: asset, price: PriceSource(oracle: oracle), collateralFactor: threshold,
                                  liquidationThreshold: threshold, liquidationBonus: 50_000_000_000_000_000,
                                  borrowable: borrowable, interest: .zero)
            }
            market = try state.addLendingMarket(
                name: "main", unit: "USD", mode: .cross, closeFactor: 500_000_000_000_000_000, insuranceFund: insurance,
                assets: [config(usdc, usd, threshold: 0, borrowable: true), config(dai, usd, threshold: threshold, borrowable: true),
                         config(eth, ethPrice, threshold: threshold, borrowable: false)],
                timestamp: 0)
            try state.endow(usdc, amount: 1_000_000_000_000, to: supplier)
            try state.endow(dai, amount: 1_000_000 * LiquidatorLargestPairTests.wad, to: supplier)
            try run(supplier, [.deposit(market: market, asset: usdc, amount: .exact(1_000_000_000_000)),
                               .deposit(market: market, asset: dai, amount: .exact(1_000_000 * LiquidatorLargestPairTests.wad))])
        }

        /// A new account endowed with and depositing `deposits`, then borrowing `borrows`.
        mutating func borrower(deposits: [(AssetID, UInt128)], borrows: [(AssetID, UInt128)]) throws -> AccountID {
            let account = state.addAccount(named: "borrower \(state.ledger.accountCount)")
            for (asset, amount) in deposits { try state.endow(asset, amount: amount, to: account) }
            try run(account, deposits.map { .deposit(market: market, asset: $0.0, amount: .exact($0.1)) }
                             + borrows.map { .borrow(market: market, asset: $0.0, amount: .exact($0.1)) })
            return account
        }

        mutating func run(_ sender: AccountID, _ steps: [Step]) throws {
            var log: [StepRecord] = []
            let outcome = state.runSteps(of: Transaction(sender: sender, agent: "test", steps: steps, submittedAt: 0),
                                         context: ExecutionContext(block: 1, timestamp: 12, recordSteps: false), log: &log)
            state.commit()
            guard case .executed = outcome else { throw Failure(outcome: "\(outcome)") }
        }
    }

    @Test("The largest raw debt and the largest raw collateral with a liquidation threshold; ties keep the first slot; one asset on both sides gives none")
    func choices() throws {
        var world = try Market()
        let (usdc, dai, eth) = (world.usdc, world.dai, world.eth)
        let ether = Self.wad
        // One debt, two collaterals: 5,000 DAI (5e21 raw) outweighs 3 ETH (3e18 raw).
        let twoCollaterals = try world.borrower(deposits: [(eth, 3 * ether), (dai, 5_000 * ether)], borrows: [(usdc, 1_000_000_000)])
        // Two debts: 500 DAI (5e20 raw) outweighs 1,000 USDC (1e9 raw).
        let twoDebts = try world.borrower(deposits: [(eth, 3 * ether)], borrows: [(usdc, 1_000_000_000), (dai, 500 * ether)])
        // Equal raw debts, 1e9 each: the first slot (USDC).
        let tiedDebts = try world.borrower(deposits: [(eth, 3 * ether)], borrows: [(usdc, 1_000_000_000), (dai, 1_000_000_000)])
        let single = try world.borrower(deposits: [(eth, 3 * ether)], borrows: [(usdc, 1_000_000_000)])
        // DAI on both sides: no pair in different assets.
        let sameAsset = try world.borrower(deposits: [(dai, 5_000 * ether)], borrows: [(dai, 1_000 * ether)])
        let liquidator = Liquidator(name: "l", account: world.supplier, market: world.market, latency: .constant(0),
                                    gasPriceCap: nil, minProfit: 0, priorityFee: 0, replicationSeed: 1)
        #expect(liquidator.largestPair(of: twoCollaterals, in: world.state).map { [$0.debt, $0.collateral] } == [0, 1])
        #expect(liquidator.largestPair(of: twoDebts, in: world.state).map { [$0.debt, $0.collateral] } == [1, 2])
        #expect(liquidator.largestPair(of: tiedDebts, in: world.state).map { [$0.debt, $0.collateral] } == [0, 2])
        #expect(liquidator.largestPair(of: single, in: world.state).map { [$0.debt, $0.collateral] } == [0, 2])
        #expect(liquidator.largestPair(of: sameAsset, in: world.state) == nil)
        #expect(liquidator.largestPair(of: world.supplier, in: world.state) == nil)
    }
}
