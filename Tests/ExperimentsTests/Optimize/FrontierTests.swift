import Foundation
import Scenarios
import Testing
@testable import Experiments

@Suite("advsim frontier: the attack's best response along a defence parameter")
struct FrontierTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A summary with the given mean and a 95 % interval of half-width `half`.
    static func summary(mean: Double, half: Double?) -> MetricSummary {
        MetricSummary(count: 10, mean: mean, std: nil, ciLow: half.map { mean - $0 }, ciHigh: half.map { mean + $0 },
                      p5: nil, p50: nil, p95: nil, p99: nil, min: nil, max: nil)
    }

    // MARK: the safe rule and the bisection, on pure functions

    @Test("Safe means the upper 95 % bound of the best mean is at most zero, not the mean")
    func safeRule() {
        #expect(Frontier.isSafe(Self.summary(mean: -5, half: 5)))           // upper bound exactly 0
        #expect(Frontier.isSafe(Self.summary(mean: -5, half: 1)))
        #expect(!Frontier.isSafe(Self.summary(mean: -5, half: 5.000001)))   // negative mean, interval reaches above 0
        #expect(!Frontier.isSafe(Self.summary(mean: 0.5, half: 0.1)))
        #expect(!Frontier.isSafe(Self.summary(mean: -5, half: nil)))       // no interval: safety not shown
    }

    /// A frontier point at defence `number` whose best parameters are `[parameter]`.
    static func point(_ number: Double?, best parameter: Double) -> Frontier.Point {
        let best = Optimizer.Point(parameters: [parameter], stage: .grid, start: 0, summary: summary(mean: 0, half: 1),
                                   positive: 0, cost: nil, capital: nil)
        return Frontier.Point(value: "\(number ?? 0)", number: number, stage: .grid, best: best, points: [best])
    }

    /// An evaluated point with mean `mean` whose `positive` of `count` replications had an objective > 0.
    static func evaluated(mean: Double, positive: Int, of count: Int) -> Optimizer.Point {
        var summary = summary(mean: mean, half: 1)
        summary.count = count
        return Optimizer.Point(parameters: [mean], stage: .grid, start: 0, summary: summary, positive: positive, cost: nil, capital: nil)
    }

    @Test("p_profit is the best point's share of profitable replications; max_p_profit the largest share at any point evaluated")
    func profitShares() {
        // Replication profits: best (mean 5) [+20, −5, −5, +10] → 2 of 4; a worse point (mean −1) [+1, +1, +1, −7] → 3 of 4;
        // another (mean −3) [−3, −3, −3, −3] → 0 of 4.
        let best = Self.evaluated(mean: 5, positive: 2, of: 4)
        let points = [Self.evaluated(mean: -3, positive: 0, of: 4), Self.evaluated(mean: -1, positive: 3, of: 4), best]
        let point = Frontier.Point(value: "0.5", number: 0.5, stage: .grid, best: best, points: points)
        #expect(point.profitShare == 0.5)
        #expect(point.maxProfitShare == 0.75)
        #expect(point.evaluations == 3)
        #expect(FrontierOutput.row(point) == "0.5,grid,5,4,6,,,0.5,false,3,5,0.75")
        // No replication with a value: no share at all.
        let undefined = Self.evaluated(mean: .nan, positive: 0, of: 0)
        #expect(Frontier.Point(value: "1", number: 1, stage: .grid, best: undefined, points: [undefined]).maxProfitShare == nil)
    }

    @Test("Warm starts are the earlier values' best points, nearest defence value first, ties most recent first")
    func warmStartOrder() {
        // Values searched in the order 0.1, 0.9, 0.5, 0.7; a probe at 0.6 is nearest 0.5 and 0.7 (its bracket's ends).
        let earlier = [Self.point(0.1, best: 1), Self.point(0.9, best: 2), Self.point(0.5, best: 3), Self.point(0.7, best: 4)]
        #expect(Frontier.seeds(from: earlier, nearest: 0.6) == [[4], [3], [2], [1]])
        #expect(Frontier.seeds(from: earlier, nearest: 0.2) == [[1], [3], [4], [2]])
        #expect(Frontier.seeds(from: [], nearest: 0.2).isEmpty)
        // A text grid has no distances: most recent first.
        #expect(Frontier.seeds(from: earlier.map { Self.point(nil, best: $0.best.parameters[0]) }, nearest: nil) == [[4], [3], [2], [1]])
    }

    @Test("Bisection on a synthetic attack whose best mean profit falls linearly with the defence finds its break-even")
    func bisectionFindsKnownThreshold() {
        // Best mean profit 50 − 100·x with a 95 % half-width of 5: the upper bound is ≤ 0 from x = 0.55.
        var probes: [Double] = []
        let bracket = FrontierBisection.narrow(.init(unsafe: 0, safe: 1), steps: 10) { x in
            probes.append(x)
            return Frontier.isSafe(Self.summary(mean: 50 - 100 * x, half: 5))
        }
        #expect(probes.count == 10)
        #expect(probes.prefix(3) == [0.5, 0.75, 0.625])
        #expect(bracket.upward)
        #expect(bracket.unsafe < 0.55 && 0.55 <= bracket.safe)
        #expect(bracket.safe - bracket.unsafe == 1.0 / 1024)
        // Safety reached downwards: safe when x ≤ 0.3.
        let down = FrontierBisection.narrow(.init(unsafe: 1, safe: 0), steps: 12) { $0 <= 0.3 }
        #expect(!down.upward)
        #expect(down.safe <= 0.3 && 0.3 < down.unsafe)
        #expect(down.unsafe - down.safe == 1.0 / 4096)
    }

    @Test("Integer bisection stops at adjacent integers; log bisection narrows the ratio")
    func integerAndLogBisection() {
        var probes: [Double] = []
        let integers = FrontierBisection.narrow(.init(unsafe: 3, safe: 40), steps: 20, integral: true) { n in
            probes.append(n)
            return n >= 17
        }
        #expect(integers == .init(unsafe: 16, safe: 17))
        #expect(probes.allSatisfy { $0 == $0.rounded() })
        #expect(probes.count <= 6)  // ⌈log2(37)⌉
        let logarithmic = FrontierBisection.narrow(.init(unsafe: 1, safe: 10_000), steps: 8, logarithmic: true) { $0 >= 17 }
        #expect(logarithmic.unsafe < 17 && 17 <= logarithmic.safe)
        #expect(abs(log(logarithmic.safe / logarithmic.unsafe) - log(10_000) / 256) < 1e-12)
        #expect(FrontierBisection.narrow(.init(unsafe: 4, safe: 5), steps: 6, integral: true) { _ in
            Issue.record("adjacent integers need no probe")
            return true
        } == .init(unsafe: 4, safe: 5))
    }

    // MARK: the defence spec and the verdict

    @Test("A defence SPEC uses the sweep syntax; numeric grids are sorted, text grids keep their order")
    func defenceSpec() throws {
        let lin = try FrontierDefence.parse("pools.p.reserve0=lin:300:100:3")
        #expect(lin.values == ["100", "200", "300"] && lin.numbers == [100, 200, 300] && !lin.logarithmic)
        let log = try FrontierDefence.parse("oracles.o.window=log:60:3600:3")
        #expect(log.logarithmic && log.numbers?.count == 3)
        #expect(try FrontierDefence.parse("a.b=0.3,0.1,0.2").values == ["0.1", "0.2", "0.3"])
        let texts = try FrontierDefence.parse("lending_markets.m.assets.ETH.oracle=twap,spot")
        #expect(texts.values == ["twap", "spot"] && texts.numbers == nil)
        for (bad, message) in [("a.b=range:0:1", "explicit values"), ("a.b=0.1,0.10", "appears twice"),
                               ("a.b=lin:0:1", "--defence a.b"), ("novalue", "--defence")] {
            #expect { try FrontierDefence.parse(bad) } throws: { "\($0)".contains(message) }
        }
    }

    @Test("The verdict reads as the threshold, or as safe or unsafe over the whole range")
    func verdictLines() throws {
        let defence = try FrontierDefence.parse("oracles.o.window=60,600,1800")
        #expect(FrontierVerdict.thresholds([.init(unsafe: 600, safe: 1020)]).lines(for: defence)
                == ["safe from oracles.o.window ≥ 1020 (not safe at 600)"])
        #expect(FrontierVerdict.thresholds([.init(unsafe: 0.85, safe: 0.8125)]).lines(for: defence)
                == ["safe from oracles.o.window ≤ 0.8125 (not safe at 0.85)"])
        #expect(FrontierVerdict.safeEverywhere.lines(for: defence) == ["safe everywhere in oracles.o.window ∈ [60, 1800]"])
        #expect(FrontierVerdict.unsafeEverywhere.lines(for: defence) == ["not safe anywhere in oracles.o.window ∈ [60, 1800]"])
        let twoChanges = FrontierVerdict.thresholds([.init(unsafe: 60, safe: 100), .init(unsafe: 1800, safe: 1000)]).lines(for: defence)
        #expect(twoChanges.count == 3 && twoChanges[2].contains("not monotone"))
        #expect(FrontierVerdict.mixed(safe: ["twap"], unsafe: ["spot"]).lines(for: try FrontierDefence.parse("x.oracle=spot,twap"))
                == ["safe at x.oracle = twap; not safe at x.oracle = spot"])
    }

    // MARK: end to end on a shipped scenario

    /// amm-arbitrage for ten minutes: the LPs' P&L as the "attacker's" objective, the pool fee as
    /// the defence, the noise traders' rate as the searched parameter. At a low fee the LPs lose
    /// more to the arbitrageurs than they earn (safe), at higher fees they gain (not safe).
    func frontier(threads: Int, fees: String = "pools.eth_usdc.fee=0.001,0.003,0.03") throws -> Frontier {
        var search = SearchSpec()
        search.objective = "lp_pnl"
        search.grid = 3
        search.starts = 1
        search.parameters = [SearchParameterSpec(keyPath: "agents.noise_traders.rate", min: 1, max: 20, logarithmic: false)]
        var frontier = Frontier(scenarioPath: Self.root + "/scenarios/amm-arbitrage.yaml", overrides: ["duration=10m"],
                                defence: try FrontierDefence.parse(fees), search: search, replications: 3, threads: threads,
                                scenarioSeed: 20261125, options: WorldOptions())
        frontier.bisectionSteps = 3
        frontier.maxIterations = 4
        return frontier
    }

    @Test("frontier.csv has one row per grid value and bisection probe, sorted, byte-identical at 1 and 2 threads")
    func endToEnd() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-frontier-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        var tables: [Data] = []
        var reports: [Frontier.Report] = []
        for threads in [1, 2] {
            let frontier = try frontier(threads: threads)
            var started = 0, finished = 0, rechecked = 0
            let report = try frontier.run { event in
                switch event {
                case .started: started += 1
                case .finished: finished += 1
                case .rechecked: rechecked += 1
                case .rechecking, .evaluated: break
                }
            }
            let manifest = Manifest.started(scenario: try Scenario.load(path: frontier.scenarioPath), path: frontier.scenarioPath,
                                            scenarioSeed: 20261125, seedSource: "test", version: "test", command: ["test"])
            try FrontierOutput.write(report, frontier: frontier, directory: base + "/\(threads)", manifest: manifest)
            tables.append(try Data(contentsOf: URL(fileURLWithPath: base + "/\(threads)/frontier.csv")))
            tables.append(try Data(contentsOf: URL(fileURLWithPath: base + "/\(threads)/evaluations.csv")))
            #expect(started == report.points.count && finished == report.points.count && rechecked == 0)
            #expect(try Manifest.read(from: base + "/\(threads)").status == "complete")
            reports.append(report)
        }
        #expect(tables[0] == tables[2] && tables[1] == tables[3])
        let report = reports[0]
        // The safe grid value 0.001 has been tried with the best points of 0.003 and 0.03 (not safe): here they were on its
        // grid already, so the re-check had nothing to evaluate.
        let (safe, later) = (report.points[0], report.points.filter { $0.stage == .grid && !$0.safe })
        #expect(later.count == 2 && later.allSatisfy { attack in safe.points.contains { $0.parameters == attack.best.parameters } })
        #expect(safe.points.allSatisfy { $0.stage != .recheck })
        let evaluations = String(decoding: tables[1], as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(evaluations.first == "param_pools_eth_usdc_fee,defence_stage,evaluation,stage,start,param_agents_noise_traders_rate,"
                + "replications,objective,mean,ci_low,ci_high,std,p_positive,cost,capital")
        #expect(evaluations.count == 1 + report.points.map(\.evaluations).reduce(0, +))
        let lines = String(decoding: tables[0], as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.first == "param_pools_eth_usdc_fee,stage,best_mean,ci_low,ci_high,cost,capital,p_profit,safe,evaluations,param_agents_noise_traders_rate,max_p_profit")
        #expect(lines.count == report.points.count + 1)
        let grid = report.points.filter { $0.stage == .grid }
        #expect(grid.map(\.value) == ["0.001", "0.003", "0.03"])
        let numbers = report.points.compactMap(\.number)
        #expect(numbers.count == report.points.count && numbers == numbers.sorted())
        for (line, point) in zip(lines.dropFirst(), report.points) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells.count == 12)
            #expect(cells[0] == point.value && cells[1] == point.stage.rawValue)
            #expect(cells[8] == (point.safe ? "true" : "false"))
            #expect(cells[8] == ((Double(cells[4]) ?? 1) <= 0 ? "true" : "false"))
            #expect(Int(cells[9]) == point.evaluations && point.evaluations >= 3)
            // max_p_profit is the largest p_positive among this value's rows of evaluations.csv.
            let shares = evaluations.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
                .filter { String($0[0]) == point.value }.compactMap { Double($0[12]) }
            #expect(shares.count == point.evaluations && Double(cells[11]) == shares.max())
            #expect(Double(cells[11])! >= Double(cells[7])!)
        }
        // The low fee is safe, the high fee is not: one bracket, narrowed by three probes between adjacent grid values.
        #expect(grid.map(\.safe) == [true, false, false])
        guard case .thresholds(let brackets) = report.verdict, let bracket = brackets.first else {
            Issue.record("expected a threshold, got \(report.verdict)")
            return
        }
        #expect(brackets.count == 1 && !bracket.upward)
        #expect(report.points.filter { $0.stage == .bisect }.count == 3)
        #expect(report.points.first { $0.number == bracket.safe }?.safe == true)
        #expect(report.points.first { $0.number == bracket.unsafe }?.safe == false)
        #expect(0.001 <= bracket.safe && bracket.unsafe <= 0.003 && abs(bracket.unsafe - bracket.safe - 0.002 / 8) < 1e-15)
    }

    @Test("Each row is the optimiser's best at that defence value; cost and capital are column means at the best point")
    func rowsMatchTheOptimiser() throws {
        var frontier = try frontier(threads: 2, fees: "pools.eth_usdc.fee=0.003")
        frontier.costColumn = "swap_fees"
        frontier.capitalColumn = "no_such_column"
        let point = try #require(try frontier.run { _ in }.points.first)
        let direct = try frontier.optimizer(at: "0.003").run { _ in }
        #expect(point.best.parameters == direct.best.parameters)
        #expect(point.best.summary == direct.best.summary)
        #expect(point.evaluations == direct.points.count)
        let scenario = try Scenario.load(path: frontier.scenarioPath,
                                         overrides: ["duration=10m", "pools.eth_usdc.fee=0.003"]
                                             + frontier.optimizer(at: "0.003").parameterOverrides(point.best.parameters))
        let metrics = try ReplicationPool.run(scenario: scenario, scenarioSeed: 20261125, replications: 3, threads: 1, options: WorldOptions())
        #expect(point.cost == Descriptive.meanOf(metrics.map(\.swapFees)))
        #expect(point.capital == nil)
        #expect(point.profitShare == Double(point.best.positive) / 3)
    }

    @Test("Bad frontiers are refused before anything runs: minimising, a searched defence, an unknown key or objective")
    func refusals() throws {
        var minimising = try frontier(threads: 1)
        minimising.search.maximize = false
        #expect { try minimising.run { _ in } } throws: { "\($0)".contains("maximises") }
        var searched = try frontier(threads: 1)
        searched.defence = try FrontierDefence.parse("agents.noise_traders.rate=1,2")
        #expect { try searched.run { _ in } } throws: { "\($0)".contains("also a searched parameter") }
        var nothing = try frontier(threads: 1)
        nothing.search.parameters = []
        #expect { try nothing.run { _ in } } throws: { "\($0)".contains("nothing to search") }
        var unknownKey = try frontier(threads: 1)
        unknownKey.defence = try FrontierDefence.parse("pools.eth_usdc.fe=0.1,0.2")
        #expect { try unknownKey.run { _ in } } throws: { error in
            error is InputError && "\(error)" == "<command line>:1:1: --defence pools.eth_usdc.fe: unknown key 'fe'; did you mean 'fee'?"
        }
        var unknownObjective = try frontier(threads: 1)
        unknownObjective.search.objective = "profit"
        var events = 0
        #expect(throws: BatchArgumentError.self) { try unknownObjective.run { _ in events += 1 } }
        #expect(events == 0)
    }

    @Test("A key that takes only integers is bisected on integers; a fractional key is not")
    func integerKeys() throws {
        var counts = try frontier(threads: 1, fees: "agents.noise_traders.count=2,20")
        #expect(counts.bisectsOnIntegers(.init(unsafe: 2, safe: 20)))
        counts.defence = try FrontierDefence.parse("pools.eth_usdc.reserve0=1000,2000")
        #expect(!counts.bisectsOnIntegers(.init(unsafe: 1000, safe: 2000)))
        #expect(!counts.bisectsOnIntegers(.init(unsafe: 1000.5, safe: 2000)))
    }
}
