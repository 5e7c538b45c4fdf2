import GSL
import ProtocolModel

extension Scenario {
    /// The scenario as YAML with every default filled in and every override applied: what
    /// `advsim validate` prints and manifest.json records. Loading it again gives the same
    /// scenario.
    public func resolvedYAML() -> String {
        var lines: [String] = []
        lines.append("name: \(Self.quote(name))")
        lines.append("description: \(Self.quote(description))")
        if let seed { lines.append("seed: \(seed)") }
        lines.append("numeraire: \(numeraire)")
        lines.append("duration: \(Self.seconds(duration))")
        lines.append("chain:")
        lines.append("  native_asset: \(chain.nativeAsset)")
        lines.append("  block_time: \(chain.blockTime)s")
        lines.append("  block_gas_limit: \(chain.blockGasLimit)")
        lines.append("  gas_price: \(Self.render(chain.gasPrice))")
        let units = GasSchedule.entries.map { "\($0.key): \(chain.gasUnits[keyPath: $0.field])" }
        lines.append("  gas_units: {\(units.joined(separator: ", "))}")
        lines.append("assets:")
        for asset in assets {
            lines.append("  \(asset.symbol): {decimals: \(asset.decimals), price: \(Self.number(asset.price)), process: \(Self.render(asset.process, file: asset.replayFile))}")
        }
        if let correlation {
            lines.append("correlation:")
            for row in correlation { lines.append("  - [\(row.map(Self.number).joined(separator: ", "))]") }
        }
        lines.append(shocks.isEmpty ? "shocks: []" : "shocks:")
        for shock in shocks {
            lines.append("  - {at: \(Self.seconds(shock.at)), asset: \(shock.asset), move: \(Self.number(shock.move)), over: \(Self.seconds(shock.over))}")
        }
        lines.append(pools.isEmpty ? "pools: {}" : "pools:")
        for pool in pools {
            lines.append("  \(pool.id): {token0: \(pool.token0), token1: \(pool.token1), reserve0: \(pool.reserve0), reserve1: \(pool.reserve1), fee: \(Self.number(pool.fee))}")
        }
        lines += renderedFlashLoans()
        lines += renderedStableSwap()
        lines += renderedVenues()
        lines += renderedPerpMarkets()
        lines += renderedLendingSections()
        lines += renderedOptionVaults()
        lines.append("agents:")
        if let spec = arbitrageurs {
            lines.append("  arbitrageurs:")
            lines.append("    count: \(spec.count)")
            lines.append("    capital: \(Self.render(spec.capital))")
            lines.append("    latency: \(Self.render(spec.latency))")
            lines.append("    min_profit: \(Self.number(spec.minProfit))")
            lines.append("    priority_fee: \(Self.number(spec.priorityFee))")
            lines.append("    slippage: \(Self.number(spec.slippage))")
            lines.append("    sizing: \(spec.sizing)")
            lines.append("    participation: \(Self.number(spec.participation))")
        }
        if let spec = liquidityProviders {
            lines.append("  liquidity_providers:")
            lines.append("    count: \(spec.count)")
            lines.append("    pool: \(spec.pool)")
            lines.append("    capital: \(Self.render(spec.capital))")
            lines.append("    volatility_window: \(Self.seconds(spec.volatilityWindow))")
            lines.append("    volatility_threshold: \(Self.number(spec.volatilityThreshold))")
            lines.append("    cooldown: \(Self.seconds(spec.cooldown))")
            lines.append("    priority_fee: \(Self.number(spec.priorityFee))")
        }
        if let spec = noiseTraders {
            lines.append("  noise_traders:")
            lines.append("    count: \(spec.count)")
            lines.append("    pools: [\(spec.pools.joined(separator: ", "))]")
            lines.append("    rate: \(Self.number(spec.rate))")
            lines.append("    size: \(Self.render(spec.size))")
            if let asset = spec.sizeAsset { lines.append("    size_asset: \(asset)") }
            lines.append("    capital: \(Self.render(spec.capital))")
            lines.append("    slippage: \(Self.number(spec.slippage))")
            lines.append("    priority_fee: \(Self.number(spec.priorityFee))")
            if let cap = spec.gasPriceCap { lines.append("    gas_price_cap: \(Self.number(cap))") }
        }
        lines += renderedLendingAgents()
        lines += renderedOptionTraders()
        lines += renderedPerpLiquidators()
        lines += renderedAttacker()
        if lines.last == "agents:" { lines[lines.count - 1] = "agents: {}" }
        if let sweep, !sweep.parameters.isEmpty {
            lines.append("sweep:")
            if let design = sweep.design { lines.append("  design: \(design)") }
            lines.append("  parameters:")
            for parameter in sweep.parameters {
                lines.append("    \(parameter.keyPath): \(Self.renderedSpec(parameter))")
            }
        }
        if let search { lines += search.renderedLines() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A swept key's values as the file wrote them: a YAML list as a flow list of its items
    /// (`["0.001", "0.003"]`), a spec written as one scalar (`lin:0:1:5`, `0.001,0.003`) quoted.
    static func renderedSpec(_ parameter: ScenarioSweep.Parameter) -> String {
        let items = parameter.spec.split(separator: ",", omittingEmptySubsequences: false)
        // A list item holding a comma cannot be told from two items: the joined spec, quoted.
        guard !parameter.itemLocations.isEmpty, items.count == parameter.itemLocations.count else { return quote(parameter.spec) }
        return "[" + items.map { quote(String($0)) }.joined(separator: ", ") + "]"
    }

    static func quote(_ text: String) -> String {
        "\"" + text.flatMap { $0 == "\"" ? ["\\", "\""] : $0 == "\\" ? ["\\", "\\"] : [$0] } + "\""
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    static func seconds(_ value: Double) -> String { number(value) + "s" }

    static func render(_ distribution: Distribution) -> String {
        switch distribution {
        case .constant(let value): return number(value)
        case .uniform(let min, let max): return "{dist: uniform, min: \(number(min)), max: \(number(max))}"
        case .normal(let mean, let sd): return "{dist: normal, mean: \(number(mean)), sd: \(number(sd))}"
        case .lognormal(let mu, let sigma): return "{dist: lognormal, mu: \(number(mu)), sigma: \(number(sigma))}"
        case .exponential(let mean): return "{dist: exponential, mean: \(number(mean))}"
        case .poisson(let mean): return "{dist: poisson, mean: \(number(mean))}"
        case .gamma(let shape, let scale): return "{dist: gamma, shape: \(number(shape)), scale: \(number(scale))}"
        case .beta(let a, let b): return "{dist: beta, a: \(number(a)), b: \(number(b))}"
        case .studentT(let df, let location, let scale):
            return "{dist: student-t, df: \(number(df)), loc: \(number(location)), scale: \(number(scale))}"
        case .pareto(let shape, let scale): return "{dist: pareto, shape: \(number(shape)), scale: \(number(scale))}"
        }
    }

    static func render(_ capital: CapitalSpec) -> String {
        "{" + capital.map { "\($0.symbol): \(render($0.amount))" }.joined(separator: ", ") + "}"
    }

    static func render(_ model: GasPriceModel) -> String {
        switch model {
        case .constant(let gwei): return number(gwei)
        case .perBlock(let distribution): return render(distribution)
        case .meanReverting(let mean, let volatility, let halfLife):
            return "{model: mean-reverting, mean: \(number(mean)), volatility: \(number(volatility)), half_life: \(seconds(halfLife))}"
        case .eip1559(let initial, let target, let maxChange, let floor):
            return "{model: eip1559, initial: \(number(initial)), target: \(number(target)), max_change: \(number(maxChange)), floor: \(number(floor))}"
        }
    }

    static func render(_ process: PriceProcess, file: String?) -> String {
        switch process {
        case .gbm(let drift, let volatility):
            return drift == 0 && volatility == 0 ? "{model: constant}" : "{model: gbm, drift: \(number(drift)), volatility: \(number(volatility))}"
        case .jumpDiffusion(let drift, let volatility, let intensity, let mean, let sd):
            return "{model: jump-diffusion, drift: \(number(drift)), volatility: \(number(volatility)), jump_intensity: \(number(intensity)), jump_mean: \(number(mean)), jump_std: \(number(sd))}"
        case .replay:
            return "{model: replay, file: \(quote(file ?? ""))}"
        }
    }
}
