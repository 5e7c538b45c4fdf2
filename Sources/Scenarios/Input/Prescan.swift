/// A linear scan of the raw text that runs before Yams, rejecting what Yams itself cannot
/// survive: nesting deep enough to overflow its recursive composer, and aliases or
/// collections in key position (Yams hashes every key to find duplicates, and hashing an
/// aliased "billion laughs" key takes exponential time).
///
/// The depth it measures is an upper bound of the real nesting (indentation levels plus
/// `- ` indicators plus open flow brackets), checked against a generous limit; the exact
/// limit is applied afterwards on the tree.
enum Prescan {
    /// The bound on the estimated nesting; well below what overflows a thread's stack.
    static let depthBound = 200

    /// Throws an ``InputError`` at the first offending position.
    /// - Complexity: O(n) in the length of the text.
    static func check(_ text: String, file: String) throws {
        let bytes = Array(text.utf8)
        var line = 1, column = 1
        var index = 0
        var indents: [Int] = []
        var flowDepth = 0
        var atLineStart = true
        var blockScalarIndent: Int? = nil  // content of `|` / `>` lines deeper than this
        var lineIndent = 0
        func location() -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
        func isBoundary(_ i: Int) -> Bool {
            i == 0 || [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"),
                       UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: "-"),
                       UInt8(ascii: "?")].contains(bytes[i - 1])
        }
        // Whether a node can start at `i`: only spaces back to the line start, or back to an
        // indicator (`: `, `- `, `? `, or `[`, `{`, `,` and `:` inside flow collections).
        func startsNode(_ i: Int) -> Bool {
            var j = i - 1
            var spaces = 0
            while j >= 0, bytes[j] == UInt8(ascii: " ") { j -= 1; spaces += 1 }
            if j < 0 || bytes[j] == UInt8(ascii: "\n") { return true }
            switch bytes[j] {
            case UInt8(ascii: ":"): return spaces > 0 || flowDepth > 0
            case UInt8(ascii: "-"), UInt8(ascii: "?"): return spaces > 0
            case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","): return flowDepth > 0 || bytes[j] != UInt8(ascii: ",")
            default: return false
            }
        }
        // Whether a `|` or `>` at `i` is a block scalar header: indicators, then a comment or the line end.
        func isBlockScalarHeader(_ i: Int) -> Bool {
            var j = i + 1
            while j < bytes.count, "+-0123456789".utf8.contains(bytes[j]) { j += 1 }
            while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
            return j == bytes.count || [UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "#")].contains(bytes[j])
        }
        func followedByColon(_ start: Int) -> Bool {
            var j = start
            while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
            return j < bytes.count && bytes[j] == UInt8(ascii: ":")
        }
        func advance() {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1; column = 1; atLineStart = true
            } else if bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        while index < bytes.count {
            let byte = bytes[index]
            if atLineStart {
                var j = index
                while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
                let indent = j - index
                let blank = j >= bytes.count || bytes[j] == UInt8(ascii: "\n") || bytes[j] == UInt8(ascii: "\r")
                if let scalarIndent = blockScalarIndent, blank || indent > scalarIndent {
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { advance() }
                    if index < bytes.count { advance() }
                    continue
                }
                blockScalarIndent = nil
                atLineStart = false
                lineIndent = indent
                while index < j { advance() }
                if !blank, flowDepth == 0, bytes[j] != UInt8(ascii: "#") {
                    while let last = indents.last, last >= indent { indents.removeLast() }
                    indents.append(indent)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "#") where isBoundary(index):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { advance() }
                continue
            case let quote where (quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\""))
                && startsNode(index):
                advance()
                while index < bytes.count {
                    if bytes[index] == byte {
                        if byte == UInt8(ascii: "'"), index + 1 < bytes.count, bytes[index + 1] == byte { advance(); advance(); continue }
                        break
                    }
                    if byte == UInt8(ascii: "\""), bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { advance() }
                    advance()
                }
                if index < bytes.count { advance() }
                continue
            case let open where (open == UInt8(ascii: "[") || open == UInt8(ascii: "{")) && (flowDepth > 0 || startsNode(index)):
                flowDepth += 1
                if indents.count + flowDepth > depthBound {
                    throw InputError("nesting deeper than \(ScenarioSource.maximumDepth) levels", at: location())
                }
            case let close where (close == UInt8(ascii: "]") || close == UInt8(ascii: "}")) && flowDepth > 0:
                flowDepth -= 1
                if flowDepth == 0, followedByColon(index + 1) {
                    throw InputError("mapping keys must be strings, not lists or mappings", at: location())
                }
            case UInt8(ascii: "-") where flowDepth == 0 && isBoundary(index)
                && (index + 1 == bytes.count || bytes[index + 1] == UInt8(ascii: " ")):
                indents.append(Int.max)
                if indents.count > depthBound {
                    throw InputError("nesting deeper than \(ScenarioSource.maximumDepth) levels", at: location())
                }
            case UInt8(ascii: "?") where startsNode(index)
                && (index + 1 == bytes.count || [UInt8(ascii: " "), UInt8(ascii: "\n")].contains(bytes[index + 1])):
                throw InputError("explicit '?' keys are not supported; keys must be plain strings", at: location())
            case UInt8(ascii: "*") where isBoundary(index):
                var j = index + 1
                while j < bytes.count, ![UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: ","), UInt8(ascii: "]"),
                                         UInt8(ascii: "}"), UInt8(ascii: ":")].contains(bytes[j]) { j += 1 }
                if followedByColon(j) {
                    throw InputError("an alias cannot be a mapping key", at: location())
                }
            case let indicator where (indicator == UInt8(ascii: "|") || indicator == UInt8(ascii: ">"))
                && flowDepth == 0 && startsNode(index) && isBlockScalarHeader(index):
                blockScalarIndent = lineIndent
            default:
                break
            }
            advance()
        }
    }
}
