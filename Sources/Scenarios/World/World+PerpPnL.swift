import ProtocolModel

extension World {
    /// Adds every perp account's claims to `holdings`: collateral − borrowed + quote balance in
    /// the quote asset and the signed position in the base asset (a synthetic claim; Σ base = 0
    /// and Σ quote = 0, so the claims cancel against the market's), moved from the venues party
    /// (the market's lenders and its collateral account) to the owner's party. With `time`, an
    /// account whose claims are worth less than nothing at that time's reference prices is walked
    /// away from: its claims stay with the venues party.
    /// - Complexity: O(perp accounts).
    func addPerpClaims(to holdings: inout PartyHoldings, walkAwayAt time: Double?) {
        for market in state.perpMarkets {
            for (account, holder) in market.accounts {
                let quote = Int128(holder.collateral) - Int128(holder.borrowed) + holder.quote
                var owner = accountParties[account.index]
                if let time, signedValue(quote, of: market.quoteAsset, at: time) + signedValue(holder.base, of: market.baseAsset, at: time) < 0 {
                    owner = .venues
                }
                holdings[owner, market.quoteAsset.index] += quote
                holdings[owner, market.baseAsset.index] += holder.base
                holdings[.venues, market.quoteAsset.index] -= quote
                holdings[.venues, market.baseAsset.index] -= holder.base
            }
        }
    }
}
