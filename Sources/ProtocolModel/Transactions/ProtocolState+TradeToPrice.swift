extension ProtocolState {
    /// `step` with a ``Step/swapToPrice(pool:price0:minProfit:)`` directed as the pool must move on
    /// the current state: the swap of ``Amount/toPrice(pool:price0:minProfit:zeroForOne:)`` that
    /// way (token0 in when the pool is at or below `price0` or has nothing to trade: that swap
    /// is of 0); any other step as it is. The pool's ``ConstantProductPool/arbitrage(towards:)``
    /// answer is asked of `memo` (``ArbitrageMemo``: the same answer on the same state).
    /// - Complexity: O(1).
    func directedSwap(_ step: UnsafePointer<Step>, memo: inout ArbitrageMemo) -> Step {
        guard case .swapToPrice(let pool, let price0, let minProfit) = step.pointee else { return step.pointee }
        let zeroForOne = memo.arbitrage(pools[pool].pool, index: pool, towards: price0)?.zeroForOne ?? true
        return .swap(pool: pool, zeroForOne: zeroForOne,
                     amountIn: .toPrice(pool: pool, price0: price0, minProfit: minProfit, zeroForOne: zeroForOne), minAmountOut: 0)
    }

    /// The input of ``Amount/toPrice(pool:price0:minProfit:zeroForOne:)`` for `sender` on the
    /// current state: what brings pool `pool`'s price of token0 in token1 to `price0` (selling
    /// token0 when `zeroForOne`), at most `sender`'s balance; 0 when there is nothing to sell in
    /// that direction, or when `minProfit` is above 0 and the sale's profit at `price0`
    /// (``ConstantProductPool/sale(_:zeroForOne:paysAbove:at:)``) is not above it.
    /// - Complexity: O(1).
    func toPriceInput(pool: Int, price0: Double, minProfit: UInt128, zeroForOne: Bool, sender: AccountID) -> UInt128 {
        toPriceInput(pools[pool].pool.arbitrage(towards: price0), pool: pool, price0: price0, minProfit: minProfit,
                     zeroForOne: zeroForOne, sender: sender)
    }

    /// ``toPriceInput(pool:price0:minProfit:zeroForOne:sender:)`` given `trade`, pool `pool`'s
    /// ``ConstantProductPool/arbitrage(towards:)`` answer for `price0` on the current state.
    private func toPriceInput(_ trade: (amountIn: UInt128, zeroForOne: Bool)?, pool: Int, price0: Double, minProfit: UInt128,
                              zeroForOne: Bool, sender: AccountID) -> UInt128 {
        guard let trade, trade.zeroForOne == zeroForOne else { return 0 }
        let (input, _) = pools[pool].assets(zeroForOne: zeroForOne)
        let amountIn = min(trade.amountIn, ledger.balance(input, of: sender))
        guard minProfit > 0, amountIn > 0 else { return amountIn }
        return pools[pool].pool.sale(amountIn, zeroForOne: zeroForOne, paysAbove: minProfit, at: price0) ? amountIn : 0
    }

    /// The ``Amount/toPrice(pool:price0:minProfit:zeroForOne:)`` input of `step` for `sender` on
    /// the current state when `step` is a swap of such an amount, else nil; 0 means that run now,
    /// it would revert (``PoolError/zeroAmount``). The pool's arbitrage is asked of `memo`, which
    /// must hold no answer computed on another state (``ArbitrageMemo/forget()``).
    func toPriceSwapInput(_ step: UnsafePointer<Step>, sender: AccountID, memo: inout ArbitrageMemo) -> UInt128? {
        guard case .swap(_, _, .toPrice(let pool, let price0, let minProfit, let zeroForOne), _) = step.pointee else { return nil }
        return toPriceInput(memo.arbitrage(pools[pool].pool, index: pool, towards: price0), pool: pool, price0: price0, minProfit: minProfit,
                            zeroForOne: zeroForOne, sender: sender)
    }

    /// Whether `input`, the nonzero ``toPriceSwapInput(_:sender:memo:)`` of `step` for `sender` on
    /// an earlier state, is still its input on this one, given that the pools are unchanged since
    /// and `sender`'s balances can only have fallen (a gas payment): `input` = min(the pool's
    /// trade, the balance then) is still that minimum when the balance now covers it (the profit
    /// check then sees the same amount on the same pool).
    /// - Complexity: O(1).
    func toPriceSwapInput(_ input: UInt128, holdsFor step: UnsafePointer<Step>, sender: AccountID) -> Bool {
        guard case .swap(_, _, .toPrice(let pool, _, _, let zeroForOne), _) = step.pointee else { return false }
        return input <= ledger.balance(pools[pool].assets(zeroForOne: zeroForOne).input, of: sender)
    }
}

extension ConstantProductPool {
    /// Whether selling `amountIn` (token0 when `zeroForOne`) at the current reserves yields a
    /// profit valued at `price0` (token0 in whole token1 units) above `minimum` raw token1: the
    /// pool's exact quote (what the swap pays) less the value of the input — token1 out − token0
    /// in × `price0`, or token0 out × `price0` − token1 in. The token0 leg is valued at `price0`
    /// floored to 18 decimals (``token1Value(_:priceWad:rounding:)``), rounded up when sold and
    /// down when bought, so the profit is never overstated by the rounding.
    /// - Complexity: O(1).
    fileprivate func sale(_ amountIn: UInt128, zeroForOne: Bool, paysAbove minimum: UInt128, at price0: Double) -> Bool {
        guard let out = quote(amountIn: amountIn, zeroForOne: zeroForOne) else { return false }
        let priceWad = TokenUnits.fromDouble(price0, decimals: 18)
        do {
            let (proceeds, cost) = zeroForOne
                ? (out, try token1Value(amountIn, priceWad: priceWad, rounding: .up))
                : (try token1Value(out, priceWad: priceWad, rounding: .down), amountIn)
            return proceeds > cost && proceeds - cost > minimum
        } catch {
            return false
        }
    }

    /// The value in raw token1 of `amount0` raw token0 at `priceWad` (whole token1 per whole
    /// token0, 18 decimals): amount0·priceWad/10^decimals0 is the value in 18-decimal whole token1,
    /// then scaled to token1's decimals; both divisions round by `rounding`.
    private func token1Value(_ amount0: UInt128, priceWad: UInt128, rounding: Rounding) throws(ArithmeticError) -> UInt128 {
        let value = try FixedPoint.mulDiv(amount0, priceWad, FixedPoint.powerOfTen(decimals0), rounding: rounding)
        return try FixedPoint.mulDiv(value, FixedPoint.powerOfTen(decimals1), FixedPoint.wad, rounding: rounding)
    }
}
