import ProtocolModel

extension World {
    /// The party of every account, by account index (built once in `init`), given the accounts
    /// the builder created for oracle keepers and for genesis liquidity.
    func partiesOfAccounts(oracleKeepers: [AccountID], genesisLiquidity: [AccountID]) -> [Party] {
        var parties = [Party](repeating: .suppliers, count: state.ledger.accountCount)
        func assign(_ accounts: [AccountID], _ party: Party) {
            for account in accounts { parties[account.index] = party }
        }
        assign(oracleKeepers, .oracleKeepers)
        assign(genesisLiquidity, .liquidityProviders)
        assign(state.pools.map(\.account) + state.stablePools.map(\.account), .liquidityProviders)
        assign(liquidityProviderAccounts, .liquidityProviders)
        assign(arbitrageurAccounts, .arbitrageurs)
        assign(noiseTraderAccounts, .noiseTraders)
        assign(liquidators.map(\.account) + perpLiquidators.map(\.account), .liquidators)
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

    /// The ``PartyHoldings`` row of each party of `parties`, in their order.
    ///
    /// NOTE: accounts come in runs of one party (the borrowers are one run): a run reuses its
    /// party's row instead of searching the parties per account (≈ 26 -> 9 instructions an
    /// account); built once with the accounts' parties, not per ``partyHoldings(walkAwayAt:)``.
    /// The rows are written in place, not through `map`: ≈ 16 -> 7 instructions an account with
    /// the array's making (callgrind, benchmark-day, 10,038 accounts).
    static func partyRows(of parties: [Party]) -> [Int] {
        var run = (party: Party.suppliers, row: PartyHoldings.row(of: .suppliers))
        return [Int](unsafeUninitializedCapacity: parties.count) { rows, count in
            for (account, party) in parties.enumerated() {
                if party != run.party { run = (party, PartyHoldings.row(of: party)) }
                rows.initializeElement(at: account, to: run.row)
            }
            count = parties.count
        }
    }

    /// Every party's holdings now. With `walkAwayAt`, a position whose collateral is worth less
    /// than its debt at that time's reference prices is left to the lenders — a borrower (or an
    /// attacker) walks away from it rather than repay — so its claims count as the suppliers'.
    /// - Complexity: O(balances the ledger stores + lending positions × market assets), each
    ///   step a few array reads (prices are read once per asset).
    func partyHoldings(walkAwayAt time: Double?) -> PartyHoldings {
        partyHoldingsAndUnderwaterDebt(walkAwayAt: time).holdings
    }

    /// ``partyHoldings(walkAwayAt:)``, and with `walkAwayAt` the debt of the lending positions
    /// whose collateral (assets with LT > 0) is worth less than their debt at that time's
    /// reference prices, and by how much it is worth less, numeraire, summed over markets
    /// (runs.csv `underwater_debt` and `underwater_shortfall`; 0 without).
    ///
    /// NOTE: the underwater test rides on the walk-away test's pass over the positions, which
    /// reads the same balances and values them at the same prices (each amount converted to a
    /// Double once when a slot holds only one side): the end's two passes, 2.4 M + 1.1 M
    /// instructions a benchmark-day replication, in one.
    ///
    /// NOTE: a `lendingClaims` per position (copies of the whole state, a dictionary lookup per
    /// slot) and a `Party.allCases` built per access cost ≈ 12.9 k instructions per borrower per
    /// call; ≈ 0.7 k with the sums in flat arrays; ≈ 0.56 k with zero scaled balances (half of
    /// them) not converted and unchecked buffers (callgrind, benchmark-day with 10,000
    /// borrowers; what remains is mostly the positions' conversions, copies and valuations).
    func partyHoldingsAndUnderwaterDebt(walkAwayAt time: Double?) -> (holdings: PartyHoldings, underwater: UnderwaterDebt) {
        let state = self.state  // one copy: reading the class's property per call would copy it each time
        let ledger = state.ledger
        let assetCount = ledger.assets.count
        let rows = accountPartyRows
        precondition(rows.count >= ledger.accountCount, "every account has a party")
        // Party row × asset, summed flat, then stored; each asset's balances only as far as the
        // ledger stores them (the accounts after hold none).
        var sums = [Int128](repeating: 0, count: Party.allCases.count * assetCount)
        sums.withUnsafeMutableBufferPointer { sums in
            rows.withUnsafeBufferPointer { rows in
                // NOTE: accounts come in runs of one party (the borrowers are one): a run's
                // balances are summed in a register and added to the party's sum once.
                for asset in 0..<assetCount {
                    ledger.withStoredBalances(of: AssetID(asset)) { balances in
                        var run = (row: 0, sum: Int128(0))
                        for (account, balance) in balances.enumerated() where balance != 0 {
                            if rows[account] != run.row {
                                sums[run.row * assetCount + asset] += run.sum
                                run = (rows[account], 0)
                            }
                            run.sum += Int128(balance)
                        }
                        sums[run.row * assetCount + asset] += run.sum
                    }
                }
            }
        }
        var underwaterDebt = UnderwaterDebt()
        let suppliers = PartyHoldings.row(of: .suppliers)
        let attacker = PartyHoldings.row(of: .attacker)
        for (index, market) in state.markets.enumerated() {
            // The attacker's accounts are one book (World+AttackerBook.swift).
            let attackerLeaves = time.map { attackerWalksAway(market: index, at: $0) } ?? false
            let assets = market.assets.map(\.asset.index)
            let slots = assets.count, parties = Party.allCases.count
            // Each slot's terms, read once: the asset's decimals, its price at `time` (walk-away
            // test only), and whether its supply and borrow indices are still at 1 (wad), which
            // makes an amount the scaled balance itself (mulDiv's own shortcut).
            let terms = assets.indices.map { slot in
                ClaimTerms(collateral: market.assets[slot].liquidationThreshold > 0, decimals: ledger.assets[assets[slot]].decimals,
                           price: time.map { valuation.price(AssetID(assets[slot]), at: $0, state: state) } ?? 0,
                           suppliedAtPar: market.reserves[slot].supplyIndex == FixedPoint.wad,
                           debtAtPar: market.reserves[slot].borrowIndex == FixedPoint.wad)
            }
            // NOTE: unchecked buffers for the claims of each position (≈ 45 instructions per
            // position less: no uniqueness or bounds check per slot). The claims are summed per
            // owner and slot, then moved once per owner (the same integer sums), and an amount at
            // an index of 1 is not converted: ≈ 360 -> 230 instructions per position and call
            // (callgrind, benchmark-day with 10,000 borrowers: 17.6 M -> 12.4 M, warm-up + 1).
            // The positions' rows and balances are walked in place (`withRows`) instead of through
            // a row subscript and a checked read per balance, and a suppliers' position is skipped
            // before its claims are computed: ≈ 234 -> 218 instructions per position and call.
            // Each slot's terms read once into one unchecked buffer, the table's offsets unchecked
            // (they index the table), and no conversion test at all while every index is at 1:
            // the call at the start 1.51 M -> 1.18 M, at the end 3.01 M -> 2.56 M (callgrind,
            // benchmark-day with 10,000 borrowers, 12-s day).
            let atPar = terms.allSatisfy { $0.suppliedAtPar && $0.debtAtPar }
            // The underwater positions' debts and shortfalls, in the positions' order (summed in
            // account order).
            var underwater: [(account: AccountID, debt: Double, shortfall: Double)] = []
            withUnsafeTemporaryAllocation(of: Int128.self, capacity: slots) { claims in
                withUnsafeTemporaryAllocation(of: Int128.self, capacity: parties * slots) { totals in
                    totals.initialize(repeating: 0)
                    terms.withUnsafeBufferPointer { terms in
                        market.positions.withRows { accounts, scaledSupplied, scaledDebt in
                            /// Row `row`'s amounts in `slot` (raw units): supplied and debt.
                            func amounts(_ row: Int, _ slot: Int) -> (supplied: UInt128, debt: UInt128) {
                                // A zero scaled balance is a zero amount (LendingMarket+Balances.swift): no call.
                                let offset = row &* slots &+ slot
                                let scaledSupplied = scaledSupplied[offset], scaledDebt = scaledDebt[offset]
                                if atPar { return (scaledSupplied, scaledDebt) }
                                let supplied = scaledSupplied == 0 || terms[slot].suppliedAtPar
                                    ? scaledSupplied : market.supplied(market.positions[row].position, slot: slot)
                                let debt = scaledDebt == 0 || terms[slot].debtAtPar
                                    ? scaledDebt : market.debt(market.positions[row].position, slot: slot)
                                return (supplied, debt)
                            }
                            // NOTE: without a walk-away test (the holdings at the start) the claims go
                            // straight to the owner's totals, not through the claims buffer: ≈ 32
                            // instructions a position less (callgrind, benchmark-day, 10,000 borrowers).
                            guard time != nil else {
                                for (row, account) in accounts.enumerated() {
                                    let owner = rows[account.index]
                                    guard owner != suppliers else { continue }  // the suppliers' own claims net out
                                    for slot in 0..<slots {
                                        let (supplied, debt) = amounts(row, slot)
                                        totals[owner &* slots &+ slot] += Int128(supplied) - Int128(debt)
                                    }
                                }
                                return
                            }
                            for (row, account) in accounts.enumerated() {
                                let owner = rows[account.index]
                                // Each slot valued once for both tests: the collateral and the debt
                                // (underwater), and the claim, supplied − debt, signed (the walk-away test's equity).
                                var collateralValue = 0.0, debtValue = 0.0, equity = 0.0
                                for slot in 0..<slots {
                                    let (supplied, debt) = amounts(row, slot)
                                    let claim = Int128(supplied) - Int128(debt)
                                    claims[slot] = claim
                                    let price = terms[slot].price, decimals = terms[slot].decimals
                                    let suppliedValue = supplied > 0 ? TokenUnits.toDouble(supplied, decimals: decimals) * price : 0
                                    let owedValue = debt > 0 ? TokenUnits.toDouble(debt, decimals: decimals) * price : 0
                                    if terms[slot].collateral { collateralValue += suppliedValue }
                                    debtValue += owedValue
                                    if debt == 0 {
                                        equity += suppliedValue
                                    } else if supplied == 0 {
                                        equity += -owedValue
                                    } else {
                                        equity += Self.signedValue(claim, terms[slot])
                                    }
                                }
                                if debtValue > 0, collateralValue < debtValue {
                                    underwater.append((account, debtValue, debtValue - collateralValue))
                                }
                                guard owner != suppliers else { continue }  // the suppliers' own claims net out
                                // A position walked away from stays the suppliers'.
                                if owner == attacker ? attackerLeaves : equity < 0 { continue }
                                for slot in 0..<slots { totals[owner &* slots &+ slot] += claims[slot] }
                            }
                        }
                    }
                    sums.withUnsafeMutableBufferPointer { sums in
                        for owner in 0..<parties where owner != suppliers {
                            for slot in 0..<slots where totals[owner * slots + slot] != 0 {
                                sums[owner * assetCount + assets[slot]] += totals[owner * slots + slot]
                                sums[suppliers * assetCount + assets[slot]] -= totals[owner * slots + slot]
                            }
                        }
                    }
                }
            }
            underwater.sort { $0.account < $1.account }
            for position in underwater {
                underwaterDebt.debt += position.debt
                underwaterDebt.shortfall += position.shortfall
            }
        }
        var holdings = PartyHoldings(assetCount: assetCount)
        for row in holdings.amounts.indices { holdings.amounts[row] = Array(sums[row * assetCount ..< (row + 1) * assetCount]) }
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
        return (holdings, underwaterDebt)
    }

    /// The P&L rows at the end (`time`): one per party present and asset.
    // NOTE: the state and the valuation are read once: ``signedValue(_:of:at:)`` per row copied
    // the whole state out of the world (≈ 1.3 k instructions a row; a world of 1,000 pools has
    // ≈ 7 k rows: its finish 9.7 M → 3.9 M a replication, callgrind); the rows in one array of
    // their final size, each party's row looked up once (3.9 M → 2.3 M).
    func partyPnL(_ end: PartyHoldings, at time: Double) -> [PartyPnL] {
        let state = self.state, valuation = self.valuation, initial = initialPartyHoldings
        var present = [Bool](repeating: false, count: Party.allCases.count)
        for party in accountParties { present[PartyHoldings.row(of: party)] = true }
        present[PartyHoldings.row(of: .suppliers)] = true
        let parties = Party.allCases.filter { present[PartyHoldings.row(of: $0)] }
        var rows: [PartyPnL] = []
        rows.reserveCapacity(parties.count * state.ledger.assets.count)
        for party in parties {
            let row = PartyHoldings.row(of: party)
            for (asset, token) in state.ledger.assets.enumerated() {
                let amount = end.amounts[row][asset] - initial.amounts[row][asset]
                rows.append(PartyPnL(party: party, asset: AssetID(asset), symbol: token.symbol, decimals: token.decimals, amount: amount,
                                     value: valuation.signedValue(amount, of: AssetID(asset), at: time, state: state)))
            }
        }
        return rows
    }

    /// `account`'s claims in lending market `market`, per listed asset: supplied − debt, raw units.
    func lendingClaims(market: Int, account: AccountID) -> LendingClaims {
        let book = state.markets[market], position = state.position(market: market, account: account)
        return LendingClaims(assets: book.assets.map(\.asset),
                             supplied: book.assets.indices.map { slot in position.map { book.supplied($0, slot: slot) } ?? 0 },
                             debt: book.assets.indices.map { slot in position.map { book.debt($0, slot: slot) } ?? 0 })
    }

    /// A lending position's collateral less its debt at `time`'s reference prices, numeraire.
    func equity(_ position: LendingClaims, at time: Double) -> Double {
        zip(position.assets, position.claims).reduce(0.0) { $0 + signedValue($1.1, of: $1.0, at: time) }
    }

    /// `claim` (raw units of a slot's asset) valued with the slot's `terms` (its decimals and its
    /// price in the numeraire), signed: ``signedValue(_:of:at:)`` with both read already.
    private static func signedValue(_ claim: Int128, _ terms: ClaimTerms) -> Double {
        // Valuation.value: 0 without units, else units × price.
        let value = claim == 0 ? 0 : TokenUnits.toDouble(claim.magnitude, decimals: terms.decimals) * terms.price
        return claim < 0 ? -value : value
    }

    /// A margin position's locked tokens less its loan at `time`'s reference prices, numeraire.
    func equity(_ position: MarginPosition, at venue: MarginVenue, at time: Double) -> Double {
        signedValue(Int128(position.lockedY), of: venue.positionAsset, at: time)
            - signedValue(Int128(position.loanX), of: venue.loanAsset, at: time)
    }

    /// A signed raw amount of `asset` at reference prices, numeraire.
    func signedValue(_ amount: Int128, of asset: AssetID, at time: Double) -> Double {
        valuation.signedValue(amount, of: asset, at: time, state: state)
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

/// The lending positions underwater at the end of a run (their collateral, assets with LT > 0,
/// worth less than their debt at end reference prices), numeraire, summed in account order.
struct UnderwaterDebt {
    /// Their debt (runs.csv `underwater_debt`).
    var debt = 0.0
    /// Their debt less their collateral: what the lenders lose on them when their borrowers
    /// walk away (runs.csv `underwater_shortfall`).
    var shortfall = 0.0
}

/// What ``World/partyHoldingsAndUnderwaterDebt(walkAwayAt:)`` reads once per slot of a lending
/// market: whether the asset is collateral (LT > 0), its decimals, its reference price at the
/// walk-away time (numeraire; 0 without one), and whether the slot's supply and borrow indices
/// are still at 1 (wad).
private struct ClaimTerms {
    let collateral: Bool
    let decimals: Int
    let price: Double
    let suppliedAtPar: Bool
    let debtAtPar: Bool
}

/// One account's position in one lending market, per listed asset (raw units).
struct LendingClaims {
    var assets: [AssetID]
    var supplied: [UInt128]
    var debt: [UInt128]

    /// Supplied − debt per asset.
    var claims: [Int128] { zip(supplied, debt).map { Int128($0) - Int128($1) } }
}
