/// Many options in structure-of-arrays form, the input of `BlackScholes.value(_:into:path:)`.
///
/// All arrays have the same count. Units as in `OptionParameters`.
public struct OptionBatch: Sendable {
    /// Call or put, per option.
    public var kinds: [OptionKind] = []
    /// Black–Scholes or Black-76, per option.
    public var models: [PricingModel] = []
    /// Spot S (or forward F).
    public var spots: [Double] = []
    /// Strike K.
    public var strikes: [Double] = []
    /// Expiry T in years.
    public var expiries: [Double] = []
    /// Rate r per year.
    public var rates: [Double] = []
    /// Dividend yield q per year.
    public var dividends: [Double] = []
    /// Volatility σ per √year.
    public var volatilities: [Double] = []

    /// An empty batch.
    public init() {}

    /// A batch holding `options` in order. Complexity: O(n).
    public init(_ options: some Sequence<OptionParameters>) {
        self.init(columnsOf: Array(options))
    }

    /// A batch holding `options` in order, each column made in one pass. Complexity: O(n).
    ///
    /// NOTE: appending option by option checked every column's uniqueness at every option
    /// (perf: a third of an options-vault replication, whose margin engines are built by the
    /// hundred). Closures, not key paths: a key path is applied at run time.
    public init(columnsOf options: [OptionParameters]) {
        kinds = options.map { $0.kind }
        models = options.map { $0.model }
        spots = options.map { $0.spot }
        strikes = options.map { $0.strike }
        expiries = options.map { $0.expiry }
        rates = options.map { $0.rate }
        dividends = options.map { $0.dividend }
        volatilities = options.map { $0.volatility }
    }

    /// The number of options.
    public var count: Int { spots.count }

    /// Appends one option. Complexity: amortised O(1).
    public mutating func append(_ option: OptionParameters) {
        kinds.append(option.kind)
        models.append(option.model)
        spots.append(option.spot)
        strikes.append(option.strike)
        expiries.append(option.expiry)
        rates.append(option.rate)
        dividends.append(option.dividend)
        volatilities.append(option.volatility)
    }

    /// Removes every option, keeping the capacity.
    public mutating func removeAll() {
        kinds.removeAll(keepingCapacity: true)
        models.removeAll(keepingCapacity: true)
        spots.removeAll(keepingCapacity: true)
        strikes.removeAll(keepingCapacity: true)
        expiries.removeAll(keepingCapacity: true)
        rates.removeAll(keepingCapacity: true)
        dividends.removeAll(keepingCapacity: true)
        volatilities.removeAll(keepingCapacity: true)
    }

    /// The option at `index`.
    public subscript(index: Int) -> OptionParameters {
        OptionParameters(
            kind: kinds[index], model: models[index], spot: spots[index], strike: strikes[index],
            expiry: expiries[index], rate: rates[index], dividend: dividends[index],
            volatility: volatilities[index]
        )
    }
}

/// Prices and Greeks of many options in structure-of-arrays form, the output of the batch kernel.
public struct ValuationBatch: Sendable {
    /// Present values.
    public var prices: [Double] = []
    /// ∂V/∂S.
    public var deltas: [Double] = []
    /// ∂²V/∂S².
    public var gammas: [Double] = []
    /// ∂V/∂σ per 1.00 of vol.
    public var vegas: [Double] = []
    /// −∂V/∂T per year.
    public var thetas: [Double] = []
    /// ∂V/∂r per 1.00 of rate.
    public var rhos: [Double] = []

    /// An empty batch.
    public init() {}

    /// The number of valuations.
    public var count: Int { prices.count }

    /// The valuation at `index`.
    public subscript(index: Int) -> OptionValuation {
        OptionValuation(
            price: prices[index], delta: deltas[index], gamma: gammas[index],
            vega: vegas[index], theta: thetas[index], rho: rhos[index]
        )
    }

    /// Resizes every array to `count` (new entries are 0). Complexity: O(count).
    mutating func resize(to count: Int) {
        guard prices.count != count else { return }
        for keyPath in [\ValuationBatch.prices, \.deltas, \.gammas, \.vegas, \.thetas, \.rhos] {
            self[keyPath: keyPath] = [Double](repeating: 0, count: count)
        }
    }
}
