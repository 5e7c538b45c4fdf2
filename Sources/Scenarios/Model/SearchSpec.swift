/// The scenario's search for `advsim optimize` (`search:`): which parameters to search, within
/// which bounds, for the best value of which runs.csv metric. `run` and `batch` ignore it.
public struct SearchSpec: Sendable, Equatable {
    /// The runs.csv column whose mean over the replications is optimised.
    public var objective: String = "attack_net_profit"
    /// Where `objective` was written (the scenario's `search.objective`, or the `--set` that set
    /// it), for the error when it names no runs.csv column; nil for the default or `--objective`.
    /// Not part of equality, as ``SearchParameterSpec/origin`` is not.
    public var objectiveLocation: SourceLocation?
    /// `maximize` (default) or minimise the objective.
    public var maximize = true
    /// Grid points per parameter in the coarse stage (≥ 2).
    public var grid = 5
    /// Simplex restarts from the best grid points (≥ 1).
    public var starts = 3
    /// The searched parameters, in file order.
    public var parameters: [SearchParameterSpec] = []

    /// The defaults, with no parameter yet.
    public init() {}

    public static func == (lhs: SearchSpec, rhs: SearchSpec) -> Bool {
        lhs.objective == rhs.objective && lhs.maximize == rhs.maximize && lhs.grid == rhs.grid && lhs.starts == rhs.starts
            && lhs.parameters == rhs.parameters
    }
}

/// One searched parameter: a scenario key path and its bounds.
public struct SearchParameterSpec: Sendable, Equatable {
    /// E.g. `agents.attacker.flash_loan`.
    public var keyPath: String
    public var min: Double
    public var max: Double
    /// Searched on a logarithmic scale (`scale: log`; bounds > 0).
    public var logarithmic: Bool
    /// Where an error its values cause is reported: the scenario's `search.parameters` entry or
    /// the `--search` flag. Not part of equality: two specs that search the same range are equal
    /// wherever they were written.
    public var origin: ScenarioOverride.Origin

    public init(keyPath: String, min: Double, max: Double, logarithmic: Bool, origin: ScenarioOverride.Origin = .set) {
        self.keyPath = keyPath
        self.min = min
        self.max = max
        self.logarithmic = logarithmic
        self.origin = origin
    }

    public static func == (lhs: SearchParameterSpec, rhs: SearchParameterSpec) -> Bool {
        lhs.keyPath == rhs.keyPath && lhs.min == rhs.min && lhs.max == rhs.max && lhs.logarithmic == rhs.logarithmic
    }
}

extension SearchSpec {
    /// Decodes `search: {objective, goal, grid, starts, parameters: {key.path: {min, max, scale}}}`.
    init(node: InputNode) throws {
        let map = try node.mapping(allowedKeys: ["objective", "goal", "grid", "starts", "parameters"])
        if let objective = map.optional("objective") {
            self.objective = try objective.string()
            objectiveLocation = objective.location
            guard !self.objective.isEmpty else { throw InputError("\(objective.path): expected a runs.csv column name", at: objective.location) }
        }
        if let goal = map.optional("goal") {
            switch try goal.string() {
            case "maximize": maximize = true
            case "minimize": maximize = false
            case let other: throw InputError("\(goal.path): expected maximize or minimize, got '\(other)'", at: goal.location)
            }
        }
        grid = try map.optional("grid")?.int(in: 2...101) ?? grid
        starts = try map.optional("starts")?.int(in: 1...100) ?? starts
        parameters = try map.required("parameters").mappingEntries().map { entry in
            let bounds = try entry.value.mapping(allowedKeys: ["min", "max", "scale"])
            let low = try bounds.required("min").double(), high = try bounds.required("max").double()
            var logarithmic = false
            if let scale = bounds.optional("scale") {
                switch try scale.string() {
                case "linear": logarithmic = false
                case "log": logarithmic = true
                case let other: throw InputError("\(scale.path): expected linear or log, got '\(other)'", at: scale.location)
                }
            }
            guard low < high else { throw InputError("\(entry.value.path): min must be below max", at: entry.value.location) }
            guard !logarithmic || low > 0 else {
                throw InputError("\(entry.value.path): a log scale needs min > 0", at: entry.value.location)
            }
            return SearchParameterSpec(keyPath: entry.key, min: low, max: high, logarithmic: logarithmic,
                                       origin: .scenario(label: "search.parameters.\(entry.key)", location: entry.keyLocation))
        }
        guard !parameters.isEmpty else { throw InputError("search.parameters: name at least one parameter", at: node.location) }
        guard parameters.count <= 8 else {
            throw InputError("search.parameters: at most 8 parameters (the coarse grid has grid^parameters points)", at: node.location)
        }
    }

    /// The `search:` section as YAML lines (for `resolvedYAML`).
    func renderedLines() -> [String] {
        var lines = ["search:", "  objective: \(Scenario.quote(objective))", "  goal: \(maximize ? "maximize" : "minimize")",
                     "  grid: \(grid)", "  starts: \(starts)", "  parameters:"]
        for parameter in parameters {
            lines.append("    \(parameter.keyPath): {min: \(parameter.min), max: \(parameter.max), scale: \(parameter.logarithmic ? "log" : "linear")}")
        }
        return lines
    }
}
