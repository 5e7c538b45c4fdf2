import Foundation
import Testing
@testable import Experiments

@Suite("Output formats")
struct OutputTests {
    @Test("SHA-256 matches the FIPS 180-4 example vectors")
    func sha256Vectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // A message that spans two 64-byte blocks after padding.
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test("CSV cells: shortest round-trip doubles, empty for undefined, RFC 4180 quoting")
    func csvCells() {
        #expect(CSVFormat.double(0.1) == "0.1")
        #expect(CSVFormat.double(3000) == "3000")
        #expect(CSVFormat.double(1e-7) == "1e-07")
        #expect(CSVFormat.double(nil) == "")
        #expect(CSVFormat.double(.nan) == "")
        #expect(Double(CSVFormat.double(2.0 / 3.0)) == 2.0 / 3.0)
        #expect(CSVFormat.text("plain") == "plain")
        #expect(CSVFormat.text("a,b") == "\"a,b\"")
        #expect(CSVFormat.text("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVFormat.bool(true) == "true")
        // A separator the next character combines with is still a separator in the bytes.
        #expect(CSVFormat.text("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVFormat.text("x,\u{301}y") == "\"x,\u{301}y\"")
        #expect(CSVFormat.text("caf\u{E9}") == "caf\u{E9}")
    }

    @Test("A CSV line is its cells joined by commas, whatever the cells (random cells, empty ones, non-ASCII)")
    func csvLines() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab,1.e-\u{E9}\u{1F600}\" ")
        for count in 0..<40 {
            let cells = (0..<count).map { _ in
                String((0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            }
            #expect(CSVFormat.line(cells) == cells.joined(separator: ","))
            #expect(CSVFormat.joined(cells, separator: UInt8(ascii: "\n")) == cells.joined(separator: "\n"))
        }
        #expect(CSVFormat.line([]) == "")
        #expect(CSVFormat.line(["", ""]) == ",")
    }

    @Test("Manifest timestamps are ISO 8601 UTC, as Foundation's formatter writes them")
    func timestamps() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        for seconds in [0, 951_782_400.75, 1_764_287_341.999, 1_798_761_599, 4_102_444_800] as [Double] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Manifest.timestamp(date) == formatter.string(from: date), "\(seconds)")
        }
        #expect(Manifest.timestamp(Date(timeIntervalSince1970: 1_709_210_096)) == "2024-02-29T12:34:56Z")
    }

    @Test("runs.csv parameter columns replace dots and dashes with underscores")
    func parameterColumns() {
        #expect(RunsTable.parameterColumn("pools.eth-usdc.fee") == "param_pools_eth_usdc_fee")
        #expect(RunsTable.header(parameters: ["a.b"]).hasPrefix("sweep_point,replication,seed,param_a_b,end_time,"))
    }

    @Test("An output file appears only when finished, and an abandoned one leaves nothing")
    func atomicFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = try OutputFile(path: directory + "/a.csv")
        try file.writeLine("x")
        #expect(!FileManager.default.fileExists(atPath: directory + "/a.csv"))
        try file.finish()
        #expect(try String(contentsOfFile: directory + "/a.csv", encoding: .utf8) == "x\n")
        let abandoned = try OutputFile(path: directory + "/b.csv")
        try abandoned.writeLine("y")
        abandoned.abandon()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["a.csv"])
        try OutputFile.create(directory + "/a.csv", contents: "h\n")
        #expect(try String(contentsOfFile: directory + "/a.csv", encoding: .utf8) == "h\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["a.csv"])
    }
}
