extension RevertReason: AssetAmountText {
    /// The reason as events.csv's `reason` column prints it, every amount an exact decimal in its
    /// asset's units with its symbol: "slippage: 1316.747988 USDC out < minimum 1494.270203 USDC".
    /// - Complexity: O(digits of its amounts).
    public func text(assets: [Asset]) -> String {
        switch self {
        case .ledger(let error): return error.text(assets: assets)
        case .pool(let error): return "pool: \(error)"
        case .arithmetic(let error): return "arithmetic \(error)"
        case .slippage(let asset, let minimum, let actual):
            return "slippage: \(assets[asset.index].text(actual)) out < minimum \(assets[asset.index].text(minimum))"
        case .balanceBelow(let asset, let balance, let minimum):
            return "check: balance \(assets[asset.index].text(balance)) < \(assets[asset.index].text(minimum))"
        case .unprofitable(let asset, let balance, let before, let requiredGain):
            let asset = assets[asset.index]
            return "unprofitable: balance \(asset.text(balance)), \(asset.text(before)) before the transaction, "
                + "required gain \(asset.text(requiredGain))"
        case .guardFailed(let message): return message
        case .lending(let error): return "lending: \(error.text(assets: assets))"
        case .oracle(let error): return "oracle: \(error)"
        case .venue(let error): return "venue: \(error)"
        case .perp(let error): return "perp: \(error.text(assets: assets))"
        case .options(let error): return "options: \(error.text(assets: assets))"
        case .flashLoanNotRepaid(let provider, let asset, let owed):
            return "flash loan from \(provider) not repaid: \(assets[asset.index].text(owed)) owed at the end of the transaction"
        }
    }
}
