import Testing
@testable import ProtocolModel

@Suite("Oracles: LP-share pricing")
struct LPPricingTests {
    typealias World = OracleTestWorld

    @Test("A large swap inflates the naive LP price (Cheese Bank / Warp) and not the fair one")
    func naiveVersusFair() throws {
        var world = try World()
        let usd = world.state.addOracle(name: "usdc", unit: "USD", kind: .constant(World.wad))
        let ethUSD = world.state.addOracle(name: "eth", unit: "USD", kind: .constant(3_000 * World.wad))
        let naive = world.state.addOracle(name: "lp_naive", unit: "USD", kind: .lpNaive(pool: world.pool, token1Oracle: usd))
        let fair = world.state.addOracle(name: "lp_fair", unit: "USD", kind: .lpFair(pool: world.pool, oracle0: ethUSD, oracle1: usd))
        // At equilibrium both are 600,000 USD over √(100·10^18 · 300,000·10^6) = 5,477,225,575,051,661 raw shares.
        let naiveBefore = try world.state.readOracle(naive, at: 0).value
        let fairBefore = try world.state.readOracle(fair, at: 0).value
        #expect(naiveBefore == 109_544_511_501_033_225_382_787_913)  // Python: 600,000·10^36 // 5,477,225,575,051,661
        #expect(fairBefore == naiveBefore)
        // Dump 300,000 USDC into the pool: reserve1 doubles.
        let swapped = world.swap(300_000_000_000, sellEth: false, at: 12)
        #expect(swapped)
        let naiveAfter = try world.state.readOracle(naive, at: 12).value
        let fairAfter = try world.state.readOracle(fair, at: 12).value
        #expect(naiveAfter > naiveBefore * 199 / 100, "naive \(naiveBefore) → \(naiveAfter)")
        // Fair price moves only by the fee added to k (≈ √1.003 at most) — and the pool's ETH is now
        // priced at the oracle's 3,000, not at the inflated spot.
        #expect(fairAfter >= fairBefore && fairAfter < fairBefore * 1_002 / 1_000, "fair \(fairBefore) → \(fairAfter)")
    }
}
