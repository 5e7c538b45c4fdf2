import ProtocolModel

extension World {
    /// The party of every account, by account index (built once in `init`).
    func partiesOfAccounts() -> [Party] {
        var parties = [Party](repeating: .suppliers, count: state.ledger.accountCount)
        func assign(_ accounts: [AccountID], _ party: Party) {
            for account in accounts { parties[account.index] = party }
        }
        for (index, name) in state.ledger.accountNames.enumerated() {
            if name.hasPrefix("oracle-keeper:") { parties[index] = .oracleKeepers }
            if name == "genesis-lp" || name == "genesis-stable" { parties[index] = .liquidityProviders }
        }
        assign(state.pools.map(\.account) + state.stablePools.map(\.account), .liquidityProviders)
        assign(liquidityProviderAccounts, .liquidityProviders)
        assign(arbitrageurAccounts, .arbitrageurs)
        assign(noiseTraderAccounts, .noiseTraders)
        assign(liquidators.map(\.account), .liquidators)
        assign(borrowerAccounts, .borrowers)
        assign(state.markets.map(\.account), .suppliers)
        assign(state.markets.map(\.insuranceFund), .insuranceFund)
        assign(state.flashLoanProviders.map(\.account), .flashLenders)
        assign([chain.config.feeRecipient], .gasRecipient)
        assign(state.reserves.map(\.account) + state.depots.map(\.account) + state.marginVenues.map(\.account), .venues)
        assign(state.perpMarkets.map(\.account), .venues)
        assign(optionAgents.vaultAccounts + state.optionVaults.flatMap { [$0.account, $0.marginAccount] }, .optionVaults)
        assign(optionAgents.traderAccounts, .optionTraders)
        if let attacker { assign([attacker.account] + attacker.wallets, .attacker) }
        return parties
    }

    /// Every party's holdings now. With `walkAwayAt`, a position whose collateral is worth less
    /// than its debt at that time's reference prices is left to the lenders — a borrower (or an
    /// attacker) walks away from it rather than repay — so its claims count as the suppliers'.
    func partyHoldings(walkAwayAt time: Double?) -> PartyHoldings {
        let ledger = state.ledger
        var holdings = PartyHoldings(assetCount: ledger.assets.count)
        for account in 0..<ledger.accountCount {
            let party = accountParties[account]
            for asset in ledger.assets.indices {
                holdings[party, asset] += Int128(ledger.balance(AssetID(asset), of: AccountID(account)))
            }
        }
        for market in state.markets.indices {
            let attackerLeaves = time.map { attackerWalksAway(market: market, at: $0) } ?? false
            for account in state.markets[market].positions.keys {
                let position = lendingClaims(market: market, account: account)
                var owner = accountParties[account.index]
                if let time, owner == .attacker ? attackerLeaves : equity(position, at: time) < 0 { owner = .suppliers }
                for (asset, claim) in zip(position.assets, position.claims) {
                    holdings[owner, asset.index] += claim
                    holdings[.suppliers, asset.index] -= claim
                }
            }
        }
        for venue in state.marginVenues {
            for (account, position) in venue.positions {
                let locked = Int128(position.lockedY), loan = Int128(position.loanX)
                var owner = accountParties[account.index]
                if let time, equity(position, at: venue, at: time) < 0 { owner = .venues }
                holdings[owner, venue.positionAsset.index] += locked
                holdings[owner, venue.loanAsset.index] -= loan
                holdings[.venues, venue.positionAsset.index] -= locked
                holdings[.venues, venue.loanAsset.index] += loan
            }
        }
        addPerpClaims(to: &holdings, walkAwayAt: time)
        for venue in state.pools {
            holdings[.liquidityProviders, venue.shareAsset.index] -= Int128(venue.pool.totalShares)
        }
        addOptionClaims(to: &holdings, walkAwayAt: time)
        return holdings
    }

    /// The P&L rows at the end (`time`): one per party present and asset.
    func partyPnL(at time: Double) -> [PartyPnL] {
        let end = partyHoldings(walkAwayAt: time)
        var present = Set(accountParties)
        present.insert(.suppliers)
        return Party.allCases.filter(present.contains).flatMap { party in
            state.ledger.assets.indices.map { asset in
                let amount = end[party, asset] - initialPartyHoldings[party, asset]
                let token = state.ledger.assets[asset]
                return PartyPnL(party: party, asset: AssetID(asset), symbol: token.symbol, decimals: token.decimals, amount: amount,
                                value: signedValue(amount, of: AssetID(asset), at: time))
            }
        }
    }

    /// `account`'s claims in lending market `market`, per listed asset: supplied − debt, raw units.
    func lendingClaims(market: Int, account: AccountID) -> LendingClaims {
        let assets = state.markets[market].assets.map(\.asset)
        return LendingClaims(assets: assets,
                             supplied: assets.indices.map { state.supplied(market: market, slot: $0, account: account) },
                             debt: assets.indices.map { state.debt(market: market, slot: $0, account: account) })
    }

    /// A lending position's collateral less its debt at `time`'s reference prices, numeraire.
    func equity(_ position: LendingClaims, at time: Double) -> Double {
        zip(position.assets, position.claims).reduce(0.0) { $0 + signedValue($1.1, of: $1.0, at: time) }
    }

    /// A margin position's locked tokens less its loan at `time`'s reference prices, numeraire.
    func equity(_ position: MarginPosition, at venue: MarginVenue, at time: Double) -> Double {
        signedValue(Int128(position.lockedY), of: venue.positionAsset, at: time)
            - signedValue(Int128(position.loanX), of: venue.loanAsset, at: time)
    }

    /// A signed raw amount of `asset` at reference prices, numeraire.
    func signedValue(_ amount: Int128, of asset: AssetID, at time: Double) -> Double {
        let value = valuation.value(amount.magnitude, of: asset, at: time, state: state)
        return amount < 0 ? -value : value
    }
}

extension World {
    /// Checks that the P&L rows sum to zero per asset in raw units (value is moved, never made).
    /// - Throws: ``InvariantViolation`` naming the first asset whose rows do not.
    func checkPnLSums() throws(InvariantViolation) {
        for asset in state.ledger.assets.indices {
            let sum = pnl.filter { $0.asset.index == asset }.reduce(Int128(0)) { $0 + $1.amount }
            guard sum == 0 else {
                throw InvariantViolation("pnl: the \(state.ledger.assets[asset].symbol) rows sum to \(sum) raw units, not 0")
            }
        }
    }
}

/// One account's position in one lending market, per listed asset (raw units).
struct LendingClaims {
    var assets: [AssetID]
    var supplied: [UInt128]
    var debt: [UInt128]

    /// Supplied − debt per asset.
    var claims: [Int128] { zip(supplied, debt).map { Int128($0) - Int128($1) } }
}
