extension PoolSpec {
    /// The symbol of pool `id`'s LP share token, as the protocol names it (`LP-<pool id>`); a
    /// lending market may list it as collateral.
    public static func shareSymbol(_ id: String) -> String { "LP-" + id }

    /// Whether `symbol` names an LP share token rather than a scenario asset.
    public static func isShareSymbol(_ symbol: String) -> Bool { symbol.hasPrefix("LP-") }
}
