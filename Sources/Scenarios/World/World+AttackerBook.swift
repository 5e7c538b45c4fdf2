extension World {
    /// Whether the attacker walks away from its positions in lending market `market` at `time`:
    /// its accounts (its own and its wallets) are one book, left to the lenders when their claims
    /// together are worth less than nothing at reference prices. (Cream v1: one wallet's share
    /// collateral is the other's share debt; judged one by one, the under-water half would be
    /// left and the other kept.) O(the attacker's accounts × the market's assets).
    func attackerWalksAway(market: Int, at time: Double) -> Bool {
        guard let attacker else { return false }
        let book = ([attacker.account] + attacker.wallets).filter { state.markets[market].positions[$0] != nil }
        return book.reduce(0.0) { $0 + equity(lendingClaims(market: market, account: $1), at: time) } < 0
    }
}
