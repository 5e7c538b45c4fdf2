import Foundation
import Scenarios
import Testing
@testable import Experiments

@Suite("advsim optimize over a scenario's search section")
struct OptimizerTests {
    static let text = BatchFixture.text + """

    search:
      objective: swap_fees
      grid: 3
      starts: 1
      parameters:
        pools.p.fee: {min: 0.0005, max: 0.05, scale: log}
    """

    func optimizer(_ fixture: BatchFixture, threads: Int, maximize: Bool = true) throws -> Optimizer {
        var search = try #require(try Scenario.load(path: fixture.scenarioPath).search)
        search.maximize = maximize
        var optimizer = Optimizer(scenarioPath: fixture.scenarioPath, overrides: [], search: search, replications: 3,
                                  threads: threads, scenarioSeed: 5, options: WorldOptions(checkInvariants: true))
        optimizer.maxIterations = 8
        return optimizer
    }

    @Test("Swap fees rise with the pool fee: the best point is the upper bound, the worst the lower bound")
    func monotoneObjective() throws {
        let fixture = try BatchFixture(text: Self.text)
        defer { fixture.remove() }
        let best = try optimizer(fixture, threads: 2).run { _ in }.best
        #expect(best.parameters == [0.05])
        #expect(best.summary.count == 3)
        let worst = try optimizer(fixture, threads: 2, maximize: false).run { _ in }.best
        #expect(worst.parameters == [0.0005])
        #expect(try #require(best.summary.mean) > (try #require(worst.summary.mean)))
    }

    @Test("optimize.csv is byte-identical whatever the thread count, and best.yaml runs as the best point")
    func outputs() throws {
        let fixture = try BatchFixture(text: Self.text)
        defer { fixture.remove() }
        var files: [Data] = []
        for threads in [1, 2] {
            let optimizer = try optimizer(fixture, threads: threads)
            let report = try optimizer.run { _ in }
            let directory = fixture.folder + "/opt\(threads)"
            let manifest = Manifest.started(scenario: try Scenario.load(path: fixture.scenarioPath), path: fixture.scenarioPath,
                                            scenarioSeed: 5, seedSource: "test", version: "test", command: ["test"])
            try OptimizeOutput.write(report, optimizer: optimizer, directory: directory, manifest: manifest)
            files.append(try fixture.bytes("opt\(threads)", "optimize.csv"))
            let table = String(decoding: files.last!, as: UTF8.self).split(separator: "\n")
            #expect(table.first == "evaluation,stage,start,param_pools_p_fee,replications,objective,mean,ci_low,ci_high,std,p_positive,cost,capital")
            #expect(table.count == report.points.count + 1)
            let best = try Scenario.load(path: directory + "/best.yaml")
            #expect(best.pools[0].fee == 0.05)
            // The search's seed (5, which the scenario file does not give) is written into best.yaml.
            let seed = try #require(best.seed)
            #expect(seed == 5)
            let rerun = try ReplicationPool.run(scenario: best, scenarioSeed: seed, replications: 3, threads: 1, options: WorldOptions())
            let mean = Descriptive.meanOf(rerun.map(\.swapFees))
            #expect(mean == report.best.summary.mean)
        }
        #expect(files[0] == files[1])
    }

    @Test("An objective that is not a runs.csv column is refused with the list of columns")
    func unknownObjective() throws {
        let fixture = try BatchFixture(text: Self.text)
        defer { fixture.remove() }
        var optimizer = try optimizer(fixture, threads: 1)
        optimizer.search.objective = "profit"
        #expect(throws: BatchArgumentError.self) { try optimizer.run { _ in } }
    }

    @Test("An unknown objective written in the scenario is located at its search.objective; --objective's at the flag")
    func unknownObjectiveLocated() throws {
        let lines = Self.text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains("objective: swap_fees") }) + 1
        let column = try #require(lines[line - 1].range(of: "swap_fees")).lowerBound.utf16Offset(in: lines[line - 1]) + 1
        let fixture = try BatchFixture(text: Self.text.replacingOccurrences(of: "objective: swap_fees", with: "objective: profit_x"))
        defer { fixture.remove() }
        let optimizer = try optimizer(fixture, threads: 1)
        #expect { try optimizer.run { _ in } } throws: { error in
            "\(error)".hasPrefix("\(fixture.scenarioPath):\(line):\(column): search.objective 'profit_x' is not a runs.csv column")
        }
        var search = SearchSpec()
        #expect { try search.apply(objectiveArgument: "profit_y") } throws: { error in
            "\(error)".hasPrefix("<command line>:1:1: --objective 'profit_y'")
        }
        search.objectiveLocation = SourceLocation(file: "s.yaml", line: 3, column: 4)
        try search.apply(objectiveArgument: "swap_fees")
        #expect(search.objectiveLocation == nil)
    }

    @Test("search: sections are validated with located errors and rendered back")
    func searchSection() throws {
        let scenario = try Scenario.parse(text: Self.text, file: "t.yaml")
        let search = try #require(scenario.search)
        #expect(search.parameters == [SearchParameterSpec(keyPath: "pools.p.fee", min: 0.0005, max: 0.05, logarithmic: true)])
        #expect(search.grid == 3 && search.starts == 1 && search.maximize && search.objective == "swap_fees")
        let reloaded = try Scenario.parse(text: scenario.resolvedYAML(), file: "r.yaml")
        #expect(reloaded.search == search)
        for (bad, message) in [("min: 0.05, max: 0.0005", "min must be below max"), ("min: 0, max: 1, scale: log", "needs min > 0"),
                               ("min: 0, max: 1, scale: cubic", "expected linear or log"), ("min: 0, max: 1, step: 2", "step")] {
            let text = Self.text.replacingOccurrences(of: "min: 0.0005, max: 0.05, scale: log", with: bad)
            #expect { try Scenario.parse(text: text, file: "bad.yaml") } throws: { error in
                let description = "\(error)"
                return description.contains("bad.yaml:") && description.contains(message)
            }
        }
    }
}
