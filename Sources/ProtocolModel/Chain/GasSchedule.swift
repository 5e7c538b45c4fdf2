/// Gas units charged per transaction and per step kind.
///
/// Defaults are round figures of mainnet costs: 21,000 per transaction (intrinsic gas), about
/// 100k for a Uniswap v2 swap, 150k to add and 120k to remove liquidity, 30k for a token
/// transfer, 5k for a balance check; lending: 100k to deposit, withdraw or repay, 150k to
/// borrow, 250k to liquidate, 150k to start an auction,
/// 100k to bid in an English auction and 150k to settle one; 50k for a flash borrow, 30k for its repayment (a transfer), 60k for
/// a push-oracle round, 60k for a keeper TWAP update; 150k for a trade with an automated price
/// reserve (Kyber's network contract routes through the reserve: about half again a Uniswap v2
/// swap) and 100k for a fixed-price depot purchase (one exchange call, as a swap); 400k to open a
/// margin short (loan bookkeeping, an oracle read and a pool swap inside bZx's `marginTrade`) and
/// 250k to close one (a pool swap and the repayment); 150k for a StableSwap exchange (Curve's
/// 3pool `exchange` costs about 130–150k) and 150k to deposit into or withdraw from a share vault;
/// perp markets: 100k to deposit, withdraw or repay, 200k for a fill (two accounts' health
/// checks), 150k to borrow, 300k to take over a position.
/// Option vaults: 250k to buy or sell an option (an oracle read, Black–Scholes pricing and a
/// portfolio-margin check over the listed series), 80k to deposit or withdraw option margin (a
/// transfer and, for a withdrawal, the margin check), 120k to deposit into or redeem from an option
/// vault (NAV over its series, a transfer and a share mint or burn), 400k to settle a series (an
/// oracle read and one transfer per holder), 350k to liquidate an account's options and 200k for
/// the keeper's hedge (a pool swap and the vault's delta).
public struct GasSchedule: Sendable, Equatable {
    public var base: UInt64 = 21_000
    public var transfer: UInt64 = 30_000
    public var swap: UInt64 = 100_000
    public var addLiquidity: UInt64 = 150_000
    public var removeLiquidity: UInt64 = 120_000
    public var check: UInt64 = 5_000
    public var deposit: UInt64 = 100_000
    public var withdraw: UInt64 = 100_000
    public var borrow: UInt64 = 150_000
    public var repay: UInt64 = 100_000
    public var liquidate: UInt64 = 250_000
    public var startAuction: UInt64 = 150_000
    public var auctionBid: UInt64 = 100_000
    public var auctionSettle: UInt64 = 150_000
    public var flashBorrow: UInt64 = 50_000
    public var flashRepay: UInt64 = 30_000
    public var oracleUpdate: UInt64 = 60_000
    public var twapUpdate: UInt64 = 60_000
    public var reserveSwap: UInt64 = 150_000
    public var depotBuy: UInt64 = 100_000
    public var openShort: UInt64 = 400_000
    public var closeShort: UInt64 = 250_000
    public var stableSwap: UInt64 = 150_000
    public var vaultDeposit: UInt64 = 150_000
    public var vaultWithdraw: UInt64 = 150_000
    public var perpDeposit: UInt64 = 100_000
    public var perpWithdraw: UInt64 = 100_000
    public var perpTrade: UInt64 = 200_000
    public var perpBorrow: UInt64 = 150_000
    public var perpRepay: UInt64 = 100_000
    public var perpLiquidate: UInt64 = 300_000
    public var buyOption: UInt64 = 250_000
    public var sellOption: UInt64 = 250_000
    public var depositMargin: UInt64 = 80_000
    public var withdrawMargin: UInt64 = 80_000
    public var optionVaultDeposit: UInt64 = 120_000
    public var optionVaultWithdraw: UInt64 = 120_000
    public var settleOptions: UInt64 = 400_000
    public var liquidateOptions: UInt64 = 350_000
    public var hedgeVault: UInt64 = 200_000

    public init() {}

    /// Every entry by its scenario key (`gas_units:`), in the order docs and `validate` show.
    public static var entries: [(key: String, field: WritableKeyPath<GasSchedule, UInt64>)] {
        [("base", \.base), ("transfer", \.transfer), ("swap", \.swap), ("add_liquidity", \.addLiquidity),
         ("remove_liquidity", \.removeLiquidity), ("check", \.check), ("deposit", \.deposit), ("withdraw", \.withdraw),
         ("borrow", \.borrow), ("repay", \.repay), ("liquidate", \.liquidate), ("start_auction", \.startAuction),
         ("auction_bid", \.auctionBid), ("auction_settle", \.auctionSettle),
         ("flash_borrow", \.flashBorrow), ("flash_repay", \.flashRepay), ("oracle_update", \.oracleUpdate),
         ("twap_update", \.twapUpdate), ("reserve_swap", \.reserveSwap), ("depot_buy", \.depotBuy),
         ("stable_swap", \.stableSwap), ("vault_deposit", \.vaultDeposit), ("vault_withdraw", \.vaultWithdraw),
         ("open_short", \.openShort), ("close_short", \.closeShort),
         ("buy_option", \.buyOption), ("sell_option", \.sellOption), ("deposit_margin", \.depositMargin),
         ("withdraw_margin", \.withdrawMargin), ("option_vault_deposit", \.optionVaultDeposit),
         ("option_vault_withdraw", \.optionVaultWithdraw), ("settle_options", \.settleOptions),
         ("liquidate_options", \.liquidateOptions), ("hedge_vault", \.hedgeVault), ("perp_deposit", \.perpDeposit),
         ("perp_withdraw", \.perpWithdraw), ("perp_trade", \.perpTrade), ("perp_borrow", \.perpBorrow), ("perp_repay", \.perpRepay),
         ("perp_liquidate", \.perpLiquidate)]
    }

    /// Gas units of one step.
    public func units(of kind: StepKind) -> UInt64 {
        switch kind {
        case .transfer: return transfer
        case .swap: return swap
        case .addLiquidity: return addLiquidity
        case .removeLiquidity: return removeLiquidity
        case .check: return check
        case .deposit: return deposit
        case .withdraw: return withdraw
        case .borrow: return borrow
        case .repay: return repay
        case .liquidate: return liquidate
        case .startAuction: return startAuction
        case .auctionBid: return auctionBid
        case .auctionSettle: return auctionSettle
        case .flashBorrow: return flashBorrow
        case .flashRepay: return flashRepay
        case .oracleUpdate: return oracleUpdate
        case .twapUpdate: return twapUpdate
        case .reserveSwap: return reserveSwap
        case .depotBuy: return depotBuy
        case .openShort: return openShort
        case .closeShort: return closeShort
        case .stableSwap: return stableSwap
        case .vaultDeposit: return vaultDeposit
        case .vaultWithdraw: return vaultWithdraw
        case .perpDeposit: return perpDeposit
        case .perpWithdraw: return perpWithdraw
        case .perpTrade: return perpTrade
        case .perpBorrow: return perpBorrow
        case .perpRepay: return perpRepay
        case .perpLiquidate: return perpLiquidate
        case .buyOption: return buyOption
        case .sellOption: return sellOption
        case .depositMargin: return depositMargin
        case .withdrawMargin: return withdrawMargin
        case .optionVaultDeposit: return optionVaultDeposit
        case .optionVaultWithdraw: return optionVaultWithdraw
        case .settleOptions: return settleOptions
        case .liquidateOptions: return liquidateOptions
        case .hedgeVault: return hedgeVault
        }
    }

    /// Gas units of a whole transaction: the base plus every step. A reverted transaction pays
    /// them all (the model does not refund unused gas). O(steps).
    public func units(of transaction: borrowing Transaction) -> UInt64 {
        transaction.steps.withUnsafeBufferPointer { units(of: $0) }
    }

    /// Gas units of a transaction with these steps, read in place. O(steps).
    // NOTE: each step's kind read through a pointer into the buffer: `reduce`, the array's
    // subscript and a getter called on a buffer element copied every step (an outlined copy of
    // the indirect wallet-call enum) just to read its kind (callgrind). A swap (≈ 80 k of 105 k
    // steps a benchmark day) is told apart by one pattern match, not by the switches over every
    // kind of step and every kind (with the same for a liquidation's record, 961.6 M → 960.6 M a
    // benchmark day, warm-up + 1).
    func units(of steps: UnsafeBufferPointer<Step>) -> UInt64 {
        var total = base
        for index in steps.indices {
            let step = steps.baseAddress! + index
            if case .swap = step.pointee { total += swap } else { total += units(of: Step.kind(at: step)) }
        }
        return total
    }
}
