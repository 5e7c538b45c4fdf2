import ProtocolModel

/// A StableSwap pool's cells of one timeseries.csv row.
public struct StablePoolCells: Sendable {
    /// Raw balance per coin, in the pool's coin order.
    public var balances: [UInt128]
    /// For each coin after the first, the pool's marginal price of one whole coin in whole units
    /// of the first coin (nil when the pool cannot compute it: an empty balance).
    public var prices: [Double?]
    /// Curve's virtual price: the value of one share with every coin at par (nil without shares).
    public var virtualPrice: Double?
}

/// A share vault's cells of one timeseries.csv row.
public struct ShareVaultCells: Sendable {
    /// Whole underlying per whole share, as deposits and withdrawals are priced (nil when the
    /// vault's valuation cannot be computed).
    public var pricePerShare: Double?
    /// Idle underlying by the vault's accounting rule, raw.
    public var idle: UInt128
    /// The supply of its shares, raw (the underlying's decimals).
    public var shares: UInt128
}

/// A perpetual-futures market's cells of one timeseries.csv row.
public struct PerpMarketCells: Sendable {
    /// The mark: whole quote per whole base (nil when its oracle cannot be read).
    public var mark: Double?
    /// Σ long positions (= Σ short positions), raw base units.
    public var openInterest: UInt128
    /// Σ accounts' deposited collateral, raw quote units.
    public var collateral: UInt128
    /// Σ accounts' borrowings, raw quote units.
    public var borrowed: UInt128
    /// Lenders' quote not lent out, raw quote units.
    public var lendable: UInt128
}

extension World {
    /// Each StableSwap pool's cells after the last block, in scenario order.
    func stablePoolSeries() -> [StablePoolCells] {
        state.stablePools.map { venue in
            let pool = venue.pool
            let prices: [Double?] = pool.balances.indices.dropFirst().map { coin in
                (try? pool.marginalPrice(of: coin, in: 0)).map { TokenUnits.toDouble($0, decimals: 18) }
            }
            let virtualPrice = pool.totalShares > 0 ? (try? pool.virtualPrice()).map { TokenUnits.toDouble($0, decimals: 18) } : nil
            return StablePoolCells(balances: pool.balances, prices: prices, virtualPrice: virtualPrice)
        }
    }

    /// Each share vault's cells after the last block, in scenario order.
    func shareVaultSeries() -> [ShareVaultCells] {
        state.vaults.indices.map { index in
            ShareVaultCells(pricePerShare: (try? state.vaultPricePerShare(index)).map { TokenUnits.toDouble($0, decimals: 18) },
                            idle: state.vaultHoldings(index).idle,
                            shares: state.ledger.supply[state.vaults[index].shareAsset.index])
        }
    }

    /// Each perp market's cells after the last block, the mark read at `timestamp`, in scenario order.
    func perpMarketSeries(at timestamp: Int64) -> [PerpMarketCells] {
        state.perpMarkets.indices.map { index in
            let book = state.perpMarkets[index].book
            return PerpMarketCells(mark: (try? state.perpMark(index, at: timestamp)).map { TokenUnits.toDouble($0, decimals: 18) },
                                   openInterest: book.openInterest, collateral: book.collateral, borrowed: book.borrowed,
                                   lendable: book.lendable)
        }
    }
}
