import ProtocolModel
import Scenarios

/// Streams a single run's timeseries.csv, events.csv and liquidations.csv as the world runs (a
/// ``WorldSink``). Columns are documented in docs/output-format.md.
public final class DetailWriter: WorldSink {
    let timeseries: OutputFile
    let events: OutputFile
    /// liquidations.csv, written when the scenario has a lending market.
    let liquidations: LiquidationsWriter?
    let assets: [Asset]
    let poolNames: [String]
    /// The stable pools' ids, which a `stable_swap` record's pool indexes.
    let stablePoolNames: [String]
    /// Every option vault's listed series (``OptionSeriesLabel``), which a `buy_option` or
    /// `sell_option` record's pool indexes.
    let optionSeries: [OptionSeriesLabel]
    let poolDecimals: [(Int, Int)]
    /// The stable pools', share vaults' and perp markets' columns.
    let venueColumns: VenueColumns
    /// Each pool's cells of the last row (price, reserve0, reserve1, joined) with the values they
    /// format: a pool not traded since then has the same (a world of many pools trades few).
    private var poolCells: [(price: UInt64, reserve0: UInt128, reserve1: UInt128, text: String)] = []

    /// Opens the files in `directory` and writes their headers.
    public init(directory: String, scenario: Scenario) throws {
        timeseries = try OutputFile(path: directory + "/timeseries.csv")
        events = try OutputFile(path: directory + "/events.csv")
        liquidations = scenario.lendingMarkets.isEmpty ? nil : try LiquidationsWriter(directory: directory, scenario: scenario)
        assets = scenario.ledgerAssets
        poolNames = scenario.pools.map(\.id)
        stablePoolNames = scenario.stablePools.map(\.id)
        optionSeries = OptionSeriesLabel.all(in: scenario)
        let decimals = Dictionary(uniqueKeysWithValues: scenario.assets.map { ($0.symbol, $0.decimals) })
        poolDecimals = scenario.pools.map { (decimals[$0.token0] ?? 18, decimals[$0.token1] ?? 18) }
        venueColumns = VenueColumns(scenario: scenario)
        var header = ["time", "block", "gas_price", "gas_used", "transactions", "reverted_transactions", "dropped_transactions"]
        header += scenario.assets.map { "price_\(Self.columnName($0.symbol))" }
        for pool in poolNames.map(Self.columnName) {
            header += ["pool_\(pool)_price", "pool_\(pool)_reserve0", "pool_\(pool)_reserve1"]
        }
        for market in scenario.lendingMarkets.map({ Self.columnName($0.id) }) {
            header += ["market_\(market)_collateral", "market_\(market)_debt", "market_\(market)_liquidatable"]
        }
        header += scenario.oracles.map { "oracle_\(Self.columnName($0.id))" }
        header += scenario.lendingMarkets.map { "paused_\(Self.columnName($0.id))" }
        if !scenario.optionVaults.isEmpty { header += ["vault_delta", "vault_gamma", "vault_vega"] }
        header += venueColumns.header
        try timeseries.writeLine(CSVFormat.line(header))
        try events.writeLine(CSVFormat.line(["time", "block", "tx", "agent", "kind", "pool", "asset_in", "amount_in",
                                             "asset_out", "amount_out", "outcome", "reason"]))
    }

    /// A symbol or id as a column-name fragment: lowercase, anything but letters and digits → `_`.
    static func columnName(_ text: String) -> String {
        String(text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    public func record(_ row: BlockRow) throws {
        // A Ctrl-C (``BatchInterrupt``) stops a run at the next block: its files are abandoned.
        if BatchInterrupt.isRequested { throw RunInterrupted(block: row.block) }
        var cells = [CSVFormat.double(row.time), "\(row.block)", CSVFormat.double(row.gasPrice), "\(row.gasUsed)",
                     "\(row.executed + row.reverted)", "\(row.reverted)", "\(row.dropped)"]
        cells += row.referencePrices.map { CSVFormat.double($0) }
        // NOTE: a pool's three cells are formatted again only when its values changed (formatting
        // a Double and two amounts, and a temporary array, for every pool of every row).
        if poolCells.count != row.pools.count {
            // No pool holds UInt128.max (balances stay below the 2^112 load limit).
            poolCells = Array(repeating: (0, .max, .max, ""), count: row.pools.count)
        }
        for (index, pool) in row.pools.enumerated() {
            if poolCells[index].price != pool.price.bitPattern || poolCells[index].reserve0 != pool.reserve0
                || poolCells[index].reserve1 != pool.reserve1 {
                let text = CSVFormat.line([CSVFormat.double(pool.price), CSVFormat.amount(pool.reserve0, decimals: poolDecimals[index].0),
                                           CSVFormat.amount(pool.reserve1, decimals: poolDecimals[index].1)])
                poolCells[index] = (pool.price.bitPattern, pool.reserve0, pool.reserve1, text)
            }
            cells.append(poolCells[index].text)
        }
        for market in row.markets {
            cells += [CSVFormat.double(market.collateral), CSVFormat.double(market.debt), "\(market.liquidatable)"]
        }
        cells += row.oracles.map { CSVFormat.double($0) }
        cells += row.paused.map { $0 ? "true" : "false" }
        if let greeks = row.vaultGreeks { cells += [CSVFormat.double(greeks.delta), CSVFormat.double(greeks.gamma), CSVFormat.double(greeks.vega)] }
        cells += venueColumns.cells(row)
        try timeseries.writeLine(CSVFormat.line(cells))
    }

    public func record(_ steps: [StepRecord]) throws {
        for step in steps {
            if step.kind == .buyOption || step.kind == .sellOption, let series = step.pool {
                try events.writeLine(optionTradeLine(step, series: optionSeries[series]))
                continue
            }
            try events.writeLine(CSVFormat.line([
                CSVFormat.double(step.time), "\(step.block)", "\(step.transaction)", CSVFormat.text(step.agent.name),
                step.kind.rawValue, CSVFormat.text(step.pool.map { step.kind == .stableSwap ? stablePoolNames[$0] : poolNames[$0] }),
                CSVFormat.text(step.assetIn.map(symbol)), amount(step.amountIn, step.assetIn),
                CSVFormat.text(step.assetOut.map(symbol)), amount(step.amountOut, step.assetOut),
                step.executed ? "executed" : "reverted", CSVFormat.text(step.reason(assets: assets)),
            ]))
        }
    }

    public func record(_ liquidations: [LiquidationRow]) throws {
        try self.liquidations?.record(liquidations)
    }

    private func symbol(_ asset: AssetID) -> String {
        assets[asset.index].symbol
    }

    func amount(_ raw: UInt128, _ asset: AssetID?) -> String {
        guard let asset else { return "" }
        return CSVFormat.amount(raw, decimals: assets[asset.index].decimals)
    }

    /// Renames the files into place.
    public func finish() throws {
        try timeseries.finish()
        try events.finish()
        try liquidations?.finish()
    }

    /// Deletes the temporary files.
    public func abandon() {
        timeseries.abandon()
        events.abandon()
        liquidations?.abandon()
    }
}

/// A run stopped by Ctrl-C at `block`: its unfinished files are removed, and manifest.json says
/// `partial`.
public struct RunInterrupted: Error, Sendable, CustomStringConvertible {
    /// The block at which it stopped.
    public let block: Int
    public var description: String { "interrupted at block \(block)" }
}
