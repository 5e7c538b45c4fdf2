/// A position in the ledger's journal, taken when a transaction begins.
public struct LedgerCheckpoint: Sendable, Equatable {
    let journalLength: Int
}

/// A broken ledger invariant: a bug, never a user error.
public struct LedgerInvariantViolation: Error, Sendable, CustomStringConvertible {
    public let description: String
}

extension Ledger {
    /// Marks the start of a transaction (or a nested scope).
    public func checkpoint() -> LedgerCheckpoint {
        LedgerCheckpoint(journalLength: journal.count)
    }

    /// Undoes every write since `checkpoint`, newest first, restoring balances and supplies
    /// exactly. O(writes since the checkpoint).
    public mutating func rollback(to checkpoint: LedgerCheckpoint) {
        while journal.count > checkpoint.journalLength {
            switch journal.removeLast() {
            case .balance(let asset, let account, let old):
                balances[asset.index][account.index] = old
            case .supply(let asset, let old):
                supply[asset.index] = old
            }
        }
    }

    /// Forgets the undo records of the outermost transaction (keeps their storage: no
    /// allocation in the steady state). O(1).
    public mutating func commit() {
        journal.removeAll()
    }

    /// The assets written since `checkpoint`, sorted, without duplicates.
    public func touchedAssets(since checkpoint: LedgerCheckpoint) -> [AssetID] {
        var seen = Set<AssetID>()
        for record in journal[checkpoint.journalLength...] {
            switch record {
            case .balance(let asset, _, _), .supply(let asset, _): seen.insert(asset)
            }
        }
        return seen.sorted()
    }

    /// Checks supply conservation for the writes since `checkpoint`: for every asset touched,
    /// the net change of the balances written equals the net change of its supply. Costs
    /// O(writes since the checkpoint), not O(accounts).
    public func checkConservation(since checkpoint: LedgerCheckpoint) throws(LedgerInvariantViolation) {
        // First-write old values and current values per (asset, account) and per asset supply.
        var firstBalance: [Pair: UInt128] = [:]
        var firstSupply: [AssetID: UInt128] = [:]
        for record in journal[checkpoint.journalLength...] {
            switch record {
            case .balance(let asset, let account, let old):
                let key = Pair(asset: asset, account: account)
                if firstBalance[key] == nil { firstBalance[key] = old }
            case .supply(let asset, let old):
                if firstSupply[asset] == nil { firstSupply[asset] = old }
            }
        }
        // Net change per asset as (increase, decrease) to stay in unsigned arithmetic.
        var increase: [AssetID: UInt128] = [:]
        var decrease: [AssetID: UInt128] = [:]
        for (key, old) in firstBalance {
            let now = balance(key.asset, of: key.account)
            if now >= old { increase[key.asset, default: 0] += now - old } else { decrease[key.asset, default: 0] += old - now }
        }
        let assetsTouched = Set(firstBalance.keys.map(\.asset)).union(firstSupply.keys)
        for asset in assetsTouched {
            let oldSupply = firstSupply[asset] ?? supply[asset.index]
            let newSupply = supply[asset.index]
            let up = increase[asset, default: 0], down = decrease[asset, default: 0]
            let balancesBalanced = newSupply >= oldSupply
                ? (up >= down && up - down == newSupply - oldSupply)
                : (down >= up && down - up == oldSupply - newSupply)
            if !balancesBalanced {
                throw LedgerInvariantViolation(description:
                    "\(assets[asset.index].symbol): balances changed by +\(up)/-\(down) but supply went \(oldSupply) → \(newSupply)")
            }
        }
    }

    /// Checks Σ balances = supply for every asset over all accounts. O(assets × accounts):
    /// for the end of a replication and for tests.
    public func checkFullConservation() throws(LedgerInvariantViolation) {
        for asset in assets.indices {
            var total: UInt128 = 0
            for value in balances[asset] {
                let (sum, overflow) = total.addingReportingOverflow(value)
                if overflow { throw LedgerInvariantViolation(description: "\(assets[asset].symbol): balances overflow") }
                total = sum
            }
            if total != supply[asset] {
                throw LedgerInvariantViolation(description:
                    "\(assets[asset].symbol): Σ balances \(total) ≠ supply \(supply[asset])")
            }
        }
    }

    struct Pair: Hashable {
        let asset: AssetID
        let account: AccountID
    }
}
