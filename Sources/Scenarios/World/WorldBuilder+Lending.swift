import Agents
import GSL
import ProtocolModel

/// Oracles, lending markets, borrowers and liquidators, built after the pools and the other
/// populations. Genesis positions obey every market rule at timestamp 0: suppliers' deposits are
/// ordinary steps, borrowers' deposits and borrows go through
/// ``ProtocolState/openGenesisPositions(market:_:at:)``, which applies the steps' rules in bulk.
extension WorldBuilder {
    /// Registers the scenario's oracles in order, with their keepers (push nodes, TWAP
    /// updaters, each an account funded with `keeper_balance` of the native asset), then the
    /// oracles that price lending-market assets for `max_oracle_deviation`.
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
            case .keeperTwap(let twap):
                let venue = poolIndices[twap.pool]!
                index = state.addKeeperTwapOracle(name: spec.id, unit: spec.unit, pool: venue,
                                                  baseIsToken0: state.pools[venue].token0 == assetIDs[twap.base],
                                                  window: Int64(twap.window), timestamp: 0)
                if let interval = twap.interval {
                    let account = try oracleKeeper(spec.id, twap.keeper)
                    oracleKeepers.twapUpdaters.append(OracleKeepers.TwapUpdater(
                        oracle: index, account: account, agent: AgentTag("oracle-keeper:\(spec.id)"), interval: interval,
                        priorityFee: GasPriceProcess.wei(gwei: twap.keeper.priorityFee), due: interval))
                }
            case .push(let push):
                let account = try oracleKeeper(spec.id, push.keeper)
                let source = scenario.assetIndex(push.source)!, unit = scenario.assetIndex(spec.unit)
                let initial = market.price(asset: source, block: 0) / (unit.map { market.price(asset: $0, block: 0) } ?? 1)
                let parameters = PushOracleParameters(
                    deviation: Self.wad(push.deviation), heartbeat: Int64(push.heartbeat.rounded(.up)), latency: push.latency,
                    noise: push.noise, priorityFee: GasPriceProcess.wei(gwei: push.keeper.priorityFee))
                index = state.addPushOracle(name: spec.id, unit: spec.unit, keeper: account, parameters: parameters,
                                            answer: TokenUnits.fromDouble(initial, decimals: 18), timestamp: 0)
                oracleKeepers.push.append(OracleKeepers.Push(
                    keeper: PushOracleKeeper(oracle: index, agent: AgentTag("oracle-keeper:\(spec.id)")), source: source, unit: unit,
                    stream: RandomStream(replicationSeed: seed, name: "oracle:\(spec.id)")))
            case .lp(let lp):
                let venue = poolIndices[lp.pool]!
                let token1 = oracleIndices[lp.token1Oracle]!
                let kind: OracleKind = lp.fair
                    ? .lpFair(pool: venue, oracle0: oracleIndices[lp.token0Oracle!]!, oracle1: token1)
                    : .lpNaive(pool: venue, token1Oracle: token1)
                index = state.addOracle(name: spec.id, unit: spec.unit, kind: kind)
            case .median(let members):
                index = state.addOracle(name: spec.id, unit: spec.unit, kind: .median(members.map { oracleIndices[$0]! }))
            case .lowest(let members):
                index = state.addOracle(name: spec.id, unit: spec.unit, kind: .lowest(members.map { oracleIndices[$0]! }))
            case .constant(let value):
                index = state.addOracle(name: spec.id, unit: spec.unit, kind: .constant(Self.wad(value)))
            case .reserve(let reserve):
                index = state.addReserveOracle(name: spec.id, reserve: reserveIndices[reserve]!)
            case .stableSpot, .vaultShare, .stableLP:
                index = stableSwapOracle(spec)
            }
            oracleIndices[spec.id] = index
        }
        for spec in scenario.lendingMarkets {
            let unit = scenario.assetIndex(spec.unit)
            guard unit != nil || spec.unit == "USD" else { continue }  // no reference price for the unit
            // A constant-product pool's LP share is compared with its fair price; other shares (a
            // stable pool's, a vault's) have no reference price: their oracles are not watched.
            for asset in spec.assets {
                let priced: OracleKeepers.Priced
                if let assetIndex = scenario.assetIndex(asset.symbol) {
                    priced = .marketAsset(assetIndex)
                } else if let pool = scenario.pools.first(where: { PoolSpec.shareSymbol($0.id) == asset.symbol }) {
                    priced = .poolShare(poolIndices[pool.id]!)
                } else {
                    continue
                }
                let watched = OracleKeepers.Watched(oracle: oracleIndices[asset.oracle]!, asset: priced, unit: unit)
                if !oracleKeepers.watched.contains(watched) { oracleKeepers.watched.append(watched) }
            }
        }
    }

    /// The account sending oracle `id`'s transactions, funded to pay gas.
    private mutating func oracleKeeper(_ id: String, _ spec: OracleKeeperSpec) throws -> AccountID {
        let account = state.addAccount(named: "oracle-keeper:\(id)")
        oracleKeeperAccounts.append(account)
        let native = chainConfig.nativeAsset
        try endow(account, native, TokenUnits.fromDecimal(spec.balance, decimals: scenario.assets[native.index].decimals))
        return account
    }

    /// A market asset's oracle with its guards (``PriceSource``).
    func priceSource(_ asset: MarketAssetSpec) -> PriceSource {
        let guards = asset.guards
        return PriceSource(oracle: oracleIndices[asset.oracle]!, maxAge: guards.maxAge.map { Int64($0.rounded(.down)) },
                           fallback: guards.fallback.map { oracleIndices[$0]! }, maxDeviation: guards.maxDeviation.map(Self.wad),
                           onDeviation: guards.pauseOnDeviation ? .pause : .useFallback)
    }

    mutating func buildLendingMarkets() throws {
        for spec in scenario.lendingMarkets {
            let fund = state.addAccount(named: "insurance:\(spec.id)")
            for (symbol, amount) in spec.insuranceFund { try endow(fund, assetIDs[symbol]!, raw(amount, assetIDs[symbol]!)) }
            let configs = spec.assets.map { asset in
                let id = assetIDs[asset.symbol]!
                let decimals = state.ledger.assets[id.index].decimals  // an LP share is not a scenario asset
                return MarketAssetConfig(
                    asset: id, price: priceSource(asset),
                    collateralFactor: Self.wad(asset.collateralFactor), liquidationThreshold: Self.wad(asset.liquidationThreshold),
                    liquidationBonus: Self.wad(asset.bonus),
                    supplyCap: asset.supplyCap.map { TokenUnits.fromDecimal($0, decimals: decimals) },
                    borrowCap: asset.borrowCap.map { TokenUnits.fromDecimal($0, decimals: decimals) },
                    borrowable: asset.borrowable, interest: Self.interestModel(asset.interest))
            }
            let market: Int
            do {
                market = try state.addLendingMarket(name: spec.id, unit: spec.unit, mode: spec.isolated ? .isolated : .cross,
                                                    closeFactor: Self.wad(spec.closeFactor), insuranceFund: fund,
                                                    assets: configs, liquidation: Self.mechanism(spec.liquidation), timestamp: 0)
                try state.configureDefences(market: market, defences(spec))
            } catch {
                throw WorldBuildError("lending market \(spec.id): \(text(of: error))")
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
    /// and the market's cash), all in one ``ProtocolState/openGenesisPositions(market:_:at:)``.
    /// The accounts ("borrower-0", "borrower-1", …) are registered at once; the borrowers are
    /// returned as agents only when they react (`reacting`): otherwise they never act.
    mutating func buildDrawnBorrowers(_ spec: BorrowerDraws, count: Int, market: Int, reacting: Bool) throws -> [Borrower] {
        let stream = RandomStream(replicationSeed: seed, name: "population:borrowers")
        let collateral = assetIDs[spec.collateral]!, debt = assetIDs[spec.debt]!
        let accounts = state.addAccounts(count: count, prefix: "borrower-")
        let collateralDecimals = scenario.assets[collateral.index].decimals
        // A written amount is the decimal written (0.3), as for capital; a drawn one, the double drawn.
        let writtenAmount: UInt128? = if case .constant(let amount) = spec.amount {
            TokenUnits.fromDecimal(amount, decimals: collateralDecimals)
        } else { nil }
        // NOTE: the rows and the accounts' list written in place, not appended (a capacity and
        // uniqueness check each): ≈ 20 instructions a borrower less (callgrind, benchmark-day).
        var ids: [AccountID] = []
        let rows = [GenesisPosition](unsafeUninitializedCapacity: count) { rows, initializedRows in
            ids = [AccountID](unsafeUninitializedCapacity: count) { ids, initializedIDs in
                for (row, account) in accounts.enumerated() {
                    let amount = writtenAmount ?? TokenUnits.fromDouble(max(0, spec.amount.sample(stream)), decimals: collateralDecimals)
                    let health = max(1e-6, spec.health.sample(stream))
                    ids.initializeElement(at: row, to: AccountID(account))
                    rows.initializeElement(at: row, to: GenesisPosition(account: AccountID(account), collateral: collateral,
                                                                        collateralAmount: amount, debt: debt, borrow: .health(health)))
                }
                initializedIDs = count
            }
            initializedRows = count
        }
        borrowerAccounts.append(contentsOf: ids)
        do {
            try state.openGenesisPositions(market: market, rows, at: 0)
        } catch {
            throw Self.buildError(error, name: "borrower-\(error.row)", assets: state.ledger.assets)
        }
        if let note = Self.genesisShortfall(state, market: market, debt: debt, borrowers: ids) { notes.append(note) }
        guard reacting else { return [] }
        return ids.map {
            Borrower(name: state.ledger.accountNames[$0.index], account: $0, market: market, collateral: collateral, debt: debt)
        }
    }

    /// The error a refused genesis row gave as ordinary transactions (``genesis(_:_:what:)``):
    /// `endowment: …`, `[<name> ]deposit reverted: <reason>`, `<name>: <valuation error>` or
    /// `[<name> ]borrow reverted: <reason>` (a snapshot row's message has no name: its location
    /// says it), amounts in their assets' units (`assets`: the ledger's).
    static func buildError(_ refusal: GenesisRefusal, name: String?, assets: [Asset]) -> WorldBuildError {
        let prefix = name.map { "\($0) " } ?? ""
        switch refusal.failure {
        case .endowment(let error): return WorldBuildError("endowment: \(error.text(assets: assets))")
        case .deposit(let reason): return WorldBuildError("\(prefix)deposit reverted: \(reason.text(assets: assets))")
        case .valuation(let reason): return WorldBuildError("\(name ?? "genesis"): \(reason.text(assets: assets))")
        case .debtPrice(let error): return WorldBuildError("\(name ?? "genesis"): \(error)")
        case .borrow(let reason): return WorldBuildError("\(prefix)borrow reverted: \(reason.text(assets: assets))")
        }
    }

    mutating func buildLiquidators() throws {
        guard let spec = scenario.liquidators else { return }
        notes += Self.liquidatorNotes(spec, scenario: scenario)
        let stream = RandomStream(replicationSeed: seed, name: "population:liquidators")
        for index in 0..<spec.count {
            let name = "liquidator-\(index)"
            let account = state.addAccount(named: name)
            try endow(account, spec.capital, stream)
            liquidators.append(Liquidator(
                name: name, account: account, market: marketIndices[spec.market]!,
                latency: spec.latency, gasPriceCap: index < spec.zeroBidders ? nil : spec.gasPriceCap.map { GasPriceProcess.wei(gwei: $0) },
                minProfit: spec.minProfit, priorityFee: GasPriceProcess.wei(gwei: spec.priorityFee),
                funding: liquidatorFunding(spec), sellsAtLoss: spec.sellsAtLoss, bidMargin: spec.bidMargin,
                zeroBidder: index < spec.zeroBidders, replicationSeed: seed))
        }
    }

    /// Runs `steps` for `account` at genesis (block 0, timestamp 0); a revert is a build error.
    mutating func genesis(_ account: AccountID, _ steps: [Step], what: String) throws {
        var log: [StepRecord] = []
        let outcome = state.runSteps(of: Transaction(sender: account, agent: "genesis", steps: steps, submittedAt: 0),
                                     context: ExecutionContext(block: 0, timestamp: 0, recordSteps: false), log: &log)
        state.commit()
        guard outcome.isExecuted else {
            guard case .reverted(_, let reason) = outcome else { throw WorldBuildError("\(what): \(outcome)") }
            throw WorldBuildError("\(what) reverted: \(reason.text(assets: state.ledger.assets))")
        }
    }

    /// A fraction as wad, exact for decimal text such as 0.8.
    static func wad(_ value: Double) -> UInt128 {
        TokenUnits.fromDecimal(value, decimals: 18)
    }
}
