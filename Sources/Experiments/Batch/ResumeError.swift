/// A batch folder `--resume` cannot continue because a file in it is damaged — a runs.csv,
/// failures.csv or pnl.csv line advsim did not write, or a manifest.json that is missing or
/// not an advsim manifest. Bad input (`file:line:column: message`, exit code 2), not a write
/// failure; it is thrown before anything in the folder changes.
public struct ResumeError: Error, Sendable, CustomStringConvertible {
    /// The damaged file.
    public var file: String
    /// 1-based line (the header is line 1); 1 for a problem with the whole file.
    public var line: Int
    /// 1-based column, in Unicode scalars; 1 for a problem with the whole file or line.
    public var column: Int
    /// What is wrong, and what to do.
    public var message: String
    /// What is wrong (`message` without the advice).
    let problem: String

    /// What to do about any damaged folder.
    static let advice = "cannot resume: remove the folder or choose another --out"

    /// An error at `line`:`column` of `file` (both 1-based); `problem` says what is wrong.
    init(_ problem: String, file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
        self.message = problem + "; " + Self.advice
    }

    /// `file:line:column: message`.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}
