/// An amount a step uses, evaluated when the step runs (DESIGN.md §2), so a later step can
/// use what an earlier one produced.
public enum Amount: Sendable, Equatable {
    /// A literal raw amount.
    case exact(UInt128)
    /// The sender's whole balance of the asset at the time the step runs.
    case balance(AssetID)
    /// The sender's balance of the asset at the time the step runs, less a reserve kept back
    /// (zero when the balance is below it).
    case balanceAbove(AssetID, keep: UInt128)
    /// The sender's debt of `asset` in lending market `market`, at the market's last accrual
    /// (lending steps accrue before they evaluate their amount).
    case debt(market: Int, asset: AssetID)
    /// What the sender can still borrow of `asset` in `market`: the least of its borrowing
    /// power, the market's cash and the room under the borrow cap.
    case maxBorrow(market: Int, asset: AssetID)
    /// What the sender owes flash-loan provider `provider` in `asset` (principal + fee).
    case flashDebt(provider: Int, asset: AssetID)
    /// What the sender has received of the asset since its transaction started: its balance now
    /// less its balance before the first step (zero when lower). It sells exactly what earlier
    /// steps brought in, whatever else moved the balance between the decision and the block
    /// (gas paid for other transactions, say). Zero outside a transaction.
    case received(AssetID)
    /// What the sender must sell into pool `pool` (token0 when `zeroForOne`) to bring its price of
    /// token0 in token1 to `price0` (whole units) — to within the pool's fee — as the step finds
    /// the pool, at most the sender's balance; 0 when the pool is there already or beyond, or when
    /// that sale's profit valued at `price0` is not above `minProfit` (a swap of 0 reverts: nothing
    /// to do). The profit is in raw units of token1: what the pool's quote pays less the value of
    /// what is sold (token1 out − token0 in × `price0`, or token0 out × `price0` − token1 in),
    /// the leg in token0 valued through an 18-decimal price rounded against the seller; a
    /// `minProfit` of 0 checks nothing. A trade that closes a block at a target price, whatever
    /// the block's earlier transactions did to it.
    // NOTE: `minProfit` comes before `zeroForOne` so that the Bool ends the payload and the case
    // tag fits in its spare bits: `Amount` stays 33 bytes (stride 48) and `Step` 98 (stride 112);
    // after the Bool it made them 49 (64) and 130 (144).
    case toPrice(pool: Int, price0: Double, minProfit: UInt128 = 0, zeroForOne: Bool)
    /// What the sender can still borrow in perp market `market`: its initial health, at most the
    /// lenders' liquidity (``ProtocolState/perpMaxBorrow(market:account:at:)``).
    case perpMaxBorrow(market: Int)
}

/// The kinds of step, each with its own gas cost (``GasSchedule``) and events.csv `kind`.
public enum StepKind: String, Sendable, CaseIterable {
    case transfer
    case swap
    case addLiquidity = "add_liquidity"
    case removeLiquidity = "remove_liquidity"
    case check
    case deposit
    case withdraw
    case borrow
    case repay
    case liquidate
    case startAuction = "start_auction"
    case auctionBid = "auction_bid"
    case auctionSettle = "auction_settle"
    case flashBorrow = "flash_borrow"
    case flashRepay = "flash_repay"
    case oracleUpdate = "oracle_update"
    case twapUpdate = "twap_update"
    case reserveSwap = "reserve_swap"
    case depotBuy = "depot_buy"
    case openShort = "open_short"
    case closeShort = "close_short"
    case stableSwap = "stable_swap"
    case vaultDeposit = "vault_deposit"
    case vaultWithdraw = "vault_withdraw"
    case perpDeposit = "perp_deposit"
    case perpWithdraw = "perp_withdraw"
    case perpTrade = "perp_trade"
    case perpBorrow = "perp_borrow"
    case perpRepay = "perp_repay"
    case perpLiquidate = "perp_liquidate"
    case buyOption = "buy_option"
    case sellOption = "sell_option"
    case depositMargin = "deposit_margin"
    case withdrawMargin = "withdraw_margin"
    case optionVaultDeposit = "option_vault_deposit"
    case optionVaultWithdraw = "option_vault_withdraw"
    case settleOptions = "settle_options"
    case liquidateOptions = "liquidate_options"
    case hedgeVault = "hedge_vault"

    /// Whether the step trades one token for another at a venue and its record's amounts are the
    /// trade's (a pool swap, a reserve swap, a depot purchase, a stable swap, or an option
    /// vault's delta hedge through a pool): what the swap metrics count, with the pool trades of
    /// ``isMarginTrade`` steps.
    // NOTE: a switch, not a chain of comparisons (≈ 10 instructions a call, ≈ 80 k records a
    // benchmark day; callgrind); the same for `isLiquidation`.
    public var isSwap: Bool {
        switch self {
        case .swap, .reserveSwap, .depotBuy, .stableSwap, .hedgeVault: return true
        default: return false
        }
    }

    /// Whether the step opens or closes a margin short: the venue trades through a pool on the
    /// sender's behalf (``StepRecord/poolInput``), while the record's amounts are the margin
    /// paid in and the payout.
    public var isMarginTrade: Bool {
        switch self {
        case .openShort, .closeShort: return true
        default: return false
        }
    }

    /// Whether the step sells a borrower's collateral for its debt: a liquidation (fixed bonus
    /// or a Dutch-auction purchase) or an English auction's settlement — what the liquidation
    /// metrics count.
    public var isLiquidation: Bool {
        switch self {
        case .liquidate, .auctionSettle: return true
        default: return false
        }
    }
}

/// One operation of a transaction.
// NOTE: every case but `walletCall` holds plain data only (no reference, no String, no array):
// `Chain` writes new steps over its spare lists' old ones without destroying them
// (`Chain.replace(_:with:)`). A case that holds a reference must be destroyed there too.
public enum Step: Sendable, Equatable {
    /// Sends `amount` of `asset` from the sender to `to`.
    case transfer(asset: AssetID, amount: Amount, to: AccountID)
    /// Swaps an exact input into pool `pool`; reverts unless at least `minAmountOut` comes out.
    case swap(pool: Int, zeroForOne: Bool, amountIn: Amount, minAmountOut: UInt128)
    /// Swaps into pool `pool` whichever way brings its price of token0 in token1 to `price0`,
    /// directed and sized when it runs: the swap of ``Amount/toPrice(pool:price0:minProfit:zeroForOne:)``
    /// in the direction the pool must move as the step finds it (no minimum output). It reverts,
    /// as a swap of 0, when the pool is there already or the trade's profit is not above
    /// `minProfit`. A searcher's back-run bundle: one for a pool, whatever the block's earlier
    /// transactions did to it.
    case swapToPrice(pool: Int, price0: Double, minProfit: UInt128)
    /// Adds liquidity: only the amounts matching the pool's ratio are taken.
    case addLiquidity(pool: Int, amount0: Amount, amount1: Amount)
    /// Burns LP shares for the pool's tokens.
    case removeLiquidity(pool: Int, shares: Amount)
    /// A guard: reverts unless the sender holds at least `atLeast` of `asset`.
    case requireBalance(asset: AssetID, atLeast: UInt128)
    /// A guard on the transaction's own result: reverts unless the sender's balance of `asset`
    /// is at least its balance before the first step plus `atLeast` (an attack contract's
    /// `revert_if_unprofitable` check: on-chain balances, not reference prices; DESIGN.md §4).
    case requireGain(asset: AssetID, atLeast: UInt128)
    /// Supplies `amount` of `asset` to lending market `market` (collateral where its LT > 0).
    case deposit(market: Int, asset: AssetID, amount: Amount)
    /// Withdraws supplied `asset`; reverts if the position would exceed its borrowing power.
    case withdraw(market: Int, asset: AssetID, amount: Amount)
    /// Borrows `asset` against the sender's collateral.
    case borrow(market: Int, asset: AssetID, amount: Amount)
    /// Repays the sender's own debt of `asset` (at most the debt).
    case repay(market: Int, asset: AssetID, amount: Amount)
    /// Repays up to close factor × `borrower`'s debt of `debtAsset` and seizes
    /// `collateralAsset` with the bonus; reverts unless the borrower's health is below 1.
    case liquidate(market: Int, borrower: AccountID, debtAsset: AssetID, collateralAsset: AssetID, repay: Amount)
    /// Starts an auction of `borrower`'s collateral in a market whose mechanism is
    /// ``LiquidationMechanism/dutchAuction(_:)`` (Maker's `bark`; later `liquidate` steps buy
    /// from it) or ``LiquidationMechanism/englishAuction(_:)`` (Maker's `bite`; later
    /// `auctionBid` steps bid in it); reverts unless its health is below 1.
    case startAuction(market: Int, borrower: AccountID, debtAsset: AssetID, collateralAsset: AssetID)
    /// Bids `bid` raw units of the debt asset in `borrower`'s English auction (Maker's `tend`).
    case auctionBid(market: Int, borrower: AccountID, bid: UInt128)
    /// Settles `borrower`'s closed English auction (Maker's `deal`): the lot goes to the winner.
    case auctionSettle(market: Int, borrower: AccountID)
    /// Borrows `asset` from flash-loan provider `provider`; principal + fee must be repaid
    /// by the end of the transaction or it reverts.
    case flashBorrow(provider: Int, asset: AssetID, amount: Amount)
    /// Repays a flash loan (at most what is owed).
    case flashRepay(provider: Int, asset: AssetID, amount: Amount)
    /// Posts a new round `answer` (wad) to push oracle `oracle`; only its keeper may send it.
    case oracleUpdate(oracle: Int, answer: UInt128)
    /// Pays push oracle `oracle`'s keeper `payment` raw units of `asset` and posts `answer` as its
    /// new round: a round the keeper signed off-chain, valid only with that payment in the same
    /// transaction (a bribed operator's consent; anyone may submit it). Events kind `oracle_update`.
    case signedOracleUpdate(oracle: Int, answer: UInt128, asset: AssetID, payment: UInt128)
    /// Records a new observation of keeper-updated TWAP oracle `oracle`; anyone may send it.
    case updateTwap(oracle: Int)
    /// Sells an exact input of the reserve's X (`sellX`) or Y into automated price reserve
    /// `reserve`; reverts unless at least `minAmountOut` comes out, or when the price would
    /// leave the reserve's range or the inventory is short.
    case reserveSwap(reserve: Int, sellX: Bool, amountIn: Amount, minAmountOut: UInt128)
    /// Buys from fixed-price depot `depot` with up to `amountIn` of the asset it is paid in: beyond
    /// its inventory it sells what it holds and takes only what pays for that (the rest stays with
    /// the sender, as the Synthetix depot refunded it); reverts unless at least `minAmountOut`
    /// comes out, or when the depot is empty.
    case depotBuy(depot: Int, amountIn: Amount, minAmountOut: UInt128)
    /// Opens (or adds to) the sender's leveraged short at margin venue `venue` with `margin` of
    /// its loan asset: the venue sells margin·ℓ/ocr through its pool and locks what it buys.
    /// Reverts when its liquidity does not cover the loan, or when its equity check is on and
    /// fails.
    case openShort(venue: Int, margin: Amount)
    /// Closes the sender's short at margin venue `venue`: the locked tokens are sold back
    /// through the pool, the loan repaid, the rest paid to the sender.
    case closeShort(venue: Int)
    /// Sells an exact input of coin `from` into StableSwap pool `pool` for coin `to` (Curve's
    /// `exchange`); reverts unless at least `minAmountOut` comes out.
    case stableSwap(pool: Int, from: AssetID, to: AssetID, amountIn: Amount, minAmountOut: UInt128)
    /// Deposits `amount` of vault `vault`'s underlying for its shares at the price per share.
    case vaultDeposit(vault: Int, amount: Amount)
    /// Burns `shares` of vault `vault` for underlying at the price per share, paid from its idle balance.
    case vaultWithdraw(vault: Int, shares: Amount)
    /// Adds `amount` of perp market `market`'s quote asset from the sender to `account`'s
    /// collateral (anyone may fund any account).
    case perpDeposit(market: Int, account: AccountID, amount: Amount)
    /// Withdraws the sender's collateral; reverts when its initial health would be negative.
    case perpWithdraw(market: Int, amount: Amount)
    /// Fills `base` raw units of the perp between the sender (buying when `buy`) and
    /// `counterparty`, whose signed order the sender takes (it names the sender its delegate), at
    /// `price` (wad, quote per base); reverts when either side's initial health ends negative and
    /// lower than before.
    case perpTrade(market: Int, counterparty: AccountID, base: UInt128, price: UInt128, buy: Bool)
    /// Borrows the perp market's quote against the sender's account; reverts beyond the lenders'
    /// liquidity or when its initial health would be negative.
    case perpBorrow(market: Int, amount: Amount)
    /// Repays the sender's perp-market borrowing (at most the debt).
    case perpRepay(market: Int, amount: Amount)
    /// Takes over `account`'s whole position at the mark less the liquidation fee; reverts unless
    /// its maintenance health is negative and the sender's initial health ends non-negative.
    case perpLiquidate(market: Int, account: AccountID)
    /// Buys `contracts` raw contracts (raw units of the underlying) of series `series` from option
    /// vault `vault` at the ask; the premium (collateral raw units, rounded up) goes from the
    /// sender to the vault. Reverts when it exceeds `maxPremium`, the series has expired, or the
    /// vault's NAV would not cover its own margin.
    case buyOption(vault: Int, series: Int, contracts: Amount, maxPremium: UInt128)
    /// Sells `contracts` raw contracts of series `series` to option vault `vault` at the bid
    /// (rounded down, paid by the vault): closes the sender's long first, the rest opens a short
    /// that its option margin must cover. Reverts when the premium is below `minPremium`.
    case sellOption(vault: Int, series: Int, contracts: Amount, minPremium: UInt128)
    /// Moves `amount` of collateral from the sender into its option margin at vault `vault`.
    case depositOptionMargin(vault: Int, amount: Amount)
    /// Withdraws option margin; reverts when the rest is below the sender's requirement.
    case withdrawOptionMargin(vault: Int, amount: Amount)
    /// Deposits `amount` of collateral into option vault `vault` for shares at NAV (rounded down).
    case depositVault(vault: Int, amount: Amount)
    /// Redeems `shares` of option vault `vault` at NAV (rounded down); reverts when the rest
    /// would not cover the vault's margin.
    case withdrawVault(vault: Int, shares: Amount)
    /// Settles series `series` of vault `vault` at or after expiry at the settlement oracle's
    /// price now (anyone, once): every holder is paid exactly.
    case settleOptions(vault: Int, series: Int)
    /// Liquidates `account`'s option positions at vault `vault` (below maintenance only): closed
    /// at mark, the liquidator paid the penalty from the account's margin.
    case liquidateOptions(vault: Int, account: AccountID)
    /// The vault keeper's delta hedge: trades the vault's underlying through `pool` to bring its
    /// net delta to zero (holding no less than zero underlying).
    case hedgeVault(vault: Int, pool: Int)
    /// Runs `step` with `wallet` as its sender: a call into another contract the sender owns
    /// (Cream v1's attacker ran its loop through two contracts, the first calling the second in
    /// the same transaction). Reverts unless `wallet`'s owner (``ProtocolState/walletOwners``) is
    /// the sender. Its gas, kind and events.csv row are `step`'s. The only case that holds a
    /// reference (``Chain`` writes over the others' spare lists without destroying them).
    indirect case walletCall(wallet: AccountID, step: Step)

    /// The amounts the step evaluates when it runs, without building an array: the first
    /// and the second (only `addLiquidity` has two; nil where the step has fewer).
    /// - Complexity: O(1), no allocation (per-transaction code reads it).
    public var amountPair: (first: Amount?, second: Amount?) { withUnsafePointer(to: self) { Step.amountPair(at: $0) } }

    /// ``amountPair`` of the step at `step`, read in place.
    // NOTE: the step is read through a pointer: a method called on an array element or a
    // parameter copied and destroyed the whole step first (an outlined copy of the indirect
    // wallet-call enum; callgrind).
    static func amountPair(at step: UnsafePointer<Step>) -> (first: Amount?, second: Amount?) {
        switch step.pointee {
        case .transfer(_, let amount, _), .swap(_, _, let amount, _), .removeLiquidity(_, let amount), .deposit(_, _, let amount),
             .withdraw(_, _, let amount), .borrow(_, _, let amount), .repay(_, _, let amount),
             .liquidate(_, _, _, _, let amount), .flashBorrow(_, _, let amount), .flashRepay(_, _, let amount),
             .reserveSwap(_, _, let amount, _), .depotBuy(_, let amount, _), .openShort(_, let amount),
             .stableSwap(_, _, _, let amount, _), .vaultDeposit(_, let amount), .vaultWithdraw(_, let amount),
             .perpDeposit(_, _, let amount), .perpWithdraw(_, let amount), .perpBorrow(_, let amount), .perpRepay(_, let amount),
             .buyOption(_, _, let amount, _), .sellOption(_, _, let amount, _), .depositOptionMargin(_, let amount),
             .withdrawOptionMargin(_, let amount), .depositVault(_, let amount), .withdrawVault(_, let amount):
            return (amount, nil)
        case .addLiquidity(_, let amount0, let amount1): return (amount0, amount1)
        case .walletCall(_, let inner): return withUnsafePointer(to: inner) { amountPair(at: $0) }
        case .swapToPrice, .requireBalance, .requireGain, .startAuction, .auctionBid, .auctionSettle, .oracleUpdate, .signedOracleUpdate,
             .updateTwap, .closeShort, .perpTrade, .perpLiquidate, .settleOptions, .liquidateOptions, .hedgeVault: return (nil, nil)
        }
    }

    /// The amounts the step evaluates when it runs.
    public var amounts: [Amount] {
        let (first, second) = amountPair
        return [first, second].compactMap { $0 }
    }

    /// The pool the step names, if any (reserves and depots are not pools; a margin venue's
    /// pool is part of the venue's state: its steps' records name it).
    public var pool: Int? { withUnsafePointer(to: self) { Step.pool(at: $0) } }

    /// ``pool`` of the step at `step`, read in place.
    static func pool(at step: UnsafePointer<Step>) -> Int? {
        switch step.pointee {
        case .swap(let pool, _, _, _), .swapToPrice(let pool, _, _), .addLiquidity(let pool, _, _), .removeLiquidity(let pool, _),
             .hedgeVault(_, let pool): return pool
        case .walletCall(_, let inner): return withUnsafePointer(to: inner) { pool(at: $0) }
        case .transfer, .requireBalance, .requireGain, .deposit, .withdraw, .borrow, .repay, .liquidate, .startAuction,
             .auctionBid, .auctionSettle, .flashBorrow, .flashRepay, .oracleUpdate, .signedOracleUpdate, .updateTwap, .reserveSwap, .depotBuy,
             .openShort, .closeShort, .stableSwap, .vaultDeposit, .vaultWithdraw, .perpDeposit, .perpWithdraw, .perpTrade,
             .perpBorrow, .perpRepay, .perpLiquidate, .buyOption, .sellOption, .depositOptionMargin, .withdrawOptionMargin,
             .depositVault, .withdrawVault, .settleOptions, .liquidateOptions: return nil
        }
    }

    /// The step's kind.
    public var kind: StepKind { withUnsafePointer(to: self) { Step.kind(at: $0) } }

    /// ``kind`` of the step at `step`, read in place.
    static func kind(at step: UnsafePointer<Step>) -> StepKind {
        switch step.pointee {
        case .transfer: return .transfer
        case .swap, .swapToPrice: return .swap
        case .addLiquidity: return .addLiquidity
        case .removeLiquidity: return .removeLiquidity
        case .requireBalance, .requireGain: return .check
        case .deposit: return .deposit
        case .withdraw: return .withdraw
        case .borrow: return .borrow
        case .repay: return .repay
        case .liquidate: return .liquidate
        case .startAuction: return .startAuction
        case .auctionBid: return .auctionBid
        case .auctionSettle: return .auctionSettle
        case .flashBorrow: return .flashBorrow
        case .flashRepay: return .flashRepay
        case .oracleUpdate, .signedOracleUpdate: return .oracleUpdate
        case .updateTwap: return .twapUpdate
        case .reserveSwap: return .reserveSwap
        case .depotBuy: return .depotBuy
        case .openShort: return .openShort
        case .closeShort: return .closeShort
        case .stableSwap: return .stableSwap
        case .vaultDeposit: return .vaultDeposit
        case .vaultWithdraw: return .vaultWithdraw
        case .perpDeposit: return .perpDeposit
        case .perpWithdraw: return .perpWithdraw
        case .perpTrade: return .perpTrade
        case .perpBorrow: return .perpBorrow
        case .perpRepay: return .perpRepay
        case .perpLiquidate: return .perpLiquidate
        case .buyOption: return .buyOption
        case .sellOption: return .sellOption
        case .depositOptionMargin: return .depositMargin
        case .withdrawOptionMargin: return .withdrawMargin
        case .depositVault: return .optionVaultDeposit
        case .withdrawVault: return .optionVaultWithdraw
        case .settleOptions: return .settleOptions
        case .liquidateOptions: return .liquidateOptions
        case .hedgeVault: return .hedgeVault
        case .walletCall(_, let inner): return withUnsafePointer(to: inner) { kind(at: $0) }
        }
    }
}
