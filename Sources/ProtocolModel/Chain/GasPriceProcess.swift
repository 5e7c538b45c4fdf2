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
    /// As on Ethereum, the base fee is a whole number of wei and each change is rounded down,
    /// except that a block above the target raises it by at least 1 wei: a fee that decayed to a
    /// few wei in quiet blocks climbs again as soon as blocks fill.
    case eip1559(initialGwei: Double, target: Double, maxChange: Double, floorGwei: Double)

    /// The base price, in gwei, an agent can expect before the first block is priced: the
    /// constant, the per-block distribution's mean (0 where it has none), the mean-reverting
    /// mean, or EIP-1559's initial fee.
    public var nominalGwei: Double {
        switch self {
        case .constant(let gwei): return gwei
        case .perBlock(let distribution): return distribution.mean ?? 0
        case .meanReverting(let mean, _, _): return mean
        case .eip1559(let initial, _, _, _): return initial
        }
    }
}

/// Draws the base gas price block by block, from its own random stream (`gas-price`).
public struct GasPriceProcess {
    public let model: GasPriceModel
    private let stream: RandomStream
    private var logPrice: Double
    private var lastBaseFee: UInt64?
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
            let fee = lastBaseFee.map {
                Self.nextBaseFee(after: $0, gasUsed: previousGasUsed, targetGas: UInt64(Double(blockGasLimit) * target),
                                 maxChange: maxChange, floor: Self.wei(gwei: floor))
            } ?? Self.wei(gwei: initial)
            lastBaseFee = fee
            return fee
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

    /// The EIP-1559 base fee (wei) of the block after one with base fee `fee` that used
    /// `gasUsed` gas against `targetGas`: `fee` ± ⌊fee · maxChange · |used − target| / target⌋,
    /// at least +1 wei above the target (Ethereum's rule, with `maxChange` for its 1/8), then
    /// kept within [`floor`, 10^6 gwei].
    static func nextBaseFee(after fee: UInt64, gasUsed: UInt64, targetGas: UInt64, maxChange: Double, floor: UInt64) -> UInt64 {
        let target = max(1, targetGas)
        let distance = gasUsed > target ? gasUsed - target : target - gasUsed
        let change = UInt64((Double(fee) * maxChange * Double(distance) / Double(target)).rounded(.down))
        let next: UInt64
        if gasUsed > target {
            next = fee + max(1, change)
        } else {
            next = fee - min(fee, change)
        }
        return min(max(floor, next), wei(gwei: 1e6))
    }

    /// gwei (double) → wei per gas, clamped to [0, 10^6 gwei]: rounded down to a whole wei, except
    /// that a product within 4 ulps below a whole number is that number.
    ///
    /// NOTE: the exception is for decimal fractions of a gwei: the double nearest 0.000000015 times
    /// 10^9 is 14.999999999999998, which truncation made 14 wei (2 % of the multiples of 10^-9 gwei
    /// up to 10^-3 lost a wei so). A product is within ≈ 1.5 ulps of the decimal's exact value; a
    /// drawn gas price lands that close below a whole wei with a probability of ≈ 10^-5 per draw.
    public static func wei(gwei: Double) -> UInt64 {
        guard gwei.isFinite, gwei > 0 else { return 0 }
        let raw = min(gwei, 1e6) * 1e9
        let nearest = raw.rounded()
        return UInt64(nearest >= raw && nearest - raw <= 4 * raw.ulp ? nearest : raw.rounded(.down))
    }
}
