/// One fresh account's opening position in a lending market at genesis: its collateral, minted
/// to it and deposited, then what it borrows (``ProtocolState/openGenesisPositions(market:_:at:)``).
public struct GenesisPosition: Sendable, Equatable {
    /// An account with no position in the market yet.
    public var account: AccountID
    public var collateral: AssetID
    /// Raw units minted to `account` and deposited; 0 opens nothing (no borrow either).
    public var collateralAmount: UInt128
    public var debt: AssetID
    public var borrow: GenesisBorrow

    public init(account: AccountID, collateral: AssetID, collateralAmount: UInt128, debt: AssetID, borrow: GenesisBorrow) {
        self.account = account
        self.collateral = collateral
        self.collateralAmount = collateralAmount
        self.debt = debt
        self.borrow = borrow
    }
}

/// How much a ``GenesisPosition`` borrows after its deposit.
public enum GenesisBorrow: Sendable, Equatable {
    /// Exactly this many raw units (0: nothing).
    case exact(UInt128)
    /// The debt that gives this health factor (a fraction, > 0) at the genesis oracle prices:
    /// weighted collateral / health / debt price, rounded to raw units by
    /// ``TokenUnits/fromDouble(_:decimals:)``, capped by ``ProtocolState/maxBorrow(market:asset:account:at:)``
    /// (borrowing power, cash, borrow cap); nothing when that is 0.
    case health(Double)
}

/// A genesis position the market refuses: the rows before it stand, and so does what the
/// refused row did before the failing stage (its endowment, or its deposit), as with the
/// transactions ``ProtocolState/openGenesisPositions(market:_:at:)`` replaces.
public struct GenesisRefusal: Error, Sendable, Equatable, AssetAmountText {
    /// The refused row's index in the array given.
    public var row: Int
    public var failure: Failure

    /// Which stage failed, with the error its ordinary counterpart gives.
    public enum Failure: Error, Sendable, Equatable {
        /// Minting the collateral (``ProtocolState/endow(_:amount:to:)``).
        case endowment(LedgerError)
        /// The deposit step's revert.
        case deposit(RevertReason)
        /// Valuing the position for a ``GenesisBorrow/health(_:)`` borrow
        /// (``ProtocolState/accountValues(market:account:at:)``, ``ProtocolState/maxBorrow(market:asset:account:at:)``).
        case valuation(RevertReason)
        /// Reading the debt asset's price for a ``GenesisBorrow/health(_:)`` borrow (``ProtocolState/price(_:at:)``).
        case debtPrice(OracleError)
        /// The borrow step's revert.
        case borrow(RevertReason)
    }

    /// The text, amounts in their asset's units (``AssetAmountText``):
    /// "row 3: borrow: lending: debt 2500 USD would exceed borrowing power 2400 USD".
    public func text(assets: [Asset]) -> String {
        switch failure {
        case .endowment(let error): return "row \(row): endowment: \(error.text(assets: assets))"
        case .deposit(let reason): return "row \(row): deposit: \(reason.text(assets: assets))"
        case .valuation(let reason): return "row \(row): \(reason.text(assets: assets))"
        case .debtPrice(let error): return "row \(row): \(error)"
        case .borrow(let reason): return "row \(row): borrow: \(reason.text(assets: assets))"
        }
    }
}
