import Foundation
@testable import Scenarios

/// Shared test support: the repository root, shipped scenarios, and small scenario texts.
enum TestScenarios {
    /// The repository root, found from this file's path.
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Every shipped scenario file.
    static var shipped: [String] {
        let folder = repositoryRoot + "/scenarios"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
    }

    /// The head of a one-market lending world named `name` lasting `duration`: ETH at 3,000
    /// falling 30 % at 2 m, a deep ETH/USDC pool, a push oracle of ETH and a constant USD; no gas
    /// price. The caller appends `lending_markets:` and `agents:`.
    static func ethCrashHead(name: String, duration: String) -> String {
        """
        name: \(name)
        duration: \(duration)
        chain: {native_asset: ETH, block_time: 12s, gas_price: 0}
        assets:
          ETH: {price: 3000}
          USDC: {decimals: 6, price: 1}
        shocks:
          - {at: 2m, asset: ETH, move: -0.3}
        pools:
          eth_usdc: {token0: ETH, token1: USDC, reserve0: 100000}
        oracles:
          eth_push: {type: push, source: ETH}
          one: {type: constant, value: 1}

        """
    }

    /// A small world: ETH/USDC pool mispriced by `mispricing` (pool price = reference × (1 +
    /// mispricing)), arbitrageurs with ample capital and no latency, cheap gas.
    static func mispricedPool(mispricing: Double, fee: Double = 0.003, arbitrageurs: Int = 2, duration: String = "2m",
                              volatility: Double = 0) -> String {
        let reserve1 = 1_000 * 2_000 * (1 + mispricing)
        return """
        name: mispriced
        duration: \(duration)
        chain: {native_asset: ETH, block_time: 12s, gas_price: 1}
        assets:
          ETH: {decimals: 18, price: 2000, process: {model: gbm, volatility: \(volatility)}}
          USDC: {decimals: 6, price: 1}
        pools:
          eth_usdc: {token0: ETH, token1: USDC, reserve0: 1000, reserve1: \(String(format: "%.6f", reserve1)), fee: \(fee)}
        agents:
          arbitrageurs:
            count: \(arbitrageurs)
            capital: {ETH: 5000, USDC: 10000000}
            latency: 0
        """
    }
}
