/// The defence parameter a frontier varies: a scenario key path and its grid of values, from
/// the sweep SPEC syntax of ``SweepAxis/parse(_:)`` — `a,b,c`, `lin:START:STOP:COUNT` or
/// `log:START:STOP:COUNT` (a frontier needs explicit values, so `range:`/`logrange:` are refused).
public struct FrontierDefence: Sendable, Equatable {
    /// The scenario key path, e.g. `pools.eth_usdc.reserve0`.
    public var keyPath: String
    /// The grid values as YAML scalar texts: ascending when every value is a number, else in
    /// the order given.
    public var values: [String]
    /// The grid values as numbers, in `values` order, when every value is a finite number
    /// (nil for texts such as `spot,twap`); only a numeric grid is bisected.
    public var numbers: [Double]?
    /// The SPEC was `log:…`: bisection probes geometric midpoints.
    public var logarithmic: Bool

    public init(keyPath: String, values: [String], logarithmic: Bool = false) {
        let numbers = values.map { Double($0) }
        self.keyPath = keyPath
        self.logarithmic = logarithmic
        if numbers.allSatisfy({ $0?.isFinite == true }) {
            let sorted = zip(values, numbers.map { $0! }).sorted { $0.1 < $1.1 }
            self.values = sorted.map(\.0)
            self.numbers = sorted.map(\.1)
        } else {
            self.values = values
            self.numbers = nil
        }
    }

    /// Parses `--defence key.path=SPEC`.
    ///
    /// - Throws: ``BatchArgumentError`` for a malformed SPEC, a range without a count, or a
    ///   value given twice, located at `<command line>:1:1` as `--set` errors are.
    public static func parse(_ argument: String) throws(BatchArgumentError) -> FrontierDefence {
        do {
            return try parseUnlocated(argument)
        } catch {
            throw error.located(atFlag: 1)
        }
    }

    /// ``parse(_:)`` before its errors are located.
    private static func parseUnlocated(_ argument: String) throws(BatchArgumentError) -> FrontierDefence {
        let axis = try SweepAxis.parse(argument, flag: "--defence")
        guard case .list(let values) = axis.values else {
            throw BatchArgumentError("--defence \(axis.keyPath): a frontier needs explicit values: a,b,c | lin:START:STOP:COUNT | log:START:STOP:COUNT")
        }
        let defence = FrontierDefence(keyPath: axis.keyPath, values: values,
                                      logarithmic: argument[argument.index(after: argument.firstIndex(of: "=")!)...].hasPrefix("log:"))
        let distinct = defence.numbers.map { Set($0).count } ?? Set(values).count
        guard distinct == values.count else {
            throw BatchArgumentError("--defence \(axis.keyPath): a value appears twice in '\(values.joined(separator: ","))'")
        }
        return defence
    }

    /// The `key.path=value` override that sets the defence to `value`.
    public func override(_ value: String) -> String { "\(keyPath)=\(value)" }
}
