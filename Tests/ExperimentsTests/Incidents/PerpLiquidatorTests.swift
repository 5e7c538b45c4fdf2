import Foundation
import ProtocolModel
import Testing
@testable import Experiments
@testable import Scenarios

/// The `perp_liquidators` population on a small Mango-style pump: the attacker's short wallet
/// goes below maintenance as the mark rises, and a liquidator takes its position over.
@Suite("Perp liquidators")
struct PerpLiquidatorTests {
    /// mango-2022 scaled down to a 20M MNGO fill, with two perp liquidators depositing `deposit`
    /// USDC (`extra`: more of their keys, one per line).
    static func run(deposit: Int, extra: String = "") throws -> (world: World, timeseries: [[String]], events: [[String]]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/scenario.yaml"
        try """
        extends: \(MangoTests.path)
        agents:
          attacker:
            size: 20000000
            buy: {mango_spot: 300000, ascendex: 200000, ftx: 300000}
            deposit: 500000
            capital: {SOL: 10, USDC: 2000000}
          perp_liquidators:
            count: 2
            capital: {USDC: 5000000, SOL: 10}
            deposit: \(deposit)
            priority_fee: 0
        \(extra)
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let scenario = try Scenario.load(path: path)
        let writer = try DetailWriter(directory: directory, scenario: scenario)
        let world = try World(scenario: scenario, seed: 1, options: WorldOptions(checkInvariants: true))
        _ = try world.run(sink: writer)
        try writer.finish()
        return (world, try CSVReader.read(path: directory + "/timeseries.csv").records, try CSVReader.read(path: directory + "/events.csv").records)
    }

    @Test("The first liquidator takes the wallet's whole short at the mark plus the 2.5 % fee, exactly; the second sends nothing for it")
    func takesOverTheShort() throws {
        let (world, timeseries, events) = try Self.run(deposit: 3_000_000)
        let liquidations = events.filter { $0[4] == "perp_liquidate" }
        try #require(liquidations.count == 1, "\(liquidations)")
        #expect(liquidations[0][3] == "perp-liquidator-0" && liquidations[0][10] == "executed")
        let state = world.state, book = state.perpMarkets[0]
        let wallet = try #require(world.attacker?.wallets.first)
        #expect(state.perpAccount(market: 0, account: wallet).base == 0)
        let taker = try #require(world.perpLiquidators.first?.account)
        let position = state.perpAccount(market: 0, account: taker)
        #expect(position.base == -20_000_000_000_000 && book.book.openInterest == 20_000_000_000_000)
        // quote = notional + ⌊notional · 0.025⌋ for the notional at the mark it executed at.
        let quote = UInt128(position.quote)
        let estimate = quote * 1_000 / 1_025
        let notional = try #require(((estimate > 2 ? estimate - 2 : 0)...(estimate + 2)).first { $0 + $0 * 25 / 1_000 == quote },
                                    "quote \(quote) is no notional plus its 2.5 % fee")
        // That notional is 20M × a mark between the marks after the block before the liquidation's and after it.
        let block = try #require(Int(liquidations[0][1]))
        let markColumn = try #require(timeseries[0].firstIndex(of: "perp_mngo_perp_mark"))
        let marks = try [block - 1, block].map { try #require(Double(timeseries[1 + $0][markColumn])) }
        let mark = TokenUnits.toDouble(notional, decimals: 6) / 20_000_000
        #expect(mark >= marks.min()! * (1 - 1e-9) && mark <= marks.max()! * (1 + 1e-9), "\(mark) \(marks)")
        // Its initial health with the position is not negative (the takeover's condition).
        let end = try state.perpMark(0, at: Int64(world.scenario.duration))
        #expect(try book.health(position, mark: end, margin: book.initialMargin) >= 0)
    }

    @Test("Liquidators whose deposit cannot carry the position take nothing over")
    func tooSmallToTakeOver() throws {
        let (world, _, events) = try Self.run(deposit: 100_000)
        #expect(!events.contains { $0[4] == "perp_liquidate" })
        let wallet = try #require(world.attacker?.wallets.first)
        #expect(world.state.perpAccount(market: 0, account: wallet).base == -20_000_000_000_000)
    }

    @Test("With a latency of 2.5 blocks a liquidator decides on every third block only: its takeover lands later, in a block after one it decided on")
    func latencyDelaysTheTakeover() throws {
        let prompt = try Self.run(deposit: 3_000_000).events.filter { $0[4] == "perp_liquidate" }
        let late = try Self.run(deposit: 3_000_000, extra: "    latency: 2.5m").events.filter { $0[4] == "perp_liquidate" }
        try #require(prompt.count == 1 && late.count == 1, "\(prompt) \(late)")
        let promptBlock = try #require(Int(prompt[0][1])), lateBlock = try #require(Int(late[0][1]))
        // Woken 2.5 min after the seals of blocks 1, 4, 7, …, each decides on blocks 3, 6, 9, …:
        // its transaction lands in the block after, and never before the prompt one's.
        #expect(lateBlock >= promptBlock && (lateBlock - 1) % 3 == 0, "prompt \(promptBlock), late \(lateBlock)")
        // A latency drawn from a distribution is drawn from each liquidator's own stream: the run repeats exactly.
        let drawnOnce = try Self.run(deposit: 3_000_000, extra: "    latency: {dist: uniform, min: 0, max: 150}").events
        let drawnTwice = try Self.run(deposit: 3_000_000, extra: "    latency: {dist: uniform, min: 0, max: 150}").events
        #expect(drawnOnce == drawnTwice)
    }

    @Test("Above its gas price cap a liquidator stands aside: nothing is taken over")
    func gasPriceCapStandsAside() throws {
        // The chain's base price is 1 wei a gas unit; a cap of 0 gwei is below it.
        let (world, _, events) = try Self.run(deposit: 3_000_000, extra: "    gas_price_cap: 0")
        #expect(!events.contains { $0[4] == "perp_liquidate" })
        let wallet = try #require(world.attacker?.wallets.first)
        #expect(world.state.perpAccount(market: 0, account: wallet).base == -20_000_000_000_000)
        // At the price itself (10⁻⁹ gwei = 1 wei) it acts.
        let atCap = try Self.run(deposit: 3_000_000, extra: "    gas_price_cap: 0.000000001").events
        #expect(atCap.filter { $0[4] == "perp_liquidate" }.count == 1)
    }
}
