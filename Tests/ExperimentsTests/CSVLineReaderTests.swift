import Foundation
import Testing
@testable import Experiments

@Suite("CSV line reader")
struct CSVLineReaderTests {
    @Test("Streamed records equal the whole-file parser's: empty fields, CR LF endings, quoted fields with commas, quotes and newlines")
    func streamedEqualsWholeFile() throws {
        var generator = SystemRandomNumberGenerator()
        let plain = Array("0123456789.e-abc\u{E9}")
        var lines: [String] = []
        for _ in 0..<300 {
            let cells = (0..<Int.random(in: 1...12, using: &generator)).map { _ -> String in
                let text = String((0..<Int.random(in: 0...8, using: &generator)).map { _ in plain.randomElement(using: &generator)! })
                return Int.random(in: 0..<10, using: &generator) == 0 ? CSVFormat.text(text + ",\"\n" + text) : text
            }
            lines.append(CSVFormat.line(cells) + (Bool.random(using: &generator) ? "\r\n" : "\n"))
        }
        let text = lines.joined()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CSVLineReader(path: path)
        var streamed: [[String]] = []
        while let record = try reader.next() { streamed.append(record) }
        #expect(streamed == CSVReader.records(text).records)
        #expect(reader.consumedBytes == text.utf8.count)
    }
}
