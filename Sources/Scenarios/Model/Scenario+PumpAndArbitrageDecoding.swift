extension PumpAndArbitrageSpec {
    /// The keys this strategy reads, besides the attacker's common ones.
    static let keys: Set<String> = ["market", "collateral", "borrow", "margin_venue", "pool", "collateral_amount", "margin",
                                    "borrow_amount", "flash_loan", "unwind_after", "unwind_slippage"]

    /// Decodes the strategy's keys of `agents.attacker`, checking every reference: the collateral
    /// and borrowed assets are listed in the market and are the margin venue's loan and position
    /// assets, the pool trades them, the flash loan lends the collateral asset.
    init(_ map: InputMapping, scenario: Scenario, references: References) throws {
        let marketSpec = try AttackerSpec.lendingMarket(map, scenario: scenario)
        market = marketSpec.id
        let collateral = try AttackerSpec.listedAsset(map, "collateral", in: marketSpec)
        let borrow = try AttackerSpec.listedAsset(map, "borrow", in: marketSpec)
        let collateralNode = try map.required("collateral"), borrowNode = try map.required("borrow")
        self.collateral = collateral
        self.borrow = borrow
        guard collateral != borrow else {
            throw InputError("\(borrowNode.path): the borrowed asset must differ from the collateral (\(collateral))", at: borrowNode.location)
        }
        let venueNode = try map.required("margin_venue")
        marginVenue = try venueNode.string()
        let venueID = marginVenue
        guard let venue = scenario.marginVenues.first(where: { $0.id == venueID }) else {
            throw InputError("\(venueNode.path): unknown margin venue '\(venueID)'\(Suggestion.didYouMean(venueID, in: scenario.marginVenues.map(\.id)))",
                             at: venueNode.location)
        }
        guard venue.loanAsset == collateral else {
            throw InputError("\(venueNode.path): \(venueID) lends \(venue.loanAsset), but the attack posts \(collateral) as margin",
                             at: venueNode.location)
        }
        let venuePool = scenario.pools.first { $0.id == venue.pool }!
        guard Set([venuePool.token0, venuePool.token1]) == Set([collateral, borrow]) else {
            throw InputError("\(collateralNode.path): \(venueID) trades \(venuePool.token0)/\(venuePool.token1), not \(collateral)/\(borrow): its short must pump the borrowed asset",
                             at: collateralNode.location)
        }
        if let poolNode = map.optional("pool") {
            let id = try references.pool(poolNode)
            let spec = scenario.pools.first { $0.id == id }!
            guard Set([spec.token0, spec.token1]) == Set([collateral, borrow]) else {
                throw InputError("\(poolNode.path): \(id) does not trade \(borrow) for \(collateral)", at: poolNode.location)
            }
            pool = id
        } else {
            pool = venue.pool
        }
        collateralAmount = try PoolSpec.positiveAmountText(map.required("collateral_amount"), decimals: references.decimals[collateral] ?? 18)
        margin = try PoolSpec.positiveAmountText(map.required("margin"), decimals: references.decimals[collateral] ?? 18)
        borrowAmount = try map.optional("borrow_amount").map { try PoolSpec.positiveAmountText($0, decimals: references.decimals[borrow] ?? 18) }
        flashLoan = try AttackerSpec.flashLoan(map, lending: collateral, scenario: scenario)
        unwindAfter = try map.optional("unwind_after")?.positiveDuration()
        if let unwindAfter, let node = map.optional("unwind_after"), unwindAfter < Double(scenario.chain.blockTime) {
            // The first unwinding wake-up must see the attack's block sealed.
            throw InputError("\(node.path): must be at least the block time (\(scenario.chain.blockTime) s), so the attack has landed",
                             at: node.location)
        }
        unwindSlippage = try map.optional("unwind_slippage")?.double(min: 0, exclusiveMax: 10) ?? 0.05
        if unwindAfter == nil, let node = map.optional("unwind_slippage") {
            throw InputError("\(node.path): applies only with unwind_after", at: node.location)
        }
    }

    /// The strategy's lines of ``Scenario/resolvedYAML()``.
    func renderedLines() -> [String] {
        var lines = ["    market: \(market)", "    collateral: \(collateral)", "    borrow: \(borrow)", "    margin_venue: \(marginVenue)",
                     "    pool: \(pool)", "    collateral_amount: \(collateralAmount)", "    margin: \(margin)"]
        if let borrowAmount { lines.append("    borrow_amount: \(borrowAmount)") }
        if let flashLoan { lines.append("    flash_loan: \(flashLoan)") }
        if let unwindAfter {
            lines.append("    unwind_after: \(Scenario.number(unwindAfter))")
            lines.append("    unwind_slippage: \(Scenario.number(unwindSlippage))")
        }
        return lines
    }
}
