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
