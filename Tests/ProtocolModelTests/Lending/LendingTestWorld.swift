@testable import ProtocolModel

/// A minimal world for the lending, oracle and flash-loan tests: USDC (6 decimals) and ETH
/// (18), one market in USD with constant-price oracles the tests move, a supplier, a borrower,
/// a liquidator and an insurance fund. Every transaction runs with the per-transaction
/// invariant check and is committed, as a block does.
struct LendingTestWorld {
    static let wad: UInt128 = 1_000_000_000_000_000_000
    static let usdcUnit: UInt128 = 1_000_000
    static let ethUnit: UInt128 = wad

    var state = ProtocolState()
    let usdc: AssetID, eth: AssetID
    let supplier: AccountID, borrower: AccountID, liquidator: AccountID, insurance: AccountID
    let usdOracle: Int, ethOracle: Int
    var market = 0

    /// Fractions are wad; `ethPrice` in whole USD. With `ethFallbackPrice` (whole USD) the ETH
    /// price is guarded: beyond 5 % from that fallback the market pauses.
    init(ethPrice: UInt128 = 3_500, liquidationThreshold: UInt128 = 800_000_000_000_000_000,
         collateralFactor: UInt128? = nil, bonus: UInt128 = 100_000_000_000_000_000,
         closeFactor: UInt128 = 500_000_000_000_000_000, mode: MarginMode = .cross,
         usdcInterest: InterestRateModel = .zero, usdcLiquidationThreshold: UInt128 = 0,
         ethFallbackPrice: UInt128? = nil, liquidation: LiquidationMechanism = .fixedBonus) throws {
        usdc = state.addAsset(Asset(symbol: "USDC", decimals: 6))
        eth = state.addAsset(Asset(symbol: "ETH", decimals: 18))
        supplier = state.addAccount(named: "supplier")
        borrower = state.addAccount(named: "borrower")
        liquidator = state.addAccount(named: "liquidator")
        insurance = state.addAccount(named: "insurance")
        usdOracle = state.addOracle(name: "usd", unit: "USD", kind: .constant(Self.wad))
        ethOracle = state.addOracle(name: "eth", unit: "USD", kind: .constant(ethPrice * Self.wad))
        var ethSource = PriceSource(oracle: ethOracle)
        if let ethFallbackPrice {
            ethSource.fallback = state.addOracle(name: "eth_fallback", unit: "USD", kind: .constant(ethFallbackPrice * Self.wad))
            ethSource.maxDeviation = 50_000_000_000_000_000
            ethSource.onDeviation = .pause
        }
        let ethConfig = MarketAssetConfig(
            asset: eth, price: ethSource, collateralFactor: collateralFactor ?? liquidationThreshold,
            liquidationThreshold: liquidationThreshold, liquidationBonus: bonus, borrowable: false, interest: .zero)
        let usdcConfig = MarketAssetConfig(
            asset: usdc, price: PriceSource(oracle: usdOracle), collateralFactor: usdcLiquidationThreshold,
            liquidationThreshold: usdcLiquidationThreshold, liquidationBonus: bonus, borrowable: true, interest: usdcInterest)
        market = try state.addLendingMarket(name: "main", unit: "USD", mode: mode, closeFactor: closeFactor,
                                            insuranceFund: insurance, assets: [usdcConfig, ethConfig],
                                            liquidation: liquidation, timestamp: 0)
        try state.endow(usdc, amount: 100_000 * Self.usdcUnit, to: supplier)
        try state.endow(eth, amount: 1_000 * Self.ethUnit, to: borrower)
        try state.endow(usdc, amount: 1_000_000 * Self.usdcUnit, to: liquidator)
    }

    /// Moves the ETH oracle to `price` wad (between transactions).
    mutating func setEthPrice(wad price: UInt128) {
        state.oracles[ethOracle].kind = .constant(price)
    }

    /// Runs `steps` from `sender` at `timestamp` (block timestamp/12), checks the invariants
    /// the transaction could break, and commits.
    @discardableResult
    mutating func run(_ sender: AccountID, _ steps: [Step], at timestamp: Int64 = 12) throws -> TransactionOutcome {
        try run(sender, steps, at: timestamp, recordSteps: false).outcome
    }

    /// ``run(_:_:at:)``, its steps recorded (``ExecutionContext/recordSteps``) when `recordSteps`:
    /// the outcome and the records.
    mutating func run(_ sender: AccountID, _ steps: [Step], at timestamp: Int64,
                      recordSteps: Bool) throws -> (outcome: TransactionOutcome, log: [StepRecord]) {
        var log: [StepRecord] = []
        let start = state.checkpoint()
        let outcome = state.runSteps(of: Transaction(sender: sender, agent: "test", steps: steps, submittedAt: 0),
                                     context: ExecutionContext(block: Int(timestamp / 12), timestamp: timestamp,
                                                               recordSteps: recordSteps),
                                     log: &log)
        try state.checkInvariants(since: start)
        state.commit()
        return (outcome, log)
    }

    /// The supplier supplies 100,000 USDC; the borrower deposits `collateral` ETH (raw) and
    /// borrows `debt` USDC (raw). Expects both transactions to execute.
    mutating func openPosition(collateral: UInt128, debt: UInt128) throws -> Bool {
        let supplied = try run(supplier, [.deposit(market: market, asset: usdc, amount: .exact(100_000 * Self.usdcUnit))])
        let opened = try run(borrower, [.deposit(market: market, asset: eth, amount: .exact(collateral)),
                                        .borrow(market: market, asset: usdc, amount: .exact(debt))])
        return supplied == .executed && opened == .executed
    }

    /// Whether `other` holds what this world holds: every account's USDC and ETH (the market's
    /// account included) and the market's reserves — a step run recorded and unrecorded must
    /// leave both worlds alike.
    func holdsTheSame(as other: LendingTestWorld) -> Bool {
        let accounts = [supplier, borrower, liquidator, insurance, state.markets[market].account]
        let balancesAlike = accounts.allSatisfy { account in
            [usdc, eth].allSatisfy { state.ledger.balance($0, of: account) == other.state.ledger.balance($0, of: account) }
        }
        return balancesAlike && state.markets[market].reserves == other.state.markets[market].reserves
    }
}
