/// Base addresses of an `OptionBatch`'s arrays, valid inside `OptionBatch.withColumns(_:)`.
struct OptionColumns {
    let kinds: UnsafePointer<OptionKind>
    let models: UnsafePointer<PricingModel>
    let spots: UnsafePointer<Double>
    let strikes: UnsafePointer<Double>
    let expiries: UnsafePointer<Double>
    let rates: UnsafePointer<Double>
    let dividends: UnsafePointer<Double>
    let volatilities: UnsafePointer<Double>
}

/// Base addresses of a `ValuationBatch`'s arrays, valid inside `ValuationBatch.withColumns(_:)`.
struct ValuationColumns {
    let prices: UnsafeMutablePointer<Double>
    let deltas: UnsafeMutablePointer<Double>
    let gammas: UnsafeMutablePointer<Double>
    let vegas: UnsafeMutablePointer<Double>
    let thetas: UnsafeMutablePointer<Double>
    let rhos: UnsafeMutablePointer<Double>
}

extension OptionBatch {
    /// Calls `body` with the base addresses of every array; the batch must not be empty.
    func withColumns<R>(_ body: (OptionColumns) throws -> R) rethrows -> R {
        try kinds.withUnsafeBufferPointer { kinds in
            try models.withUnsafeBufferPointer { models in
                try spots.withUnsafeBufferPointer { spots in
                    try strikes.withUnsafeBufferPointer { strikes in
                        try expiries.withUnsafeBufferPointer { expiries in
                            try rates.withUnsafeBufferPointer { rates in
                                try dividends.withUnsafeBufferPointer { dividends in
                                    try volatilities.withUnsafeBufferPointer { volatilities in
                                        try body(OptionColumns(
                                            kinds: kinds.baseAddress!, models: models.baseAddress!,
                                            spots: spots.baseAddress!, strikes: strikes.baseAddress!,
                                            expiries: expiries.baseAddress!, rates: rates.baseAddress!,
                                            dividends: dividends.baseAddress!, volatilities: volatilities.baseAddress!
                                        ))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension ValuationBatch {
    /// Calls `body` with the base addresses of every array; the batch must not be empty.
    mutating func withColumns<R>(_ body: (ValuationColumns) throws -> R) rethrows -> R {
        try prices.withUnsafeMutableBufferPointer { prices in
            try deltas.withUnsafeMutableBufferPointer { deltas in
                try gammas.withUnsafeMutableBufferPointer { gammas in
                    try vegas.withUnsafeMutableBufferPointer { vegas in
                        try thetas.withUnsafeMutableBufferPointer { thetas in
                            try rhos.withUnsafeMutableBufferPointer { rhos in
                                try body(ValuationColumns(
                                    prices: prices.baseAddress!, deltas: deltas.baseAddress!,
                                    gammas: gammas.baseAddress!, vegas: vegas.baseAddress!,
                                    thetas: thetas.baseAddress!, rhos: rhos.baseAddress!
                                ))
                            }
                        }
                    }
                }
            }
        }
    }
}
