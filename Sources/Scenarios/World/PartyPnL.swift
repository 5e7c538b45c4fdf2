import ProtocolModel

/// The parties of pnl.csv (DESIGN.md §4): every account of a world belongs to exactly one.
public enum Party: String, CaseIterable, Sendable {
    case attacker
    /// Lenders of the lending markets: the supplier accounts and each market's own books (its
    /// cash less the positions' claims), who bear what defaulting borrowers walk away from; also
    /// the share vaults' accounts (`vault:ID`), whose losses are their depositors'.
    case suppliers
    case borrowers
    /// The genesis and agent liquidity providers and the pools' reserves they own.
    case liquidityProviders = "liquidity_providers"
    case liquidators
    case arbitrageurs
    case noiseTraders = "noise_traders"
    case insuranceFund = "insurance_fund"
    case flashLenders = "flash_lenders"
    case oracleKeepers = "oracle_keepers"
    /// The block builder, who receives every gas payment.
    case gasRecipient = "gas_recipient"
    /// The other venues' owners: automated price reserves, fixed-price depots, and the lenders of
    /// margin venues (who bear what under-water margin positions walk away from).
    case venues
    /// Option vaults' LPs and keepers, the vaults' own accounts (collateral, hedge and traders'
    /// margin held) and the vaults' side of every option position.
    case optionVaults = "option_vaults"
    /// The option traders' population.
    case optionTraders = "option_traders"
}

/// One row of pnl.csv: what one party gained (negative: lost) of one asset over a replication.
public struct PartyPnL: Sendable, Equatable {
    public var party: Party
    public var asset: AssetID
    /// The asset's symbol and decimals, for output.
    public var symbol: String
    public var decimals: Int
    /// Raw units, signed: final − initial holdings (balances plus lending claims).
    public var amount: Int128
    /// `amount` at the end reference prices, in the numeraire.
    public var value: Double

    public init(party: Party, asset: AssetID, symbol: String, decimals: Int, amount: Int128, value: Double) {
        self.party = party
        self.asset = asset
        self.symbol = symbol
        self.decimals = decimals
        self.amount = amount
        self.value = value
    }
}

/// Holdings per party and asset, raw units, signed: ledger balances plus lending positions'
/// claims (supplied − debt), with each market's side of those claims held by ``Party/suppliers``
/// (margin positions likewise: locked tokens − loan, against ``Party/venues``), and each pool's
/// issued LP shares held, negatively, by ``Party/liquidityProviders``. Value is
/// moved, never made: a party's gain is another's loss, so the columns sum to the assets' supply
/// changes — zero for every asset but LP shares, whose issue nets out against the pools.
struct PartyHoldings: Equatable {
    /// Raw units by party row (``row(of:)``) and asset index.
    var amounts: [[Int128]]

    /// The parties in row order: `Party.allCases`, built once (the synthesised `allCases`
    /// builds a new array at every call).
    private static let parties = Party.allCases

    init(assetCount: Int) {
        amounts = [[Int128]](repeating: [Int128](repeating: 0, count: assetCount), count: Self.parties.count)
    }

    /// `party`'s row of ``amounts``. O(parties).
    static func row(of party: Party) -> Int { parties.firstIndex(of: party)! }

    subscript(party: Party, asset: Int) -> Int128 {
        get { amounts[Self.row(of: party)][asset] }
        set { amounts[Self.row(of: party)][asset] = newValue }
    }
}
