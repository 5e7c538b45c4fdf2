import Agents
import GSL
import ProtocolModel

/// Borrowers: drawn (WorldBuilder+Lending.swift) or from a snapshot, and their reactions.
extension WorldBuilder {
    mutating func buildBorrowers() throws {
        guard let spec = scenario.borrowers else { return }
        let market = marketIndices[spec.market]!
        let borrowers: [Borrower]
        switch spec.positions {
        case .drawn(let draws):
            borrowers = try buildDrawnBorrowers(draws, count: spec.count, market: market, reacting: spec.behaviour != nil)
        case .snapshot(let snapshot): borrowers = try buildSnapshotBorrowers(snapshot, market: market)
        }
        guard let behaviour = spec.behaviour else { return }
        let stream = RandomStream(replicationSeed: seed, name: "population:borrowers:reserve")
        for borrower in borrowers { try endow(borrower.account, behaviour.reserve, stream) }
        borrowerReactions = BorrowerReactions(
            behaviour: BorrowerBehaviour(below: Self.wad(behaviour.below), action: behaviour.action, target: Self.wad(behaviour.target),
                                         probability: behaviour.probability, latency: behaviour.latency,
                                         priorityFee: GasPriceProcess.wei(gwei: behaviour.priorityFee)),
            market: market, borrowers: borrowers, replicationSeed: seed)
    }

    /// One account per snapshot row, named as in the file: it is endowed with its collateral,
    /// deposits it and borrows the row's debt at genesis, with the rules of ordinary steps
    /// (``ProtocolState/openGenesisPositions(market:_:at:)``); a row the market refuses (beyond
    /// the borrowing power, the cash or a cap) is an ``InputError`` at its line.
    mutating func buildSnapshotBorrowers(_ snapshot: BorrowerSnapshot, market: Int) throws -> [Borrower] {
        var borrowers: [Borrower] = [], rows: [GenesisPosition] = []
        borrowers.reserveCapacity(snapshot.positions.count)
        rows.reserveCapacity(snapshot.positions.count)
        // A row whose amounts do not parse stops the rows after it, as the market's refusal of
        // an earlier row comes first.
        var unparsed: (row: Int, error: WorldBuildError)?
        for (index, position) in snapshot.positions.enumerated() {
            let collateral = assetIDs[position.collateral]!, debt = assetIDs[position.debt]!
            let account = state.addAccount(named: position.account)
            borrowerAccounts.append(account)
            borrowers.append(Borrower(name: position.account, account: account, market: market, collateral: collateral, debt: debt))
            do {
                let collateralAmount = try raw(position.collateralAmount, collateral), debtAmount = try raw(position.debtAmount, debt)
                rows.append(GenesisPosition(account: account, collateral: collateral, collateralAmount: collateralAmount,
                                            debt: debt, borrow: .exact(debtAmount)))
            } catch let error as WorldBuildError {
                unparsed = (index, error)
                break
            }
        }
        do {
            try state.openGenesisPositions(market: market, rows, at: 0)
            if let unparsed { throw Self.refusal(unparsed.error, of: snapshot, row: unparsed.row) }
        } catch let refusal as GenesisRefusal {
            throw Self.refusal(Self.buildError(refusal, name: nil, assets: state.ledger.assets), of: snapshot, row: refusal.row)
        }
        return borrowers
    }

    /// A refused snapshot row as bad input at its line, like a parse error.
    private static func refusal(_ error: WorldBuildError, of snapshot: BorrowerSnapshot, row: Int) -> InputError {
        let position = snapshot.positions[row]
        return InputError("\(position.account): the market refuses this position: \(error.description)",
                          at: SourceLocation(file: snapshot.resolvedPath, line: position.line, column: 1))
    }
}
