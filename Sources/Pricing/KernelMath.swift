import CVectorMath

/// The C batch kernel's own exp and normal CDF (Sources/CVectorMath), one array at a time, so
/// the tests can hold them against high-precision references. Internal: the batch kernel
/// (`BlackScholes.value(_:into:path:)`) is the way in for everything else.
enum KernelMath {
    /// e^x for every element with the kernel's exp on `path`; nil where `path` has no C
    /// kernel (portable) or this CPU cannot run it. Complexity: O(n).
    static func exp(_ x: [Double], path: PricingPath) -> [Double]? {
        apply(x, path: path, cvm_exp)
    }

    /// The standard normal CDF N(x) for every element, composed from the kernel's own
    /// e^{−x²/2} and rational erfc parts exactly as the kernel forms N(ω·d1); nil where `path`
    /// has no C kernel or this CPU cannot run it. Complexity: O(n).
    static func normalCDF(_ x: [Double], path: PricingPath) -> [Double]? {
        apply(x, path: path, cvm_normal_cdf)
    }

    private static func apply(
        _ x: [Double], path: PricingPath,
        _ function: (Int32, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Int32
    ) -> [Double]? {
        guard path != .portable, path <= PricingPath.supported else { return nil }
        var y = [Double](repeating: 0, count: x.count)
        let done = x.withUnsafeBufferPointer { input in
            y.withUnsafeMutableBufferPointer { output in
                function(path.code, input.baseAddress, output.baseAddress, x.count)
            }
        }
        return done == 1 ? y : nil
    }
}
