import Pricing
@testable import ProtocolModel

/// A minimal world for option-vault tests: ETH (18 decimals) priced in USDC (6 decimals), a
/// 1,000 ETH / 2,000,000 USDC pool (spot 2,000), a price oracle (a constant 2,000 moved with
/// `setPrice`, or the pool's spot), a constant settlement oracle, and a vault with 1,000,000 USDC
/// writing a call struck at 2,200 and a put struck at 2,400, both expiring in 7 days.
struct OptionVaultTestWorld {
    static let ether: UInt128 = 1_000_000_000_000_000_000
    static let usd: UInt128 = 1_000_000
    static let week: Int64 = 7 * 86_400
    static let call = 0, put = 1

    var state = ProtocolState()
    let eth: AssetID, usdc: AssetID
    let lp: AccountID, alice: AccountID, bob: AccountID, carol: AccountID, keeper: AccountID, liquidator: AccountID
    let pool: Int, priceOracle: Int, settlementOracle: Int, vault: Int

    init(spread: SpreadRule = SpreadRule(base: 0.01, perDelta: 0.001, perVega: 0.0001),
         volatility: VolatilityModel = .implied(atm: 0.8, skew: 0), margin: OptionMarginRule = OptionMarginRule(),
         priceFromPool: Bool = false) throws {
        eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
        usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
        lp = state.addAccount(named: "lp")
        alice = state.addAccount(named: "alice")
        bob = state.addAccount(named: "bob")
        carol = state.addAccount(named: "carol")
        keeper = state.addAccount(named: "keeper")
        liquidator = state.addAccount(named: "liquidator")
        try state.endow(eth, amount: 1_000 * Self.ether, to: lp)
        try state.endow(usdc, amount: 2_000_000 * Self.usd, to: lp)
        for trader in [alice, bob, carol] {
            try state.endow(usdc, amount: 100_000 * Self.usd, to: trader)
            try state.endow(eth, amount: 100 * Self.ether, to: trader)
        }
        pool = try state.addPool(name: "eth_usdc", token0: eth, token1: usdc, reserve0: 1_000 * Self.ether,
                                 reserve1: 2_000_000 * Self.usd, feePips: 3_000, provider: lp, timestamp: 0)
        priceOracle = priceFromPool
            ? state.addOracle(name: "eth_spot", unit: "USDC", kind: .spot(pool: pool, baseIsToken0: true))
            : state.addOracle(name: "eth_usd", unit: "USDC", kind: .constant(2_000 * Self.ether))
        settlementOracle = state.addOracle(name: "eth_settle", unit: "USDC", kind: .constant(2_000 * Self.ether))
        let expiry = Double(Self.week)
        vault = try state.addOptionVault(
            name: "ov", underlying: eth, collateral: usdc, priceOracle: priceOracle, settlementOracle: settlementOracle,
            series: [OptionSeries(underlying: 0, kind: .call, strike: 2_200, expiry: expiry),
                     OptionSeries(underlying: 0, kind: .put, strike: 2_400, expiry: expiry)],
            volatility: volatility, spread: spread, margin: margin, keeper: keeper, liquidity: 1_000_000 * Self.usd,
            provider: nil, shareholder: lp, timestamp: 0)
    }

    /// Sets the (constant) price oracle's answer, wad.
    mutating func setPrice(_ wad: UInt128) { state.corruptOracle(priceOracle, answer: wad) }

    /// Sets the settlement oracle's answer, wad.
    mutating func setSettlementPrice(_ wad: UInt128) { state.corruptOracle(settlementOracle, answer: wad) }

    /// Runs `steps` from `sender` at `timestamp`, checks the invariants the transaction could
    /// break and then all of them, and commits.
    @discardableResult
    mutating func run(_ sender: AccountID, _ steps: [Step], at timestamp: Int64 = 0) throws -> (outcome: TransactionOutcome, log: [StepRecord]) {
        var log: [StepRecord] = []
        let start = state.checkpoint()
        let outcome = state.runSteps(of: Transaction(sender: sender, agent: "t", steps: steps, submittedAt: 0),
                                     context: ExecutionContext(block: 1, timestamp: timestamp, recordSteps: true), log: &log)
        try state.checkInvariants(since: start)
        state.commit()
        try state.checkAllInvariants()
        return (outcome, log)
    }

    /// Every account's balance of every asset, and every asset's supply.
    var balances: [UInt128] {
        (0..<state.ledger.accountCount).flatMap { account in
            (0..<state.ledger.assets.count).map { state.ledger.balance(AssetID($0), of: AccountID(account)) }
        } + state.ledger.supply
    }

    /// The vault account's USDC.
    var vaultCash: UInt128 { state.ledger.balance(usdc, of: state.optionVaults[vault].account) }

    func usdcBalance(_ account: AccountID) -> UInt128 { state.ledger.balance(usdc, of: account) }
}
