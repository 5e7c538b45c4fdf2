import CGSL

/// A Sobol low-discrepancy sequence in [0, 1)^d (GSL's `gsl_qrng_sobol`, d ≤ 40), for
/// space-filling sweep designs. Deterministic: the k-th point is always the same.
public final class SobolSequence {
    private let generator: OpaquePointer
    /// Number of dimensions.
    public let dimensions: Int

    /// - Throws: ``GSLError`` when `dimensions` is outside 1...40 (GSL's limit).
    public init(dimensions: Int) throws(GSLError) {
        GSLLibrary.configure()
        guard (1...40).contains(dimensions), let generator = gsl_qrng_alloc(cgsl_qrng_sobol(), UInt32(dimensions)) else {
            throw GSLError(status: Int32(GSL_EINVAL), context: "Sobol sequence of \(dimensions) dimensions (GSL supports 1–40)")
        }
        self.generator = OpaquePointer(generator)
        self.dimensions = dimensions
    }

    deinit {
        gsl_qrng_free(UnsafeMutablePointer(generator))
    }

    /// The next point of the sequence.
    public func next() throws(GSLError) -> [Double] {
        var point = [Double](repeating: 0, count: dimensions)
        let status = point.withUnsafeMutableBufferPointer { buffer in
            gsl_qrng_get(UnsafeMutablePointer(generator), buffer.baseAddress)
        }
        try GSLError.check(status, "gsl_qrng_get")
        return point
    }
}
