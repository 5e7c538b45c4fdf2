import Foundation
import Scenarios
import Testing
@testable import Experiments

/// Scenarios decoded point by point: the up-front check, and a point refused while the batch runs.
@Suite("Sweep points' scenarios, decoded when they run")
struct PointScenariosTests {
    /// A sweep whose every value is fine alone, but whose point 3 puts the gas price's uniform
    /// `min` (40) above its `max` (30): only a check of every point finds it.
    static let combination = ["chain.gas_price.max=50,30", "chain.gas_price.min=5,40"]

    @Test("The scenario of a point equals the scenario loaded with the point's overrides")
    func scenarioOfPoint() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        let spec = try fixture.spec(sweep: ["pools.p.fee=0.001,0.01", "agents.noise_traders.rate=10,20,30"])
        let scenarios = try PointScenarios(spec: spec)
        for point in [0, 4, 5] {
            let loaded = try Scenario.load(path: fixture.scenarioPath, overrides: spec.plan.overrides(ofPoint: point))
            #expect(try scenarios.scenario(ofPoint: point).resolvedYAML() == loaded.resolvedYAML(), "point \(point)")
        }
    }

    @Test("The ends of an axis: smallest and largest when numeric, else first and last")
    func extremes() {
        #expect(PointScenarios.extremes(["0.5", "2", "0.1", "1"]) == ["0.1", "2"])
        #expect(PointScenarios.extremes(["spot", "twap", "median"]) == ["spot", "median"])
        #expect(PointScenarios.extremes(["3", "3"]) == ["3"])
        #expect(PointScenarios.extremes([]) == [])
    }

    @Test("A small sweep has every point checked: a bad combination is refused before the start, located")
    func everyPointChecked() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        let scenarios = try PointScenarios(spec: fixture.spec(sweep: Self.combination))
        #expect(scenarios.checksEveryPoint())
        do {
            _ = try scenarios.check()
            Issue.record("no error for min 40 above max 30")
        } catch let error as InputError {
            #expect(error.description == "<command line>:1:1: --sweep chain.gas_price.max: max must be greater than min (40), got 30")
        }
    }

    @Test("Above the limit each axis's values are checked alone: a bad value is refused, a bad combination is not")
    func axisValuesChecked() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        #expect(try !PointScenarios(spec: fixture.spec(sweep: Self.combination)).checksEveryPoint(upTo: 3))
        #expect(try PointScenarios(spec: fixture.spec(sweep: Self.combination)).check(everyPointUpTo: 3).name == "tiny")
        // A value refused alone, at the last of an axis's values: found without trying every point.
        let bad = try PointScenarios(spec: fixture.spec(sweep: ["pools.p.fee=0.001,0.003", "agents.noise_traders.rate=10,20,-1"]))
        do {
            _ = try bad.check(everyPointUpTo: 1)
            Issue.record("no error for a negative rate")
        } catch let error as InputError {
            #expect(error.description.hasPrefix("<command line>:1:2: --sweep agents.noise_traders.rate: "), "\(error)")
        }
    }

    @Test("A design above the limit has each axis's smallest and largest values checked")
    func designExtremes() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        let plan = try SweepPlan(axes: [SweepAxis.parse("agents.noise_traders.rate=range:-5:20")], design: .latinHypercube(count: 8), seed: 3)
        let spec = BatchSpec(scenarioPath: fixture.scenarioPath, overrides: [], plan: plan, replications: 1, scenarioSeed: 3,
                             shard: .whole, options: WorldOptions())
        #expect(throws: InputError.self) { try PointScenarios(spec: spec).check(everyPointUpTo: 1) }
    }

    @Test("A point refused while the batch runs stops it cleanly: the points before it written whole, manifest partial")
    func refusedWhileRunning() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        let spec = try fixture.spec(replications: 3, sweep: ["pools.p.fee=0.001,0.01"] + Self.combination)
        do {
            try fixture.run(spec, into: "refused", threads: 2)
            Issue.record("no refusal")
        } catch let refusal as SweepPointRefusal {
            #expect(refusal.point == 3)
            #expect(refusal.overrides == ["pools.p.fee=0.001", "chain.gas_price.max=30", "chain.gas_price.min=40"])
            #expect(refusal.description.hasPrefix("<command line>:1:2: --sweep chain.gas_price.max: max must be greater than min (40), got 30\n"))
        }
        let runs = String(decoding: try fixture.bytes("refused", "runs.csv"), as: UTF8.self).split(separator: "\n")
        #expect(runs.dropFirst().map { $0.prefix(2) } == ["0,", "0,", "0,", "1,", "1,", "1,", "2,", "2,", "2,"])
        #expect(String(decoding: try fixture.bytes("refused", "manifest.json"), as: UTF8.self).contains("\"status\" : \"partial\""))
        #expect(!FileManager.default.fileExists(atPath: fixture.folder + "/refused/summary.csv"))
        #expect(runs.count == 10)
    }

    @Test("A design batch stopped part way resumes to the bytes of an uninterrupted one")
    func designResume() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        let plan = try SweepPlan(axes: [SweepAxis.parse("pools.p.fee=range:0.001:0.01"), SweepAxis.parse("agents.noise_traders.rate=logrange:5:50")],
                                 design: .sobol(count: 5), seed: 3)
        let spec = BatchSpec(scenarioPath: fixture.scenarioPath, overrides: [], plan: plan, replications: 2, scenarioSeed: 3,
                             shard: .whole, options: WorldOptions())
        try fixture.run(spec, into: "full", threads: 2)
        try fixture.run(spec, into: "cut", threads: 2)
        let lines = String(decoding: try fixture.bytes("full", "runs.csv"), as: UTF8.self).split(separator: "\n")
        try (lines.prefix(4).joined(separator: "\n") + "\n").write(toFile: fixture.folder + "/cut/runs.csv", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: fixture.folder + "/cut/summary.csv")
        let report = try fixture.run(spec, into: "cut", threads: 2, resume: true)
        #expect(report.resumed == 3 && report.completed == 7)
        for file in ["runs.csv", "summary.csv", "pnl.csv"] {
            #expect(try fixture.bytes("cut", file) == fixture.bytes("full", file), "\(file)")
        }
    }
}
