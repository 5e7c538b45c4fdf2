import ProtocolModel
import Scenarios

/// The timeseries.csv columns of StableSwap pools, share vaults and perp markets: their ids in
/// column names and the decimals their raw amounts are written in (docs/output-format.md).
struct VenueColumns {
    /// Per stable pool: each coin's decimals.
    let stableCoinDecimals: [[Int]]
    /// Per share vault: its underlying's decimals (its shares have the same).
    let vaultDecimals: [Int]
    /// Per perp market: its base's and its quote's decimals.
    let perpDecimals: [(base: Int, quote: Int)]
    /// The columns' names, in row order.
    let header: [String]

    init(scenario: Scenario) {
        let decimals = Dictionary(uniqueKeysWithValues: scenario.assets.map { ($0.symbol, $0.decimals) })
        stableCoinDecimals = scenario.stablePools.map { $0.coins.map { decimals[$0] ?? 18 } }
        vaultDecimals = scenario.vaults.map { decimals[$0.underlying] ?? 18 }
        perpDecimals = scenario.perpMarkets.map { (decimals[$0.base] ?? 18, decimals[$0.quote] ?? 18) }
        var header: [String] = []
        for pool in scenario.stablePools {
            let id = DetailWriter.columnName(pool.id), coins = pool.coins.map(DetailWriter.columnName)
            header += coins.map { "stable_\(id)_\($0)" }
            header += coins.dropFirst().map { "stable_\(id)_price_\($0)" }
            header.append("stable_\(id)_virtual_price")
        }
        for vault in scenario.vaults.map({ DetailWriter.columnName($0.id) }) {
            header += ["vault_\(vault)_price_per_share", "vault_\(vault)_idle", "vault_\(vault)_shares"]
        }
        for market in scenario.perpMarkets.map({ DetailWriter.columnName($0.id) }) {
            header += ["perp_\(market)_mark", "perp_\(market)_open_interest", "perp_\(market)_collateral",
                       "perp_\(market)_borrowed", "perp_\(market)_lendable"]
        }
        self.header = header
    }

    /// The cells of `row`'s venues, in ``header``'s order.
    func cells(_ row: BlockRow) -> [String] {
        var cells: [String] = []
        for (index, pool) in row.stablePools.enumerated() {
            cells += zip(pool.balances, stableCoinDecimals[index]).map { CSVFormat.amount($0, decimals: $1) }
            cells += pool.prices.map { CSVFormat.double($0) }
            cells.append(CSVFormat.double(pool.virtualPrice))
        }
        for (index, vault) in row.shareVaults.enumerated() {
            cells += [CSVFormat.double(vault.pricePerShare), CSVFormat.amount(vault.idle, decimals: vaultDecimals[index]),
                      CSVFormat.amount(vault.shares, decimals: vaultDecimals[index])]
        }
        for (index, market) in row.perpMarkets.enumerated() {
            let (base, quote) = perpDecimals[index]
            cells += [CSVFormat.double(market.mark), CSVFormat.amount(market.openInterest, decimals: base),
                      CSVFormat.amount(market.collateral, decimals: quote), CSVFormat.amount(market.borrowed, decimals: quote),
                      CSVFormat.amount(market.lendable, decimals: quote)]
        }
        return cells
    }
}
