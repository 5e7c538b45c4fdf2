import Testing
@testable import ProtocolModel

/// The Kyber-style reserve and the fixed-price depot of bZx #2 (Qin et al., FC 2021, Fig. 7:
/// rate 0.00252, price range 0.0037–0.0148 ETH/sUSD, ETH inventory 0.90658). Expected values
/// from the closed forms in 60-digit mpmath, floored to raw units.
@Suite("Automated price reserve and fixed-price depot")
struct VenueTests {
    static let ether: UInt128 = 1_000_000_000_000_000_000

    static func bzxReserve(inventoryX: UInt128 = 906_580_000_000_000_000) -> AutomatedPriceReserve {
        AutomatedPriceReserve(decimalsX: 18, decimalsY: 18, minPrice: 3_700_000_000_000_000, maxPrice: 14_800_000_000_000_000,
                              rate: 2_520_000_000_000_000, inventoryX: inventoryX, inventoryY: 1_000_000 * ether)
    }

    @Test("Selling ETH follows the exponential curve: 360 ETH → 63,812.34 sUSD (paper: 176.62 sUSD/ETH)")
    func sellX() throws {
        var reserve = Self.bzxReserve()
        for (input, expected) in [(UInt128(1), UInt128(269_314_042_345_223_926_020)), (100, 23_836_008_175_743_847_552_040),
                                  (360, 63_812_342_360_521_742_596_123)] {
            let out = try reserve.quote(xIn: input * Self.ether)
            #expect(out <= expected && expected - out <= expected / 1_000_000_000_000_000, "\(input) ETH: \(out) vs \(expected) diff \(expected - out)")
        }
        let out = try reserve.sell(xIn: 360 * Self.ether)
        // The model's average rate lies within 0.4 % of the paper's on-chain 176.62 sUSD/ETH.
        let rate = TokenUnits.toDouble(out, decimals: 18) / 360
        #expect(abs(rate / 176.62 - 1) < 0.004)
        #expect(reserve.inventoryX == 906_580_000_000_000_000 + 360 * Self.ether)
        #expect(reserve.inventoryY == 1_000_000 * Self.ether - out)
        // The price after the trade: 1/P = 108.85 sUSD/ETH (paper: 108.44).
        let after = 1 / TokenUnits.toDouble(try reserve.price(rounding: .down), decimals: 18)
        #expect(abs(after - 108.846) < 0.01)
    }

    @Test("Selling sUSD pays ln(1 + rate·P·j)/rate ETH, and selling it back never returns more than was paid")
    func sellY() throws {
        var reserve = Self.bzxReserve(inventoryX: 200 * Self.ether)
        let out = try reserve.sell(yIn: 10_000 * Self.ether)
        let expected: UInt128 = 56_956_854_300_554_078_951
        #expect(out <= expected && expected - out <= expected / 1_000_000_000_000_000, "\(out) vs \(expected)")
        let back = try reserve.quote(xIn: out)
        #expect(back <= 10_000 * Self.ether && 10_000 * Self.ether - back < 1_000_000)  // rounding only: < 10^-15 of the amount
    }

    @Test("Trades beyond the price range or the inventory are refused and change nothing")
    func refusals() {
        var reserve = Self.bzxReserve()
        // 600 ETH would lift the price to 0.0037·e^(0.00252·600.9) = 0.0168 > maxPrice 0.0148.
        #expect(throws: VenueError.priceOutOfRange) { try reserve.sell(xIn: 600 * Self.ether) }
        // At the bottom of its range the reserve cannot buy sUSD.
        #expect(throws: VenueError.priceOutOfRange) { try reserve.sell(yIn: 50_000 * Self.ether) }
        var small = AutomatedPriceReserve(decimalsX: 18, decimalsY: 18, minPrice: 3_700_000_000_000_000,
                                          maxPrice: 14_800_000_000_000_000, rate: 2_520_000_000_000_000,
                                          inventoryX: 0, inventoryY: 1_000 * Self.ether)
        #expect(throws: VenueError.insufficientInventory) { try small.sell(xIn: 10 * Self.ether) }
        #expect(reserve == Self.bzxReserve())
        #expect(small.inventoryY == 1_000 * Self.ether)
    }

    @Test("The depot sells at its fixed price up to its inventory, with one rounding down, and takes only what pays for what it holds")
    func depot() throws {
        let full = FixedPriceDepot(decimalsX: 18, decimalsY: 18, price: 268_300_000_000_000_000_000,
                                   inventoryY: 943_837_590_000_000_000_000_000)
        var depot = full
        let (used, out) = try depot.sell(xIn: 3_517_000_000_000_000_000_000)
        #expect(used == 3_517_000_000_000_000_000_000 && out == 943_611_100_000_000_000_000_000)
        #expect(depot.inventoryY == 943_837_590_000_000_000_000_000 - out)
        // bZx #2: 3,517.86 ETH at 268.30 sUSD/ETH = 943,841.838 sUSD, but the depot held 943,837.59: it sells all
        // of it for ⌈943,837.59 / 268.30⌉ = 3,517.844166977264256430 ETH and leaves the rest with the buyer.
        var capped = full
        let filled = try capped.sell(xIn: 3_517_860_000_000_000_000_000)
        #expect(filled.used == 3_517_844_166_977_264_256_430 && filled.out == 943_837_590_000_000_000_000_000)
        #expect(capped.inventoryY == 0)
        #expect(throws: VenueError.insufficientInventory) { try capped.sell(xIn: 1) }
        // 6-decimal output (USDC-like): 1 wei of ETH at 3,000 USDC/ETH is worth 3·10^-15 USDC: rounds to 0.
        let usdc = FixedPriceDepot(decimalsX: 18, decimalsY: 6, price: 3_000 * Self.ether, inventoryY: 10_000_000_000)
        #expect(try usdc.quote(xIn: 1) == 0)
        #expect(try usdc.quote(xIn: Self.ether) == 3_000_000_000)
    }
}
