import Foundation
import GSL

/// Deterministic mutants of a text file for robustness tests: every mutant is derived from
/// `(seed, index)` through a GSL ``RandomStream``, so a failing mutant can be replayed.
enum Mutator {
    /// Replacement values that stress the typed readers.
    static let hostileValues = [
        "1e400", "-1e400", "99999999999999999999", "-5", "-0.0", ".nan", ".inf", "-.inf", "abc", "\"\"", "",
        "~", "[]", "{}", "[1, [2, [3]]]", "0x7FFFFFFFFFFFFFFFF", "true", "'quoted'", "*undefined", "&anchor 1",
        "!!binary AA==", "12parsecs", "-3s", "1.5.5", "\u{FFFD}\u{1F600}", "\"unclosed", "{dist: normal, sd: -1}",
    ]

    /// `count` mutants of `text`, each with one to three mutations.
    static func mutants(of text: String, seed: UInt64, count: Int) -> [String] {
        let stream = RandomStream(seed: seed)
        return (0..<count).map { _ in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for _ in 0..<(1 + stream.uniformInt(3)) { mutate(&lines, stream) }
            return lines.joined(separator: "\n")
        }
    }

    /// One random mutation of `lines`.
    private static func mutate(_ lines: inout [String], _ stream: RandomStream) {
        guard !lines.isEmpty else { lines = [hostileValues[stream.uniformInt(hostileValues.count)]]; return }
        let index = stream.uniformInt(lines.count)
        switch stream.uniformInt(10) {
        case 0:
            lines.remove(at: index)
        case 1:
            lines.insert(lines[index], at: index)
        case 2:
            let other = stream.uniformInt(lines.count)
            let (a, b) = (value(of: lines[index]), value(of: lines[other]))
            lines[index] = replacingValue(of: lines[index], with: b)
            lines[other] = replacingValue(of: lines[other], with: a)
        case 3:
            lines[index] = replacingValue(of: lines[index], with: hostileValues[stream.uniformInt(hostileValues.count)])
        case 4:
            lines[index] = insert("\t", into: lines[index], stream)
        case 5:
            let garbage = ["\u{0}", "\u{7}", "\u{1B}[0m", "\u{FEFF}", "\u{202E}", "%", "@", "`", "|", ">", "&", "*", "!", "{", "]"]
            lines[index] = insert(garbage[stream.uniformInt(garbage.count)], into: lines[index], stream)
        case 6:
            let kept = lines.joined(separator: "\n")
            let cut = stream.uniformInt(max(kept.count, 1))
            lines = String(kept.prefix(cut)).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        case 7:
            let line = lines[index]
            let leading = line.prefix { $0 == " " }.count
            lines[index] = stream.bernoulli(0.5)
                ? String(repeating: " ", count: 1 + stream.uniformInt(4)) + line
                : String(line.dropFirst(min(1 + stream.uniformInt(3), leading)))
        case 8:
            if let colon = lines[index].firstIndex(of: ":") { lines[index].remove(at: colon) }
        default:
            lines[index] = replacingValue(of: lines[index], with: String(repeating: "[", count: 1 + stream.uniformInt(300)))
        }
    }

    /// The text after the first `": "` of a line, or the whole line.
    private static func value(of line: String) -> String {
        guard let range = line.range(of: ": ") else { return line }
        return String(line[range.upperBound...])
    }

    /// The line with its value (after `": "`) replaced, or `"- value"` kept as a list item.
    private static func replacingValue(of line: String, with value: String) -> String {
        if let range = line.range(of: ": ") { return line[..<range.upperBound] + value }
        if let dash = line.range(of: "- ") { return line[..<dash.upperBound] + value }
        return value
    }

    /// `insertion` placed at a random position of `line`.
    private static func insert(_ insertion: String, into line: String, _ stream: RandomStream) -> String {
        let offset = stream.uniformInt(line.count + 1)
        let index = line.index(line.startIndex, offsetBy: offset)
        return String(line[..<index]) + insertion + String(line[index...])
    }
}
