/// The StableSwap pools of the protocol: building them, swapping through the `stable_swap` step,
/// reading their marginal price as an oracle, journalling their writes and checking them.
extension ProtocolState {
    /// Creates a StableSwap pool seeded with `balances` (raw, in `coins` order) taken from
    /// `provider`, who receives the initial D LP shares (asset `LP-<name>`). Called while the
    /// world is being built.
    ///
    /// - Throws: a ``PoolError`` for a zero balance or an invariant that cannot be computed; a
    ///   ``LedgerError`` when the provider cannot pay.
    public mutating func addStablePool(
        name: String, coins: [AssetID], balances: [UInt128], amplification: UInt128, fee: UInt128, provider: AccountID
    ) throws -> Int {
        precondition(Set(coins).count == coins.count, "a stable pool's coins differ")
        let pool = try StableSwapPool(balances: balances, decimals: coins.map { ledger.assets[$0.index].decimals },
                                      amplification: amplification, fee: fee)
        let account = ledger.addAccount(named: "stable:\(name)")
        let shareAsset = ledger.addAsset(Asset(symbol: "LP-\(name)", decimals: 18))
        for (coin, balance) in zip(coins, balances) { try ledger.transfer(coin, amount: balance, from: provider, to: account) }
        try ledger.mint(shareAsset, amount: pool.totalShares, to: provider)
        ledger.commit()
        stablePools.append(StableSwapVenue(name: name, coins: coins, shareAsset: shareAsset, account: account, pool: pool))
        return stablePools.count - 1
    }

    /// Registers an oracle answering stable pool `pool`'s marginal price of `base` in `quote`
    /// (wad), in the unit of `quote`'s symbol; it moves with every swap, inside the transaction.
    public mutating func addStableSpotOracle(name: String, pool: Int, base: AssetID, quote: AssetID) -> Int {
        let venue = stablePools[pool]
        precondition(base != quote && venue.coinIndex(base) != nil && venue.coinIndex(quote) != nil,
                     "a stable-pool oracle prices one of its coins in another")
        return addOracle(name: name, unit: ledger.assets[quote.index].symbol, kind: .stableSpot(pool: pool, base: base, quote: quote))
    }

    /// Stable pool `pool`'s marginal price of `base` in `quote`, wad, rounded down.
    func stableSpotPrice(_ pool: Int, base: AssetID, quote: AssetID, oracle: String) throws(OracleError) -> UInt128 {
        let venue = stablePools[pool]
        do {
            return try venue.pool.marginalPrice(of: venue.coinIndex(base)!, in: venue.coinIndex(quote)!)
        } catch {
            throw .arithmetic(oracle: oracle, error)
        }
    }

    /// Sells `amountIn` of `from` into stable pool `index` for `to`; reverts unless at least
    /// `minAmountOut` comes out.
    mutating func stableSwap(_ index: Int, from: AssetID, to: AssetID, amountIn: UInt128, minAmountOut: UInt128,
                             sender: AccountID) throws(RevertReason) -> StepFlows {
        var venue = stablePools[index]
        guard let i = venue.coinIndex(from), let j = venue.coinIndex(to), i != j else {
            throw .guardFailed("stable pool \(venue.name) does not swap \(ledger.assets[from.index].symbol) for \(ledger.assets[to.index].symbol)")
        }
        let out: UInt128
        do { out = try venue.pool.swap(amountIn: amountIn, from: i, to: j) } catch { throw .pool(error) }
        guard out >= minAmountOut else { throw .slippage(asset: to, minimum: minAmountOut, actual: out) }
        do {
            try ledger.transfer(from, amount: amountIn, from: sender, to: venue.account)
            try ledger.transfer(to, amount: out, from: venue.account, to: sender)
        } catch { throw .ledger(error) }
        journal(.stablePool(index: index, old: stablePools[index]))
        stablePools[index] = venue
        return StepFlows(assetIn: from, amountIn: amountIn, assetOut: to, amountOut: out, pool: index)
    }

    /// The fee an executed swap step of `kind` through `pool` paid, valued in the unit of `paid`
    /// and `received` (the values of its input and output): a constant-product pool's fee is its
    /// fraction of the input; a stable pool's (`stable_swap`, whose `pool` indexes
    /// ``stablePools``) the fraction f of the gross output, received · f / (1 − f). 0 without a
    /// pool (reserves and depots charge nothing beyond their price). `received` is read only for
    /// a stable pool.
    // NOTE: inlinable: the world tallies every executed swap through it (≈ 30 k a benchmark day),
    // and out of line, with its closure, it cost 1.75 M instructions a day (warm-up + 1).
    @inlinable
    public func swapFee(kind: StepKind, pool: Int?, paid: Double, received: @autoclosure () -> Double) -> Double {
        guard let pool else { return 0 }
        if kind == .stableSwap { return stablePools[pool].pool.feeValue(received: received()) }
        return paid * pools[pool].pool.feeFraction
    }

    /// Checks one stable pool against the ledger, and — given its state before the transaction —
    /// that its invariant D did not fall (swaps with a fee only raise it).
    func checkStablePool(_ index: Int, before old: StableSwapVenue?) throws(InvariantViolation) {
        let venue = stablePools[index]
        for (coin, balance) in zip(venue.coins, venue.pool.balances) {
            let held = ledger.balance(coin, of: venue.account)
            guard held == balance else {
                throw InvariantViolation("stable pool \(venue.name): balance \(balance) of \(ledger.assets[coin.index].symbol) ≠ ledger \(held)")
            }
        }
        guard ledger.supply[venue.shareAsset.index] == venue.pool.totalShares else {
            throw InvariantViolation("stable pool \(venue.name): share supply \(ledger.supply[venue.shareAsset.index]) ≠ totalShares \(venue.pool.totalShares)")
        }
        guard let old, old.pool.totalShares == venue.pool.totalShares else { return }
        let before = try? old.pool.invariant(), after = try? venue.pool.invariant()
        if let before, let after, after < before {
            throw InvariantViolation("stable pool \(venue.name): D fell from \(before) to \(after)")
        }
    }
}

extension ProtocolState {
    /// Checks each stable pool and vault written since journal position `start` (a pool's D
    /// against its state before its first write there). O(records since `start`).
    func checkStableSwapInvariants(since start: Int) throws(InvariantViolation) {
        var firstPools: [Int: StableSwapVenue] = [:]
        var touchedVaults = Set<Int>()
        for record in referencingRecords(since: start) {
            switch record {
            case .stablePool(let index, let old): if firstPools[index] == nil { firstPools[index] = old }
            case .vault(let index, _): touchedVaults.insert(index)
            default: continue
            }
        }
        for (index, old) in firstPools { try checkStablePool(index, before: old) }
        for index in touchedVaults { try checkVault(index) }
    }

    /// Checks every stable pool and vault. O(pools + vaults).
    func checkAllStableSwapVenues() throws(InvariantViolation) {
        for index in stablePools.indices { try checkStablePool(index, before: nil) }
        for index in vaults.indices { try checkVault(index) }
    }
}
