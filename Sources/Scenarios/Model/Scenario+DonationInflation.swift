/// `strategy: donation-inflation` (Cream Finance v1, 27 Oct 2021): two own accounts build a
/// vault-share collateral claim larger than the vault's supply, a donation to the vault inflates
/// its price per share, and the attacker borrows everything.
public struct DonationInflationSpec: Sendable {
    /// A `vaults` id (`vault`); its share asset `V-<vault>` must be listed in `market`, as
    /// collateral and borrowable.
    public var vault: String
    /// Lending-market id (`market`).
    public var market: String
    /// The asset the second wallet posts for its share debt (`collateral_asset`), listed in
    /// `market` as collateral.
    public var collateralAsset: String
    /// Whole tokens of `collateralAsset` posted (`collateral`, exact decimal text, > 0).
    public var collateral: String
    /// Whole tokens of the underlying deposited into the vault (`deposit`, exact decimal text, > 0).
    public var deposit: String
    /// Borrow-and-repost rounds (`loops`, 0…100, default 0).
    public var loops: Int
    /// Whole tokens of the underlying donated to the vault (`donation`, exact decimal text).
    public var donation: String
    /// Assets borrowed at the end, in order (`borrow`, listed in `market`, not the share).
    public var borrow: [String]
    /// Flash-loan providers by asset (`flash_loans: {SYMBOL: provider}`), for the underlying
    /// and the collateral asset; an asset without one is paid from own capital.
    public var flashLoans: [(asset: String, provider: String)]
}

extension DonationInflationSpec {
    /// The keys this strategy reads, besides the attacker's common ones.
    static let keys: Set<String> = ["vault", "market", "collateral_asset", "collateral", "deposit", "loops", "donation", "borrow", "flash_loans"]

    init(_ map: InputMapping, scenario: Scenario, references: References) throws {
        let vaultNode = try map.required("vault")
        let vaultID = try vaultNode.string()
        guard let vaultSpec = scenario.vaults.first(where: { $0.id == vaultID }) else {
            throw InputError("\(vaultNode.path): unknown vault '\(vaultID)'\(Suggestion.didYouMean(vaultID, in: scenario.vaults.map(\.id)))",
                             at: vaultNode.location)
        }
        vault = vaultID
        let marketSpec = try AttackerSpec.lendingMarket(map, scenario: scenario)
        market = marketSpec.id
        let share = "V-\(vaultID)"
        guard let listed = marketSpec.assets.first(where: { $0.symbol == share }), listed.collateralFactor > 0, listed.borrowable else {
            throw InputError("\(vaultNode.path): market \(market) must list \(share) as collateral (collateral_factor > 0) and borrowable",
                             at: vaultNode.location)
        }
        collateralAsset = try AttackerSpec.listedAsset(map, "collateral_asset", in: marketSpec)
        let collateralSymbol = collateralAsset
        guard collateralAsset != share, marketSpec.assets.first(where: { $0.symbol == collateralSymbol })!.collateralFactor > 0 else {
            let node = try map.required("collateral_asset")
            throw InputError("\(node.path): \(collateralAsset) must be collateral in \(market) (collateral_factor > 0) and not the vault's share",
                             at: node.location)
        }
        let underlying = vaultSpec.underlying
        collateral = try PoolSpec.positiveAmountText(map.required("collateral"), decimals: references.decimals[collateralAsset] ?? 18)
        deposit = try PoolSpec.positiveAmountText(map.required("deposit"), decimals: references.decimals[underlying] ?? 18)
        donation = try PoolSpec.amountText(map.required("donation"), decimals: references.decimals[underlying] ?? 18)
        loops = try map.optional("loops")?.int(in: 0...100) ?? 0
        let borrowNode = try map.required("borrow")
        borrow = try borrowNode.sequence().map { node in
            let symbol = try node.string()
            guard symbol != share else {
                throw InputError("\(node.path): \(share) is the collateral the attack builds, not an asset to borrow", at: node.location)
            }
            guard marketSpec.assets.contains(where: { $0.symbol == symbol }) else {
                throw InputError("\(node.path): \(symbol) is not listed in market \(marketSpec.id)"
                                 + Suggestion.didYouMean(symbol, in: marketSpec.assets.map(\.symbol)), at: node.location)
            }
            return symbol
        }
        guard !borrow.isEmpty else { throw InputError("\(borrowNode.path): at least one asset to borrow", at: borrowNode.location) }
        flashLoans = try map.optional("flash_loans")?.mappingEntries().map { entry in
            guard entry.key == underlying || entry.key == collateralSymbol else {
                throw InputError("\(entry.value.path): only the vault's underlying \(underlying) and the collateral \(collateralSymbol) are flash-borrowed",
                                 at: entry.keyLocation)
            }
            let id = try entry.value.string()
            guard let provider = scenario.flashLoans.first(where: { $0.id == id }) else {
                throw InputError("\(entry.value.path): unknown flash-loan provider '\(id)'\(Suggestion.didYouMean(id, in: scenario.flashLoans.map(\.id)))",
                                 at: entry.value.location)
            }
            guard provider.tokens.contains(where: { $0.symbol == entry.key }) else {
                throw InputError("\(entry.value.path): \(id) does not lend \(entry.key)", at: entry.value.location)
            }
            return (entry.key, id)
        } ?? []
    }

    /// The strategy's lines of ``Scenario/resolvedYAML()``.
    func renderedLines() -> [String] {
        var lines = ["    vault: \(vault)", "    market: \(market)", "    collateral_asset: \(collateralAsset)", "    collateral: \(collateral)",
                     "    deposit: \(deposit)", "    loops: \(loops)", "    donation: \(donation)",
                     "    borrow: [\(borrow.joined(separator: ", "))]"]
        if !flashLoans.isEmpty {
            lines.append("    flash_loans: {\(flashLoans.map { "\($0.asset): \($0.provider)" }.joined(separator: ", "))}")
        }
        return lines
    }
}
