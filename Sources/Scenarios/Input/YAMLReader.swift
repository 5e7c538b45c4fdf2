import Foundation
import Yams

/// One YAML document → ``InputNode``, with every Yams error mapped to a located ``InputError``.
enum YAMLReader {
    /// Parses `text` (one document) and converts it, bounding nesting and alias expansion.
    static func read(text: String, file: String) throws -> InputNode {
        try Prescan.check(text, file: file)
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: text)
            root = try parser.singleRoot()
        } catch let yamlError as YamlError {
            throw map(yamlError, text: text, file: file)
        }
        guard let root else { throw InputError("file is empty", at: SourceLocation(file: file, line: 1, column: 1)) }
        // The parser owns the anchors that the converter reads: keep it alive until done.
        return try withExtendedLifetime(parser) {
            var converter = NodeConverter(file: file, text: text)
            return try converter.convert(root, depth: 1, parent: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// A located error for a Yams error.
    static func map(_ error: YamlError, text: String, file: String) -> InputError {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: max(mark.line, 1), column: max(mark.column, 1))
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            if character(in: text, at: mark) == "\t" {
                return InputError("tab characters are not allowed in indentation; use spaces", at: at(mark))
            }
            if problem.contains("another document") {
                return InputError("a scenario file holds one YAML document; found a second one", at: at(mark))
            }
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return InputError(message, at: at(mark))
        case let .reader(problem, offset, value, _):
            let location = offset.map { lineAndColumn(ofCharacterOffset: $0, in: text, file: file) }
                ?? SourceLocation(file: file, line: 1, column: 1)
            let code = value >= 0 ? String(format: " (U+%04X)", value) : ""
            return InputError("invalid character in YAML: \(problem)\(code)", at: location)
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? ""
            let first = at(context.mark)
            let second = DuplicateKeyFinder.secondOccurrence(of: key, after: context.mark, in: text, file: file)
            return InputError("duplicate key '\(key)' (first defined at line \(first.line), column \(first.column))",
                              at: second ?? first)
        case .dataCouldNotBeDecoded:
            return InputError("scenario files must be UTF-8 text", file: file)
        case .no, .memory, .writer, .emitter, .representer:
            return InputError("cannot parse YAML: \(error)", file: file)
        }
    }

    /// The character at a 1-based line and column (in Unicode scalars), if any.
    static func character(in text: String, at mark: Mark) -> Unicode.Scalar? {
        var line = 1
        var scalars = text.unicodeScalars[...]
        while line < mark.line, let newline = scalars.firstIndex(of: "\n") {
            scalars = scalars[scalars.index(after: newline)...]
            line += 1
        }
        guard line == mark.line else { return nil }
        return scalars.dropFirst(mark.column - 1).first
    }

    /// The location of the `offset`-th Character of `text`.
    static func lineAndColumn(ofCharacterOffset offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" { line += 1; column = 1 } else { column += character.unicodeScalars.count }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}

/// Finds the second occurrence of a duplicated key, which Yams does not report.
enum DuplicateKeyFinder {
    /// The location of the next `key:` after the first one at `mark`: later on the same line (flow
    /// mappings), or at the same column on a later line before the mapping's indentation ends
    /// (block mappings); plain or quoted spellings. Nil when not found.
    static func secondOccurrence(of key: String, after mark: Mark, in text: String, file: String) -> SourceLocation? {
        // A CRLF is one character of a Swift string: split on it too.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { Array($0.unicodeScalars) }
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let column = mark.column - 1
        let first = lines[mark.line - 1]
        var position = column + 1
        while position < first.count {
            if isKey(key, in: first, at: position) { return SourceLocation(file: file, line: mark.line, column: position + 1) }
            position += 1
        }
        for index in mark.line..<lines.count {
            let line = lines[index]
            guard let indent = line.firstIndex(where: { $0 != " " }), line[indent] != "#" else { continue }
            if indent < column { return nil }
            if indent == column, isKey(key, in: line, at: column) {
                return SourceLocation(file: file, line: index + 1, column: column + 1)
            }
        }
        return nil
    }

    /// Whether `key` (plain, or single- or double-quoted) followed by optional spaces and `:`
    /// starts at `position`, after a token boundary.
    static func isKey(_ key: String, in line: [Unicode.Scalar], at position: Int) -> Bool {
        guard position == 0 || [" ", "{", ","].contains(line[position - 1]) else { return false }
        let rest = String(String.UnicodeScalarView(line[position...]))
        for spelling in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(spelling) {
            if rest.dropFirst(spelling.count).drop(while: { $0 == " " }).first == ":" { return true }
        }
        return false
    }
}
