import ProtocolModel

/// How a liquidator pays the debt it repays.
public enum LiquidatorFunding: Sendable, Equatable {
    /// From its own balance of the debt asset (limited capital).
    case capital
    /// With a flash loan of the debt asset, from the core provider listed for that asset
    /// (`ProtocolState.flashLoanProviders` index per asset), repaid with its fee in the same
    /// transaction; assets without a provider are not liquidated.
    case flashLoan(providers: [AssetID: Int])
}

/// The funding-dependent parts of a liquidation: its gas, its budget, its fee and its steps.
extension Liquidator {
    /// Gas units of one liquidation transaction: `liquidate` + `swap`, plus `flash_borrow` +
    /// `flash_repay` when flash-funded.
    func liquidationGasUnits(_ gas: GasSchedule) -> UInt64 {
        let units = gas.base + gas.liquidate + gas.swap
        guard case .flashLoan = funding else { return units }
        return units + gas.flashBorrow + gas.flashRepay
    }

    /// What it may repay per market slot in one wake-up, raw units, written over `budget`: its
    /// spendable balance of each of the market's `assets`, or when flash-funded the provider's
    /// liquidity of it (0 without a provider).
    func liquidationBudget(_ view: AgentView, assets: [MarketAssetConfig], gasUnits: UInt64, into budget: inout [UInt128]) {
        // A market's assets are listed once: the list is sized at the first wake-up.
        if budget.count != assets.count { budget = Array(repeating: 0, count: assets.count) }
        switch funding {
        case .capital:
            for slot in assets.indices {
                budget[slot] = view.spendable(assets[slot].asset, of: account, gasUnits: gasUnits, priorityFee: priorityFee)
            }
        case .flashLoan(let providers):
            for slot in assets.indices {
                let asset = assets[slot].asset
                budget[slot] = providers[asset].map { view.state.ledger.balance(asset, of: view.state.flashLoanProviders[$0].account) } ?? 0
            }
        }
    }

    /// Takes `amount` out of the wake-up's budget for `slot` and puts back `proceeds`, what the
    /// same transaction's sale is expected to return to it: capital spent on one liquidation is
    /// not available for the next except through its sale. A flash loan's liquidity returns at
    /// the end of each transaction.
    func spend(_ amount: UInt128, regaining proceeds: UInt128, slot: Int, from budget: inout [UInt128]) {
        guard case .capital = funding else { return }
        let (total, overflow) = (budget[slot] - amount).addingReportingOverflow(proceeds)
        budget[slot] = overflow ? .max : total
    }

    /// The flash-loan fee on repaying `repay` of `asset`, raw units, rounded up as the core
    /// charges it; 0 when capital-funded, nil on overflow.
    // NOTE: inlined into the liquidator's walk, its one caller (benchmark-day full day, warm-up + 1:
    // 647.2 M -> 647.0 M; callgrind).
    @inline(__always)
    func fundingFee(_ repay: UInt128, of asset: AssetID, state: ProtocolState) -> UInt128? {
        guard case .flashLoan(let providers) = funding, let provider = providers[asset] else { return 0 }
        return try? FixedPoint.mulDiv(repay, state.flashLoanProviders[provider].feePips, ConstantProductPool.feeScale, rounding: .up)
    }

    /// The steps of one liquidation that sells the seized collateral (what the transaction
    /// received of it) in `pool` for at least `minimumOut` (the repayment plus `fee`, or 0 selling at a loss). Flash-funded, they are wrapped in
    /// `flash_borrow` of the repayment and `flash_repay` of the whole flash debt, so the
    /// liquidator keeps the sale's output less repayment and fee. `twoSteps` lists the two steps
    /// of a liquidation that is not flash-funded.
    func liquidationSteps(borrower: AccountID, debtAsset: AssetID, collateralAsset: AssetID, repay: UInt128, fee: UInt128,
                          pool: Int, zeroForOne: Bool, minimumOut: UInt128,
                          twoSteps: (consuming Step, consuming Step) -> [Step]) -> [Step] {
        let liquidate = Step.liquidate(market: market, borrower: borrower, debtAsset: debtAsset, collateralAsset: collateralAsset,
                                       repay: .exact(repay))
        let swap = Step.swap(pool: pool, zeroForOne: zeroForOne, amountIn: .received(collateralAsset), minAmountOut: minimumOut)
        guard case .flashLoan(let providers) = funding, let provider = providers[debtAsset] else { return twoSteps(liquidate, swap) }
        return [.flashBorrow(provider: provider, asset: debtAsset, amount: .exact(repay)), liquidate, swap,
                .flashRepay(provider: provider, asset: debtAsset, amount: .flashDebt(provider: provider, asset: debtAsset))]
    }
}
