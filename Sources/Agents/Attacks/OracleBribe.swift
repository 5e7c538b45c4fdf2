import ProtocolModel

/// The oracle-bribe attack: pay the operators of `sources` members of a median oracle to post
/// `answer` as their rounds, deposit `deposit` of the attacker's own collateral and borrow the
/// most of `borrow` the median then allows — one transaction, each bribe and its false round
/// one signed step (``Step/signedOracleUpdate(oracle:answer:asset:payment:)``), so nothing is
/// paid unless the whole attack lands.
///
/// With `revertIfUnprofitable` it ends with a check that the borrowed `borrow` (less bribes paid
/// in it) is worth at least the collateral left behind plus the bribes paid in other assets, at
/// the reference prices the attacker sees when it decides: a bribe of a minority, which cannot
/// move the median, lends no more than the collateral is worth, so the transaction reverts and
/// costs only gas.
public struct OracleBribe: Sendable, Equatable {
    /// The push oracles bribed (median members), in order.
    public var sources: [Int]
    /// The false price each posts, wad in the oracle's unit.
    public var answer: UInt128
    /// The asset the bribes are paid in and the raw amount per source.
    public var bribeAsset: AssetID
    public var bribe: UInt128
    /// Lending-market index.
    public var market: Int
    public var collateral: AssetID
    /// Raw collateral deposited from the attacker's own balance.
    public var deposit: UInt128
    public var borrow: AssetID
    public var revertIfUnprofitable: Bool

    public init(sources: [Int], answer: UInt128, bribeAsset: AssetID, bribe: UInt128, market: Int, collateral: AssetID,
                deposit: UInt128, borrow: AssetID, revertIfUnprofitable: Bool) {
        self.sources = sources
        self.answer = answer
        self.bribeAsset = bribeAsset
        self.bribe = bribe
        self.market = market
        self.collateral = collateral
        self.deposit = deposit
        self.borrow = borrow
        self.revertIfUnprofitable = revertIfUnprofitable
    }

    /// The attack's one transaction.
    /// - Complexity: O(sources).
    public func steps(_ view: AgentView) -> [Step] {
        var steps: [Step] = sources.map { .signedOracleUpdate(oracle: $0, answer: answer, asset: bribeAsset, payment: bribe) }
        steps.append(.deposit(market: market, asset: collateral, amount: .exact(deposit)))
        steps.append(.borrow(market: market, asset: borrow, amount: .maxBorrow(market: market, asset: borrow)))
        if revertIfUnprofitable { steps.append(.requireGain(asset: borrow, atLeast: minimumGain(view))) }
        return steps
    }

    /// Raw `borrow` the attacker must net for the attack to pay at the reference prices now: the
    /// collateral's value, plus the bribes when they are paid in another asset (rounded up).
    /// - Complexity: O(1).
    func minimumGain(_ view: AgentView) -> UInt128 {
        let state = view.state, time = view.time
        var owed = view.valuation.value(deposit, of: collateral, at: time, state: state)
        if bribeAsset != borrow {
            owed += view.valuation.value(bribe * UInt128(sources.count), of: bribeAsset, at: time, state: state)
        }
        return view.rawUnits(worth: owed, of: borrow)
    }
}
