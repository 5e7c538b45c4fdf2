import Foundation
import Scenarios
import Testing
@testable import Experiments

/// A scenario's own `sweep:` section: its errors are located at the scenario line that causes
/// them (`file:line:column: sweep.parameters.KEY: …` or `sweep.design: …`), not blamed on
/// `--sweep`/`--design` flags nobody gave; the flags' own errors keep their wording.
@Suite("Sweep errors located in the scenario")
struct ScenarioSweepErrorTests {
    /// The batch fixture (11 lines) with a `sweep:` section: `sweep:` on line 12, the design on
    /// line 13, `parameters:` on line 14, and the entries from line 15 (key at column 5).
    static func scenario(design: String, parameters: [String]) -> String {
        BatchFixture.text + "\nsweep:\n  design: \(design)\n  parameters:"
            + (parameters.isEmpty ? " {}" : "\n" + parameters.map { "    " + $0 }.joined(separator: "\n")) + "\n"
    }

    /// The error `SweepPlan(scenario:…)` throws for this scenario and these flags.
    static func planError(design: String, parameters: [String], sweeps: [String] = [], designFlag: String? = nil) throws -> String? {
        let scenario = try Scenario.parse(text: Self.scenario(design: design, parameters: parameters), file: "sw.yaml")
        do {
            _ = try SweepPlan(scenario: scenario, sweeps: sweeps, design: designFlag, seed: 1)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("A bad design, spec, mix or size in the scenario's sweep names its line", arguments: [
        ("grid", ["pools.p.fee: range:0:1"], [String](), String?.none,
         "sw.yaml:15:18: sweep.parameters.pools.p.fee: a range needs sweep.design lhs:COUNT or sobol:COUNT"),
        ("lhs:4", ["pools.p.fee: [0.001, 0.01]"], [], nil,
         "sw.yaml:15:18: sweep.parameters.pools.p.fee: sweep.design lhs:4 needs range:LOW:HIGH or logrange:LOW:HIGH, not a list of values"),
        ("grit", ["pools.p.fee: [0.001, 0.01]"], [], nil, "sw.yaml:13:11: sweep.design: 'grit': expected grid, lhs:COUNT or sobol:COUNT"),
        ("grid", ["pools.p.fee: lin:0:1"], [], nil,
         "sw.yaml:15:18: sweep.parameters.pools.p.fee: expected lin:START:STOP:COUNT with COUNT in 1…1000000"),
        ("grid", ["pools.p.fee: log:0:1:3"], [], nil, "sw.yaml:15:22: sweep.parameters.pools.p.fee: log spacing needs START and STOP > 0"),
        ("lhs:2", ["pools.p.fee: range:0:x"], [], nil, "sw.yaml:15:26: sweep.parameters.pools.p.fee: 'x' is not a finite number"),
        // A spec's bad field is located inside its scalar, plain or quoted; a scalar the file does
        // not spell verbatim (tagged, folded over lines) at its start.
        ("grid", ["pools.p.fee: lin:0.001:abc:3"], [], nil, "sw.yaml:15:28: sweep.parameters.pools.p.fee: 'abc' is not a finite number"),
        ("grid", ["pools.p.fee: \"lin:0.001:abc:3\""], [], nil, "sw.yaml:15:29: sweep.parameters.pools.p.fee: 'abc' is not a finite number"),
        ("grid", ["pools.p.fee: lin:0:1:0"], [], nil,
         "sw.yaml:15:26: sweep.parameters.pools.p.fee: expected lin:START:STOP:COUNT with COUNT in 1…1000000"),
        ("lhs:2", ["pools.p.fee: logrange:-1:1"], [], nil, "sw.yaml:15:27: sweep.parameters.pools.p.fee: logrange needs LOW > 0"),
        ("grid", ["pools.p.fee: !!str lin:0.001:abc:3"], [], nil, "sw.yaml:15:18: sweep.parameters.pools.p.fee: 'abc' is not a finite number"),
        ("grid", ["pools.p.fee: \"lin:0.001:\n      abc:3\""], [], nil, "sw.yaml:15:18: sweep.parameters.pools.p.fee: ' abc' is not a finite number"),
        ("grid", ["pools.p.fee: [0.001, 0.01]", "agents.noise_traders.rate: '1,,2'"], [], nil,
         "sw.yaml:16:35: sweep.parameters.agents.noise_traders.rate: empty value in '1,,2'"),
        ("grid", ["pools.p.fee: [0.001, '', 0.01]"], [], nil, "sw.yaml:15:26: sweep.parameters.pools.p.fee: empty value in '0.001,,0.01'"),
        ("grid", ["pools.p.fee: lin:0:1:1000", "agents.noise_traders.rate: lin:1:2:1000", "chain.block_time: lin:1:2:1000"], [], nil,
         "sw.yaml:15:5: sweep.parameters: more than 10^7 sweep points"),
        ("sobol:4", [], [], nil,
         "sw.yaml:13:11: sweep.design: sobol:4 needs at least one parameter with range:LOW:HIGH or logrange:LOW:HIGH"),
        // --design replaces the scenario's design: the scenario's axis no longer fits — both named.
        ("lhs:4", ["pools.p.fee: range:0:1"], [], "grid",
         "sw.yaml:15:18: sweep.parameters.pools.p.fee: the scenario's range cannot be sampled by --design grid (command line): "
            + "a range needs lhs:COUNT or sobol:COUNT"),
        ("grid", ["pools.p.fee: [0.001, 0.01]"], [], "sobol:3",
         "sw.yaml:15:18: sweep.parameters.pools.p.fee: the scenario's list of values cannot be sampled by --design sobol:3 "
            + "(command line): it needs range:LOW:HIGH or logrange:LOW:HIGH"),
        // A --sweep axis that does not fit the scenario's design: the flag named and located, the scenario's line given.
        ("grid", ["pools.p.fee: [0.001, 0.01]"], ["agents.noise_traders.rate=range:1:2"], nil,
         "<command line>:1:1: --sweep agents.noise_traders.rate: a range needs --design lhs:COUNT or sobol:COUNT (the scenario's sweep.design, at sw.yaml:13:11, is grid)"),
        // The flags' own errors keep their wording, located at the flag as --set's are.
        ("grid", ["pools.p.fee: [0.001, 0.01]"], ["agents.noise_traders.rate=lin:0:1"], nil,
         "<command line>:1:1: --sweep agents.noise_traders.rate: expected lin:START:STOP:COUNT with COUNT in 1…1000000"),
        ("grid", ["pools.p.fee: [0.001, 0.01]"], [], "grit", "<command line>:1:1: --design 'grit': expected grid, lhs:COUNT or sobol:COUNT"),
    ])
    func located(design: String, parameters: [String], sweeps: [String], designFlag: String?, expected: String) throws {
        #expect(try Self.planError(design: design, parameters: parameters, sweeps: sweeps, designFlag: designFlag) == expected)
    }

    @Test("A key swept twice in the scenario is refused at its second line by the YAML reader")
    func sweptTwice() {
        let text = Self.scenario(design: "grid", parameters: ["pools.p.fee: [0.001]", "pools.p.fee: [0.01]"])
        do {
            _ = try Scenario.parse(text: text, file: "sw.yaml")
            Issue.record("no error for a key swept twice")
        } catch {
            #expect("\(error)" == "sw.yaml:16:5: duplicate key 'pools.p.fee' (first defined at line 15, column 5)")
        }
    }

    @Test("A --sweep of the same key replaces the scenario's axis; --design replaces its design")
    func replaced() throws {
        let scenario = try Scenario.parse(text: Self.scenario(design: "grid", parameters: ["pools.p.fee: [0.001, 0.01]"]), file: "sw.yaml")
        let plan = try SweepPlan(scenario: scenario, sweeps: ["pools.p.fee=range:0:1"], design: "lhs:3", seed: 1)
        #expect(plan.keyPaths == ["pools.p.fee"] && plan.count == 3 && plan.axisSources == [.commandLine])
    }

    @Test("An unknown or ill-typed swept key names the scenario's line, after --set overrides too", arguments: [
        ("agents.noise_traders.ratex: [1, 2]", ":15:5: sweep.parameters.agents.noise_traders.ratex: unknown key 'ratex'; did you mean 'rate'?"),
        // A value the scenario refuses: at its item (flow list, block list, a,b,c scalar) or at the spec's value.
        ("agents.noise_traders.rate: [a, b]", ":15:33: sweep.parameters.agents.noise_traders.rate: expected a finite number, got 'a'"),
        ("agents.noise_traders.rate: [1, -2]", ":15:36: sweep.parameters.agents.noise_traders.rate: expected a number in [1e-09, 1000000), got -2"),
        ("agents.noise_traders.rate:\n      - 1\n      - x",
         ":17:9: sweep.parameters.agents.noise_traders.rate: expected a finite number, got 'x'"),
        ("agents.noise_traders.rate: '1,-2'", ":15:35: sweep.parameters.agents.noise_traders.rate: expected a number in [1e-09, 1000000), got -2"),
        ("agents.noise_traders.rate: 1, 2, -3", ":15:38: sweep.parameters.agents.noise_traders.rate: expected a number in [1e-09, 1000000), got -3"),
        ("agents.noise_traders.rate: lin:-2:1:3",
         ":15:32: sweep.parameters.agents.noise_traders.rate: expected a number in [1e-09, 1000000), got -2"),
    ])
    func keyPaths(entry: String, expected: String) throws {
        let fixture = try BatchFixture(text: Self.scenario(design: "grid", parameters: [entry]))
        defer { fixture.remove() }
        let scenario = try Scenario.load(path: fixture.scenarioPath, overrides: ["seed=4"])
        let plan = try SweepPlan(scenario: scenario, sweeps: ["pools.p.fee=0.001,0.01"], design: nil, seed: 4)
        let spec = BatchSpec(scenarioPath: fixture.scenarioPath, overrides: ["seed=4"], plan: plan, replications: 1, scenarioSeed: 4,
                             shard: .whole, options: WorldOptions())
        do {
            _ = try PointScenarios(spec: spec).check()
            Issue.record("no error for \(entry)")
        } catch let error as InputError {
            #expect(error.description == fixture.scenarioPath + expected)
        }
    }

    @Test("A large sweep, checked value by value, and validate locate a refused value at its item too", arguments: [
        ("agents.noise_traders.rate: [1, 2, -3]", 39), ("agents.noise_traders.rate: '1, 2,  -3'", 40),
    ])
    func largeSweepAndValidate(entry: String, column: Int) throws {
        let entries = ["pools.p.fee: lin:0.001:0.01:10001", entry]
        let fixture = try BatchFixture(text: Self.scenario(design: "grid", parameters: entries))
        defer { fixture.remove() }
        let scenario = try Scenario.load(path: fixture.scenarioPath)
        let plan = try SweepPlan(scenario: scenario, sweeps: [], design: nil, seed: 1)
        let spec = BatchSpec(scenarioPath: fixture.scenarioPath, overrides: [], plan: plan, replications: 1, scenarioSeed: 1,
                             shard: .whole, options: WorldOptions())
        let points = try PointScenarios(spec: spec)
        #expect(!points.checksEveryPoint())
        let expected = fixture.scenarioPath + ":16:\(column): sweep.parameters.agents.noise_traders.rate: expected a number in [1e-09, 1000000), got -3"
        do {
            _ = try points.check()
            Issue.record("the batch's check found no error")
        } catch let error as InputError {
            #expect(error.description == expected)
        }
        do {
            try ScenarioSectionsCheck.check(scenario, path: fixture.scenarioPath, overrides: [])
            Issue.record("validate found no error")
        } catch let error as InputError {
            #expect(error.description == expected)
        }
    }

    @Test("A --sweep key that is unknown names the flag, located by its place among the --sweep flags")
    func commandLineKey() throws {
        let fixture = try BatchFixture()
        defer { fixture.remove() }
        let plan = try SweepPlan(scenario: Scenario.load(path: fixture.scenarioPath),
                                 sweeps: ["agents.noise_traders.rate=1,2", "pools.p.feex=1,2"], design: nil, seed: 1)
        let spec = BatchSpec(scenarioPath: fixture.scenarioPath, overrides: ["seed=4"], plan: plan, replications: 1, scenarioSeed: 1,
                             shard: .whole, options: WorldOptions())
        do {
            _ = try PointScenarios(spec: spec).check()
            Issue.record("no error for --sweep pools.p.feex")
        } catch let error as InputError {
            #expect(error.description == "<command line>:1:2: --sweep pools.p.feex: unknown key 'feex'; did you mean 'fee'?")
        }
    }

    @Test("A scenario axis that --sweep replaces is not read: its error is not reported")
    func replacedAxisUnread() throws {
        let bad = ["pools.p.fee: lin:0:1", "agents.noise_traders.rate: [1, 2]"]
        #expect(try Self.planError(design: "grid", parameters: bad)?.hasPrefix("sw.yaml:15:18: sweep.parameters.pools.p.fee:") == true)
        #expect(try Self.planError(design: "grid", parameters: bad, sweeps: ["pools.p.fee=0.001,0.01"]) == nil)
    }
}
