import Foundation
import GSL
import Scenarios
import Testing
@testable import Experiments

/// The layout `SweepPlan` made before it answered points on demand — every point's values in one
/// array, as written then — kept as the reference its answers and the manifest's plan hash must equal.
enum EagerSweepLayout {
    static func points(_ axes: [SweepAxis], design: SweepDesign, seed: UInt64) throws -> [[String]] {
        switch design {
        case .grid:
            var points: [[String]] = [[]]
            for axis in axes {
                guard case .list(let values) = axis.values else { throw BatchArgumentError("a range in a grid") }
                points = points.flatMap { prefix in values.map { prefix + [$0] } }
            }
            return points
        case .latinHypercube(let count), .sobol(let count):
            let ranges = axes.map { axis -> (Double, Double, Bool) in
                guard case .range(let low, let high, let logarithmic) = axis.values else { fatalError("a list in a design") }
                return (low, high, logarithmic)
            }
            let unit: [[Double]]
            if case .sobol = design {
                let sequence = try SobolSequence(dimensions: ranges.count)
                unit = try (0..<count).map { _ in try sequence.next() }
            } else {
                unit = SweepPlan.latinHypercube(count: count, dimensions: ranges.count,
                                                stream: RandomStream(replicationSeed: seed, name: "sweep-lhs"))
            }
            return unit.map { coordinates in
                zip(coordinates, ranges).map { u, range in
                    let (low, high, logarithmic) = range
                    let value = logarithmic ? exp(log(low) + (log(high) - log(low)) * u) : low + (high - low) * u
                    return SweepAxis.text(value)
                }
            }
        }
    }

    /// manifest.json's `plan_sha256` as it was computed: the whole plan's text joined in memory.
    static func planSHA256(keyPaths: [String], points: [[String]], overrides: [String]) -> String {
        let planText = keyPaths.joined(separator: "\u{1F}") + "\n" + points.map { $0.joined(separator: "\u{1F}") }.joined(separator: "\n")
        return SHA256.hex(Array((planText + "|" + overrides.joined(separator: "\u{1F}")).utf8))
    }
}

@Suite("Sweep plans answer points on demand")
struct SweepPlanTests {
    /// The designs compared with the eager layout: (label, axes, design, seed).
    static let designs: [(String, [String], SweepDesign, UInt64)] = [
        ("grid of three axes", ["a=1,2,3", "b=lin:0:1:4", "c=x,y"], .grid, 0),
        ("grid of one axis", ["a=log:1:1000:7"], .grid, 0),
        ("Latin hypercube", ["a=range:0:10", "b=logrange:1:100", "c=range:-5:5"], .latinHypercube(count: 37), 11),
        ("Latin hypercube, another seed", ["a=range:0:10", "b=logrange:1:100"], .latinHypercube(count: 10), 12),
        ("Sobol", ["a=range:0:8", "b=logrange:0.001:1", "c=range:100:200"], .sobol(count: 64), 0),
    ]

    @Test("Point values by index equal the eager layout's, for grids, Latin hypercubes and Sobol designs",
          arguments: designs.map(\.0))
    func equalsEagerLayout(label: String) throws {
        let (_, arguments, design, seed) = try #require(Self.designs.first { $0.0 == label })
        let axes = try arguments.map(SweepAxis.parse)
        let plan = try SweepPlan(axes: axes, design: design, seed: seed)
        let eager = try EagerSweepLayout.points(axes, design: design, seed: seed)
        #expect(plan.count == eager.count)
        for (index, point) in eager.enumerated() {
            #expect(plan.values(ofPoint: index) == point, "\(label): point \(index)")
            #expect(plan.overrides(ofPoint: index) == zip(plan.keyPaths, point).map { "\($0)=\($1)" })
        }
        for axis in axes.indices where design != .grid {
            #expect(plan.values(ofAxis: axis) == eager.map { $0[axis] })
        }
    }

    @Test("manifest.json's plan hash, streamed, equals the hash of the whole plan text", arguments: designs.map(\.0))
    func planHash(label: String) throws {
        let (_, arguments, design, seed) = try #require(Self.designs.first { $0.0 == label })
        let axes = try arguments.map(SweepAxis.parse)
        let plan = try SweepPlan(axes: axes, design: design, seed: seed)
        for overrides in [[], ["seed=4"], ["seed=4", "duration=1h"]] {
            let spec = BatchSpec(scenarioPath: "x.yaml", overrides: overrides, plan: plan, replications: 1, scenarioSeed: seed,
                                 shard: .whole, options: WorldOptions())
            let expected = EagerSweepLayout.planSHA256(keyPaths: plan.keyPaths, points: try EagerSweepLayout.points(axes, design: design, seed: seed),
                                                       overrides: overrides)
            #expect(spec.planSHA256 == expected, "\(label), overrides \(overrides)")
        }
    }

    @Test("The plan hash of a batch without a sweep, and of a grid longer than one 64 KiB piece, is unchanged")
    func planHashEdges() throws {
        let single = BatchSpec(scenarioPath: "x.yaml", overrides: ["seed=2"], plan: .single, replications: 3, scenarioSeed: 1,
                               shard: .whole, options: WorldOptions())
        #expect(single.planSHA256 == EagerSweepLayout.planSHA256(keyPaths: [], points: [[]], overrides: ["seed=2"]))
        let axes = try ["a=lin:0:1:300", "b=lin:1:3:70"].map(SweepAxis.parse)
        let plan = try SweepPlan(axes: axes, design: .grid, seed: 0)
        let spec = BatchSpec(scenarioPath: "x.yaml", overrides: [], plan: plan, replications: 1, scenarioSeed: 1,
                             shard: .whole, options: WorldOptions())
        #expect(spec.planSHA256 == EagerSweepLayout.planSHA256(keyPaths: plan.keyPaths, points: try EagerSweepLayout.points(axes, design: .grid, seed: 0),
                                                               overrides: []))
    }

    @Test("A SHA-256 given its message in pieces equals the digest of the whole, whatever the cut")
    func hasherPieces() {
        let message = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for cuts in [[0], [1], [63], [64], [65], [1, 2, 3], [55, 56, 57], [127, 500, 999], [1_000]] {
            var hasher = SHA256.Hasher()
            var start = 0
            for cut in cuts + [message.count] {
                hasher.update(Array(message[start..<cut]))
                start = cut
            }
            #expect(hasher.finalize() == SHA256.digest(message), "cuts \(cuts)")
        }
    }

    @Test("A grid of 10^7 points is not laid out: it answers its first, a middle and its last point")
    func tenMillionPoints() throws {
        let axes = try ["agents.arbitrageurs.min_profit=lin:0:10:10000", "agents.arbitrageurs.priority_fee=lin:1:3:1000"]
            .map(SweepAxis.parse)
        let plan = try SweepPlan(axes: axes, design: .grid, seed: 1)
        #expect(plan.count == 10_000_000)
        guard case .list(let first) = axes[0].values, case .list(let second) = axes[1].values else {
            Issue.record("lin: did not expand to a list")
            return
        }
        #expect(plan.values(ofPoint: 0) == ["0", "1"])
        #expect(plan.values(ofPoint: 1_234_567) == [first[1_234], second[567]])
        #expect(plan.values(ofPoint: 9_999_999) == ["10", "3"])
        #expect(plan.overrides(ofPoint: 9_999_999) == ["agents.arbitrageurs.min_profit=10", "agents.arbitrageurs.priority_fee=3"])
        #expect(plan.values(ofAxis: 1) == second)
    }

    @Test("A grid beyond 10^7 points is still refused")
    func tooLarge() throws {
        let axes = try ["a=lin:0:1:10000", "b=lin:0:1:1001"].map(SweepAxis.parse)
        #expect(throws: BatchArgumentError.self) { try SweepPlan(axes: axes, design: .grid, seed: 1) }
    }
}
