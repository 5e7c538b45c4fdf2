/// An automated price reserve as a venue of the protocol: its token pair, the account that holds
/// its inventory on the ledger, and its integer state.
///
/// The inventories are tracked both in ``AutomatedPriceReserve`` and as the ledger balances of
/// ``account``; the invariant check asserts that they agree after every transaction.
public struct ReserveVenue: Sendable, Equatable {
    /// The scenario's id of the reserve, e.g. `kyber_susd`.
    public var name: String
    /// The asset whose inventory sets the price (ETH in bZx #2); prices are in X per Y.
    public var assetX: AssetID
    /// The asset the reserve quotes (sUSD in bZx #2).
    public var assetY: AssetID
    /// The account that holds the inventories.
    public var account: AccountID
    /// The reserve's integer state.
    public var reserve: AutomatedPriceReserve

    public init(name: String, assetX: AssetID, assetY: AssetID, account: AccountID, reserve: AutomatedPriceReserve) {
        self.name = name
        self.assetX = assetX
        self.assetY = assetY
        self.account = account
        self.reserve = reserve
    }
}

/// A fixed-price depot as a venue of the protocol: it sells ``assetY`` for ``assetX`` from the
/// account that holds its inventory, and keeps what buyers pay in the same account.
///
/// The account's Y balance equals the depot's `inventoryY` and its X balance equals
/// ``proceeds``; the invariant check asserts both after every transaction.
public struct DepotVenue: Sendable, Equatable {
    /// The scenario's id of the depot, e.g. `synthetix`.
    public var name: String
    /// The asset buyers pay (ETH in bZx #2).
    public var assetX: AssetID
    /// The asset the depot sells (sUSD in bZx #2).
    public var assetY: AssetID
    /// The account that holds the inventory and the proceeds.
    public var account: AccountID
    /// The depot's integer state (price, Y paid per whole X, wad; inventory).
    public var depot: FixedPriceDepot
    /// X received from buyers so far, raw units.
    public var proceeds: UInt128

    public init(name: String, assetX: AssetID, assetY: AssetID, account: AccountID, depot: FixedPriceDepot, proceeds: UInt128 = 0) {
        self.name = name
        self.assetX = assetX
        self.assetY = assetY
        self.account = account
        self.depot = depot
        self.proceeds = proceeds
    }
}
