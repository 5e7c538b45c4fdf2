/// The parts of ``ProtocolState`` most scenarios have none of (or that are empty between
/// transactions and rarely written), stored together behind one copy-on-write reference
/// (``RarePartsBox``): copying the state retains one object for all of them. Read and written
/// through ``ProtocolState``'s properties of the same names.
// NOTE: the flash loans and the referencing journal joined them: two retains and releases
// fewer per sealed view (one a block), ≈ 1.4 M instructions a benchmark day (warm-up + 1).
struct RareParts: Sendable {
    var flashDebts: [FlashDebt] = []
    var referencingUndo: [ReferencingUndo] = []
    var twapOracles: [TwapOracle] = []
    var pushOracles: [PushOracle] = []
    var flashLoanProviders: [FlashLoanProvider] = []
    var reserves: [ReserveVenue] = []
    var depots: [DepotVenue] = []
    var marginVenues: [MarginVenue] = []
    var stablePools: [StableSwapVenue] = []
    var vaults: [ShareVault] = []
    var perpMarkets: [PerpMarket] = []
    var optionVaults: [OptionVault] = []
    var walletOwners: [AccountID: AccountID] = [:]
    var moreStalePools: [Int] = []
}

/// The box of ``RareParts``. Mutated only through ``ProtocolState`` when uniquely referenced
/// (copy on write), so a value shared between threads is never written: hence `@unchecked Sendable`.
final class RarePartsBox: @unchecked Sendable {
    var value: RareParts

    init(_ value: RareParts) {
        self.value = value
    }
}

extension ProtocolState {
    /// Flash loans open in the current transaction; empty between transactions.
    // NOTE: read in place (`_read`), not copied out: every transaction and commit checks these
    // two for emptiness.
    public internal(set) var flashDebts: [FlashDebt] {
        _read { yield rare.value.flashDebts }
        _modify {
            makeRarePartsUnique()
            yield &rare.value.flashDebts
        }
    }

    /// The model journal's records whose old values hold references, in journal order
    /// (ProtocolState+ReferencingUndo.swift).
    var referencingUndo: [ReferencingUndo] {
        _read { yield rare.value.referencingUndo }
        _modify {
            makeRarePartsUnique()
            yield &rare.value.referencingUndo
        }
    }

    /// State of the TWAP oracles, referenced by ``OracleKind/twap(_:)``.
    public internal(set) var twapOracles: [TwapOracle] {
        get { rare.value.twapOracles }
        _modify {
            makeRarePartsUnique()
            yield &rare.value.twapOracles
        }
    }

    /// State of the push oracles, referenced by ``OracleKind/push(_:)``.
    public internal(set) var pushOracles: [PushOracle] {
        get { rare.value.pushOracles }
        _modify {
            makeRarePartsUnique()
            yield &rare.value.pushOracles
        }
    }

    /// Flash-loan providers (FlashLoans/).
    public internal(set) var flashLoanProviders: [FlashLoanProvider] {
        get { rare.value.flashLoanProviders }
        _modify {
            makeRarePartsUnique()
            yield &rare.value.flashLoanProviders
        }
    }

    /// Automated price reserves (Venues/), referenced by ``Step/reserveSwap(reserve:sellX:amountIn:minAmountOut:)``.
    public internal(set) var reserves: [ReserveVenue] {
        get { rare.value.reserves }
        _modify {
            makeRarePartsUnique()
            yield &rare.value.reserves
        }
    }

    /// Fixed-price depots (Venues/), referenced by ``Step/depotBuy(depot:amountIn:minAmountOut:)``.
    public internal(set) var depots: [DepotVenue] {
        get { rare.value.depots }
        _modify {
            makeRarePartsUnique()
            yield &rare.value.depots
        }
    }

    /// Margin-trading venues (Venues/), referenced by ``Step/openShort(venue:margin:)``.
    public internal(set) var marginVenues: [MarginVenue] {
        get { rare.value.marginVenues }
        _modify {
            makeRarePartsUnique()
            yield &rare.value.marginVenues
        }
    }

    /// StableSwap pools (Pools/), referenced by ``Step/stableSwap(pool:from:to:amountIn:minAmountOut:)``.
    public internal(set) var stablePools: [StableSwapVenue] {
        get { rare.value.stablePools }
        _modify {
            makeRarePartsUnique()
            yield &rare.value.stablePools
        }
    }

    /// Share vaults (Vaults/), referenced by ``Step/vaultDeposit(vault:amount:)``.
    public internal(set) var vaults: [ShareVault] {
        get { rare.value.vaults }
        _modify {
            makeRarePartsUnique()
            yield &rare.value.vaults
        }
    }

    /// Perpetual-futures markets (Perps/), referenced by ``Step/perpTrade(market:counterparty:base:price:buy:)``.
    public internal(set) var perpMarkets: [PerpMarket] {
        get { rare.value.perpMarkets }
        _modify {
            makeRarePartsUnique()
            yield &rare.value.perpMarkets
        }
    }

    /// Option vaults (Options/), referenced by the option steps' `vault`.
    public internal(set) var optionVaults: [OptionVault] {
        get { rare.value.optionVaults }
        _modify {
            makeRarePartsUnique()
            yield &rare.value.optionVaults
        }
    }

    /// The owner of each wallet contract, the only sender whose ``Step/walletCall(wallet:step:)``
    /// may act as it (Transactions/ProtocolState+Wallets.swift).
    public internal(set) var walletOwners: [AccountID: AccountID] {
        get { rare.value.walletOwners }
        _modify {
            makeRarePartsUnique()
            yield &rare.value.walletOwners
        }
    }

    /// The pools other than ``firstStalePool`` written since the spot prices were last
    /// refreshed, in the order first written (a world of several traded pools).
    var moreStalePools: [Int] {
        get { rare.value.moreStalePools }
        _modify {
            makeRarePartsUnique()
            yield &rare.value.moreStalePools
        }
    }

    /// Copies the box before a write when another state shares it.
    private mutating func makeRarePartsUnique() {
        if !isKnownUniquelyReferenced(&rare) { rare = RarePartsBox(rare.value) }
    }
}
