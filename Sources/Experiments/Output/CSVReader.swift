import Foundation

/// Reads the CSV files advsim writes (RFC 4180: quoted fields may contain commas, doubled
/// quotes and newlines).
public enum CSVReader {
    /// Splits `text` into records of fields. A final record without its newline is reported
    /// separately as `torn` (a file cut off mid-write) and not included.
    public static func records(_ text: String) -> (records: [[String]], completeBytes: Int, torn: Bool) {
        var records: [[String]] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var completeBytes = 0
        var bytes = 0
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            bytes += String(scalar).utf8.count
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = iterator.next()
                        bytes += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": inQuotes = true
            case ",":
                fields.append(field)
                field = ""
            case "\n":
                fields.append(field)
                records.append(fields)
                fields = []
                field = ""
                completeBytes = bytes
            case "\r": break
            default: field.unicodeScalars.append(scalar)
            }
        }
        let torn = !field.isEmpty || !fields.isEmpty || inQuotes
        return (records, completeBytes, torn)
    }

    /// Reads a whole file's records.
    public static func read(path: String) throws -> (records: [[String]], completeBytes: Int, torn: Bool) {
        guard let data = FileManager.default.contents(atPath: path) else { throw OutputError("cannot read '\(path)'") }
        return records(String(decoding: data, as: UTF8.self))
    }
}
