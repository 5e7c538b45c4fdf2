import Foundation
import Scenarios
import Testing
@testable import Experiments

/// A small, fast scenario written to a temporary folder.
struct BatchFixture {
    let folder: String
    let scenarioPath: String

    static let text = """
    name: tiny
    duration: 10m
    chain: {native_asset: ETH, gas_price: {dist: uniform, min: 5, max: 50}}
    assets:
      ETH: {price: 2000, process: {model: gbm, volatility: 0.9}}
      USDC: {decimals: 6, price: 1}
    pools:
      p: {token0: ETH, token1: USDC, reserve0: 100}
    agents:
      arbitrageurs: {count: 2, capital: {ETH: 20, USDC: 40000}, latency: {dist: exponential, mean: 2}}
      noise_traders: {count: 5, rate: 30, size: {dist: lognormal, mu: 7, sigma: 1}, capital: {ETH: 5, USDC: 10000}}
    """

    init(text: String = BatchFixture.text) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-batch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        scenarioPath = folder + "/tiny.yaml"
        try text.write(toFile: scenarioPath, atomically: true, encoding: .utf8)
    }

    func spec(replications: Int = 6, sweep: [String] = ["pools.p.fee=0.001,0.01"], shard: Shard = .whole, seed: UInt64 = 3) throws -> BatchSpec {
        let plan = try SweepPlan(axes: sweep.map(SweepAxis.parse), design: .grid, seed: 3)
        return BatchSpec(scenarioPath: scenarioPath, overrides: [], plan: plan, replications: replications, scenarioSeed: seed,
                         shard: shard, options: WorldOptions(checkInvariants: true))
    }

    @discardableResult
    func run(_ spec: BatchSpec, into name: String, threads: Int, resume: Bool = false) throws -> BatchReport {
        try BatchRunner(spec: spec, scenarios: PointScenarios(spec: spec), directory: folder + "/" + name, threads: threads,
                        resume: resume, showProgress: false, commandLine: ["test"], version: "test").run()
    }

    func bytes(_ name: String, _ file: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name + "/" + file))
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

@Suite("Batches")
struct BatchTests {
    @Test("runs.csv, summary.csv and pnl.csv are byte-identical for 1 thread, 2 threads and a merged 3-way shard split")
    func reproducibility() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        try fixture.run(fixture.spec(), into: "one", threads: 1)
        try fixture.run(fixture.spec(), into: "two", threads: 2)
        for index in 0..<3 { try fixture.run(fixture.spec(shard: Shard(index: index, count: 3)), into: "shard\(index)", threads: 2) }
        try ShardMerge.merge((0..<3).map { fixture.folder + "/shard\($0)" }, into: fixture.folder + "/merged", commandLine: ["test"])
        for file in ["runs.csv", "summary.csv", "failures.csv", "pnl.csv"] {
            let reference = try fixture.bytes("one", file)
            #expect(try fixture.bytes("two", file) == reference, "\(file): 2 threads differ")
            #expect(try fixture.bytes("merged", file) == reference, "\(file): merged shards differ")
        }
        let rows = String(decoding: try fixture.bytes("one", "runs.csv"), as: UTF8.self).split(separator: "\n")
        #expect(rows.count == 13)
        #expect(rows[0].hasPrefix("sweep_point,replication,seed,param_pools_p_fee,end_time,"))
        // Canonical order, and common random numbers: replication r has the same seed at every point.
        let cells = rows.dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(cells.map { "\($0[0]):\($0[1])" } == (0..<12).map { "\($0 / 6):\($0 % 6)" })
        for replication in 0..<6 { #expect(cells[replication][2] == cells[6 + replication][2]) }
        // pnl.csv: every replication's rows, in the same canonical order.
        let pnl = String(decoding: try fixture.bytes("one", "pnl.csv"), as: UTF8.self).split(separator: "\n").dropFirst()
        let items = pnl.map { $0.split(separator: ",").prefix(2).joined(separator: ":") }
        let runsOfItems = items.indices.filter { $0 == items.startIndex || items[$0] != items[$0 - 1] }.map { items[$0] }
        #expect(runsOfItems == (0..<12).map { "\($0 / 6):\($0 % 6)" })
    }

    @Test("Resume after a kill continues from the complete rows and equals an uninterrupted run")
    func resume() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        try fixture.run(fixture.spec(), into: "full", threads: 2)
        // Simulate a SIGKILL: a partial folder with 5 complete rows and a torn sixth one.
        try fixture.run(fixture.spec(), into: "killed", threads: 2)
        let runs = String(decoding: try fixture.bytes("full", "runs.csv"), as: UTF8.self)
        let lines = runs.split(separator: "\n", omittingEmptySubsequences: false)
        let cut = lines.prefix(6).joined(separator: "\n") + "\n" + lines[6].prefix(20)
        try cut.write(toFile: fixture.folder + "/killed/runs.csv", atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: fixture.folder + "/killed/summary.csv")
        let report = try fixture.run(fixture.spec(), into: "killed", threads: 2, resume: true)
        #expect(report.resumed == 5)
        #expect(report.completed == 7)
        #expect(try fixture.bytes("killed", "runs.csv") == fixture.bytes("full", "runs.csv"))
        #expect(try fixture.bytes("killed", "summary.csv") == fixture.bytes("full", "summary.csv"))
        // pnl.csv still held every replication of the first run: the rows past the 5 done are cut and rewritten.
        #expect(try fixture.bytes("killed", "pnl.csv") == fixture.bytes("full", "pnl.csv"))
    }

    @Test("Starting over a finished batch without --resume is refused, and resuming another batch too")
    func refusals() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        try fixture.run(fixture.spec(), into: "a", threads: 1)
        #expect(throws: BatchArgumentError.self) { try fixture.run(fixture.spec(), into: "a", threads: 1) }
        #expect(throws: BatchArgumentError.self) { try fixture.run(fixture.spec(replications: 7), into: "a", threads: 1, resume: true) }
        // The refusal names what differs.
        do {
            try fixture.run(fixture.spec(replications: 7, seed: 4), into: "a", threads: 1, resume: true)
            Issue.record("resumed another batch")
        } catch let error as BatchArgumentError {
            #expect(error.description == "'\(fixture.folder)/a' holds a different batch: the seed (3 there, 4 now), the replications (6 there, 7 now) differ; cannot resume")
        }
    }

    @Test("A failing replication is recorded in failures.csv and the batch goes on")
    func failures() throws {
        // Endowments drawn from a lognormal with a huge sigma exceed the 2^112 load limit for some seeds.
        let text = BatchFixture.text.replacingOccurrences(of: "capital: {ETH: 5, USDC: 10000}",
                                                          with: "capital: {ETH: {dist: lognormal, mu: 0, sigma: 60}, USDC: 10000}")
        let fixture = try BatchFixture(text: text)
        defer { fixture.remove() }
        let report = try fixture.run(fixture.spec(replications: 8, sweep: []), into: "f", threads: 2)
        #expect(report.failed > 0)
        #expect(report.completed + report.failed == 8)
        let failures = String(decoding: try fixture.bytes("f", "failures.csv"), as: UTF8.self).split(separator: "\n")
        #expect(failures[0] == "sweep_point,replication,seed,message")
        #expect(failures.count == report.failed + 1)
        #expect(failures[1].contains("2^112"))
    }

    @Test("Merging refuses a missing shard, a duplicate shard and shards of another batch")
    func mergeValidation() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        for index in 0..<2 { try fixture.run(fixture.spec(shard: Shard(index: index, count: 2)), into: "s\(index)", threads: 1) }
        try fixture.run(fixture.spec(replications: 3, shard: Shard(index: 1, count: 2)), into: "other", threads: 1)
        let out = fixture.folder + "/m"
        #expect(throws: BatchArgumentError.self) { try ShardMerge.merge([fixture.folder + "/s0"], into: out, commandLine: []) }
        #expect(throws: BatchArgumentError.self) {
            try ShardMerge.merge([fixture.folder + "/s0", fixture.folder + "/s0"], into: out, commandLine: [])
        }
        #expect(throws: BatchArgumentError.self) {
            try ShardMerge.merge([fixture.folder + "/s0", fixture.folder + "/other"], into: out, commandLine: [])
        }
    }
}

@Suite("Sweep specifications")
struct SweepTests {
    @Test("Lists, linear and log spacing expand to value texts")
    func expansions() throws {
        #expect(try SweepAxis.parse("a.b=1,2,x").values == .list(["1", "2", "x"]))
        #expect(try SweepAxis.parse("a=lin:0:1:5").values == .list(["0", "0.25", "0.5", "0.75", "1"]))
        #expect(try SweepAxis.parse("a=log:1:100:3").values == .list(["1", "10", "100"]))
        #expect(try SweepAxis.parse("a=range:0:2").values == .range(low: 0, high: 2, logarithmic: false))
    }

    @Test("Bad specs are rejected with a message", arguments: ["noequals", "=1", "a=lin:0:1", "a=lin:0:1:0", "a=log:0:1:3",
                                                             "a=range:2:1", "a=1,,2", "a=lin:x:1:2"])
    func badSpecs(argument: String) {
        #expect(throws: BatchArgumentError.self) { try SweepAxis.parse(argument) }
    }

    @Test("Several sweeps make a Cartesian product, first axis slowest")
    func grid() throws {
        let plan = try SweepPlan(axes: [SweepAxis.parse("a=1,2"), SweepAxis.parse("b=x,y,z")], design: .grid, seed: 0)
        #expect(plan.count == 6)
        #expect((0..<6).map(plan.values(ofPoint:)) == [["1", "x"], ["1", "y"], ["1", "z"], ["2", "x"], ["2", "y"], ["2", "z"]])
        #expect(plan.overrides(ofPoint: 4) == ["a=2", "b=y"])
    }

    @Test("A Latin hypercube puts exactly one point in each stratum of every dimension")
    func latinHypercube() throws {
        let plan = try SweepPlan(axes: [SweepAxis.parse("a=range:0:10"), SweepAxis.parse("b=range:100:200")],
                                 design: .latinHypercube(count: 10), seed: 42)
        for (dimension, (low, width)) in [(0.0, 1.0), (100.0, 10.0)].enumerated() {
            let strata = plan.values(ofAxis: dimension).map { Int((Double($0)! - low) / width) }
            #expect(strata.sorted() == Array(0..<10))
        }
        let again = try SweepPlan(axes: [SweepAxis.parse("a=range:0:10"), SweepAxis.parse("b=range:100:200")],
                                  design: .latinHypercube(count: 10), seed: 42)
        #expect(plan == again)
    }

    @Test("A Sobol design starts with GSL's sequence scaled to the ranges")
    func sobol() throws {
        let plan = try SweepPlan(axes: [SweepAxis.parse("a=range:0:8")], design: .sobol(count: 4), seed: 0)
        // GSL's Sobol sequence in one dimension: 0.5, 0.75, 0.25, 0.375.
        #expect(plan.values(ofAxis: 0) == ["4", "6", "2", "3"])
    }

    @Test("Shards split the items into disjoint strided slices")
    func shards() throws {
        #expect(try Shard.parse("1/3") == Shard(index: 1, count: 3))
        #expect(throws: BatchArgumentError.self) { try Shard.parse("3/3") }
        #expect(throws: BatchArgumentError.self) { try Shard.parse("x") }
        let all = (0..<3).flatMap { Array(Shard(index: $0, count: 3).items(total: 10)) }.sorted()
        #expect(all == Array(0..<10))
        for index in 0..<3 {
            #expect(Shard(index: index, count: 3).itemCount(total: 10) == Array(Shard(index: index, count: 3).items(total: 10)).count)
        }
        #expect(Shard(index: 4, count: 5).itemCount(total: 3) == 0)
    }
}
