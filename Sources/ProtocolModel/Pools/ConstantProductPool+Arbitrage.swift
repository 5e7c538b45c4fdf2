extension ConstantProductPool {
    /// The exact input that maximises an arbitrageur's profit against an external price `price`
    /// (token1 per token0, whole units), or nil when no trade beats the fee: `price` inside the
    /// no-arbitrage band [spot·γ, spot/γ] with γ = 1 − fee.
    ///
    /// Derivation in whole units, x = reserve0, y = reserve1, k = x·y:
    /// - price < spot·γ (token0 dear in the pool) → sell token0 (zeroForOne). Output for Δx is
    ///   y − k/(x + γΔx); profit Δout − price·Δx is maximal where its derivative
    ///   γk/(x + γΔx)² = price, i.e. Δx = (√(γk/price) − x)/γ.
    /// - price > spot/γ (token0 cheap) → buy token0 with token1: symmetrically
    ///   Δy = (√(γ·k·price) − y)/γ.
    ///
    /// At the optimum of a sale, y' = k/(x + γΔx) and x' = x + Δx give the post-trade spot
    /// y'/x' = price·(x + γΔx)/(γ(x + Δx)) ∈ [price, price/γ]; a purchase symmetrically lands in
    /// [price·γ, price]; both lie inside the fee band of `price`. Computed in doubles and floored
    /// to raw units (agents size trades with it; exactness is not needed).
    /// - Complexity: O(1).
    public func arbitrage(towards price: Double) -> (amountIn: UInt128, zeroForOne: Bool)? {
        guard price.isFinite, price > 0, reserve0 > 0, reserve1 > 0 else { return nil }
        let x = TokenUnits.toDouble(reserve0, decimals: decimals0)
        let y = TokenUnits.toDouble(reserve1, decimals: decimals1)
        let gamma = 1 - feeFraction
        let spot = y / x
        let zeroForOne: Bool
        let wholeIn: Double
        if price < spot * gamma {
            zeroForOne = true
            wholeIn = ((gamma * x * y / price).squareRoot() - x) / gamma
        } else if price > spot / gamma {
            zeroForOne = false
            wholeIn = ((gamma * x * y * price).squareRoot() - y) / gamma
        } else {
            return nil
        }
        let amountIn = TokenUnits.fromDouble(wholeIn, decimals: zeroForOne ? decimals0 : decimals1)
        return amountIn > 0 ? (amountIn, zeroForOne) : nil
    }
}
