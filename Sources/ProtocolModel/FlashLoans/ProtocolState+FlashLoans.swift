extension ProtocolState {
    /// Registers a flash-loan provider lending from `account` while the world is being built.
    public mutating func addFlashLoanProvider(name: String, account: AccountID, feePips: UInt128) -> Int {
        precondition(feePips < ConstantProductPool.feeScale, "a flash-loan fee must be below 100 %")
        flashLoanProviders.append(FlashLoanProvider(name: name, account: account, feePips: feePips))
        return flashLoanProviders.count - 1
    }

    /// What `borrower` owes `provider` in `asset` now (principal + fee), raw units.
    public func flashDebt(provider: Int, asset: AssetID, borrower: AccountID) -> UInt128 {
        flashDebts.first { $0.provider == provider && $0.asset == asset && $0.borrower == borrower }?.owed ?? 0
    }

    /// Lends `amount` to `sender` and records principal + ⌈amount·fee⌉ as owed.
    mutating func flashBorrow(provider: Int, asset: AssetID, amount: UInt128, sender: AccountID) throws(RevertReason) -> StepFlows {
        let lender = flashLoanProviders[provider]
        let owed: UInt128
        do {
            let fee = try FixedPoint.mulDiv(amount, lender.feePips, ConstantProductPool.feeScale, rounding: .up)
            owed = try FixedPoint.add(try FixedPoint.add(amount, fee), flashDebt(provider: provider, asset: asset, borrower: sender))
        } catch { throw .arithmetic(error) }
        do { try ledger.transfer(asset, amount: amount, from: lender.account, to: sender) } catch { throw .ledger(error) }
        setFlashDebt(FlashDebt(provider: provider, asset: asset, borrower: sender, owed: owed))
        return StepFlows(assetOut: asset, amountOut: amount)
    }

    /// Repays min(`amount`, owed) of `sender`'s flash loan.
    mutating func flashRepay(provider: Int, asset: AssetID, amount: UInt128, sender: AccountID) throws(RevertReason) -> StepFlows {
        let owed = flashDebt(provider: provider, asset: asset, borrower: sender)
        let paid = min(amount, owed)
        do { try ledger.transfer(asset, amount: paid, from: sender, to: flashLoanProviders[provider].account) } catch {
            throw .ledger(error)
        }
        setFlashDebt(FlashDebt(provider: provider, asset: asset, borrower: sender, owed: owed - paid))
        return StepFlows(assetIn: asset, amountIn: paid)
    }

    /// The first flash loan still owed, as the end-of-transaction revert reason.
    func unpaidFlashLoan() -> RevertReason? {
        guard let debt = flashDebts.first else { return nil }
        return .flashLoanNotRepaid(provider: flashLoanProviders[debt.provider].name, asset: debt.asset, owed: debt.owed)
    }

    /// Replaces (or removes, when nothing is owed) the matching open loan, journalled.
    private mutating func setFlashDebt(_ debt: FlashDebt) {
        journal(.flashDebts(old: flashDebts))
        flashDebts.removeAll { $0.provider == debt.provider && $0.asset == debt.asset && $0.borrower == debt.borrower }
        if debt.owed > 0 { flashDebts.append(debt) }
    }
}
