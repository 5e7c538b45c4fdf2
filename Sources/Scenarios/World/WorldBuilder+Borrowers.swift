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
        case .drawn(let draws): borrowers = try buildDrawnBorrowers(draws, count: spec.count, market: market)
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
    /// deposits it and borrows the row's debt through ordinary steps at genesis; a row the market
    /// refuses (beyond the borrowing power, the cash or a cap) is an ``InputError`` at its line.
    mutating func buildSnapshotBorrowers(_ snapshot: BorrowerSnapshot, market: Int) throws -> [Borrower] {
        var borrowers: [Borrower] = []
        borrowers.reserveCapacity(snapshot.positions.count)
        for position in snapshot.positions {
            let collateral = assetIDs[position.collateral]!, debt = assetIDs[position.debt]!
            let account = state.addAccount(named: position.account)
            borrowerAccounts.append(account)
            borrowers.append(Borrower(name: position.account, account: account, market: market, collateral: collateral, debt: debt))
            let row = SourceLocation(file: snapshot.resolvedPath, line: position.line, column: 1)
            do {
                let collateralAmount = try raw(position.collateralAmount, collateral), debtAmount = try raw(position.debtAmount, debt)
                guard collateralAmount > 0 else { continue }
                try endow(account, collateral, collateralAmount)
                try genesis(account, [.deposit(market: market, asset: collateral, amount: .exact(collateralAmount))], what: "deposit")
                guard debtAmount > 0 else { continue }
                try genesis(account, [.borrow(market: market, asset: debt, amount: .exact(debtAmount))], what: "borrow")
            } catch let error as WorldBuildError {
                // The row is bad input (the market refuses it), reported at its line like a parse error.
                throw InputError("\(position.account): the market refuses this position: \(error.description)", at: row)
            }
        }
        return borrowers
    }
}
