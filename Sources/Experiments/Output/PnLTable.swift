import ProtocolModel
import Scenarios

/// The columns of pnl.csv (DESIGN.md §4–5): one row per party, asset and replication —
/// `amount` in exact token units (signed), `value` in the numeraire at end reference prices.
/// Per replication the `amount`s of each asset sum to zero exactly.
public enum PnLTable {
    public static let header = CSVFormat.line(["sweep_point", "replication", "seed", "party", "asset", "amount", "value"])

    /// The rows of one replication.
    public static func rows(sweepPoint: Int, replication: Int, seed: UInt64, pnl: [PartyPnL]) -> [String] {
        // The first three cells are the same on every row of the replication: made once.
        let item = CSVFormat.line(["\(sweepPoint)", "\(replication)", "\(seed)"])
        return pnl.map { row in
            CSVFormat.line([item, row.party.rawValue, CSVFormat.text(row.symbol),
                            TokenUnits.format(signedMagnitude: row.amount.magnitude, negative: row.amount < 0, decimals: row.decimals),
                            CSVFormat.double(row.value)])
        }
    }
}
