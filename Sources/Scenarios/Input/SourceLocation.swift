/// A position in an input file; line and column are 1-based.
///
/// `file` is the path as the user gave it, or `"<command line>"` for `--set` overrides.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file the position is in, as given by the user.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, counted in Unicode scalars.
    public var column: Int

    /// A location in `file` at `line` and `column` (both 1-based).
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `"file:line:column"`.
    public var description: String { "\(file):\(line):\(column)" }

    /// The file name used for the locations of `--set` overrides.
    public static let commandLine = "<command line>"
}
