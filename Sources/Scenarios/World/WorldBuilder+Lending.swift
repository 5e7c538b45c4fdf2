import Agents
import GSL
import ProtocolModel

/// Oracles, lending markets, borrowers and liquidators, built after the pools and the other
/// populations. Genesis positions (suppliers' deposits, borrowers' deposits and borrows) are
/// ordinary steps run on the state at timestamp 0, so they obey every market rule.
extension WorldBuilder {
    mutating func buildOracles() throws {
        for spec in scenario.oracles {
            let index: Int
            switch spec.kind {
            case .spot(let pool, let base):
                let venue = poolIndices[pool]!
                index = state.addOracle(name: spec.id, unit: spec.unit,
                                        kind: .spot(pool: venue, baseIsToken0: state.pools[venue].token0 == assetIDs[base]))
            case .twap(let pool, let base, let window, let geometric):
                let venue = poolIndices[pool]!
                index = state.addTwapOracle(name: spec.id, unit: spec.unit, pool: venue,
                                            baseIsToken0: state.pools[venue].token0 == assetIDs[base],
                                            window: Int64(window), geometric: geometric, timestamp: 0)
            case .median(let members):
                index = state.addOracle(name: spec.id, unit: spec.unit, kind: .median(members.map { oracleIndices[$0]! }))
            case .constant(let value):
                index = state.addOracle(name: spec.id, unit: spec.unit, kind: .constant(Self.wad(value)))
            }
            oracleIndices[spec.id] = index
        }
    }

    mutating func buildLendingMarkets() throws {
        for spec in scenario.lendingMarkets {
            let fund = state.addAccount(named: "insurance:\(spec.id)")
            for (symbol, amount) in spec.insuranceFund { try endow(fund, assetIDs[symbol]!, raw(amount, assetIDs[symbol]!)) }
            let configs = spec.assets.map { asset in
                let id = assetIDs[asset.symbol]!
                let decimals = scenario.assets[id.index].decimals
                return MarketAssetConfig(
                    asset: id, price: PriceSource(oracle: oracleIndices[asset.oracle]!),
                    collateralFactor: Self.wad(asset.collateralFactor), liquidationThreshold: Self.wad(asset.liquidationThreshold),
                    liquidationBonus: Self.wad(asset.bonus),
                    supplyCap: asset.supplyCap.map { TokenUnits.fromDouble($0, decimals: decimals) },
                    borrowCap: asset.borrowCap.map { TokenUnits.fromDouble($0, decimals: decimals) },
                    borrowable: asset.borrowable, interest: .zero)
            }
            let market: Int
            do {
                market = try state.addLendingMarket(name: spec.id, unit: spec.unit, mode: spec.isolated ? .isolated : .cross,
                                                    closeFactor: Self.wad(spec.closeFactor), insuranceFund: fund,
                                                    assets: configs, timestamp: 0)
            } catch {
                throw WorldBuildError("lending market \(spec.id): \(error)")
            }
            marketIndices[spec.id] = market
            let supplied = spec.assets.filter { $0.supply != "0" }
            guard !supplied.isEmpty else { continue }
            let supplier = state.addAccount(named: "supplier:\(spec.id)")
            for asset in supplied {
                let id = assetIDs[asset.symbol]!
                let amount = try raw(asset.supply, id)
                guard amount > 0 else { continue }
                try endow(supplier, id, amount)
                try genesis(supplier, [.deposit(market: market, asset: id, amount: .exact(amount))], what: "\(spec.id) supply of \(asset.symbol)")
            }
        }
    }

    /// Each borrower draws its collateral amount and target health, deposits, and borrows the
    /// debt that gives that health at the genesis oracle prices (capped by its borrowing power
    /// and the market's cash).
    mutating func buildBorrowers() throws {
        guard let spec = scenario.borrowers else { return }
        let stream = RandomStream(replicationSeed: seed, name: "population:borrowers")
        let market = marketIndices[spec.market]!
        let collateral = assetIDs[spec.collateral]!, debt = assetIDs[spec.debt]!
        let collateralDecimals = scenario.assets[collateral.index].decimals, debtDecimals = scenario.assets[debt.index].decimals
        let debtSource = state.markets[market].assets[state.markets[market].slot(of: debt)!].price
        for index in 0..<spec.count {
            let name = "borrower-\(index)"
            let account = state.addAccount(named: name)
            borrowerAccounts.append(account)
            let amount = TokenUnits.fromDouble(max(0, spec.amount.sample(stream)), decimals: collateralDecimals)
            let health = max(1e-6, spec.health.sample(stream))
            guard amount > 0 else { continue }
            try endow(account, collateral, amount)
            try genesis(account, [.deposit(market: market, asset: collateral, amount: .exact(amount))], what: "\(name) deposit")
            do {
                let values = try state.accountValues(market: market, account: account, at: 0)
                let debtPrice = TokenUnits.toDouble(try state.price(debtSource, at: 0), decimals: 18)
                let target = TokenUnits.toDouble(values.weightedCollateral, decimals: 18) / health / debtPrice
                let borrow = min(TokenUnits.fromDouble(target, decimals: debtDecimals),
                                 try state.maxBorrow(market: market, asset: debt, account: account, at: 0))
                guard borrow > 0 else { continue }
                try genesis(account, [.borrow(market: market, asset: debt, amount: .exact(borrow))], what: "\(name) borrow")
            } catch let error as WorldBuildError {
                throw error
            } catch {
                throw WorldBuildError("\(name): \(error)")
            }
        }
    }

    mutating func buildLiquidators() throws {
        guard let spec = scenario.liquidators else { return }
        let stream = RandomStream(replicationSeed: seed, name: "population:liquidators")
        for index in 0..<spec.count {
            let name = "liquidator-\(index)"
            let account = state.addAccount(named: name)
            try endow(account, spec.capital, stream)
            liquidators.append(Liquidator(
                name: name, account: account, market: marketIndices[spec.market]!,
                latency: spec.latency, gasPriceCap: spec.gasPriceCap.map { GasPriceProcess.wei(gwei: $0) },
                minProfit: spec.minProfit, priorityFee: GasPriceProcess.wei(gwei: spec.priorityFee), replicationSeed: seed))
        }
    }

    /// Runs `steps` for `account` at genesis (block 0, timestamp 0); a revert is a build error.
    private mutating func genesis(_ account: AccountID, _ steps: [Step], what: String) throws {
        var log: [StepRecord] = []
        let outcome = state.runSteps(of: Transaction(sender: account, agent: "genesis", steps: steps, submittedAt: 0),
                                     context: ExecutionContext(block: 0, timestamp: 0, recordSteps: false), log: &log)
        state.commit()
        guard outcome.isExecuted else { throw WorldBuildError("\(what): \(outcome)") }
    }

    /// A fraction as wad, exact for decimal text such as 0.8.
    static func wad(_ value: Double) -> UInt128 {
        (try? TokenUnits.parse("\(value)", decimals: 18)) ?? TokenUnits.fromDouble(value, decimals: 18)
    }
}
