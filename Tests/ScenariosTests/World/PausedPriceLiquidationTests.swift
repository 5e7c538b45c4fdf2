import Foundation
import Testing
@testable import ProtocolModel
@testable import Scenarios

/// A price that cannot be read (a deviation guard that pauses) holds up only the accounts that
/// hold its asset: liquidators still find and liquidate the others, and the liquidatable count
/// and the lowest health still see them.
@Suite("Liquidations while one asset's price is paused")
struct PausedPriceLiquidationTests {
    /// ETH (guarded: beyond 5 % from a constant 3,000 its price pauses) and WBTC collateral,
    /// USDC debt. At 2 m ETH falls 20 % (its guard pauses it for the rest of the run) and WBTC
    /// 40 %: the WBTC holder's health falls from 60,000 × 0.75 / 38,000 = 1.184 to
    /// 36,000 × 0.75 / 38,000 = 0.711; the ETH holder's cannot be read. The liquidator sells
    /// seized WBTC in a pool no arbitrageur moves.
    static let scenario = """
    name: paused-eth
    duration: 6m
    chain: {native_asset: ETH, block_time: 12s, gas_price: 0}
    assets:
      ETH: {price: 3000}
      WBTC: {decimals: 8, price: 60000}
      USDC: {decimals: 6, price: 1}
    shocks:
      - {at: 2m, asset: ETH, move: -0.2}
      - {at: 2m, asset: WBTC, move: -0.4}
    pools:
      wbtc_usdc: {token0: WBTC, token1: USDC, reserve0: 100}
    oracles:
      eth: {type: push, source: ETH}
      eth_guard: {type: constant, value: 3000}
      btc: {type: push, source: WBTC}
      one: {type: constant, value: 1}
    lending_markets:
      m:
        assets:
          ETH: {oracle: eth, fallback: eth_guard, max_deviation: 0.05, on_deviation: pause, collateral_factor: 0.75, liquidation_threshold: 0.8, bonus: 0.1, borrowable: false}
          WBTC: {oracle: btc, collateral_factor: 0.7, liquidation_threshold: 0.75, bonus: 0.1, borrowable: false}
          USDC: {oracle: one, supply: 1000000}
    agents:
      borrowers: {market: m, snapshot: positions.csv}
      liquidators: {count: 1, market: m, capital: {ETH: 1, USDC: 100000}}
    """

    static let positions = """
    account,collateral_asset,collateral_amount,debt_asset,debt_amount
    eth_holder,ETH,10,USDC,19000
    btc_holder,WBTC,1,USDC,38000

    """

    /// Keeps the time series and the liquidated accounts.
    final class Recorder: WorldSink {
        var rows: [BlockRow] = []
        var liquidated: [(block: Int, account: String)] = []

        func record(_ row: BlockRow) throws { rows.append(row) }
        func record(_ steps: [StepRecord]) throws {}
        func record(_ liquidations: [LiquidationRow]) throws { liquidated += liquidations.map { ($0.block, $0.account) } }
    }

    @Test("An account priced without the paused ETH is found and liquidated; the one holding ETH is left alone and not counted")
    func otherAccountsLiquidated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paused-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.positions.write(toFile: folder + "/positions.csv", atomically: true, encoding: .utf8)
        try Self.scenario.write(toFile: folder + "/s.yaml", atomically: true, encoding: .utf8)
        let world = try World(scenario: Scenario.load(path: folder + "/s.yaml"), seed: 7)
        let recorder = Recorder()
        let result = try world.run(sink: recorder)
        let names = world.borrowerAccounts.map { world.state.ledger.accountNames[$0.index] }
        try #require(names == ["eth_holder", "btc_holder"])
        let (ethHolder, btcHolder) = (world.borrowerAccounts[0], world.borrowerAccounts[1])
        let end = world.chain.timestamp(ofBlock: world.chain.lastSealedBlock)

        // ETH's price stays paused to the end, so the ETH holder's health cannot be read.
        let eth = world.state.markets[0].assets[0]
        #expect((try? world.state.price(eth.price, at: end)) == nil)
        #expect((try? world.state.health(market: 0, account: ethHolder, at: end)) == nil)
        #expect(world.state.supplied(market: 0, slot: 0, account: ethHolder) == 10_000_000_000_000_000_000)

        // The WBTC holder was liquidated, the ETH holder never.
        #expect(try #require(result.liquidations) > 0)
        #expect(!recorder.liquidated.isEmpty && recorder.liquidated.allSatisfy { $0.account == "btc_holder" })
        #expect(world.state.supplied(market: 0, slot: 1, account: btcHolder) < 100_000_000)
        // The first liquidation lands in the block after the one whose seal saw it below 1.
        let firstBelow = try #require(recorder.rows.first { $0.markets.first?.liquidatable == 1 })
        #expect(recorder.liquidated.first?.block == firstBelow.block + 1)
        // Counted as liquidatable (it alone), and its health is the lowest seen: at most
        // 36,000 × 0.75 / 38,000 = 0.7105 (each liquidation below health 1.1 lowers it).
        #expect(recorder.rows.allSatisfy { ($0.markets.first?.liquidatable ?? 0) <= 1 })
        #expect(try #require(result.minHealth) < 0.7106)
    }
}
