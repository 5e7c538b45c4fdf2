import Foundation
import Testing
@testable import ProtocolModel

@Suite("Gas price processes")
struct GasPriceTests {
    /// An EIP-1559 process with Ethereum's target (half the limit) and maximum change (1/8).
    static func eip1559(initialGwei: Double, floorGwei: Double) -> GasPriceProcess {
        GasPriceProcess(model: .eip1559(initialGwei: initialGwei, target: 0.5, maxChange: 0.125, floorGwei: floorGwei),
                        blockTime: 12, replicationSeed: 1)
    }

    @Test("A gwei is 10^9 raw units of the native asset per gas unit whatever its decimals: 10^-9 is one lamport, 1 is one whole SOL")
    func gweiIsRawUnits() {
        // docs/scenario-format.md, "Gas prices in gwei"; mango-2022's gas price is 0.000000001.
        #expect(GasPriceProcess.wei(gwei: 0.000_000_001) == 1)
        #expect(GasPriceProcess.wei(gwei: 1) == 1_000_000_000)  // 10^9 lamports: 1 SOL (9 decimals), 10^-9 ETH (18)
        #expect(GasPriceProcess.wei(gwei: 0.000_000_002_5) == 2)  // rounded down to a raw unit
        // Decimal fractions of a gwei whose double times 10^9 lands just below the whole wei.
        #expect(0.000_000_015 * 1e9 < 15)
        #expect(GasPriceProcess.wei(gwei: 0.000_000_015) == 15)
        #expect(GasPriceProcess.wei(gwei: 0.000_000_029) == 29 && GasPriceProcess.wei(gwei: 1.000_000_001) == 1_000_000_001)
        // Every decimal 0.000000001 … 0.000100000 gwei is its whole number of wei (2,078 of them were one short).
        let short = (1...100_000).filter { wei in GasPriceProcess.wei(gwei: Double(String(format: "0.%09d", wei))!) != UInt64(wei) }
        #expect(short.isEmpty, "\(short.prefix(5))")
        #expect(GasPriceProcess.wei(gwei: 2e6) == 1_000_000_000_000_000)  // at most 10^6 gwei
        #expect(GasPriceProcess.wei(gwei: -1) == 0 && GasPriceProcess.wei(gwei: .nan) == 0)
    }

    @Test("EIP-1559: the base fee rises 12.5 % after a full block, falls 12.5 % after an empty one, holds at target")
    func eip1559() {
        var process = Self.eip1559(initialGwei: 100, floorGwei: 1)
        let limit: UInt64 = 30_000_000
        #expect(process.nextBlockPrice(previousGasUsed: 0, blockGasLimit: limit) == 100_000_000_000)
        #expect(process.nextBlockPrice(previousGasUsed: limit, blockGasLimit: limit) == 112_500_000_000)
        #expect(process.nextBlockPrice(previousGasUsed: limit / 2, blockGasLimit: limit) == 112_500_000_000)
        #expect(process.nextBlockPrice(previousGasUsed: 0, blockGasLimit: limit) == 98_437_500_000)
        // Empty blocks decay it geometrically down to the floor.
        for _ in 0..<100 { _ = process.nextBlockPrice(previousGasUsed: 0, blockGasLimit: limit) }
        #expect(process.nextBlockPrice(previousGasUsed: 0, blockGasLimit: limit) == 1_000_000_000)
    }

    @Test("EIP-1559 in whole wei: quiet blocks leave a few wei, and each block above the target adds at least 1 wei")
    func eip1559WholeWei() {
        var process = Self.eip1559(initialGwei: 30, floorGwei: 0)
        let limit: UInt64 = 1_500_000
        #expect(process.nextBlockPrice(previousGasUsed: 0, blockGasLimit: limit) == 30_000_000_000)
        // An empty block takes ⌊fee / 8⌋ off: from 7 wei on that is nothing.
        var fee: UInt64 = 0
        for _ in 0..<300 { fee = process.nextBlockPrice(previousGasUsed: 0, blockGasLimit: limit) }
        #expect(fee == 7)
        // A block 99 % full: ⌊7 · 0.125 · 0.98⌋ = 0, so the 1-wei minimum; from 8 wei ⌊0.98⌋ = 0 still.
        let full = limit * 99 / 100
        #expect(process.nextBlockPrice(previousGasUsed: full, blockGasLimit: limit) == 8)
        #expect(process.nextBlockPrice(previousGasUsed: full, blockGasLimit: limit) == 9)
        // Full blocks: ⌊9 · 0.125⌋ = 1, ⌊10 · 0.125⌋ = 1, …, ⌊16 · 0.125⌋ = 2.
        for _ in 0..<7 { fee = process.nextBlockPrice(previousGasUsed: limit, blockGasLimit: limit) }
        #expect(fee == 16)
        #expect(process.nextBlockPrice(previousGasUsed: limit, blockGasLimit: limit) == 18)
    }

    @Test("The mean-reverting log process has the stationary mean and variance of its Ornstein–Uhlenbeck law")
    func meanReverting() {
        // Half-life 1 h, σ = 40 (annualised, of the log price): stationary variance σ²_s / (2κ).
        var process = GasPriceProcess(model: .meanReverting(meanGwei: 30, volatility: 40, halfLife: 3_600),
                                      blockTime: 12, replicationSeed: 7)
        var logs: [Double] = []
        for block in 0..<400_000 {
            let gwei = Double(process.nextBlockPrice()) / 1e9
            if block >= 10_000, block % 50 == 0 { logs.append(log(gwei)) }
        }
        let mean = logs.reduce(0, +) / Double(logs.count)
        let variance = logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(logs.count - 1)
        let kappa = log(2.0) / 3_600, perSecond = 40.0 * 40 / (365 * 86_400)
        let expected = perSecond / (2 * kappa)
        #expect(abs(mean - log(30)) < 0.1, "mean \(mean)")
        #expect(abs(variance / expected - 1) < 0.15, "variance \(variance) vs \(expected)")
    }
}
