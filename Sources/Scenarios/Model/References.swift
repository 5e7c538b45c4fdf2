/// The ids a scenario declares, for checking references between sections.
struct References: Sendable {
    var assets: Set<String>
    var pools: Set<String>
    /// Decimals per asset symbol.
    var decimals: [String: Int] = [:]
    /// The `x` asset of each declared reserve, by reserve id.
    var reserves: [String: String] = [:]
    /// The coins of each declared stable pool, by id.
    var stablePools: [String: [String]] = [:]
    /// The underlying of each declared vault, by id.
    var vaults: [String: String] = [:]

    /// Checks that the scalar `node` names a declared asset.
    func asset(_ node: InputNode) throws -> String {
        try asset(try node.string(), at: node.location, path: node.path)
    }

    /// Checks that `symbol` (found at `location`, key path `path`) names a declared asset.
    func asset(_ symbol: String, at location: SourceLocation, path: String) throws -> String {
        guard assets.contains(symbol) else {
            throw InputError("\(path): unknown asset '\(symbol)'\(Suggestion.didYouMean(symbol, in: assets))", at: location)
        }
        return symbol
    }

    /// Checks that the scalar `node` names a declared pool.
    func pool(_ node: InputNode) throws -> String {
        let id = try node.string()
        guard pools.contains(id) else {
            throw InputError("\(node.path): unknown pool '\(id)'\(Suggestion.didYouMean(id, in: pools))", at: node.location)
        }
        return id
    }
}
