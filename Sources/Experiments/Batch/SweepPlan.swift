import Foundation
import GSL
import Scenarios

/// The sweep points of a batch: for each point, one value text per swept key path, answered on
/// demand. The points are not laid out: a grid holds its axes' value lists and answers point `i`
/// as the mixed-radix number `i` over their lengths (the first axis slowest), a design holds its
/// sampled values. A grid of 10^7 points costs the memory of its axes, not of its points.
public struct SweepPlan: Sendable, Equatable {
    /// The swept key paths, one per axis, in axis order.
    public let keyPaths: [String]
    /// The number of sweep points.
    public let count: Int
    /// The `key.path=SPEC` texts of the axes and the design the points were laid out from
    /// (manifest.json's `sweep_axes` and `sweep_design`: `merge` lays the points out again).
    public private(set) var axisArguments: [String] = []
    /// How the points are laid out: a grid, or an `lhs`/`sobol` design.
    public private(set) var design = SweepDesign.grid
    /// Where each axis came from (`--sweep` or the scenario), for locating errors.
    public private(set) var axisSources: [SweepSource] = []
    /// Where each value of each axis is in the scenario file, for an axis the scenario lists as
    /// a YAML list (else empty), for locating errors.
    public private(set) var axisItemLocations: [[SourceLocation]] = []
    let layout: Layout

    /// Where the points' values come from.
    enum Layout: Sendable, Equatable {
        /// Each axis's values, and each axis's stride: the product of the later axes' lengths.
        /// Point `i` takes value `(i / stride) % length` of every axis.
        case grid(values: [[String]], strides: [Int])
        /// A design's values, point-major: point `i`'s value of axis `a` at `i × axes + a`.
        case sampled([Double])
    }

    /// A plan with a single point and no swept parameter.
    public static let single = SweepPlan(keyPaths: [], layout: .grid(values: [], strides: []), count: 1)

    private init(keyPaths: [String], layout: Layout, count: Int) {
        self.keyPaths = keyPaths
        self.layout = layout
        self.count = count
    }

    /// Lays out the points of `axes` under `design`. `seed` seeds the Latin hypercube
    /// (stream `sweep-lhs`), so a design is reproducible. Errors name the flag or the scenario
    /// line each axis and the design (from `designSource`) came from.
    ///
    /// - Complexity: O(Σ axis lengths) for a grid; O(COUNT × axes) for a design.
    public init(axes: [SweepAxis], design: SweepDesign, designSource: SweepDesignSource = .commandLine,
                seed: UInt64) throws(BatchArgumentError) {
        keyPaths = axes.map(\.keyPath)
        axisArguments = axes.map(\.argument)
        axisSources = axes.map(\.source)
        axisItemLocations = axes.map(\.itemLocations)
        self.design = design
        // The scenario's keys are unique (its YAML refuses a duplicate key) and `--sweep` replaces one.
        if let twice = axes.indices.first(where: { index in axes[..<index].contains { $0.keyPath == axes[index].keyPath } }) {
            throw Self.located(BatchArgumentError("--sweep: a key path is swept twice"), axis: twice, of: axes)
        }
        switch design {
        case .grid:
            try Self.checkGridSize(axes)
            let values = try axes.indices.map { index throws(BatchArgumentError) -> [String] in
                guard case .list(let values) = axes[index].values else {
                    throw Self.located(Self.rangeInGrid(axes[index], designSource: designSource), axis: index, of: axes)
                }
                return values
            }
            var strides = [Int](repeating: 1, count: values.count)
            for axis in values.indices.dropLast().reversed() { strides[axis] = strides[axis + 1] * values[axis + 1].count }
            layout = .grid(values: values, strides: strides)
            count = values.reduce(1) { $0 * $1.count }
        case .latinHypercube(let count), .sobol(let count):
            layout = .sampled(try Self.sample(axes, design: design, designSource: designSource, count: count, seed: seed))
            self.count = count
        }
    }

    /// The value text of `axis` at point `index`.
    ///
    /// - Complexity: O(1).
    public func value(ofPoint index: Int, axis: Int) -> String {
        precondition(index >= 0 && index < count, "sweep point \(index) is not in 0..<\(count)")
        switch layout {
        case .grid(let values, let strides):
            return values[axis][index / strides[axis] % values[axis].count]
        case .sampled(let values):
            return SweepAxis.text(values[index * keyPaths.count + axis])
        }
    }

    /// The value texts of point `index`, one per axis.
    ///
    /// - Complexity: O(axes).
    public func values(ofPoint index: Int) -> [String] {
        keyPaths.indices.map { value(ofPoint: index, axis: $0) }
    }

    /// The `--set` overrides of point `index`.
    public func overrides(ofPoint index: Int) -> [String] {
        zip(keyPaths, values(ofPoint: index)).map { "\($0)=\($1)" }
    }

    /// The values `axis` takes over the points: a grid axis's list as given, a design's values
    /// in point order (a value may repeat).
    ///
    /// - Complexity: O(the axis's length) for a grid, O(COUNT) for a design.
    public func values(ofAxis axis: Int) -> [String] {
        switch layout {
        case .grid(let values, _): values[axis]
        case .sampled: (0..<count).map { value(ofPoint: $0, axis: axis) }
        }
    }

    /// The values of a design's `count` points over `axes`' ranges, point-major.
    private static func sample(_ axes: [SweepAxis], design: SweepDesign, designSource: SweepDesignSource, count: Int,
                               seed: UInt64) throws(BatchArgumentError) -> [Double] {
        let ranges = try axes.indices.map { index throws(BatchArgumentError) -> (Double, Double, Bool) in
            guard case .range(let low, let high, let logarithmic) = axes[index].values else {
                throw Self.located(Self.listInDesign(axes[index], design: design, designSource: designSource), axis: index, of: axes)
            }
            return (low, high, logarithmic)
        }
        guard !ranges.isEmpty else {
            throw designSource.error(flag: "--design: needs at least one --sweep KEY=range:LOW:HIGH",
                                     scenario: "\(design) needs at least one parameter with range:LOW:HIGH or logrange:LOW:HIGH")
        }
        let unit: [[Double]]
        if case .sobol = design {
            func failure(_ error: Error) -> BatchArgumentError {
                designSource.error(flag: "--design sobol: \(error)", scenario: "sobol: \(error)")
            }
            let sequence: SobolSequence
            do { sequence = try SobolSequence(dimensions: ranges.count) } catch { throw failure(error) }
            unit = try (0..<count).map { _ throws(BatchArgumentError) in
                do { return try sequence.next() } catch { throw failure(error) }
            }
        } else {
            unit = latinHypercube(count: count, dimensions: ranges.count, stream: RandomStream(replicationSeed: seed, name: "sweep-lhs"))
        }
        return unit.flatMap { coordinates in
            zip(coordinates, ranges).map { u, range in
                let (low, high, logarithmic) = range
                return logarithmic ? exp(log(low) + (log(high) - log(low)) * u) : low + (high - low) * u
            }
        }
    }

    /// McKay et al. (1979): each dimension's [0,1) cut into `count` strata, one uniform draw per
    /// stratum, strata permuted independently per dimension (Fisher–Yates).
    static func latinHypercube(count: Int, dimensions: Int, stream: RandomStream) -> [[Double]] {
        var points = [[Double]](repeating: [Double](repeating: 0, count: dimensions), count: count)
        for dimension in 0..<dimensions {
            var strata = Array(0..<count)
            for index in stride(from: count - 1, to: 0, by: -1) {
                strata.swapAt(index, stream.uniformInt(index + 1))
            }
            for (point, stratum) in strata.enumerated() {
                points[point][dimension] = (Double(stratum) + stream.uniform()) / Double(count)
            }
        }
        return points
    }

    /// Refuses a `--set key.path=value` of a key this plan sweeps: the sweep would replace its
    /// value at every point, so the `--set` would be silently ignored. Located as every `--set`
    /// error is, at `<command line>:1:N` for the N-th `--set`.
    /// Key paths are compared key by key (`pools."p".fee` is `pools.p.fee`).
    public func checkOverrides(_ overrides: [String]) throws {
        let swept = Set(keyPaths.map { ScenarioOverride.keys(of: $0) ?? [$0] })
        for (index, override) in ScenarioOverride.set(overrides).enumerated()
        where swept.contains(ScenarioOverride.keys(of: override.keyPath) ?? [String(override.keyPath)]) {
            throw InputError("--set \(override.keyPath): the key is swept, so the sweep's values replace this one at every point; give one of them",
                             at: SourceLocation(file: SourceLocation.commandLine, line: 1, column: index + 1))
        }
    }
}
