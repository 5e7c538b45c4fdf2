import ProtocolModel

/// An option vault's keeper (issue 7): after each sealed block it settles every series whose
/// expiry the sealed block has reached (the settlement lands in the next block), hedges the
/// vault's delta through its pool every `hedge.every` seconds (skipping a hedge that would trade
/// less than a raw unit either way), and liquidates the traders below
/// maintenance, one transaction each. It decides on sealed state only, like every agent.
public final class OptionVaultKeeper {
    public let name: String
    /// The name its transactions carry in the event log.
    public let tag: AgentTag
    public let account: AccountID
    /// The vault it keeps, by index.
    public let vault: Int
    /// The pool it hedges through and the seconds between hedges; nil: it does not hedge.
    public let hedge: (pool: Int, every: Double)?
    public let priorityFee: UInt64
    /// Most liquidations it sends after one block.
    public let maxLiquidationsPerBlock: Int
    /// When the next hedge is due, seconds.
    private var nextHedge: Double

    public init(name: String, account: AccountID, vault: Int, hedge: (pool: Int, every: Double)?, priorityFee: UInt64,
                maxLiquidationsPerBlock: Int = 10) {
        self.name = name
        tag = AgentTag(name)
        self.account = account
        self.vault = vault
        self.hedge = hedge
        self.priorityFee = priorityFee
        self.maxLiquidationsPerBlock = maxLiquidationsPerBlock
        self.nextHedge = hedge?.every ?? .infinity
    }

    /// The keeper's transactions after a sealed block, appended to `proposals` (none when it
    /// cannot pay their gas).
    /// - Complexity: O(series) for settlement, plus one margin pass over the accounts holding
    ///   positions (``ProtocolState/optionAccountsBelowMaintenance(vault:at:)``).
    public func onBlockSealed(_ view: AgentView, into proposals: inout [Transaction]) {
        // NOTE: the vault's series are read in place, through the vaults' buffer: `let entry =
        // view.state.optionVaults[vault]` copied the vault (a retain and release of each of its
        // buffers) at every block, and so does every read of an element through the array's
        // subscript (perf, options-settlement-attack).
        var steps: [[Step]] = []
        var settling: [Int] = []
        let now = view.time
        view.state.optionVaults.withUnsafeBufferPointer { vaults in
            for (index, listed) in vaults[vault].series.enumerated() where listed.settlementPrice == nil && listed.option.expiry <= now {
                settling.append(index)
                steps.append([.settleOptions(vault: vault, series: index)])
            }
        }
        if let hedge, view.time >= nextHedge {
            // A hedge that would trade nothing on the sealed state, after the settlements sent
            // before it, is not sent (it would pay gas to execute empty), nor one whose sale is
            // too small to pay a raw unit of collateral (it would revert with `pool:
            // zeroAmount`), nor one that would revert: the next is due `hedge.every` later.
            if let trade = try? view.state.vaultHedgeTrade(vault: vault, pool: hedge.pool, settling: settling), trade.amountOut > 0 {
                steps.append([.hedgeVault(vault: vault, pool: hedge.pool)])
            }
            while nextHedge <= view.time { nextHedge += hedge.every }
        }
        for account in view.state.optionAccountsBelowMaintenance(vault: vault).prefix(maxLiquidationsPerBlock) {
            steps.append([.liquidateOptions(vault: vault, account: account)])
        }
        let gas = view.gas.base + max(view.gas.settleOptions, view.gas.hedgeVault, view.gas.liquidateOptions)
        guard !steps.isEmpty, view.canPayGas(gas, priorityFee: priorityFee, transactions: steps.count, for: account) else { return }
        for transactionSteps in steps {
            proposals.append(Transaction(sender: account, agent: tag, steps: transactionSteps, priorityFee: priorityFee, submittedAt: view.time))
        }
    }
}
