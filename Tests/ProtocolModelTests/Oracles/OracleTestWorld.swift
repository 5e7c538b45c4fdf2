@testable import ProtocolModel

/// ETH (18 decimals, token0) / USDC (6, token1) in one 0.3 % pool of 100 ETH and 300,000
/// USDC created at t = 0, a trader, and helpers to run swaps in a block and seal it.
struct OracleTestWorld {
    static let wad: UInt128 = 1_000_000_000_000_000_000
    var state = ProtocolState()
    let eth: AssetID, usdc: AssetID
    let trader: AccountID
    let pool: Int

    init() throws {
        eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
        usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
        let provider = state.addAccount(named: "lp")
        trader = state.addAccount(named: "trader")
        try state.endow(eth, amount: 100 * Self.wad, to: provider)
        try state.endow(usdc, amount: 300_000_000_000, to: provider)
        try state.endow(eth, amount: 10_000 * Self.wad, to: trader)
        try state.endow(usdc, amount: 100_000_000_000_000, to: trader)
        pool = try state.addPool(name: "eth_usdc", token0: eth, token1: usdc, reserve0: 100 * Self.wad, reserve1: 300_000_000_000,
                                 feePips: 3000, provider: provider, timestamp: 0)
    }

    /// Swaps `amount` raw in (ETH when `sellEth`) at `timestamp`; expects it to execute.
    mutating func swap(_ amount: UInt128, sellEth: Bool, at timestamp: Int64) -> Bool {
        var log: [StepRecord] = []
        let outcome = state.runSteps(
            of: Transaction(sender: trader, agent: "trader", steps: [.swap(pool: pool, zeroForOne: sellEth, amountIn: .exact(amount), minAmountOut: 0)],
                            submittedAt: 0),
            context: ExecutionContext(block: Int(timestamp / 12), timestamp: timestamp, recordSteps: false), log: &log)
        state.commit()
        return outcome == .executed
    }

    /// The pool's current ETH price, wad.
    var spot: UInt128 { state.pools[pool].pool.price0Wad ?? 0 }
}
