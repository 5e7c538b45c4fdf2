import Testing
@testable import Scenarios

/// runs.csv's `lp_pnl` is the agent LPs' P&L only; pnl.csv's `liquidity_providers` party also holds
/// the genesis liquidity (the pools' reserves and their genesis LP), as output-format.md says.
@Suite("lp_pnl and the liquidity_providers party")
struct LPPnLScopeTests {
    static let text = """
    duration: 1h
    chain: {native_asset: ETH}
    assets:
      ETH: {price: 2000, process: {model: gbm, volatility: 0.9}}
      USDC: {decimals: 6, price: 1}
    pools:
      p: {token0: ETH, token1: USDC, reserve0: 100}
    agents:
      noise_traders: {count: 3, rate: 30, size: {dist: lognormal, mu: 7, sigma: 1}, capital: {ETH: 5, USDC: 10000}}
    """

    @Test("Without agent LPs lp_pnl is empty, while the party holds the genesis liquidity: its raw P&L in each token is the pool's reserve change")
    func genesisLiquidityIsOnlyInTheParty() throws {
        let world = try World(scenario: Scenario.parse(text: Self.text, file: "s.yaml"), seed: 7)
        let venue = world.state.pools[0]
        let (initial0, initial1) = (venue.pool.reserve0, venue.pool.reserve1)
        let metrics = try world.run()
        #expect(metrics.lpPnl == nil)
        let party = world.pnl.filter { $0.party == .liquidityProviders }
        let final = world.state.pools[0].pool
        // The genesis provider holds every share: what the pool gained or lost is the party's.
        #expect(party.first { $0.asset == venue.token0 }?.amount == Int128(final.reserve0) - Int128(initial0))
        #expect(party.first { $0.asset == venue.token1 }?.amount == Int128(final.reserve1) - Int128(initial1))
        #expect(final.reserve0 != initial0)
    }
}
