import Pricing
import Testing

/// Filling and reuse of `OptionBatch` and `ValuationBatch`: the bulk and in-place paths give
/// the same columns, and so the same valuations, as a batch built option by option.
@Suite("Option batches: repeated rows, in-place market columns, reuse")
struct OptionBatchTests {
    /// Three contracts differing in every field.
    static let options = [
        OptionParameters(kind: .call, spot: 100, strike: 95, expiry: 0.5, rate: 0.03, dividend: 0.01, volatility: 0.25),
        OptionParameters(kind: .put, model: .black76, spot: 2_500, strike: 2_600, expiry: 0.1, rate: 0.05, volatility: 0.8),
        OptionParameters(kind: .put, spot: 40, strike: 35, expiry: 0, rate: 0, volatility: 0),
    ]

    /// Every column of `batch`, for comparing two batches exactly (inputs, not prices).
    static func columns(_ batch: OptionBatch) -> [[Double]] {
        [batch.kinds.map { $0 == .call ? 0 : 1 }, batch.models.map { $0 == .blackScholes ? 0 : 1 },
         batch.spots, batch.strikes, batch.expiries, batch.rates, batch.dividends, batch.volatilities]
    }

    @Test("A batch of each option repeated n times equals one appended option by option, for n = 0, 1 and 5")
    func repeatingEachMatchesSingleAppends() {
        for count in [0, 1, 5] {
            var single = OptionBatch()
            for option in Self.options { for _ in 0..<count { single.append(option) } }
            let bulk = OptionBatch(Self.options, repeatingEach: count)
            #expect(bulk.count == 3 * count)
            #expect(Self.columns(bulk) == Self.columns(single), "n = \(count)")
        }
    }

    @Test("A batch whose market columns are rewritten in place values exactly like a fresh batch of the same options")
    func marketColumnsRewriteMatchesFreshBatch() {
        var reused = OptionBatch(Self.options, repeatingEach: 2)
        _ = BlackScholes.value(reused)
        let moved = Self.options.flatMap { option in
            [0.9, 1.2].map { factor in
                var copy = option
                copy.spot *= factor
                copy.expiry += 0.25
                copy.volatility = 0.3 * factor
                return copy
            }
        }
        reused.withMarketColumns { columns in
            for (index, option) in moved.enumerated() {
                columns.spots[index] = option.spot
                columns.expiries[index] = option.expiry
                columns.volatilities[index] = option.volatility
            }
        }
        let fresh = OptionBatch(moved)
        #expect(Self.columns(reused) == Self.columns(fresh))
        // Identical inputs through the same kernel give identical bits.
        let expected = BlackScholes.value(fresh), actual = BlackScholes.value(reused)
        #expect((0..<expected.count).map { actual[$0] } == (0..<expected.count).map { expected[$0] })
    }

    @Test("A batch refilled after removeAll equals a fresh batch, and so do refilled valuations")
    func refillAfterRemoveAll() {
        var batch = OptionBatch(Self.options.reversed())
        batch.removeAll()
        batch.reserveCapacity(Self.options.count)
        for option in Self.options { batch.append(option) }
        #expect(Self.columns(batch) == Self.columns(OptionBatch(Self.options)))

        let output = BlackScholes.value(batch)
        var valuations = BlackScholes.value(OptionBatch(Self.options.reversed()))
        valuations.removeAll()
        valuations.reserveCapacity(output.count)
        for index in 0..<output.count { valuations.append(output[index]) }
        #expect(valuations.count == output.count)
        #expect((0..<output.count).map { valuations[$0] } == (0..<output.count).map { output[$0] })
    }
}
