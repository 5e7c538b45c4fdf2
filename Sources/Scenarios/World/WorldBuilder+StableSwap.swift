import ProtocolModel

/// StableSwap pools and share vaults, built after the constant-product pools and before the
/// oracles that read them. Their balances are minted to the account `genesis-stable`, which holds
/// every pool's LP shares, funds each vault's position from them and holds the vaults' initial
/// shares (created only when the scenario has stable pools, so other worlds are unchanged).
extension WorldBuilder {
    mutating func buildStableSwap() throws {
        guard !scenario.stablePools.isEmpty else { return }
        let genesis = state.addAccount(named: "genesis-stable")
        genesisLiquidityAccounts.append(genesis)
        for spec in scenario.stablePools {
            let coins = spec.coins.map { assetIDs[$0]! }
            do {
                let balances = try zip(spec.balances, coins).map { try raw($0, $1) }
                for (coin, balance) in zip(coins, balances) { try endow(genesis, coin, balance) }
                let index = try state.addStablePool(name: spec.id, coins: coins, balances: balances, amplification: UInt128(spec.amplification),
                                                    fee: spec.feeUnits, provider: genesis)
                stablePoolIndices[spec.id] = index
                assetIDs[PoolSpec.shareSymbol(spec.id)] = state.stablePools[index].shareAsset
            } catch {
                throw WorldBuildError("stable pool \(spec.id): \(text(of: error))")
            }
        }
        for spec in scenario.vaults {
            let underlying = assetIDs[spec.underlying]!, pool = stablePoolIndices[spec.pool]!
            do {
                let idle = try raw(spec.idle, underlying)
                try endow(genesis, underlying, idle)
                let position = try lpShares(worth: try raw(spec.invested, underlying), of: underlying, in: pool)
                let index = try state.addVault(
                    name: spec.id, underlying: underlying, pool: pool, valuation: ShareVault.Valuation(rawValue: spec.valuation)!,
                    accounting: ShareVault.Accounting(rawValue: spec.accounting)!, deviationLimit: spec.maxDeviation.map(Self.wad),
                    idle: idle, position: position, provider: genesis)
                vaultIndices[spec.id] = index
                assetIDs[VaultSpec.shareSymbol(spec.id)] = state.vaults[index].shareAsset
            } catch {
                throw WorldBuildError("vault \(spec.id): \(text(of: error))")
            }
        }
    }

    /// LP shares of stable pool `pool` worth `value` raw `coin` at the virtual price (rounded down).
    private func lpShares(worth value: UInt128, of coin: AssetID, in pool: Int) throws -> UInt128 {
        let venue = state.stablePools[pool]
        let normalized = try FixedPoint.multiply(value, venue.pool.multipliers[venue.coinIndex(coin)!])
        return try FixedPoint.mulDiv(normalized, venue.pool.totalShares, try venue.pool.invariant(), rounding: .down)
    }

    /// The core oracle of a `stable_spot`, `vault_share` or `stable_lp` oracle spec.
    mutating func stableSwapOracle(_ spec: OracleSpec) -> Int {
        switch spec.kind {
        case .stableSpot(let pool, let base, let quote):
            return state.addStableSpotOracle(name: spec.id, pool: stablePoolIndices[pool]!, base: assetIDs[base]!, quote: assetIDs[quote]!)
        case .vaultShare(let vault, let oracle):
            return state.addVaultShareOracle(name: spec.id, vault: vaultIndices[vault]!, underlyingOracle: oracleIndices[oracle]!)
        case .stableLP(let lp):
            return state.addOracle(name: spec.id, unit: spec.unit, kind: .stableLP(pool: stablePoolIndices[lp.pool]!,
                                                                                 coinOracles: lp.coinOracles.map { oracleIndices[$0.oracle]! },
                                                                                 virtualPrice: lp.virtualPrice))
        default:
            preconditionFailure("not a stable-pool or vault oracle")
        }
    }
}
