import Foundation
import GSL
import Scenarios

/// manifest.json of an output folder (DESIGN.md §5; fields in docs/output-format.md).
public struct Manifest: Codable, Sendable {
    public struct ScenarioInfo: Codable, Sendable {
        public var path: String
        public var name: String
        /// SHA-256 of the scenario file's bytes.
        public var sha256: String
        /// The scenario with every default filled in and every override applied (YAML).
        public var resolved: String
        /// SHA-256 of the borrower snapshot's bytes (`agents.borrowers.snapshot`), when there is one.
        public var snapshotSHA256: String?
        /// SHA-256 of the scenario as run (``Scenario/resolvedSHA256(resolved:)``): `--resume`
        /// and `merge` refuse a folder whose scenario resolves otherwise. Absent from the folders
        /// of an older advsim.
        public var resolvedSHA256: String?

        enum CodingKeys: String, CodingKey {
            case path, name, sha256, resolved
            case snapshotSHA256 = "snapshot_sha256"
            case resolvedSHA256 = "resolved_sha256"
        }

        /// Whether `other` records the scenario as run that this records: the same
        /// `resolved_sha256`; when either lacks it (an older advsim's folder), the same
        /// `snapshot_sha256` (the scenario file's hash is compared apart).
        func resolvesAlike(_ other: ScenarioInfo) -> Bool {
            guard let mine = resolvedSHA256, let theirs = other.resolvedSHA256 else { return snapshotSHA256 == other.snapshotSHA256 }
            return mine == theirs
        }
    }

    public struct Seeds: Codable, Sendable {
        /// The scenario seed (given with --seed, or from the scenario, or chosen).
        public var scenario: UInt64
        /// How it was obtained: `command-line`, `scenario` or `chosen`.
        public var source: String
        /// The seed of replication 0 (= mix(scenario seed, 0)); the others follow the same rule.
        public var firstReplication: UInt64

        enum CodingKeys: String, CodingKey {
            case scenario, source
            case firstReplication = "first_replication"
        }
    }

    public var tool = "advsim"
    public var version: String
    /// The GNU build ID of the advsim executable that wrote the folder (``BuildIdentity``): two
    /// builds of one version can compute differently. Absent when the executable has none, in
    /// folders of an older advsim, and in a merge of shards written by different builds.
    public var buildID: String?
    public var command: [String]
    public var scenario: ScenarioInfo
    public var numeraire: String
    public var seeds: Seeds
    public var replications: Int
    public var sweep: [String]
    /// Number of sweep points (batches).
    public var sweepPoints: Int?
    /// SHA-256 of the sweep points' values (batches): resume and merge check it.
    public var planSHA256: String?
    /// The swept axes as given, `key.path=SPEC` each (batches): with `sweepDesign` and the
    /// scenario seed, `merge` lays the sweep points out again to check each row's `param_` cells.
    public var sweepAxes: [String]?
    /// The sweep design, `grid`, `lhs:COUNT` or `sobol:COUNT` (batches).
    public var sweepDesign: String?
    public var shard: String?
    public var startedAt: String
    public var finishedAt: String?
    /// `complete` or `partial`.
    public var status: String

    enum CodingKeys: String, CodingKey {
        case tool, version, command, scenario, numeraire, seeds, replications, sweep, shard, status
        case buildID = "build_id"
        case sweepPoints = "sweep_points"
        case planSHA256 = "plan_sha256"
        case sweepAxes = "sweep_axes"
        case sweepDesign = "sweep_design"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }

    /// The manifest of a run or batch that starts now (status `partial`, one replication, no
    /// sweep or shard; batches set those): the scenario file's hash, its resolved form and that
    /// form's hash, the seeds.
    public static func started(scenario: Scenario, path: String, scenarioSeed: UInt64, seedSource: String,
                               version: String, command: [String]) -> Manifest {
        let bytes = FileManager.default.contents(atPath: path) ?? Data()
        let resolved = scenario.resolvedYAML()
        return Manifest(
            version: version, buildID: BuildIdentity.current, command: command,
            scenario: .init(path: path, name: scenario.name, sha256: SHA256.hex(bytes), resolved: resolved,
                            snapshotSHA256: scenario.borrowerSnapshotPath
                                .flatMap { FileManager.default.contents(atPath: $0) }.map { SHA256.hex($0) },
                            resolvedSHA256: scenario.resolvedSHA256(resolved: resolved)),
            numeraire: scenario.numeraire,
            seeds: .init(scenario: scenarioSeed, source: seedSource,
                         firstReplication: SeedDerivation.replicationSeed(scenarioSeed: scenarioSeed, replication: 0)),
            replications: 1, sweep: [], sweepPoints: nil, planSHA256: nil, sweepAxes: nil, sweepDesign: nil, shard: nil,
            startedAt: timestamp(), finishedAt: nil, status: "partial")
    }

    /// Reads manifest.json from `directory`.
    ///
    /// - Throws: ``OutputError`` (`path:1:1: problem`) when it is missing or does not decode.
    public static func read(from directory: String) throws -> Manifest {
        try read(from: directory) { problem, path in OutputError("\(path):1:1: \(problem)") }
    }

    /// Reads manifest.json from `directory`; `failure(problem, path)` is the error when it is
    /// missing or does not decode (`--resume` throws a ``ResumeError``).
    static func read<Failure: Error>(from directory: String, failure: (String, String) -> Failure) throws(Failure) -> Manifest {
        let path = directory + "/manifest.json"
        guard let data = FileManager.default.contents(atPath: path) else { throw failure("missing or cannot be read", path) }
        do {
            return try JSONDecoder().decode(Manifest.self, from: data)
        } catch {
            throw failure("not an advsim manifest: \(decodingFailure(error))", path)
        }
    }

    /// Why decoding a manifest failed, in one line, without the decoder's internal dump.
    private static func decodingFailure(_ error: any Error) -> String {
        func keyPath(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the top level" : "'" + path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") + "'"
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context):
            return "key \(keyPath(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(keyPath(context.codingPath)) has the wrong type"
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return "\(keyPath(context.codingPath)) has an invalid value"
        default:
            return "not valid JSON"
        }
    }

    /// Pretty, key-sorted JSON.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Writes manifest.json into `directory` atomically.
    public func write(to directory: String) throws {
        try OutputFile.create(directory + "/manifest.json", contents: try json())
    }

    /// An ISO-8601 UTC timestamp of `date`.
    // NOTE: formatted from the UTC calendar fields, not by `ISO8601DateFormatter`, whose first
    // use cost ≈ 3.4 M instructions (≈ 0.3 ms) of every run and batch (callgrind).
    public static func timestamp(_ date: Date = Date()) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var fields = tm()
        gmtime_r(&seconds, &fields)
        func twoDigits(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(fields.tm_year + 1900)-\(twoDigits(fields.tm_mon + 1))-\(twoDigits(fields.tm_mday))T"
            + "\(twoDigits(fields.tm_hour)):\(twoDigits(fields.tm_min)):\(twoDigits(fields.tm_sec))Z"
    }
}
