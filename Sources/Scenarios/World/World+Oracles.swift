import GSL
import ProtocolModel

/// The transactions a world sends for its oracles, and the prices it watches for
/// `max_oracle_deviation`.
struct OracleKeepers {
    /// A push oracle's node and the reference price it observes.
    struct Push {
        var keeper: PushOracleKeeper
        /// Market asset index of the observed asset.
        let source: Int
        /// Market asset index of the oracle's unit (nil: USD).
        let unit: Int?
        let stream: RandomStream
    }

    /// The scenario's caller of a keeper-updated TWAP's public update.
    struct TwapUpdater {
        let oracle: Int
        let account: AccountID
        let agent: AgentTag
        /// Seconds between updates.
        let interval: Double
        /// Priority fee per gas unit, wei.
        let priorityFee: UInt64
        /// When the next update is due, seconds.
        var due: Double
    }

    /// An oracle pricing a lending-market asset, compared with the asset's reference price.
    struct Watched: Equatable {
        let oracle: Int
        let asset: Priced
        /// Market asset index of the oracle's unit (nil: USD).
        let unit: Int?
    }

    /// The asset a watched oracle prices.
    enum Priced: Equatable {
        /// A market asset (its index), compared with its reference price.
        case marketAsset(Int)
        /// The share of the constant-product pool at this venue index, compared with its fair
        /// price at reference prices (``World/fairSharePrice(pool:in:state:)``).
        case poolShare(Int)
    }

    var push: [Push] = []
    var twapUpdaters: [TwapUpdater] = []
    var watched: [Watched] = []
}

extension World {
    /// Sends the oracle keepers' transactions after block `number` sealed at `time`: each push
    /// node observes its reference price and posts a round when one is due (landing after its
    /// latency); each TWAP updater whose interval has elapsed calls the public update, which
    /// lands in the next block.
    /// - Complexity: O(push oracles + TWAP updaters).
    func submitOracleKeeperTransactions(at time: Double) {
        if !oracleKeepers.push.isEmpty {
            for round in pushRounds(at: time, state: &sealedView.state) { submit(round) }
        }
        for index in oracleKeepers.twapUpdaters.indices where oracleKeepers.twapUpdaters[index].due <= time {
            let updater = oracleKeepers.twapUpdaters[index]
            submit(Transaction(sender: updater.account, agent: updater.agent, steps: [.updateTwap(oracle: updater.oracle)],
                               priorityFee: updater.priorityFee, submittedAt: time))
            while oracleKeepers.twapUpdaters[index].due <= time { oracleKeepers.twapUpdaters[index].due += updater.interval }
        }
    }

    /// The rounds the push keepers send at `time` on `state`, the world's state lent for reading
    /// only (it must not be written).
    ///
    /// NOTE: the state is lent in place and each feed's fields are read in place: passing the
    /// class's `state` to each keeper copied it (a retain and release of every buffer) and
    /// `let feed = oracleKeepers.push[index]` copied the feed, at every block — a quarter of a
    /// compound-dai-2020 replication (perf).
    private func pushRounds(at time: Double, state: inout ProtocolState) -> [Transaction] {
        var rounds: [Transaction] = []
        for index in oracleKeepers.push.indices {
            guard let reference = referencePrice(of: oracleKeepers.push[index].source, unit: oracleKeepers.push[index].unit, at: time)
            else { continue }
            let stream = oracleKeepers.push[index].stream
            if let round = oracleKeepers.push[index].keeper.observe(reference: reference, at: time, state: state, stream: stream) {
                rounds.append(round)
            }
        }
        return rounds
    }

    /// Folds the sealed block's oracle answers into `max_oracle_deviation`: the largest
    /// |answer / reference − 1| over the oracles pricing a lending-market asset, the reference
    /// being the asset's reference price in the oracle's unit, or for a pool's LP share its fair
    /// price. An oracle that cannot answer (an empty pool) is skipped.
    /// - Parameter state: the world's state, passed in (reading the class's property here
    ///   would copy it).
    /// - Complexity: O(watched oracles) per block (plus each oracle's read cost).
    func accountOracleDeviation(_ prices: inout Valuation.Moment, timestamp: Int64, state: ProtocolState) {
        // NOTE: the watched oracles are read in place: `for watched in oracleKeepers.watched`
        // retained and released the class's array at every block (≈ 40 instructions).
        for index in oracleKeepers.watched.indices {
            let watched = oracleKeepers.watched[index]
            let usd: Double? = switch watched.asset {
            case .marketAsset(let asset): prices.usdPrice(ofMarketAsset: asset)
            case .poolShare(let pool): fairSharePrice(pool: pool, in: &prices, state: state)
            }
            guard let usd, let reference = price(usd, inUnit: watched.unit, &prices), reference > 0,
                  let answer = try? state.readOracle(watched.oracle, at: timestamp) else { continue }
            let deviation = abs(TokenUnits.toDouble(answer.value, decimals: 18) / reference - 1)
            metrics.maxOracleDeviation = max(metrics.maxOracleDeviation ?? 0, deviation)
        }
    }

    /// The fair USD price of one whole share of the constant-product pool at venue `pool`, at
    /// the reference prices of `prices`' moment: 2·√(k·p0·p1) / supply, what the pool's reserves
    /// are worth once arbitraged to those prices (k = reserve0 · reserve1 in whole tokens). Nil
    /// when a token is not a market asset or the pool has no shares.
    func fairSharePrice(pool index: Int, in prices: inout Valuation.Moment, state: ProtocolState) -> Double? {
        // The venue's fields read in place (a copy of the venue retains its name and caches).
        let token0 = state.pools[index].token0.index, token1 = state.pools[index].token1.index
        let pool = state.pools[index].pool
        guard token0 < market.assetCount, token1 < market.assetCount, pool.totalShares > 0 else { return nil }
        let value0 = TokenUnits.toDouble(pool.reserve0, decimals: pool.decimals0) * prices.usdPrice(ofMarketAsset: token0)
        let value1 = TokenUnits.toDouble(pool.reserve1, decimals: pool.decimals1) * prices.usdPrice(ofMarketAsset: token1)
        return 2 * (value0 * value1).squareRoot() / TokenUnits.toDouble(pool.totalShares, decimals: 18)
    }

    /// The reference price of market asset `asset` in `unit` (USD when nil) at `time`.
    func referencePrice(of asset: Int, unit: Int?, at time: Double) -> Double? {
        var prices = Valuation.Moment(valuation, at: time)
        return referencePrice(of: asset, unit: unit, in: &prices)
    }

    /// ``referencePrice(of:unit:at:)`` at the moment of `prices`, read through it.
    func referencePrice(of asset: Int, unit: Int?, in prices: inout Valuation.Moment) -> Double? {
        price(prices.usdPrice(ofMarketAsset: asset), inUnit: unit, &prices)
    }

    /// The USD price `usd` in `unit` (a market asset's index; USD when nil) at the moment of
    /// `prices`; nil when the unit's price is not positive.
    func price(_ usd: Double, inUnit unit: Int?, _ prices: inout Valuation.Moment) -> Double? {
        guard let unit else { return usd }
        let unitPrice = prices.usdPrice(ofMarketAsset: unit)
        return unitPrice > 0 ? usd / unitPrice : nil
    }
}
