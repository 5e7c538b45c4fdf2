/// The lower-triangular Cholesky factor L of a correlation matrix C = L·Lᵀ.
///
/// Applying L to independent standard normals gives normals with correlation C. Because L is
/// lower triangular, the correlated value of asset i depends on normals 0...i only, and the
/// factor of a leading sub-matrix is the leading block of L: appending an asset at the end of
/// the list changes nothing for the assets before it.
struct CorrelationFactor: Sendable, Equatable {
    /// Row-major n×n, zero above the diagonal.
    let lower: [Double]
    let size: Int

    /// The identity factor (independent drivers).
    init(independent size: Int) {
        var lower = [Double](repeating: 0, count: size * size)
        for index in 0..<size { lower[index * size + index] = 1 }
        self.lower = lower
        self.size = size
    }

    /// Factors `matrix`, validating it.
    ///
    /// Symmetry and the unit diagonal are checked to 1e-12; positive definiteness by the
    /// factorisation itself (a pivot ≤ 1e-12 fails).
    /// - Complexity: O(n³).
    init(correlation matrix: [[Double]], size: Int) throws(ReferenceMarketError) {
        guard matrix.count == size, matrix.allSatisfy({ $0.count == size }) else {
            throw .correlationShape(expected: size)
        }
        let tolerance = 1e-12
        for row in 0..<size {
            guard abs(matrix[row][row] - 1) <= tolerance else { throw .correlationDiagonal(index: row) }
            for column in 0..<row where !(abs(matrix[row][column] - matrix[column][row]) <= tolerance) {
                throw .correlationNotSymmetric(row: row, column: column)
            }
        }
        var lower = [Double](repeating: 0, count: size * size)
        for row in 0..<size {
            for column in 0...row {
                var sum = matrix[row][column]
                for k in 0..<column { sum -= lower[row * size + k] * lower[column * size + k] }
                if row == column {
                    guard sum > tolerance else { throw .correlationNotPositiveDefinite(pivot: row) }
                    lower[row * size + row] = sum.squareRoot()
                } else {
                    lower[row * size + column] = sum / lower[column * size + column]
                }
            }
        }
        self.lower = lower
        self.size = size
    }

    /// Correlated value of driver `row` from independent normals `independent[0...row]`,
    /// read at `independent[base + j·stride]` (an array, or an unchecked buffer in a loop).
    func correlate<Normals: RandomAccessCollection<Double>>(row: Int, _ independent: Normals, base: Int, stride: Int) -> Double
    where Normals.Index == Int {
        var sum = 0.0
        for column in 0...row { sum += lower[row * size + column] * independent[base + column * stride] }
        return sum
    }
}
