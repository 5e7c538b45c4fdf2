/// Dispatch of the option vaults' steps (called by `run` for the option steps only).
extension ProtocolState {
    /// Runs one option step for `sender`, evaluating its amounts when it runs.
    mutating func runOptionStep(_ step: Step, sender: AccountID, context: ExecutionContext) throws(RevertReason) -> StepFlows {
        let time = context.timestamp
        switch step {
        case .buyOption(let vault, let series, let contracts, let maxPremium):
            return try buyOption(vault, series: series, contracts: try evaluate(contracts, sender: sender, at: time), maxPremium: maxPremium,
                                 sender: sender, timestamp: time)
        case .sellOption(let vault, let series, let contracts, let minPremium):
            return try sellOption(vault, series: series, contracts: try evaluate(contracts, sender: sender, at: time), minPremium: minPremium,
                                  sender: sender, timestamp: time)
        case .depositOptionMargin(let vault, let amount):
            return try depositOptionMargin(vault, amount: try evaluate(amount, sender: sender, at: time), sender: sender)
        case .withdrawOptionMargin(let vault, let amount):
            return try withdrawOptionMargin(vault, amount: try evaluate(amount, sender: sender, at: time), sender: sender, timestamp: time)
        case .depositVault(let vault, let amount):
            return try depositVault(vault, amount: try evaluate(amount, sender: sender, at: time), sender: sender, timestamp: time)
        case .withdrawVault(let vault, let shares):
            return try withdrawVault(vault, shares: try evaluate(shares, sender: sender, at: time), sender: sender, timestamp: time)
        case .settleOptions(let vault, let series):
            return try settleOptions(vault, series: series, sender: sender, timestamp: time)
        case .liquidateOptions(let vault, let account):
            return try liquidateOptions(vault, account: account, sender: sender, timestamp: time)
        case .hedgeVault(let vault, let pool):
            return try hedgeVault(vault, pool: pool, sender: sender, timestamp: time)
        default:
            preconditionFailure("runOptionStep: \(step.kind) is not an option step")
        }
    }
}
