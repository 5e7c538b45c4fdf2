import ProtocolModel

/// Harvest Finance's share-price cycle (26 Oct 2020): a vault that values its StableSwap
/// position at the live pool is gamed by moving the pool around a deposit and a withdrawal. One
/// transaction: [flash-borrow the underlying and the push asset]; `cycles` times — sell `push`
/// of the push asset into the pool for the underlying (the underlying grows scarce, the vault's
/// spot valuation and price per share fall), deposit `deposit` of the underlying, sell back the
/// underlying the push bought (the valuation recovers), withdraw every share (now worth more);
/// repay the underlying's flash loan, sell what the cycles gained in the underlying for the
/// push asset (which covers the swaps' fees), repay its flash loan and — with
/// `revertIfUnprofitable` — revert unless the push-asset balance ends higher than it began.
/// It sends `transactions` such transactions, one per block.
///
/// The amount sold back is the pool's quote for the push at the state the attacker sees; its
/// private bundle lands first in the next block, on that same state.
public struct SharePriceCycle: Sendable, Equatable {
    /// The two flash loans a cycle is financed with.
    public struct FlashLoans: Sendable, Equatable {
        public var underlying: AttackFlashLoan
        public var push: AttackFlashLoan

        public init(underlying: AttackFlashLoan, push: AttackFlashLoan) {
            self.underlying = underlying
            self.push = push
        }
    }

    /// Vault index.
    public var vault: Int
    /// The vault's stable-pool index.
    public var pool: Int
    /// The vault's underlying (USDC for fUSDC).
    public var underlying: AssetID
    /// The vault's share asset.
    public var share: AssetID
    /// The coin sold to move the pool (USDT for fUSDC).
    public var pushAsset: AssetID
    /// Raw push asset sold per cycle.
    public var push: UInt128
    /// Raw underlying deposited per cycle.
    public var deposit: UInt128
    /// Cycles per transaction.
    public var cycles: Int
    /// Transactions sent, one per block.
    public var transactions: Int
    /// Flash loans of the underlying and of the push asset; nil to pay from own capital.
    public var flashLoans: FlashLoans?
    public var revertIfUnprofitable: Bool
    /// Seconds between wake-ups (the block time).
    public var blockTime: Double
    /// Transactions sent so far.
    public private(set) var sent = 0

    public init(vault: Int, pool: Int, underlying: AssetID, share: AssetID, pushAsset: AssetID, push: UInt128, deposit: UInt128,
                cycles: Int, transactions: Int, flashLoans: FlashLoans?,
                revertIfUnprofitable: Bool, blockTime: Double) {
        self.vault = vault
        self.pool = pool
        self.underlying = underlying
        self.share = share
        self.pushAsset = pushAsset
        self.push = push
        self.deposit = deposit
        self.cycles = cycles
        self.transactions = transactions
        self.flashLoans = flashLoans
        self.revertIfUnprofitable = revertIfUnprofitable
        self.blockTime = blockTime
    }

    /// One transaction's steps at the pool state `view` shows; nil when the pool cannot quote the push.
    public func steps(_ view: AgentView) -> [Step]? {
        let venue = view.state.stablePools[pool]
        guard let from = venue.coinIndex(pushAsset), let to = venue.coinIndex(underlying),
              let bought = try? venue.pool.quote(amountIn: push, from: from, to: to) else { return nil }
        var steps: [Step] = []
        if let flashLoans {
            steps.append(.flashBorrow(provider: flashLoans.underlying.provider, asset: underlying, amount: .exact(deposit)))
            steps.append(.flashBorrow(provider: flashLoans.push.provider, asset: pushAsset, amount: .exact(push)))
        }
        for _ in 0..<cycles {
            steps.append(.stableSwap(pool: pool, from: pushAsset, to: underlying, amountIn: .exact(push), minAmountOut: 0))
            steps.append(.vaultDeposit(vault: vault, amount: .exact(deposit)))
            steps.append(.stableSwap(pool: pool, from: underlying, to: pushAsset, amountIn: .exact(bought), minAmountOut: 0))
            steps.append(.vaultWithdraw(vault: vault, shares: .balance(share)))
        }
        if let flashLoans {
            steps.append(.flashRepay(provider: flashLoans.underlying.provider, asset: underlying,
                                     amount: .flashDebt(provider: flashLoans.underlying.provider, asset: underlying)))
        }
        steps.append(.stableSwap(pool: pool, from: underlying, to: pushAsset, amountIn: .received(underlying), minAmountOut: 0))
        if let flashLoans {
            steps.append(.flashRepay(provider: flashLoans.push.provider, asset: pushAsset,
                                     amount: .flashDebt(provider: flashLoans.push.provider, asset: pushAsset)))
        }
        if revertIfUnprofitable { steps.append(.requireGain(asset: pushAsset, atLeast: 0)) }
        return steps
    }

    /// Sends the next transaction and wakes a block later until all are sent.
    mutating func decide(_ view: AgentView) -> AttackDecision {
        guard sent < transactions else { return AttackDecision(transactions: [], wakeAfter: nil) }
        sent += 1
        let next: Double? = sent < transactions ? blockTime : nil
        guard let steps = steps(view) else { return AttackDecision(transactions: [], wakeAfter: next) }
        return AttackDecision(transactions: [steps], wakeAfter: next)
    }
}
