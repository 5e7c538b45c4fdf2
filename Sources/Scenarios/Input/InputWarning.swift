/// Input that is valid but almost certainly not what was meant (a shock after the run's end):
/// printed as `"file:line:column: warning: message"`; the command goes on and its exit code
/// does not change.
public struct InputWarning: Sendable, Equatable, CustomStringConvertible {
    /// Where the questionable value is.
    public var location: SourceLocation
    /// What is questionable, without the location prefix.
    public var message: String

    public init(_ message: String, at location: SourceLocation) {
        self.location = location
        self.message = message
    }

    /// The warning with its location prefix, as printed on stderr.
    public var description: String { "\(location): warning: \(message)" }
}
