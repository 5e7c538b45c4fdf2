import CGSL

/// A failure reported by GSL through a status code.
///
/// GSL's default error handler calls `abort()`; ``GSLLibrary/configure()`` turns it off, so
/// every GSL status becomes a value that this module maps to a thrown `GSLError`.
public struct GSLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The GSL status code (`GSL_EDOM`, `GSL_ENOMEM`, …).
    public let status: Int32
    /// What was being done when GSL reported the status.
    public let context: String

    public init(status: Int32, context: String) {
        self.status = status
        self.context = context
    }

    public var description: String {
        let reason = String(cString: gsl_strerror(status))
        return "GSL error \(status) (\(reason)) in \(context)"
    }

    /// Throws when `status` is not `GSL_SUCCESS`.
    @inlinable
    public static func check(_ status: Int32, _ context: @autoclosure () -> String) throws(GSLError) {
        if status != Int32(GSL_SUCCESS) {
            throw GSLError(status: status, context: context())
        }
    }
}

/// Process-wide GSL set-up.
public enum GSLLibrary {
    /// Turns GSL's aborting error handler off. Idempotent and thread-safe: it runs once, the
    /// first time any ``RandomStream`` (or other GSL wrapper) is created.
    public static func configure() {
        _ = configured
    }

    private static let configured: Bool = {
        gsl_set_error_handler_off()
        return true
    }()

    /// The linked GSL version, e.g. `2.7.1`.
    public static var version: String { String(cString: cgsl_version()) }
}
