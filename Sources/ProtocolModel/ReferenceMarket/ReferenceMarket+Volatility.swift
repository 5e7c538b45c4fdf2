import Foundation

extension ReferenceMarket {
    /// Realised volatility (annualised) of `asset`'s log returns over the `window` blocks
    /// ending at `block`.
    ///
    /// Uses the block-to-block log returns of blocks max(1, block − window + 1)...block
    /// (shocks included): their sample standard deviation (n − 1 denominator) divided by
    /// √(blockTime in years). Returns 0 when fewer than two returns are available.
    /// - Precondition: `asset` in 0..<assetCount, `block` in 0...blockCount, `window` ≥ 1.
    /// - Complexity: O(window).
    public func realisedVolatility(asset: Int, block: Int, window: Int) -> Double {
        precondition((0..<assetCount).contains(asset), "asset \(asset) is not in 0..<\(assetCount)")
        precondition((0...blockCount).contains(block), "block \(block) is not in 0...\(blockCount)")
        precondition(window >= 1, "window \(window) must be ≥ 1")
        let first = max(1, block - window + 1)
        let count = block - first + 1
        guard count >= 2 else { return 0 }
        let row = asset * gridPoints
        var sum = 0.0
        var sumOfSquares = 0.0
        for index in first...block {
            let logReturn = log(gridPrices[row + index] / gridPrices[row + index - 1])
            sum += logReturn
            sumOfSquares += logReturn * logReturn
        }
        let mean = sum / Double(count)
        let variance = max(0, (sumOfSquares - Double(count) * mean * mean) / Double(count - 1))
        return (variance / stepYears).squareRoot()
    }
}
