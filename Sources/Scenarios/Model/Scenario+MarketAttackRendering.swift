extension Scenario {
    /// The `twap-manipulation` keys of ``renderedAttacker()``.
    static func rendered(_ plan: TwapManipulationSpec) -> [String] {
        ["    pool: \(plan.pool)", "    push: \(number(plan.push))", "    blocks: \(plan.blocks)", "    market: \(plan.market)",
         "    collateral: \(plan.collateral)", "    borrow: \(plan.borrow)", "    bundle_share: \(number(plan.bundleShare))",
         "    unwind: \(plan.unwind)"]
    }

    /// The `oracle-bribe` keys of ``renderedAttacker()``.
    static func rendered(_ plan: OracleBribeSpec) -> [String] {
        ["    oracle: \(plan.oracle)", "    sources: \(plan.sources)", "    answer: \(number(plan.answer))", "    bribe: \(plan.bribe)",
         "    bribe_asset: \(plan.bribeAsset)", "    market: \(plan.market)", "    collateral: \(plan.collateral)",
         "    deposit: \(plan.deposit)", "    borrow: \(plan.borrow)"]
    }
}
