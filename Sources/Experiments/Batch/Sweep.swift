import Foundation
import GSL
import Scenarios

/// Bad batch arguments (a sweep spec, a shard, a design): exit code 2. One that comes from the
/// scenario's own `sweep:` section is located there.
public struct BatchArgumentError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, without the location prefix.
    public let message: String
    /// Where in the scenario file, when the error comes from its `sweep:` section.
    public let location: SourceLocation?

    /// An error in a command-line argument.
    public init(_ message: String) {
        self.message = message
        self.location = nil
    }

    /// An error at `location` in a scenario file.
    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    /// The message, prefixed with `file:line:column: ` when located.
    public var description: String { location.map { "\($0): \(message)" } ?? message }

    /// This error located, as `--set` errors are, at `<command line>:1:position` for the
    /// `position`-th (1-based) occurrence of the flag it is about; unchanged when it already has
    /// a location (an error of the scenario's own section).
    public func located(atFlag position: Int) -> BatchArgumentError {
        location != nil ? self : BatchArgumentError(message, at: SourceLocation(file: SourceLocation.commandLine, line: 1, column: position))
    }
}

/// Where a sweep axis came from: `--sweep`, or the scenario's `sweep.parameters`.
public enum SweepSource: Sendable, Equatable {
    case commandLine
    /// The scenario's entry: its key's and its value's locations.
    case scenario(key: SourceLocation, value: SourceLocation)
}

/// One swept parameter: a scenario key path and either explicit values or a range for a
/// space-filling design.
public struct SweepAxis: Sendable, Equatable {
    public enum Values: Sendable, Equatable {
        /// Explicit values, as YAML scalar texts (`a,b,c`, `lin:…`, `log:…` expand to these).
        case list([String])
        /// A range sampled by an `lhs`/`sobol` design; `logarithmic` samples log-uniformly.
        case range(low: Double, high: Double, logarithmic: Bool)
    }

    // Constants: `argument` must stay the text `keyPath` and `values` were parsed from.
    public let keyPath: String
    public let values: Values
    /// The `key.path=SPEC` text it was parsed from (manifest.json's `sweep_axes`).
    public let argument: String
    /// `--sweep` or the scenario's `sweep:` section: where its errors are reported.
    public var source = SweepSource.commandLine
    /// Where each of its values is in the scenario file, when the scenario lists them — a YAML
    /// list's items, or the values of an `a,b,c` scalar the file spells verbatim — else empty: an
    /// error a value causes at a sweep point is located at its item.
    public var itemLocations: [SourceLocation] = []

    /// Parses `key.path=SPEC` where SPEC is `a,b,c`, `lin:START:STOP:COUNT`,
    /// `log:START:STOP:COUNT`, `range:LOW:HIGH` or `logrange:LOW:HIGH`.
    public static func parse(_ argument: String) throws(BatchArgumentError) -> SweepAxis {
        try parse(argument, flag: "--sweep")
    }

    /// ``parse(_:)`` for an argument given with `flag` (`--search`, `--defence`), which its
    /// errors name.
    public static func parse(_ argument: String, flag: String) throws(BatchArgumentError) -> SweepAxis {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
            throw BatchArgumentError("\(flag) '\(argument)': expected key.path=SPEC (SPEC: a,b,c | lin:START:STOP:COUNT | log:START:STOP:COUNT | range:LOW:HIGH | logrange:LOW:HIGH)")
        }
        return try parse(keyPath: String(argument[..<equals]), spec: String(argument[argument.index(after: equals)...]), flag: flag)
    }

    /// Parses one entry of a scenario's `sweep.parameters`; its errors are located there, at the
    /// field or value they are about where the file lets it be told
    /// (``ScenarioSweep/Parameter/specLocator()``), else at the entry's value.
    public static func parse(_ parameter: ScenarioSweep.Parameter) throws(BatchArgumentError) -> SweepAxis {
        try parse(keyPath: parameter.keyPath, spec: parameter.spec,
                  source: .scenario(key: parameter.keyLocation, value: parameter.location),
                  locate: parameter.specLocator())
    }

    /// Parses SPEC for `keyPath`; `locate` tells where the spec's character at an offset (in
    /// Unicode scalars) is in the scenario file, when it can (it locates the errors about a
    /// field and the values of a list, ``itemLocations``).
    static func parse(keyPath: String, spec: String, source: SweepSource = .commandLine, flag: String = "--sweep",
                      locate: (_ offset: Int) -> SourceLocation? = { _ in nil }) throws(BatchArgumentError) -> SweepAxis {
        let argument = "\(keyPath)=\(spec)"
        func failure(_ message: String, at offset: Int = 0) -> BatchArgumentError {
            error(message, keyPath: keyPath, source: source, flag: flag, at: locate(offset))
        }
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        // Where each part starts in the spec.
        let offsets = parts.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.unicodeScalars.count + 1) }
        func number(_ part: Int) throws(BatchArgumentError) -> Double {
            guard let value = Double(parts[part]), value.isFinite else {
                throw failure("'\(parts[part])' is not a finite number", at: offsets[part])
            }
            return value
        }
        switch parts.first {
        case "lin", "log":
            guard parts.count == 4, let count = Int(parts[3]), count >= 1, count <= 1_000_000 else {
                throw failure("expected \(parts[0]):START:STOP:COUNT with COUNT in 1…1000000", at: parts.count == 4 ? offsets[3] : 0)
            }
            let start = try number(1), stop = try number(2)
            if parts[0] == "log", start <= 0 || stop <= 0 {
                throw failure("log spacing needs START and STOP > 0", at: offsets[start <= 0 ? 1 : 2])
            }
            let values = (0..<count).map { index -> Double in
                if index == count - 1, count > 1 { return stop }
                let fraction = count == 1 ? 0 : Double(index) / Double(count - 1)
                return parts[0] == "lin" ? start + (stop - start) * fraction : start * pow(stop / start, fraction)
            }
            return SweepAxis(keyPath: keyPath, values: .list(values.map(Self.text)), argument: argument, source: source)
        case "range", "logrange":
            guard parts.count == 3 else { throw failure("expected \(parts[0]):LOW:HIGH") }
            let low = try number(1), high = try number(2)
            guard low < high else { throw failure("LOW must be below HIGH", at: offsets[1]) }
            if parts[0] == "logrange", low <= 0 { throw failure("logrange needs LOW > 0", at: offsets[1]) }
            return SweepAxis(keyPath: keyPath, values: .range(low: low, high: high, logarithmic: parts[0] == "logrange"),
                             argument: argument, source: source)
        default:
            let pieces = spec.split(separator: ",", omittingEmptySubsequences: false)
            let values = pieces.map { String($0).trimmingCharacters(in: .whitespaces) }
            // Where each value starts in the spec: its piece's start, after the spaces trimmed.
            let valueOffsets = pieces.reduce(into: (offsets: [Int](), next: 0)) { result, piece in
                result.offsets.append(result.next + piece.unicodeScalars.prefix { CharacterSet.whitespaces.contains($0) }.count)
                result.next += piece.unicodeScalars.count + 1
            }.offsets
            if let empty = values.firstIndex(where: \.isEmpty) { throw failure("empty value in '\(spec)'", at: valueOffsets[empty]) }
            var axis = SweepAxis(keyPath: keyPath, values: .list(values), argument: argument, source: source)
            let located = valueOffsets.compactMap(locate)
            if located.count == values.count { axis.itemLocations = located }
            return axis
        }
    }

    /// An error about this axis: `--sweep KEY: …`, or `sweep.parameters.KEY: …` located at the
    /// scenario's value.
    func error(_ message: String) -> BatchArgumentError {
        Self.error(message, keyPath: keyPath, source: source)
    }

    /// An error about an axis, located in the scenario at `location` (the field or value it is
    /// about) or else at the entry's value.
    static func error(_ message: String, keyPath: String, source: SweepSource, flag: String = "--sweep",
                      at location: SourceLocation? = nil) -> BatchArgumentError {
        switch source {
        case .commandLine: BatchArgumentError("\(flag) \(keyPath): \(message)")
        case .scenario(_, let value): BatchArgumentError("sweep.parameters.\(keyPath): \(message)", at: location ?? value)
        }
    }

    /// The shortest text of a double, as a YAML scalar.
    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}

/// How sweep points are laid out.
public enum SweepDesign: Sendable, Equatable, CustomStringConvertible {
    /// The Cartesian product of explicit values (the first axis varies slowest).
    case grid
    /// Latin hypercube of `count` points over the axes' ranges.
    case latinHypercube(count: Int)
    /// The first `count` points of a Sobol sequence over the axes' ranges.
    case sobol(count: Int)

    /// Parses `grid`, `lhs:COUNT` or `sobol:COUNT` (given by `source`: where its errors are reported).
    public static func parse(_ text: String, source: SweepDesignSource = .commandLine) throws(BatchArgumentError) -> SweepDesign {
        if text == "grid" { return .grid }
        let parts = text.split(separator: ":").map(String.init)
        let malformed = source.error(flag: "--design '\(text)': expected grid, lhs:COUNT or sobol:COUNT",
                                     scenario: "'\(text)': expected grid, lhs:COUNT or sobol:COUNT")
        guard parts.count == 2, let count = Int(parts[1]), count >= 1, count <= 1_000_000 else { throw malformed }
        switch parts[0] {
        case "lhs": return .latinHypercube(count: count)
        case "sobol": return .sobol(count: count)
        default: throw malformed
        }
    }

    /// `grid`, `lhs:COUNT` or `sobol:COUNT`, as ``parse(_:)`` reads it.
    public var description: String {
        switch self {
        case .grid: "grid"
        case .latinHypercube(let count): "lhs:\(count)"
        case .sobol(let count): "sobol:\(count)"
        }
    }
}

/// Where a sweep's design came from.
public enum SweepDesignSource: Sendable, Equatable {
    /// None given: a grid.
    case byDefault
    /// `--design`.
    case commandLine
    /// The scenario's `sweep.design`, at this location.
    case scenario(SourceLocation)

    /// An error about the design: `flag` for `--design` (located at `<command line>:1:1`) or
    /// none, `sweep.design: scenario` located in the scenario.
    func error(flag: String, scenario: String) -> BatchArgumentError {
        switch self {
        case .byDefault: BatchArgumentError(flag)
        case .commandLine: BatchArgumentError(flag).located(atFlag: 1)
        case .scenario(let location): BatchArgumentError("sweep.design: \(scenario)", at: location)
        }
    }
}
