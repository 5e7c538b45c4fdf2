import CGSL

/// Inverse cumulative distribution functions from GSL, for confidence intervals.
public enum Quantiles {
    /// The p-quantile of Student's t with ν degrees of freedom (p in (0, 1), ν > 0).
    public static func studentT(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        GSLLibrary.configure()
        return gsl_cdf_tdist_Pinv(p, nu)
    }

    /// The p-quantile of the standard normal distribution.
    public static func standardNormal(_ p: Double) -> Double {
        GSLLibrary.configure()
        return gsl_cdf_ugaussian_Pinv(p)
    }
}
