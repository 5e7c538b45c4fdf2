import ProtocolModel

extension AgentView {
    /// Raw units of `asset` worth `value` in the numeraire at the reference prices now, rounded
    /// up by one raw unit past the `Double` result (what an attack demands to net at least that
    /// value); `UInt128.max` when the asset has no price.
    func rawUnits(worth value: Double, of asset: AssetID) -> UInt128 {
        let price = valuation.price(asset, at: time, state: state)
        guard price > 0 else { return .max }
        return TokenUnits.fromDouble(value / price, decimals: state.ledger.assets[asset.index].decimals) + 1
    }
}
