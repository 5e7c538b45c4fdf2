/// `strategy: share-price-cycle` (Harvest Finance, 26 Oct 2020): move a stable pool around a
/// deposit into and a withdrawal from a vault that values its position at the live pool.
public struct SharePriceCycleSpec: Sendable {
    /// A `vaults` id (`vault`); the pool pushed is its pool.
    public var vault: String
    /// The coin sold into the pool to make the vault's underlying scarce (`push_asset`; default:
    /// the other coin of a two-coin pool).
    public var pushAsset: String
    /// Whole tokens of `pushAsset` sold per cycle (`push`, exact decimal text).
    public var push: String
    /// Whole tokens of the underlying deposited per cycle (`deposit`, exact decimal text).
    public var deposit: String
    /// Cycles per transaction (`cycles`, default 1).
    public var cycles: Int
    /// Transactions, one per block (`transactions`, default 1).
    public var transactions: Int
    /// A `flash_loans` id lending both the underlying and the push asset (`flash_loan`); nil to
    /// pay from own capital.
    public var flashLoan: String?
}

extension SharePriceCycleSpec {
    /// The keys this strategy reads, besides the attacker's common ones.
    static let keys: Set<String> = ["vault", "push_asset", "push", "deposit", "cycles", "transactions", "flash_loan"]

    init(_ map: InputMapping, scenario: Scenario, references: References) throws {
        let vaultNode = try map.required("vault")
        let vaultID = try vaultNode.string()
        guard let vault = scenario.vaults.first(where: { $0.id == vaultID }) else {
            throw InputError("\(vaultNode.path): unknown vault '\(vaultID)'\(Suggestion.didYouMean(vaultID, in: scenario.vaults.map(\.id)))",
                             at: vaultNode.location)
        }
        self.vault = vaultID
        let coins = scenario.stablePools.first { $0.id == vault.pool }!.coins
        if let node = map.optional("push_asset") {
            let symbol = try references.asset(node)
            guard coins.contains(symbol), symbol != vault.underlying else {
                throw InputError("\(node.path): the push asset must be a coin of \(vault.pool) other than the vault's \(vault.underlying)",
                                 at: node.location)
            }
            pushAsset = symbol
        } else {
            guard coins.count == 2 else {
                throw InputError("\(map.node.path): \(vault.pool) has \(coins.count) coins: name the push_asset", at: map.node.location)
            }
            pushAsset = coins.first { $0 != vault.underlying }!
        }
        push = try PoolSpec.positiveAmountText(map.required("push"), decimals: references.decimals[pushAsset] ?? 18)
        deposit = try PoolSpec.positiveAmountText(map.required("deposit"), decimals: references.decimals[vault.underlying] ?? 18)
        cycles = try map.optional("cycles")?.int(in: 1...1_000) ?? 1
        transactions = try map.optional("transactions")?.int(in: 1...10_000) ?? 1
        let underlying = vault.underlying, pushSymbol = pushAsset
        flashLoan = try AttackerSpec.flashLoan(map, lending: underlying, scenario: scenario, spends: "deposits")
        if let flashLoan, let node = map.optional("flash_loan"),
           !(scenario.flashLoans.first { $0.id == flashLoan }!.tokens.contains { $0.symbol == pushSymbol }) {
            throw InputError("\(node.path): \(flashLoan) does not lend \(pushSymbol), the asset the attack pushes with", at: node.location)
        }
    }

    /// The strategy's lines of ``Scenario/resolvedYAML()``.
    func renderedLines() -> [String] {
        var lines = ["    vault: \(vault)", "    push_asset: \(pushAsset)", "    push: \(push)", "    deposit: \(deposit)",
                     "    cycles: \(cycles)", "    transactions: \(transactions)"]
        if let flashLoan { lines.append("    flash_loan: \(flashLoan)") }
        return lines
    }
}
