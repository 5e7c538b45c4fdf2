/// The key path of a `key.path=value` override: keys separated by dots, where a key that itself
/// contains dots (a `sweep.parameters` or `search.parameters` entry is keyed by a key path) is
/// written in double quotes, e.g. `sweep.parameters."pools.eth_usdc.fee"=null`.
///
/// A quoted key is taken character for character (no escapes; it cannot hold a `"`); spaces
/// and tabs around a key are dropped. The key path ends at the first `=` outside quotes.
enum OverrideKeyPath {
    /// The assignment split at its first `=` outside quotes (at its first `=` when a quote is
    /// left open, so that ``keys(_:)`` reports the quote), or nil when it has no `=`.
    static func split(_ assignment: String) -> (keyPath: Substring, value: Substring)? {
        var quoted = false
        var equals = assignment.firstIndex(of: "=")
        for index in assignment.indices {
            if assignment[index] == "\"" { quoted.toggle() }
            if assignment[index] == "=", !quoted { equals = index; break }
        }
        return equals.map { (assignment[..<$0], assignment[assignment.index(after: $0)...]) }
    }

    /// The keys of `keyPath`, or why it cannot be read (for "malformed override '…': <reason>").
    static func keys(_ keyPath: Substring) -> Result<[String], Malformed> {
        var keys: [String] = []
        var rest = keyPath[...]
        while true {
            let key: String
            let trimmed = rest.drop(while: isSpace)
            if trimmed.first == "\"" {
                let body = trimmed.dropFirst()
                guard let close = body.firstIndex(of: "\"") else { return .failure(.unterminatedQuote(keyPath)) }
                key = String(body[..<close])
                rest = body[body.index(after: close)...].drop(while: isSpace)
                guard rest.isEmpty || rest.first == "." else { return .failure(.textAfterQuote(keyPath)) }
            } else {
                let end = rest.firstIndex(of: ".") ?? rest.endIndex
                guard !rest[..<end].contains("\"") else { return .failure(.quoteInsideKey(keyPath)) }
                key = rest[..<end].trimmingSpaces
                rest = rest[end...]
            }
            guard !key.isEmpty else { return .failure(.emptyKey(keyPath)) }
            keys.append(key)
            guard rest.first == "." else { return .success(keys) }
            rest = rest.dropFirst()
        }
    }

    private static func isSpace(_ character: Character) -> Bool { character == " " || character == "\t" }

    /// `keys` written as a key path, quoting each key that holds a dot: the inverse of ``keys(_:)``.
    static func text(_ keys: some Sequence<String>) -> String {
        keys.map { $0.contains(".") ? "\"\($0)\"" : $0 }.joined(separator: ".")
    }

    /// Why a key path cannot be read.
    enum Malformed: Error {
        case emptyKey(Substring)
        case unterminatedQuote(Substring)
        case textAfterQuote(Substring)
        case quoteInsideKey(Substring)

        /// The reason, as the message's tail.
        var reason: String {
            switch self {
            case .emptyKey(let path): "empty key in '\(path)'"
            case .unterminatedQuote(let path): "unterminated quote in '\(path)': a key holding dots is written whole in double quotes, e.g. sweep.parameters.\"pools.p.fee\""
            case .textAfterQuote(let path): "a quoted key must end at a dot or at '=', in '\(path)'"
            case .quoteInsideKey(let path): "a quote may only open a key, in '\(path)': write the whole key in double quotes"
            }
        }
    }
}
