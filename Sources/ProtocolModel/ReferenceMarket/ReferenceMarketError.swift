/// A reference-market specification or replay file that cannot be used.
public enum ReferenceMarketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The market has no asset.
    case noAssets
    /// The block time is not finite and > 0.
    case invalidBlockTime(Double)
    /// The block count is negative.
    case invalidBlockCount(Int)
    /// An asset's initial price or process parameters are out of range.
    case invalidAsset(symbol: String, reason: String)
    /// The correlation matrix is not n×n for n assets.
    case correlationShape(expected: Int)
    /// The correlation matrix is not symmetric at (row, column).
    case correlationNotSymmetric(row: Int, column: Int)
    /// A diagonal entry of the correlation matrix is not 1.
    case correlationDiagonal(index: Int)
    /// The correlation matrix is not positive definite: the Cholesky factorisation failed at
    /// this pivot (an entry outside [−1, 1] or a non-finite entry fails here too).
    case correlationNotPositiveDefinite(pivot: Int)
    /// A scheduled shock is invalid.
    case invalidShock(index: Int, reason: String)
    /// A replay path is invalid.
    case invalidReplay(String)
    /// A replay CSV file cannot be read or parsed; `line` is 1-based (1 is the header).
    case replayFile(path: String, line: Int?, message: String)

    public var description: String {
        switch self {
        case .noAssets:
            return "the reference market needs at least one asset"
        case .invalidBlockTime(let value):
            return "block time \(value) must be finite and > 0 seconds"
        case .invalidBlockCount(let value):
            return "block count \(value) must be ≥ 0"
        case .invalidAsset(let symbol, let reason):
            return "asset \(symbol): \(reason)"
        case .correlationShape(let expected):
            return "the correlation matrix must be \(expected)×\(expected), one row and column per asset"
        case .correlationNotSymmetric(let row, let column):
            return "the correlation matrix is not symmetric: entry (\(row), \(column)) differs from (\(column), \(row))"
        case .correlationDiagonal(let index):
            return "the correlation matrix must have 1 on its diagonal; entry (\(index), \(index)) is not 1"
        case .correlationNotPositiveDefinite(let pivot):
            return "the correlation matrix is not positive definite (Cholesky factorisation fails at pivot \(pivot))"
        case .invalidShock(let index, let reason):
            return "shock \(index): \(reason)"
        case .invalidReplay(let reason):
            return "invalid price replay: \(reason)"
        case .replayFile(let path, let line, let message):
            if let line { return "\(path):\(line): \(message)" }
            return "\(path): \(message)"
        }
    }
}
