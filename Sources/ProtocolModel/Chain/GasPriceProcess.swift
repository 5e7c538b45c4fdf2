import Foundation
import GSL

/// How the base gas price of each block is set (the congestion-driven market comes with the
/// lending protocol).
public enum GasPriceModel: Sendable, Equatable {
    /// The same price every block, in gwei.
    case constant(gwei: Double)
    /// An independent draw per block, in gwei (clamped at 0).
    case perBlock(Distribution)
    /// A mean-reverting log process (Ornstein–Uhlenbeck in log price): the log gas price
    /// reverts to log(mean) with the given half-life (seconds) and annualised volatility.
    case meanReverting(meanGwei: Double, volatility: Double, halfLife: Double)
    /// EIP-1559: the base fee of the next block moves by up to `maxChange` (0.125 on Ethereum)
    /// in proportion to how far the last block's gas used was from `target` × the block gas
    /// limit: price · (1 + maxChange · (used − targetGas) / targetGas), never below
    /// `floorGwei`. Stress — more pending gas than the target — raises everyone's costs.
    case eip1559(initialGwei: Double, target: Double, maxChange: Double, floorGwei: Double)
}

/// Draws the base gas price block by block, from its own random stream (`gas-price`).
public struct GasPriceProcess {
    public let model: GasPriceModel
    private let stream: RandomStream
    private var logPrice: Double
    private var lastEIP1559: Double?
    private let blockTime: Double

    /// - Parameters:
    ///   - blockTime: seconds between blocks.
    public init(model: GasPriceModel, blockTime: Double, replicationSeed: UInt64) {
        self.model = model
        self.blockTime = blockTime
        self.stream = RandomStream(replicationSeed: replicationSeed, name: "gas-price")
        if case .meanReverting(let mean, _, _) = model {
            logPrice = log(max(mean, 1e-9))
        } else {
            logPrice = 0
        }
    }

    /// The base gas price of the next block, in wei per gas unit. Call once per block, in
    /// block order.
    ///
    /// - Parameters:
    ///   - previousGasUsed: gas used by the previous block (for the EIP-1559 model).
    ///   - blockGasLimit: the chain's block gas limit (for the EIP-1559 model).
    public mutating func nextBlockPrice(previousGasUsed: UInt64 = 0, blockGasLimit: UInt64 = 1) -> UInt64 {
        let gwei: Double
        switch model {
        case .eip1559(let initial, let target, let maxChange, let floor):
            if let last = lastEIP1559 {
                let targetGas = max(1, Double(blockGasLimit) * target)
                let next = last * (1 + maxChange * (Double(previousGasUsed) - targetGas) / targetGas)
                gwei = max(floor, next)
            } else {
                gwei = initial
            }
            lastEIP1559 = gwei
        case .constant(let value):
            gwei = value
        case .perBlock(let distribution):
            gwei = distribution.sample(stream)
        case .meanReverting(let mean, let volatility, let halfLife):
            // Exact discretisation of d(log p) = κ(log m − log p)dt + σ dW over one block:
            // κ = ln 2 / half-life (per second), σ² per second = σ²_year / (365·86,400),
            // one-step variance σ²_s (1 − e^{−2κΔ}) / (2κ).
            let kappa = log(2) / halfLife
            let decay = exp(-kappa * blockTime)
            let variancePerSecond = volatility * volatility / (365 * 86_400)
            let variance = variancePerSecond * (1 - decay * decay) / (2 * kappa)
            logPrice = log(mean) + (logPrice - log(mean)) * decay + variance.squareRoot() * stream.standardNormal()
            gwei = exp(logPrice)
        }
        return Self.wei(gwei: gwei)
    }

    /// gwei (double) → wei per gas, clamped to [0, 10^6 gwei].
    public static func wei(gwei: Double) -> UInt64 {
        guard gwei.isFinite, gwei > 0 else { return 0 }
        return UInt64(min(gwei, 1e6) * 1e9)
    }
}
