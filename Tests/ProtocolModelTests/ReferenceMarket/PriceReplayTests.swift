import Foundation
import Testing
@testable import ProtocolModel

@Suite("Reference market: replayed paths")
struct PriceReplayTests {
    typealias Support = MarketTestSupport

    @Test("A replay interpolates linearly and holds flat before its first and after its last point")
    func interpolationAndHold() throws {
        let replay = try PriceReplay(times: [100, 200, 400], prices: [10, 20, 5])
        let market = try ReferenceMarket(spec: Support.single(.replay(replay), blockTime: 50, blockCount: 12),
                                         replicationSeed: 1)
        let expected: [(block: Int, price: Double)] = [(0, 10), (2, 10), (3, 15), (4, 20), (6, 12.5), (8, 5), (12, 5)]
        for (block, price) in expected {
            #expect(Support.close(market.price(asset: 0, block: block), price), "block \(block)")
        }
        #expect(Support.close(market.price(asset: 0, at: 125), 12.5))
        #expect(Support.close(market.price(asset: 0, at: 390), 5.75))
        #expect(Support.close(market.price(asset: 0, at: 599), 5))
        let single = try PriceReplay(times: [0], prices: [3])
        #expect(single.price(at: -1) == 3 && single.price(at: 1e9) == 3)
    }

    @Test("A replay does not depend on the seed")
    func replayIsDeterministic() throws {
        let replay = try PriceReplay(times: [0, 60], prices: [1, 2])
        let spec = Support.single(.replay(replay), blockTime: 7, blockCount: 10)
        let first = try ReferenceMarket(spec: spec, replicationSeed: 1)
        let second = try ReferenceMarket(spec: spec, replicationSeed: 2)
        for time in [0.0, 3.5, 13, 41.2, 70] {
            #expect(first.price(asset: 0, at: time) == second.price(asset: 0, at: time))
        }
    }

    @Test("Invalid replays are rejected with the offending point")
    func invalidReplays() {
        #expect(throws: ReferenceMarketError.invalidReplay("a replay needs at least one point")) {
            try PriceReplay(times: [], prices: [])
        }
        #expect(throws: ReferenceMarketError.invalidReplay("2 times but 1 prices")) {
            try PriceReplay(times: [0, 1], prices: [1])
        }
        #expect(throws: ReferenceMarketError.invalidReplay("point 1: times must increase strictly (5.0 after 5.0)")) {
            try PriceReplay(times: [5, 5], prices: [1, 2])
        }
        #expect(throws: ReferenceMarketError.invalidReplay("point 2: price 0.0 must be finite and > 0")) {
            try PriceReplay(times: [0, 1, 2], prices: [1, 2, 0])
        }
    }

    /// Writes `contents` to a fresh temporary file and returns its path.
    static func temporaryFile(_ contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("replay-\(UUID().uuidString).csv").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("A CSV replay loads, with CRLF line ends and blank lines")
    func loadsCSV() throws {
        let path = try Self.temporaryFile("time,price\r\n0,1800.5\r\n12,1790\r\n\r\n36,1810.25\r\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let replay = try PriceReplay.load(path: path)
        #expect(replay == (try PriceReplay(times: [0, 12, 36], prices: [1_800.5, 1_790, 1_810.25])))
    }

    @Test("CSV errors name the file and line")
    func csvErrors() throws {
        let cases: [(contents: String, expected: String)] = [
            ("t,p\n0,1\n", ":1: expected the header `time,price`, found `t,p`"),
            ("time,price\n0,1\nabc,2\n", ":3: time `abc` is not a number"),
            ("time,price\n0,1\n1,x\n", ":3: price `x` is not a number"),
            ("time,price\n0,1\n\n1,2,3\n", ":4: expected 2 fields, found 3"),
            ("time,price\n0,1\n5,2\n5,3\n", ":4: times must increase strictly (5.0 after 5.0)"),
            ("time,price\n0,-1\n", ":2: price -1.0 must be finite and > 0"),
            ("", ":1: empty file: expected the header `time,price`"),
        ]
        for (contents, expected) in cases {
            let path = try Self.temporaryFile(contents)
            defer { try? FileManager.default.removeItem(atPath: path) }
            do {
                _ = try PriceReplay.load(path: path)
                Issue.record("loading \(contents.debugDescription) should fail")
            } catch let error as ReferenceMarketError {
                #expect("\(error)" == path + expected)
            }
        }
        let missing = "/nonexistent/replay.csv"
        #expect { try PriceReplay.load(path: missing) } throws: { error in
            "\(error)".hasPrefix(missing + ": cannot read the file")
        }
    }
}
