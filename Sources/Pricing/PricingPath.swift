import CVectorMath
import Foundation

/// Which implementation the batch kernel runs.
///
/// Chosen at run time: the fastest path the CPU supports, unless the environment variable
/// `ADVSIM_PRICING_PATH` (`portable`, `avx2`, `avx512` or `auto`) asks for a slower one.
/// A path the CPU cannot run is never taken: asking for it falls back to the fastest
/// supported one below it.
public enum PricingPath: String, Sendable, CaseIterable, Comparable {
    /// Swift `SIMD8<Double>` code with its own exp, log and erfc (any CPU, any OS).
    case portable
    /// The fused C kernel (own exp and normal CDF, libmvec's log), 4 doubles per vector (Linux x86-64 with AVX2 and FMA).
    case avx2
    /// The fused C kernel (own exp and normal CDF, libmvec's log), 8 doubles per vector (Linux x86-64 with AVX-512F).
    case avx512

    /// The fastest path this CPU and C library support (detected once per process).
    public static let supported: PricingPath = switch cvm_supported_path() {
    case CVM_PATH_AVX512: .avx512
    case CVM_PATH_AVX2: .avx2
    default: .portable
    }

    /// The path taken by default: `supported`, lowered by `ADVSIM_PRICING_PATH` if set at
    /// the first use.
    public static let active: PricingPath = {
        let requested = ProcessInfo.processInfo.environment["ADVSIM_PRICING_PATH"]
            .flatMap { PricingPath(rawValue: $0.lowercased()) }
        return min(requested ?? supported, supported)
    }()

    /// Orders paths from slowest (portable) to fastest.
    public static func < (lhs: PricingPath, rhs: PricingPath) -> Bool {
        lhs.code < rhs.code
    }

    /// The C library's code for this path.
    var code: Int32 {
        switch self {
        case .portable: CVM_PATH_PORTABLE
        case .avx2: CVM_PATH_AVX2
        case .avx512: CVM_PATH_AVX512
        }
    }
}
