/// Bad input: printed as `"file:line:column: message"`, or `"file: message"` when no line is known.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// Where the problem is, when a position is known.
    public var location: SourceLocation?
    /// The file the problem is in.
    public var file: String
    /// What is wrong, without the location prefix.
    public var message: String
    /// For a required key found missing (``InputMapping/required(_:)``): the path of the mapping
    /// and the key, so that an override that created the mapping can be named as the cause.
    var missingKey: (mapping: String, key: String)?

    /// An error at a position in a file.
    public init(_ message: String, at location: SourceLocation) {
        self.location = location
        self.file = location.file
        self.message = message
    }

    /// An error about a whole file (unreadable, empty).
    public init(_ message: String, file: String) {
        self.location = nil
        self.file = file
        self.message = message
    }

    /// The message with its location prefix, as printed on stderr.
    public var description: String {
        if let location { return "\(location): \(message)" }
        return "\(file): \(message)"
    }
}
