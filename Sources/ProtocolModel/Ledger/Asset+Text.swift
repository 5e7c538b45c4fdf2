extension Asset {
    /// `raw` units as text: the exact decimal in whole tokens (``TokenUnits/format(_:decimals:)``,
    /// as the CSV amount columns print it) and the symbol: 1_316_747_988 raw USDC (6 decimals) →
    /// "1316.747988 USDC".
    public func text(_ raw: UInt128) -> String {
        TokenUnits.format(raw, decimals: decimals) + " " + symbol
    }

    /// A signed amount as text: −1_500_000 raw USDC → "-1.5 USDC".
    public func text(signed raw: Int128) -> String {
        TokenUnits.format(signedMagnitude: raw.magnitude, negative: raw < 0, decimals: decimals) + " " + symbol
    }
}

/// An error whose text names amounts of the ledger's assets, by asset index: it reads only with
/// the ledger's asset table, so it is built when it is printed (an events.csv row, a message),
/// never when the error is thrown.
public protocol AssetAmountText {
    /// The text, every amount an exact decimal in its asset's units with its symbol (`assets`:
    /// the ledger's assets, ``Ledger/assets``).
    func text(assets: [Asset]) -> String
}
