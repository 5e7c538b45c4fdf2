import Foundation
import GSL
import Pricing
import ProtocolModel

/// Trades an option vault's series on its own views (issue 7): Poisson arrivals, a random
/// unexpired series, a size in contracts from a distribution; it buys at the ask when its
/// Black–Scholes value at its views exceeds the ask, sells at the bid when its value is below the
/// bid (closing its long first, writing the rest against its posted margin), else does nothing.
///
/// Its views are drawn once, when it is created, from its own stream (named by the trader), so
/// they and its arrivals never depend on the other agents.
public final class OptionTrader {
    public let name: String
    /// The name its transactions carry in the event log.
    public let tag: AgentTag
    public let account: AccountID
    /// The option vault it trades, by index.
    public let vault: Int
    /// Mean arrivals per second.
    public let rate: Double
    /// Contracts per trade, whole underlying units.
    public let size: Distribution
    /// The annualised volatility it believes; nil: the vault's own.
    public let volatilityView: Double?
    /// The log return to expiry it expects.
    public let directionView: Double
    /// Premium tolerance beyond the quote, fraction.
    public let slippageTolerance: Double
    public let priorityFee: UInt64
    /// Seconds before expiry under which it does not trade a series (its trade could land after).
    public let minimumLife: Double
    private let stream: RandomStream
    /// Trades submitted.
    public private(set) var submitted = 0

    /// A trader whose views are drawn now from the stream `name` (volatility view first, then
    /// direction view, each only when given).
    public init(name: String, account: AccountID, vault: Int, rate: Double, size: Distribution, volatilityView: Distribution?,
                directionView: Distribution?, slippageTolerance: Double, priorityFee: UInt64, minimumLife: Double,
                replicationSeed: UInt64) {
        self.name = name
        tag = AgentTag(name)
        self.account = account
        self.vault = vault
        self.rate = rate
        self.size = size
        self.slippageTolerance = slippageTolerance
        self.priorityFee = priorityFee
        self.minimumLife = minimumLife
        let stream = RandomStream(replicationSeed: replicationSeed, name: name)
        self.volatilityView = volatilityView.map { max(VolatilityModel.floor, $0.sample(stream)) }
        self.directionView = directionView?.sample(stream) ?? 0
        self.stream = stream
    }

    /// Seconds until the next arrival: exponential with mean 1/rate.
    public func nextArrival() -> Double { stream.exponential(mean: 1 / rate) }

    /// The trade of one arrival: a buy, a sell, or nothing when the quotes do not beat its view,
    /// it cannot pay, or no series is open.
    /// - Complexity: O(series) for the quotes.
    public func trade(_ view: AgentView) -> Transaction? {
        let state = view.state
        let entry = state.optionVaults[vault]
        let open = entry.series.indices.filter { entry.series[$0].settlementPrice == nil && entry.series[$0].option.expiry - view.time >= minimumLife }
        guard !open.isEmpty else { return nil }
        let series = open[stream.uniformInt(open.count)]
        let wanted = max(0, size.sample(stream))
        let underlyingDecimals = state.ledger.assets[entry.underlying.index].decimals
        let contracts = TokenUnits.fromDouble(wanted, decimals: underlyingDecimals)
        guard contracts > 0, let spot = try? state.readOracle(entry.priceOracle, at: entry.clock.sealedAt) else { return nil }
        let spotPrice = TokenUnits.toDouble(spot.value, decimals: 18)
        let sigma = volatilityView ?? state.optionVolatility(vault: vault, series: series)
        guard spotPrice > 0, sigma.isFinite else { return nil }
        let option = entry.series[series].option
        let value = BlackScholes.value(option.parameters(spot: spotPrice * exp(directionView), volatility: sigma, now: view.time)).price
        let collateralDecimals = state.ledger.assets[entry.collateral.index].decimals
        /// The premium per whole contract of a trade of `raw` contracts.
        func perContract(_ premium: UInt128, of raw: UInt128) -> Double {
            TokenUnits.toDouble(premium, decimals: collateralDecimals) / TokenUnits.toDouble(raw, decimals: underlyingDecimals)
        }

        if let ask = try? state.optionQuote(vault: vault, series: series, contracts: contracts, isBuy: true), value > perContract(ask, of: contracts) {
            let limit = TokenUnits.scaled(ask, by: 1 + slippageTolerance)
            guard state.ledger.balance(entry.collateral, of: account) >= limit,
                  view.canPayGas(view.gas.base + view.gas.buyOption, priorityFee: priorityFee, for: account) else { return nil }
            return send([.buyOption(vault: vault, series: series, contracts: .exact(contracts), maxPremium: limit)], view)
        }
        // Sell what it holds long, and write beyond it only with margin posted.
        let long = state.optionPositions(vault: vault, account: account).first { $0.series == series }.map { max(0, $0.contracts) } ?? 0
        let balance = entry.marginBalances[account] ?? 0
        let sold = balance > 0 ? contracts : min(contracts, UInt128(long))
        guard sold > 0, let bid = try? state.optionQuote(vault: vault, series: series, contracts: sold, isBuy: false),
              value < perContract(bid, of: sold),
              view.canPayGas(view.gas.base + view.gas.sellOption, priorityFee: priorityFee, for: account) else { return nil }
        let limit = TokenUnits.scaled(bid, by: 1 - slippageTolerance)
        return send([.sellOption(vault: vault, series: series, contracts: .exact(sold), minPremium: limit)], view)
    }

    private func send(_ steps: [Step], _ view: AgentView) -> Transaction {
        submitted += 1
        return Transaction(sender: account, agent: tag, steps: steps, priorityFee: priorityFee, submittedAt: view.time)
    }
}
