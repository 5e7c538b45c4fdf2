import Scenarios

/// The columns of runs.csv, declared in one place (STYLE.md habit 6; DESIGN.md §5):
/// `sweep_point,replication,seed`, one `param_…` column per swept parameter, then the fixed
/// metric set. Column names are never renamed once shipped; new ones are appended.
public enum RunsTable {
    /// The fixed metric columns, in order, with how each is formatted.
    static let metrics: [(name: String, cell: @Sendable (RunMetrics) -> String)] = [
        ("end_time", { CSVFormat.double($0.endTime) }),
        ("blocks", { CSVFormat.int($0.blocks) }),
        ("transactions", { CSVFormat.int($0.transactions) }),
        ("reverted_transactions", { CSVFormat.int($0.revertedTransactions) }),
        ("dropped_transactions", { CSVFormat.int($0.droppedTransactions) }),
        ("gas_used", { CSVFormat.int($0.gasUsed) }),
        ("gas_cost", { CSVFormat.double($0.gasCost) }),
        ("swaps", { CSVFormat.int($0.swaps) }),
        ("swap_volume", { CSVFormat.double($0.swapVolume) }),
        ("swap_fees", { CSVFormat.double($0.swapFees) }),
        ("arbitrage_trades", { CSVFormat.int($0.arbitrageTrades) }),
        ("arbitrageur_pnl", { CSVFormat.double($0.arbitrageurPnl) }),
        ("lp_pnl", { CSVFormat.double($0.lpPnl) }),
        ("noise_trader_pnl", { CSVFormat.double($0.noiseTraderPnl) }),
        ("lp_withdrawals", { CSVFormat.int($0.lpWithdrawals) }),
        ("max_pool_deviation", { CSVFormat.double($0.maxPoolDeviation) }),
        ("mean_pool_deviation", { CSVFormat.double($0.meanPoolDeviation) }),
        ("final_pool_deviation", { CSVFormat.double($0.finalPoolDeviation) }),
        ("liquidations", { CSVFormat.int($0.liquidations) }),
        ("liquidated_volume", { CSVFormat.double($0.liquidatedVolume) }),
        ("bad_debt", { CSVFormat.double($0.badDebt) }),
        ("insurance_fund_used", { CSVFormat.double($0.insuranceFundUsed) }),
        ("min_health", { CSVFormat.double($0.minHealth) }),
        ("cascade_depth", { CSVFormat.int($0.cascadeDepth) }),
        ("underwater_debt", { CSVFormat.double($0.underwaterDebt) }),
        ("circuit_breaker_trips", { CSVFormat.int($0.circuitBreakerTrips) }),
        ("max_oracle_deviation", { CSVFormat.double($0.maxOracleDeviation) }),
        ("attack_executed", { CSVFormat.int($0.attackExecuted) }),
        ("attack_reverted", { CSVFormat.int($0.attackReverted) }),
        ("attack_net_profit", { CSVFormat.double($0.attackNetProfit) }),
        ("attack_cost", { CSVFormat.double($0.attackCost) }),
        ("attack_gross_profit", { CSVFormat.double($0.attackGrossProfit) }),
        ("attack_capital", { CSVFormat.double($0.attackCapital) }),
        ("attack_profit_to_cost", { CSVFormat.double($0.attackProfitToCost) }),
        ("flash_loan_volume", { CSVFormat.double($0.flashLoanVolume) }),
        ("flash_loan_fees", { CSVFormat.double($0.flashLoanFees) }),
        ("attack_swap_fees", { CSVFormat.double($0.attackSwapFees) }),
        ("price_impact_loss", { CSVFormat.double($0.priceImpactLoss) }),
        ("attack_gas_cost", { CSVFormat.double($0.attackGasCost) }),
        ("bribes", { CSVFormat.double($0.bribes) }),
        ("options_open_interest", { CSVFormat.double($0.optionsOpenInterest) }),
        ("vault_pnl", { CSVFormat.double($0.vaultPnl) }),
        ("option_liquidations", { CSVFormat.int($0.optionLiquidations) }),
        ("settlement_price_deviation", { CSVFormat.double($0.settlementPriceDeviation) }),
        ("underwater_shortfall", { CSVFormat.double($0.underwaterShortfall) }),
    ]

    /// The metric column names.
    public static var metricNames: [String] { metrics.map(\.name) }

    /// `param_<key path with . and - as _>`.
    public static func parameterColumn(_ keyPath: String) -> String {
        "param_" + String(keyPath.map { $0 == "." || $0 == "-" ? "_" : $0 })
    }

    /// The header line for the given swept key paths.
    public static func header(parameters: [String]) -> String {
        CSVFormat.line(["sweep_point", "replication", "seed"] + parameters.map(parameterColumn) + metricNames)
    }

    /// One row.
    public static func row(sweepPoint: Int, replication: Int, seed: UInt64, parameterValues: [String],
                           metrics values: RunMetrics) -> String {
        CSVFormat.line(["\(sweepPoint)", "\(replication)", "\(seed)"] + parameterValues.map(CSVFormat.text)
                       + metrics.map { $0.cell(values) })
    }
}
