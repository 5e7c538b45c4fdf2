import ProtocolModel
import Scenarios

/// Streams liquidations.csv: one row per executed liquidation of a single run (columns in
/// docs/output-format.md). Token amounts are exact decimals of the asset; the prices and the
/// health factors are exact decimals of their wad values (an unknown one an empty cell).
final class LiquidationsWriter {
    static let header = ["time", "block", "liquidator", "account", "market", "debt_asset", "repaid", "collateral_asset",
                         "seized", "price", "health_before", "health_after", "round", "debt_price"]
    let file: OutputFile
    let assets: [Asset]

    /// Opens `directory/liquidations.csv` and writes the header.
    init(directory: String, scenario: Scenario) throws {
        file = try OutputFile(path: directory + "/liquidations.csv")
        assets = scenario.ledgerAssets
        try file.writeLine(CSVFormat.line(Self.header))
    }

    /// Appends one line per row.
    func record(_ rows: [LiquidationRow]) throws {
        for row in rows {
            try file.writeLine(CSVFormat.line([
                CSVFormat.double(row.time), "\(row.block)", CSVFormat.text(row.liquidator), CSVFormat.text(row.account),
                CSVFormat.text(row.market), CSVFormat.text(symbol(row.debtAsset)), amount(row.repaid, row.debtAsset),
                CSVFormat.text(symbol(row.collateralAsset)), amount(row.seized, row.collateralAsset),
                row.price.map { CSVFormat.amount($0, decimals: 18) } ?? "",
                row.healthBefore.map { CSVFormat.amount($0, decimals: 18) } ?? "",
                row.healthAfter.map { CSVFormat.amount($0, decimals: 18) } ?? "", "\(row.round)",
                row.debtPrice.map { CSVFormat.amount($0, decimals: 18) } ?? "",
            ]))
        }
    }

    /// A ledger asset's symbol (``Scenario/ledgerAssets``).
    private func symbol(_ asset: AssetID) -> String {
        assets[asset.index].symbol
    }

    /// Raw units as an exact decimal.
    private func amount(_ raw: UInt128, _ asset: AssetID) -> String {
        CSVFormat.amount(raw, decimals: assets[asset.index].decimals)
    }

    func finish() throws { try file.finish() }

    func abandon() { file.abandon() }
}
