import Foundation
import Agents
import GSL
import ProtocolModel

extension Scenario {
    /// The top-level keys of a scenario file.
    static let topLevelKeys: Set<String> = [
        "name", "description", "seed", "numeraire", "duration", "chain", "assets", "correlation",
        "shocks", "pools", "oracles", "lending_markets", "agents", "sweep", "search", "flash_loans",
        "reserves", "depots", "margin_venues", "stable_pools", "vaults", "perp_markets", "option_vaults",
    ]

    /// The sections keyed by scenario key paths (`pools.eth_usdc.fee: [0.001, 0.003]`): an
    /// override names one of their entries by quoting its key path
    /// (`--set 'sweep.parameters."pools.eth_usdc.fee"=null'`).
    static let sectionsKeyedByKeyPaths: Set<String> = ["sweep.parameters", "search.parameters"]

    /// Loads, merges (`extends:`), overrides (`--set`) and validates a scenario file.
    ///
    /// - Throws: ``InputError`` located at the offending key or value.
    public static func load(path: String, overrides: [String] = []) throws -> Scenario {
        let root = try ScenarioSource.loadResolvingExtends(path: path, chain: [], at: nil).withPaths("")
        return try decode(root, path: path, overrides: ScenarioOverride.set(overrides), valuesApart: false)
    }

    /// Loads a scenario with overrides that carry their origins: an error an override causes is
    /// reported at the flag or the scenario line it came from (``ScenarioOverride/Origin``).
    public static func load(path: String, with overrides: [ScenarioOverride]) throws -> Scenario {
        let root = try ScenarioSource.loadResolvingExtends(path: path, chain: [], at: nil).withPaths("")
        return try decode(root, path: path, overrides: overrides)
    }

    /// `root` (a merged tree with its paths) with `overrides` applied, decoded; errors located
    /// at their overrides' origins, the values' errors told apart unless `valuesApart` is false
    /// (``ScenarioSource/applyOverrides(_:to:valuesApart:)``). A required key missing from an
    /// entry an override created is reported as the override's (``ScenarioOverride/explained(_:by:in:)``).
    static func decode(_ root: InputNode, path: String, overrides: [ScenarioOverride], valuesApart: Bool = true) throws -> Scenario {
        var creations: [OverrideCreation] = []
        do {
            let tree = try ScenarioSource.applyOverrides(overrides.map(\.assignment), to: root, valuesApart: valuesApart,
                                                         creations: &creations)
            return try Scenario(root: tree, path: path)
        } catch let error as InputError {
            throw inherited(ScenarioOverride.located(ScenarioOverride.explained(error, by: creations, in: overrides), in: overrides),
                            path: path)
        }
    }

    /// `error` with a hint when it is located in a file that `path` extends: most often a key
    /// inherited from it that the extending file's changes make wrong (a Dutch auction's
    /// `start_premium` under the English auction a twin asks for), which a `null` removes.
    static func inherited(_ error: InputError, path: String) -> InputError {
        guard let location = error.location, location.file != SourceLocation.commandLine, location.file != path else { return error }
        var hinted = error
        hinted.message += " (inherited from \(location.file), which \(path) extends: if \(path) means to drop this key, "
            + "set it to null there)"
        return hinted
    }

    /// Decodes a scenario from scenario text (tests; `file` names it in messages).
    public static func parse(text: String, file: String, overrides: [String] = []) throws -> Scenario {
        let root = try ScenarioSource.parse(text: text, file: file)
        return try decode(root, path: file, overrides: ScenarioOverride.set(overrides), valuesApart: false)
    }

    /// Decodes and validates a merged scenario tree.
    public init(root: InputNode, path: String) throws {
        let map = try root.mapping(allowedKeys: Self.topLevelKeys)
        sourcePath = path
        let fileName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        name = try map.optional("name")?.string() ?? fileName
        description = try map.optional("description")?.string() ?? ""
        seed = try map.optional("seed").map { try $0.seed() }
        duration = try map.required("duration").positiveDuration()

        let assetsNode = try map.required("assets")
        let assetSpecs = try assetsNode.mappingEntries().map { entry in
            try AssetSpec(symbol: entry.key, node: entry.value, scenarioPath: path)
        }
        assets = assetSpecs
        guard !assetSpecs.isEmpty else { throw InputError("assets: at least one asset is required", at: assetsNode.location) }
        warnings += Self.replayStartWarnings(assetSpecs, assetsNode: assetsNode)
        var references = References(assets: Set(assetSpecs.map(\.symbol)), pools: [],
                                    decimals: Dictionary(assetSpecs.map { ($0.symbol, $0.decimals) }, uniquingKeysWith: { first, _ in first }))
        let asset: (InputNode) throws -> String = { [references] node in try references.asset(node) }

        let numeraireNode = map.optional("numeraire")
        numeraire = try numeraireNode.map { node in
            let text = try node.string()
            return text == "USD" ? text : try asset(node)
        } ?? "USD"

        chain = try ChainSpec(node: map.required("chain"), asset: asset)
        guard Double(chain.blockTime) <= duration else {
            throw InputError("duration: shorter than one block (\(chain.blockTime) s)", at: try map.required("duration").location)
        }
        guard duration / Double(chain.blockTime) < Double(Self.maximumBlocks + 1) else {
            throw InputError("duration: more than \(Self.maximumBlocks) blocks of \(chain.blockTime) s", at: try map.required("duration").location)
        }

        if let node = map.optional("correlation") {
            correlation = try Self.correlation(node, size: assets.count)
        } else {
            correlation = nil
        }

        // The last block's time (``blockCount`` blocks), for the closure below.
        let end = (duration / Double(chain.blockTime)).rounded(.down) * Double(chain.blockTime)
        var lateShocks: [(at: Double, node: InputNode)] = []
        shocks = try (map.optional("shocks")?.sequence() ?? []).map { node in
            let shock = try node.mapping(allowedKeys: ["at", "asset", "move", "over"])
            let atNode = try shock.required("at")
            let spec = ShockSpec(at: try atNode.duration(), asset: try asset(shock.required("asset")),
                                 move: try shock.required("move").double(min: -0.999_999, exclusiveMax: 1e6),
                                 over: try shock.optional("over")?.duration() ?? 0)
            // Valid (a `--set duration=…` that shortens a scenario for a quick look leaves its late
            // shocks behind), but the run never reaches it: said, not refused.
            if spec.at > end { lateShocks.append((spec.at, atNode)) }
            return spec
        }
        // One warning, at the first late shock, however many there are (a shortened benchmark
        // day leaves ten behind).
        if let (at, node) = lateShocks.first {
            let others = lateShocks.count - 1
            warnings.append(InputWarning("\(node.path): \(Self.seconds(at)) is after the run's last block at \(Self.seconds(end)) "
                                     + "(duration \(Self.seconds(duration))): "
                                     + (others == 0 ? "this shock never happens" : "this shock and \(others) other\(others == 1 ? "" : "s") never happen"),
                                     at: node.location))
        }

        let poolsNode = map.optional("pools")
        pools = try poolsNode?.mappingEntries().map { entry in
            try PoolSpec(id: entry.key, node: entry.value, assets: assetSpecs, asset: asset)
        } ?? []
        let poolSpecs = pools
        references.pools = Set(poolSpecs.map(\.id))
        try decodeStableSwap(map, references: &references)
        reserves = try map.optional("reserves").map { [references] in try ReserveSpec.decodeAll($0, references: references) } ?? []
        depots = try map.optional("depots").map { [references] in try DepotSpec.decodeAll($0, references: references) } ?? []
        references.reserves = Dictionary(reserves.map { ($0.id, $0.x) }, uniquingKeysWith: { first, _ in first })
        let referencesSoFar = references
        flashLoans = try map.optional("flash_loans").map { try FlashLoanSpec.decodeAll($0, references: referencesSoFar) } ?? []
        oracles = try map.optional("oracles").map { try OracleSpec.decodeAll($0, pools: poolSpecs, references: referencesSoFar) } ?? []
        let oracleSpecs = oracles
        marginVenues = try map.optional("margin_venues").map {
            try MarginVenueSpec.decodeAll($0, pools: poolSpecs, oracles: oracleSpecs, references: referencesSoFar)
        } ?? []
        perpMarkets = try map.optional("perp_markets").map { try PerpMarketSpec.decodeAll($0, oracles: oracleSpecs, references: referencesSoFar) } ?? []
        // A market may also list a pool's LP share token, `LP-<pool id>` (18 decimals), as collateral.
        var marketReferences = referencesSoFar
        for pool in poolSpecs {
            marketReferences.assets.insert(PoolSpec.shareSymbol(pool.id))
            marketReferences.decimals[PoolSpec.shareSymbol(pool.id)] = 18
        }
        addStableSwapShares(to: &marketReferences)
        let lendingReferences = marketReferences
        lendingMarkets = try map.optional("lending_markets")?.mappingEntries().map { entry in
            try LendingMarketSpec(id: entry.key, node: entry.value, oracles: oracleSpecs, references: lendingReferences)
        } ?? []
        warnings += oracleAssetWarnings(map)
        let marketSpecs = lendingMarkets, flashLoanSpecs = flashLoans
        let scenarioBeforeVaults = self
        optionVaults = try map.optional("option_vaults").map {
            try OptionVaultSpec.decodeAll($0, scenario: scenarioBeforeVaults, references: referencesSoFar)
        } ?? []
        let vaultSpecs = optionVaults

        arbitrageurs = nil
        liquidityProviders = nil
        noiseTraders = nil
        if let agentsNode = map.optional("agents") {
            let agents = try agentsNode.mapping(allowedKeys: ["arbitrageurs", "liquidity_providers", "noise_traders", "borrowers",
                                                              "liquidators", "attacker", "option_traders", "perp_liquidators"])
            arbitrageurs = try agents.optional("arbitrageurs").map { try ArbitrageurSpec(node: $0, references: references) }
            liquidityProviders = try agents.optional("liquidity_providers").map {
                try LiquidityProviderSpec(node: $0, references: references, blockTime: Double(chain.blockTime))
            }
            noiseTraders = try agents.optional("noise_traders").map {
                try NoiseTraderSpec(node: $0, references: references, allPools: poolSpecs.map(\.id))
            }
            borrowers = try agents.optional("borrowers").map { try BorrowerSpec(node: $0, markets: marketSpecs, references: references, scenarioPath: path) }
            liquidators = try agents.optional("liquidators").map {
                try LiquidatorSpec(node: $0, markets: marketSpecs, flashLoans: flashLoanSpecs, references: references)
            }
            optionTraders = try agents.optional("option_traders").map { node in
                guard !vaultSpecs.isEmpty else {
                    throw InputError("\(node.path): option traders need an option vault (option_vaults:)", at: node.location)
                }
                return try OptionTraderSpec(node: node, vaults: vaultSpecs, references: references)
            }
            let perpMarketSpecs = perpMarkets
            perpLiquidators = try agents.optional("perp_liquidators").map {
                try PerpLiquidatorSpec(node: $0, markets: perpMarketSpecs, references: references)
            }
            let scenarioSoFar = self
            attacker = try agents.optional("attacker").map { try AttackerSpec(node: $0, scenario: scenarioSoFar, references: references) }
        }
        sweep = try map.optional("sweep").map(ScenarioSweep.init(node:))
        search = try map.optional("search").map(SearchSpec.init(node:))
    }

    /// `file` as named in the scenario at `scenarioPath`: absolute as it is, else resolved
    /// against the scenario file's folder (and the working directory, for a relative scenario path).
    static func resolvedPath(_ file: String, scenarioPath: String) -> String {
        file.hasPrefix("/") ? file : URL(fileURLWithPath: scenarioPath).deletingLastPathComponent().appendingPathComponent(file).path
    }

    static func correlation(_ node: InputNode, size: Int) throws -> [[Double]] {
        let rows = try node.sequence()
        guard rows.count == size else {
            throw InputError("correlation: expected a \(size)×\(size) matrix (one row per asset), got \(rows.count) rows", at: node.location)
        }
        let cells = try rows.map { row in
            let cells = try row.sequence()
            guard cells.count == size else {
                throw InputError("\(row.path): expected \(size) entries, got \(cells.count)", at: row.location)
            }
            return cells
        }
        let matrix = try cells.map { try $0.map { try $0.double(in: -1...1) } }
        // The reference market's own check, located here: it would otherwise stop every
        // replication of a run, with no place in the file.
        do {
            try ReferenceMarketSpec.checkCorrelation(matrix, size: size)
        } catch {
            switch error {
            case .correlationNotSymmetric(let row, let column):
                throw InputError("\(cells[row][column].path): \(matrix[row][column]) differs from \(cells[column][row].path) "
                                 + "(\(matrix[column][row])): a correlation matrix is symmetric", at: cells[row][column].location)
            case .correlationDiagonal(let index):
                throw InputError("\(cells[index][index].path): a diagonal entry must be 1 (an asset's correlation with itself), got "
                                 + "\(matrix[index][index])", at: cells[index][index].location)
            case .correlationNotPositiveDefinite(let pivot):
                throw InputError("\(rows[pivot].path): the correlation matrix is not positive definite: no set of assets can have "
                                 + "these correlations together (the Cholesky factorisation fails at this row)", at: rows[pivot].location)
            default:
                throw InputError("correlation: \(error)", at: node.location)
            }
        }
        return matrix
    }
}

extension ChainSpec {
    init(node: InputNode, asset: (InputNode) throws -> String) throws {
        let map = try node.mapping(allowedKeys: ["native_asset", "block_time", "block_gas_limit", "gas_price", "gas_units"])
        nativeAsset = try asset(map.required("native_asset"))
        if let blockTimeNode = map.optional("block_time") {
            let seconds = try blockTimeNode.positiveDuration()
            guard seconds == seconds.rounded(), seconds >= 1, seconds <= 86_400 else {
                throw InputError("\(blockTimeNode.path): block time must be a whole number of seconds in [1s, 1d]", at: blockTimeNode.location)
            }
            blockTime = Int64(seconds)
        }
        if let limit = map.optional("block_gas_limit") {
            blockGasLimit = UInt64(try limit.int(in: 21_000...1_000_000_000_000))
        }
        if let gasNode = map.optional("gas_price") {
            gasPrice = try Self.gasPrice(gasNode)
        }
        if let unitsNode = map.optional("gas_units") {
            let units = try unitsNode.mapping(allowedKeys: Set(GasSchedule.entries.map(\.key)))
            for (key, field) in GasSchedule.entries {
                if let node = units.optional(key) { gasUnits[keyPath: field] = UInt64(try node.int(in: 0...100_000_000)) }
            }
        }
    }

    /// `gas_price`: a number (gwei), `{dist: …}` drawn per block,
    /// `{model: mean-reverting, mean, volatility, half_life}` or
    /// `{model: eip1559, initial, target, max_change, floor}`.
    static func gasPrice(_ node: InputNode) throws -> GasPriceModel {
        if node.kind == .mapping, let model = try node.mappingEntries().first(where: { $0.key == "model" }) {
            if let dist = try node.mappingEntries().first(where: { $0.key == "dist" }) {
                // Most often a file that `extends:` one with a gas price model asks for a
                // distribution, and the deep merge kept the base's `model:` beside its `dist:`.
                let origin = model.keyLocation.file == dist.keyLocation.file ? ""
                    : " (`model` comes from \(model.keyLocation.file), which \(dist.keyLocation.file) extends: to switch to a distribution, "
                        + "set `model: null` there and null the model's other keys)"
                throw InputError("\(node.path): a gas price is a `model:` or a `{dist: …}`, not both\(origin)", at: dist.keyLocation)
            }
            let modelNode = try node.mapping(allowedKeys: ["model", "mean", "volatility", "half_life", "initial", "target",
                                                           "max_change", "floor"]).required("model")
            switch try modelNode.string() {
            case "mean-reverting":
                let map = try node.mapping(allowedKeys: ["model", "mean", "volatility", "half_life"])
                return .meanReverting(meanGwei: try map.required("mean").positiveDouble(),
                                      volatility: try map.required("volatility").double(in: 0...100),
                                      halfLife: try map.required("half_life").positiveDuration())
            case "eip1559":
                let map = try node.mapping(allowedKeys: ["model", "initial", "target", "max_change", "floor"])
                return .eip1559(initialGwei: try map.required("initial").double(in: 0...1e6),
                                target: try map.optional("target")?.double(min: 0.01, exclusiveMax: 1.000_001) ?? 0.5,
                                maxChange: try map.optional("max_change")?.double(in: 0...1) ?? 0.125,
                                floorGwei: try map.optional("floor")?.double(in: 0...1e6) ?? 0)
            default:
                throw InputError("\(modelNode.path): unknown gas price model '\(try modelNode.string())'; expected mean-reverting or eip1559 (or a number, or a {dist: …})",
                                 at: modelNode.location)
            }
        }
        let distribution = try node.distribution()
        if case .constant(let value) = distribution {
            guard value >= 0, value <= 1e6 else {
                throw InputError("\(node.path): gas price must be in [0, 1e6] gwei", at: node.location)
            }
            return .constant(gwei: value)
        }
        return .perBlock(distribution)
    }
}

extension Scenario {
    /// A warning for each replayed asset whose `price` is not its replay's price at time 0: the
    /// pools, positions and capital are built at `price`, the reference path starts at the
    /// replay's, so the run opens with a gap between them that nothing in the scenario asked for.
    static func replayStartWarnings(_ assets: [AssetSpec], assetsNode: InputNode) -> [InputWarning] {
        assets.compactMap { asset in
            guard case .replay(let replay) = asset.process else { return nil }
            let start = replay.price(at: 0)
            guard abs(start / asset.price - 1) > 1e-9, let priceNode = assetsNode.child(asset.symbol)?.child("price") else { return nil }
            return InputWarning("\(priceNode.path): \(Self.number(asset.price)) is not the replay's price at time 0 (\(Self.number(start))): "
                                + "pools, positions and capital are set up at \(Self.number(asset.price)), the reference price starts at "
                                + "\(Self.number(start))", at: priceNode.location)
        }
    }
}

extension AssetSpec {
    init(symbol: String, node: InputNode, scenarioPath: String) throws {
        let map = try node.mapping(allowedKeys: ["decimals", "price", "process"])
        self.symbol = symbol
        decimals = try map.optional("decimals")?.int(in: 0...36) ?? 18
        price = try map.required("price").double(min: 1e-12, exclusiveMax: 1e15)
        let processNode = map.optional("process")
        process = try processNode.map { try Self.process($0, scenarioPath: scenarioPath) } ?? .gbm(drift: 0, volatility: 0)
        replayFile = try processNode.flatMap { node in
            try node.mapping(allowedKeys: ["model", "drift", "volatility", "jump_intensity", "jump_mean", "jump_std", "file"])
                .optional("file")?.string()
        }.map { Scenario.resolvedPath($0, scenarioPath: scenarioPath) }
    }

    /// `process: {model: gbm|jump-diffusion|replay|constant, …}`.
    static func process(_ node: InputNode, scenarioPath: String) throws -> PriceProcess {
        let map = try node.mapping(allowedKeys: ["model", "drift", "volatility", "jump_intensity", "jump_mean", "jump_std", "file"])
        let modelNode = try map.required("model")
        let model = try modelNode.string()
        func allow(_ keys: Set<String>) throws {
            for key in map.keys where key != "model" && !keys.contains(key) {
                throw InputError("\(node.path).\(key): not a parameter of model '\(model)' (parameters: \(keys.sorted().joined(separator: ", ")))",
                                 at: map.optional(key)?.location ?? node.location)
            }
        }
        func drift() throws -> Double { try map.optional("drift")?.double(in: -10...10) ?? 0 }
        func volatility() throws -> Double { try map.optional("volatility")?.double(in: 0...20) ?? 0 }
        switch model {
        case "constant":
            try allow([])
            return .gbm(drift: 0, volatility: 0)
        case "gbm":
            try allow(["drift", "volatility"])
            return .gbm(drift: try drift(), volatility: try volatility())
        case "jump-diffusion":
            try allow(["drift", "volatility", "jump_intensity", "jump_mean", "jump_std"])
            return .jumpDiffusion(drift: try drift(), volatility: try volatility(),
                                  jumpIntensity: try map.required("jump_intensity").double(in: 0...1e6),
                                  jumpMean: try map.optional("jump_mean")?.double(in: -10...10) ?? 0,
                                  jumpStdDev: try map.optional("jump_std")?.double(in: 0...10) ?? 0)
        case "replay":
            try allow(["file"])
            let fileNode = try map.required("file")
            let resolved = Scenario.resolvedPath(try fileNode.string(), scenarioPath: scenarioPath)
            do {
                return .replay(try PriceReplay.load(path: resolved))
            } catch {
                throw InputError("\(fileNode.path): \(error)", at: fileNode.location)
            }
        default:
            throw InputError("\(modelNode.path): unknown price model '\(model)'\(Suggestion.didYouMean(model, in: ["constant", "gbm", "jump-diffusion", "replay"]))",
                             at: modelNode.location)
        }
    }
}

extension PoolSpec {
    init(id: String, node: InputNode, assets: [AssetSpec], asset: (InputNode) throws -> String) throws {
        let map = try node.mapping(allowedKeys: ["token0", "token1", "reserve0", "reserve1", "fee"])
        self.id = id
        let token0Node = try map.required("token0"), token1Node = try map.required("token1")
        let symbol0 = try asset(token0Node), symbol1 = try asset(token1Node)
        token0 = symbol0
        token1 = symbol1
        guard symbol0 != symbol1 else { throw InputError("\(token1Node.path): a pool needs two different assets", at: token1Node.location) }
        let reserve0Node = try map.required("reserve0")
        reserve0 = try reserve0Node.decimalText()
        fee = try map.optional("fee")?.feeInMillionths() ?? 0.003
        guard let spec0 = assets.first(where: { $0.symbol == symbol0 }), let spec1 = assets.first(where: { $0.symbol == symbol1 }) else {
            throw InputError("\(node.path): unknown asset", at: node.location)
        }
        let raw0 = try Self.raw(reserve0, decimals: spec0.decimals, node: reserve0Node)
        guard raw0 > 0 else { throw Self.zeroReserve(reserve0, of: spec0, at: reserve0Node) }
        if let node = map.optional("reserve1") {
            reserve1 = try node.decimalText()
            guard try Self.raw(reserve1, decimals: spec1.decimals, node: node) > 0 else { throw Self.zeroReserve(reserve1, of: spec1, at: node) }
        } else {
            reserve1 = try Self.derivedReserve1(raw0: raw0, token0: spec0, token1: spec1, poolPath: node.path, reserve0Node: reserve0Node)
        }
    }

    /// Whole-token text → raw units, with a located error.
    static func raw(_ text: String, decimals: Int, node: InputNode) throws -> UInt128 {
        do {
            return try TokenUnits.parse(text, decimals: decimals)
        } catch {
            throw InputError("\(node.path): \(error)", at: node.location)
        }
    }

    /// A non-negative whole-token amount as exact decimal text, checked against the asset's decimals.
    static func amountText(_ node: InputNode, decimals: Int) throws -> String {
        let text = try node.decimalText()
        _ = try raw(text, decimals: decimals, node: node)
        return text
    }

    /// A positive whole-token amount as exact decimal text, checked against the asset's decimals;
    /// `refusal` words the error for a zero amount (it gets the text read).
    static func positiveAmountText(_ node: InputNode, decimals: Int,
                                   refusal: (_ text: String) -> String = { "expected a positive token amount, got \($0)" }) throws -> String {
        let text = try amountText(node, decimals: decimals)
        guard try raw(text, decimals: decimals, node: node) > 0 else {
            throw InputError("\(node.path): \(refusal(text))" + roundedDown(text, decimals: decimals), at: node.location)
        }
        return text
    }
}

extension ArbitrageurSpec {
    init(node: InputNode, references: References) throws {
        let map = try node.mapping(allowedKeys: ["count", "capital", "latency", "min_profit", "priority_fee", "slippage", "sizing", "participation"])
        count = try map.required("count").int(in: 0...10_000)
        capital = try Self.capital(map.required("capital"), references: references)
        latency = try map.optional("latency")?.delayDistribution() ?? .constant(0)
        minProfit = try map.optional("min_profit")?.double(in: 0...1e12) ?? 0
        priorityFee = try map.optional("priority_fee")?.double(in: 0...1e6) ?? 1
        slippage = try map.optional("slippage")?.double(min: 0, exclusiveMax: 1) ?? 0.001
        sizing = try map.choice("sizing", from: ArbitrageSizing.allCases.map(\.rawValue), default: ArbitrageSizing.decision.rawValue)
        participation = try map.optional("participation")?.double(exclusiveMin: 0, max: 1) ?? 1
    }

    /// Refuses, at `node`, a genesis outlay of `raw` units of `asset` (written `written`) that each
    /// agent of a population with `capital` makes, when the capital cannot pay it: it holds none
    /// of `asset`, or a constant amount below it (a drawn capital may fall short only sometimes,
    /// which the build reports). `agent`, `verb`, `outlay`: "trader", "posts", "margin".
    static func requireCapital(_ capital: CapitalSpec, for raw: UInt128, of asset: String, written: String, decimals: Int,
                               at node: InputNode, agent: String, verb: String, outlay: String) throws {
        guard raw > 0 else { return }
        guard let held = capital.first(where: { $0.symbol == asset })?.amount else {
            throw InputError("\(node.path): \(outlay) is in \(asset), which the \(agent)s' capital does not hold", at: node.location)
        }
        if case .constant(let amount) = held, TokenUnits.fromDecimal(amount, decimals: decimals) < raw {
            throw InputError("\(node.path): each \(agent) \(verb) \(written) \(asset) but its capital holds only \(InputNode.format(amount))",
                             at: node.location)
        }
    }

    /// `capital: {SYMBOL: amount | {dist: …}}` — whole tokens per agent.
    static func capital(_ node: InputNode, references: References) throws -> CapitalSpec {
        try node.mappingEntries().map { entry in
            let symbol = try references.asset(entry.key, at: entry.keyLocation, path: "\(node.path).\(entry.key)")
            let distribution = try entry.value.distribution()
            guard distribution.lowerBound >= 0 else {
                throw InputError("\(entry.value.path): capital cannot be negative", at: entry.value.location)
            }
            let scale = (0..<(references.decimals[symbol] ?? 18)).reduce(1.0) { value, _ in value * 10 }
            guard distribution.upperBound.isInfinite || distribution.upperBound * scale < 0x1p112 else {
                throw InputError("\(entry.value.path): \(distribution.upperBound) \(symbol) exceeds the 2^112 raw-unit limit", at: entry.value.location)
            }
            return (symbol, distribution)
        }
    }
}

extension LiquidityProviderSpec {
    /// - Parameter blockTime: the chain's block time (seconds): the volatility window, which
    ///   holds one return per block, must span at least two blocks.
    init(node: InputNode, references: References, blockTime: Double) throws {
        let map = try node.mapping(allowedKeys: ["count", "pool", "capital", "volatility_window", "volatility_threshold", "cooldown", "priority_fee"])
        count = try map.required("count").int(in: 0...10_000)
        pool = try references.pool(map.required("pool"))
        capital = try ArbitrageurSpec.capital(map.required("capital"), references: references)
        let windowNode = map.optional("volatility_window")
        volatilityWindow = try windowNode?.positiveDuration() ?? 3_600
        // The window holds one return per block, and a block lasts at least a second.
        if let windowNode, volatilityWindow > Double(Scenario.maximumBlocks) {
            throw windowNode.error("at most \(Scenario.maximumBlocks)s (one return is kept per block)")
        }
        let window = volatilityWindow
        guard window >= blockTime * 2 else {
            throw InputError("\(node.path).volatility_window: \(windowNode == nil ? "the default " : "")\(Scenario.seconds(window)) must span at least two blocks (chain.block_time is \(Scenario.seconds(blockTime)))",
                             at: (windowNode ?? node).location)
        }
        volatilityThreshold = try map.optional("volatility_threshold")?.positiveDouble() ?? 1.5
        cooldown = try map.optional("cooldown")?.duration() ?? 3_600
        priorityFee = try map.optional("priority_fee")?.double(in: 0...1e6) ?? 1
    }
}

extension NoiseTraderSpec {
    init(node: InputNode, references: References, allPools: [String]) throws {
        let map = try node.mapping(allowedKeys: ["count", "pools", "rate", "size", "size_asset", "capital", "slippage", "priority_fee",
                                                 "gas_price_cap"])
        count = try map.required("count").int(in: 0...100_000)
        pools = try map.optional("pools")?.sequence().map(references.pool) ?? allPools
        rate = try map.required("rate").double(min: 1e-9, exclusiveMax: 1e6)
        size = try map.required("size").distribution()
        sizeAsset = try map.optional("size_asset").map { try references.asset($0) }
        capital = try ArbitrageurSpec.capital(map.required("capital"), references: references)
        slippage = try map.optional("slippage")?.double(min: 0, exclusiveMax: 1) ?? 0.05
        priorityFee = try map.optional("priority_fee")?.double(in: 0...1e6) ?? 1
        gasPriceCap = try map.optional("gas_price_cap")?.double(in: 0...1e6)
    }
}
