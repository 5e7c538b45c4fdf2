import Foundation

/// Strict UTF-8 decoding that locates the first invalid byte.
enum UTF8Check {
    /// The text of `data`, or an ``InputError`` at the line and column of the first invalid byte.
    /// - Complexity: O(n) in the number of bytes.
    static func decode(_ data: Data, file: String) throws -> String {
        if let text = String(validating: data, as: UTF8.self) { return text }
        var line = 1, column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return String(decoding: data, as: UTF8.self)
            case .error:
                let byte = offset < data.count ? data[data.startIndex + offset] : 0
                let hex = String(byte, radix: 16, uppercase: true)
                throw InputError("invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex)); scenario files must be UTF-8 text",
                                 at: SourceLocation(file: file, line: line, column: column))
            }
        }
    }
}
